"""Entities, Dates and Links panels driven through the reader with Pilot."""

from __future__ import annotations

import pytest

from tui.analysis.panels import dates_panel
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


async def test_enter_on_entity_jumps_to_its_next_mention(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app._open(2, save=False)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        panel = app.query_one(EntitiesPanel)
        assert panel.has_focus
        jumps: list[EntitiesPanel.JumpTo] = []
        original = app.query_one(PanelHost).goto
        app.query_one(PanelHost).goto = lambda aid, off: (jumps.append((aid, off)), original(aid, off))
        eid = panel.get_option_at_index(panel.highlighted).id[4:]
        starts = sorted(m.start for m in analyses()[ARTICLES[2].id].entities if m.id == eid)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [o for _, o in jumps] == [s for s in starts if s > 0][:2]
        view = app.view
        assert view.top_row == min(view.rows.row_of_offset(starts[1]), view.max_scroll_y)
        assert view.top_row > 0


@pytest.mark.parametrize("size", SIZES)
async def test_dates_panel_is_chronological_with_iso_values(tmp_path, monkeypatch, size) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        app._open(1, save=False)
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
        app._open(index, save=False)
        await pilot.pause()
        app.view.position = link.start
        await pilot.press("l")
        await pilot.pause()
        panel = app.query_one(LinksPanel)
        assert panel.items and panel.items[0].reason
        target = next(a for a in ARTICLES if a.id == panel.items[0].target_article_id)
        texts = option_texts(panel)
        assert PRESENTATION.search(texts[0]) and panel.items[0].target_title == (target.title or target.id)
        link_start = panel.items[0].target_start
        follows: list = []
        host = app.query_one(PanelHost)
        original = host.goto
        host.goto = lambda a, o, *rest: (follows.append((a, o)), original(a, o, *rest))
        await pilot.press("enter")
        await pilot.pause()
        assert follows == [(target.id, link_start)]
        assert ARTICLES[app.index].id == target.id


async def test_panel_analyses_the_corpus_itself_when_the_app_has_none(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch, shared=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = option_texts(app.query_one(EntitiesPanel))
        assert texts[0] == "People" and _contains_shaped(texts, "دونالد ترامب")


async def test_open_panel_follows_the_article_and_links_follow_the_passage(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    an = analyses()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        panel = app.query_one(EntitiesPanel)
        assert panel.article_id == ARTICLES[app.index].id
        await pilot.press("J")
        await pilot.pause()
        assert panel.article_id == ARTICLES[app.index].id
        # Links: scrolling to a linked passage shows its links without reopening the panel.
        aid = next(a.id for a in ARTICLES if len({(l.start, l.target) for l in an[a.id].links}) > 1)
        app._open([a.id for a in ARTICLES].index(aid), save=False)
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
    index = next(i for i, a in enumerate(ARTICLES) if an[a.id].links)
    async with app.run_test(size=size) as pilot:
        app._open(index, save=False)
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
