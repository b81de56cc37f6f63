"""The analysis cache under faults: damaged rows are analysed again, a full disk is not corruption,
and a clean quit leaves no WAL file behind."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tui.analysis.cli import run_analyze
from tui.analysis.pipeline import _DECODED, analyze_corpus
from tui.corpus.model import Article
from tui.store import cache as cache_mod
from tui.store.cache import AnalysisCache

TEXT = "قمة الرياض\n\nعقدت قمة الرياض في 18 فبراير 2025 بين وفدي ترامب وبوتين لبحث إنهاء الحرب في أوكرانيا.\n"
DEEP = "[" * 100_000 + "]" * 100_000


def article() -> Article:
    return Article(id="a", path="a.txt", text=TEXT, raw=TEXT, title="قمة الرياض", content_hash="cd" * 32)


def rows(path: Path) -> dict[tuple[str, str], str]:
    db = sqlite3.connect(path)
    try:
        return {(h, v): d for h, v, d in db.execute("SELECT hash, version, data FROM blobs")}
    finally:
        db.close()


def set_rows(path: Path, data: str, where: str = "data LIKE '{\"p\":%'") -> None:
    db = sqlite3.connect(path)
    db.execute(f"UPDATE blobs SET data=? WHERE {where}", (data,))
    db.commit()
    db.close()


@pytest.fixture(autouse=True)
def fresh_memo():
    _DECODED.clear()  # rows decoded by an earlier run in this process would hide what is on disk
    yield
    _DECODED.clear()


def test_a_deeply_nested_row_is_dropped_and_analysed_again(tmp_path: Path) -> None:
    """json.loads raises RecursionError on it: analysis failed on every run, the row stayed."""
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as c:
        good = analyze_corpus([article()], cache=c, workers=1)["a"]
    set_rows(p, DEEP)
    _DECODED.clear()
    with AnalysisCache(p) as c:
        again = analyze_corpus([article()], cache=c, workers=1)["a"]
        assert not c.notices
    assert again.passages == good.passages and again.entities == good.entities
    assert all(json.loads(d) is not None for d in rows(p).values())  # rewritten, parseable again
    assert DEEP not in rows(p).values()


def test_get_and_get_many_drop_a_deep_row(tmp_path: Path) -> None:
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as c:
        c.put_many([(("h1", "v"), {"a": 1}), (("h2", "v"), {"a": 2})])
    set_rows(p, DEEP, "hash='h1'")
    with AnalysisCache(p) as c:
        assert c.get_many([("h1", "v"), ("h2", "v")]) == {("h2", "v"): {"a": 2}}
    assert list(rows(p)) == [("h2", "v")]
    set_rows(p, DEEP, "hash='h2'")
    with AnalysisCache(p) as c:
        assert c.get(("h2", "v")) is None
    assert rows(p) == {}


@pytest.mark.parametrize("bogus", [[0, 1e9], [-3, 5], [5, 2], [0, 10**9]])
def test_bogus_offsets_from_the_cache_never_reach_the_json(tmp_path: Path, monkeypatch, capsysbinary, bogus) -> None:
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    ns = argparse.Namespace(paths=[str(f)], json=True, repairs=False, no_cache=False)
    assert run_analyze(ns) == 0
    clean = json.loads(capsysbinary.readouterr().out)
    db_path = tmp_path / "cache" / "analysis.sqlite3"
    ((h, v), data), = [(k, d) for k, d in rows(db_path).items() if '"p":' in d]  # the article's row
    row = json.loads(data)
    row["p"][:2] = bogus
    row["e"] = [[bogus[0], bogus[1], "x", "PER", "e1", "x"]] + row["e"]
    set_rows(db_path, json.dumps(row), f"hash='{h}' AND version='{v}'")
    _DECODED.clear()
    assert run_analyze(ns) == 0
    doc = json.loads(capsysbinary.readouterr().out)
    (art,) = doc["articles"]
    n = len(art["text"])
    for item in [*art["passages"], *art["entities"], *art["dates"]]:
        assert isinstance(item["start"], int) and isinstance(item["end"], int)
        assert 0 <= item["start"] <= item["end"] <= n
    assert art["passages"] == clean["articles"][0]["passages"]


# -- a full disk --------------------------------------------------------------------------------------

FULL = "database or disk is full"


class FullDisk(sqlite3.Connection):
    """A connection on a disk with no room left: reads work, anything that writes fails."""

    def execute(self, sql, *args):
        if not sql.lstrip().upper().startswith("SELECT"):
            raise sqlite3.OperationalError(FULL)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        raise sqlite3.OperationalError(FULL)


def _valid_cache(tmp_path: Path) -> Path:
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as c:
        c.put_many([((f"h{i}", "v"), {"i": i}) for i in range(50)])
    return p


def test_full_disk_at_open_keeps_the_cache_and_reads_it(tmp_path: Path, monkeypatch) -> None:
    """It used to be renamed .corrupt-* and replaced by an empty one (which then failed too)."""
    p = _valid_cache(tmp_path)
    before = p.read_bytes()
    real = sqlite3.connect
    monkeypatch.setattr(cache_mod.sqlite3, "connect",
                        lambda *a, **k: real(*a, **k) if k.get("uri") else real(*a, factory=FullDisk, **k))
    with AnalysisCache(p) as c:
        assert c.notices == [f"analysis cache {p} cannot be written (the disk is full); reading it without saving new analyses"]
        assert c.get(("h3", "v")) == {"i": 3}
        assert len(c.get_many([(f"h{i}", "v") for i in range(50)])) == 50
        c.put(("new", "v"), {"x": 1})  # silently not saved: already said once
        assert len(c.notices) == 1
    assert not [f for f in os.listdir(tmp_path) if ".corrupt-" in f]
    assert p.read_bytes() == before


def test_full_disk_while_writing_keeps_reading(tmp_path: Path, monkeypatch) -> None:
    p = _valid_cache(tmp_path)
    with AnalysisCache(p) as c:
        c._db.close()
        c._db = sqlite3.connect(p, isolation_level=None, check_same_thread=False, factory=FullDisk)
        for i in range(3):
            c.put((f"n{i}", "v"), {"x": i})
        assert c.notices == ["analysis cache not written (the disk is full); analyses of this run are not saved"]
        assert c.get(("h7", "v")) == {"i": 7}  # still open, still read
    assert not [f for f in os.listdir(tmp_path) if ".corrupt-" in f]
    assert len(rows(p)) == 50


def test_real_corruption_is_still_moved_aside(tmp_path: Path) -> None:
    p = _valid_cache(tmp_path)
    data = bytearray(p.read_bytes())
    data[0:16] = b"not a database!!"
    p.write_bytes(bytes(data))
    with AnalysisCache(p) as c:
        assert "moved to" in c.notices[0]
        c.put(("h", "v"), {"ok": True})
        assert c.get(("h", "v")) == {"ok": True}
    assert len([f for f in os.listdir(tmp_path) if ".corrupt-" in f]) == 1


def test_a_real_full_tmpfs(tmp_path: Path) -> None:
    """As root with tmpfs: a cache on a disk that is really full (skipped elsewhere)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root and tmpfs to mount a small file system")
    try:
        p = _valid_cache(mnt)
        with open(mnt / "filler", "wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"x" * 4096)
            except OSError:
                pass
        with AnalysisCache(p) as c:
            assert any("the disk is full" in n for n in c.notices), c.notices
            assert c.get(("h9", "v")) == {"i": 9}
            c.put_many([((f"n{i}", "v"), {"x": "y" * 50_000}) for i in range(5)])
        assert not [f for f in os.listdir(mnt) if ".corrupt-" in f]
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


# -- a clean quit ----------------------------------------------------------------------------------------

def test_close_leaves_no_wal_file(tmp_path: Path) -> None:
    p = tmp_path / "c.sqlite3"
    c = AnalysisCache(p)
    c.put(("h", "v"), {"a": 1})
    assert Path(f"{p}-wal").exists()
    c.close()
    assert sorted(os.listdir(tmp_path)) == ["c.sqlite3"]


async def test_the_reader_closes_its_cache(tmp_path: Path, monkeypatch) -> None:
    """The reader's analysis opened a cache and never closed it: -wal and -shm stayed after q."""
    from tui.store.state import StateStore
    from tui.ui.app import QariApp

    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cache"))
    app = QariApp([article()], [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "k.toml",
                  analyze=True)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(500):  # the analysis starts after the first refresh, then runs in a thread
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.analyses:
                break
        assert app.analyses
        await pilot.press("q")
    assert sorted(os.listdir(tmp_path / "cache")) == ["analysis.sqlite3"]
