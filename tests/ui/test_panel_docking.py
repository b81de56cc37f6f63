"""Panels follow the window: docked from 100 columns, over the text below, decided on every resize;
docked panels grow with wide terminals while the article keeps a reading measure."""

from __future__ import annotations

from tui.ui.panel_host import PANEL_MIN, PanelHost


async def test_docking_follows_resizes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        host = app.query_one(PanelHost)
        assert not host.has_class("-narrow") and host.outer_size.width == PANEL_MIN
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        # Below 100 columns it covers the body instead of leaving the article ~10 columns.
        assert host.has_class("-narrow")
        assert host.region.width >= 80 - 36 - 1
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert not host.has_class("-narrow")
        assert host.outer_size.width >= 75  # was 44 whatever the width: link reasons cut at 43
        assert app.view.column_width >= 60  # the article keeps a reading measure beside it
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not host.has_class("-narrow") and host.outer_size.width == PANEL_MIN
        await pilot.press("escape")
        await pilot.pause()
        assert not host.display


async def test_overlay_opened_narrow_docks_when_widened(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        host = app.query_one(PanelHost)
        assert host.has_class("-narrow")
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        await pilot.pause()
        assert not host.has_class("-narrow")
        assert app.view.rows is not None and app.view.column_width >= 40
