"""Hosts the side panels (Entities, Dates, Links) and the search prompt, one at a time.

At 100 columns and wider the host is a dock beside the article (on the side away from the
sidebar); narrower, it covers the body as an overlay. It also owns what those panels need
from the reader: the corpus analyses (taken from ``app.analyses`` when another part of the
app has computed them, else computed here once, in a thread), the search index, the hit
cursor for ``n``/``N`` and the copy actions. The app only forwards keys to it.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message

from tui.analysis.citation import cite, passage_text
from tui.analysis.model import ArticleAnalysis
from tui.analysis.search import CorpusSearch
from tui.ui.dates_panel import DatesPanel
from tui.ui.entities_panel import EntitiesPanel
from tui.ui.links_panel import LinksPanel
from tui.ui.search_prompt import HitCursor, SearchPrompt

PANELS = ("entities", "dates", "links", "search")
WIDE = 100  # columns from which the host docks beside the article instead of covering it


class PanelHost(Container):
    BINDINGS = [Binding("escape", "close_panel", "Close panel", show=False, id="close_panel")]

    # Kept here rather than in styles/qari.tcss while that file has other helpers' edits in flight.
    DEFAULT_CSS = """
    PanelHost {
        dock: right;
        width: 44;
        height: 100%;
        background: $panel;
        border-left: tall $primary;
    }
    PanelHost.-left { dock: left; border-left: none; border-right: tall $primary; }
    PanelHost.-narrow { width: 100%; border-left: none; border-right: none; }
    PanelHost > OptionList { height: 1fr; border: none; background: $panel; }
    PanelHost > SearchPrompt { height: 1fr; }
    PanelHost #search-preview { height: 1; color: $text; background: $boost; }
    PanelHost #search-count { height: 1; color: $text-muted; }
    PanelHost #search-results { height: 1fr; border: none; background: $panel; }
    """

    class AnalysesReady(Message):
        """The host has analyses for the whole corpus (posted once)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.current: str | None = None
        self.analyses: dict[str, ArticleAnalysis] | None = None
        self.search: CorpusSearch | None = None
        self.cursor = HitCursor()
        self.query_text = ""
        self._analysing = False

    def compose(self) -> ComposeResult:
        yield EntitiesPanel(id="panel-entities")
        yield DatesPanel(id="panel-dates")
        yield LinksPanel(id="panel-links")
        yield SearchPrompt(id="panel-search")

    def on_mount(self) -> None:
        self.display = False
        for child in self.children:
            child.display = False
        self._shown_article: str | None = None
        # The reader posts its position to the app, not to siblings: follow the view instead, so
        # the Links panel tracks the passage and every panel the article (J/K, sidebar).
        view = self.app.view
        self.watch(view, "scroll_y", self._follow_view, init=False)
        self.watch(view, "virtual_size", self._follow_view, init=False)

    def _follow_view(self, *_args) -> None:
        article = self._article()
        if article is None:
            return
        if article.id != self._shown_article:
            self._shown_article = article.id
            self._reset_cursor()
            if self.current is not None:
                self.refresh_panel()
        elif self.current == "links":
            self.refresh_panel()

    # -- reader state ---------------------------------------------------------------------
    def _article(self):
        app = self.app
        articles = getattr(app, "articles", [])
        return articles[app.index] if articles else None

    def _offset(self) -> int:
        view = self.app.view
        return getattr(view, "focus_offset", None) or getattr(view, "position", 0)

    def _analysis(self, article_id: str) -> ArticleAnalysis | None:
        shared = getattr(self.app, "analyses", None)
        if shared and article_id in shared:  # the app's own analysis wins once it has finished
            return shared[article_id]
        return self.analyses.get(article_id) if self.analyses is not None else None

    def ensure_analyses(self) -> None:
        shared = getattr(self.app, "analyses", None)
        if shared:
            self._take(shared)
        elif not self._analysing:
            self._analysing = True
            self._analyse()

    @work(thread=True, exclusive=True, group="panel-analysis")
    def _analyse(self) -> None:
        from tui.analysis.pipeline import analyze_corpus

        try:
            result = analyze_corpus(list(self.app.articles), workers=1)
        except Exception as exc:  # analysis failing must leave the reader usable
            self.app.call_from_thread(self.app.notify, f"Analysis failed: {exc}", severity="error")
            return
        self.app.call_from_thread(self._take, result)

    def _take(self, analyses: dict[str, ArticleAnalysis]) -> None:
        if self.analyses is analyses:
            return
        self.analyses = analyses
        self.search = CorpusSearch(self.app.articles, analyses)
        self.refresh_panel()
        self.post_message(self.AnalysesReady())

    # -- showing --------------------------------------------------------------------------
    def toggle(self, name: str) -> None:
        if name not in PANELS:
            raise ValueError(f"unknown panel {name!r}")
        if self.current == name and name != "search":
            self.close()
            return
        self.current = name
        self.set_class(self.app.size.width < WIDE, "-narrow")
        sidebar = self.app.query("Sidebar")
        self.set_class(bool(sidebar) and not sidebar.first().has_class("-left"), "-left")
        self.display = True
        for child in self.children:
            child.display = child.id == f"panel-{name}"
        self.ensure_analyses()
        self.refresh_panel()
        if name == "search":
            self.query_one(SearchPrompt).open()
        else:
            self.query_one(f"#panel-{name}").focus()

    def action_close_panel(self) -> None:
        self.close()

    def close(self) -> None:
        self.current = None
        self.display = False
        self.app.view.focus()

    def refresh_panel(self) -> None:
        article = self._article()
        if article is None or self.current is None:
            return
        self._shown_article = article.id
        options = getattr(self.app, "options", None)
        analysis = self._analysis(article.id)
        if self.current == "entities":
            self.query_one(EntitiesPanel).show(article.id, analysis, self._offset(), options)
        elif self.current == "dates":
            self.query_one(DatesPanel).show(article.id, analysis, options)
        elif self.current == "links":
            self.query_one(LinksPanel).show(analysis, self._offset(), self.app.articles, options)
        else:
            self.query_one(SearchPrompt).set_search(self.search, article.id, options)

    # -- moving the reader ----------------------------------------------------------------
    def goto(self, article_id: str, offset: int, end: int | None = None) -> None:
        app = self.app
        article = self._article()
        if hasattr(app, "_go") and hasattr(app, "history"):
            # The reader's own navigation: back/forward history and a flash on the target.
            from tui.analysis.navigation import Location

            here = app._here()
            if here is not None:
                app.history.update_current(here)
            target = Location(article_id, offset)
            if app._go(target, (offset, end) if end is not None else None):
                app.history.visit(target)
            if article is None or article.id != article_id:
                self._shown_article = article_id
                self._reset_cursor()
                self.refresh_panel()
            return
        if article is None or article.id != article_id:
            index = next((i for i, a in enumerate(app.articles) if a.id == article_id), None)
            if index is None:
                return
            app._remember_position()
            app._open(index)
            self._shown_article = article_id
            self._reset_cursor()
            self.refresh_panel()
        view = app.view
        view.finish_layout()
        view.scroll_to_offset(offset)

    def _after_jump(self) -> None:
        # As an overlay the panel hides where it just jumped to: get out of the way.
        if self.has_class("-narrow"):
            self.close()

    def on_entities_panel_jump_to(self, message: EntitiesPanel.JumpTo) -> None:
        self.goto(message.article_id, message.offset)
        self._after_jump()

    def on_dates_panel_jump_to(self, message: DatesPanel.JumpTo) -> None:
        self.goto(message.article_id, message.offset)
        self._after_jump()

    def on_links_panel_follow_link(self, message: LinksPanel.FollowLink) -> None:
        self.goto(message.article_id, message.start, message.end)
        self.refresh_panel()
        self._after_jump()

    def on_search_prompt_submitted(self, message: SearchPrompt.Submitted) -> None:
        self.query_text = message.query
        self._reset_cursor()
        self.next_hit()

    def on_search_prompt_open_hit(self, message: SearchPrompt.OpenHit) -> None:
        self.goto(message.article_id, message.start, message.end)
        self._reset_cursor()
        self.cursor.next_after(message.start)
        self._after_jump()

    def on_search_prompt_closed(self, message: SearchPrompt.Closed) -> None:
        self.close()

    def _reset_cursor(self) -> None:
        article = self._article()
        spans = self.search.index(article.id).find(self.query_text) if self.search and article and self.query_text else []
        self.cursor = HitCursor(spans)

    def next_hit(self) -> None:
        self._step(self.cursor.next_after(self._offset()))

    def previous_hit(self) -> None:
        self._step(self.cursor.previous_before(self._offset()))

    def _step(self, span: tuple[int, int] | None) -> None:
        if span is None:
            if self.query_text:
                self.app.notify(f"No hits for {self.query_text!r} in this article", timeout=2)
            return
        view = self.app.view
        article = self._article()
        if view.rows is None and article is not None:
            # Covered by the overlay, the view has no layout to scroll in: reopen it at the hit.
            self.goto(article.id, span[0], span[1])
            return
        view.finish_layout()
        if hasattr(view, "set_flash"):
            view.set_flash(span)  # marks the current hit
        view.scroll_to_offset(span[0])

    # -- copying --------------------------------------------------------------------------
    def copy_passage(self, citation: bool = False) -> str:
        """Put the passage at the reading position on the clipboard (OSC 52), logical text."""
        article = self._article()
        if article is None:
            return ""
        analysis = self._analysis(article.id) or self._shared_analysis(article.id)
        offset = self._offset()
        text = cite(article, analysis, offset) if citation else passage_text(article, analysis, offset)
        self.app.copy_to_clipboard(text)
        self.app.notify("Copied passage" + (" with citation" if citation else ""), timeout=2)
        return text

    def _shared_analysis(self, article_id: str) -> ArticleAnalysis | None:
        shared = getattr(self.app, "analyses", None)
        return shared.get(article_id) if shared else None
