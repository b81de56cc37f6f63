"""An article's links as a cache chunk holds them: read back exactly, old JSON rows still
read, a damaged record refused (a cache entry is only a reason to compute again)."""

import json
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.analysis.links.storage import _decode_links, _encode_links
from tui.analysis.model import Link

texts = st.text(min_size=0, max_size=12)
links = st.builds(
    Link,
    st.integers(0, 2**31 - 1),
    st.integers(0, 2**31 - 1),
    texts,
    st.integers(0, 2**31 - 1),
    st.integers(0, 2**31 - 1),
    st.floats(allow_nan=False),
    texts,
    st.none() | texts,
    st.sampled_from(["related", "strong"]),
)


@given(st.lists(links, max_size=8), st.lists(st.booleans(), max_size=8))
def test_links_read_back_exactly(ls, own_flags):
    own = [l for l, o in zip(ls, own_flags) if o]
    back, back_own = _decode_links(_encode_links(ls, own))
    assert back == ls
    assert back_own == own
    assert [repr(l.score) for l in back] == [repr(l.score) for l in ls]


def test_old_json_rows_still_read():
    rows = [[0, 61, "a", 5, 9, 0.439, "مشترك: الأهلي", None, True, "related"], [0, 61, "b", 1, 2, 0.4, "ر", "18 ≠ 19", False, "strong"]]
    back, own = _decode_links(json.dumps(rows, ensure_ascii=False).encode())
    assert back == [Link(0, 61, "a", 5, 9, 0.439, "مشترك: الأهلي", None, "related"), Link(0, 61, "b", 1, 2, 0.4, "ر", "18 ≠ 19", "strong")]
    assert own == back[:1]


def test_damaged_record_refused():
    data = _encode_links([Link(0, 1, "a", 2, 3, 0.5, "r")], [])
    with pytest.raises((ValueError, struct.error)):
        _decode_links(data[:10])
    with pytest.raises(ValueError):
        _decode_links(b"XX" + data[2:])
