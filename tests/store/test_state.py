"""Reading state survives restarts, partial writes and corruption."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.model import Article
from tui.store import paths
from tui.store.state import MAX_POSITIONS, ReaderState, StateStore, article_key

keys = st.text(min_size=1, max_size=20)


@settings(max_examples=50, deadline=None)
@given(
    last=st.none() | keys,
    positions=st.dictionaries(keys, st.integers(min_value=0, max_value=10**9), max_size=20),
    settings_=st.dictionaries(keys, st.one_of(st.text(max_size=10), st.booleans(), st.integers()), max_size=5),
)
def test_round_trip(tmp_path_factory, last, positions, settings_) -> None:
    store = StateStore(tmp_path_factory.mktemp("s") / "state.json")
    state = ReaderState(last, dict(positions), dict(settings_))
    store.save(state)
    outcome = store.load()
    assert outcome.message is None
    assert outcome.state == state


def test_missing_file_is_a_clean_start(tmp_path: Path) -> None:
    outcome = StateStore(tmp_path / "none" / "state.json").load()
    assert outcome.state == ReaderState() and outcome.message is None


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe garbage", b"[1, 2]", b"", b"[" * 100_000 + b"]" * 100_000,
     b'{"positions": ' * 50_000 + b"1" + b"}" * 50_000],
    ids=["not-json", "not-utf8", "array", "empty", "deep-array", "deep-object"],
)
def test_corrupt_file_is_moved_aside_with_a_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    outcome = StateStore(path).load()
    assert outcome.state == ReaderState()
    assert outcome.message and "corrupt" in outcome.message and "\n" not in outcome.message
    assert not path.exists()
    aside = list(tmp_path.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    # A second corruption in the same second must not overwrite the first one set aside.
    path.write_bytes(content)
    StateStore(path).load()
    assert len(list(tmp_path.glob("state.json.corrupt-*"))) == 2


def test_deep_nesting_is_called_what_it_is(tmp_path: Path) -> None:
    """json raises RecursionError, not a decode error: it used to escape as a traceback at start."""
    path = tmp_path / "state.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    assert "nested too deeply" in StateStore(path).load().message


@pytest.mark.parametrize(
    "content,named",
    [(b'{"positions": {"[/red]": -3, "good:1": 40}}', "'[/red]'"),
     (b'{"positions": {"a": "x", "good:1": 40}}', "'a'"),
     (b'{"last_article": 5, "positions": {"good:1": 40}}', "last_article"),
     (b'{"settings": [1], "positions": {"good:1": 40}}', "settings")],
)
def test_a_wrong_value_is_named_and_dropped_and_the_rest_kept(tmp_path: Path, content: bytes, named: str) -> None:
    """One bad entry used to cost every reading position (the whole file went aside)."""
    path = tmp_path / "state.json"
    path.write_bytes(content)
    outcome = StateStore(path).load()
    assert outcome.state.positions == {"good:1": 40}
    assert outcome.message and named in outcome.message and "\n" not in outcome.message
    assert path.read_bytes() == content and not list(tmp_path.glob("*.corrupt-*"))


def test_save_leaves_no_temporary_files_and_replaces(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    store.save(ReaderState("a", {"a": 1}))
    store.save(ReaderState("b", {"b": 2}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json", "state.json.lock"]
    assert json.loads((tmp_path / "state.json").read_text())["last_article"] == "b"


def test_failed_write_keeps_the_previous_state(tmp_path: Path, monkeypatch) -> None:
    store = StateStore(tmp_path / "state.json")
    store.save(ReaderState("old", {"old": 7}))

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        store.save(ReaderState("new", {}))
    assert store.load().state.last_article == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json", "state.json.lock"]


def test_positions_are_bounded_and_keep_the_most_recent() -> None:
    state = ReaderState()
    for i in range(MAX_POSITIONS + 10):
        state.remember(f"k{i}", i)
    state.remember("k5", 99)  # touched again: must survive the next trims
    for i in range(20):
        state.remember(f"x{i}", i)
    assert len(state.positions) == MAX_POSITIONS
    assert state.position("k5") == 99 and "k0" not in state.positions


def test_article_key_changes_with_content() -> None:
    a = Article(id="001", path="p", text="نص")
    b = Article(id="001", path="p", text="نص آخر")
    assert article_key(a) != article_key(b)
    assert article_key(a) == article_key(Article(id="001", path="q", text="نص"))
    assert article_key(Article(id="x", path="p", text="", content_hash="ab" * 32)).endswith("abababababababab")


def test_directories_honour_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("QARI_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "k"))
    assert paths.state_file() == tmp_path / "d" / "state.json"
    assert paths.keymap_file() == tmp_path / "c" / "keymap.toml"
    assert paths.cache_dir() == tmp_path / "k"
    monkeypatch.delenv("QARI_DATA_DIR")
    assert "qari" in str(paths.data_dir()).lower()
