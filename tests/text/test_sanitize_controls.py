"""Article text never reaches the terminal as control or escape sequences."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui.text.sanitize import OVERRIDE_MARKER, REPLACEMENT, sanitize_paragraph, sanitize_text


def _clean(text: str) -> str:
    return sanitize_paragraph(text).text


def _no_controls(s: str) -> bool:
    return not any(unicodedata.category(c) == "Cc" and c != "\t" for c in s)


def test_csi_clear_screen_becomes_visible():
    assert _clean("a\x1b[2Jb") == "a\u241b[2Jb"


def test_osc52_clipboard_write_is_neutralised():
    out = _clean("x\x1b]52;c;SGVsbG8=\x07y")
    assert out == "x\u241b]52;c;SGVsbG8=\u2407y"
    assert _no_controls(out)


def test_window_title_sequence_is_neutralised():
    assert _clean("\x1b]0;x\x07") == "\u241b]0;x\u2407"


def test_c1_csi_and_nul():
    assert _clean("a\x9b2Jb") == f"a{REPLACEMENT}2Jb"
    assert _clean("a\x00b") == "a\u2400b"
    assert _clean("a\x7fb") == "a\u2421b"


def test_cr_is_invisible_but_covered():
    cleaned = sanitize_paragraph("ab\r")
    assert cleaned.text == "ab\u200b"
    assert (cleaned.lo, cleaned.hi) == ([0, 1, 2], [1, 2, 3])


def test_overrides_get_a_visible_marker_owning_their_offset():
    cleaned = sanitize_paragraph("ab\u202ecd\u202c", 0)
    assert cleaned.text == f"ab{OVERRIDE_MARKER}\u202ecd\u202c"
    assert cleaned.lo == [0, 1, 2, 3, 3, 4, 5]
    assert cleaned.hi == [1, 2, 3, 3, 4, 5, 6]
    assert OVERRIDE_MARKER in _clean("\u202d")


def test_other_bidi_controls_are_kept_for_the_uba():
    text = "\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    assert _clean(text) == text  # the layout never emits them; see test_layout_examples


def test_offsets_are_absolute():
    cleaned = sanitize_paragraph("xx\nab\x1bc", 3, 7)
    assert cleaned.text == "ab\u241bc"
    assert cleaned.lo == [3, 4, 5, 6]


def test_sanitize_text_for_titles_removes_bidi_controls_and_newlines():
    assert sanitize_text("a\u202eb\n\x1b[31mc") == f"a{OVERRIDE_MARKER}b \u241b[31mc"


@given(st.text())
def test_any_text_comes_out_without_controls_and_with_full_coverage(text):
    text = text.replace("\n", "")
    cleaned = sanitize_paragraph(text)
    assert _no_controls(cleaned.text)
    assert not any("\ud800" <= c <= "\udfff" for c in cleaned.text)
    assert len(cleaned.text) == len(cleaned.lo) == len(cleaned.hi)
    pos = 0
    for lo, hi in zip(cleaned.lo, cleaned.hi):
        assert lo == pos and hi >= lo
        pos = hi
    assert pos == len(text)
