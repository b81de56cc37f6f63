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
from tui.ui.bidi_text import visual_inline


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
        self.layout_options = LayoutOptions()

    def show(self, analysis: ArticleAnalysis | None, offset: int, articles: Iterable[Article],
             options: LayoutOptions | None = None) -> None:
        if options is not None:
            self.layout_options = options
        self.clear_options()
        if analysis is None:
            self.items = []
            self.add_option(Option(Text("Analysing…", style="italic"), disabled=True))
            return
        self.items = links_panel(analysis, offset, list(articles))
        if not self.items:
            self.add_option(Option(Text("No links from this passage"), disabled=True))
            return
        o = self.layout_options
        for n, item in enumerate(self.items):
            line = visual_inline(item.target_title, o, max_width=50)
            line.stylize("bold")
            line.append("\n")
            line.append_text(visual_inline(item.reason, o, max_width=50))
            if item.conflict:
                line.append("\n⚠ ", style="bold")
                line.append_text(visual_inline(item.conflict, o, max_width=48))
            line.append("\n")
            snippet = visual_inline(item.snippet, o, max_width=50)
            snippet.stylize("dim")
            line.append_text(snippet)
            self.add_option(Option(line, id=f"link:{n}"))
        self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("link:"):
            it = self.items[int(oid[5:])]
            self.post_message(self.FollowLink(it.target_article_id, it.target_start, it.target_end))
