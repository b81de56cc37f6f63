"""The analysis cache: JSON blobs in SQLite, keyed by (content hash, analyser version).

It knows nothing about analysis; callers decide what a key means and what the blob holds.
A cache is derived data: when the file is unreadable it is moved aside and rebuilt, and the
caller gets a one-line notice to show, never an exception.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from tui.store.paths import cache_dir

FILENAME = "analysis.sqlite3"
_SCHEMA = "CREATE TABLE IF NOT EXISTS blobs (hash TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (hash, version))"
# Large binary values (a corpus-wide link index): one row, no JSON round trip.
_RAW_SCHEMA = "CREATE TABLE IF NOT EXISTS raw (hash TEXT NOT NULL, version TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (hash, version))"

Key = tuple[str, str]


class AnalysisCache:
    """``get((hash, version)) -> dict | None``; ``put((hash, version), dict)``; the same for
    bytes with ``get_bytes``/``put_bytes``; ``delete_bytes`` drops one."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else cache_dir() / FILENAME
        self.notices: list[str] = []
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except (sqlite3.DatabaseError, OSError) as exc:
            self._db = self._recover(exc)

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
            self.notices.append(f"analysis cache {self.path} was unreadable ({exc}); moved to {aside.name} and rebuilt")
            return db
        except (sqlite3.DatabaseError, OSError) as exc2:
            self.notices.append(f"analysis cache {self.path} unusable ({exc2}); continuing without a cache")
            return None

    def get(self, key: Key) -> dict | None:
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
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def get_many(self, keys: list[Key]) -> dict[Key, dict]:
        """Batch lookup (thousands of articles in one query per chunk, not one each)."""
        out: dict[Key, dict] = {}
        if self._db is None or not keys:
            return out
        by_version: dict[str, list[str]] = {}
        for h, v in keys:
            by_version.setdefault(v, []).append(h)
        try:
            for version, hashes in by_version.items():
                for i in range(0, len(hashes), 500):
                    chunk = hashes[i : i + 500]
                    q = f"SELECT hash, data FROM blobs WHERE version=? AND hash IN ({','.join('?' * len(chunk))})"
                    for h, data in self._db.execute(q, [version, *chunk]):
                        try:
                            value = json.loads(data)
                        except ValueError:
                            continue
                        if isinstance(value, dict):
                            out[(h, version)] = value
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
        return out

    def put(self, key: Key, value: dict) -> None:
        self.put_many([(key, value)])

    def put_many(self, items: list[tuple[Key, dict]]) -> None:
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

    def _write(self, sql: str, rows: list[tuple]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(sql, rows)
        except sqlite3.OperationalError as exc:
            # Locked or read-only: the cache is an optimisation, so carry on without it.
            self.notices.append(f"analysis cache not written ({exc})")
        except sqlite3.DatabaseError as exc:
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.notices.append(f"analysis cache {self.path} failed ({exc}); continuing without a cache")
        self.close()

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None

    def __enter__(self) -> AnalysisCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
