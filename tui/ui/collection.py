"""Reader behaviour for collections: sidebar sort and filter, the raw/repaired toggle, and loading a
large folder in the background. A mixin for ``QariApp`` so the app module stays small."""

from __future__ import annotations

import dataclasses
import gc
import logging
from collections.abc import Iterator

from textual.binding import Binding
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from tui.corpus.model import Article
from tui.corpus.startup import sort_into
from tui.reader.session import Skip
from tui.ui.filter_prompt import FilterPrompt
from tui.ui.mixin_base import ReaderAppBase
from tui.ui.progress import AnalysisProgress, LoadProgress

log = logging.getLogger(__name__)

BATCH = 250  # articles per hand-over from the loading thread: few repaints, steady progress
# Below this many articles the analysis takes a moment: a progress line would only flash.
ANALYSIS_BAR_FROM = 200

COLLECTION_BINDINGS = [
    Binding("o", "cycle_sort", "Sort", show=False, id="cycle_sort", tooltip="Sort the list: corpus order → date → title → source"),
    Binding("f", "filter", "Filter", show=False, id="filter", tooltip="Filter the list by title or source"),
    Binding("z", "toggle_folds", "Folds", show=False, id="toggle_folds", tooltip="Unfold or fold boilerplate (mastheads, 'read also', ...)"),
    Binding("R", "toggle_raw", "Raw", show=False, id="toggle_raw", tooltip="Show the file as it is (before repairs) or repaired"),
]


class CollectionMixin(ReaderAppBase):
    loading = False
    pending_load: tuple[Iterator[Article | Skip], int] | None = None

    def on_mount(self) -> None:
        if self.pending_load is not None:
            pending, expected = self.pending_load
            self.pending_load = None
            self.call_after_refresh(self.start_loading, pending, expected)

    # -- sort and filter -------------------------------------------------------------------
    def action_cycle_sort(self) -> None:
        order = self.sidebar.cycle_sort()
        self.notify(f"Sorted by {order}", timeout=2)

    def action_filter(self) -> None:
        existing = self.query(FilterPrompt)
        if existing:
            existing.first().query_one(Input).focus()
            return
        prompt = FilterPrompt(self.sidebar.filter_text, self.session.options, id="filter")
        prompt.set_class(self._progress_shown(), "-above-progress")
        self.query_one("#body").mount(prompt)

    def on_filter_prompt_changed(self, message: FilterPrompt.Changed) -> None:
        self.sidebar.set_filter(message.text)

    def on_filter_prompt_closed(self, message: FilterPrompt.Closed) -> None:
        for prompt in self.query(FilterPrompt):
            prompt.remove()
        if message.cleared:
            self.view.focus()
        else:
            self.sidebar.focus()

    # -- boilerplate folds -------------------------------------------------------------------
    def action_toggle_folds(self) -> None:
        view = self.view
        view.set_folding(not view.folding)
        self.notify("Boilerplate folded" if view.folding else "Boilerplate unfolded", timeout=2)

    # -- raw / repaired ---------------------------------------------------------------------
    def action_toggle_raw(self) -> None:
        if not self.articles:
            return
        article = self.articles[self.index]
        if not self.raw_view and (not article.raw or article.raw == article.text):
            self.notify("This article has no repairs: raw and repaired are the same.", timeout=3)
            return
        view = self.view
        shown = view.article.text if view.article is not None else article.text
        ratio = view.position / max(1, len(shown))
        self.raw_view = not self.raw_view
        # Offsets into the raw file do not map to the repaired text one to one; the reading
        # position keeps its place as a fraction of the article instead.
        target = dataclasses.replace(article, text=article.raw, folds=[]) if self.raw_view else article
        # Analysis offsets index the repaired text, so the raw view goes without highlights.
        analysis = None if self.raw_view else self.session.analysis(article.id)
        view.show(target, round(ratio * len(target.text)), analysis)
        self._update_header()
        self.notify("Raw text (as in the file)" if self.raw_view else "Repaired text", timeout=2)

    # -- background loading ------------------------------------------------------------------
    def start_loading(self, pending: Iterator[Article | Skip], expected: int) -> None:
        """Read the rest of a folder in a thread, handing articles over in batches."""
        self.loading = True
        bar = LoadProgress(expected)
        self.query_one("#body").mount(bar)
        bar.advance_to(len(self.articles) + len(self.skipped))
        self.run_worker(lambda: self._load_rest(pending), thread=True, name="load-rest", group="load")

    def _load_rest(self, pending: Iterator[Article | Skip]) -> None:
        batch: list[Article] = []
        skips: list[Skip] = []
        try:
            for item in pending:
                sort_into(item, batch, skips)
                if len(batch) + len(skips) >= BATCH:
                    self.call_from_thread(self._add_batch, batch, skips, False)
                    batch, skips = [], []
        except Exception as exc:  # a loader bug ends the load with a message, not a traceback
            log.warning("loading stopped early", exc_info=True)
            skips.append(("(loading)", f"stopped early: {' '.join(str(exc).split())}"))
        self.call_from_thread(self._add_batch, batch, skips, True)

    def _add_batch(self, batch: list[Article], skips: list[Skip], done: bool) -> None:
        self.articles.extend(batch)
        self.skipped.extend(skips)
        self.sidebar.articles_added()
        # Articles and their sidebar entries live as long as the reader. Left to the collector, every
        # full collection walks all of them again, holding the GIL (0.1-0.4 s measured on 5,000
        # articles while loading and analysing) so that no key is handled; frozen, they are skipped.
        # What else is frozen with them is at most a few hundred young objects per batch.
        gc.freeze()
        self._update_header()
        for bar in self.query(LoadProgress):
            if done:
                bar.remove()
            else:
                bar.advance_to(len(self.articles) + len(self.skipped))
        if done:
            self.loading = False
            self._place_filter_prompt()
            self.notify(f"Loaded {len(self.articles):,} articles", timeout=3)
            if self.analyze:
                # The analysis started at mount saw only the first articles; links and search
                # need the whole collection.
                self._run_analysis()

    # -- analysis progress ---------------------------------------------------------------------
    _analysis_bar: AnalysisProgress | None = None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "analysis":
            return
        running = any(w.group == "analysis" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
                      for w in self.workers)
        bar = self._analysis_bar
        if running and bar is None and not self.loading and len(self.articles) >= ANALYSIS_BAR_FROM:
            # While loading, the loading line is shown; the analysis that follows it gets its own.
            bar = self._analysis_bar = AnalysisProgress(len(self.articles))
            self.query_one("#body").mount(bar)
        elif not running and bar is not None:
            self._analysis_bar = None
            bar.remove()
        if event.state == WorkerState.SUCCESS:
            gc.freeze()  # the analysis results stay for the session too (see _add_batch)
        self._place_filter_prompt()

    def analysis_progress(self, done: int, total: int) -> None:
        """``progress`` callback for ``analyze_corpus``: called from the analysis thread."""
        try:
            self.call_from_thread(self._analysis_advanced, done, total)
        except RuntimeError:  # the reader quit while the analysis ran
            pass

    def _analysis_advanced(self, done: int, total: int) -> None:
        if self._analysis_bar is not None:
            self._analysis_bar.advance_to(done, total)

    def _progress_shown(self) -> bool:
        return self.loading or self._analysis_bar is not None

    def _place_filter_prompt(self) -> None:
        for prompt in self.query(FilterPrompt):
            prompt.set_class(self._progress_shown(), "-above-progress")
