"""Search as in less and vim: enter hands the keys back to the article, esc keeps the query, n/N go
on into the next article with hits (a history visit each), the status line says where, keys typed
after "/" reach the prompt however fast they come."""

from __future__ import annotations

import pytest
from textual import events

from tui.ui.header import ArticleHeader
from tui.ui.panel_host import PanelHost
from tui.ui.search_prompt import SearchPrompt
from tui.ui.shaped_input import ShapedInput

from tests.ui._panel_helpers import ARTICLES, make_app

# 8 hits in the corpus: 2 in the first article, then 2, 1 and 3 (the example).
QUERY = "الرياض"


def per_article(app) -> list[tuple[str, int]]:
    return app.query_one(PanelHost).search.hits_per_article(QUERY)


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await pilot.pause()


async def _search(pilot, query: str) -> None:
    await pilot.press("slash")
    await _type(pilot, query)
    await pilot.press("enter")
    await pilot.pause()


def info(app) -> str:
    return app.query_one(ArticleHeader).info


async def burst(pilot, keys: list[tuple[str, str | None]]) -> None:
    """Keys queued all at once, as a terminal delivers a paste typed out or a burst over SSH
    (Pilot's ``press`` waits for the app to idle after each key, which hides the race)."""
    app = pilot.app
    for key, char in keys:
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


def typed(text: str) -> list[tuple[str, str | None]]:
    return [("slash", "/") if c == "/" else (c, c) for c in text]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_enter_gives_the_keys_back_to_the_article_so_n_steps(tmp_path, monkeypatch, size) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await _search(pilot, QUERY)
        host = app.query_one(PanelHost)
        prompt = app.query_one(SearchPrompt)
        assert app.focused is app.view
        # Docked at 120 columns the results stay beside the text; over it at 80 they go.
        assert host.display == (size[0] >= 100)
        assert host.cursor.index == 0 and app.view.flash == host.cursor.spans[0]
        await pilot.press("n")
        await pilot.pause()
        assert prompt.value == QUERY  # n was not typed into the query
        assert host.cursor.index == 1 and app.view.flash == host.cursor.spans[1]
        assert "hit 2/8 · article 1/4" in info(app)


async def test_escape_keeps_the_typed_query_for_n_and_N(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await _type(pilot, QUERY)
        await pilot.press("escape")  # no enter: the hits were counted while typing
        await pilot.pause()
        host = app.query_one(PanelHost)
        assert not host.display and app.focused is app.view
        await pilot.press("n")
        await pilot.pause()
        assert host.cursor.spans and app.view.flash == host.cursor.spans[0]
        assert "hit 1/8" in info(app)
        # / again shows the last query, selected: enter searches it again, typing replaces it.
        await pilot.press("slash")
        await pilot.pause()
        field = app.query_one("#search-input", ShapedInput)
        assert field.value == QUERY and field.selected_text == QUERY
        await _type(pilot, "موسكو")
        assert field.value == "موسكو"


async def test_n_and_N_go_on_into_the_articles_with_hits_and_wrap(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    notices: list[str] = []
    notify = app.notify
    monkeypatch.setattr(app, "notify", lambda message, *a, **k: (notices.append(message), notify(message, *a, **k)))
    async with app.run_test(size=(120, 40)) as pilot:
        await _search(pilot, QUERY)
        per = per_article(app)
        assert [n for _, n in per] == [2, 2, 1, 3] and ARTICLES[app.index].id == per[0][0]
        assert "hit 1/8 · article 1/4" in info(app)
        await pilot.press("n", "n")  # past this article's 2 hits: into the next article with hits
        await pilot.pause()
        host = app.query_one(PanelHost)
        assert ARTICLES[app.index].id == per[1][0]
        assert app.view.flash == host.cursor.spans[0]
        assert "hit 3/8 · article 2/4" in info(app)
        # The panel follows: its count is the new article's.
        assert app.query_one(SearchPrompt).count(QUERY)[0] == per[1][1]
        # The jump was a history visit.
        await pilot.press("backspace")
        await pilot.pause()
        assert ARTICLES[app.index].id == per[0][0]
        await pilot.press("alt+right")
        await pilot.pause()
        for _ in range(5):  # hits 4..8
            await pilot.press("n")
        await pilot.pause()
        assert ARTICLES[app.index].id == per[3][0] and "hit 8/8 · article 4/4" in info(app)
        assert not any("wrapped" in n for n in notices)
        await pilot.press("n")
        await pilot.pause()
        assert ARTICLES[app.index].id == per[0][0] and "hit 1/8 · article 1/4" in info(app)
        assert any("wrapped to the first article" in n for n in notices)
        await pilot.press("N")  # back over the start: the last hit of the last article
        await pilot.pause()
        assert ARTICLES[app.index].id == per[3][0] and "hit 8/8 · article 4/4" in info(app)
        assert app.view.flash == host.cursor.spans[-1]
        assert any("wrapped to the last article" in n for n in notices)


async def test_n_after_leaving_the_article_steps_through_the_new_ones_hits(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await _search(pilot, QUERY)
        await pilot.press("escape")
        per = dict(per_article(app))
        target = next(i for i, a in enumerate(ARTICLES) if per.get(a.id) == 3)
        app.open_article(target, save=False)
        await pilot.pause()
        assert "hit " not in info(app)  # not at a hit of this article yet
        await pilot.press("n")
        await pilot.pause()
        host = app.query_one(PanelHost)
        text = ARTICLES[target].text
        assert app.index == target and host.cursor.article_id == ARTICLES[target].id
        s, e = app.view.flash
        assert text[s:e] == QUERY


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_keys_queued_behind_slash_are_typed_into_the_prompt(tmp_path, monkeypatch, size) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        theme = app.theme
        await burst(pilot, typed("/putin"))
        prompt = app.query_one(SearchPrompt)
        assert prompt.value == "putin"
        assert app.theme == theme  # "t" did not switch the theme
        assert app.focused is app.query_one("#search-input")
        # The same burst with enter behind it searches.
        await pilot.press("escape")
        await burst(pilot, typed("/") + [("enter", "\r")])
        host = app.query_one(PanelHost)
        assert host.query_text == "putin" and host.cursor.index == 0


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_keys_queued_behind_enter_go_to_the_article(tmp_path, monkeypatch, size) -> None:
    # What xdotool or a slow SSH link delivers: the n's arrive before enter has been handled.
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await burst(pilot, typed("/" + QUERY) + [("enter", "\r")] + typed("nn"))
        await pilot.pause()
        host = app.query_one(PanelHost)
        assert host.query_text == QUERY and app.query_one(SearchPrompt).value == QUERY
        assert app.focused is app.view
        assert "hit 3/8 · article 2/4" in info(app)


async def test_slash_in_a_field_is_typed_not_a_new_search(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, typed("/2025/02"))
        assert app.query_one(SearchPrompt).value == "2025/02"


@pytest.mark.parametrize("text, submitted", [("/putin", False), ("putin\n", True), ("/بوتين\r", True)])
async def test_a_paste_outside_a_field_is_a_search(tmp_path, monkeypatch, text, submitted) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        theme = app.theme
        app.post_message(events.Paste(text))  # a bracketed paste, as the driver posts it
        await pilot.pause()
        await pilot.pause()
        query = text.strip().lstrip("/")
        prompt = app.query_one(SearchPrompt)
        host = app.query_one(PanelHost)
        assert prompt.value == query and app.theme == theme
        assert (host.query_text == query and host.cursor.index == 0) == submitted
        assert (app.focused is app.view) == submitted
