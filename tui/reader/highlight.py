"""Which letters of a display line get which highlight: entity types, dates, a flashed passage.

Pure (no Textual): the view turns each kind into the component class ``article--<kind>``.
Spans are logical offsets, mapped to clusters through ``Line.starts/ends`` so a highlight
covers exactly the mentioned letters whatever order the line is drawn in.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right

from tui.analysis.model import ArticleAnalysis
from tui.text.layout import Line

KIND_OF_TYPE = {"PER": "person", "LOC": "place", "ORG": "org", "EVENT": "event", "MISC": "misc"}
KINDS = (*KIND_OF_TYPE.values(), "date", "emphasis", "flash", "cursor")
_RUN = re.compile(r"\S+")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Logical [start, end) of every word: a run of non-space characters without the punctuation
    at its ends (``،`` ``"`` ``(`` …); harakat stay with their letters."""
    out = []
    for m in _RUN.finditer(text):
        s, e = m.start(), m.end()
        while s < e and unicodedata.category(text[s])[0] in "PS":
            s += 1
        while e > s and unicodedata.category(text[e - 1])[0] in "PS":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


class Highlighter:
    _strong: set[int]

    def __init__(self, analysis: ArticleAnalysis | None) -> None:
        self._strong = set()
        spans: list[tuple[int, int, str]] = []
        linked: list[tuple[int, int]] = []
        if analysis is not None:
            spans += [(m.start, m.end, KIND_OF_TYPE.get(m.type, "misc")) for m in analysis.entities]
            spans += [(d.start, d.end, "date") for d in analysis.dates]
            starts = {l.start for l in analysis.links}
            # A link names its passage by the passage's start; the gutter marks the whole passage.
            linked = sorted((p.start, p.end) for p in analysis.passages if any(p.start <= s < p.end for s in starts))
            if not linked:
                linked = sorted({(l.start, l.end) for l in analysis.links})
            strong_starts = {l.start for l in analysis.links if l.strength == "strong"}
            self._strong = {s for s, e in linked if any(s <= x < e for x in strong_starts)}
        self.spans = sorted(s for s in spans if s[1] > s[0])
        self._starts = [s for s, _, _ in self.spans]
        self._max_len = max((e - s for s, e, _ in self.spans), default=0)
        self.linked_spans = linked
        self._linked_starts = [s for s, _ in linked]

    def linked(self, start: int, end: int) -> bool:
        """Does a passage with links overlap the logical range [start, end)?"""
        # Passages do not overlap: only the last one starting before ``end`` can reach ``start``.
        i = bisect_left(self._linked_starts, end)
        return i > 0 and self.linked_spans[i - 1][1] > start

    def link_strength(self, start: int, end: int) -> str | None:
        """"strong" if a passage with a strong link overlaps [start, end), "related" if one
        with links only of the same topic does, None otherwise."""
        i = bisect_left(self._linked_starts, end)
        if not (i > 0 and self.linked_spans[i - 1][1] > start):
            return None
        return "strong" if self.linked_spans[i - 1][0] in self._strong else "related"

    def spans_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        lo = bisect_left(self._starts, start - self._max_len)
        hi = bisect_right(self._starts, end)
        return [t for t in self.spans[lo:hi] if t[1] > start and t[0] < end]

    def cluster_kinds(
        self, line: Line, flash: tuple[int, int] | None = None, emphasis: list[tuple[int, int]] | None = None,
        cursor: tuple[int, int] | None = None,
    ) -> list[tuple[str, ...]]:
        """One tuple of kinds per cluster of ``line`` (empty when plain). ``emphasis``: sorted
        spans stressed on top of their own kind (the entity chosen in the Entities panel);
        ``cursor``: the word cursor's word, drawn last and never reversed by a flash."""
        kinds: list[tuple[str, ...]] = [()] * len(line.glyphs)
        end = max(line.end, max(line.ends, default=line.end))
        start = min(line.start, min(line.starts, default=line.start))
        for s, e, kind in self.spans_in(start, end):
            for i in line.clusters_in(s, e):
                if kind not in kinds[i]:
                    kinds[i] = kinds[i] + (kind,)
        if emphasis:
            lo = max(0, bisect_left(emphasis, (start,)) - 1)
            for s, e in emphasis[lo:]:
                if s >= end:
                    break
                if e > start:
                    for i in line.clusters_in(s, e):
                        if "emphasis" not in kinds[i]:
                            kinds[i] = kinds[i] + ("emphasis",)
        if flash is not None and flash[1] > start and flash[0] < end:
            for i in line.clusters_in(*flash):
                kinds[i] = kinds[i] + ("flash",)
        if cursor is not None and cursor[1] > start and cursor[0] < end:
            for i in line.clusters_in(*cursor):
                kinds[i] = tuple(k for k in kinds[i] if k != "flash") + ("cursor",)
        return kinds
