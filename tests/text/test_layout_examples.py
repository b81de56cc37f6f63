"""Hand-checked layouts: corpus phrases at 40/80/120 cells, brackets, harakat, ligatures, spans, modes.

Expected visual strings are written out as literals and were checked by hand against UAX #9 (reading
the screen from the right for RTL lines) and the Unicode presentation-form names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.text.layout import DocumentLayout, LayoutOptions, layout_paragraph
from tui.text.sanitize import OVERRIDE_MARKER

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
WIDTHS = [40, 80, 120]


def _one_line(text: str, width: int = 120, **options):
    layout = layout_paragraph(text, 0, len(text), width, LayoutOptions(**options))
    assert len(layout.lines) == 1
    return layout.lines[0]


def _article(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _visual_of_span(doc: DocumentLayout, start: int, end: int) -> str:
    """The cells showing logical [start, end), which must be one contiguous run on one line."""
    line = doc.line_at(start)
    assert line.end >= end, "phrase split across lines"
    hits = line.clusters_in(start, end)
    assert hits == list(range(hits[0], hits[-1] + 1)), "phrase cells are not contiguous"
    return "".join(line.glyphs[i] for i in hits)


# أغسطس: alef-hamza isolated FE83 (does not join forward), ghain initial FECF, seen medial FEB4,
# tah medial FEC4, seen final FEB2; drawn right to left, so the last letter is leftmost. RTL line:
# the later number stands on the left.
AUGUST_VISUAL = "2025 \ufeb2\ufec4\ufeb4\ufecf\ufe83 15"


@pytest.mark.parametrize("width", WIDTHS)
def test_date_from_article_004(width):
    text = _article("004")
    start = text.index("15 أغسطس 2025")
    doc = DocumentLayout(text, width)
    line = doc.line_at(start)
    assert line.rtl
    visual = _visual_of_span(doc, start, start + len("15 أغسطس 2025"))
    assert visual == AUGUST_VISUAL


@pytest.mark.parametrize("width", WIDTHS)
def test_english_date_and_handle_inside_arabic_line_of_article_000(width):
    text = _article("000")
    start = text.index("— هنا الرياض (@AlriyadhHere) June 28, 2025")
    doc = DocumentLayout(text, width)
    j = text.index("June 28, 2025")
    if width >= 80:
        assert _visual_of_span(doc, j, j + 13) == "June 28, 2025"
    else:  # the 42-character paragraph wraps before "2025", which starts the next line
        assert _visual_of_span(doc, j, j + 8) == "June 28,"
        assert doc.line_at(j + 9).text.endswith("2025")
    h = text.index("@AlriyadhHere")
    # '@' is a neutral between the R bracket and Latin: it takes the paragraph's RTL direction and so
    # stands at the right end of the handle; the brackets are mirrored.
    assert _visual_of_span(doc, h - 1, h + 14) == "(AlriyadhHere@)"
    if width >= 80:
        line = doc.line_at(start)
        assert line.text == "June 28, 2025 (AlriyadhHere@) \ufebd\ufe8e\ufef3\ufeae\ufedf\ufe8d \ufe8e\ufee8\ufeeb —"
        assert line.indent == width - line.cell_width


@pytest.mark.parametrize("width", WIDTHS)
def test_percent_in_article_003(width):
    text = _article("003")
    start = text.index("500%")
    doc = DocumentLayout(text, width)
    # after Arabic letters the digits are AN, so '%' is a neutral resolved RTL: it shows on the left
    assert _visual_of_span(doc, start, start + 4) == "%500"


def test_parentheses_are_mirrored_in_rtl():
    line = _one_line("أو سلام دائم (وإن كان غير مرجح) بمثابة نجاح", 80)
    assert line.text == ("\ufea1\ufe8e\ufea0\ufee7 \ufe94\ufe91\ufe8e\ufe9c\ufee4\ufe91 "
                         "(\ufea2\ufe9f\ufeae\ufee3 \ufeae\ufef4\ufecf \ufee5\ufe8e\ufedb \ufee5\ufe87\ufeed) "
                         "\ufee2\ufe8b\ufe8d\ufea9 \ufee1\ufefc\ufeb3 \ufeed\ufe83")
    assert line.indent == 80 - line.cell_width


@pytest.mark.parametrize("width", WIDTHS)
def test_brackets_of_article_002_are_drawn_as_written(width):
    # 002's source has the brackets already swapped in logical order: ")وإن كان غير مرجح(".
    # The engine mirrors them like any other, so the reader sees the same swap the source has.
    text = _article("002")
    start = text.index(")وإن كان غير مرجح(")
    doc = DocumentLayout(text, width)
    visual = _visual_of_span(doc, start, start + len(")وإن كان غير مرجح("))
    assert visual == ")\ufea2\ufe9f\ufeae\ufee3 \ufeae\ufef4\ufecf \ufee5\ufe8e\ufedb \ufee5\ufe87\ufeed("


def test_harakat_follow_their_letter_in_the_output():
    line = _one_line("سَلامٌ")
    # visual left to right: meem isolated (alef never joins forward) + dammatan, lam-alef final,
    # seen initial + fatha
    assert line.glyphs == ("\ufee1\u064c", "\ufefc", "\ufeb3\u064e")
    assert list(zip(line.starts, line.ends)) == [(4, 6), (2, 4), (0, 2)]
    hidden = _one_line("سَلامٌ", harakat=False)
    assert hidden.glyphs == ("\ufee1", "\ufefc", "\ufeb3")
    assert list(zip(hidden.starts, hidden.ends)) == [(4, 6), (2, 4), (0, 2)]


def test_span_inside_word_shades_exactly_its_letters():
    line = _one_line("وبوتين")
    hits = line.clusters_in(1, 6)  # بوتين inside وبوتين
    assert len(hits) == 5
    # waw never joins forward, so beh is initial; teh after the second waw is initial again
    assert "".join(line.glyphs[i] for i in hits) == "\ufee6\ufef4\ufe97\ufeee\ufe91"
    assert line.cluster_at(0) not in hits


def test_span_edge_inside_lam_alef_still_covers_the_ligature():
    line = _one_line("سلام")
    lig = line.glyphs.index("\ufefc")
    assert line.clusters_in(2, 3) == [lig]  # only the alef
    assert line.clusters_in(0, 3) == sorted([lig, line.glyphs.index("\ufeb3")])
    assert line.glyphs[line.cluster_at(3)] == "\ufee1"  # the meem, isolated after the alef
    assert line.cluster_at(2) == lig


def test_ltr_paragraph_left_aligned_with_arabic_inside():
    line = _one_line("Putin met بوتين today", 40)
    assert not line.rtl and line.indent == 0
    assert line.text == "Putin met \ufee6\ufef4\ufe97\ufeee\ufe91 today"


def test_wrapping_keeps_rtl_lines_in_logical_order_top_to_bottom():
    text = "واحد اثنان ثلاثة أربعة خمسة"
    layout = layout_paragraph(text, 0, len(text), 12, LayoutOptions())
    assert [text[line.start:line.end].strip() for line in layout.lines] == ["واحد اثنان", "ثلاثة أربعة", "خمسة"]
    for line in layout.lines:
        assert line.indent + line.cell_width == 12  # flush right, the break's blank hangs


def test_long_word_is_split():
    text = "x" * 25
    layout = layout_paragraph(text, 0, 25, 10, LayoutOptions())
    assert [line.text for line in layout.lines] == ["x" * 10, "x" * 10, "x" * 5]


def test_wide_characters_take_two_cells():
    layout = layout_paragraph("中文中文中文", 0, 6, 5, LayoutOptions())
    assert [line.widths for line in layout.lines] == [(2, 2), (2, 2), (2, 2)]


def test_tab_is_blank_cells_with_its_offset():
    line = _one_line("a\tb", 40, tab_size=4)
    assert line.glyphs == ("a", "    ", "b") and line.widths == (1, 4, 1)
    assert line.starts == (0, 1, 2)


def test_bidi_controls_and_joiners_never_reach_the_output():
    text = "\u202bبو\u200dتين\u202c \u2067abc\u2069 \ufeffد\u200c"
    line = _one_line(text)
    assert not any(c in line.text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200d\u200c\ufeff")
    assert sorted(zip(line.starts, line.ends))[0][0] == 0
    assert sorted(zip(line.starts, line.ends))[-1][1] == len(text)


def test_unterminated_embedding_does_not_leak_into_the_next_paragraph():
    text = "abc \u202eunclosed\nnext line"
    doc = DocumentLayout(text, 40)
    lines = doc.lines()
    assert lines[0].text == f"abc {OVERRIDE_MARKER}desolcnu"
    assert lines[1].text == "next line"


def test_override_marker_shows_disguised_text():
    line = _one_line("file\u202egpj.exe")
    assert line.text == f"file{OVERRIDE_MARKER}exe.jpg"


def test_escape_sequence_in_article_shows_as_text():
    line = _one_line("a\x1b[2Jb\x1b]52;c;QQ==\x07")
    assert line.text == "a\u241b[2Jb\u241b]52;c;QQ==\u2407"


def test_terminal_and_off_modes_keep_logical_order():
    term = _one_line("سلام abc", 40, mode="terminal")
    assert term.text == "\ufeb3\ufefc\ufee1 abc" and term.indent == 0 and term.rtl
    off = _one_line("سلام (abc)", 40, mode="off")
    assert off.text == "سلام (abc)"


def test_blank_paragraphs_give_one_empty_line():
    lines = DocumentLayout("أ\n\nب", 20).lines()
    assert len(lines) == 3
    assert lines[1].glyphs == () and (lines[1].start, lines[1].end) == (2, 2)


def test_reading_position_survives_a_width_change():
    text = _article("002")
    offset = text.index("وإن كان غير مرجح")
    for width in (40, 80, 120):
        doc = DocumentLayout(text, width)
        line = doc.line_at(offset)
        assert line.start <= offset < line.end
        assert line.cluster_at(offset) is not None


def test_lazy_layout_lays_out_only_what_is_asked():
    text = _article("002")
    doc = DocumentLayout(text, 80)
    doc.line_at(0)
    assert list(doc._cache) == [0]
    lines = doc.lines()
    assert len(doc._cache) == len(doc.paragraphs)
    assert [line.paragraph for line in lines] == sorted(line.paragraph for line in lines)


def test_bad_options_are_rejected_clearly():
    with pytest.raises(ValueError, match="layout mode"):
        LayoutOptions(mode="sideways")
    with pytest.raises(ValueError, match="tab_size"):
        LayoutOptions(tab_size=0)


def test_screen_columns_map_to_clusters_and_back():
    line = _one_line("سلام abc", 20)
    assert line.indent == 20 - 7  # lam-alef makes سلام three cells
    for i in range(len(line.glyphs)):
        assert line.cluster_at_cell(line.cell_of(i)) == i
    assert line.cluster_at_cell(0) is None  # indent cells are blank


def test_document_lines_slice_and_terminal_mode_without_harakat():
    doc = DocumentLayout("سَلامٌ\n\nabc", 20, LayoutOptions(mode="terminal", harakat=False))
    lines = doc.lines()
    assert [line.text for line in lines] == ["\ufeb3\ufefc\ufee1", "", "abc"]
    assert lines[0].ends[-1] == 6  # the hidden dammatan still belongs to the meem's cluster


def test_leading_mark_is_drawn_on_a_dotted_circle():
    line = _one_line("\u064eب")
    assert line.glyphs[-1] == "\u25cc\u064e" and line.starts[-1] == 0


def test_a_bullet_line_follows_the_document_direction() -> None:
    # Article 003 has "-" lines between its Arabic paragraphs: left-aligned they sat in the wrong
    # margin, far from the text they introduce.
    for text in ("-", "2025", "-1-"):
        ltr = layout_paragraph(text, 0, len(text), 20)
        rtl = layout_paragraph(text, 0, len(text), 20, LayoutOptions(fallback="rtl"))
        assert not ltr.rtl and rtl.rtl
    arabic = "قمة الرياض"
    assert layout_paragraph(arabic, 0, len(arabic), 20).rtl  # strong letters decide as before
    english = "Rouya Turkiyyah"
    assert not layout_paragraph(english, 0, len(english), 20, LayoutOptions(fallback="rtl")).rtl
    with pytest.raises(ValueError):
        LayoutOptions(fallback="up")
