"""Hosts the side panels (Entities, Dates, Links) and the search prompt, one at a time.

At 100 columns and wider the host is a dock beside the article (on the side away from the
sidebar); narrower, it covers the body as an overlay, and a jump closes it so the target is
visible. It owns what those panels need from the reader: the corpus analyses (the session's,
taken when the app says they changed: ``analyses_changed``; the panels say "Analysing…" until
then, or in one line why the analysis failed), the search index built on them (off the UI
thread for a large corpus: the prompt says "Indexing…" meanwhile), the hit cursor for
``n``/``N`` and the copy actions. It is given what it works with when it is made: the reader's
session (``tui.reader.session``), the article view it drives, and the app's ``go_to``: every
move of the reader goes through it, so panels, links and search all leave a back/forward
history. The app only forwards keys to it; a change of the hit it is at is posted
(``HitChanged``) for the status line.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.binding import Binding
from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message

from tui.analysis.model import ArticleAnalysis
from tui.analysis.search import CorpusSearch
from tui.corpus.model import Article
from tui.reader.citation import cite, passage_text
from tui.reader.session import ReaderSession
from tui.ui.article_view import ArticleView
from tui.ui.dates_panel import DatesPanel
from tui.ui.entities_panel import EntitiesPanel
from tui.ui.links_panel import LinksPanel
from tui.ui.panel_list import PanelData, PanelList
from tui.reader.hits import HitCursor
from tui.ui.search_prompt import SearchPrompt

PANELS = ("entities", "dates", "links", "search")
WIDE = 100  # columns from which the host docks beside the article instead of covering it
# A docked panel's width: what is left once the sidebar (at most 36 columns, styles/qari.tcss) and
# an article measure of MEASURE text columns (+ gutters and scrollbar) are served, within bounds:
# 44 at 100-155 columns, growing to 80 from 191 (at 200 a link's reason no longer stops at 43).
PANEL_MIN, PANEL_MAX = 44, 80
SIDEBAR_MAX = 36
MEASURE = 70


def docked_width(columns: int) -> int:
    return max(PANEL_MIN, min(PANEL_MAX, columns - SIDEBAR_MAX - (MEASURE + 5)))
# Characters of text from which the search index is built in a thread: ~0.3 s on the UI thread
# for 1,000 articles would stall it; a small corpus is indexed in a millisecond, at once.
INDEX_IN_THREAD = 200_000


GoTo = Callable[[str, int, int | None], bool]  # (article id, offset, end) → moved


class PanelHost(Container):
    BINDINGS = [Binding("escape", "close_panel", "Close panel", show=False, id="close_panel")]

    class HitChanged(Message):
        """The search hit the reader is at changed: the status line names it (``hit_status``)."""

    def __init__(self, session: ReaderSession, view: ArticleView, go_to: GoTo, *,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self.view = view
        self.go_to = go_to  # the app's: every move is a history visit
        self.current: str | None = None
        self.analyses: dict[str, ArticleAnalysis] | None = None  # the session's, once it has them
        self.search: CorpusSearch | None = None
        self.cursor = HitCursor()
        self.query_text = ""
        self._shown_article: str | None = None
        self._follow_pending = False
        self._fresh = False  # the query was just given: its first hit may be at the reading position

    def compose(self) -> ComposeResult:
        yield EntitiesPanel(id="panel-entities")
        yield DatesPanel(id="panel-dates")
        yield LinksPanel(id="panel-links")
        yield SearchPrompt(self.session, id="panel-search")

    def on_mount(self) -> None:
        self.display = False
        for child in self.children:
            child.display = False
        # The reader posts its position to the app, not to siblings: follow the view instead, so
        # the Links panel tracks the passage and every panel the article (J/K, sidebar, back).
        self.watch(self.view, "scroll_y", self._follow_soon, init=False)
        self.watch(self.view, "virtual_size", self._follow_soon, init=False)

    # -- reader state ---------------------------------------------------------------------
    def _article(self) -> Article | None:
        return self.session.current()

    def _offset(self) -> int:
        return self.view.focus_offset

    def _analysis(self, article_id: str) -> ArticleAnalysis | None:
        self.analyses_changed()
        return self.analyses.get(article_id) if self.analyses is not None else None

    def _follow_soon(self, *_args: object) -> None:
        # The view paints its move first; the panel follows in the next frame (once per frame,
        # however many watched values changed).
        if not self._follow_pending:
            self._follow_pending = True
            self.call_after_refresh(self._follow_view)

    def _follow_view(self, *_args: object) -> None:
        self._follow_pending = False
        article = self._article()
        if article is None or self.current is None:
            return
        if article.id != self._shown_article:
            self._reset_cursor()
            self.refresh_panel()
            self._emphasise()
        elif self.current != "search":
            panel = self.panel()
            if isinstance(panel, PanelList):
                panel.move_to(self._offset())

    # -- the session's analyses ---------------------------------------------------------------
    def analyses_changed(self) -> bool:
        """Take the session's analyses if they are new (first run done, or a later run replaced
        them). The app calls this when an analysis run ends, however it ended: a failed run
        leaves the analyses as they were, and an open panel says why instead of "Analysing…".

        Returns whether the analyses changed.
        """
        shared = self.session.analysed()
        if shared is self.analyses:
            if self.current is not None and self.session.analysis_failure is not None:
                self.refresh_panel()
            return False
        self.analyses = shared
        self.search = None
        if shared is not None:
            articles = list(self.session.articles)
            if sum(len(a.text) for a in articles if a.ok) < INDEX_IN_THREAD:
                self.search = CorpusSearch(articles, shared)
            else:
                self._build_index(articles, shared)
        self._search_changed()
        return True

    # A description of our own: Textual's default reprs the arguments — the whole corpus, on the UI
    # thread (seconds for 5,000 articles).
    @work(thread=True, exclusive=True, group="search-index", description="search index")
    def _build_index(self, articles: list[Article], analyses: dict[str, ArticleAnalysis]) -> None:
        search = CorpusSearch(articles, analyses)
        try:
            self.app.call_from_thread(self._index_ready, search, analyses)
        except RuntimeError:
            pass  # the app is closing: nobody is waiting for the index

    def _index_ready(self, search: CorpusSearch, analyses: dict[str, ArticleAnalysis]) -> None:
        if analyses is self.analyses:  # else a later analysis run replaced it while indexing
            self.search = search
            self._search_changed()

    def _search_changed(self) -> None:
        if self.current is not None:
            self._reset_cursor(force=True)
            self.refresh_panel()
            self._emphasise()

    # -- showing --------------------------------------------------------------------------
    def toggle(self, name: str) -> None:
        if name not in PANELS:
            raise ValueError(f"unknown panel {name!r}")
        if self.current == name and name != "search":
            self.close()
            return
        self.current = name
        self.fit(self.app.size.width)
        self.set_class(not self.session.sidebar_left, "-left")
        self.display = True
        for child in self.children:
            child.display = child.id == f"panel-{name}"
        self.analyses_changed()
        self.refresh_panel()
        self._emphasise()
        if name == "search":
            self.query_one(SearchPrompt).open()
        else:
            self.query_one(f"#panel-{name}").focus()

    def paste_search(self, text: str) -> None:
        """Text pasted outside a field: its first line (a leading "/" dropped) becomes the query,
        and a line end after it submits, as if typed."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        query = lines[0].strip()
        query = query[1:] if query.startswith("/") else query
        if not query:
            return
        self.toggle("search")
        prompt = self.query_one(SearchPrompt)
        prompt.open(query)
        if len(lines) > 1:
            prompt.post_message(SearchPrompt.Submitted(query))

    def fit(self, columns: int) -> None:
        """Dock or cover for a terminal ``columns`` wide: decided again on every resize, so a panel
        docked at 120 columns covers the text at 80 instead of squeezing it to 10 columns."""
        narrow = columns < WIDE
        self.set_class(narrow, "-narrow")
        self.styles.width = "100%" if narrow else docked_width(columns)

    def show_entity(self, entity_id: str) -> None:
        """Open the Entities panel (if it is not) on ``entity_id``'s row, stressed in the text."""
        if self.current != "entities":
            self.toggle("entities")
        panel = self.query_one(EntitiesPanel)
        if panel.corpus:
            panel.action_toggle_corpus()
        if entity_id in panel.values:
            panel.highlighted = panel.values.index(entity_id)
        self._emphasise(entity_id)

    def action_close_panel(self) -> None:
        self.close()

    def close(self) -> None:
        self.current = None
        self.display = False
        self._emphasise()
        self.view.focus()

    def panel(self, name: str | None = None) -> PanelList | SearchPrompt:
        widget = self.query_one(f"#panel-{name or self.current}")
        if not isinstance(widget, (PanelList, SearchPrompt)):
            raise LookupError(f"no panel {name or self.current!r}")
        return widget

    def refresh_panel(self) -> None:
        article = self._article()
        if article is None or self.current is None:
            return
        self._shown_article = article.id
        options = self.session.options
        failure = self.session.analysis_failure
        if self.current == "search":
            if self.analyses is not None and self.search is None:
                waiting = "Indexing…"
            else:
                waiting = f"Analysis failed: {failure}" if failure is not None else "Analysing…"
            self.query_one(SearchPrompt).set_search(self.search, article.id, options, waiting)
            return
        data = PanelData(article.id, self._offset(), self.analyses, self.session.articles, options, failure)
        panel = self.panel()
        if isinstance(panel, PanelList):
            panel.show(data)

    # -- stressing the chosen entity in the article ---------------------------------------------
    def on_entities_panel_entity_highlighted(self, message: EntitiesPanel.EntityHighlighted) -> None:
        self._emphasise(message.entity_id)

    def _emphasise(self, entity_id: str | None = None) -> None:
        """Mark every mention of the entity chosen in the Entities panel in the article view."""
        view = self.view
        if self.current != "entities":
            entity_id = None
        elif entity_id is None:
            entity_id = self.query_one(EntitiesPanel).entity_in_focus()
        an = view.analysis
        spans = [(m.start, m.end) for m in an.entities if m.id == entity_id] if an and entity_id else []
        view.set_emphasis(spans)

    # -- moving the reader ----------------------------------------------------------------
    def _visit(self, article_id: str, offset: int, end: int | None = None) -> bool:
        """Move the reader as a history visit (``backspace`` comes back) and follow it."""
        moved = self.go_to(article_id, offset, end)
        if moved:
            # The target article paints first; the panel catches up in the next frame.
            self._follow_soon()
        return moved

    def _after_jump(self) -> None:
        # As an overlay the panel hides where it just jumped to: get out of the way.
        if self.has_class("-narrow"):
            self.close()

    def on_panel_list_open(self, message: PanelList.Open) -> None:
        if self._visit(message.article_id, message.start, message.end):
            self._after_jump()

    def on_search_prompt_submitted(self, message: SearchPrompt.Submitted) -> None:
        self.query_text = message.query
        self._reset_cursor(force=True)
        self._fresh = True
        # As in less and vim: enter hands the keys back to the article, so n/N step on from there;
        # an overlay (narrow screens) goes away so the hit is seen.
        if self.has_class("-narrow"):
            self.close()
        else:
            self.view.focus()
        self.next_hit()

    def on_search_prompt_open_hit(self, message: SearchPrompt.OpenHit) -> None:
        self.query_text = self.query_one(SearchPrompt).listed_query or self.query_text
        self._visit(message.article_id, message.start, message.end)
        self._reset_cursor(message.article_id, force=True)
        self.cursor.step(message.start)
        self._status_changed()
        self._after_jump()

    def on_search_prompt_closed(self, message: SearchPrompt.Closed) -> None:
        # esc keeps the query whose hits the prompt showed: n/N step through them.
        typed = self.query_one(SearchPrompt).value
        if typed.strip() and typed != self.query_text:
            self.query_text = typed
            self._reset_cursor(force=True)
            self._fresh = True
        self.close()

    def _reset_cursor(self, article_id: str | None = None, force: bool = False) -> None:
        """Hit spans of the query in the open article (or ``article_id``), unless the cursor
        already holds them (a step of n/N into another article set it before the view moved)."""
        if article_id is None:
            article = self._article()
            article_id = article.id if article is not None else ""
        if not force and self.cursor.article_id == article_id and self.cursor.query == self.query_text:
            return
        spans = self.search.find_in(article_id, self.query_text) if self.search and article_id and self.query_text else []
        self.cursor = HitCursor(spans, article_id, self.query_text)

    def next_hit(self) -> None:
        self._walk(forward=True)

    def previous_hit(self) -> None:
        self._walk(forward=False)

    def _walk(self, forward: bool) -> None:
        """n/N: the next hit in the article, else the first hit of the next article that has
        hits (the last of the previous one going back), wrapping at the corpus's ends."""
        article = self._article()
        if article is None:
            return
        if not self.query_text:
            self.app.notify("No search yet: / searches the corpus", timeout=2, markup=False)
            return
        self.analyses_changed()
        if self.search is None:
            self.app.notify("The search index is not ready yet", timeout=2, markup=False)
            return
        self._reset_cursor()
        # A new query's first hit may be where the reader is; after that, n moves on from there.
        fresh, self._fresh = self._fresh, False
        span = self.cursor.step(self._offset(), forward, inclusive=fresh)
        if span is not None:
            self._step(span)
            return
        found = self.search.next_article_with_hits(self.query_text, article.id, forward)
        if found is None:
            self.app.notify(f"No hits for {self.query_text!r} in the corpus", timeout=2, markup=False)
            return
        target, wrapped = found
        cursor = HitCursor(self.search.find_in(target, self.query_text), target, self.query_text)
        span = cursor.enter(forward)
        if span is None:
            return
        if wrapped:
            if target == article.id:
                where = "the first hit" if forward else "the last hit"
                self.app.notify(f"Search wrapped to {where}: no other article has hits", timeout=3, markup=False)
            else:
                where = "the first article" if forward else "the last article"
                self.app.notify(f"Search wrapped to {where} with hits", timeout=3, markup=False)
        self.cursor = cursor
        if target == article.id:
            self._step(span)
        else:
            self._visit(target, span[0], span[1])  # a history visit: backspace comes back
            self._status_changed()

    def hit_status(self) -> str | None:
        """"hit 3/8 · article 2/4" while the reader is at a hit of the query, else None."""
        article = self._article()
        cursor = self.cursor
        if (self.search is None or article is None or cursor.index < 0 or not cursor.query
                or cursor.article_id != article.id):
            return None
        before, total, rank, articles = self.search.position(cursor.query, article.id)
        return f"hit {before + cursor.index + 1}/{total} · article {rank}/{articles}"

    def _status_changed(self) -> None:
        self.post_message(self.HitChanged())

    def _step(self, span: tuple[int, int]) -> None:
        view = self.view
        article = self._article()
        if view.rows is None and article is not None:
            # Covered by the overlay, the view has no layout to scroll in: reopen it at the hit.
            self._visit(article.id, span[0], span[1])
            self._status_changed()
            return
        view.finish_layout()
        view.scroll_to_offset(span[0])
        view.set_flash(span)  # marks the current hit; after the scroll, which clears a flash
        self._status_changed()

    # -- copying --------------------------------------------------------------------------
    def copy_passage(self, citation: bool = False) -> str:
        """Put the passage at the reading position on the clipboard (OSC 52), logical text."""
        article = self._article()
        if article is None:
            return ""
        analysis = self._analysis(article.id)
        offset = self._offset()
        text = cite(article, analysis, offset) if citation else passage_text(article, analysis, offset)
        self.app.copy_to_clipboard(text)
        self.app.notify("Copied passage" + (" with citation" if citation else ""), timeout=2)
        return text
