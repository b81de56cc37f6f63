"""``qari fetch``, ``qari feeds`` and ``qari URL`` as a person types them."""

from __future__ import annotations

import argparse

from tests.fetch._site import rss
from tui.__main__ import main
from tui.fetch.cli import prepare_urls
from tui.fetch.collect import collection_files
from tui.fetch.feeds import feeds_file, load_config
from tui.store import paths
from tui.store.state import StateStore


def _feeds_toml(*urls: str, interval: float = 0) -> None:
    path = feeds_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'[[feed]]\nurl = "{u}"\n' for u in urls)
    path.write_text(body + f"[fetch]\nper_host_interval = {interval}\n", encoding="utf-8")


def test_fetch_stores_links_and_says_so(site, dirs, capsys) -> None:
    urls = [site.page(f"/n/{k}.html", k) for k in range(3)]
    hostile = "\x1b[2J\x1b]0;owned\x07عنوان"
    urls.append(site.url("/gone.html"))
    feed = site.route("/rss.xml", rss([(hostile, u) for u in urls]), content_type="application/rss+xml", etag='"1"')
    _feeds_toml(feed)
    assert main(["fetch"]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "3 new, 1 failed" in err and "failed: " + site.url("/gone.html") + ": HTTP 404 Not Found" in err
    assert "analysed and linked 3 articles" in err and f"read them: qari  (the collection, newest first: {dirs / 'data' / 'articles'})" in err
    assert len(collection_files()) == 3
    # Nothing new: one conditional request, no analysis.
    assert main(["fetch"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("0 new (") and "analysed" not in err


def test_fetch_without_feeds_says_how_to_add_one(dirs, capsys) -> None:
    assert main(["fetch"]) == 1
    assert "no feeds yet: qari feeds add URL" in capsys.readouterr().err


def test_fetch_named_pages(site, dirs, capsys) -> None:
    assert main(["fetch", "--no-analyze", "--interval", "0", site.page("/p.html", 1), "ftp://x/y"]) == 0
    err = capsys.readouterr().err
    assert "1 new, 1 failed" in err and "only http and https" in err


def test_feeds_add_list_remove(dirs, capsys) -> None:
    assert main(["feeds"]) == 0 and "no feeds" in capsys.readouterr().out
    assert main(["feeds", "add", "http://127.0.0.1:9/rss.xml", "--name", "صحيفة \"الاختبار\""]) == 0
    assert main(["feeds", "add", "https://127.0.0.1:9/atom"]) == 0
    assert [(f.url, f.name) for f in load_config().feeds] == [
        ("http://127.0.0.1:9/rss.xml", 'صحيفة "الاختبار"'), ("https://127.0.0.1:9/atom", "")]
    capsys.readouterr()
    assert main(["feeds", "list"]) == 0 and "http://127.0.0.1:9/rss.xml" in capsys.readouterr().out
    assert main(["feeds", "remove", "http://127.0.0.1:9/rss.xml"]) == 0
    assert main(["feeds", "remove", "http://127.0.0.1:9/rss.xml"]) == 1
    assert main(["feeds", "add", "gopher://x"]) == 2
    assert [f.url for f in load_config().feeds] == ["https://127.0.0.1:9/atom"]


def test_broken_feeds_toml_is_one_line_and_not_rewritten(dirs, capsys) -> None:
    feeds_file().parent.mkdir(parents=True, exist_ok=True)
    feeds_file().write_text("[[feed]\nurl = ", encoding="utf-8")
    assert main(["feeds", "add", "http://127.0.0.1:9/x"]) == 2
    err = capsys.readouterr().err
    assert "not valid TOML" in err and "fix it by hand" in err
    assert feeds_file().read_text(encoding="utf-8") == "[[feed]\nurl = "


def test_qari_url_opens_the_collection_on_that_article(site, dirs, capsys) -> None:
    _feeds_toml(interval=0)
    older = site.page("/old.html", 1)
    assert main(["fetch", "--no-analyze", older]) == 0
    url = site.page("/new.html", 2)
    args = argparse.Namespace(paths=[url, "extra.txt"])
    assert prepare_urls(args) is None
    files = collection_files()
    assert args.paths == files + ["extra.txt"] and len(files) == 2
    state = StateStore(paths.state_file()).load().state
    assert state.last_article and state.last_article.startswith("new-")
    # Asking for the older one again: it is opened even though it is not the newest file.
    args = argparse.Namespace(paths=[older])
    assert prepare_urls(args) is None
    assert StateStore(paths.state_file()).load().state.last_article.startswith("old-")


def test_qari_url_that_fails_does_not_open(site, dirs, capsys) -> None:
    _feeds_toml(interval=0)
    args = argparse.Namespace(paths=[site.url("/missing.html")])
    assert prepare_urls(args) == 1
    assert "HTTP 404 Not Found" in capsys.readouterr().err


def test_qari_url_offline_opens_the_stored_copy(site, dirs, capsys) -> None:
    # The stored copy is what is read afterwards: with the site down, `qari URL` says why it could
    # not fetch and opens what it stored before, instead of giving up.
    _feeds_toml(interval=0)
    url = site.page("/kept.html", 3)
    assert main(["fetch", "--no-analyze", url]) == 0
    stored = collection_files()
    site.route("/kept.html", b"down", status=503, content_type="text/plain")
    args = argparse.Namespace(paths=[url])
    assert prepare_urls(args) is None
    err = capsys.readouterr().err
    assert "HTTP 503" in err and "opening the copy stored on" in err
    assert args.paths == stored
    assert StateStore(paths.state_file()).load().state.last_article.startswith("kept-")
    # A page never fetched has no copy to fall back on.
    site.route("/never.html", b"down", status=503, content_type="text/plain")
    assert prepare_urls(argparse.Namespace(paths=[site.url("/never.html")])) == 1


def test_plain_qari_opens_the_collection_once_it_has_articles(site, dirs, monkeypatch) -> None:
    import tui.__main__ as entry
    import tui.cli

    opened: list[list[str]] = []
    monkeypatch.setattr(tui.cli, "run_reader", lambda args: opened.append(list(args.paths)) or 0)
    monkeypatch.setattr(entry, "_no_terminal", lambda args: None)
    assert main([]) == 0 and opened[-1] == []  # nothing fetched yet: the embedded corpus
    _feeds_toml(interval=0)
    assert main(["fetch", "--no-analyze", site.page("/a.html", 1)]) == 0
    assert main([]) == 0 and opened[-1] == collection_files() and len(opened[-1]) == 1
    assert main(["--embedded"]) == 0 and opened[-1] == []
