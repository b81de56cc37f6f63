"""Sidebar sort and filter, the raw/repaired toggle and background loading, driven through Pilot."""

from __future__ import annotations

import gc
from pathlib import Path

from tui.store.state import StateStore
from tui.text.normalize import normalize
from tui.ui.app import QariApp
from tui.ui.article_view import ArticleView
from tui.corpus.startup import load, start
from tui.ui.filter_prompt import FilterPrompt
from tui.ui.progress import AnalysisProgress, LoadProgress, analysis_text, progress_text
from tui.ui.sidebar import Sidebar

CORPUS = load([])


def make_app(tmp_path: Path, articles=None, skipped=None) -> QariApp:
    return QariApp(CORPUS.articles if articles is None else articles, CORPUS.skipped if skipped is None else skipped,
                   store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml")


def index_of(prefix: str) -> int:
    return next(i for i, a in enumerate(CORPUS.articles) if a.id.startswith(prefix))


def screen_rows(view: ArticleView) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


async def test_sort_by_date_puts_older_article_after_newer_and_keeps_selection(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        sidebar = app.query_one(Sidebar)
        app.open_article(index_of("004"), save=False)
        await pilot.press("o")
        assert sidebar.sort == "date"
        order = sidebar.order
        assert order.index(index_of("001")) < order.index(index_of("003"))  # 2025-12-05 before 2025-05-07
        dated = [CORPUS.articles[i].date for i in order if CORPUS.articles[i].date]
        assert dated == sorted(dated, reverse=True)
        assert sidebar.get_option_at_index(sidebar.highlighted).id == f"a{index_of('004')}"
        for _ in range(3):
            await pilot.press("o")
        assert sidebar.sort == "corpus" and sidebar.order == list(range(len(CORPUS.articles)))


async def test_filter_matches_forms_and_escape_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    expected = [i for i, a in enumerate(CORPUS.articles) if "ترامب" in normalize(f"{a.title} {a.source or ''}")]
    assert 0 < len(expected) < len(CORPUS.articles)
    async with app.run_test(size=(120, 30)) as pilot:
        sidebar = app.query_one(Sidebar)
        await pilot.press("f")
        prompt = app.query_one(FilterPrompt)
        for ch in "ترامْب":
            await pilot.press(ch)
        await pilot.pause()
        assert sidebar.order == expected
        # The input draws the query shaped (presentation forms), not the logical text Input prints.
        assert "ترامْب" not in prompt.shown_text and any("\ufb50" <= c <= "\ufeff" for c in prompt.shown_text)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query(FilterPrompt)
        assert sidebar.order == list(range(len(CORPUS.articles)))


async def test_raw_toggle_shows_file_text_of_repaired_article(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    i = index_of("002")
    article = CORPUS.articles[i]
    assert article.raw and article.raw != article.text
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_article(i, save=False)
        await pilot.pause()
        view = app.query_one(ArticleView)
        repaired = screen_rows(view)
        await pilot.press("R")
        await pilot.pause()
        assert view.article.text == article.raw and app.raw_view
        assert app.query_one("#header").info.startswith("raw")
        assert screen_rows(view) != repaired
        await pilot.press("R")
        await pilot.pause()
        assert view.article.text == article.text and screen_rows(view) == repaired


async def test_raw_toggle_on_unrepaired_article_only_notifies(tmp_path: Path) -> None:
    plain = next(a for a in CORPUS.articles if a.raw == a.text or not a.raw)
    app = make_app(tmp_path, [plain], [])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert not app.raw_view


def test_progress_text() -> None:
    assert progress_text(1234, 5000) == "loaded 1,234 / 5,000 " + "█" * 4 + "░" * 16
    assert progress_text(7, 3).startswith("loaded 7 / 7")


async def test_large_folder_loads_in_background(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        (folder / f"{n:04d}.txt").write_text(f"خبر رقم {n}\n\nنص قصير عن الموضوع رقم {n}.\n", encoding="utf-8")
    started = start([str(folder)], first=20)
    assert len(started.articles) == 20 and started.pending is not None and started.expected == 300
    app = make_app(tmp_path, started.articles, started.skipped)
    app.pending_load = (started.pending, started.expected)
    gc.unfreeze()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        assert len(app.articles) == 300 and sidebar.order == list(range(300))
        assert sidebar.option_count == 300
        assert not app.query(LoadProgress) and not app.loading
        assert {a.id for a in app.articles} == {f"{n:04d}" for n in range(300)}
        # Loaded articles are long-lived: frozen out of the collector's full passes.
        assert gc.get_freeze_count() >= 300


async def test_folds_collapse_breaking_tag_and_masthead_and_z_expands(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    i = index_of("001")
    article = CORPUS.articles[i]
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_article(i, save=False)
        await pilot.pause()
        view = app.query_one(ArticleView)
        folded = screen_rows(view)
        labels = [row.strip() for row in folded if "▸" in row]
        assert labels[:2] and "masthead (3 lines)" in labels[1]
        # The breaking tag's label is the tag itself, shaped: presentation forms, not logical letters.
        assert "عاجل" not in labels[0] and any("\ufe70" <= c <= "\ufeff" for c in labels[0])
        assert view.rows.row_of_offset(0) == 0 and view.rows.offset_of_row(2) == 5
        assert view.rows.row_of_offset(57) == view.rows.row_of_offset(82)  # hidden: reads on from the next
        await pilot.press("z")
        await pilot.pause()
        assert not view.folding and not view.rows.fold_label
        unfolded = screen_rows(view)
        assert not any("▸" in row for row in unfolded)
        assert view.rows.row_of_offset(57) < view.rows.row_of_offset(82)  # masthead lines have rows again
        await pilot.press("z")
        await pilot.pause()
        assert screen_rows(view) == folded and view.folding


async def test_palette_lists_the_collection_actions(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        commands = {key: call for _, key, call in app.command_list()}
        commands["o"]()
        commands["z"]()
        await pilot.pause()
        assert app.query_one(Sidebar).sort == "date" and not app.query_one(ArticleView).folding
        ids = {b.id for b in app.all_bindings()}
        assert {"cycle_sort", "filter", "toggle_folds", "toggle_raw"} <= ids


async def test_filter_prompt_and_loading_line_leave_the_footer_visible(tmp_path: Path) -> None:
    from textual.widgets import Footer

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.loading = True
        app.query_one("#body").mount(LoadProgress(100))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        footer = app.query_one(Footer).region
        prompt = app.query_one(FilterPrompt).region
        bar = app.query_one(LoadProgress).region
        assert not prompt.overlaps(footer) and not bar.overlaps(footer) and not prompt.overlaps(bar)


def test_analysis_text() -> None:
    assert analysis_text(None, 5000) == "analysing 5,000 articles…"
    assert analysis_text(1250, 5000) == "analysed 1,250 / 5,000 " + "█" * 5 + "░" * 15
    assert analysis_text(5000, 5000).endswith("linking passages…")


async def test_analysis_of_a_large_collection_shows_a_progress_line_until_done(tmp_path: Path, monkeypatch) -> None:
    import tui.ui.collection as collection
    from tui.corpus.model import Article
    from tui.store.cache import AnalysisCache

    made: list[AnalysisProgress] = []

    class Recorded(AnalysisProgress):
        def __init__(self, total: int) -> None:
            super().__init__(total)
            made.append(self)

    monkeypatch.setattr(collection, "AnalysisProgress", Recorded)
    n = collection.ANALYSIS_BAR_FROM + 10
    articles = [Article(id=f"{i:04d}", path=f"{i:04d}.txt", text=f"زار الوزير الرياض يوم {1 + i % 28} مايو 2015.",
                        title=f"خبر {i}") for i in range(n)]
    app = QariApp(articles, [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml",
                  analyze=True, analysis_cache=AnalysisCache(tmp_path / "cache.sqlite"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [bar.total for bar in made] == [n]
        made[0].advance_to(n, n)
        assert "linking" in str(made[0].render())
        assert len(app.analyses) == n
        assert not app.query(AnalysisProgress) and app._analysis_bar is None
        assert not app.query_one(FilterPrompt).has_class("-above-progress")


async def test_a_small_collection_is_analysed_without_a_progress_line(tmp_path: Path, monkeypatch) -> None:
    import tui.ui.collection as collection
    from tui.store.cache import AnalysisCache

    monkeypatch.setattr(collection, "AnalysisProgress", None)  # would fail if used
    app = QariApp(CORPUS.articles, [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml",
                  analyze=True, analysis_cache=AnalysisCache(tmp_path / "cache.sqlite"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.analyses


async def test_analysis_progress_reported_from_a_thread_reaches_the_line(tmp_path: Path) -> None:
    import asyncio

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = app._analysis_bar = AnalysisProgress(300)
        app.query_one("#body").mount(bar)
        await pilot.pause()
        assert "analysing 300 articles" in str(bar.render())
        await asyncio.to_thread(app.analysis_progress, 120, 300)
        await pilot.pause()
        assert str(bar.render()).startswith("analysed 120 / 300")
