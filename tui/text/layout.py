"""Layout of logical text into display lines of cells, each cell knowing its logical offsets.

Public contract used by the UI (names and meanings are stable; fields may be added):

- ``LayoutOptions(mode="app"|"terminal"|"off", harakat=True, tab_size=4, direction="auto"|"ltr"|"rtl")``.
  ``app``: shaped and reordered here (UAX #9 L1–L4), RTL paragraphs right-aligned. ``terminal``: shaped but
  in logical order with no indent, for terminals that reorder by themselves. ``off``: logical, unshaped.
- ``Line``: one display line. ``glyphs[i]`` is what cell-cluster ``i`` prints (a base character with its
  combining marks after it), ``widths[i]`` its cells (1 or 2; a TAB cluster is ``tab_size`` blanks), in
  *visual* order left to right. ``starts[i]``/``ends[i]`` are the absolute logical offsets the cluster came
  from: a lam-alef ligature covers both letters, a letter covers its harakat, and characters that never get
  a cell of their own (ZWJ, ZWNJ, U+FEFF, bidi controls, CR, trailing blanks that hang past the width) are
  inside the range of a neighbouring cluster. So the ranges of a paragraph's clusters cover every logical
  offset exactly once. ``indent`` is the number of blank cells before the glyphs.
- ``layout_paragraph(text, start, end, width, options) -> ParagraphLayout`` lays out ``text[start:end]``
  (one paragraph, no "\\n" inside) at ``width`` cells. A blank paragraph gives one empty line. Lines never
  exceed ``width`` except when one cluster alone is wider (a 2-cell character at width 1); a TAB is at
  most ``width`` cells.
- ``DocumentLayout(text, width, options)``: paragraphs split at "\\n", each laid out on first need by
  ``paragraph(i)`` and kept. That is the only laziness here: the reader's rows estimate the
  height of paragraphs not laid out yet. A reading position survives width changes as a
  logical offset: ``line_at(offset)`` and ``Line.start``; ``lines()`` lays out everything.

Pipeline per paragraph: sanitize → shape → clusters → wrap in logical order on shaped widths at word
boundaries → per line ``bidi.reorder`` with the paragraph's levels, marks kept after their base (L3, the
cluster carries them), mirrored glyphs at odd levels (L4) → alignment.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from rich.cells import get_character_cell_size

from tui.text import bidi
from tui.text.sanitize import sanitize_paragraph
from tui.text.shape import ABSORBED, is_harakah, shape

MODES = ("app", "terminal", "off")
DIRECTIONS = ("auto", "ltr", "rtl")


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    mode: str = "app"  # "app": shape + reorder here; "terminal": logical order; "off": logical, unshaped
    harakat: bool = True
    tab_size: int = 4
    direction: str = "auto"  # paragraph direction: "auto" = first strong character (UAX #9 P2/P3)
    # Under "auto", the direction of a paragraph with no strong character at all ("-", "2025",
    # "…"): the document's, as UAX #9 HL1 allows, so a bullet in an Arabic article sits on the right.
    fallback: str = "ltr"
    # For kitty (see tui.text.terminals): the UI writes each right-to-left run of a line reversed,
    # because kitty's shaper draws such a run right to left. Lines themselves stay in visual order.
    prereverse: bool = False
    # For Alacritty: the UI writes each combining mark one cell left of its letter (tui.text.terminals).
    marks_left: bool = False

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"layout mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {self.direction!r}")
        if self.fallback not in ("ltr", "rtl"):
            raise ValueError(f"fallback must be 'ltr' or 'rtl', not {self.fallback!r}")
        if not isinstance(self.tab_size, int) or self.tab_size < 1:
            raise ValueError(f"tab_size must be a positive integer, not {self.tab_size!r}")


@dataclass(frozen=True, slots=True)
class Line:
    glyphs: tuple[str, ...]
    widths: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    start: int  # logical range covered by this line
    end: int
    indent: int
    rtl: bool
    paragraph: int = 0

    @property
    def text(self) -> str:
        return "".join(self.glyphs)

    @property
    def cell_width(self) -> int:
        return sum(self.widths)

    def clusters_in(self, start: int, end: int) -> list[int]:
        """Indices of clusters whose logical range overlaps [start, end)."""
        return [i for i, (s, e) in enumerate(zip(self.starts, self.ends)) if s < end and e > start]

    def cluster_at(self, offset: int) -> int | None:
        """Index of the cluster whose logical range holds ``offset``, or None."""
        for i, (s, e) in enumerate(zip(self.starts, self.ends)):
            if s <= offset < e:
                return i
        return None

    def cell_of(self, index: int) -> int:
        """Screen column (from the line's left edge, indent included) where cluster ``index`` begins."""
        return self.indent + sum(self.widths[:index])

    def cluster_at_cell(self, column: int) -> int | None:
        """Cluster drawn at screen column ``column`` (indent included), or None for blank cells."""
        x = self.indent
        for i, w in enumerate(self.widths):
            if x <= column < x + w:
                return i
            x += w
        return None


@dataclass(slots=True)
class ParagraphLayout:
    start: int
    end: int
    rtl: bool
    lines: list[Line] = field(default_factory=list)


# Cluster roles of cleaned characters.
_BASE, _MARK, _HARAKAH, _HIDDEN = 0, 1, 2, 3
_ROLE: dict[str, tuple[int, int]] = {"\t": (_BASE, 1)}


def _role(ch: str) -> tuple[int, int]:
    r = _ROLE.get(ch)
    if r is None:
        cat = unicodedata.category(ch)
        width = get_character_cell_size(ch)
        if cat in ("Mn", "Me"):
            r = (_HARAKAH if is_harakah(ch) else _MARK, 0)
        elif cat == "Cf" or width == 0:
            r = (_HIDDEN, 0)
        else:
            r = (_BASE, width)
        _ROLE[ch] = r
    return r


def layout_paragraph(text: str, start: int, end: int, width: int, options: LayoutOptions = LayoutOptions(),
                     paragraph: int = 0) -> ParagraphLayout:
    width = max(1, int(width))
    mode = options.mode
    clean = sanitize_paragraph(text, start, end)
    s = clean.text
    lo, hi = clean.lo, clean.hi
    base_level = bidi.paragraph_level(s, options.direction, 1 if options.fallback == "rtl" else 0)
    rtl = base_level % 2 == 1
    glyph_of = shape(s) if mode != "off" else s
    show_harakat = options.harakat
    tab = min(options.tab_size, width)

    # Clusters in logical order: parallel lists, one entry per cluster.
    c_glyph: list[str] = []
    c_width: list[int] = []
    c_lo: list[int] = []
    c_hi: list[int] = []
    c_base: list[int] = []  # cleaned index of the base character
    c_end: list[int] = []  # cleaned index just past the cluster
    role = _ROLE
    roles = [role.get(ch) or _role(ch) for ch in s]
    if s and roles[0][0] == _BASE and glyph_of[0] != ABSORBED:
        _clusters_fast(s, roles, glyph_of, lo, hi, show_harakat, tab, c_glyph, c_width, c_lo, c_hi, c_base, c_end)
    if not c_glyph:
        _clusters_slow(s, glyph_of, lo, hi, show_harakat, tab, c_glyph, c_width, c_lo, c_hi, c_base, c_end)

    result = ParagraphLayout(start, end, rtl)
    n = len(c_glyph)
    if n == 0:
        # Blank paragraph, or only invisible characters: one empty line; the latter get an empty
        # zero-width cluster so that their offsets still belong to a cluster.
        if start == end:
            result.lines.append(Line((), (), (), (), start, end, 0, rtl, paragraph))
        else:
            result.lines.append(Line(("",), (0,), (start,), (end,), start, end, 0, rtl, paragraph))
        return result
    c_lo[0] = start
    c_hi[-1] = end

    ranges = _wrap(s, c_base, c_width, c_hi, width)
    _lines(result, s, ranges, mode == "app", base_level, width, paragraph,
           c_glyph, c_width, c_lo, c_hi, c_base, c_end)
    return result


def _clusters_slow(s: str, glyph_of: Sequence[str], lo: list[int], hi: list[int], show_harakat: bool, tab: int,
                   c_glyph: list[str], c_width: list[int], c_lo: list[int], c_hi: list[int], c_base: list[int],
                   c_end: list[int]) -> None:
    """Clusters of a paragraph that starts with something other than a base character (a mark,
    an invisible character, the alef of a lam-alef), one character at a time."""
    lead_lo = None  # attachments before the first base join the first cluster
    role = _ROLE
    for i, ch in enumerate(s):
        r = role.get(ch) or _role(ch)
        kind = r[0]
        g = glyph_of[i]
        if kind == _BASE and g != ABSORBED:
            c_glyph.append(g if ch != "\t" else " " * tab)
            c_width.append(r[1] if ch != "\t" else tab)
            c_lo.append(lo[i] if lead_lo is None else lead_lo)
            lead_lo = None
            c_hi.append(hi[i])
            c_base.append(i)
            c_end.append(i + 1)
        elif not c_glyph and kind != _HIDDEN:
            # A mark with no letter before it is drawn on a dotted circle, as fonts and editors do,
            # instead of landing on whatever cell the terminal has to its left.
            shown = kind == _MARK or (kind == _HARAKAH and show_harakat)
            c_glyph.append("\u25cc" + g if shown else "\u25cc")
            c_width.append(1)
            c_lo.append(lo[i] if lead_lo is None else lead_lo)
            lead_lo = None
            c_hi.append(hi[i])
            c_base.append(i)
            c_end.append(i + 1)
        elif not c_glyph:
            if lead_lo is None:
                lead_lo = lo[i]
        else:
            if kind == _MARK or (kind == _HARAKAH and show_harakat):
                c_glyph[-1] += g
            if hi[i] > c_hi[-1]:
                c_hi[-1] = hi[i]
            c_end[-1] = i + 1


# Signs that close what comes before them (a percent after its number, end punctuation, closing
# brackets and quotes); press Arabic often types a space before them.
_CLOSING = frozenset("%٪‰!?؟.,،;؛:)]}»”’")


def _only_closing(s: str, i: int) -> bool:
    """Whether the word starting at ``s[i]`` is made only of closing signs."""
    n = len(s)
    while i < n and s[i] not in " \t":
        if s[i] not in _CLOSING:
            return False
        i += 1
    return True


def _wrap(s: str, c_base: list[int], c_width: list[int], c_hi: list[int], width: int) -> list[tuple[int, int]]:
    """Line ranges of clusters, ``[a, b)`` each; the blanks that hang at a break join ``c_hi``."""
    n = len(c_width)
    # Wrap in logical order at word starts (after a run of blanks). The blanks before a break hang: they
    # join the range of the cluster before them and take no cell, so RTL lines end flush right and no
    # blank overflows. A word wider than the line is cut where it reaches the width.
    spaces = [s[b] in " \t" for b in c_base]
    cum = [0, *accumulate(c_width)]
    breaks = [k for k in range(1, n) if spaces[k - 1] and not spaces[k]]
    run_starts = [k for k in range(n) if spaces[k] and (k == 0 or not spaces[k - 1])]
    # No line starts with a word that only closes the one before it: "100 %", "(نعم) !" stay whole.
    kept = [(b, w) for b, w in zip(breaks, run_starts) if not _only_closing(s, c_base[b])]
    breaks = [b for b, _ in kept]
    wend = [w for _, w in kept]
    breaks.append(n)
    wend.append(run_starts[-1] if spaces[n - 1] else n)
    ce = [cum[w] for w in wend]
    ranges: list[tuple[int, int]] = []
    a = 0
    bi = 0
    while a < n:
        limit = cum[a] + width
        j = bisect_right(ce, limit, bi) - 1
        if j >= bi:
            b = breaks[j]
            keep = wend[j]
            if b == n:
                keep = min(n, max(keep, bisect_right(cum, limit) - 1))
            if keep <= a:
                keep = a + 1
            if keep < b:
                c_hi[keep - 1] = c_hi[b - 1]
            ranges.append((a, keep))
            a = b
            bi = j + 1
        else:
            k = max(a + 1, bisect_right(cum, limit) - 1)
            ranges.append((a, k))
            a = k
    return ranges


def _lines(result: ParagraphLayout, s: str, ranges: list[tuple[int, int]], reorder: bool, base_level: int,
           width: int, paragraph: int, c_glyph: list[str], c_width: list[int], c_lo: list[int], c_hi: list[int],
           c_base: list[int], c_end: list[int]) -> None:
    """Each line range in visual order (UAX #9 L2 with the paragraph's levels, mirrored glyphs at
    odd levels), aligned, appended to ``result.lines``."""
    rtl = result.rtl
    if reorder:
        levels = bidi.resolve_levels(s, base_level)
        cl_of = [-1] * len(s)
        for x, b in enumerate(c_base):
            cl_of[b] = x
        mirrorable = {ch for ch in set(s) if bidi.mirror(ch)}
    for a, b in ranges:
        if reorder:
            first = c_base[a] if a else 0
            last = c_end[b - 1]
            lv = levels[first:last]
            lo_lv = min(lv)
            hi_lv = max(lv)
            if hi_lv == lo_lv == base_level and base_level == 0:
                visual = list(range(a, b))
            elif hi_lv == lo_lv == base_level:
                visual = list(range(b - 1, a - 1, -1))
            else:
                order = bidi.reorder(levels, first, last, base_level, s)
                visual = [x for x in map(cl_of.__getitem__, order) if x >= 0]
            if mirrorable:
                glyphs = []
                for x in visual:
                    g = c_glyph[x]
                    ch = s[c_base[x]]
                    if ch in mirrorable and levels[c_base[x]] % 2 == 1:
                        g = (bidi.mirror(ch) or ch) + g[1:]  # mirrorable: never None
                    glyphs.append(g)
            else:
                glyphs = [c_glyph[x] for x in visual]
        else:
            visual = list(range(a, b))
            glyphs = c_glyph[a:b]
        widths = tuple([c_width[x] for x in visual])
        cells = sum(widths)
        indent = width - cells if (rtl and reorder and cells < width) else 0
        result.lines.append(Line(tuple(glyphs), widths, tuple([c_lo[x] for x in visual]),
                                 tuple([c_hi[x] for x in visual]), c_lo[a], c_hi[b - 1], indent, rtl, paragraph))


def _clusters_fast(s: str, roles: list[tuple[int, int]], glyph_of: Sequence[str], lo: list[int], hi: list[int],
                   show_harakat: bool, tab: int, c_glyph: list[str], c_width: list[int], c_lo: list[int],
                   c_hi: list[int], c_base: list[int], c_end: list[int]) -> None:
    """Clusters of a paragraph that starts with a base character, with list comprehensions: attachments
    (marks, invisible characters, the alef of a lam-alef) are few, so they are patched in afterwards."""
    n = len(s)
    attach = [r[0] != _BASE for r in roles]
    if not isinstance(glyph_of, str) and ABSORBED in glyph_of:  # mode "off" passes the text itself
        for i, g in enumerate(glyph_of):
            if g == ABSORBED:
                attach[i] = True
    bases = [i for i, a in enumerate(attach) if not a]
    c_base.extend(bases)
    c_glyph.extend([glyph_of[i] for i in bases])
    c_width.extend([roles[i][1] for i in bases])
    c_lo.extend([lo[i] for i in bases])
    ends = bases[1:]
    ends.append(n)
    c_end.extend(ends)
    c_hi.extend([hi[e - 1] for e in ends])
    if len(bases) < n:
        k = 0
        nb = len(bases)
        for i in range(n):
            if attach[i]:
                while k + 1 < nb and bases[k + 1] < i:
                    k += 1
                kind = roles[i][0]
                if kind == _MARK or (kind == _HARAKAH and show_harakat):
                    c_glyph[k] += glyph_of[i]
    if "\t" in s:
        for k, b in enumerate(bases):
            if s[b] == "\t":
                c_glyph[k] = " " * tab
                c_width[k] = tab


class DocumentLayout:
    """Paragraphs of ``text`` laid out at ``width``, each on first use (see module doc)."""

    def __init__(self, text: str, width: int, options: LayoutOptions = LayoutOptions()) -> None:
        self.text = text
        self.width = max(1, int(width))
        self.options = options
        self.paragraphs: list[tuple[int, int]] = []
        pos = 0
        for part in text.split("\n"):
            self.paragraphs.append((pos, pos + len(part)))
            pos += len(part) + 1
        self._starts = [s for s, _ in self.paragraphs]
        self._cache: dict[int, ParagraphLayout] = {}

    def paragraph(self, index: int) -> ParagraphLayout:
        layout = self._cache.get(index)
        if layout is None:
            s, e = self.paragraphs[index]
            layout = self._cache[index] = layout_paragraph(self.text, s, e, self.width, self.options, index)
        return layout

    def paragraph_of_offset(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def line_at(self, offset: int) -> Line:
        """The display line holding logical ``offset`` (a "\\n" belongs to the line before it)."""
        offset = min(max(0, offset), len(self.text))
        lines = self.paragraph(self.paragraph_of_offset(offset)).lines
        return next((line for line in lines if offset < line.end), lines[-1])

    def lines(self) -> list[Line]:
        """Every display line, in order: lays out the whole document."""
        return [line for p in range(len(self.paragraphs)) for line in self.paragraph(p).lines]
