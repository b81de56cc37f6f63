"""Layout of logical text into display lines (CONTRACT STUB — being replaced by the real engine).

Public contract used by the UI; keep names and meanings:

- ``LayoutOptions(mode="app"|"terminal"|"off", harakat=True, tab_size=4)``
- ``Line``: one display line. ``glyphs[i]`` is what cell-cluster ``i`` prints (a base character with
  its combining marks after it; width ``widths[i]`` cells, 1 or 2), in *visual* order left to right.
  ``starts[i]``/``ends[i]`` are the logical offsets (absolute, into the document text) that cluster
  came from — a lam-alef ligature covers two letters, a letter with harakat covers them too.
  ``indent`` is how many blank cells precede the glyphs for alignment at the width laid out for
  (right-aligned RTL paragraphs get ``width - line width``).
- ``layout_paragraph(text, start, end, width, options) -> ParagraphLayout``: lays out
  ``text[start:end]`` (one paragraph, no "\\n" inside) at ``width`` cells.
- ``DocumentLayout(text, width, options)``: paragraphs split at "\\n"; lays out lazily.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    mode: str = "app"  # "app": shape + reorder here; "terminal": logical order; "off": logical, unshaped
    harakat: bool = True
    tab_size: int = 4


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


@dataclass(slots=True)
class ParagraphLayout:
    start: int
    end: int
    rtl: bool
    lines: list[Line] = field(default_factory=list)


def layout_paragraph(text: str, start: int, end: int, width: int, options: LayoutOptions = LayoutOptions(), paragraph: int = 0) -> ParagraphLayout:
    # STUB: greedy char wrap, logical order; the real engine shapes, wraps at words and reorders.
    width = max(1, width)
    lines: list[Line] = []
    pos = start
    if start == end:
        lines.append(Line((), (), (), (), start, end, 0, True, paragraph))
    while pos < end:
        stop = min(end, pos + width)
        glyphs = tuple(text[pos:stop])
        n = len(glyphs)
        lines.append(Line(glyphs, (1,) * n, tuple(range(pos, stop)), tuple(range(pos + 1, stop + 1)), pos, stop, width - n, True, paragraph))
        pos = stop
    return ParagraphLayout(start, end, True, lines)


class DocumentLayout:
    """Paragraphs of ``text`` laid out at ``width``; paragraphs are laid out on first use."""

    def __init__(self, text: str, width: int, options: LayoutOptions = LayoutOptions()) -> None:
        self.text = text
        self.width = width
        self.options = options
        self.paragraphs: list[tuple[int, int]] = []
        pos = 0
        for part in text.split("\n"):
            self.paragraphs.append((pos, pos + len(part)))
            pos += len(part) + 1
        self._cache: dict[int, ParagraphLayout] = {}

    def paragraph(self, index: int) -> ParagraphLayout:
        layout = self._cache.get(index)
        if layout is None:
            s, e = self.paragraphs[index]
            layout = self._cache[index] = layout_paragraph(self.text, s, e, self.width, self.options, index)
        return layout
