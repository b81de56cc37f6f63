"""Keys in a burst, as tmux send-keys, a paste or a slow SSH link deliver them: "/putin" lands in the
search box, and "enter n n" after it steps through the hits instead of being typed into it."""

from __future__ import annotations

import re

from tests.e2e.conftest import qari_command


def test_a_burst_after_slash_fills_the_box_and_n_after_enter_steps(tmux) -> None:
    pane = tmux(qari_command(), width=80, height=24)
    pane.wait_for(lambda s: "¶" in s, timeout=60)  # the analysis is in: search has its index
    pane.send("/putin")  # one write: the keys reach qari together
    screen = pane.wait_for(lambda s: re.search(r"\d+ here · \d+ in corpus", s) is not None)
    assert "putin" in screen
    pane.send("Enter", "nn")
    screen = pane.wait_for(lambda s: "hit 3/" in s)
    assert re.search(r"hit 3/\d+ · article 1/\d+", screen)
    pane.send("/")  # the box again: the query as it was, nothing typed into it after enter
    screen = pane.wait_for(lambda s: "in corpus" in s)
    assert "putin" in screen and "putinn" not in screen
