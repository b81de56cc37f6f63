"""Fetching into the collection: one page (``qari URL``) or every feed's new items (``qari fetch``).

Each address ends as one :class:`Outcome` with a one-line reason; only complete articles are
written (atomically, :mod:`tui.fetch.article_file`). Known addresses are not asked again, a page
whose text is already in the collection under another address is kept once, and a feed that
answers 304 costs one request.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui.fetch import article_file
from tui.fetch.extract import extract
from tui.fetch.feeds import Feed, Item, parse_feed
from tui.fetch.http import Client, FetchError, check_url, decode_page, host_of
from tui.fetch.ratelimit import DEFAULT_INTERVAL, RateLimiter
from tui.fetch.robots import Robots
from tui.fetch.state import FetchState, Seen

WORKERS = 4  # pages in flight: different hosts overlap, one host is spaced by the rate limit

# "new" and "updated" wrote a file; "unchanged", "duplicate" and "known" did not need to;
# "failed" and "refused" (robots.txt) say why in ``reason``.
WROTE = ("new", "updated")


@dataclass(slots=True)
class Outcome:
    url: str
    status: str
    path: str | None = None
    reason: str = ""
    title: str = ""

    def line(self) -> str:
        """One line for a person: ``new  title — url`` or ``failed  url: reason``."""
        if self.status in ("failed", "refused"):
            return f"{self.status}: {self.url}: {self.reason}"
        return f"{self.status}: {self.title or self.url}" + (f" ({self.url})" if self.title else "")


@dataclass(slots=True)
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    feed_errors: list[Outcome] = field(default_factory=list)

    @property
    def new_paths(self) -> list[str]:
        return [o.path for o in self.outcomes if o.status in WROTE and o.path]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for o in self.outcomes:
            out[o.status] = out.get(o.status, 0) + 1
        return out

    def line(self) -> str:
        c = self.counts()
        parts = [f"{c.get('new', 0)} new"]
        parts += [f"{c[k]} {k}" for k in ("updated", "unchanged", "duplicate", "failed", "refused") if c.get(k)]
        if self.feed_errors:
            parts.append(f"{len(self.feed_errors)} feed{'s' if len(self.feed_errors) != 1 else ''} failed")
        return ", ".join(parts)


Progress = Callable[[int, int, str], None]  # (done, total, what was just done)


_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def canonical(url: str) -> str:
    """The address without the tracking parameters feeds add (``?utm_source=rss``): the same
    article is then one address, and not asked for twice."""
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    if not parts.query:
        return url
    kept = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING)]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(kept)))


def _iso_now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Collector:
    def __init__(self, *, root: Path | None = None, state: FetchState | None = None, client: Client | None = None,
                 interval: float | None = None, robots: bool = True) -> None:
        self.root = root or article_file.articles_dir()
        self.state = state or FetchState()
        self.stopped = threading.Event()
        if client is None:
            # The limiter's sleep is the stop event's wait: a cancel wakes whoever waits for a slot.
            limiter = RateLimiter(DEFAULT_INTERVAL if interval is None else interval, sleep=self.stopped.wait)
            client = Client(limiter=limiter, stop=self.stopped)
        self.client = client
        self.robots = Robots(self.client) if robots else None
        self._write_lock = threading.Lock()  # the hash check and the write, together

    def cancel(self) -> None:
        """Items not yet started are dropped; those in flight finish (within the client's timeout)."""
        self.stopped.set()

    def close(self) -> None:
        self.state.close()

    # -- one page --------------------------------------------------------------------------
    def fetch_page(self, url: str, *, item: Item | None = None, feed: str | None = None) -> Outcome:
        try:
            url = canonical(check_url(url))
        except FetchError as exc:
            return Outcome(url, "failed", reason=str(exc))
        try:
            return self._fetch_page(url, item, feed)
        except FetchError as exc:
            return Outcome(url, "failed", reason=str(exc))
        except OSError as exc:  # the collection folder: full disk, permissions
            return Outcome(url, "failed", reason=f"could not store the article ({exc.strerror or type(exc).__name__})")

    def stored_copy(self, url: str) -> Seen | None:
        """What an earlier fetch of ``url`` stored, if its file is still there: the copy a reader
        opens when the page cannot be fetched now (offline, the site down)."""
        try:
            return self._stored(canonical(check_url(url)))
        except FetchError:
            return None

    def _stored(self, url: str) -> Seen | None:
        seen = self.state.seen(url)
        return seen if seen is not None and seen.path is not None and os.path.exists(seen.path) else None

    def _fetch_page(self, url: str, item: Item | None, feed: str | None) -> Outcome:
        if self.robots is not None:
            refusal = self.robots.refusal(url)
            if refusal:
                return Outcome(url, "refused", reason=refusal)
        # Conditional only while the stored file is there: a deleted file is fetched afresh.
        have = self._stored(url)
        resp = self.client.get(url, kind="page", etag=have.etag if have else None,
                               last_modified=have.last_modified if have else None)
        if resp.not_modified and have:
            self.state.record(url, etag=have.etag, last_modified=have.last_modified, path=have.path,
                              content_hash=have.content_hash)
            return Outcome(url, "unchanged", have.path)
        article = extract(decode_page(resp))
        digest = article.content_hash
        target = article_file.file_for(url, self.root)
        meta = dict(article.meta)
        meta["title"] = meta.get("title") or (item.title if item else "")
        meta["source"] = meta.get("source") or host_of(resp.url)
        meta["date"] = meta.get("date") or (item.date if item and item.date else "")
        meta["url"] = resp.url
        meta["fetched_at"] = _iso_now()
        if feed:
            meta["feed"] = feed
        with self._write_lock:
            elsewhere = self.state.path_of_hash(digest)
            if elsewhere and elsewhere != str(target) and os.path.exists(elsewhere):
                self.state.record(url, etag=resp.etag, last_modified=resp.last_modified, path=elsewhere,
                                  content_hash=digest)
                return Outcome(url, "duplicate", elsewhere, title=meta["title"])
            if have and have.content_hash == digest and have.path == str(target):
                status = "unchanged"
            else:
                status = "updated" if target.exists() else "new"
                article_file.write_atomic(target, article_file.render(meta, article.paragraphs))
            for address in {url, resp.url}:
                self.state.record(address, etag=resp.etag, last_modified=resp.last_modified, path=str(target),
                                  content_hash=digest)
        return Outcome(url, status, str(target), title=meta["title"])

    # -- feeds -----------------------------------------------------------------------------
    def read_feed(self, feed: Feed) -> tuple[list[Item], Outcome | None]:
        """The feed's items not yet in the collection, or an Outcome saying why there are none."""
        seen = self.state.seen(feed.url)
        try:
            resp = self.client.get(feed.url, kind="feed", etag=seen.etag if seen else None,
                                   last_modified=seen.last_modified if seen else None)
            if resp.not_modified:
                return [], None
            parsed = parse_feed(resp.body, resp.url)
        except FetchError as exc:
            return [], Outcome(feed.url, "failed", reason=str(exc), title=feed.name)
        self.state.record(feed.url, etag=resp.etag, last_modified=resp.last_modified, path=None, content_hash=None)
        known = self.state.known_urls()
        for it in parsed.items:
            it.url = canonical(it.url)
        return [it for it in parsed.items if it.url not in known], None

    def fetch_feeds(self, feeds: list[Feed], progress: Progress | None = None, workers: int = WORKERS) -> Summary:
        summary = Summary()
        todo: list[tuple[Item, str]] = []
        queued: set[str] = set()
        for n, feed in enumerate(feeds, 1):
            items, error = self.read_feed(feed)
            if error is not None:
                summary.feed_errors.append(error)
            for it in items:
                if it.url not in queued:  # two feeds naming one article
                    queued.add(it.url)
                    todo.append((it, feed.url))
            if progress:
                progress(0, len(todo), f"feed {n}/{len(feeds)}: {feed.name or feed.url}")
        total = len(todo)
        done = 0
        lock = threading.Lock()

        def one(job: tuple[Item, str]) -> None:
            nonlocal done
            if self.stopped.is_set():
                return
            item, feed_url = job
            outcome = self.fetch_page(item.url, item=item, feed=feed_url)
            with lock:
                done += 1
                summary.outcomes.append(outcome)
                if progress:
                    try:
                        progress(done, total, outcome.line())
                    except Exception:  # whoever watched has gone (the reader quit): stop here
                        self.cancel()

        if todo:
            pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="qari-fetch")
            try:
                for future in [pool.submit(one, job) for job in todo]:
                    future.result()
            except BaseException:  # ^C: what is queued is dropped, not fetched on the way out
                self.cancel()
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            pool.shutdown()
        return summary


def collection_files(root: Path | None = None) -> list[str]:
    """Every stored article, the most recently fetched first (file times: a file is written only
    when its article is new or changed)."""
    root = root or article_file.articles_dir()
    found: list[tuple[float, str]] = []
    if not root.is_dir():
        return []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(article_file.SUFFIX) and not name.startswith("."):
                path = os.path.join(folder, name)
                try:
                    found.append((os.stat(path).st_mtime, path))
                except OSError:
                    continue
    found.sort(key=lambda t: (-t[0], t[1]))
    return [p for _, p in found]


def elapsed(since: float) -> str:
    return f"{time.perf_counter() - since:.1f} s"
