import os
import sqlite3

from tui.store.cache import AnalysisCache


def test_put_then_get_roundtrip_and_miss(tmp_path):
    with AnalysisCache(tmp_path / "c.sqlite3") as c:
        assert c.get(("h", "1")) is None
        c.put(("h", "1"), {"x": "قمة", "n": [1, 2]})
        assert c.get(("h", "1")) == {"x": "قمة", "n": [1, 2]}
        assert c.get(("h", "2")) is None  # another analyser version is a miss


def test_persists_across_instances_and_batch_api(tmp_path):
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as c:
        c.put_many([((f"h{i}", "v"), {"i": i}) for i in range(700)])
    with AnalysisCache(p) as c:
        got = c.get_many([(f"h{i}", "v") for i in range(0, 700, 3)] + [("nope", "v")])
    assert len(got) == len(range(0, 700, 3))
    assert got[("h3", "v")] == {"i": 3}


def test_env_var_sets_location(tmp_path, monkeypatch):
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cc"))
    with AnalysisCache() as c:
        c.put(("a", "b"), {})
        assert str(c.path).startswith(str(tmp_path / "cc"))
    assert (tmp_path / "cc").is_dir()


def test_corrupt_file_is_moved_aside_and_rebuilt(tmp_path):
    p = tmp_path / "c.sqlite3"
    p.write_bytes(b"\x00garbage\xff" * 500)
    with AnalysisCache(p) as c:
        assert c.notices and "moved" in c.notices[0]
        assert c.get(("h", "1")) is None
        c.put(("h", "1"), {"ok": True})
        assert c.get(("h", "1")) == {"ok": True}
    aside = [f for f in os.listdir(tmp_path) if ".corrupt-" in f]
    assert len(aside) == 1
    assert (tmp_path / aside[0]).read_bytes().startswith(b"\x00garbage")


def test_wal_mode_and_concurrent_reader(tmp_path):
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as writer, AnalysisCache(p) as reader:
        writer.put(("h", "v"), {"a": 1})
        assert reader.get(("h", "v")) == {"a": 1}
        mode = sqlite3.connect(p).execute("PRAGMA journal_mode").fetchone()[0]
        assert mode.lower() == "wal"


def test_unparsable_blob_is_a_miss(tmp_path):
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as c:
        c.put(("h", "v"), {"a": 1})
    db = sqlite3.connect(p)
    db.execute("UPDATE blobs SET data='{not json'")
    db.commit()
    db.close()
    with AnalysisCache(p) as c:
        assert c.get(("h", "v")) is None


def test_bytes_roundtrip_delete_and_persistence(tmp_path):
    p = tmp_path / "c.sqlite3"
    data = bytes(range(256)) * 1000
    with AnalysisCache(p) as c:
        assert c.get_bytes(("h", "v")) is None
        c.put_bytes(("h", "v"), data)
        c.put_bytes(("h", "w"), b"other")
        assert c.get_bytes(("h", "v")) == data
        assert c.get(("h", "v")) is None  # bytes and JSON values do not mix
    with AnalysisCache(p) as c:
        assert c.get_bytes(("h", "v")) == data
        c.delete_bytes(("h", "v"))
        assert c.get_bytes(("h", "v")) is None
        assert c.get_bytes(("h", "w")) == b"other"


def test_bytes_without_a_usable_file_are_a_miss(tmp_path):
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as c:
        c.close()
        c.put_bytes(("h", "v"), b"x")
        assert c.get_bytes(("h", "v")) is None
