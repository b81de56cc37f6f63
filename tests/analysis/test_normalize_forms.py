"""Matching forms: what folds, what the index map promises, clitic splits, tokens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text.normalize import normalize, normalize_with_map, original_span, strip_clitics, tokenize

ARABIC_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱؤئىة")
    + list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640")
    + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ \n،.:«»\u200f\ufefbABCxyz019")
)
TEXTS = st.one_of(st.text(ARABIC_ALPHABET, max_size=60), st.text(max_size=40))


def test_folds_marks_tatweel_and_letter_variants() -> None:
    assert normalize("الرَّئِيسُ") == "الرييس"
    assert normalize("بوتيـــن") == "بوتين"
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مسؤول") == "مسوول"
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("مدينة") == "مدينه"
    assert normalize("الدِّرْهَمَانِ ٌ") == "الدرهمان "
    assert normalize("ٱلْحَمْدُ") == "الحمد"
    assert normalize("هٰذا") == "هذا"  # superscript alef U+0670


def test_digits_and_ascii_case() -> None:
    assert normalize("٢٠٢٥ و۱۴۴۷") == "2025 و1447"
    assert normalize("Putin") == "putin"


def test_index_map_points_back_to_source_letters() -> None:
    text = "قالَ الرَّئِيسُ بوتيـن"
    norm, imap = normalize_with_map(text)
    assert norm == "قال الرييس بوتين"
    i = norm.index("بوتين")
    s, e = original_span(imap, i, i + len("بوتين"), len(text))
    assert text[s:e] == "بوتيـن"
    i = norm.index("الرييس")
    s, e = original_span(imap, i, i + len("الرييس"), len(text))
    assert text[s:e] == "الرَّئِيسُ"  # the final damma belongs to the word


def test_lam_alef_ligature_expands_with_both_letters_mapped_to_it() -> None:
    norm, imap = normalize_with_map("ﻻ بد")
    assert norm == "لا بد"
    assert imap == [0, 0, 1, 2, 3]


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_index_map_is_monotonic_in_bounds_and_faithful(text: str) -> None:
    norm, imap = normalize_with_map(text)
    assert norm == normalize(text)
    assert len(imap) == len(norm)
    assert all(0 <= j < len(text) for j in imap)
    assert all(a <= b for a, b in zip(imap, imap[1:]))
    for i, j in enumerate(imap):
        produced = normalize(text[j])
        assert norm[i] in produced
        if len(produced) == 1:
            assert produced == norm[i]


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_every_source_letter_that_survives_is_mapped_once(text: str) -> None:
    norm, imap = normalize_with_map(text)
    kept = [j for j, ch in enumerate(text) if normalize(ch)]
    assert sorted(set(imap)) == kept


def test_strip_clitics_offers_name_inside_prefixes() -> None:
    assert ("و", "بوتين") in strip_clitics("وبوتين")
    assert ("ل", "ترامب") in strip_clitics("لترامب")
    assert ("ب", "موسكو") in strip_clitics("بموسكو")
    assert ("و", "الرياض") in strip_clitics("والرياض")
    assert ("وال", "رياض") in strip_clitics("والرياض")
    assert ("وبال", "بيت") in strip_clitics("وبالبيت")
    assert ("لل", "رئيس") in strip_clitics("للرئيس")
    assert ("ولل", "امم") in strip_clitics("وللامم")
    assert ("فال", "حرب") in strip_clitics("فالحرب")
    assert ("كال", "عاده") in strip_clitics("كالعاده")
    assert strip_clitics("بوتين")[0] == ("", "بوتين")
    for prefix, stem in strip_clitics("وبالرياض"):
        assert prefix + stem == "وبالرياض"
        assert len(stem) >= 2


def test_strip_clitics_never_leaves_tiny_stems() -> None:
    assert strip_clitics("ول") == [("", "ول")]


def test_tokenize_words_digits_and_marks() -> None:
    text = "قالَ بوتين: «٢٠٢٥» Putin و3.5"
    assert tokenize(text) == [
        (0, 4, "قالَ"),
        (5, 10, "بوتين"),
        (13, 17, "٢٠٢٥"),
        (19, 24, "Putin"),
        (25, 26, "و"),
        (26, 29, "3.5"),
    ]
