"""Arabic shaping with a logical map."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text.shape import ABSORBED, joining_type, reshape, shape, shape_with_map

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_contextual_forms_hand_checked():
    # بوتين: beh initial FE91, waw final FEEE, teh initial FE97, yeh medial FEF4, noon final FEE6
    assert reshape("بوتين") == "\ufe91\ufeee\ufe97\ufef4\ufee6"
    # a single letter stays isolated; hamza is non-joining and left as it is
    assert reshape("ب") == "\ufe8f"
    assert reshape("ماء") == "\ufee3\ufe8e\u0621"


def test_lam_alef_is_one_glyph_covering_two_letters():
    # لا alone: isolated ligature FEFB; سلا: lam joins the seen, so the final ligature FEFC
    assert reshape("لا") == "\ufefb"
    assert reshape("سلا") == "\ufeb3\ufefc"
    assert shape_with_map("لأن") == [("\ufef7", 0, 2), ("\ufee5", 2, 3)]
    out = shape("لا")
    assert out[1] == ABSORBED


def test_allah_ligature_stays_off():
    assert "\ufdf2" not in reshape("الله")
    assert reshape("الله") == "\ufe8d\ufedf\ufee0\ufeea"


def test_harakat_kept_after_their_letter_or_hidden():
    pieces = shape_with_map("سَلامٌ")
    assert pieces == [("\ufeb3\u064e", 0, 2), ("\ufefc", 2, 4), ("\ufee1\u064c", 4, 6)]
    hidden = shape_with_map("سَلامٌ", harakat=False)
    assert [g for g, _, _ in hidden] == ["\ufeb3", "\ufefc", "\ufee1"]
    assert [(s, e) for _, s, e in hidden] == [(0, 2), (2, 4), (4, 6)]
    # harakat are transparent: the seen still joins the lam across the fatha
    assert reshape("سَل") == "\ufeb3\u064e\ufede"


def test_lam_alef_with_harakah_between_them():
    # لَا : lam, fatha, alef -> one ligature glyph with the fatha after it, covering all three
    assert shape_with_map("لَا") == [("\ufefb\u064e", 0, 3)]


def test_zwj_joins_and_zwnj_breaks():
    assert reshape("ب\u200d") == "\ufe91\u200d"  # ZWJ makes the beh initial
    assert reshape("ب\u200cب") == "\ufe8f\u200c\ufe8f"
    assert joining_type("\u200d") == "C" and joining_type("\u200c") == "U"


def test_latin_is_untouched():
    assert shape("Hello, world") == list("Hello, world")


def _reshaper():
    arabic_reshaper = pytest.importorskip("arabic_reshaper")
    return arabic_reshaper.ArabicReshaper(configuration={
        "delete_harakat": False, "support_ligatures": True, "ARABIC LIGATURE ALLAH": False,
        "delete_tatweel": False, "shift_harakat_position": False})


def test_agrees_with_arabic_reshaper_on_the_corpus():
    reshaper = _reshaper()
    checked = 0
    for path in sorted(CORPUS.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            # arabic-reshaper turns the non-joining hamza into its presentation form FE80; we keep U+0621
            assert reshape(para) == reshaper.reshape(para).replace("\ufe80", "\u0621"), para
            checked += 1
    assert checked > 100


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتجدرسصطعفقكلمنهويءآأإةىـ \u064e\u064f\u0650\u0651\u0652", max_size=40))
def test_map_tiles_the_text_and_agrees_with_arabic_reshaper(text):
    pieces = shape_with_map(text)
    pos = 0
    for _, s, e in pieces:
        assert s == pos and e > s
        pos = e
    assert pos == len(text)
    assert reshape(text) == _reshaper().reshape(text).replace("\ufe80", "\u0621")
