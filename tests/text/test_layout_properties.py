"""Properties of the layout engine over random mixed Arabic/Latin/digit/punctuation/harakat text."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.text.layout import DocumentLayout, LayoutOptions, layout_paragraph

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
LATIN = "abcXYZ"
DIGITS = "0123456789٠١٢٣"
PUNCT = "()[]{}<>.,:;!?%-/«»،؛"
SPECIAL = "\u200d\u200c\ufeff\u200e\u200f\u202b\u202c\u2067\u2069\u202e\t\x1b\x9b中"

chunk = st.one_of(
    st.text(alphabet=ARABIC, min_size=1, max_size=9),
    st.text(alphabet=ARABIC + HARAKAT, min_size=1, max_size=9),
    st.sampled_from(["لا", "لأن", "الله", "سلامٌ", "لَا", "بوتين"]),
    st.text(alphabet=LATIN, min_size=1, max_size=12),
    st.text(alphabet=DIGITS, min_size=1, max_size=5),
    st.text(alphabet=PUNCT, min_size=1, max_size=2),
    st.text(alphabet=SPECIAL, min_size=1, max_size=2),
)
paragraphs = st.lists(st.tuples(chunk, st.sampled_from(["", " ", " ", "  "])), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts))
MODES = st.sampled_from(["app", "terminal", "off"])


def _check(text: str, width: int, options: LayoutOptions) -> None:
    layout = layout_paragraph(text, 0, len(text), width, options)
    covered: list[tuple[int, int]] = []
    for line in layout.lines:
        assert len(line.glyphs) == len(line.widths) == len(line.starts) == len(line.ends)
        assert line.indent + line.cell_width <= width
        for glyph, w in zip(line.glyphs, line.widths):
            if glyph != " " * w:  # TAB clusters are blanks of tab_size cells
                assert cell_len(glyph) == w, (glyph, w)
            # nothing that can move the cursor, start an escape or reorder the terminal gets out
            assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in glyph), repr(glyph)
        ranges = sorted(zip(line.starts, line.ends))
        if ranges:
            assert ranges[0][0] == line.start and ranges[-1][1] == line.end
        covered.extend(ranges)
    # every logical offset is inside exactly one cluster: ranges tile [0, len) without gaps or overlap
    covered.sort()
    if covered:
        assert covered[0][0] == 0 and covered[-1][1] == len(text)
        for (s1, e1), (s2, _e2) in zip(covered, covered[1:]):
            assert s1 < e1 and e1 == s2
    lines = layout.lines
    assert [(a.end) for a in lines[:-1]] == [b.start for b in lines[1:]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, st.integers(10, 200), MODES, st.booleans())
def test_clusters_tile_the_paragraph_and_fit_the_width(text, width, mode, harakat):
    _check(text, width, LayoutOptions(mode=mode, harakat=harakat))


def _read_back(text: str, width: int) -> str:
    """Logical text recovered from the visual lines through the map (clusters sorted by start)."""
    layout = layout_paragraph(text, 0, len(text), width, LayoutOptions())
    out = []
    for line in layout.lines:
        for s, e in sorted(zip(line.starts, line.ends)):
            out.append(text[s:e])
    return "".join(out)


@settings(max_examples=100, deadline=None)
@given(paragraphs, st.integers(10, 200))
def test_visual_lines_read_back_to_the_logical_text(text, width):
    assert _read_back(text, width) == text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=ARABIC + HARAKAT + LATIN + DIGITS + "().,", min_size=1, max_size=8),
                          st.just(" ")), min_size=1, max_size=30).map(lambda p: "".join(a + b for a, b in p)),
       st.integers(10, 200))
def test_each_visual_cluster_shows_its_own_letters(text, width):
    """Without ligatures or mirrored brackets, a cluster's glyph is the shaped form of its letters."""
    layout = layout_paragraph(text, 0, len(text), width, LayoutOptions())
    for line in layout.lines:
        for g, s, e in zip(line.glyphs, line.starts, line.ends):
            logical = text[s:e].rstrip()
            # skip ligatures, mirrored brackets and clusters holding a hung blank
            if not logical or logical[0] in HARAKAT or " " in logical or "ل" in logical or g[0] in ")(":
                continue
            base = unicodedata.normalize("NFKC", g[0])
            assert base == logical[0], (g, logical)
            assert g[1:] == logical[1:]


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraphs, min_size=1, max_size=6).map("\n".join), st.integers(10, 120))
def test_document_flat_index_and_offsets_agree(text, width):
    doc = DocumentLayout(text, width)
    for line in doc.lines():
        if line.start < line.end:
            assert doc.line_at(line.start) is line
            assert doc.line_at(line.end - 1) is line
            cluster = line.cluster_at(line.start)
            assert cluster is not None and line.starts[cluster] <= line.start < line.ends[cluster]


_CLOSERS = set("%٪‰!?؟.,،;؛:)]}»”’")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, st.integers(10, 200))
@example("ءءءءءءءءء :", 10)  # wider than the line with its sign: cut at the width, on the blank
@example("فعال بنسبة 100 %", 15)
def test_no_line_starts_with_a_word_of_closing_signs(text: str, width: int) -> None:
    # "بنسبة 100 %" must not leave "%" alone at the head of the next line; only a sign run too wide
    # to share a line with its word (then cut by width, not at a blank) may start one.
    layout = layout_paragraph(text, 0, len(text), width, LayoutOptions())
    for prev, line in zip(layout.lines, layout.lines[1:]):
        word = text[line.start:].split(" ", 1)[0].split("\t", 1)[0]
        starts_at_blank = line.start > 0 and text[line.start - 1] in " \t"
        if word and starts_at_blank and set(word) <= _CLOSERS:
            # The signs, the blanks and the word they close are one unit; only a unit wider than
            # the line is cut where it reaches the width, which may fall on the blank.
            head = line.start
            while head > 0 and text[head - 1] in " \t":
                head -= 1
            while head > 0 and text[head - 1] not in " \t":
                head -= 1
            assert cell_len(text[head:line.start + len(word)]) > width, (text, width, prev.start, line.start)


def test_a_percent_sign_goes_with_its_number() -> None:
    text = "تجربة لقاح جديد خاص بفيروس «إيبولا» فعال بنسبة 100 %"
    lines = layout_paragraph(text, 0, len(text), 50, LayoutOptions()).lines
    assert [text[l.start:l.end].strip() for l in lines][-1] == "100 %"
