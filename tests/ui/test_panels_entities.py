"""Entities, Dates and Links panels driven through the reader with Pilot."""

from __future__ import annotations

import pytest

from tui.reader.panels import dates_panel
from tui.ui.dates_panel import DatesPanel
from tui.ui.entities_panel import EntitiesPanel
from tui.ui.links_panel import LinksPanel
from tui.ui.panel_host import PanelHost

from tests.ui._panel_helpers import ARTICLES, PRESENTATION, analyses, make_app, option_texts

SIZES = [(120, 40), (80, 24)]


def _contains_shaped(texts: list[str], logical: str) -> bool:
    from tui.ui.bidi_text import visual_inline

    shaped = visual_inline(logical).plain
    return any(shaped in t for t in texts)


@pytest.mark.parametrize("size", SIZES)
async def test_entities_panel_lists_people_shaped_with_counts(tmp_path, monkeypatch, size) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        await pilot.pause()
        host = app.query_one(PanelHost)
        assert host.display and host.current == "entities"
        assert host.has_class("-narrow") == (size[0] < 100)
        panel = app.query_one(EntitiesPanel)
        texts = option_texts(panel)
        assert texts[0] == "People"
        people = texts[1 : texts.index("Places")] if "Places" in texts else texts[1:]
        assert _contains_shaped(people, "فلاديمير بوتين") and _contains_shaped(people, "دونالد ترامب")
        # Shaped presentation forms on screen, never the logical letters.
        assert all(PRESENTATION.search(t) for t in people)
        assert not any("بوتين" in t for t in texts)
        an = analyses()[ARTICLES[app.index].id]
        putin = sum(1 for m in an.entities if m.name == "فلاديمير بوتين")
        assert any(t.strip().startswith(str(putin)) and _contains_shaped([t], "فلاديمير بوتين") for t in people)
        await pilot.press("e")
        assert not host.display


def _record_go_to(app) -> list[tuple]:
    """Every move the panels ask of the app (the app hands them its public ``go_to``)."""
    calls: list[tuple] = []
    host = app.panels
    assert host.go_to == app.go_to
    original = host.go_to

    def go_to(article_id, offset, end=None):
        calls.append((article_id, offset, end))
        return original(article_id, offset, end)

    host.go_to = go_to
    return calls


async def test_enter_on_entity_walks_through_its_mentions_and_flashes_each(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(2, save=False)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        panel = app.query_one(EntitiesPanel)
        assert panel.has_focus
        calls = _record_go_to(app)
        eid = panel.chosen
        spans = sorted((m.start, m.end) for m in analyses()[ARTICLES[2].id].entities if m.id == eid)
        assert len(spans) > 2
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        after_top = [s for s in spans if s[0] > 0][:2]
        assert calls == [(ARTICLES[2].id, s, e) for s, e in after_top]
        view = app.view
        assert view.flash == after_top[1]
        assert view.top_row == min(view.rows.row_of_offset(after_top[1][0]), view.max_scroll_y) > 0
        # Each jump is a history visit: backspace goes back to the first mention.
        await pilot.press("backspace")
        await pilot.pause()
        assert view.focus_offset == after_top[0][0]


async def test_highlighted_entity_is_stressed_in_the_view(tmp_path, monkeypatch) -> None:
    # ArticleView.set_emphasis is another module's; a recorder stands in for it here.
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        stressed: list[list[tuple[int, int]]] = []
        app.view.set_emphasis = lambda spans: stressed.append(sorted(spans))
        await pilot.press("e")
        await pilot.pause()
        panel = app.query_one(EntitiesPanel)
        an = analyses()[ARTICLES[app.index].id]

        def spans(eid):
            return sorted((m.start, m.end) for m in an.entities if m.id == eid)

        assert stressed[-1] == spans(panel.chosen) != []
        await pilot.press("down")
        await pilot.pause()
        assert stressed[-1] == spans(panel.chosen) != []
        await pilot.press("escape")
        await pilot.pause()
        assert stressed[-1] == []


@pytest.mark.parametrize("size", SIZES)
async def test_dates_panel_is_chronological_with_iso_values(tmp_path, monkeypatch, size) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        app.open_article(1, save=False)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        texts = option_texts(app.query_one(DatesPanel))
        items = dates_panel(analyses()[ARTICLES[1].id])
        assert len(texts) == len(items) >= 2
        isos = [t.split()[0] for t in texts]
        assert isos == [i.gregorian or "?" for i in items]
        known = [i for i in isos if i != "?"]
        assert known == sorted(known)
        assert any(PRESENTATION.search(t) for t in texts)


async def test_links_panel_shows_target_and_reason(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    an = analyses()
    aid, link = next((a.id, an[a.id].links[0]) for a in ARTICLES if an[a.id].links)
    index = [a.id for a in ARTICLES].index(aid)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(index, save=False)
        await pilot.pause()
        app.view.position = link.start
        await pilot.press("l")
        await pilot.pause()
        panel = app.query_one(LinksPanel)
        assert panel.items and panel.items[0].reason
        target = next(a for a in ARTICLES if a.id == panel.items[0].target_article_id)
        texts = option_texts(panel)
        assert PRESENTATION.search(texts[0]) and panel.items[0].target_title == (target.title or target.id)
        first = panel.items[0]
        calls = _record_go_to(app)
        await pilot.press("enter")
        await pilot.pause()
        assert calls == [(target.id, first.target_start, first.target_end)]
        assert ARTICLES[app.index].id == target.id
        assert app.view.flash == (first.target_start, first.target_end)


async def test_panels_wait_for_the_apps_analysis_and_never_run_their_own(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch, shared=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        panel = app.query_one(EntitiesPanel)
        assert option_texts(panel) == ["Analysing…"]
        assert not list(app.workers), "the panel host must not analyse the corpus itself"
        await pilot.press("slash")
        await pilot.pause()
        assert str(app.query_one("#search-count").render()) == ""
        await pilot.press("escape", "e")
        # The app's analysis worker finishing (stood in for here) replaces the analyses whole and
        # tells the panels: no polling, the open panel fills at once.
        app.set_analyses(analyses())
        await pilot.pause()
        texts = option_texts(panel)
        assert texts[0] == "People" and _contains_shaped(texts, "دونالد ترامب")
        assert app.query_one(PanelHost).search is not None


async def test_open_panel_follows_the_article_and_links_follow_the_passage(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    an = analyses()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        panel = app.query_one(EntitiesPanel)
        assert panel.data.article_id == ARTICLES[app.index].id
        await pilot.press("J")
        await pilot.pause()
        await pilot.pause()  # the panel follows a frame after the article paints
        assert panel.data.article_id == ARTICLES[app.index].id
        # Links: scrolling to a linked passage shows its links without reopening the panel.
        aid = next(a.id for a in ARTICLES if len({(l.start, l.target) for l in an[a.id].links}) > 1)
        app.open_article([a.id for a in ARTICLES].index(aid), save=False)
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        links = app.query_one(LinksPanel)
        view = app.view
        view.finish_layout()
        # A linked passage the view can bring to the top (the last ones may sit below the last page).
        link = next(l for l in sorted(an[aid].links, key=lambda l: -l.start)
                    if view.rows.row_of_offset(l.start) <= view.max_scroll_y and l.start > 0)
        view.scroll_to_offset(link.start)
        await pilot.pause()
        assert view.position <= link.start
        assert any(it.target_article_id == link.target and it.target_start == link.target_start for it in links.items)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("key, panel_type", [("e", EntitiesPanel), ("d", DatesPanel), ("l", LinksPanel)])
async def test_panel_lines_fit_the_panel_so_nothing_wraps(tmp_path, monkeypatch, size, key, panel_type) -> None:
    # A wrapped visual line would show its logical end first; every prompt line must fit.
    from rich.cells import cell_len

    app = make_app(tmp_path, monkeypatch)
    an = analyses()
    # An article with links and several dates, so that every panel has lines to measure.
    index = next(i for i, a in enumerate(ARTICLES) if an[a.id].links and len(an[a.id].dates) > 1)
    async with app.run_test(size=size) as pilot:
        app.open_article(index, save=False)
        await pilot.pause()
        app.view.position = an[ARTICLES[index].id].links[0].start
        await pilot.press(key)
        await pilot.pause()
        panel = app.query_one(panel_type)
        width = panel.scrollable_content_region.width
        lines = [line for t in option_texts(panel) for line in t.split("\n")]
        assert len(lines) > 1
        assert max(cell_len(line) for line in lines) <= width


async def test_escape_closes_a_panel_and_returns_to_the_article(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        host = app.query_one(PanelHost)
        assert host.display and app.query_one(DatesPanel).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert not host.display and host.current is None and app.view.has_focus


async def test_tab_reaches_the_open_panel(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        panel = app.query_one(LinksPanel)
        assert panel.has_focus
        await pilot.press("tab")
        assert not panel.has_focus
        for _ in range(4):
            await pilot.press("tab")
            if panel.has_focus:
                break
        assert panel.has_focus


async def test_analysis_for_an_article_added_later_is_picked_up(tmp_path, monkeypatch) -> None:
    # A background load adds articles; the app's next run replaces app.analyses with one that has them.
    app = make_app(tmp_path, monkeypatch, shared=False)
    full = analyses()
    app.analyses = {aid: an for aid, an in full.items() if aid != ARTICLES[0].id}
    async with app.run_test(size=(120, 40)) as pilot:
        assert ARTICLES[app.index].id == ARTICLES[0].id
        await pilot.press("d")
        await pilot.pause()
        panel = app.query_one(DatesPanel)
        assert option_texts(panel) == ["Analysing…"]
        app.set_analyses(full)
        await pilot.pause()
        texts = option_texts(panel)
        dates = full[ARTICLES[0].id].dates
        assert texts != ["Analysing…"] and len(texts) == len(dates)
        assert texts[0].startswith(dates[0].gregorian or "?")


@pytest.mark.parametrize("key", ["e", "slash"])
async def test_a_failed_analysis_is_said_in_one_line_not_analysing_forever(tmp_path, monkeypatch, key) -> None:
    import tui.analysis.pipeline as pipeline

    def broken(*_args, **_kwargs):
        raise ValueError("the cache is\n[red]broken[/red]")

    monkeypatch.setattr(pipeline, "analyze_corpus", broken)
    app = make_app(tmp_path, monkeypatch, shared=False)
    app.analyze = True
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if key == "e":
            said = option_texts(app.query_one(EntitiesPanel))
        else:
            await pilot.press(*"x")
            await pilot.pause()
            said = [str(app.query_one("#search-count").render())]
        assert said == ["Analysis failed: the cache is [red]broken[/red]"]
        assert app.session.analysis_failure == "the cache is [red]broken[/red]"
        # and the toast says it too
        assert any("Analysis failed" in n.message for n in app._notifications)
