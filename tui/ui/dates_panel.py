"""Dates of the open article, chronological, each with its ISO value.

Presents ``tui.analysis.panels.dates_panel``; the date as written is shaped and in visual
order, the ISO value beside it. ``enter`` posts ``JumpTo`` at the date.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.analysis.model import ArticleAnalysis
from tui.analysis.panels import dates_panel
from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_line
from tui.ui.entities_panel import _width


class DatesPanel(OptionList):
    class JumpTo(Message):
        def __init__(self, article_id: str, offset: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.offset = offset

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Dates"
        self.article_id = ""
        self.items = []
        self.analysis: ArticleAnalysis | None = None
        self.layout_options = LayoutOptions()

    def show(self, article_id: str, analysis: ArticleAnalysis | None, options: LayoutOptions | None = None) -> None:
        self.article_id = article_id
        if options is not None:
            self.layout_options = options
        self.analysis = analysis
        self.items = dates_panel(analysis) if analysis is not None else []
        self._render_items()

    def on_resize(self) -> None:
        if self.analysis is not None:
            self._render_items()

    def _render_items(self) -> None:
        analysis = self.analysis
        highlighted = self.highlighted
        self.clear_options()
        if analysis is None:
            self.add_option(Option(Text("Analysing…", style="italic"), disabled=True))
            return
        if not self.items:
            self.add_option(Option(Text("No dates found"), disabled=True))
            return
        width = _width(self)
        for n, item in enumerate(self.items):
            # Line 1: the ISO value and the date as written; line 2 (when any): calendar and note.
            line = Text(f"{item.gregorian or '?':<10} ", style="bold")
            line.append_text(visual_line(item.text, width - 11, self.layout_options))
            extra = []
            if item.calendar != "gregorian":
                extra.append(f"{item.calendar} {item.iso}")
            if item.note:
                extra.append(item.note)
            if extra:
                line.append("\n")
                line.append_text(Text(" " * 11 + " · ".join(extra), style="dim")[: width])
            self.add_option(Option(line, id=f"date:{n}"))
        self.highlighted = highlighted if highlighted is not None and highlighted < self.option_count else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("date:"):
            self.post_message(self.JumpTo(self.article_id, self.items[int(oid[5:])].start))
