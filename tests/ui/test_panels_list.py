"""The shared panel list: which items a long corpus-wide list lays out, and shaped-line caching."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.ui.panel_list import shown, window


@given(st.integers(0, 5000), st.one_of(st.none(), st.integers(0, 5000)), st.integers(1, 500))
def test_window_is_at_most_limit_items_around_the_focus(count, focus, limit) -> None:
    rows = window(count, focus, limit)
    assert len(rows) == min(count, limit) and rows.step == 1
    assert 0 <= rows.start and rows.stop <= count
    if focus is not None and focus < count:
        assert focus in rows
        # The focus sits a quarter of the way down unless the list ends sooner.
        assert focus - rows.start <= limit // 4 or rows.stop == count


def test_heading_says_which_items_are_shown() -> None:
    assert shown(3, range(3), "articles") == "3 articles"
    assert shown(1000, range(100, 500), "dated passages") == "1000 dated passages · 101–500 shown"
