"""SIGKILL at random moments while the state is being saved: it always loads, and is never older
than the last save that had completed."""

from __future__ import annotations

import os
import random
import select
import signal
from pathlib import Path

import pytest

from tui.store.state import ReaderState, StateStore

KILLS = 200


def _saver(path: Path, write_fd: int, start: int) -> None:  # runs in the forked child
    store = StateStore(path)
    state = ReaderState(last_article="000", positions={"000:x": 0})
    n = start
    while True:
        n += 1
        state.settings["counter"] = n
        state.remember("000:x", n * 7)
        store.save(state)
        os.write(write_fd, f"{n}\n".encode())


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_state_survives_sigkill_during_saves(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    rng = random.Random(1234)
    last_completed = 0
    for _ in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: save forever until killed
            os.close(read_fd)
            try:
                _saver(path, write_fd, last_completed)
            finally:
                os._exit(0)
        os.close(write_fd)
        # Let a random number of saves complete, then kill at a random moment of the next one.
        wanted = rng.randint(0, 3)
        seen = b""
        while seen.count(b"\n") < wanted:
            ready, _, _ = select.select([read_fd], [], [], 10)
            assert ready, "saver made no progress"
            chunk = os.read(read_fd, 4096)
            if not chunk:
                break
            seen += chunk
        for _ in range(rng.randint(0, 20000)):  # a random few microseconds into the next save
            pass
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while True:  # drain what completed before the kill
            ready, _, _ = select.select([read_fd], [], [], 0)
            if not ready:
                break
            chunk = os.read(read_fd, 4096)
            if not chunk:
                break
            seen += chunk
        os.close(read_fd)
        done = [int(x) for x in seen.split()]
        if done:
            last_completed = done[-1]

        outcome = StateStore(path).load()
        if last_completed == 0 and not path.exists():
            continue
        assert outcome.message is None, outcome.message  # never corrupt, never set aside
        counter = outcome.state.settings.get("counter")
        assert isinstance(counter, int)
        assert counter >= last_completed, f"state went back: {counter} < {last_completed}"
        assert counter <= last_completed + 1  # at most the save that was in flight
        assert outcome.state.position("000:x") == counter * 7
        last_completed = counter
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("state.json", "state.json.lock")]
    # Killed saves may leave their temporary file behind, but never a second "state" file.
    assert all(name.startswith(".state.json.") and name.endswith(".tmp") for name in leftovers)
