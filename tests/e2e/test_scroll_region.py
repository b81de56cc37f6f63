"""Scrolling by moving terminal rows, in a real terminal (tmux): line by line down and up, the screen
must be identical, character and attribute, to that of a Qari that repaints every row."""

from __future__ import annotations

import subprocess

import pytest

from .conftest import ROOT, Pane, qari_command

pytestmark = pytest.mark.e2e

STEPS = 14
CORPUS = ROOT / "corpus"
LONGEST = max(CORPUS.iterdir(), key=lambda p: p.stat().st_size)


def _capture(pane: Pane) -> str:
    out = subprocess.run(pane.cmd("capture-pane", "-t", pane.name, "-p", "-e"), capture_output=True, text=True)
    return out.stdout


def _settle(pane: Pane, reference: Pane, before: str, key: str) -> None:
    """After ``key``: the reference has moved on from ``before`` and the pane shows the same."""
    reference.wait_for(lambda s: s != before)
    try:
        pane.wait_for(lambda s: _capture(pane) == _capture(reference), timeout=10)
    except AssertionError:
        ours, theirs = pane.screen().splitlines(), reference.screen().splitlines()
        diff = [f"row {i + 1}:\n  moved:   {a!r}\n  repaint: {b!r}" for i, (a, b) in enumerate(zip(ours, theirs)) if a != b]
        raise AssertionError(f"after {key!r} the screen differs from a full repaint:\n" + "\n".join(diff[:6])) from None


@pytest.mark.parametrize("size", [(120, 40), (100, 30)], ids=["120x40", "100x30"])
def test_line_scrolls_leave_the_screen_a_full_repaint_would(tmux, size) -> None:
    width, height = size
    # The longest article first (the sidebar still lists all five, so it shares the rows as usual).
    args = [str(LONGEST), str(CORPUS)]
    pane = tmux(qari_command(*args), width=width, height=height)
    reference = tmux(qari_command(*args), width=width, height=height, env={"QARI_SCROLL_REGION": "off"})
    for p in (pane, reference):
        p.wait_for(lambda s: "Qari" in s and "¶" in s)
    _settle(pane, reference, "", "start")
    for key in ["j"] * STEPS + ["k"] * STEPS + ["j", "k"] * 3:
        before = reference.screen()
        pane.send(key)
        reference.send(key)
        _settle(pane, reference, before, key)
    moved = pane.output_bytes()
    assert b"\x1b[r" in moved, "the rows were never moved: the test proved nothing"
    assert b"\x1b[r" not in reference.output_bytes(), "QARI_SCROLL_REGION=off still moved rows"
    assert b"\x1b[?69h" not in moved, "left/right margins used inside tmux, which has none"
