"""What the Entities, Dates and Links panels share: one list of rows, each a shaped prompt and
(unless it is a heading) a place in the corpus that ``enter`` opens.

A panel gives ``rows(width)``; this base lays them into the OptionList, keeps the highlight
where it was while the content is the same (resizes, reading-position updates), shows
"Analysing…" until the app's analysis is there, and posts ``Open`` for the chosen row. Every
line is cut to the panel's width before Textual sees it: a wrapped visual line would show its
logical end first.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import NamedTuple

from rich.style import Style
from rich.text import Span, Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.analysis.model import ArticleAnalysis
from tui.corpus.model import Article
from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_line, visual_lines

CORPUS_KEY = "c"  # the same key turns the Entities and Dates panels to their corpus-wide list
HERE = "›"  # marks rows of the open article in the corpus-wide lists (one cell everywhere)
# Items a corpus-wide list lays out at once: shaping costs ~0.4 ms a line the first time and the
# OptionList ~0.2 ms an item every time, and a large corpus has tens of thousands of dated passages.
ROW_LIMIT = 300


def window(count: int, focus: int | None, limit: int = ROW_LIMIT) -> range:
    """Indexes of at most ``limit`` of ``count`` items, holding ``focus`` a quarter of the way down."""
    if count <= limit:
        return range(count)
    start = max(0, min((focus or 0) - limit // 4, count - limit))
    return range(start, start + limit)


def shown(count: int, rows: range, noun: str) -> str:
    """The heading of a corpus-wide list: how many there are and which are laid out."""
    text = f"{count} {noun}"
    return text if len(rows) == count else f"{text} · {rows.start + 1}–{rows.stop} shown"


def line_width(widget: Widget) -> int:
    """Cells a list line may use: the content width less room for a scrollbar that may appear,
    or a dock's width before the first layout."""
    w = widget.scrollable_content_region.width
    return max(12, w - 3) if w > 6 else 40


@lru_cache(maxsize=8192)
def _shaped(text: str, width: int, options: LayoutOptions, style: Style | str, align: str | None = None) -> Text:
    return visual_line(text, width, options, style=style, align=align)


@lru_cache(maxsize=1024)
def _shaped_lines(text: str, width: int, options: LayoutOptions, max_lines: int, style: Style | str) -> tuple[Text, ...]:
    return tuple(visual_lines(text, width, options, max_lines, style=style))


def _attributes_only(style: Style | str | None) -> Style:
    if not style:
        return Style()
    style = Style.parse(style) if isinstance(style, str) else style
    return Style(bold=style.bold, underline=style.underline)


def chosen_prompt(prompt: Text) -> Text:
    """``prompt`` as drawn on the chosen row: its own colours and dim dropped (bold and underline
    kept), so the row's cursor colours hold for every letter. A dim snippet or a red conflict line
    on the cursor's background read at 2–3.7:1."""
    out = prompt.copy()
    out.style = _attributes_only(prompt.style)
    out.spans = [Span(s.start, s.end, _attributes_only(s.style)) for s in prompt.spans]
    return out


def corpus_binding(id: str, description: str, tooltip: str) -> Binding:
    """The binding of a panel's corpus-wide list (``action_toggle_corpus``)."""
    return Binding(CORPUS_KEY, "toggle_corpus", description, id=id, tooltip=tooltip)


@dataclass(frozen=True)
class PanelData:
    """What a panel shows: the reader's article and position, and the corpus analyses."""

    article_id: str
    offset: int  # the reading position (logical) in that article
    analyses: Mapping[str, ArticleAnalysis] | None  # None while the app is still analysing
    articles: Sequence[Article] = ()
    options: LayoutOptions = field(default_factory=LayoutOptions)
    failure: str | None = None  # why the analysis failed, in one line: said instead of "Analysing…"

    @property
    def analysis(self) -> ArticleAnalysis | None:
        return None if self.analyses is None else self.analyses.get(self.article_id)

    @cached_property
    def rtl(self) -> bool:
        """Is the open article right-to-left?"""
        article = next((a for a in self.articles if a.id == self.article_id), None)
        return article is not None and article.direction == "rtl"


class Target(NamedTuple):
    article_id: str
    start: int
    end: int | None = None  # with an end, the span is flashed on arrival


class Row(NamedTuple):
    prompt: Text
    value: object = None  # what ``enter`` acts on (usually a Target); None: a heading, not selectable
    divider: bool = False  # a rule below the row (multi-line items)


class PanelList(OptionList):
    """Base of the three list panels. Subclasses set ``TITLE``/``EMPTY`` and write ``rows``."""

    TITLE = ""
    EMPTY = "Nothing here"
    corpus = False  # showing the corpus-wide list (panels with a ``c`` binding) instead of the article's

    class Open(Message):
        """Open ``article_id`` at ``start`` (a history visit); flash ``start:end`` when given."""

        def __init__(self, article_id: str, start: int, end: int | None = None) -> None:
            super().__init__()
            self.article_id = article_id
            self.start = start
            self.end = end

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.data: PanelData | None = None
        self.values: list[object] = []
        self.prompts: list[Text] = []  # as the panel made them; the chosen row shows chosen_prompt()
        self._plain_row: int | None = None  # the row whose prompt is chosen_prompt() now
        self._shown_key: Hashable = None
        self.update_titles()

    # -- what subclasses provide --------------------------------------------------------------
    def rows(self, width: int) -> Iterable[Row]:
        raise NotImplementedError

    def content_key(self) -> Hashable:
        """Equal keys: same content, so the highlight stays on its row across a re-render."""
        return (self.data.article_id if self.data is not None else None, self.corpus)

    def first_highlight(self, choosable: list[int]) -> int | None:
        """The row highlighted when the content is new: the first one that can be chosen."""
        return choosable[0] if choosable else None

    def titles(self) -> tuple[str, str]:
        """(title, subtitle): the subtitle names the panel's own keys."""
        return self.TITLE, "enter jump · esc close"

    # -- showing ------------------------------------------------------------------------------
    def show(self, data: PanelData) -> None:
        self.data = data
        self.render_rows()

    def move_to(self, offset: int) -> None:
        """The reading position moved inside the same article."""
        if self.data is not None and offset != self.data.offset:
            self.data = replace(self.data, offset=offset)

    @property
    def analysis(self) -> ArticleAnalysis | None:
        return self.data.analysis if self.data is not None else None

    @property
    def showing(self) -> PanelData:
        """What is on show: the panels' rows are asked for only once ``show`` gave it."""
        if self.data is None:
            raise LookupError(f"{type(self).__name__} shows nothing yet")
        return self.data

    @property
    def showing_analysis(self) -> ArticleAnalysis:
        """The open article's analysis: rows are asked for only when it is there (not ``analysing``)."""
        analysis = self.showing.analysis
        if analysis is None:
            raise LookupError(f"{type(self).__name__}: the article is not analysed yet")
        return analysis

    @property
    def analysing(self) -> bool:
        return self.data is None or self.data.analysis is None

    @property
    def line_width(self) -> int:
        return line_width(self)

    def shaped(self, text: str, width: int, style: Style | str = "", align: str | None = None) -> Text:
        """``text`` shaped, in visual order, cut to ``width`` cells (never wraps). Cached, so
        re-rendering a list (another article opened, a resize back) is cheap: do not modify it."""
        return _shaped(text, width, self._layout_options(), style, align)

    def shaped_lines(self, text: str, width: int, max_lines: int, style: Style | str = "") -> list[Text]:
        """``text`` wrapped by the layout engine at ``width`` cells, each line in visual order on its
        own (at most ``max_lines``, the last cut with "…")."""
        return list(_shaped_lines(text, width, self._layout_options(), max_lines, style))

    def _layout_options(self) -> LayoutOptions:
        options = self.data.options if self.data is not None else LayoutOptions()
        if self.data is not None and options.fallback != "rtl" and self.data.rtl:
            # As in the article: a line with no strong letter (a digits-only date, a bare number)
            # goes right like its Arabic neighbours instead of sticking out on the left.
            options = replace(options, fallback="rtl")
        return options

    def component(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def update_titles(self) -> None:
        self.border_title, self.border_subtitle = self.titles()

    def render_rows(self) -> None:
        key = self.content_key()
        keep = self.highlighted if key == self._shown_key else None
        self._shown_key = key
        self.update_titles()
        self.clear_options()
        if self.analysing:
            failure = self.data.failure if self.data is not None else None
            waiting = "Analysing…" if failure is None else f"Analysis failed: {failure}"
            rows: list[Row] = [Row(Text(waiting, style="italic", no_wrap=True, overflow="ellipsis"))]
        else:
            rows = list(self.rows(self.line_width)) or [Row(Text(self.EMPTY))]
        options: list[Option | None] = []
        for row in rows:
            options.append(Option(row.prompt, disabled=row.value is None))
            if row.divider:
                options.append(None)  # OptionList draws a rule under the previous option
        self.add_options(options)
        self.values = [row.value for row in rows]
        self.prompts = [row.prompt for row in rows]
        self._plain_row = None
        choosable = [i for i, v in enumerate(self.values) if v is not None]
        if keep is not None and keep in choosable:
            self.highlighted = keep
        else:
            self.highlighted = self.first_highlight(choosable)
        self._show_chosen(self.highlighted)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._show_chosen(highlighted)

    def _show_chosen(self, index: int | None) -> None:
        if index == self._plain_row:
            return
        old, self._plain_row = self._plain_row, None
        if old is not None and old < len(self.prompts) and old < self.option_count:
            self.replace_option_prompt_at_index(old, self.prompts[old])
        if index is not None and index < len(self.prompts) and index < self.option_count:
            self.replace_option_prompt_at_index(index, chosen_prompt(self.prompts[index]))
            self._plain_row = index

    @property
    def chosen(self) -> object:
        """The value of the highlighted row (None on a heading or with nothing highlighted)."""
        i = self.highlighted
        return self.values[i] if i is not None and 0 <= i < len(self.values) else None

    def on_resize(self) -> None:
        if self.data is not None:
            self.render_rows()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = self.values[event.option_index] if event.option_index < len(self.values) else None
        if value is not None:
            self.open(value)

    def action_toggle_corpus(self) -> None:
        self.corpus = not self.corpus
        self.render_rows()

    def open(self, value: object) -> None:
        if isinstance(value, Target):
            self.post_message(self.Open(*value))
