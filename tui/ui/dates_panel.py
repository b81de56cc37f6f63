"""Dates of the open article in chronological order; ``c``: the corpus timeline.

Presents ``tui.reader.panels.dates_panel`` and ``corpus_timeline``. A date shows its
Gregorian ISO value, then the date as written (shaped, visual order); a Hijri date adds a
line with its Hijri value, and notes (year taken from the article, weekday disagreements)
follow. ``enter`` opens the date; in the timeline, the dated passage of its article.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from rich.text import Text

from tui.reader.panels import TimelineItem, corpus_timeline, dates_panel
from tui.ui.panel_list import HERE, PanelList, Row, Target, corpus_binding, shown, window

ISO = 11  # cells of the ISO column and its space
MARGIN = ISO + 2  # the timeline's: a mark for the open article, a space, then the ISO column


class DatesPanel(PanelList):
    TITLE = "Dates"
    EMPTY = "No dates found"
    BINDINGS = [corpus_binding("dates_timeline", "Timeline",
                               "Every dated passage of every article in order (again: this article)")]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._timeline: tuple[object, list[TimelineItem]] | None = None

    def titles(self) -> tuple[str, str]:
        if self.corpus:
            return "Timeline", "enter open · c this article"
        return self.TITLE, "enter jump · c timeline"

    def content_key(self) -> Hashable:
        # The timeline is the same whatever article is open: keep the reader's place in it
        # (unless a long one now shows other items).
        return ("timeline", self.timeline_rows().start) if self.corpus else super().content_key()

    def first_highlight(self, choosable: list[int]) -> int | None:
        # The timeline opens where the open article sits in time.
        if self.corpus:
            here = self.data.article_id
            mine = [i for i in choosable if self.values[i].article_id == here]
            if mine:
                return mine[0]
        return super().first_highlight(choosable)

    def rows(self, width: int) -> Iterable[Row]:
        return self._timeline_rows(width) if self.corpus else self._article_rows(width)

    def _article_rows(self, width: int) -> Iterable[Row]:
        article_id = self.data.article_id
        for item in dates_panel(self.analysis):
            line = Text()
            line.append(f"{item.gregorian or '?':<10} ", style="bold")
            line.append_text(self.shaped(item.text, width - ISO))
            extra = []
            if item.calendar != "gregorian":
                extra.append(f"{item.calendar} {item.iso}")
            if item.note:
                extra.append(item.note)
            if extra:
                line.append("\n" + " " * ISO)
                # Notes may name Arabic weekdays: shaped like everything else.
                line.append_text(self.shaped(" · ".join(extra), width - ISO, style="dim"))
            yield Row(line, Target(article_id, item.start, item.end))

    def timeline(self) -> list[TimelineItem]:
        """The corpus timeline, computed once per set of analyses."""
        analyses = self.data.analyses
        if self._timeline is None or self._timeline[0] is not analyses:
            self._timeline = (analyses, corpus_timeline(analyses, self.data.articles))
        return self._timeline[1]

    def timeline_rows(self) -> range:
        """Which timeline items are laid out: all, or a window holding the open article's."""
        items, here = self.timeline(), self.data.article_id
        return window(len(items), next((i for i, t in enumerate(items) if t.article_id == here), None))

    def _timeline_rows(self, width: int) -> Iterable[Row]:
        items = self.timeline()
        here = self.data.article_id
        rows = self.timeline_rows()
        yield Row(Text(shown(len(items), rows, "dated passages"), style="dim"))
        for t in (items[i] for i in rows):
            line = Text(HERE if t.article_id == here else " ")
            line.append(f" {t.gregorian:<10}", style="bold")
            line.append(" ")
            line.append_text(self.shaped(t.title, width - MARGIN, style="bold"))
            line.append("\n" + " " * MARGIN)
            line.append_text(self.shaped(t.context or t.text, width - MARGIN, style="dim"))
            yield Row(line, Target(t.article_id, t.start, t.end))
