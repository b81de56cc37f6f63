"""The article list. Titles and sources go through the layout engine before Textual sees them.

A virtual list: ``OptionList`` holds one pre-rendered visual prompt per shown article, rendered once
per (width, layout options) and cached, so sorting, filtering and appending batches while a large
folder loads re-use the rendering instead of laying out thousands of titles again.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.corpus.model import Article
from tui.text.layout import LayoutOptions
from tui.text.normalize import normalize
from tui.ui.bidi_text import visual_line, visual_lines

SORTS = ("corpus", "date", "title", "source")


def _length(article: Article) -> str:
    words = len(article.text.split())
    return f"{words:,} words"


def _sort_key(sort: str, article: Article, index: int):
    if sort == "date":
        # Newest first; undated articles last, in corpus order.
        return (0, _neg(article.date), index) if article.date else (1, "", index)
    if sort == "title":
        return (normalize(article.title or article.id), index)
    if sort == "source":
        return (article.source is None, normalize(article.source or ""), index)
    return (index,)


def _neg(date: str) -> tuple[int, ...]:
    parts = [int(p) for p in date.split("-") if p.isdigit()]
    parts += [0] * (3 - len(parts))
    return tuple(-p for p in parts)


class Entry(Visual):
    """Lines already laid out (visual order, padded to the width): their height is their count.

    OptionList asks every option for its height; a rich ``Text`` would be re-wrapped each time,
    which at 5,000 entries costs more than everything else in a re-sort.
    """

    def __init__(self, lines: list[Text]) -> None:
        self.lines = [(t.plain, RichStyle.parse(t.style) if isinstance(t.style, str) else t.style) for t in lines]

    def __str__(self) -> str:
        return "\n".join(plain for plain, _ in self.lines)

    def render_strips(self, width, height, style, options) -> list[Strip]:
        base = style.rich_style
        return [Strip([Segment(plain, base + st)]).adjust_cell_length(width, base) for plain, st in self.lines]

    def get_optimal_width(self, rules, container_width: int) -> int:
        return max((len(plain) for plain, _ in self.lines), default=0)

    def get_minimal_width(self, rules) -> int:
        return self.get_optimal_width(rules, 0)

    def get_height(self, rules, width: int) -> int:
        return len(self.lines)


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
        self.articles = articles  # shared with the app, which appends while a folder loads
        self.skipped = skipped
        self.layout_options = options
        self.sort = "corpus"
        self.filter_text = ""
        self.order: list[int] = []  # article indices in display order
        self.current = 0
        self._built_width = -1
        self._prompts: dict[int, Option] = {}
        self._keys: dict[int, str] = {}  # normalised "title source" for filtering
        self._sort_keys: dict[str, dict[int, tuple]] = {}
        self._shown_skips = 0

    # -- public API -----------------------------------------------------------------------
    def set_layout_options(self, options: LayoutOptions) -> None:
        self.layout_options = options
        self._rebuild(force=True)

    def set_sort(self, sort: str) -> None:
        self.sort = sort if sort in SORTS else "corpus"
        self._refill()

    def cycle_sort(self) -> str:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])
        return self.sort

    def set_filter(self, text: str) -> None:
        self.filter_text = normalize(text).strip()
        self._refill()

    def articles_added(self) -> None:
        """The app appended to ``articles`` (and maybe ``skipped``): show the new entries."""
        if self._built_width < 0:
            return
        start = len(self.order) if self._plain() else None
        if start is not None and self._shown_skips == 0 and not self.skipped:
            # Cheap path: corpus order, no filter — append only the new options.
            new = range(max(self.order, default=-1) + 1, len(self.articles))
            self.order.extend(new)
            self.add_options([self._option(i) for i in new])
        else:
            self._refill()

    def show_current(self, index: int) -> None:
        self.current = index
        try:
            self.highlighted = self.get_option_index(f"a{index}")
        except OptionDoesNotExist:
            pass

    def matches(self, index: int) -> bool:
        if not self.filter_text:
            return True
        key = self._keys.get(index)
        if key is None:
            a = self.articles[index]
            key = self._keys[index] = normalize(f"{a.title or a.id} {a.source or ''}")
        return self.filter_text in key

    # -- building -------------------------------------------------------------------------
    def on_mount(self) -> None:
        self._rebuild()

    def on_resize(self) -> None:
        self._rebuild()

    def _plain(self) -> bool:
        return self.sort == "corpus" and not self.filter_text

    def _rebuild(self, force: bool = False) -> None:
        width = max(8, self.scrollable_content_region.width - 2)
        if width == self._built_width and not force:
            return
        self._built_width = width
        self._prompts.clear()
        self._refill()

    def _option(self, i: int) -> Option:
        option = self._prompts.get(i)
        if option is None:
            article, width, opts = self.articles[i], self._built_width, self.layout_options
            lines = visual_lines(article.title or article.id, width, opts, max_lines=2, style="bold")
            meta = " · ".join(x for x in (article.date, _length(article), article.source) if x)
            lines.append(visual_line(meta, width, opts, style="dim"))
            option = self._prompts[i] = Option(Entry(lines), id=f"a{i}")
        return option

    def _refill(self) -> None:
        if self._built_width < 0:
            return
        indices = [i for i in range(len(self.articles)) if self.matches(i)]
        if self.sort != "corpus":
            keys = self._sort_keys.setdefault(self.sort, {})
            arts, sort = self.articles, self.sort
            for i in indices:
                if i not in keys:
                    keys[i] = _sort_key(sort, arts[i], i)
            indices.sort(key=keys.__getitem__)
        self.order = indices
        items = [self._option(i) for i in indices]
        self._shown_skips = len(self.skipped)
        for path, reason in self.skipped:
            note = visual_lines(f"⚠ {path}: {reason}", self._built_width, self.layout_options, max_lines=2,
                                align="left")
            items.append(Option(Text("\n").join(note), id=None, disabled=True))
        self.clear_options()
        self.add_options(items)
        self.show_current(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id and option_id.startswith("a"):
            self.post_message(self.OpenArticle(int(option_id[1:])))
