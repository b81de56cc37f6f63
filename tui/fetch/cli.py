"""``qari URL...``, ``qari fetch [URL...]`` and ``qari feeds [add|remove URL]``.

Everything printed that came from the network (titles, reasons quoting a server) goes through
``terminal_safe``: a feed title carrying ``ESC[2J`` prints as ``␛[2J``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from typing import TYPE_CHECKING, TextIO

from tui.text.sanitize import terminal_safe

if TYPE_CHECKING:
    from tui.fetch.collect import Collector
    from tui.fetch.feeds import Config


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def _say(line: str, stream: TextIO | None = None) -> None:
    print(f"qari: {terminal_safe(line)}", file=stream or sys.stderr)


class _Line:
    """One progress line on a terminal (rewritten in place), or plain lines in a log or pipe."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, done: int, total: int, what: str) -> None:
        text = terminal_safe(f"{done}/{total} {what}" if total else what)
        if self.tty:
            width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
            self.stream.write("\r\x1b[K" + text[:width])
            self.stream.flush()
            self.shown = True
        elif what.startswith(("failed", "refused")):
            print(text, file=self.stream)

    def end(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _collector(interval: float | None = None) -> tuple[Collector, Config]:
    from tui.fetch.collect import Collector
    from tui.fetch.feeds import load_config

    config = load_config()
    for problem in config.problems:
        _say(problem)
    chosen = interval if interval is not None else config.per_host_interval
    return Collector(interval=chosen), config


def link_collection(paths: list[str] | None = None, stream: TextIO | None = None) -> tuple[int, float]:
    """Analyse and link the collection through the analysis cache: only new articles cost.
    Returns (articles, seconds)."""
    from tui.analysis.pipeline import analyze_corpus
    from tui.corpus.load import load_paths
    from tui.fetch.collect import collection_files
    from tui.store.cache import AnalysisCache

    t0 = time.perf_counter()
    files = collection_files() if paths is None else paths
    articles = [a for a in load_paths(files).articles if a.ok]
    cache = AnalysisCache()
    try:
        analyze_corpus(articles, cache=cache)
    finally:
        cache.close()
    return len(articles), time.perf_counter() - t0


def fetch_parser() -> argparse.ArgumentParser:
    from tui.__main__ import _Parser

    p = _Parser(prog="qari fetch", description="Fetch new items of the feeds in feeds.toml (or the "
                "addresses given) into the collection, then analyse and link what is new.")
    p.add_argument("urls", nargs="*", metavar="URL", help="pages to fetch (default: every feed's new items)")
    p.add_argument("--no-analyze", action="store_true", help="store only; the reader analyses when it opens")
    p.add_argument("--interval", type=float, default=None, metavar="SECONDS",
                   help="seconds between two requests to one host (default: feeds.toml, else 1)")
    return p


def feeds_parser() -> argparse.ArgumentParser:
    from tui.__main__ import _Parser

    p = _Parser(prog="qari feeds", description="List, add or remove feeds (feeds.toml in the config folder).")
    p.add_argument("action", nargs="?", choices=("list", "add", "remove"), default="list")
    p.add_argument("url", nargs="?", metavar="URL")
    p.add_argument("--name", default="", help="a name for the feed (with add)")
    return p


def run_fetch(argv: list[str]) -> int:
    args = fetch_parser().parse_args(argv)
    t0 = time.perf_counter()
    collector, config = _collector(args.interval)
    line = _Line()
    try:
        if args.urls:
            from tui.fetch.collect import Summary

            summary = Summary()
            for n, url in enumerate(args.urls, 1):
                outcome = collector.fetch_page(url)
                summary.outcomes.append(outcome)
                line(n, len(args.urls), outcome.line())
        else:
            if not config.feeds:
                from tui.fetch.feeds import feeds_file

                _say(f"no feeds yet: qari feeds add URL (or list them in {feeds_file()})")
                return 1
            summary = collector.fetch_feeds(config.feeds, progress=line)
    except KeyboardInterrupt:
        line.end()
        _say("fetch interrupted; what was complete is stored")
        return 130
    finally:
        collector.close()
    line.end()
    for error in summary.feed_errors:
        _say(f"feed {error.url}: {error.reason}")
    for outcome in summary.outcomes:
        if outcome.status in ("failed", "refused") and line.tty:
            _say(outcome.line())
    fetched = time.perf_counter() - t0
    print(terminal_safe(f"{summary.line()} ({fetched:.1f} s)"), file=sys.stderr)
    if summary.new_paths and not args.no_analyze:
        try:
            n, seconds = link_collection()
        except Exception as exc:  # analysis is an extra: the articles are stored
            _say(f"analysis failed ({' '.join(str(exc).split())[:80]}); the reader analyses when it opens")
        else:
            print(f"analysed and linked {n:,} articles ({seconds:.1f} s)", file=sys.stderr)
    if summary.new_paths:
        from tui.fetch.article_file import articles_dir

        print(terminal_safe(f"read them: qari  (the collection, newest first: {articles_dir()})"),
              file=sys.stderr)
    failed = [o for o in summary.outcomes if o.status == "failed"]
    return 1 if (failed and not summary.new_paths) or (summary.feed_errors and not summary.outcomes) else 0


def run_feeds(argv: list[str]) -> int:
    from tui.fetch.feeds import Feed, feeds_file, load_config, save_feeds
    from tui.fetch.http import FetchError, check_url

    args = feeds_parser().parse_args(argv)
    config = load_config()
    for problem in config.problems:
        _say(problem)
    if args.action == "list":
        if not config.feeds:
            print(f"no feeds ({feeds_file()}); add one: qari feeds add URL")
        for feed in config.feeds:
            print(terminal_safe(f"{feed.url}" + (f"  {feed.name}" if feed.name else "")))
        return 0
    if not args.url:
        _say(f"qari feeds {args.action}: which URL?")
        return 2
    try:
        url = check_url(args.url)
    except FetchError as exc:
        _say(f"{args.url}: {exc}")
        return 2
    if config.problems:
        _say(f"{feeds_file()} has problems; fix it by hand before {args.action} rewrites it")
        return 2
    feeds = [f for f in config.feeds if f.url != url]
    if args.action == "add":
        feeds.append(Feed(url, args.name))
    elif len(feeds) == len(config.feeds):
        _say(f"{url}: not in {feeds_file()}")
        return 1
    try:
        save_feeds(feeds, interval=config.per_host_interval)
    except OSError as exc:
        _say(f"could not write {feeds_file()} ({exc.strerror})")
        return 1
    print(f"{len(feeds)} feed{'s' if len(feeds) != 1 else ''} in {feeds_file()}")
    return 0


def main(argv: list[str]) -> int:
    """``argv[0]`` is "fetch" or "feeds"."""
    return run_fetch(argv[1:]) if argv[0] == "fetch" else run_feeds(argv[1:])


def prepare_urls(args: argparse.Namespace) -> int | None:
    """``qari URL...``: fetch each address, then point ``args.paths`` at the collection (newest
    first) with the first fetched article as the one the reader opens. An exit status when
    nothing could be fetched, else None."""
    from tui.corpus.load import load_file
    from tui.fetch.collect import collection_files
    from tui.store import paths
    from tui.store.state import StateStore, article_key

    urls = [p for p in args.paths if is_url(p)]
    others = [p for p in args.paths if not is_url(p)]
    collector, _ = _collector()
    opened: str | None = None
    try:
        for url in urls:
            print(terminal_safe(f"fetching {url}"), file=sys.stderr)
            outcome = collector.fetch_page(url)
            path = outcome.path
            if path is None:
                _say(outcome.line())
                stored = collector.stored_copy(url) if outcome.status == "failed" else None
                if stored is not None:
                    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(stored.fetched_at))
                    _say(f"opening the copy stored on {when}")
                    path = stored.path
            if path is not None and opened is None:
                opened = path
    except KeyboardInterrupt:
        return 130
    finally:
        collector.close()
    if opened is None:
        return 1
    files = collection_files()
    args.paths = files + others
    try:
        first = load_file(opened)[0]
        store = StateStore(paths.state_file())
        state = store.load().state
        state.last_article = article_key(first)  # the reader opens where the state says it was
        store.save(state)
    except OSError:
        pass  # unwritable state: the reader then opens on the newest article, which this is
    return None
