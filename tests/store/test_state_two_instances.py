"""Two Qari windows on one state file: each save merges per key (newest wins) under a lock, so
neither window's reading positions or settings are lost."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tui.store.state import ReaderState, StateStore


def test_each_window_keeps_the_others_positions(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    a, b = StateStore(path), StateStore(path)
    sa, sb = a.load().state, b.load().state  # both start before either saves
    sa.remember("one:1", 100)
    a.save(sa)
    sb.remember("two:2", 200)
    b.save(sb)  # the last writer used to drop one:1
    on_disk = StateStore(path).load().state
    assert on_disk.positions == {"one:1": 100, "two:2": 200}
    assert sb.positions["one:1"] == 100  # and the window itself now knows where the other one was


def test_newest_position_wins_per_article(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    a, b = StateStore(path), StateStore(path)
    sa, sb = a.load().state, b.load().state
    sa.remember("same:1", 100, when=1000.0)
    sb.remember("same:1", 900, when=2000.0)  # read further, later
    sa.remember("only-a:1", 5, when=1500.0)
    b.save(sb)
    a.save(sa)  # saved last, but its position of same:1 is older
    assert StateStore(path).load().state.positions == {"same:1": 900, "only-a:1": 5}
    # Re-remembering an unchanged offset (every quit does) does not make it new again.
    sa.remember("same:1", 900)
    assert sa.read_at["same:1"] == 2000.0


def test_a_setting_changed_in_one_window_survives_the_others_save(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    StateStore(path).save(ReaderState(settings={"theme": "qari-dark", "harakat": "show"}))
    a, b = StateStore(path), StateStore(path)
    sa, sb = a.load().state, b.load().state
    sa.settings["theme"] = "qari-light"
    a.save(sa)
    sb.settings["harakat"] = "hide"
    b.save(sb)
    assert StateStore(path).load().state.settings == {"theme": "qari-light", "harakat": "hide"}


def test_a_change_within_the_same_millisecond_still_wins(tmp_path: Path) -> None:
    """On a fast machine the first save and both windows' changes fall in one millisecond (the
    stamps' resolution on disk): the changed setting must still be the newer one."""
    path = tmp_path / "state.json"
    StateStore(path).save(ReaderState(settings={"theme": "qari-dark", "harakat": "show"}))
    a, b = StateStore(path), StateStore(path)
    sa, sb = a.load().state, b.load().state
    frozen = sa.settings_at["theme"]  # the clock has not moved since the first save
    sa.settings["theme"] = "qari-light"
    sa.stamp_changed_settings(now=frozen)
    a.save(sa)
    sb.settings["harakat"] = "hide"
    sb.stamp_changed_settings(now=frozen)
    b.save(sb)
    assert StateStore(path).load().state.settings == {"theme": "qari-light", "harakat": "hide"}


def test_version_1_files_still_load_and_merge(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 1, "last_article": "x:1", "positions": {"x:1": 7}, "settings": {}}))
    store = StateStore(path)
    outcome = store.load()
    assert outcome.message is None and outcome.state.positions == {"x:1": 7}
    mine = ReaderState()
    mine.remember("y:1", 3)
    store.save(mine)
    assert StateStore(path).load().state.positions == {"x:1": 7, "y:1": 3}


WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tui.store.state import StateStore
    path, name, n, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    store = StateStore(path)
    state = store.load().state
    while not go.exists():  # both processes start saving at the same moment
        time.sleep(0.001)
    for i in range(n):
        state.remember(f"{name}-{i}:k", i + 1)
        state.settings[name] = i
        store.save(state)
""")


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two real processes, 150 saves each, interleaved: every position of both is on disk at the
    end. (Without the lock a read-merge-write of one falls between the other's, and the other's
    last entries are lost; without the merge, all of one process's entries are.)"""
    path, go = tmp_path / "state.json", tmp_path / "go"
    n = 150
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(n), str(go)])
             for name in ("left", "right")]
    go.touch()
    for p in procs:
        assert p.wait(timeout=120) == 0
    outcome = StateStore(path).load()
    assert outcome.message is None
    positions = outcome.state.positions
    for name in ("left", "right"):
        assert all(positions.get(f"{name}-{i}:k") == i + 1 for i in range(n)), name
        assert outcome.state.settings[name] == n - 1


def test_an_article_only_opened_does_not_beat_a_real_position(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    a, b = StateStore(path), StateStore(path)
    sa, sb = a.load().state, b.load().state
    sa.remember("x:1", 1319, when=1000.0)  # read in one window
    a.save(sa)
    sb.remember("x:1", 0)  # opened at the top in the other, later, and left
    b.save(sb)
    assert StateStore(path).load().state.positions["x:1"] == 1319
