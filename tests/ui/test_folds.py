"""Folded boilerplate in the row model: labels, hidden paragraphs, offsets that stay logical."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.model import Fold
from tui.text.layout import LayoutOptions
from tui.reader.rows import DocumentRows, fold_groups

TEXT = "عاجل\nالجمعة 5 ديسمبر\nرئيس التحرير\nعمرو الديب\n\nنص الخبر الأول هنا.\nاقرأ أيضا\nنهاية."


def spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def test_fold_groups_merge_adjacent_folds_of_one_kind() -> None:
    s = spans(TEXT)
    folds = [Fold(*s[0], "breaking"), Fold(*s[1], "masthead"), Fold(*s[2], "masthead"), Fold(*s[3], "masthead"),
             Fold(*s[6], "read-also")]
    groups = fold_groups(TEXT, folds)
    assert [g[2] for g in groups] == ["عاجل", "masthead (3 lines)", "اقرأ أيضا"]
    assert groups[1][:2] == (s[1][0], s[3][1])


def test_folded_rows_show_one_label_row_per_group() -> None:
    s = spans(TEXT)
    folds = fold_groups(TEXT, [Fold(*s[1], "masthead"), Fold(*s[2], "masthead"), Fold(*s[3], "masthead")])
    plain = DocumentRows(TEXT, 40, LayoutOptions())
    rows = DocumentRows(TEXT, 40, LayoutOptions(), folds)
    rows.ensure_some(10**6)
    plain.ensure_some(10**6)
    assert rows.total == plain.total - 4  # three 2-row paragraphs become one 2-row label
    label_row = rows.row_of_offset(s[1][0])
    assert rows.row(label_row).paragraph == 1 and rows.fold_label[1] == "masthead (3 lines)"
    assert rows.offset_of_row(label_row) == s[1][0]
    # An offset inside a hidden line reads on from the next visible paragraph.
    assert rows.row_of_offset(s[2][0] + 2) == rows.row_of_offset(s[5][0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["masthead", "share"])), max_size=6),
       st.integers(8, 50))
def test_every_offset_maps_to_a_row_and_back_inside_the_text(picks, width) -> None:
    s = spans(TEXT)
    folds = fold_groups(TEXT, [Fold(*s[i], kind) for i, kind in picks])
    rows = DocumentRows(TEXT, width, LayoutOptions(), folds)
    for offset in range(len(TEXT) + 1):
        y = rows.row_of_offset(offset)
        assert 0 <= y <= rows.total
        back = rows.offset_of_row(y)
        assert 0 <= back <= len(TEXT)
