"""Remembered reading state: the last article, each article's position, and reader settings.

Pure (no Textual). Positions are *logical offsets* into ``Article.text`` so they survive a
different terminal width, reorder mode or harakat setting. Articles are keyed by id plus a hash
of their content, so an edited file does not jump to a stale offset.

Writes are atomic (temporary file in the same folder, fsync, ``os.replace``): a crash mid-write
leaves the previous state intact. A file that cannot be parsed is moved aside, never deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tui.corpus.model import Article

FORMAT_VERSION = 1
# Bound the file: a reader who opens thousands of articles should not grow it without limit.
MAX_POSITIONS = 2000


def article_key(article: Article) -> str:
    """Stable key for an article: its id plus a short hash of its content."""
    digest = article.content_hash or hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    return f"{article.id}:{digest[:16]}"


@dataclass
class ReaderState:
    last_article: str | None = None
    positions: dict[str, int] = field(default_factory=dict)
    settings: dict[str, object] = field(default_factory=dict)

    def position(self, key: str) -> int:
        return max(0, int(self.positions.get(key, 0)))

    def remember(self, key: str, offset: int) -> None:
        # Re-inserting moves the key to the end, so trimming drops the least recently read.
        self.positions.pop(key, None)
        self.positions[key] = max(0, int(offset))
        while len(self.positions) > MAX_POSITIONS:
            self.positions.pop(next(iter(self.positions)))

    def to_json(self) -> dict[str, object]:
        return {
            "version": FORMAT_VERSION,
            "last_article": self.last_article,
            "positions": dict(self.positions),
            "settings": dict(self.settings),
        }

    @classmethod
    def from_json(cls, data: object) -> ReaderState:
        if not isinstance(data, dict):
            raise ValueError("state is not a JSON object")
        last = data.get("last_article")
        positions = data.get("positions", {})
        settings = data.get("settings", {})
        if last is not None and not isinstance(last, str):
            raise ValueError("last_article is not a string")
        if not isinstance(positions, dict) or not isinstance(settings, dict):
            raise ValueError("positions or settings is not an object")
        clean: dict[str, int] = {}
        for key, value in positions.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"position of {key!r} is not a non-negative integer")
            clean[str(key)] = value
        return cls(last, clean, dict(settings))


@dataclass
class LoadOutcome:
    state: ReaderState
    message: str | None = None  # one line for the user when the file had to be set aside


class StateStore:
    """Reads and writes ``ReaderState`` to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self) -> LoadOutcome:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadOutcome(ReaderState())
        except OSError as exc:
            return LoadOutcome(ReaderState(), f"Could not read {self.path} ({exc.strerror}); starting clean.")
        try:
            return LoadOutcome(ReaderState.from_json(json.loads(raw.decode("utf-8"))))
        except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
            aside = self._move_aside()
            where = f"moved to {aside.name}" if aside else "left in place"
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return LoadOutcome(ReaderState(), f"Reading state was corrupt ({reason}); {where}, starting clean.")

    def _move_aside(self) -> Path | None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, target)
        except OSError:
            return None
        return target

    def save(self, state: ReaderState) -> None:
        """Write atomically; raises OSError when the folder is not writable."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(state.to_json(), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        try:
            # Make the rename itself durable; not every platform allows opening a directory.
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)
