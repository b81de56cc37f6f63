"""Headlines and headings are drawn bold, on their own rows only."""

from __future__ import annotations

from tests.ui._panel_helpers import ARTICLES


def _text_cells(view, y: int) -> list[tuple[str, bool]]:
    """(text, bold) of the row's letter-bearing segments (the margin and gutter left out)."""
    return [(seg.text, bool(seg.style and seg.style.bold)) for seg in view.render_line(y)
            if any(_arabic(ch) for ch in seg.text)]


def _arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"


async def test_the_headline_row_is_bold_and_the_body_is_not(make_app) -> None:
    index, article = next((i, a) for i, a in enumerate(ARTICLES) if a.headings and a.headings[0][0] == 0)
    body = article.headings[0][1] + 2  # into the next paragraph
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article(index)
        await pilot.pause()
        view = app.view
        y = view.rows.row_of_offset(0) - view.top_row
        head = _text_cells(view, y)
        assert head and all(bold for _, bold in head)
        yb = view.rows.row_of_offset(body) - view.top_row
        plain = [bold for text, bold in _text_cells(view, yb)]
        assert plain and not all(plain)  # body text is regular (a name in it may be bold)
