"""The article list. Titles and sources go through the layout engine before Textual sees them."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.corpus.model import Article
from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_line, visual_lines


def _length(article: Article) -> str:
    words = len(article.text.split())
    return f"{words:,} words"


class Sidebar(OptionList):
    """Lists the articles (and, marked, the files that could not be loaded)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar_down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar_up"),
        Binding("enter", "select", "Open", id="open_article", tooltip="Open the highlighted article"),
    ]

    class OpenArticle(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, articles: list[Article], skipped: list[tuple[str, str]], options: LayoutOptions,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles = articles
        self.skipped = skipped
        self.layout_options = options
        self._built_width = -1

    def set_layout_options(self, options: LayoutOptions) -> None:
        self.layout_options = options
        self._rebuild(force=True)

    def on_mount(self) -> None:
        self._rebuild()

    def on_resize(self) -> None:
        self._rebuild()

    def _rebuild(self, force: bool = False) -> None:
        width = max(8, self.scrollable_content_region.width - 2)
        if width == self._built_width and not force:
            return
        self._built_width = width
        highlighted = self.highlighted
        opts = self.layout_options
        items: list[Option] = []
        for i, article in enumerate(self.articles):
            lines = visual_lines(article.title or article.id, width, opts, max_lines=2, style="bold")
            meta = " · ".join(x for x in (article.date, _length(article), article.source) if x)
            lines.append(visual_line(meta, width, opts, style="dim"))
            items.append(Option(Text("\n").join(lines), id=f"a{i}"))
        for path, reason in self.skipped:
            note = visual_lines(f"⚠ {path}: {reason}", width, opts, max_lines=2, align="left")
            items.append(Option(Text("\n").join(note), id=None, disabled=True))
        self.clear_options()
        self.add_options(items)
        if highlighted is not None and highlighted < len(self.articles):
            self.highlighted = highlighted

    def show_current(self, index: int) -> None:
        if 0 <= index < len(self.articles):
            self.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.articles):
            self.post_message(self.OpenArticle(event.option_index))
