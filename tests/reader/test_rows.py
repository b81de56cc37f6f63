"""The row model behind the article view: lazy layout gives the same rows as eager layout."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text.layout import LayoutOptions
from tui.reader.rows import DocumentRows

words = st.sampled_from(["سلام", "على", "العالم", "Qari", "2025", "الرئيس", "ترامب", "،", "."])
paragraph = st.lists(words, min_size=0, max_size=40).map(" ".join)
documents = st.lists(paragraph, min_size=1, max_size=12).map("\n".join)


def _all_rows(rows: DocumentRows) -> list[tuple[int, int]]:
    out = []
    y = 0
    while (r := rows.row(y)) is not None:
        out.append((r.paragraph, r.line))
        y += 1
    return out


@settings(max_examples=60, deadline=None)
@given(text=documents, width=st.integers(min_value=8, max_value=60))
def test_lazy_rows_match_eager_rows(text: str, width: int) -> None:
    lazy = DocumentRows(text, width, LayoutOptions())
    eager = DocumentRows(text, width, LayoutOptions())
    eager.ensure_some(len(text) + 1)
    assert _all_rows(lazy) == _all_rows(eager)
    assert lazy.complete and lazy.total == eager.total
    # every text paragraph is followed by exactly one gap row; blank ones take no rows
    gaps = [p for p, line in _all_rows(eager) if line == -1]
    assert gaps == [i for i, blank in enumerate(eager.blank) if not blank]


@settings(max_examples=60, deadline=None)
@given(text=documents, width=st.integers(min_value=8, max_value=60))
def test_offsets_and_rows_round_trip(text: str, width: int) -> None:
    rows = DocumentRows(text, width, LayoutOptions())
    rows.ensure_some(len(text) + 1)
    for y in range(rows.total):
        r = rows.row(y)
        if r.line >= 0:
            line = rows.line(r)
            assert rows.offset_of_row(y) == line.start
            assert rows.row_of_offset(line.start) == y


def test_estimates_are_replaced_without_moving_earlier_rows() -> None:
    text = "\n".join(["كلمة " * 50] * 30)
    rows = DocumentRows(text, 30, LayoutOptions())
    first = rows.cum[5]
    rows.row(first)  # lays out paragraph 5 only
    assert rows.cum[5] == first
    assert rows.exact[5] and not rows.exact[20]


def test_paragraph_navigation_skips_blank_paragraphs() -> None:
    rows = DocumentRows("أ\n\n\nب\n", 20, LayoutOptions())
    assert rows.next_paragraph(0) == 3
    assert rows.previous_paragraph(3) == 0
    assert rows.next_paragraph(3) is None
    assert rows.paragraph_of_offset(2) == 3  # inside the blank run: reads from the next text
