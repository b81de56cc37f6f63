"""Qari's reader: the app, its bindings, settings, remembered state and the terminal's bidi mode."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import Paste, Resize
from textual.notifications import Notification, Notify, SeverityLevel
from textual.timer import Timer
from textual.widgets import Footer, Input

from tui import styles_dir
from tui.analysis.model import ArticleAnalysis
from tui.corpus.model import Article
from tui.reader.keymap import load_keymap
from tui.reader.navigation import History, Location, MentionNavigator, MentionStep, past_folds
from tui.reader.session import ReaderSession, Skip
from tui.reader.settings import DEFAULT_WIDTH, SIDEBAR_SIDES, WIDTHS, check_settings, clamp_int, pick, shown
from tui.reader.status_line import status_extras, status_text
from tui.store import paths
from tui.store.state import ReaderState, StateStore, article_key
from tui.text.layout import MODES, LayoutOptions
from tui.text.sanitize import terminal_safe
from tui.text.terminals import Decision, TerminalInfo, choose
from tui.ui.article_view import GUTTER, ArticleView
from tui.ui.bidi_text import visual_inline
from tui.ui.collection import COLLECTION_BINDINGS, CollectionMixin
from tui.ui.commands import Command, QariCommands
from tui.ui.dates_panel import DatesPanel
from tui.ui.entities_panel import EntitiesPanel
from tui.ui.fetch_feeds import FETCH_BINDINGS, FetchMixin
from tui.ui.header import ArticleHeader
from tui.ui.help_screen import HelpScreen, binding_rows, keys_shown
from tui.ui.panel_host import PanelHost
from tui.ui.search_prompt import SearchPrompt
from tui.ui.sidebar import Sidebar
from tui.ui.skipped_screen import SkippedScreen
from tui.ui.terminal_scroll import TerminalScrollApp
from tui.ui.theme import DEFAULT_THEME, THEMES

if TYPE_CHECKING:
    from tui.store.cache import AnalysisCache

log = logging.getLogger(__name__)

# BDSM explicit mode + SCP left-to-right: terminals that reorder (VTE, mintty, WezTerm) must not
# reorder what Qari already put in visual order. mlterm ignores BDSM and has its own switch (an OSC
# that other terminals consume silently). Both are restored on exit.
MLTERM_CTL_OFF = "\x1b]5379;use_ctl=false\x07"
MLTERM_CTL_ON = "\x1b]5379;use_ctl=true\x07"
BIDI_EXPLICIT = "\x1b[8l\x1b[1 k" + MLTERM_CTL_OFF
BIDI_IMPLICIT = "\x1b[8h" + MLTERM_CTL_ON
SAVE_DELAY = 1.0  # seconds of scrolling quiet before the position is written


class QariApp(TerminalScrollApp, CollectionMixin, FetchMixin, App[int]):
    CSS_PATH = str(styles_dir() / "qari.tcss")
    TITLE = "Qari"
    COMMANDS = App.COMMANDS | {QariCommands}
    BINDINGS = [
        Binding("J", "next_article", "Next", id="next_article", key_display="J", tooltip="Next article"),
        Binding("K", "previous_article", "Prev", id="previous_article", key_display="K", tooltip="Previous article"),
        Binding("question_mark,f1", "help", "Help", id="help", key_display="?", tooltip="Show every key (this screen)"),
        Binding("r", "cycle_reorder", "Reorder", show=False, id="cycle_reorder", tooltip="Reorder mode: app → terminal → off"),
        Binding("h", "toggle_harakat", "Harakat", show=False, id="toggle_harakat", tooltip="Show or hide harakat (diacritics)"),
        Binding("t", "toggle_theme", "Theme", show=False, id="toggle_theme", tooltip="Light or dark theme"),
        Binding("S", "flip_sidebar", "Sidebar side", show=False, id="flip_sidebar", tooltip="Move the sidebar to the other side"),
        Binding("greater_than_sign", "wider", "Wider column", show=False, id="wider"),
        Binding("less_than_sign", "narrower", "Narrower column", show=False, id="narrower"),
        Binding("backspace,alt+left", "back", "Back", show=False, id="back", tooltip="Back to where you followed a link from"),
        Binding("alt+right", "forward", "Forward", show=False, id="forward", tooltip="Forward again after going back"),
        Binding("asterisk", "next_mention", "Next mention", show=False, id="next_mention", key_display="*",
                tooltip="Next mention of the name at the cursor, across articles"),
        Binding("number_sign", "previous_mention", "Previous mention", show=False, id="previous_mention", key_display="#",
                tooltip="Previous mention of the name at the cursor, across articles"),
        Binding("e", "toggle_panel('entities')", "Entities", show=False, id="toggle_entities", tooltip="Entities of this article"),
        Binding("d", "toggle_panel('dates')", "Dates", show=False, id="toggle_dates", tooltip="Dates of this article"),
        Binding("l", "toggle_panel('links')", "Links", show=False, id="toggle_links", tooltip="Links of this passage"),
        # A priority binding: the app takes "/" before it is queued for the focused widget, so
        # the keys queued behind it (a paste, a burst over SSH) reach the opened prompt.
        Binding("slash", "search", "Search", show=False, id="search", key_display="/", tooltip="Search the corpus",
                priority=True),
        Binding("n", "next_hit", "Next hit", show=False, id="next_hit"),
        Binding("N", "previous_hit", "Previous hit", show=False, id="previous_hit"),
        Binding("y", "copy_passage", "Copy passage", show=False, id="copy_passage"),
        Binding("s", "show_skipped", "Skipped files", show=False, id="show_skipped",
                tooltip="List the files that were not loaded, each with its reason"),
        Binding("Y", "copy_citation", "Copy with citation", show=False, id="copy_citation"),
        *COLLECTION_BINDINGS,
        *FETCH_BINDINGS,
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit (position is saved)"),
    ]

    def __init__(self, articles: list[Article], skipped: list[Skip] | None = None, *,
                 store: StateStore | None = None, bidi: str | None = None, harakat: str | None = None,
                 sidebar: str | None = None, theme: str | None = None, keymap_path: Path | None = None,
                 analyze: bool = False, analysis_cache: AnalysisCache | None = None,
                 terminal: tuple[TerminalInfo, Decision] | None = None) -> None:
        super().__init__()
        # What the widgets share (tui.reader.session): handed to those that need it in compose.
        self.session = ReaderSession(articles, skipped if skipped is not None else [])
        self.store = store
        self.startup_messages: list[str] = []
        outcome = store.load() if store is not None else None
        self.state = outcome.state if outcome else ReaderState()
        if outcome and outcome.message:
            self.startup_messages.append(outcome.message)
        saved = self.state.settings
        self.startup_messages.extend(check_settings(saved, DEFAULT_THEME))
        # --bidi auto (the default): what the terminal needs (tui.text.terminals), unless the
        # command line or a setting saved in this same terminal says otherwise.
        self.terminal_name = terminal[0].name if terminal else ""
        choice = choose(terminal[1] if terminal else Decision(), self.terminal_name, bidi, harakat, saved)
        self.mode = choice.bidi
        self.options = LayoutOptions(mode=self.mode, harakat=choice.harakat,
                                     prereverse=choice.prereverse, marks_left=choice.marks_left)
        if choice.hint:
            self.startup_messages.append(choice.hint)
        self.sidebar_setting = sidebar or pick(saved.get("sidebar"), SIDEBAR_SIDES, "auto")
        self.max_width = clamp_int(saved.get("max_width"), DEFAULT_WIDTH, *WIDTHS)
        for t in THEMES:
            self.register_theme(t)
        wanted = theme or (saved.get("theme") if isinstance(saved.get("theme"), str) else None) or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.startup_messages.append(f"Unknown theme {shown(wanted)}; using {DEFAULT_THEME}.")
            if saved.get("theme") == wanted:
                saved["theme"] = DEFAULT_THEME  # replaced, so it is not reported on every start
            wanted = DEFAULT_THEME
        self.theme = wanted
        self.index = self._initial_index()
        self._bidi_sent = False
        self._view_ref: ArticleView | None = None
        self._save_timer: Timer | None = None
        self._save_failed = False
        # Analysis runs in a thread after the first paint; ``qari`` turns it on, tests opt in.
        self.analyze = analyze
        self.analysis_cache = analysis_cache
        self.history = History()
        self._mentions: tuple[dict[str, ArticleAnalysis], int, MentionNavigator] | None = None
        self._mention_toast: Notification | None = None
        keymap_path = keymap_path if keymap_path is not None else paths.keymap_file()
        ids = {b.id for b in self.all_bindings() if b.id}
        keymap, problems = load_keymap(keymap_path, ids)
        self.keymap = keymap  # binding id → keys: what the help screen and the palette show
        self.set_keymap(keymap)
        self.startup_messages.extend(problems)

    # -- composition ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield ArticleHeader(self.options, id="header")
        with Container(id="body"):
            yield Sidebar(self.articles, self.skipped, self.options, id="sidebar")
            view = ArticleView(options=self.options, max_width=self.max_width, id="article")
            yield view
            yield PanelHost(self.session, view, self.go_to, id="panels")
        yield Footer()

    # -- the session's values, as the app's (tests and the collection code read them here) ----
    @property
    def articles(self) -> list[Article]:
        return self.session.articles

    @property
    def skipped(self) -> list[Skip]:
        return self.session.skipped

    @property
    def index(self) -> int:
        return self.session.index

    @index.setter
    def index(self, value: int) -> None:
        self.session.index = value

    @property
    def options(self) -> LayoutOptions:
        return self.session.options

    @options.setter
    def options(self, value: LayoutOptions) -> None:
        self.session.options = value

    @property
    def raw_view(self) -> bool:
        return self.session.raw_view

    @raw_view.setter
    def raw_view(self, value: bool) -> None:
        self.session.raw_view = value

    @property
    def analyses(self) -> dict[str, ArticleAnalysis]:
        """The corpus analyses (empty until the first run is done); set by ``set_analyses``."""
        return self.session.analyses

    @analyses.setter
    def analyses(self, result: dict[str, ArticleAnalysis]) -> None:
        self.set_analyses(result)

    @property
    def panels(self) -> PanelHost:
        return self.query_one(PanelHost)

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    def on_mount(self) -> None:
        self.screen.set_class(self.no_color or bool(os.environ.get("NO_COLOR")), "-no-color")
        self._apply_sidebar_side()
        self._send_bidi_mode()
        for message in self.startup_messages:
            self.notify(message, severity="warning", timeout=8)
        self._view_ref = self.view
        self.open_article(self.index, save=False)
        self.view.focus()
        if self.analyze and self.articles:
            self.call_after_refresh(self._run_analysis)

    def _initial_index(self) -> int:
        if self.state.last_article:
            for i, article in enumerate(self.articles):
                if article_key(article) == self.state.last_article:
                    return i
        return 0

    # -- everything the app says or copies ------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every toast, widgets' included (``Widget.notify`` calls this): file names, queries and
        settings from files are never markup (``[/red]`` would raise) and never raw controls."""
        kwargs = {} if timeout is None else {"timeout": timeout}
        super().notify(terminal_safe(message, multiline=True), title=terminal_safe(title), severity=severity,
                       markup=False, **kwargs)

    def copy_to_clipboard(self, text: str) -> None:
        """OSC 52 with what the screen shows, in logical order: control pictures for C0, U+FFFD for
        C1, no bidi controls (README, Using it). Pasted into a shell, nothing acts."""
        super().copy_to_clipboard(terminal_safe(text, multiline=True))

    # -- articles -------------------------------------------------------------------------
    def open_article(self, index: int, save: bool = True) -> None:
        """Open the article at ``index`` (modulo the collection) where it was last read."""
        if not self.articles:
            return
        self.index = index % len(self.articles)
        article = self.articles[self.index]
        key = article_key(article)
        self.raw_view = False
        self.view.show(article, self.state.position(key), self.analyses.get(article.id))
        self.sidebar.show_current(self.index)
        self._update_header()
        self.call_after_refresh(self._update_header)  # the percentage needs the laid-out height
        self.state.last_article = key
        if save:
            self.save_state()

    def _update_header(self) -> None:
        header = self.query_one(ArticleHeader)
        if not self.articles:
            header.title_text = ""
            return
        article = self.articles[self.index]
        header.title_text = article.title or article.id
        passage = self.view.passage_status()
        header.info = ("raw " if self.raw_view else "") + status_text(
            self.index, len(self.articles), self.view.percent, passage, self.view.strong_links_only)
        header.info += "".join(f" · {x}" for x in status_extras(article, self.panels.hit_status(), len(self.skipped)))

    def on_sidebar_open_article(self, message: Sidebar.OpenArticle) -> None:
        self._remember_position()
        self.open_article(message.index)
        self.view.focus()

    def on_article_view_position_changed(self, message: ArticleView.PositionChanged) -> None:
        self._remember_position()
        self._update_header()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_state)

    def _remember_position(self) -> None:
        # Holds on to the view object: after exit the DOM is gone but its position is still wanted.
        view = self._view_ref
        if view is not None and view.article is not None:
            offset = view.position
            if self.raw_view:
                # Positions are kept in the repaired text; the raw view maps by fraction, as it
                # does when toggled, so quitting in the raw view does not store a raw offset.
                repaired = next((a for a in self.articles if a.id == view.article.id), None)
                if repaired is not None:
                    offset = round(offset / max(1, len(view.article.text)) * len(repaired.text))
            self.state.remember(article_key(view.article), offset)

    # -- analysis and links -------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="analysis")
    def _run_analysis(self) -> None:
        from tui.analysis.pipeline import analyze_corpus
        from tui.store.cache import AnalysisCache

        own = self.analysis_cache is None
        cache = self.analysis_cache if self.analysis_cache is not None else AnalysisCache()
        try:
            # One process: forking a process that runs UI threads is unsafe.
            result = analyze_corpus(self.articles, cache=cache, workers=1, progress=self.analysis_progress)
        except Exception as exc:  # analysis is an extra: the reader keeps working without it
            log.warning("analysis failed", exc_info=True)
            try:
                self.call_from_thread(self._analysis_failed, terminal_safe(_one_line(exc)))
            except RuntimeError:  # the reader quit while the analysis ran
                pass
            return
        finally:
            if own:
                cache.close()  # checkpoints the WAL: no -wal/-shm left beside the cache after a quit
        notices = list(cache.notices)
        # Built here, off the event loop: on a 5,000-article folder this takes ~0.25 s, which the
        # first * would otherwise spend with the keyboard frozen.
        mentions = MentionNavigator(result, [a.id for a in list(self.articles)])
        try:
            self.call_from_thread(self._analysis_ready, result, notices, mentions)
        except RuntimeError:  # the reader quit while the analysis ran
            pass

    def _analysis_ready(self, result: dict[str, ArticleAnalysis], notices: list[str] | None = None,
                        mentions: MentionNavigator | None = None) -> None:
        if mentions is not None:
            self._mentions = (result, len(self.articles), mentions)
        for notice in notices or []:
            self.notify(notice, severity="warning", timeout=8)
        self.set_analyses(result)

    def set_analyses(self, result: dict[str, ArticleAnalysis]) -> None:
        """The corpus analyses of a finished run (replacing any before): highlights, links and an
        open panel take them at once."""
        self.session.analyses = result
        self.session.analysis_failure = None
        if self._view_ref is None:
            return  # not mounted yet: the first article opens with them
        view = self.view
        if view.article is not None:
            view.set_analysis(result.get(view.article.id))
        self._update_header()
        self.panels.analyses_changed()  # an open panel fills at once

    def _analysis_failed(self, reason: str) -> None:
        self.notify(f"Analysis failed: {reason}", severity="error")
        self.session.analysis_failure = reason
        self.panels.analyses_changed()  # a waiting panel says so instead of "Analysing…"

    def on_panel_host_hit_changed(self, message: PanelHost.HitChanged) -> None:
        self._update_header()

    def on_resize(self, event: Resize) -> None:
        self.panels.fit(event.size.width)  # dock or cover, and how wide, per resize

    def on_article_view_word_clicked(self, message: ArticleView.WordClicked) -> None:
        if message.entity_id is not None:
            self.panels.show_entity(message.entity_id)  # a name: its Entities row

    def on_article_view_cursor_changed(self, message: ArticleView.CursorChanged) -> None:
        self._update_header()

    def _here(self) -> Location | None:
        view = self.view
        if view.article is None:
            return None
        return Location(view.article.id, view.focus_offset)

    def _go(self, loc: Location, flash: tuple[int, int] | None = None) -> bool:
        index = self.session.position_of(loc.article_id)
        if index is None:
            self.notify(f"Article {loc.article_id} is not loaded", severity="warning", timeout=3)
            return False
        self._remember_position()
        self.index = index
        article = self.articles[index]
        self.view.show(article, loc.offset, self.analyses.get(article.id))
        if flash is not None:
            self.view.set_flash(flash)
        self.sidebar.show_current(index)
        self._update_header()
        self.call_after_refresh(self._update_header)
        self.state.last_article = article_key(article)
        return True

    def go_to(self, article_id: str, offset: int, end: int | None = None) -> bool:
        """Open ``article_id`` at logical ``offset`` as a visit in the back/forward history.

        With ``end``, the span ``offset:end`` is flashed so the eye finds the target. Panels,
        search and link-following all move the reader through here.
        """
        here = self._here()
        if here is not None:
            self.history.update_current(here)
        target = Location(article_id, offset)
        if not self._go(target, (offset, end) if end is not None else None):
            return False
        self.history.visit(target)
        return True

    def on_article_view_follow_link(self, message: ArticleView.FollowLink) -> None:
        link = message.link
        self.go_to(link.target, link.target_start, link.target_end)

    async def action_back(self) -> None:  # async as App's (a screen's "back"), which this replaces
        here = self._here()
        if here is not None and self.history.can_back():
            self.history.update_current(here)
        loc = self.history.back()
        if loc is None:
            self.notify("Nothing to go back to", timeout=2)
            return
        self._go(loc)

    def action_forward(self) -> None:
        here = self._here()
        if here is not None and self.history.can_forward():
            self.history.update_current(here)
        loc = self.history.forward()
        if loc is None:
            self.notify("Nothing to go forward to", timeout=2)
            return
        self._go(loc)

    # -- mentions of the entity under the cursor ---------------------------------------------
    def mention_navigator(self) -> MentionNavigator | None:
        """Every entity's mentions in corpus order; rebuilt only when the analysis or the
        collection changed (a 5,000-article folder has ~10^5 mentions)."""
        if not self.analyses:
            return None
        cached = self._mentions
        if cached is None or cached[0] is not self.analyses or cached[1] != len(self.articles):
            nav = MentionNavigator(self.analyses, (a.id for a in self.articles))
            self._mentions = cached = (self.analyses, len(self.articles), nav)
        return cached[2]

    def action_next_mention(self) -> None:
        self._step_mention(forward=True)

    def action_previous_mention(self) -> None:
        self._step_mention(forward=False)

    def _step_mention(self, forward: bool) -> None:
        view = self.view
        if view.article is None:
            return
        if self.raw_view:
            # Mention offsets index the repaired text; the raw view shows other offsets.
            self.notify("Names are marked in the repaired text only (R shows it)", timeout=3)
            return
        nav = self.mention_navigator()
        if nav is None or view.navigator is None:
            self.notify("Analysis is still running", timeout=2)
            return
        if view.word is not None:
            # The visible word cursor names the word: only a name on that very word counts.
            passage: tuple[int, int] | None = view.word
            offset = view.word[0]
        else:
            offset = view.focus_offset
            if view.folding and view.article.folds:
                offset = past_folds(view.article.text, view.article.folds, offset)
            found = view.navigator.passage_at(offset)
            passage = (found[1].start, found[1].end) if found is not None else None
        step = nav.step(view.article.id, offset, passage, forward=forward)
        if step is None:
            self.notify("No name under the cursor", timeout=2)
            return
        target = step.target
        article = next((a for a in self.articles if a.id == target.article_id), None)
        unfold = view.folding and article is not None and any(f.start <= target.start < f.end for f in article.folds)
        if unfold:
            # A folded mention (an image caption, say) would be flashed inside a one-line fold label,
            # out of sight: like a pager's search, the jump opens the folds.
            view.set_folding(False)
        if self.go_to(target.article_id, target.start, target.end):
            self.view.set_word((target.start, target.end))  # the cursor lands on the mention
            message = self._mention_message(step, forward)
            self._replace_mention_toast(message + ("\nBoilerplate unfolded (z folds it)" if unfold else ""))

    def _replace_mention_toast(self, message: str) -> None:
        # Walking a name with * * * would otherwise stack a toast per key over the text: each
        # step's toast replaces the previous one. Textual has no public "replace", so without
        # ``_unnotify`` (a later Textual) they simply stack.
        previous = self._mention_toast
        unnotify = getattr(self, "_unnotify", None)
        if previous is not None and unnotify is not None and previous in self._notifications:
            unnotify(previous)
        self._mention_toast = Notification(terminal_safe(message, multiline=True), "", "information", 4, markup=False)
        self.post_message(Notify(self._mention_toast))

    def _mention_message(self, step: MentionStep, forward: bool) -> str:
        """One toast: the entity, n/N in the article, and the article when the step left this one.

        Toasts print strings as they are, so the Arabic goes through the layout engine first;
        the title gets a line of its own, cut to the toast's width, so wrapping never splits it.
        """
        name = visual_inline(step.name, self.options, max_width=30).plain
        place = f"{step.index}/{step.count}"
        if step.target == step.source:
            return f"{name} — the only mention"
        if not step.crossed:
            return f"{name} — {place} in this article" + (" (wrapped)" if step.wrapped else "")
        article = next((a for a in self.articles if a.id == step.target.article_id), None)
        title = (article.title or article.id) if article is not None else step.target.article_id
        if step.wrapped:
            where = "→ first article (wrapped)" if forward else "← last article (wrapped)"
        else:
            where = "→ next article" if forward else "← previous article"
        # Toast: 60 cells or half the screen, less its padding and border.
        width = max(10, min(60, self.size.width // 2) - 4)
        return f"{name} — {place} {where}:\n{visual_inline(title, self.options, max_width=width).plain}"

    def action_next_article(self) -> None:
        self._remember_position()
        self.open_article(self.index + 1)

    def action_previous_article(self) -> None:
        self._remember_position()
        self.open_article(self.index - 1)

    # -- side panels, search and copy (tui/ui/panel_host.py does the work) ------------------
    def action_toggle_panel(self, name: str) -> None:
        self.panels.toggle(name)

    def action_search(self) -> None:
        if self.screen is not self.screen_stack[0] or isinstance(self.focused, Input):
            raise SkipAction()  # "/" is typed into a field, or belongs to another screen
        self.panels.toggle("search")

    def on_paste(self, event: Paste) -> None:
        # Text pasted outside a field (the article, the sidebar) is a search: "/putin" as a pager
        # takes it, or a word copied from elsewhere. A field handles its own pastes.
        if self.screen is self.screen_stack[0] and not isinstance(self.focused, Input):
            self.panels.paste_search(event.text)

    def action_next_hit(self) -> None:
        self.panels.next_hit()

    def action_previous_hit(self) -> None:
        self.panels.previous_hit()

    def action_copy_passage(self) -> None:
        self.panels.copy_passage()

    def action_copy_citation(self) -> None:
        self.panels.copy_passage(citation=True)

    # -- state ----------------------------------------------------------------------------
    def save_state(self) -> None:
        if self.store is None:
            return
        self._remember_position()
        try:
            self.store.save(self.state)
        except OSError as exc:
            if not self._save_failed:
                self._save_failed = True
                self.notify(f"Could not save reading state to {self.store.path}: {exc.strerror}", severity="error")

    async def action_quit(self) -> None:
        self.save_state()
        self.exit(0)

    # -- settings -------------------------------------------------------------------------
    def _set_options(self, options: LayoutOptions) -> None:
        self.options = options
        self.view.set_options(options)
        self.sidebar.set_layout_options(options)
        self.query_one(ArticleHeader).set_layout_options(options)

    def action_cycle_reorder(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self.state.settings["bidi"] = self.mode
        self.state.settings["bidi_terminal"] = self.terminal_name
        self._send_bidi_mode()
        self._set_options(dataclasses.replace(self.options, mode=self.mode))
        self.notify(f"Reorder: {self.mode}", timeout=2)

    def action_toggle_harakat(self) -> None:
        show = not self.options.harakat
        self.state.settings["harakat"] = "show" if show else "hide"
        self.state.settings["harakat_terminal"] = self.terminal_name
        self._set_options(dataclasses.replace(self.options, harakat=show))
        self.notify(f"Harakat: {'shown' if show else 'hidden'}", timeout=2)

    def action_toggle_theme(self) -> None:
        self.theme = "qari-light" if self.theme == "qari-dark" else "qari-dark"
        self.state.settings["theme"] = self.theme

    def action_flip_sidebar(self) -> None:
        self.sidebar_setting = "left" if self._sidebar_side() == "right" else "right"
        self.state.settings["sidebar"] = self.sidebar_setting
        self._apply_sidebar_side()

    def _change_width(self, delta: int) -> None:
        # Reports only widths the pane can show: a wider setting than the pane would be a number
        # with no effect (">" at 84 columns used to say 110).
        room = max(10, self.view.scrollable_content_region.width - 2 * GUTTER)
        shown = min(self.max_width, room)
        if delta > 0 and self.max_width >= room:
            self.notify(f"Column width: {room} (the whole pane)", timeout=2)
            return
        self.max_width = max(30, min(400, shown + delta))
        self.state.settings["max_width"] = self.max_width
        self.view.max_width = self.max_width
        width = min(self.max_width, room)
        self.notify(f"Column width: {width}" + (" (the whole pane)" if width == room else ""), timeout=2)

    def action_wider(self) -> None:
        self._change_width(10)

    def action_narrower(self) -> None:
        self._change_width(-10)

    def _sidebar_side(self) -> str:
        if self.sidebar_setting in ("left", "right"):
            return self.sidebar_setting
        rtl = sum(1 for a in self.articles if a.direction == "rtl")
        return "right" if rtl * 2 >= len(self.articles) else "left"

    def _apply_sidebar_side(self) -> None:
        self.session.sidebar_left = self._sidebar_side() == "left"
        self.sidebar.set_class(self.session.sidebar_left, "-left")

    def _send_bidi_mode(self) -> None:
        driver = self._driver
        if driver is None or self.is_headless:
            return
        sequence, self._bidi_sent = bidi_switch(self.mode, self._bidi_sent)
        if sequence:
            driver.write(sequence)
            driver.flush()

    @property
    def bidi_sent(self) -> bool:
        return self._bidi_sent

    # -- help and palette ------------------------------------------------------------------
    def all_bindings(self) -> list[Binding]:
        return [b for _, group in self.binding_groups() for b in group]

    def binding_groups(self) -> list[tuple[str, list[Binding]]]:
        def bindings(cls) -> list[Binding]:
            return [b for b in cls.BINDINGS if isinstance(b, Binding)]

        focus = [
            Binding("tab", "focus_next", "Next pane (sidebar ⇄ article)"),
            Binding("shift+tab", "focus_previous", "Previous pane"),
            Binding("ctrl+p", "command_palette", "Command palette (every action)"),
        ]
        # OptionList's own enter and arrows act in every panel; listed per panel with what they do.
        def enter(does: str) -> Binding:
            return Binding("enter", "select", does, tooltip=does)

        choose = Binding("up,down", "cursor", "Choose a row", tooltip="Choose a row")
        return [
            ("Article", bindings(ArticleView)),
            ("Sidebar", bindings(Sidebar)),
            ("Entities panel", [choose, enter("Next mention of the chosen entity (corpus view: open the article)"),
                                *[_described(b, "Entities: ") for b in bindings(EntitiesPanel)]]),
            ("Dates panel", [enter("Go to the chosen date (timeline: open its passage)"),
                             *[_described(b, "Dates: ") for b in bindings(DatesPanel)]]),
            ("Links panel", [enter("Follow the chosen link (backspace comes back)")]),
            ("Search", bindings(SearchPrompt)),
            ("Panels", bindings(PanelHost)),
            ("Anywhere", bindings(QariApp) + focus),
        ]

    def action_show_skipped(self) -> None:
        if isinstance(self.screen, SkippedScreen):
            return
        if not self.skipped:
            self.notify("No files were skipped", timeout=2, markup=False)
            return
        self.push_screen(SkippedScreen(self.skipped, self.options))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(binding_rows(self.keymap, self.get_key_display, self.binding_groups())))

    def command_list(self) -> list[Command]:
        """The palette: (name, keys, run) for every reader action. The keys are the bindings' own
        (after the user's keymap), so a remapped key shows its new key here as in the help."""
        view, panels = self.view, self.panels
        actions: list[tuple[str, str, Callable[[], object]]] = [
            ("Next article", "next_article", self.action_next_article),
            ("Previous article", "previous_article", self.action_previous_article),
            ("Line down", "scroll_down", view.action_line_down),
            ("Line up", "scroll_up", view.action_line_up),
            ("Page down", "page_down", view.action_page_down),
            ("Page up", "page_up", view.action_page_up),
            ("Top of article", "top", view.action_go_top),
            ("End of article", "bottom", view.action_go_bottom),
            ("Next paragraph", "next_paragraph", view.action_next_paragraph),
            ("Previous paragraph", "previous_paragraph", view.action_previous_paragraph),
            ("Cycle reorder mode (app / terminal / off)", "cycle_reorder", self.action_cycle_reorder),
            ("Toggle harakat", "toggle_harakat", self.action_toggle_harakat),
            ("Toggle light / dark theme", "toggle_theme", self.action_toggle_theme),
            ("Move sidebar to the other side", "flip_sidebar", self.action_flip_sidebar),
            ("Wider text column", "wider", self.action_wider),
            ("Narrower text column", "narrower", self.action_narrower),
            ("Next passage with links", "next_linked", view.action_next_linked),
            ("Previous passage with links", "previous_linked", view.action_previous_linked),
            ("Walk strong links only, or all links (] and [)", "toggle_strong_links", view.action_toggle_strong_links),
            ("Follow the passage's link", "follow_link", view.action_follow_link),
            ("Back", "back", self.action_back),
            ("Forward", "forward", self.action_forward),
            ("Next mention of the name under the cursor (across articles)", "next_mention", self.action_next_mention),
            ("Previous mention of the name under the cursor (across articles)", "previous_mention",
             self.action_previous_mention),
            ("Toggle highlighting", "toggle_highlight", view.action_toggle_highlight),
            ("Word cursor to the next word", "next_word", view.action_next_word),
            ("Word cursor to the previous word", "previous_word", view.action_previous_word),
            ("Focus sidebar", "focus_next", self.sidebar.focus),
            ("Focus article", "focus_next", view.focus),
            ("Show keys", "help", self.action_help),
            ("Skipped files and why", "show_skipped", self.action_show_skipped),
            ("Sort the list (corpus order / date / title / source)", "cycle_sort", self.action_cycle_sort),
            ("Filter the list by title or source", "filter", self.action_filter),
            ("Fold or unfold boilerplate", "toggle_folds", self.action_toggle_folds),
            ("Raw file text or repaired", "toggle_raw", self.action_toggle_raw),
            ("Entities panel", "toggle_entities", lambda: panels.toggle("entities")),
            ("Dates panel", "toggle_dates", lambda: panels.toggle("dates")),
            ("Links panel", "toggle_links", lambda: panels.toggle("links")),
            ("Search the corpus", "search", lambda: panels.toggle("search")),
            ("Next search hit", "next_hit", self.action_next_hit),
            ("Previous search hit", "previous_hit", self.action_previous_hit),
            ("Copy the passage (OSC 52)", "copy_passage", self.action_copy_passage),
            ("Copy the passage with a citation", "copy_citation", self.action_copy_citation),
            ("Quit", "quit", lambda: self.run_action("quit")),
        ]
        # By id; the focus keys (Textual's own, no id) by their action.
        by_id = {b.id or b.action: b for b in self.all_bindings()}
        return [(name, keys_shown(by_id[binding_id], self.keymap, self.get_key_display, " / "), run)
                for name, binding_id, run in actions]


def _described(binding: Binding, prefix: str) -> Binding:
    """``binding`` with its help text naming the panel it acts in (two panels bind ``c``)."""
    import dataclasses

    does = binding.tooltip or binding.description
    return dataclasses.replace(binding, tooltip=prefix + does[:1].lower() + does[1:])


def bidi_switch(mode: str, explicit_now: bool) -> tuple[str, bool]:
    """What to write so the terminal's bidi mode fits ``mode``: (sequence, explicit afterwards)."""
    if mode == "app" and not explicit_now:
        return BIDI_EXPLICIT, True
    if mode != "app" and explicit_now:
        return BIDI_IMPLICIT, False
    return "", explicit_now


def _one_line(text: object) -> str:
    return " ".join(str(text).split())
