"""Feeds and pages into the collection: once each, politely, and nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fetch._site import article_html, atom, rss
from tui.corpus.load import load_file, load_paths
from tui.fetch.collect import Collector, collection_files
from tui.fetch.feeds import Feed, parse_feed
from tui.fetch.http import Client


def _collector(**kw) -> Collector:
    return Collector(interval=0, **kw)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _feed(site, n: int, path: str = "/rss.xml", etag: str | None = '"v1"') -> tuple[str, list[str]]:
    urls = [site.page(f"/news/{k}.html", k) for k in range(n)]
    feed = site.route(path, rss([(f"عنوان {k}", u) for k, u in enumerate(urls)]),
                      content_type="application/rss+xml; charset=utf-8", etag=etag)
    return feed, urls


def test_a_feed_brings_its_items_once(site, dirs) -> None:
    feed, urls = _feed(site, 3)
    c = _collector()
    summary = c.fetch_feeds([Feed(feed)])
    assert summary.counts() == {"new": 3} and summary.line() == "3 new"
    files = collection_files()
    assert len(files) == 3
    arts = load_paths(files).articles
    assert sorted(a.url for a in arts) == sorted(urls)
    assert all(a.ok and a.date == "2025-03-14" and a.source == "صحيفة الاختبار" for a in arts)
    pages_before = sum(site.hits(f"/news/{k}.html") for k in range(3))
    # Second run: the feed answers 304 to its ETag; no page is asked again.
    again = c.fetch_feeds([Feed(feed)])
    assert again.outcomes == [] and again.line() == "0 new"
    assert site.requests[-1][1].get("if-none-match") == '"v1"'
    assert sum(site.hits(f"/news/{k}.html") for k in range(3)) == pages_before
    c.close()


def test_without_etags_known_items_are_not_fetched_again(site, dirs) -> None:
    feed, _ = _feed(site, 2, etag=None)
    _collector().fetch_feeds([Feed(feed)])
    hits = len(site.requests)
    summary = _collector().fetch_feeds([Feed(feed)])  # a new run: state from the file
    assert summary.outcomes == [] and len(site.requests) == hits + 1  # the feed only


def test_progress_reports_every_item(site, dirs) -> None:
    feed, _ = _feed(site, 4)
    steps: list[tuple[int, int, str]] = []
    _collector().fetch_feeds([Feed(feed)], progress=lambda d, t, w: steps.append((d, t, w)))
    assert [d for d, t, _ in steps if d] == [1, 2, 3, 4] and {t for _, t, _ in steps} == {4}


def test_one_article_under_two_addresses_is_kept_once(site, dirs) -> None:
    site.route("/a.html", article_html(5))
    site.route("/amp/a.html", article_html(5))  # the same article text at another address
    both = site.route("/both.xml", rss([("أ", site.url("/a.html")), ("ب", site.url("/amp/a.html"))]),
                      content_type="application/rss+xml")
    other = site.route("/other.xml", rss([("أ", site.url("/a.html"))]), content_type="application/rss+xml")
    summary = _collector().fetch_feeds([Feed(both), Feed(other)], workers=1)
    assert sorted(o.status for o in summary.outcomes) == ["duplicate", "new"]
    assert len(collection_files()) == 1
    assert site.hits("/a.html") == 1  # named by two feeds, fetched once


def test_robots_txt_is_respected_for_pages(site, dirs) -> None:
    site.route("/robots.txt", "User-agent: Qari\nDisallow: /private/\n", content_type="text/plain")
    site.page("/private/p.html", 1)
    ok = site.page("/public/p.html", 2)
    c = _collector()
    refused = c.fetch_page(site.url("/private/p.html"))
    assert refused.status == "refused" and refused.reason == "robots.txt does not allow Qari to fetch this page"
    assert c.fetch_page(ok).status == "new"
    assert site.hits("/private/p.html") == 0 and site.hits("/robots.txt") == 1  # read once per host


def test_robots_txt_forbidden_refuses_everything(site, dirs) -> None:
    site.route("/robots.txt", "no", status=403, content_type="text/plain")
    out = _collector().fetch_page(site.page("/p.html", 1))
    assert out.status == "refused" and site.hits("/p.html") == 0


def test_tracking_parameters_do_not_make_another_article(site, dirs) -> None:
    from tui.fetch.collect import canonical

    assert canonical("http://h/a?id=3&utm_source=rss&utm_medium=x&fbclid=1") == "http://h/a?id=3"
    assert canonical("http://h/a") == "http://h/a"
    site.page("/t.html", 1)
    feed = site.route("/f.xml", rss([("أ", site.url("/t.html?utm_source=rss")), ("ب", site.url("/t.html?utm_campaign=x"))]),
                      content_type="application/rss+xml")
    summary = _collector().fetch_feeds([Feed(feed)])
    assert summary.counts() == {"new": 1} and site.hits("/t.html") == 1


def test_robots_txt_missing_allows_unreachable_refuses(site, dirs) -> None:
    assert _collector().fetch_page(site.page("/p.html", 1)).status == "new"  # 404 robots.txt
    site.route("/robots.txt", "down", status=503, content_type="text/plain")
    out = _collector().fetch_page(site.page("/q.html", 2))
    assert out.status == "refused" and out.reason.startswith("robots.txt could not be read (HTTP 503")


def test_a_host_that_does_not_answer_fails_with_the_network_reason(dirs) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        out = _collector().fetch_page(f"http://127.0.0.1:{s.getsockname()[1]}/p.html")
    assert (out.status, out.reason) == ("failed", "connection refused")


def test_refetching_a_page_is_conditional(site, dirs) -> None:
    url = site.route("/c.html", article_html(6), etag='"p1"')
    c = _collector()
    first = c.fetch_page(url)
    again = c.fetch_page(url)
    assert (first.status, again.status) == ("new", "unchanged") and again.path == first.path
    assert site.requests[-1][1]["if-none-match"] == '"p1"'
    site.route("/c.html", article_html(6, title="عنوان معدل للخبر نفسه", body=["نص جديد تماما للخبر بعد تحديثه من المحرر في الصحيفة."] * 3),
               etag='"p2"')
    changed = c.fetch_page(url)
    assert changed.status == "updated" and changed.path == first.path
    assert load_file(changed.path)[0].title == "عنوان معدل للخبر نفسه"


@pytest.mark.parametrize("setup, reason", [
    (lambda s: s.route("/x", "nope", status=404, content_type="text/plain"), "HTTP 404 Not Found"),
    (lambda s: s.route("/x", status=302, headers={"Location": "http://elsewhere.invalid/"}),
     "redirected to another host (elsewhere.invalid); not followed"),
    (lambda s: s.route("/x", b"%PDF-1.4", content_type="application/pdf"), "not an HTML page (application/pdf)"),
    (lambda s: s.route("/x", b"<p>" + b"a" * 6_000_000), "answer too large (5.7 MB > 5.0 MB limit)"),
    (lambda s: s.route("/x", b"\x00\x01\x02\x03" * 300, content_type="text/html"), "not text: binary"),
    (lambda s: s.route("/x", "<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>"),
     "HTML page without recognisable article text"),
])
def test_failures_give_one_line_and_write_nothing(site, dirs, setup, reason) -> None:
    setup(site)
    out = _collector().fetch_page(site.url("/x"))
    assert out.status == "failed" and out.reason.startswith(reason) and "\n" not in out.line()
    root = dirs / "data" / "articles"
    assert not root.exists() or _files(root) == []


def test_timeouts_write_nothing(site, dirs) -> None:
    site.route("/slow", handler=lambda h: site.release.wait(10))
    out = Collector(client=Client(timeout=0.2)).fetch_page(site.url("/slow"))
    assert (out.status, out.reason) == ("failed", "timed out after 0.2 s")
    assert not (dirs / "data" / "articles").exists()


def test_a_broken_feed_is_one_line_and_others_go_on(site, dirs) -> None:
    good, _ = _feed(site, 1)
    bad = site.route("/bad.xml", "<html><body>not a feed</body></html>", content_type="text/html")
    gone = site.url("/gone.xml")
    summary = _collector().fetch_feeds([Feed(bad), Feed(gone), Feed(good)])
    assert summary.counts() == {"new": 1}
    reasons = [e.reason for e in summary.feed_errors]
    assert reasons[0].startswith("not a feed") and reasons[1] == "HTTP 404 Not Found"
    assert summary.line() == "1 new, 2 feeds failed"


def test_feed_titles_with_escapes_and_markup(site, dirs) -> None:
    hostile = "&lt;b&gt;عاجل&lt;/b&gt; \x1b[31mأحمر\x1b[0m &lt;script&gt;x&lt;/script&gt;"
    body = rss([(hostile, "http://127.0.0.1/a")]).encode("utf-8")
    parsed = parse_feed(body, "http://127.0.0.1/rss.xml")
    title = parsed.items[0].title
    assert "<" not in title and "عاجل" in title and "أحمر" in title
    # Atom titles of type html, with an entity-escaped tag and a C1 control.
    parsed = parse_feed(atom([("&lt;i&gt;خبر&lt;/i&gt; \u009b2J", "http://127.0.0.1/b")]).encode(), "http://127.0.0.1/a")
    assert parsed.items[0].title.startswith("خبر") and "<" not in parsed.items[0].title
    # A page without a title of its own takes the feed's, cleaned; the stored file keeps it as text.
    site.route("/notitle.html", "<html><body><article>" + "".join(
        f"<p>{'هذه فقرة طويلة من نص الخبر لا عنوان لها في الصفحة. ' * 3}{k}</p>" for k in range(4)) + "</article></body></html>")
    feed = site.route("/t.xml", rss([(hostile, site.url("/notitle.html"))]), content_type="application/rss+xml")
    out = _collector().fetch_feeds([Feed(feed)]).outcomes[0]
    assert out.status == "new"
    art = load_file(out.path)[0]
    assert "<b>" not in art.title and "<script>" not in art.title
    from tui.text.sanitize import terminal_safe

    assert "\x1b" not in terminal_safe(out.line()) and "␛[31m" in terminal_safe(out.line())


def test_newest_files_first(dirs) -> None:
    root = dirs / "data" / "articles" / "h"
    root.mkdir(parents=True)
    for n, when in enumerate([100, 300, 200]):
        p = root / f"a{n}.md"
        p.write_text("---\ntitle: x\n---\n\nنص\n", encoding="utf-8")
        os.utime(p, (when, when))
    (root / ".a.md.tmp").write_text("half", encoding="utf-8")
    assert [Path(p).name for p in collection_files()] == ["a1.md", "a2.md", "a0.md"]


def test_a_corrupt_state_file_is_moved_aside(site, dirs) -> None:
    (dirs / "data" / "fetch.sqlite").write_bytes(b"not a database at all" * 100)
    assert _collector().fetch_page(site.page("/s.html", 1)).status == "new"
    assert any(p.name.startswith("fetch.sqlite.corrupt-") for p in (dirs / "data").iterdir())


def test_cancel_drops_what_is_queued(site, dirs) -> None:
    feed, _ = _feed(site, 6)
    c = _collector()

    def progress(done: int, total: int, what: str) -> None:
        if done == 2:
            raise RuntimeError("the reader quit")  # as call_from_thread does then

    summary = c.fetch_feeds([Feed(feed)], progress=progress, workers=1)
    assert len(summary.outcomes) == 2 and len(collection_files()) == 2
    assert sum(site.hits(f"/news/{k}.html") for k in range(6)) == 2


def test_cancel_wakes_a_wait_for_the_hosts_next_slot(site, dirs) -> None:
    import threading

    feed, _ = _feed(site, 5)
    feed = feed.replace("127.0.0.1", "localhost")  # another host: the feed takes no page's slot
    c = Collector(interval=3600)  # the second page of the host would wait an hour
    first = threading.Event()
    result: list = []
    worker = threading.Thread(daemon=True, target=lambda: result.append(
        c.fetch_feeds([Feed(feed)], progress=lambda d, t, w: first.set() if d == 1 else None, workers=2)))
    worker.start()
    assert first.wait(30)
    c.cancel()
    worker.join(30)
    assert not worker.is_alive()
    statuses = sorted(o.status for o in result[0].outcomes)
    assert statuses.count("new") == 1 and all(o.reason == "cancelled" for o in result[0].outcomes if o.status == "failed")
