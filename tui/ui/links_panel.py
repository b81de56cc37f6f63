"""Links of the passage at the reading position: target article, why, and its first words.

Presents ``tui.analysis.panels.links_panel``. ``enter`` posts ``FollowLink``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.analysis.model import ArticleAnalysis
from tui.analysis.panels import LinkItem, links_panel
from tui.corpus.model import Article
from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_line
from tui.ui.entities_panel import _width


class LinksPanel(OptionList):
    class FollowLink(Message):
        def __init__(self, article_id: str, start: int, end: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.start = start
            self.end = end

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Links"
        self.items: list[LinkItem] = []
        self.analysis: ArticleAnalysis | None = None
        self.layout_options = LayoutOptions()

    def show(self, analysis: ArticleAnalysis | None, offset: int, articles: Iterable[Article],
             options: LayoutOptions | None = None) -> None:
        if options is not None:
            self.layout_options = options
        self.analysis = analysis
        self.items = links_panel(analysis, offset, list(articles)) if analysis is not None else []
        self._render_items()

    def on_resize(self) -> None:
        if self.analysis is not None:
            self._render_items()

    def _render_items(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        if self.analysis is None:
            self.add_option(Option(Text("Analysing…", style="italic"), disabled=True))
            return
        if not self.items:
            self.add_option(Option(Text("No links from this passage"), disabled=True))
            return
        o = self.layout_options
        width = _width(self)
        for n, item in enumerate(self.items):
            # One visual line per part, each cut to the panel: the list must never wrap them.
            parts = [visual_line(item.target_title, width, o, style="bold"),
                     visual_line(item.reason, width, o)]
            if item.conflict:
                parts.append(visual_line("⚠ " + item.conflict, width, o, style="bold"))
            parts.append(visual_line(item.snippet, width, o, style="dim"))
            self.add_option(Option(Text("\n").join(parts), id=f"link:{n}"))
        self.highlighted = highlighted if highlighted is not None and highlighted < self.option_count else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("link:"):
            it = self.items[int(oid[5:])]
            self.post_message(self.FollowLink(it.target_article_id, it.target_start, it.target_end))
