"""Keyboard paths through the panels to other articles, and back: the entity's corpus view, the
corpus timeline, the second link of a passage. Every jump is a history visit."""

from __future__ import annotations

import pytest

from tests.ui._panel_helpers import ARTICLES, PRESENTATION, analyses, option_texts
from tui.reader.panels import corpus_timeline, entity_corpus_view
from tui.ui.dates_panel import DatesPanel
from tui.ui.entities_panel import EntitiesPanel
from tui.ui.links_panel import CONFLICT, LinksPanel
from tui.ui.panel_host import PanelHost
from tui.ui.panel_list import Target

SIZES = [(120, 40), (80, 24)]
PUTIN = "PER:vladimir_putin"


async def _press_until(pilot, key: str, done, limit: int = 200) -> None:
    for _ in range(limit):
        if done():
            return
        await pilot.press(key)
    assert done(), f"pressing {key!r} {limit} times did not get there"


def _row_on_screen(view, offset: int) -> int:
    return min(view.rows.row_of_offset(offset), view.max_scroll_y)


async def _enter_arrives_and_backspace_returns(pilot, target: Target, source: str, here: int) -> None:
    """enter opens ``target`` (on screen, flashed); backspace comes back to ``source`` at ``here``."""
    view = pilot.app.view
    await pilot.press("enter")
    await pilot.pause()
    assert view.article.id == target.article_id != source
    assert view.flash == (target.start, target.end)
    assert view.top_row == _row_on_screen(view, target.start)
    await pilot.press("backspace")
    await pilot.pause()
    assert view.article.id == source and view.focus_offset == here


@pytest.mark.parametrize("size", SIZES)
async def test_entity_corpus_view_opens_another_article_at_the_mention_and_back(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        app.open_article(1, save=False)
        await pilot.pause()
        source = ARTICLES[1].id
        view = app.view
        start = view.focus_offset
        await pilot.press("e")
        panel = app.query_one(EntitiesPanel)
        await _press_until(pilot, "down", lambda: panel.chosen == PUTIN)
        await pilot.press("c")
        await pilot.pause()
        assert panel.corpus and panel.border_title == "Entity in the corpus"
        assert "c this article" in panel.border_subtitle
        found = entity_corpus_view(PUTIN, analyses(), ARTICLES)
        assert len(found) >= 3
        assert [v for v in panel.values if v is not None] == [Target(f.article_id, f.first_offset, f.first_end) for f in found]
        texts = option_texts(panel)
        # One heading, then per article: count and shaped title, shaped snippet around the mention.
        assert len(texts) == 1 + len(found)
        for f, text in zip(found, texts[1:]):
            title, snippet = text.split("\n")
            assert title.strip().lstrip("›").split()[0] == str(f.count)
            assert PRESENTATION.search(title) and PRESENTATION.search(snippet)
        await _press_until(pilot, "down", lambda: panel.chosen.article_id not in (source, found[0].article_id))
        host = app.query_one(PanelHost)
        target = panel.chosen
        await _enter_arrives_and_backspace_returns(pilot, target, source, start)
        assert host.display == (size[0] >= 100)  # the overlay got out of the way
        assert panel.corpus and panel.chosen == target  # the list kept the reader's place


async def test_c_needs_an_entity_and_coming_back_keeps_it_chosen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        panel = app.query_one(EntitiesPanel)
        await pilot.press("down", "down")
        chosen = panel.chosen
        assert isinstance(chosen, str)
        await pilot.press("c")
        await pilot.pause()
        assert panel.corpus and panel.entity_id == chosen
        await pilot.press("c")
        await pilot.pause()
        assert not panel.corpus and panel.chosen == chosen
        panel.highlighted = None
        await pilot.press("c")
        await pilot.pause()
        assert not panel.corpus


@pytest.mark.parametrize("size", SIZES)
async def test_timeline_lists_every_dated_passage_and_opens_one(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        source = ARTICLES[app.index].id
        view = app.view
        start = view.focus_offset
        await pilot.press("d")
        panel = app.query_one(DatesPanel)
        await pilot.press("c")
        await pilot.pause()
        assert panel.corpus and panel.border_title == "Timeline"
        timeline = corpus_timeline(analyses(), ARTICLES)
        assert len({t.article_id for t in timeline}) == len(ARTICLES)
        assert [v for v in panel.values if v is not None] == [Target(t.article_id, t.start, t.end) for t in timeline]
        texts = option_texts(panel)[1:]
        isos = [t.split("\n")[0][1:].split()[0] for t in texts]
        assert isos == [t.gregorian for t in timeline] == sorted(isos)
        # The open article's passages carry the mark; the others do not.
        assert [t.startswith("›") for t in texts] == [t.article_id == source for t in timeline]
        # It opens at the open article's first dated passage.
        mine = next(t for t in timeline if t.article_id == source)
        assert panel.chosen == Target(source, mine.start, mine.end)
        later = any(t.article_id != source for t in timeline[timeline.index(mine):])
        await _press_until(pilot, "down" if later else "up", lambda: panel.chosen.article_id != source)
        await _enter_arrives_and_backspace_returns(pilot, panel.chosen, source, start)


async def test_hijri_date_shows_its_gregorian_value_and_its_hijri_value(make_app) -> None:
    app = make_app()
    aid, hijri = next((a.id, d) for a in ARTICLES for d in analyses()[a.id].dates if d.calendar == "hijri" and d.gregorian)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article([a.id for a in ARTICLES].index(aid), save=False)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        texts = option_texts(app.query_one(DatesPanel))
        row = next(t for t in texts if f"hijri {hijri.value}" in t)
        assert row.startswith(hijri.gregorian) and PRESENTATION.search(row)


@pytest.mark.parametrize("size", SIZES)
async def test_choose_the_second_link_follow_it_and_come_back(make_app, size) -> None:
    app = make_app()
    an = analyses()
    index = next(i for i, a in enumerate(ARTICLES) if len({l.start for l in an[a.id].links}) < len(an[a.id].links))
    source = ARTICLES[index].id
    async with app.run_test(size=size) as pilot:
        app.open_article(index, save=False)
        await pilot.pause()
        view = app.view
        # Keyboard only: ] walks the passages that have links until one has two or more.
        await _press_until(pilot, "right_square_bracket", lambda: len(view.links_here()) >= 2, limit=40)
        here = view.focus_offset
        await pilot.press("l")
        await pilot.pause()
        panel = app.query_one(LinksPanel)
        assert len(panel.items) >= 2 and panel.highlighted == 0
        await pilot.press("down")
        assert panel.highlighted == 1
        second = panel.items[1]
        target = Target(second.target_article_id, second.target_start, second.target_end)
        await _enter_arrives_and_backspace_returns(pilot, target, source, here)


async def test_a_conflicting_link_is_marked_without_colour(make_app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    an = analyses()
    aid, link = next((a.id, l) for a in ARTICLES for l in an[a.id].links if l.conflict)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article([a.id for a in ARTICLES].index(aid), save=False)
        await pilot.pause()
        app.view.set_flash((link.start, link.end))  # the reader at the linked passage
        await pilot.press("l")
        await pilot.pause()
        panel = app.query_one(LinksPanel)
        texts = option_texts(panel)
        marked = [t for t, it in zip(texts, panel.items) if it.conflict]
        plain = [t for t, it in zip(texts, panel.items) if not it.conflict]
        assert marked
        for text in marked:
            lines = text.split("\n")
            # The conflict has its own line, marked in the first column: no colour needed.
            assert any(l.startswith(CONFLICT) and "≠" in l for l in lines[1:])
            assert PRESENTATION.search(lines[0])
        assert all(CONFLICT not in t for t in plain)
        # Without colour the chosen link is still told apart: underlined, and only it.
        assert app.screen.has_class("-no-color") and panel.highlighted == 0
        rows = [panel.render_line(y) for y in range(panel.scrollable_content_region.height)]
        chosen = len(texts[0].split("\n"))  # title, strength, reason lines, (conflict,) snippet
        assert all(seg.style.underline for row in rows[:chosen] for seg in row if seg.text.strip())
        assert not any(seg.style.underline for row in rows[chosen:] for seg in row if seg.text.strip())


async def test_a_date_note_naming_arabic_weekdays_is_shaped(make_app) -> None:
    from tui.analysis.model import ArticleAnalysis, DateMention

    app = make_app(shared=False)
    aid = ARTICLES[0].id
    note = "weekday mismatch: الجمعة written, 2025-12-04 is الخميس"
    app.analyses = {aid: ArticleAnalysis(aid, dates=[DateMention(0, 4, "x", "2025-12-04", "gregorian", "2025-12-04",
                                                                 note=note)])}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        row = option_texts(app.query_one(DatesPanel))[0]
        second = row.split("\n")[1]
        assert second.strip().startswith("weekday mismatch:") and PRESENTATION.search(second)
        assert "الجمعة" not in second
