"""The article pane repaints after the window changes size under an overlay panel.

At 120x40 `J`, shrink to 80x24 (an `l` panel there covers the article: 0 columns), widen to
120x40, `esc`: Textual sends the view no Resize (focus() refreshed the compositor's map before the
reflow compared it), so the rows laid out for 0 columns stayed and the pane was blank; `j` and
`space` did nothing either.
"""

from __future__ import annotations

from tests.ui._panel_helpers import PRESENTATION


def _view_text(app) -> list[str]:
    view = app.view
    region = view.region
    strips = app.screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


async def test_article_repaints_after_resize_under_overlay(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("J")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        view = app.view
        assert view.rows is not None and view.rows.width == view.column_width
        text = _view_text(app)
        with_text = [t for t in text if PRESENTATION.search(t)]
        assert len(with_text) >= len(text) // 2, "\n".join(text)
        before = view.position
        await pilot.press("space")
        await pilot.pause()
        assert view.position > before
        assert sum(bool(PRESENTATION.search(t)) for t in _view_text(app)) >= len(text) // 2


async def test_article_follows_every_resize(make_app) -> None:
    """Shrinking and widening with no panel: the column is laid out for each width."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for size in ((80, 24), (200, 50), (60, 20), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            view = app.view
            assert view.rows is not None and view.rows.width == view.column_width, size
            assert any(PRESENTATION.search(t) for t in _view_text(app)), size
