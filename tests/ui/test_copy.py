"""y / Y put the logical passage (and its citation) on the clipboard."""

from __future__ import annotations

import pytest

from tui.reader.citation import citation_line, passage_text

from tests.ui._panel_helpers import ARTICLES, PRESENTATION, analyses, make_app


@pytest.mark.parametrize("shared", [True, False])
async def test_y_copies_the_logical_passage_and_Y_adds_the_citation(tmp_path, monkeypatch, shared) -> None:
    app = make_app(tmp_path, monkeypatch, shared=shared)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(2, save=False)
        await pilot.pause()
        view = app.view
        view.finish_layout()
        await pilot.press("space")
        await pilot.pause()
        offset = view.position
        assert offset > 0
        article = ARTICLES[2]
        an = analyses()[article.id] if shared else None
        await pilot.press("y")
        await pilot.pause()
        expected = passage_text(article, an, offset)
        assert app.clipboard == expected
        assert expected and expected in article.text and not PRESENTATION.search(expected)
        await pilot.press("Y")
        await pilot.pause()
        line = citation_line(article, an)
        assert line and app.clipboard == f"{expected}\n{line}"
        assert article.title in app.clipboard.splitlines()[-1]
