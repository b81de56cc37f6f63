"""SVG snapshots of each side panel and the search prompt, docked (120x40) and overlaid (80x24).

Regenerate with --snapshot-update after a deliberate change, and look at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.ui._panel_helpers import make_app

# 80x24 only: there the panel covers the article, so these pictures change with the panels and
# not with the article view's own rendering (highlighting is still moving). 120x40 to follow.
SIZES = [(80, 24)]
IDS = ["80x24"]


def _before(keys: list[str], article: int = 1):
    async def run(pilot) -> None:
        app = pilot.app
        app._open(article, save=False)
        await pilot.pause()
        app.view.finish_layout()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        for field in app.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run


def _app(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    app.theme = "qari-dark"
    return app


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_entities_panel(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["e"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_dates_panel(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["d"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_links_panel(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["space", "space", "l"], 3))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_search_results(snap_compare, tmp_path, monkeypatch, size) -> None:
    keys = ["slash", *"ترامب", "enter"]
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(keys))
