"""The ``/`` search prompt and the corpus-wide results list.

The field keeps what is typed in logical order (what editing and matching need) and draws it
shaped and in visual order (``ShapedInput``); below it the hits are counted and listed (shaped
snippets) as the query is typed. Only a page is listed while typing (the rows that fit and
``PAGE`` more; the OptionList measures every option it is given, which is what a key costs),
with a last row "… N more" that lists the next page when it is reached or chosen. ``enter`` in
the field posts ``Submitted`` (the host steps to the first hit in the article) and lists up to
``RESULT_LIMIT`` hits; ``enter`` on a result posts ``OpenHit``; ``escape`` posts ``Closed``.
"""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.analysis.search import CorpusSearch, Hit
from tui.reader.session import ReaderSession
from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_line
from tui.ui.panel_list import line_width
from tui.ui.search_results import SearchResults
from tui.ui.shaped_input import ShapedInput

RESULT_LIMIT = 200  # hits listed on enter, and each time "… N more" is chosen
PAGE = 10  # hits listed while typing beyond the rows that fit
SNIPPET = 60  # characters of text around a hit, at most (fewer in a narrower list)
MORE = "more"  # id of the last row when there are more hits than listed


@lru_cache(maxsize=4096)
def _snippet_line(snippet: str, width: int, options: LayoutOptions) -> Text:
    """A snippet shaped and cut to the list. Cached: a hit that survives the next key keeps
    its snippet (``make_snippet`` anchors it on the hit's start), so typing does not reshape.
    Do not modify the result."""
    return visual_line(snippet, width, options)


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

    def __init__(self, session: ReaderSession, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self.search: CorpusSearch | None = None
        self.article_id = ""
        self.hits: list[Hit] = []
        self.total = 0  # hits in the corpus for the listed query (``hits`` may hold fewer)
        self.listed_query = ""
        self.layout_options = LayoutOptions()
        self.waiting = "Analysing…"  # what the count line says while there is no index
        self._numbers: dict[str, str] = {}  # article id → its number in the sidebar
        self._numbers_of: CorpusSearch | None = None  # the index they were counted for

    def compose(self) -> ComposeResult:
        yield ShapedInput(placeholder="Search (Arabic or English names)", id="search-input", hand_off=True)
        yield Static(id="search-count")
        yield SearchResults(id="search-results")

    def set_search(self, search: CorpusSearch | None, article_id: str = "",
                   options: LayoutOptions | None = None, waiting: str = "Analysing…") -> None:
        changed = search is not self.search or article_id != self.article_id
        self.search = search
        self.article_id = article_id
        self.waiting = waiting
        if options is not None and options != self.layout_options:
            self.layout_options = options
            self.query_one(ShapedInput).set_layout_options(options)
            changed = True
        if search is not None and search is not self._numbers_of:
            self._numbers = {a.id: str(n + 1) for n, a in enumerate(self.session.articles)}
        self._numbers_of = search
        if changed or not self.listed_query:
            self._update(self.query_one(Input).value)

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def open(self, query: str | None = None) -> None:
        field = self.query_one(Input)
        if query is not None:
            field.value = query
            field.cursor_position = len(query)
        elif field.value:
            # The last query stays, selected: typing replaces it, enter searches it again.
            field.select_all()
        # At once, not after the queued messages as ``focus()`` does: keys typed right after
        # ``/`` (a paste, a burst over SSH) are already waiting and must reach the field.
        self.screen.set_focus(field)

    def count(self, query: str) -> tuple[int, int]:
        """(hits in the open article, hits in the corpus)."""
        if self.search is None or not query.strip():
            return 0, 0
        here = len(self.search.find_in(self.article_id, query)) if self.article_id else 0
        return here, self.search.count(query)

    def _page(self) -> int:
        """The rows that fit in the list and a page more."""
        rows = self.query_one("#search-results", OptionList).scrollable_content_region.height
        return (rows if rows > 0 else self.app.size.height) + PAGE

    def _update(self, query: str, limit: int | None = None) -> None:
        """Count and list the hits of ``query`` (the first ``limit``, else a page)."""
        if self.search is None or not query.strip():
            text = self.waiting if self.search is None and query.strip() else ""
            self.hits, self.total = [], 0
        else:
            here, self.total = self.count(query)
            text = f"{here} here · {self.total} in corpus"
            self.hits = self._search(query, limit or self._page())
        self.listed_query = query
        # One line whatever it says: no layout of the screen for it. Text, not markup: a failed
        # analysis is said in the exception's own words.
        self.query_one("#search-count", Static).update(Text(text, no_wrap=True, overflow="ellipsis"), layout=False)
        self._render_results()

    def _search(self, query: str, limit: int) -> list[Hit]:
        # Snippets about as long as the list is wide: most then fit without a cut (the hit
        # stays in view), and a line is shaped once rather than laid out again to cut it.
        width = line_width(self.query_one("#search-results", OptionList)) - 4
        return self.search.search(query, limit=limit, snippet_width=min(SNIPPET, width))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._update(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value
        self.post_message(self.Submitted(query))
        if query != self.listed_query or len(self.hits) < min(self.total, RESULT_LIMIT):
            self._update(query, RESULT_LIMIT)

    def _label(self, hit: Hit, width: int) -> Text:
        # Article number, then the snippet cut to the list so it never wraps.
        label = Text(f"{self._numbers.get(hit.article_id, '?'):>3} ", style="dim")
        label.append_text(_snippet_line(hit.snippet, width - 4, self.layout_options))
        return label

    def _more(self) -> Option | None:
        rest = self.total - len(self.hits)
        return Option(Text(f"… {rest} more — enter lists them", style="italic"), id=MORE) if rest > 0 else None

    def _render_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        width = line_width(results)
        options = [Option(self._label(hit, width), id=f"hit:{n}") for n, hit in enumerate(self.hits)]
        more = self._more()
        if more is not None:
            options.append(more)
        # One call: the list measures its options once, not once per option added.
        results.set_options(options)
        if self.hits:
            results.highlighted = 0

    def _list_more(self, limit: int) -> None:
        """Append the hits up to ``limit`` after those listed, keeping the highlight and scroll."""
        if self.search is None:
            return
        results = self.query_one("#search-results", OptionList)
        old = len(self.hits)
        self.hits = self._search(self.listed_query, limit)
        width = line_width(results)
        try:
            results.remove_option(MORE)
        except OptionDoesNotExist:
            pass
        new = [Option(self._label(hit, width), id=f"hit:{n}") for n, hit in enumerate(self.hits[old:], old)]
        more = self._more()
        results.add_options(new + ([more] if more is not None else []))
        results.highlighted = min(old, len(self.hits) - 1)

    def on_resize(self) -> None:
        if self.hits:
            # Snippets and their cut follow the list's width.
            self._update(self.listed_query, max(len(self.hits), self._page()))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id == MORE:
            # Scrolled onto the last row: list the next page.
            self._list_more(len(self.hits) + self._page())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid == MORE:
            self._list_more(len(self.hits) + RESULT_LIMIT)
        elif oid.startswith("hit:"):
            hit = self.hits[int(oid[4:])]
            self.post_message(self.OpenHit(hit.article_id, hit.start, hit.end))

    def action_close(self) -> None:
        self.post_message(self.Closed())
