"""n/N within one article: the hit cursor."""

from __future__ import annotations

from hypothesis import given, strategies as st

from tui.reader.hits import HitCursor


@given(st.lists(st.integers(0, 1000), unique=True, max_size=8).map(sorted), st.integers(0, 1000), st.booleans(),
       st.booleans())
def test_hit_cursor_steps_through_every_hit_once_then_stops(starts, offset, forward, inclusive) -> None:
    spans = [(s, s + 1) for s in starts]
    cur = HitCursor(spans)
    seen = []
    while (span := cur.step(offset, forward, inclusive)) is not None:
        seen.append(span)
    # From the first hit after the offset (at it too for a new query; the last before it going
    # back) to the article's end (start).
    after = [sp for sp in spans if sp[0] > offset or inclusive and sp[0] == offset]
    expected = after if forward else [sp for sp in spans if sp[0] < offset][::-1]
    assert seen == expected
    assert cur.step(offset, forward) is None  # past the end it stays past the end: the host moves on
    back = HitCursor(spans)
    assert back.enter(forward) == ((spans[0] if forward else spans[-1]) if spans else None)
