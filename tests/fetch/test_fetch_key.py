"""``F`` in the reader: the feeds are fetched in a worker, the new articles come first."""

from __future__ import annotations

from pathlib import Path

from tests.fetch._site import rss
from tui.corpus.load import load_paths
from tui.fetch.feeds import feeds_file
from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.ui.fetch_feeds import FetchProgress


def _write_feeds(url: str) -> None:
    feeds_file().parent.mkdir(parents=True, exist_ok=True)
    feeds_file().write_text(f'[[feed]]\nurl = "{url}"\n[fetch]\nper_host_interval = 0\n', encoding="utf-8")


def _app(tmp_path: Path, articles) -> QariApp:
    return QariApp(articles, [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml")


async def test_f_fetches_and_puts_new_articles_first(site, dirs, tmp_path) -> None:
    hostile = "\x1b[2J<b>عاجل</b>"
    urls = [site.page(f"/n/{k}.html", k) for k in range(2)]
    gone = site.url("/gone.html")
    _write_feeds(site.route("/rss.xml", rss([(hostile, u) for u in urls + [gone]]), content_type="application/rss+xml"))
    mine = tmp_path / "mine.txt"
    mine.write_text("مقالتي\nنص مقالتي القديمة التي كانت في القائمة قبل الجلب.\n", encoding="utf-8")
    articles = load_paths([mine]).articles
    app = _app(tmp_path, articles)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("F")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert not app.query(FetchProgress) and not app.fetching
        assert [a.url for a in app.articles[:2]] and {a.url for a in app.articles[:2]} == set(urls)
        assert app.articles[2].path == str(mine)
        # The article being read stays open and selected after the list changed under it.
        assert app.index == 2 and app.view.article.path == str(mine)
        assert app.sidebar.highlighted == app.sidebar.get_option_index("a2")
        shown = [str(n.message) for n in app._notifications]
        assert f"Feeds: 2 new, 1 failed — {gone}: HTTP 404 Not Found" in shown
        # Pressed again: nothing new, nothing duplicated.
        await pilot.press("F")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.articles) == 3


async def test_f_without_feeds_says_how_to_add_them(dirs, tmp_path) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("مقالتي\nنص.\n", encoding="utf-8")
    app = _app(tmp_path, load_paths([mine]).articles)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("F")
        await pilot.pause()
        assert any("No feeds yet: qari feeds add URL" in str(n.message) for n in app._notifications)
        assert not app.fetching


async def test_progress_line_is_sanitised(dirs, tmp_path) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("مقالتي\nنص.\n", encoding="utf-8")
    app = _app(tmp_path, load_paths([mine]).articles)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = FetchProgress()
        await app.query_one("#body").mount(bar)
        bar.show_step(1, 4, "new: \x1b[2Jعنوان\x9b")
        await pilot.pause()
        text = str(bar.render())
        assert "\x1b" not in text and "\x9b" not in text and "fetched 1 / 4" in text and "␛[2J" in text
