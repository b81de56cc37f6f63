"""Remembered reading state: the last article, each article's position, and reader settings.

Pure (no Textual). Positions are *logical offsets* into ``Article.text`` so they survive a
different terminal width, reorder mode or harakat setting. Articles are keyed by id plus a hash
of their content, so an edited file does not jump to a stale offset.

Writes are atomic (temporary file in the same folder, fsync, ``os.replace``): a crash mid-write
leaves the previous state intact. A file that cannot be parsed is moved aside, never deleted; a
file that parses but holds a wrong value (a negative position, a list where settings belong) keeps
everything else, and the wrong values are named in one line and dropped.

Two Qari windows share one file: every position and setting carries the time it was last changed,
and a save merges with what is on disk under a lock (``state.json.lock``), newest first per key, so
neither window's reading positions are lost (the last writer alone would win otherwise).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.corpus.model import Article
from tui.store.atomic import write_atomic

FORMAT_VERSION = 2  # 2 added read_at/settings_at; version 1 files load (their entries count as old)
# Bound the file: a reader who opens thousands of articles should not grow it without limit.
MAX_POSITIONS = 2000
LOCK_WAIT = 5.0  # seconds: a save holds the lock for milliseconds; past this, save without it


def article_key(article: Article) -> str:
    """Stable key for an article: its id plus a short hash of its content."""
    digest = article.content_hash or hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    return f"{article.id}:{digest[:16]}"


def _stamp(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 else 0.0


@dataclass
class ReaderState:
    last_article: str | None = None
    positions: dict[str, int] = field(default_factory=dict)
    settings: dict[str, object] = field(default_factory=dict)
    # When each position / setting last changed (seconds since the epoch); 0 = unknown (old file).
    read_at: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    settings_at: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    # Settings as last read from or written to disk: a value that differs was changed here.
    synced_settings: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def position(self, key: str) -> int:
        value = self.positions.get(key, 0)
        return max(0, int(value)) if isinstance(value, int) else 0

    def remember(self, key: str, offset: int, when: float | None = None) -> None:
        offset = max(0, int(offset))
        # Re-inserting moves the key to the end, so trimming drops the least recently read. An
        # unchanged position keeps its time: re-saving on quit must not beat a newer window's.
        previous = self.positions.pop(key, None)
        self.positions[key] = offset
        if previous is None and offset == 0 and when is None:
            # Opened and left at the top: no reading to keep, so any other window's position wins.
            self.read_at[key] = 0.0
        elif previous != offset or key not in self.read_at:
            self.read_at[key] = time.time() if when is None else when
        self._trim()

    def _trim(self) -> None:
        while len(self.positions) > MAX_POSITIONS:
            oldest = next(iter(self.positions))
            self.positions.pop(oldest)
            self.read_at.pop(oldest, None)

    def stamp_changed_settings(self, now: float | None = None) -> None:
        """Give every setting changed since the last sync the current time, and always a time later
        than the one this window knew for it: stamps are kept to the millisecond, and a change made
        within the same millisecond as the value it replaces must still count as newer."""
        now = time.time() if now is None else now
        for name, value in self.settings.items():
            if name not in self.synced_settings or self.synced_settings[name] != value:
                self.settings_at[name] = max(now, self.settings_at.get(name, 0.0) + 0.001)
        self.synced_settings = dict(self.settings)

    def merge(self, other: ReaderState) -> None:
        """Take from ``other`` (what another window saved) every position and setting that is newer
        than ours, and those we do not have; ours win ties. ``last_article`` stays ours."""
        for key, offset in other.positions.items():
            theirs = other.read_at.get(key, 0.0)
            if key not in self.positions or theirs > self.read_at.get(key, 0.0):
                self.positions[key] = offset
                self.read_at[key] = theirs
        # Most recently read last, so trimming drops the oldest of both windows.
        order = sorted(self.positions, key=lambda k: self.read_at.get(k, 0.0))
        self.positions = {k: self.positions[k] for k in order}
        self._trim()
        for name, value in other.settings.items():
            theirs = other.settings_at.get(name, 0.0)
            if name not in self.settings or theirs > self.settings_at.get(name, 0.0):
                self.settings[name] = value
                self.settings_at[name] = theirs
        self.synced_settings = dict(self.settings)

    def to_json(self) -> dict[str, object]:
        return {
            "version": FORMAT_VERSION,
            "last_article": self.last_article,
            "positions": dict(self.positions),
            "read_at": {k: round(v, 3) for k, v in self.read_at.items() if k in self.positions},
            "settings": dict(self.settings),
            "settings_at": {k: round(v, 3) for k, v in self.settings_at.items() if k in self.settings},
        }

    @classmethod
    def from_json(cls, data: object, problems: list[str] | None = None) -> ReaderState:
        """Raises ValueError only when ``data`` is not a state at all; a wrong value inside is
        dropped and named in ``problems``."""
        if not isinstance(data, dict):
            raise ValueError("state is not a JSON object")
        problems = problems if problems is not None else []
        last = data.get("last_article")
        if last is not None and not isinstance(last, str):
            problems.append("last_article is not a string")
            last = None
        positions = data.get("positions", {})
        settings = data.get("settings", {})
        if not isinstance(positions, dict):
            problems.append("positions is not an object")
            positions = {}
        if not isinstance(settings, dict):
            problems.append("settings is not an object")
            settings = {}
        read_at = data.get("read_at")
        read_at = read_at if isinstance(read_at, dict) else {}
        settings_at = data.get("settings_at")
        settings_at = settings_at if isinstance(settings_at, dict) else {}
        clean: dict[str, int] = {}
        bad = []
        for key, value in positions.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                bad.append(key)
                continue
            clean[str(key)] = value
        if bad:
            problems.append(f"position of {bad[0]!r} is not a non-negative integer"
                            + (f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""))
        state = cls(last, clean, dict(settings))
        state.read_at = {k: _stamp(read_at.get(k)) for k in clean}
        state.settings_at = {k: _stamp(settings_at.get(k)) for k in state.settings}
        state.synced_settings = dict(state.settings)
        return state


@dataclass
class LoadOutcome:
    state: ReaderState
    message: str | None = None  # one line for the user when the file had to be set aside


# Errors that mean "this file is not a state": deep nesting makes json raise RecursionError.
_CORRUPT = (UnicodeDecodeError, json.JSONDecodeError, ValueError, RecursionError)


class StateStore:
    """Reads and writes ``ReaderState`` to one JSON file, merging with other windows' saves."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    def load(self) -> LoadOutcome:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadOutcome(ReaderState())
        except OSError as exc:
            return LoadOutcome(ReaderState(), f"Could not read {self.path} ({exc.strerror}); starting clean.")
        problems: list[str] = []
        try:
            state = ReaderState.from_json(json.loads(raw.decode("utf-8")), problems)
        except _CORRUPT as exc:
            aside = self._move_aside()
            where = f"moved to {aside.name}" if aside else "left in place"
            if isinstance(exc, RecursionError):
                reason = "nested too deeply"
            else:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return LoadOutcome(ReaderState(), f"Reading state was corrupt ({reason}); {where}, starting clean.")
        if problems:
            return LoadOutcome(state, f"Reading state {self.path.name}: {'; '.join(problems)}; ignored.")
        return LoadOutcome(state)

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

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """An exclusive ``flock`` on the lock file beside the state, for one read-merge-write.

        Without fcntl (Windows), or when the lock file cannot be made, or after LOCK_WAIT seconds
        (a lock on a network file system that never answers), the save goes ahead unlocked: the
        write itself stays atomic."""
        try:
            import fcntl
        except ImportError:
            yield
            return
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            yield
            return
        try:
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.005)
                except OSError:
                    break
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _on_disk(self) -> ReaderState | None:
        try:
            raw = self.path.read_bytes()
            return ReaderState.from_json(json.loads(raw.decode("utf-8")))
        except (OSError, *_CORRUPT):
            return None

    def save(self, state: ReaderState) -> None:
        """Merge with what another window saved, then write atomically (``state`` is updated in
        place with the other window's newer entries). Raises OSError when the folder is not
        writable or the disk is full; the file on disk is then unchanged."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        state.stamp_changed_settings()
        with self._locked():
            disk = self._on_disk()
            if disk is not None:
                state.merge(disk)
            self._write(state)

    def _write(self, state: ReaderState) -> None:
        data = json.dumps(state.to_json(), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        write_atomic(self.path, data)
