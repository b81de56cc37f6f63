"""Analysis in the reader: highlights on exactly the mentioned letters, linked passages, history."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.store.cache import AnalysisCache
from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.ui.article_view import GUTTER, LINK_MARK, RELATED_MARK, ArticleView
from tui.corpus.startup import load

CORPUS = load([])
IDS = [a.id for a in CORPUS.articles]
PUTIN = "بوتين"


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> QariApp:
    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cache"))
    return QariApp(CORPUS.articles, CORPUS.skipped, store=StateStore(tmp_path / "state.json"),
                   keymap_path=tmp_path / "none.toml", theme="qari-dark", analyze=True,
                   analysis_cache=AnalysisCache(tmp_path / "cache" / "a.sqlite3"))


async def analysed(app: QariApp, pilot) -> ArticleView:
    # The worker starts after the first refresh, so it may not exist yet when we first look.
    for _ in range(200):
        if app.analyses:
            break
        await app.workers.wait_for_complete()
        await pilot.pause()
    view = app.view
    assert view.analysis is not None, "the worker finished but the view got no analysis"
    return view


def cell_styles(strip) -> list:
    cells = []
    for seg in strip:
        cells.extend([seg.style] * seg.cell_length)
    return cells


def line_and_row(view: ArticleView, offset: int):
    rows = view.rows
    p = rows.paragraph_of_offset(offset)
    for k, line in enumerate(rows.layout.paragraph(p).lines):
        if line.start <= offset < line.end:
            return line, rows.cum[p] + k
    raise AssertionError(f"no line holds offset {offset}")


def mention_cells(view: ArticleView, line, start: int, end: int) -> set[int]:
    width = view.scrollable_content_region.width
    left = max(0, (width - view.rows.width - 2 * GUTTER) // 2) + GUTTER
    cells = set()
    for i in line.clusters_in(start, end):
        x = left + line.cell_of(i)
        cells.update(range(x, x + line.widths[i]))
    return cells


async def test_mention_is_styled_on_exactly_its_cells_and_H_turns_it_off(app: QariApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        view = await analysed(app, pilot)
        assert view.article.id == IDS[0]
        m = next(m for m in view.analysis.entities if m.text.endswith(PUTIN))
        assert m.type == "PER"
        line, row = line_and_row(view, m.start)
        assert line.end >= m.end, "test expects the mention on one line"
        y = row - view.top_row
        assert 0 <= y < view.scrollable_content_region.height
        person = view.get_component_rich_style("article--person", partial=True)
        assert person.bold and person.color is not None
        cells = cell_styles(view.render_line(y))
        want = mention_cells(view, line, m.start, m.end)
        assert want
        # Every cell of the mention has the person style; no other text cell of the line does,
        # except cells of other person mentions on the same line.
        others = set()
        for o in view.analysis.entities:
            if o is not m and o.type == "PER" and o.start < line.end and o.end > line.start:
                others |= mention_cells(view, line, o.start, o.end)
        for x, style in enumerate(cells):
            styled = bool(style and style.bold and style.color == person.color)
            if x in want:
                assert styled, f"cell {x} of the mention lacks the person style"
            elif x not in others:
                assert not styled, f"cell {x} outside the mention has the person style"

        await pilot.press("H")
        assert not view.highlight
        cells = cell_styles(view.render_line(y))
        assert not any(s and s.bold and s.color == person.color for s in cells)
        await pilot.press("H")
        assert any(cells_style.bold for x, cells_style in enumerate(cell_styles(view.render_line(y))) if x in want)


async def test_linked_passage_follow_back_and_forward(app: QariApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await analysed(app, pilot)
        source = next(i for i, aid in enumerate(IDS) if app.analyses[aid].links)
        app.open_article(source, save=False)
        await pilot.pause()
        view = app.view
        analysis = view.analysis
        linked_starts = sorted({p.start for p in analysis.passages if any(p.start <= l.start < p.end for l in analysis.links)})

        # From the top of the article, ] goes to the first linked passage after the one at the
        # top (the first passage itself, when it has links, is where the reader already is).
        want = next(s for s in linked_starts if s > 0)
        await pilot.press("right_square_bracket")
        assert view.cursor == want
        assert view.flash is not None and view.flash[0] == want
        linked_starts = [want]
        status = view.passage_status()
        assert status.links > 0 and f"{status.links} link" in app.query_one("#header").info
        # The gutter glyph sits beside the linked passage's first line.
        _, row = line_and_row(view, linked_starts[0])
        # ◆ for a passage with a strong link (the same event or fact), ◇ for topic links only.
        strong = any(l.strength == "strong" for l in analysis.links if want <= l.start < want + 1_000_000 and
                     view.navigator.passage_at(l.start)[1].start == want)
        assert (LINK_MARK if strong else RELATED_MARK) in view.render_line(row - view.top_row).text
        if len(linked_starts) > 1:
            await pilot.press("right_square_bracket")
            assert view.cursor == linked_starts[1]
            await pilot.press("left_square_bracket")
            assert view.cursor == linked_starts[0]

        here = view.focus_offset
        link = view.links_here()[0]
        await pilot.press("enter")
        await pilot.pause()
        assert view.article.id == link.target != IDS[source]
        assert view.position == link.target_start
        assert view.flash == (link.target_start, link.target_end)
        # The flashed target is drawn reversed.
        line, row = line_and_row(view, link.target_start)
        cells = cell_styles(view.render_line(row - view.top_row))
        flashed = mention_cells(view, line, link.target_start, link.target_end)
        assert flashed and all(cells[x].reverse for x in flashed)

        await pilot.press("backspace")
        await pilot.pause()
        assert view.article.id == IDS[source]
        assert view.position == here
        assert app.index == source

        await pilot.press("alt+right")
        await pilot.pause()
        assert view.article.id == link.target
        assert view.position == link.target_start

        await pilot.press("alt+left")
        await pilot.pause()
        assert view.article.id == IDS[source]


async def test_keys_do_nothing_harmful_before_analysis(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cache"))
    app = QariApp(CORPUS.articles, CORPUS.skipped, store=StateStore(tmp_path / "state.json"),
                  keymap_path=tmp_path / "none.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.view
        start = (view.article.id, view.position)
        await pilot.press("right_square_bracket", "left_square_bracket", "enter", "backspace", "alt+right", "H")
        await pilot.pause()
        assert (view.article.id, view.position) == start
        assert view.analysis is None


async def test_status_percent_after_following_a_link_under_the_narrow_overlay(app: QariApp) -> None:
    # At 80 columns the Links panel covers the article, so the view has no layout when the
    # link is followed; the status line must still say where the reader is, not "100%".
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(app, pilot)
        long_id = max(CORPUS.articles, key=lambda a: len(a.text)).id
        text = next(a.text for a in CORPUS.articles if a.id == long_id)
        await pilot.press("l")
        await pilot.pause()
        assert app.view.rows is None or app.view.percent < 100
        offset = len(text) // 5
        app.go_to(long_id, offset)
        await pilot.pause()
        assert 5 <= app.view.percent <= 40


async def test_back_to_a_passage_near_the_end_stays_there_when_a_panel_narrows_the_column(app: QariApp) -> None:
    # Found by benchmarks/follow_search.py: back to the last linked passage of an article, then `l`:
    # the docked panel narrows the column, the clamped scroll rewrote the reading position to the
    # top line — an earlier passage — and the Links panel said "No links from this passage".
    async with app.run_test(size=(120, 40)) as pilot:
        view = await analysed(app, pilot)
        await pilot.press("J")
        await pilot.pause()
        view = app.view
        for _ in range(60):
            before = view.focus_offset
            await pilot.press("right_square_bracket")
            await pilot.pause()
            if view.focus_offset == before:
                break
        start = view.focus_offset
        assert [l for l in view.analysis.links if l.start == start], "the last linked passage has links"
        await pilot.press("enter")
        await pilot.pause()
        assert app.view.article.id != IDS[1]
        await pilot.press("backspace")
        await pilot.pause()
        assert app.view.article.id == IDS[1]
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        assert app.view.focus_offset == start


async def test_strong_only_toggle_makes_brackets_skip_topic_links(app: QariApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await analysed(app, pilot)
        # An article with both kinds of linked passages: ] walks all of them, then (after L)
        # only those with a strong link, and the status line counts the strong ones.
        def kinds(aid):
            an = app.analyses[aid]
            strong = {p.start for p in an.passages if any(p.start <= l.start < p.end and l.strength == "strong" for l in an.links)}
            every = {p.start for p in an.passages if any(p.start <= l.start < p.end for l in an.links)}
            return sorted(strong), sorted(every)

        source = next(i for i, aid in enumerate(IDS) if kinds(aid)[0] and len(kinds(aid)[1]) > len(kinds(aid)[0]))
        strong, every = kinds(IDS[source])
        app.open_article(source, save=False)
        await pilot.pause()
        view = app.view
        visited_all = []
        for _ in range(len(every)):
            await pilot.press("right_square_bracket")
            visited_all.append(view.cursor)
        assert set(visited_all) | {0} >= set(every) - {0}
        await pilot.press("g")
        view.cursor = None
        await pilot.press("L")
        assert view.strong_links_only
        visited = []
        for _ in range(len(strong) + 1):
            await pilot.press("right_square_bracket")
            if view.cursor is not None and view.cursor not in visited:
                visited.append(view.cursor)
        assert set(visited) <= set(strong) and visited, "strong-only ] stops only at passages with a strong link"
        status = view.passage_status()
        assert status.strong > 0 and f"({status.strong} strong)" in app.query_one("#header").info
        await pilot.press("L")
        assert not view.strong_links_only
