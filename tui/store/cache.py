"""The analysis cache: JSON blobs in SQLite, keyed by (content hash, analyser version).

It knows nothing about analysis; callers decide what a key means and what the blob holds.
A cache is derived data: when the file is corrupt it is moved aside and rebuilt, and the caller
gets a one-line notice to show, never an exception. Only corruption (SQLite's CORRUPT/NOTADB) moves
a file aside: a write that fails (a full disk, a read-only folder, a lock) says so and leaves a
good cache alone; it is then read without writing where SQLite allows it. A row that does not
parse (or nests too deeply for the JSON parser) is a miss and is deleted, so it is analysed again.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
import urllib.parse
from pathlib import Path
from typing import Any

from tui.store.paths import cache_dir

FILENAME = "analysis.sqlite3"
_SCHEMA = "CREATE TABLE IF NOT EXISTS blobs (hash TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (hash, version))"
# Large binary values (a corpus-wide link index): one row, no JSON round trip.
_RAW_SCHEMA = "CREATE TABLE IF NOT EXISTS raw (hash TEXT NOT NULL, version TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (hash, version))"

Key = tuple[str, str]

_CORRUPTION = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)
_BAD_ROW = (ValueError, RecursionError)  # what json.loads raises on a damaged row


def is_corruption(exc: BaseException) -> bool:
    """Whether an SQLite error means the file itself is damaged (not full, locked or read-only)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in _CORRUPTION
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text)


def _disk_full(path: Path, exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == 13 or "disk is full" in str(exc):  # SQLITE_FULL
        return True
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 1024 * 1024


class AnalysisCache:
    """``get((hash, version)) -> dict | None``; ``put((hash, version), dict)``; the same for
    bytes with ``get_bytes``/``put_bytes``; ``delete_bytes`` drops one."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else cache_dir() / FILENAME
        self.notices: list[str] = []
        self.read_only = False
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except (sqlite3.DatabaseError, OSError) as exc:
            self._db = self._recover(exc) if is_corruption(exc) else self._without_writing(exc)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            # WAL lets readers run while a writer commits (two Qari windows on one cache).
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            db.execute(_RAW_SCHEMA)
            db.execute("SELECT count(*) FROM blobs LIMIT 1").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _note(self, message: str) -> None:
        if message not in self.notices:  # a full disk fails every batch: say it once
            self.notices.append(message)

    def _why_not_written(self, exc: BaseException) -> str:
        if _disk_full(self.path, exc):
            return "the disk is full"
        return str(exc) or type(exc).__name__

    def _without_writing(self, exc: BaseException) -> sqlite3.Connection | None:
        """Opening for writing failed without the file being damaged: keep it, read it if we can."""
        why = self._why_not_written(exc)
        wal = Path(str(self.path) + "-wal")
        try:
            # Immutable read-only needs no -shm file (which a full disk cannot grow); it is only
            # right when no write is pending in the WAL, and nothing can write on a full disk.
            if self.path.is_file() and (not wal.exists() or wal.stat().st_size == 0):
                uri = f"file:{urllib.parse.quote(str(self.path))}?mode=ro&immutable=1"
                db = sqlite3.connect(uri, uri=True, check_same_thread=False)
                db.execute("SELECT count(*) FROM blobs LIMIT 1").fetchone()
                self.read_only = True
                self._note(f"analysis cache {self.path} cannot be written ({why}); reading it without saving new analyses")
                return db
        except (sqlite3.DatabaseError, OSError):
            pass
        self._note(f"analysis cache {self.path} cannot be opened ({why}); continuing without a cache")
        return None

    def _recover(self, exc: Exception) -> sqlite3.Connection | None:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        try:
            if self.path.exists():
                os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                extra = Path(str(self.path) + suffix)
                if extra.exists():
                    extra.unlink()
            db = self._open()
            self._note(f"analysis cache {self.path} was unreadable ({exc}); moved to {aside.name} and rebuilt")
            return db
        except (sqlite3.DatabaseError, OSError) as exc2:
            self._note(f"analysis cache {self.path} unusable ({self._why_not_written(exc2)}); continuing without a cache")
            return None

    def get(self, key: Key) -> dict[str, Any] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT data FROM blobs WHERE hash=? AND version=?", key).fetchone()
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
            return None
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except _BAD_ROW:
            self._drop([key])
            return None
        return value if isinstance(value, dict) else None

    def get_many(self, keys: list[Key]) -> dict[Key, dict[str, Any]]:
        """Batch lookup (thousands of articles in one query per chunk, not one each)."""
        out: dict[Key, dict[str, Any]] = {}
        if self._db is None or not keys:
            return out
        by_version: dict[str, list[str]] = {}
        for h, v in keys:
            by_version.setdefault(v, []).append(h)
        damaged: list[Key] = []
        try:
            for version, hashes in by_version.items():
                for i in range(0, len(hashes), 500):
                    chunk = hashes[i : i + 500]
                    q = f"SELECT hash, data FROM blobs WHERE version=? AND hash IN ({','.join('?' * len(chunk))})"
                    for h, data in self._db.execute(q, [version, *chunk]).fetchall():
                        try:
                            value = json.loads(data)
                        except _BAD_ROW:
                            damaged.append((h, version))
                            continue
                        if isinstance(value, dict):
                            out[(h, version)] = value
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
        self._drop(damaged)
        return out

    def _drop(self, keys: list[Key]) -> None:
        if keys:
            self._write("DELETE FROM blobs WHERE hash=? AND version=?", keys)

    def put(self, key: Key, value: dict[str, Any]) -> None:
        self.put_many([(key, value)])

    def put_many(self, items: list[tuple[Key, dict[str, Any]]]) -> None:
        if self._db is None or not items:
            return
        rows = [(h, v, json.dumps(value, ensure_ascii=False, separators=(",", ":"))) for (h, v), value in items]
        self._write("INSERT OR REPLACE INTO blobs (hash, version, data) VALUES (?, ?, ?)", rows)

    def get_bytes(self, key: Key) -> bytes | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT data FROM raw WHERE hash=? AND version=?", key).fetchone()
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
            return None
        return bytes(row[0]) if row is not None and isinstance(row[0], (bytes, memoryview)) else None

    def put_bytes(self, key: Key, data: bytes) -> None:
        self._write("INSERT OR REPLACE INTO raw (hash, version, data) VALUES (?, ?, ?)", [(*key, sqlite3.Binary(data))])

    def delete_bytes(self, key: Key) -> None:
        self._write("DELETE FROM raw WHERE hash=? AND version=?", [key])

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if self._db is None or self.read_only:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
            if is_corruption(exc):
                self._fail(exc)
            else:
                # Full, locked or read-only: the cache is an optimisation and what it holds is
                # still good, so carry on reading it and say why nothing new was saved.
                self._note(f"analysis cache not written ({self._why_not_written(exc)}); analyses of this run are not saved")
        except OSError as exc:
            self._note(f"analysis cache not written ({self._why_not_written(exc)}); analyses of this run are not saved")

    def _fail(self, exc: Exception) -> None:
        """A read or write found the file damaged: set it aside and start a new one."""
        self.close()
        if is_corruption(exc) and not self.read_only:  # immutable reads of a live file can look torn
            self._db = self._recover(exc)
        else:
            self._note(f"analysis cache {self.path} failed ({self._why_not_written(exc)}); continuing without a cache")

    def close(self) -> None:
        """Close the connection; the last one to close checkpoints the WAL and removes the
        ``-wal``/``-shm`` files, so a clean quit leaves only the database."""
        if self._db is not None:
            try:
                if not self.read_only:
                    self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.DatabaseError:
                pass  # busy (another window reads) or full: the next close checkpoints
            try:
                self._db.close()
            finally:
                self._db = None

    def __enter__(self) -> AnalysisCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
