"""The ``/`` search prompt and the corpus-wide results list.

The field keeps what is typed in logical order (what editing and matching need) and draws it
shaped and in visual order (``ShapedInput``); the line below it counts the hits live. ``enter`` posts ``Submitted`` and fills the results list (shaped snippets);
``enter`` on a result posts ``OpenHit``; ``escape`` posts ``Closed``.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.analysis.search import CorpusSearch, Hit
from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_line
from tui.ui.panel_list import line_width
from tui.ui.shaped_input import ShapedInput

RESULT_LIMIT = 200


class HitCursor:
    """Steps through hit spans of one article: ``n`` forward, ``N`` back, wrapping."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.spans = list(spans or [])
        self.index = -1

    def next_after(self, offset: int) -> tuple[int, int] | None:
        if not self.spans:
            return None
        if self.index >= 0:
            self.index = (self.index + 1) % len(self.spans)
        else:
            self.index = next((i for i, (s, _) in enumerate(self.spans) if s >= offset), 0)
        return self.spans[self.index]

    def previous_before(self, offset: int) -> tuple[int, int] | None:
        if not self.spans:
            return None
        if self.index >= 0:
            self.index = (self.index - 1) % len(self.spans)
        else:
            before = [i for i, (s, _) in enumerate(self.spans) if s < offset]
            self.index = before[-1] if before else len(self.spans) - 1
        return self.spans[self.index]


class SearchPrompt(Vertical):
    BINDINGS = [Binding("escape", "close", "Close search", show=False, id="close_search")]

    class Submitted(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class OpenHit(Message):
        def __init__(self, article_id: str, start: int, end: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.start = start
            self.end = end

    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.search: CorpusSearch | None = None
        self.article_id = ""
        self.hits: list[Hit] = []
        self.layout_options = LayoutOptions()

    def compose(self) -> ComposeResult:
        yield ShapedInput(placeholder="Search (Arabic or English names)", id="search-input")
        yield Static(id="search-count")
        yield OptionList(id="search-results")

    def set_search(self, search: CorpusSearch | None, article_id: str = "",
                   options: LayoutOptions | None = None) -> None:
        self.search = search
        self.article_id = article_id
        if options is not None:
            self.layout_options = options
            self.query_one(ShapedInput).set_layout_options(options)
        self._refresh_count(self.query_one(Input).value)

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def open(self, query: str | None = None) -> None:
        field = self.query_one(Input)
        if query is not None:
            field.value = query
        field.focus()

    def count(self, query: str) -> tuple[int, int]:
        """(hits in the open article, hits in the corpus)."""
        if self.search is None or not query.strip():
            return 0, 0
        here = len(self.search.find_in(self.article_id, query)) if self.article_id else 0
        return here, self.search.count(query)

    def _refresh_count(self, query: str) -> None:
        if self.search is None:
            text = "Analysing…" if query.strip() else ""
        elif not query.strip():
            text = ""
        else:
            here, total = self.count(query)
            text = f"{here} here · {total} in corpus"
        self.query_one("#search-count", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refresh_count(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value
        self.post_message(self.Submitted(query))
        self.hits = self.search.search(query, limit=RESULT_LIMIT) if self.search is not None and query.strip() else []
        self._render_results()

    def _render_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        width = line_width(results)
        for n, hit in enumerate(self.hits):
            # Article number, then the snippet cut to the list so it never wraps.
            label = Text(f"{self._article_number(hit.article_id):>3} ", style="dim")
            label.append_text(visual_line(hit.snippet, width - 4, self.layout_options))
            results.add_option(Option(label, id=f"hit:{n}"))
        if self.hits:
            results.highlighted = 0

    def _article_number(self, article_id: str) -> str:
        for n, article in enumerate(getattr(self.app, "articles", [])):
            if article.id == article_id:
                return str(n + 1)
        return "?"

    def on_resize(self) -> None:
        if self.hits:
            self._render_results()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("hit:"):
            hit = self.hits[int(oid[4:])]
            self.post_message(self.OpenHit(hit.article_id, hit.start, hit.end))

    def action_close(self) -> None:
        self.post_message(self.Closed())
