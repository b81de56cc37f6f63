"""``F`` in the reader: fetch the feeds' new items in a thread, a progress line at the bottom, then
the new articles at the top of the list and the analysis run again (its cache makes only the new
articles cost). A mixin for ``QariApp``, as ``CollectionMixin`` is; the work is ``tui.fetch``'s."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from tui.corpus.model import Article
from tui.text.sanitize import terminal_safe
from tui.ui.mixin_base import ReaderAppBase
from tui.ui.progress import LoadProgress, progress_text

if TYPE_CHECKING:
    from tui.fetch.collect import Collector, Summary
    from tui.fetch.feeds import Config as FeedsConfig

FETCH_BINDINGS = [
    Binding("F", "fetch_feeds", "Fetch feeds", show=False, id="fetch_feeds",
            tooltip="Fetch the feeds' new articles (feeds.toml) into the collection"),
]


class FetchProgress(LoadProgress):
    """``fetched 12 / 40 ███░░ title of the last one``; styled as the loading line."""

    def __init__(self) -> None:
        super().__init__(0, id="fetch-progress")
        self.update(Text("fetching feeds…", no_wrap=True))

    def show_step(self, done: int, total: int, what: str) -> None:
        head = progress_text(done, total, "fetched") if total else ""
        self.update(Text(terminal_safe(f"{head} {what}".strip()), no_wrap=True))


class FetchMixin(ReaderAppBase):
    fetching = False
    _fetch_collector: Collector | None = None

    def on_unmount(self) -> None:
        # Quitting mid-fetch: queued pages are dropped and waits for a host's slot end now, so
        # the process is not kept alive fetching for a reader that is gone.
        if self._fetch_collector is not None:
            self._fetch_collector.cancel()

    def action_fetch_feeds(self) -> None:
        from tui.fetch.feeds import feeds_file, load_config

        if self.fetching:
            self.notify("Already fetching the feeds…", timeout=2)
            return
        config = load_config()
        for problem in config.problems:
            self.notify(problem, severity="warning", timeout=8)
        if not config.feeds:
            self.notify(f"No feeds yet: qari feeds add URL (or list them in {feeds_file()})", severity="warning", timeout=6)
            return
        self.fetching = True
        self.query_one("#body").mount(FetchProgress())
        self.run_worker(lambda: self._fetch_feeds(config), thread=True, name="fetch-feeds", group="fetch")

    def _fetch_feeds(self, config: FeedsConfig) -> None:
        from tui.corpus.load import load_file
        from tui.fetch.collect import Collector, Summary

        summary, failure = Summary(), None
        new: list[Article] = []
        try:
            collector = self._fetch_collector = Collector(interval=config.per_host_interval)
            try:
                summary = collector.fetch_feeds(config.feeds, progress=self._fetch_step_from_thread)
            finally:
                self._fetch_collector = None
                collector.close()
            new = [a for path in summary.new_paths for a in load_file(path) if a.ok]
        except Exception as exc:  # a bug in fetching must not take the reader with it
            failure = " ".join(str(exc).split())[:100] or type(exc).__name__
        try:
            self.call_from_thread(self._fetch_done, summary, new, failure)
        except RuntimeError:  # the reader quit while fetching
            pass

    def _fetch_step_from_thread(self, done: int, total: int, what: str) -> None:
        try:
            self.call_from_thread(self._fetch_step, done, total, what)
        except RuntimeError:
            pass

    def _fetch_step(self, done: int, total: int, what: str) -> None:
        for bar in self.query(FetchProgress):
            bar.show_step(done, total, what)

    def _fetch_done(self, summary: Summary, new: list[Article], failure: str | None) -> None:
        self.fetching = False
        for bar in self.query(FetchProgress):
            bar.remove()
        if failure:
            self.notify(f"Fetching stopped: {failure}", severity="error", timeout=8)
            return
        for error in summary.feed_errors:
            self.notify(f"Feed {error.title or error.url}: {error.reason}", severity="warning", timeout=8)
        if new:
            self._put_first(new)
        failed = [o for o in summary.outcomes if o.status in ("failed", "refused")]
        why = f" — {failed[0].url}: {failed[0].reason}" if failed else ""
        self.notify(f"Feeds: {summary.line()}{why}", severity="warning" if failed else "information",
                    timeout=8 if failed else 4)
        if new and self.analyze:
            self._run_analysis()

    def _put_first(self, new: list[Article]) -> None:
        """New articles at the top; an updated article replaces its old entry. The list object
        stays the same one (the sidebar shares it)."""
        current = self.articles[self.index].path if self.articles else None
        fresh = {a.path for a in new}
        self.articles[:] = new + [a for a in self.articles if a.path not in fresh]
        self.index = next((i for i, a in enumerate(self.articles) if a.path == current), 0)
        self.sidebar.articles_reset(self.index)
        self._update_header()
