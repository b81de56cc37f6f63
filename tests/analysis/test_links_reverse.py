"""The way back from a link: the reverse link reads its conflict from its own side."""

from __future__ import annotations

from tui.analysis.links.index import _finish, reversed_conflict
from tui.analysis.model import Link


def test_a_reverse_link_states_the_conflict_from_its_own_passage() -> None:
    forward = Link(10, 50, "b", 200, 260, 0.4, "الحدث نفسه: حادث", "العدد: 15 ≠ 20", "strong")
    back = _finish("b", {"a": [forward], "b": []}, ["a"])
    assert [(l.start, l.target, l.target_start) for l in back] == [(200, "a", 10)]
    assert back[0].conflict == "العدد: 20 ≠ 15" and back[0].reason == forward.reason and back[0].strength == "strong"


def test_reversing_keeps_labels_and_dates_whole() -> None:
    assert reversed_conflict("التاريخ: 8 مارس 2014 ≠ مايو") == "التاريخ: مايو ≠ 8 مارس 2014"
    assert reversed_conflict(reversed_conflict("العدد: 9 ≠ 10.9 مليون")) == "العدد: 9 ≠ 10.9 مليون"
    assert reversed_conflict(None) is None and reversed_conflict("بلا مقارنة") == "بلا مقارنة"
