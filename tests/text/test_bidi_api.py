"""Unit and property tests of tui.text.bidi's public API (conformance files: test_bidi_conformance)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text import bidi
from tui.text.bidi import (
    bidi_class,
    line_levels,
    mirror,
    paragraph_level,
    reorder,
    resolve_levels,
    visual_order,
)


def visual(text: str, direction: str = "auto") -> str:
    return "".join(text[i] for i in visual_order(text, direction))


def test_bidi_class_basic_and_unicode_15() -> None:
    assert bidi_class("a") == "L"
    assert bidi_class("א") == "R"
    assert bidi_class("ب") == "AL"
    assert bidi_class("٣") == "AN"
    assert bidi_class("3") == "EN"
    assert bidi_class(" ") == "WS"
    assert bidi_class("\t") == "S"
    assert bidi_class("\u2029") == "B"
    assert bidi_class("\u2067") == "RLI"
    # New in Unicode 15.0 (Python 3.11's unicodedata 14.0 has no class for it).
    assert bidi_class("\U00010EFD") == "NSM"
    # Unassigned code points take their block's default (DerivedBidiClass @missing lines).
    assert bidi_class("\U00010D40") == "R"
    assert bidi_class("\u20cf") == "ET"
    assert bidi_class("\ufdd0") == "BN"
    assert bidi_class("\U000E0080") == "BN"  # default ignorable, unassigned
    assert bidi_class("\U00030000") == "L"


@pytest.mark.parametrize("bad", ["", "ab", 3, None])
def test_bidi_class_rejects_non_characters(bad: object) -> None:
    with pytest.raises(ValueError, match="one character"):
        bidi_class(bad)  # type: ignore[arg-type]


def test_mirror() -> None:
    assert mirror("(") == ")"
    assert mirror("»") == "«"
    assert mirror("≤") == "≥"
    assert mirror("a") is None


def test_paragraph_level() -> None:
    assert paragraph_level("hello مرحبا") == 0
    assert paragraph_level("مرحبا hello") == 1
    assert paragraph_level("123 ...") == 0
    assert paragraph_level("123 مرحبا") == 1
    # P2 skips isolates: the first strong character outside them decides.
    assert paragraph_level("\u2066abc\u2069 مرحبا") == 1
    assert paragraph_level("\u2068abc\u2069 אב") == 1
    assert paragraph_level("\u2067abc") == 0  # an unmatched isolate runs to the paragraph end
    assert paragraph_level("\u202babc") == 0  # embeddings are not skipped
    assert paragraph_level("abc", "rtl") == 1
    assert paragraph_level("مرحبا", "ltr") == 0
    with pytest.raises(ValueError, match="direction"):
        paragraph_level("abc", "up")


def test_visual_order_arabic_with_latin_and_digits() -> None:
    text = "قال محمد إن Python 3.11 صدر عام 2022."
    got = visual(text)
    # RTL paragraph: the sentence reads right to left, Latin words and numbers keep their order.
    assert got == ".2022 ماع ردص Python 3.11 نإ دمحم لاق"
    assert visual_order(text)[0] == len(text) - 1  # the final full stop is leftmost


def test_visual_order_arabic_digits_and_percent() -> None:
    text = "ارتفع بنسبة ٢٥٪ اليوم"
    # U+066A is ET; ET next to AN (not EN) is a neutral, so it stays in the RTL flow, left of the digits.
    assert visual(text) == "مويلا ٪٢٥ ةبسنب عفترا"


def test_visual_order_ltr_paragraph_with_arabic_phrase() -> None:
    text = "The word سلام means peace (سلام عليكم)."
    assert visual(text) == "The word مالس means peace (مكيلع مالس)."


def test_brackets_follow_embedding_direction() -> None:
    # N0: brackets around Latin in an RTL paragraph stay with the RTL flow.
    text = "كتاب (book) جديد"
    assert visual(text) == "ديدج )book( باتك"  # L4 mirroring of the glyphs is the renderer's job
    levels = resolve_levels(text, 1)
    assert levels[text.index("(")] == 1 and levels[text.index(")")] == 1
    assert levels[text.index("b")] == 2


def test_trailing_whitespace_goes_to_paragraph_level() -> None:
    text = "abc مرحبا   "
    levels = resolve_levels(text, 0)
    assert levels[-1] == 0
    rtl = resolve_levels(text, 1)
    assert rtl[-1] == 1 and rtl[0] == 2
    assert line_levels(rtl, 0, len(text), 1, text)[-3:] == [1, 1, 1]
    assert line_levels(levels, 0, len(text), 0, text)[-3:] == [0, 0, 0]
    assert visual_order(text)[-3:] == [len(text) - 3, len(text) - 2, len(text) - 1]


def test_explicit_embeddings_are_left_out() -> None:
    text = "a\u202bb\u202cc"  # RLE ... PDF
    levels = resolve_levels(text, 0)
    assert levels[1] == -1 and levels[3] == -1
    assert visual_order(text) == [0, 2, 4]


def test_isolates() -> None:
    text = "مرحبا \u2066abc 123\u2069!"
    order = visual_order(text)
    # the isolated LTR run keeps its inner order and sits as one unit in the RTL line
    inner = [i for i in order if 7 <= i <= 13]
    assert inner == list(range(7, 14))
    assert order[0] == len(text) - 1


def test_reorder_line_slices_use_absolute_indices() -> None:
    text = "مرحبا بكم في abc def"
    base = paragraph_level(text)
    levels = resolve_levels(text, base)
    first = reorder(levels, 0, 10, base, text)
    second = reorder(levels, 10, len(text), base, text)
    assert sorted(first) == list(range(10))
    assert sorted(second) == list(range(10, len(text)))
    # line 2 of an RTL paragraph: "abc def" stays left to right, "في" to its right
    assert "".join(text[i] for i in second) == "abc def يف"
    with pytest.raises(ValueError, match="outside"):
        reorder(levels, 5, len(text) + 1, base, text)


def test_resolve_levels_rejects_bad_base() -> None:
    with pytest.raises(ValueError, match="base_level"):
        resolve_levels("abc", 2)


def test_empty_text() -> None:
    assert visual_order("") == []
    assert resolve_levels("", 1) == []
    assert paragraph_level("") == 0


ALPHABET = list("abcdefxyz") + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") + list("0123456789") + \
    list("٠١٢٣٤٥٦٧٨٩") + list(" .,:;!?-+%$#/()[]\"'،؛؟")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_visual_order_matches_python_bidi(text: str) -> None:
    from bidi import get_display

    assert visual(text) == get_display(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET + ["\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202b", "\u202c",
                                    "\u202d", "\u202e", "\u200b", "\u0651", "\t"], max_size=40),
       st.sampled_from(["auto", "ltr", "rtl"]))
def test_visual_order_is_a_permutation_of_kept_characters(text: str, direction: str) -> None:
    base = paragraph_level(text, direction)
    levels = resolve_levels(text, base)
    order = visual_order(text, direction)
    assert sorted(order) == [i for i, lv in enumerate(levels) if lv >= 0]
    assert all(0 <= lv <= 126 or lv == -1 for lv in levels)
    # every kept character's level has the parity of its resolved direction
    assert len(levels) == len(text)
    assert order == reorder(levels, 0, len(text), base, text)
    assert bidi.paragraph_level(text, direction) in (0, 1)


# Characters of every class the fast path handles (no explicit embeddings/overrides/isolates):
# L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON, brackets incl. the canonical pair 2329/3009.
FAST_ALPHABET = list("ab") + ["א", "ب", "ج"] + list("12") + ["+", "-", "$", "%", "#", "٪", "١", "٢", "\u0600",
                                                         ",", ".", ":", "/", "\u0651", "\u064e", "\u200b",
                                                         "\u00ad", "\t", " ", "!", "(", ")", "[", "]",
                                                         "\u2329", "\u232a", "\u3008", "\u3009", "\u2029"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=FAST_ALPHABET, max_size=30), st.integers(0, 1))
def test_fast_path_matches_general_algorithm(text: str, base: int) -> None:
    general = bidi._resolve(bidi._codes(text), base, text)
    assert resolve_levels(text, base) == general
    assert bidi._paragraph_level_str(bidi._class_string(text), "auto") == bidi._paragraph_level_of(
        bidi._codes(text), "auto")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FAST_ALPHABET + ["\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202e",
                                                 "\u202c"]), max_size=30).map("".join),
       st.integers(0, 1), st.data())
def test_fast_l1_l2_match_reference(text: str, base: int, data: st.DataObject) -> None:
    levels = resolve_levels(text, base)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    types = bidi._codes(text)
    want_l1 = bidi._line_levels_reference(levels, types, start, end, base)
    assert line_levels(levels, start, end, base, text) == want_l1
    assert reorder(levels, start, end, base, text) == bidi._order_reference(want_l1, start)


EXPLICIT = ["\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FAST_ALPHABET + EXPLICIT * 3), max_size=40).map("".join), st.integers(0, 1))
def test_general_regex_path_matches_loop_reference(text: str, base: int) -> None:
    codes = bidi._codes(text)
    assert bidi._resolve_explicit(bidi._class_string(text), base, text) == bidi._resolve(codes, base, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FAST_ALPHABET + EXPLICIT * 3), max_size=40).map("".join))
def test_string_bd9_and_p2_match_loop_versions(text: str) -> None:
    codes = bidi._codes(text)
    cs = bidi._class_string(text)
    match = bidi._matching_pdis(codes)
    assert bidi._matching_pdis_str(cs) == match
    for start in range(len(text) + 1):
        assert bidi._first_strong_str(cs, start, len(text), match) == bidi._first_strong(codes, start, len(text), match)
    assert paragraph_level(text) == bidi._paragraph_level_of(codes, "auto")


def test_non_string_text_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="str"):
        visual_order(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        resolve_levels(None, 0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        paragraph_level(["a"])  # type: ignore[arg-type]


def test_corpus_paragraphs_match_python_bidi() -> None:
    # The embedded articles as a realistic regression set: mixed Arabic, Latin, digits, brackets.
    from bidi import get_display

    from tui import embedded_corpus_dir

    paragraphs = [p for path in sorted(embedded_corpus_dir().glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n") if p]
    if not paragraphs:
        pytest.skip("embedded corpus not found")
    mismatched = [p for p in paragraphs if visual(p) != get_display(p)]
    assert not mismatched, f"{len(mismatched)}/{len(paragraphs)} differ, first: {mismatched[0][:120]!r}"


def test_paragraph_without_strong_characters_takes_the_given_default() -> None:
    # HL1: a bullet or a bare year in an Arabic document belongs to the document's direction
    for text in ("-", "2025", "… .", "", "\u2067123\u2069"):
        assert bidi.paragraph_level(text) == 0
        assert bidi.paragraph_level(text, default=1) == 1
    # any strong character still decides, whatever the default
    assert bidi.paragraph_level("- abc", default=1) == 0
    assert bidi.paragraph_level("- قمة", default=0) == 1
    assert bidi.paragraph_level("abc", "rtl", default=0) == 1
    with pytest.raises(ValueError):
        bidi.paragraph_level("x", default=2)
