"""What fetching remembers between runs, in one SQLite file under the data folder (``fetch.sqlite``):
per address its ETag/Last-Modified and the article file it became; per content hash the file, so an
article reached by two addresses is kept once."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tui.store import paths

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at REAL, path TEXT, content_hash TEXT
);
CREATE TABLE IF NOT EXISTS hashes (content_hash TEXT PRIMARY KEY, path TEXT NOT NULL);
"""


def state_path() -> Path:
    return paths.data_dir() / "fetch.sqlite"


@dataclass(slots=True)
class Seen:
    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: float
    path: str | None
    content_hash: str | None


class FetchState:
    """Thread-safe (one connection, one lock): fetch threads record as they finish."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else state_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=5.0)
            db.executescript(SCHEMA)
        except sqlite3.DatabaseError:
            # Not a database (a truncated or foreign file): it only saves requests, so start again
            # beside it rather than refuse to fetch.
            aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            self.path.replace(aside)
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=5.0)
            db.executescript(SCHEMA)
        return db

    def seen(self, url: str) -> Seen | None:
        with self._lock:
            row = self._db.execute("SELECT url, etag, last_modified, fetched_at, path, content_hash FROM urls WHERE url = ?",
                                   (url,)).fetchone()
        return Seen(*row) if row else None

    def known_urls(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT url FROM urls WHERE path IS NOT NULL")}

    def path_of_hash(self, content_hash: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT path FROM hashes WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def record(self, url: str, *, etag: str | None, last_modified: str | None, path: str | None,
               content_hash: str | None, when: float | None = None) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO urls (url, etag, last_modified, fetched_at, path, content_hash) VALUES (?,?,?,?,?,?)",
                (url, etag, last_modified, time.time() if when is None else when, path, content_hash))
            if content_hash and path:
                self._db.execute("INSERT OR REPLACE INTO hashes (content_hash, path) VALUES (?, ?)", (content_hash, path))

    def close(self) -> None:
        with self._lock:
            self._db.close()
