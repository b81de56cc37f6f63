"""One-line header: the current article's title (laid out by the engine) and where you are."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_line


class ArticleHeader(Widget):
    title_text: reactive[str] = reactive("")
    info: reactive[str] = reactive("")

    def __init__(self, options: LayoutOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.layout_options = options

    def set_layout_options(self, options: LayoutOptions) -> None:
        self.layout_options = options
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        info = f" {self.info} " if self.info else ""
        name = " Qari "
        room = max(4, width - cell_len(info) - cell_len(name) - 2)
        title = visual_line(self.title_text, room, self.layout_options, align="center")
        out = Text(no_wrap=True, end="")
        out.append(name, style="bold")
        out.append(" ")
        out.append_text(title)
        out.append(" ")
        out.append(info)
        return out
