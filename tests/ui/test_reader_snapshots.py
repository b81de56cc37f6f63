"""SVG snapshots of the main screen (regenerate with --snapshot-update after a deliberate change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.corpus.startup import load

CORPUS = load([])


def _app(tmp_path: Path) -> QariApp:
    return QariApp(CORPUS.articles, CORPUS.skipped, store=StateStore(tmp_path / "state.json"),
                   keymap_path=tmp_path / "none.toml", theme="qari-dark")


async def _settle(pilot) -> None:
    await pilot.pause()
    pilot.app.view.finish_layout()  # exact scrollbar, independent of background-layout timing
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
def test_main_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_settle)


def test_main_screen_after_paragraph_keys(snap_compare, tmp_path: Path) -> None:
    async def before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("J", "J", "right_curly_bracket", "right_curly_bracket")
        await _settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=(100, 30), run_before=before)
