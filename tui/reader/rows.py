"""Rows of an article at one width: the view model behind ``ArticleView`` (no Textual here).

A row is either a display line of a paragraph or the blank gap after a paragraph. Paragraphs are
laid out on demand; until then their height is *estimated* from their length, so opening a long
article costs only the visible paragraphs. Rendering walks rows top to bottom and laying out
paragraph ``i`` only moves rows after it, so a paint stays consistent while heights settle.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tui.corpus.model import Fold
from tui.text.layout import DocumentLayout, LayoutOptions, Line


@dataclass(frozen=True, slots=True)
class Row:
    paragraph: int
    line: int  # index into the paragraph's lines; -1 for the gap row after the paragraph


FOLD_PREVIEW = 12  # characters of a short fold (a "breaking" tag) shown as its own label


def fold_groups(text: str, folds: Sequence[Fold]) -> list[tuple[int, int, str]]:
    """Folds (``Fold``-like: start, end, kind) merged per kind where only whitespace separates them,
    each with the one-line label shown in place of the folded lines."""
    merged: list[list[Any]] = []  # [start, end, kind, count]
    for f in sorted(folds, key=lambda f: (f.start, f.end)):
        last = merged[-1] if merged else None
        if last is not None and last[2] == f.kind and f.start >= last[1] and not text[last[1]:f.start].strip():
            last[1] = max(last[1], f.end)
            last[3] += 1
        else:
            merged.append([f.start, f.end, f.kind, 1])
    out = []
    for start, end, kind, count in merged:
        body = " ".join(text[start:end].split())
        if count == 1 and len(body) <= FOLD_PREVIEW and "\n" not in text[start:end].strip():
            label = body  # e.g. the breaking-news tag itself: shorter than any description
        else:
            label = f"{kind} ({count} line{'s' if count != 1 else ''})"
        out.append((start, end, label))
    return out


class DocumentRows:
    def __init__(self, text: str, width: int, options: LayoutOptions,
                 folds: Sequence[tuple[int, int, str]] = ()) -> None:
        self.text = text
        self.width = max(1, width)
        self.options = options
        self.layout = DocumentLayout(text, self.width, options)
        self.spans: list[tuple[int, int]] = list(self.layout.paragraphs)
        self._starts = [s for s, _ in self.spans]
        self.blank = [not text[s:e].strip() for s, e in self.spans]
        self.heights = [0 if self.blank[i] else self._estimate(i) for i in range(len(self.spans))]
        self.exact = list(self.blank)
        self._cum: list[int] | None = None
        # Folded paragraphs: the first of a fold shows its label on one row, the rest take no rows.
        self.fold_label: dict[int, str] = {}
        for start, end, label in folds:
            first = True
            for i in range(bisect_right(self._starts, start) - 1, len(self.spans)):
                s, e = self.spans[i]
                if i < 0 or s < start or self.blank[i]:
                    continue
                if s >= end or e > end + 1:
                    break
                if first:
                    self.fold_label[i] = label
                    self.heights[i] = 2
                    first = False
                else:
                    self.blank[i] = True
                    self.heights[i] = 0
                self.exact[i] = True

    # -- heights -----------------------------------------------------------------------------
    def _estimate(self, i: int) -> int:
        s, e = self.spans[i]
        return -(-(e - s) // self.width) + 1

    def ensure(self, i: int) -> bool:
        """Lay out paragraph ``i``; True when its height differed from the estimate."""
        if self.exact[i]:
            return False
        self.exact[i] = True
        height = len(self.layout.paragraph(i).lines) + 1
        changed = height != self.heights[i]
        if changed:
            self.heights[i] = height
            self._cum = None
        return changed

    def ensure_some(self, budget: int) -> int:
        """Lay out up to ``budget`` characters of not-yet-laid-out paragraphs; returns how many remain."""
        spent = 0
        for i, done in enumerate(self.exact):
            if not done:
                self.ensure(i)
                s, e = self.spans[i]
                spent += e - s + 1
                if spent >= budget:
                    break
        return self.exact.count(False)

    @property
    def complete(self) -> bool:
        return all(self.exact)

    @property
    def cum(self) -> list[int]:
        if self._cum is None:
            acc = [0]
            for h in self.heights:
                acc.append(acc[-1] + h)
            self._cum = acc
        return self._cum

    @property
    def total(self) -> int:
        return self.cum[-1]

    # -- mapping -----------------------------------------------------------------------------
    def paragraph_at_row(self, y: int) -> int:
        cum = self.cum
        # bisect over starts finds the last paragraph starting at or before y; blank paragraphs
        # have height 0 and share a start with the next one, so bisect_right skips past them.
        i = bisect_right(cum, y, 0, len(self.spans)) - 1
        return max(0, min(i, len(self.spans) - 1))

    def row(self, y: int) -> Row | None:
        if not self.spans or y < 0:
            return None
        i = self.paragraph_at_row(y)
        self.ensure(i)  # cannot move rows of paragraph i itself, only those after it
        cum = self.cum
        if y >= cum[-1]:
            return None
        i = self.paragraph_at_row(y)
        self.ensure(i)
        k = y - self.cum[i]
        n = 1 if i in self.fold_label else len(self.layout.paragraph(i).lines)
        return Row(i, k if k < n else -1)

    def line(self, row: Row) -> Line | None:
        if row.line < 0 or row.paragraph in self.fold_label:
            return None
        return self.layout.paragraph(row.paragraph).lines[row.line]

    def paragraph_of_offset(self, offset: int) -> int:
        i = bisect_right(self._starts, max(0, offset)) - 1
        i = max(0, min(i, len(self.spans) - 1))
        # A blank paragraph has no rows: read from the next one with text.
        while i < len(self.spans) - 1 and self.blank[i]:
            i += 1
        return i

    def row_of_offset(self, offset: int) -> int:
        if not self.spans:
            return 0
        i = self.paragraph_of_offset(offset)
        self.ensure(i)
        if self.blank[i] or i in self.fold_label:
            return self.cum[i]
        lines = self.layout.paragraph(i).lines
        k = 0
        for k, line in enumerate(lines):
            if offset < line.end or (line.start == line.end and offset <= line.start):
                break
        return self.cum[i] + k

    def offset_of_row(self, y: int) -> int:
        """Logical offset shown at row ``y``: the line's start, or for a gap the next paragraph's."""
        r = self.row(min(max(0, y), max(0, self.total - 1)))
        if r is None:
            return 0
        if r.line >= 0 and r.paragraph in self.fold_label:
            return self.spans[r.paragraph][0]
        if r.line >= 0:
            return self.layout.paragraph(r.paragraph).lines[r.line].start
        nxt = self.next_paragraph(r.paragraph)
        return self.spans[nxt][0] if nxt is not None else self.spans[r.paragraph][1]

    def next_paragraph(self, i: int) -> int | None:
        for j in range(i + 1, len(self.spans)):
            if not self.blank[j]:
                return j
        return None

    def previous_paragraph(self, i: int) -> int | None:
        for j in range(i - 1, -1, -1):
            if not self.blank[j]:
                return j
        return None

    def paragraph_rows(self, i: int) -> tuple[int, int]:
        """Rows [first, last] of paragraph ``i``'s text (excluding its gap)."""
        self.ensure(i)
        first = self.cum[i]
        return first, first + max(0, self.heights[i] - 2)
