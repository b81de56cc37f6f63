"""The / prompt: shaped field, live counts, diacritic-blind and English-name search, n/N."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tui.ui.panel_host import PanelHost
from tui.ui.bidi_text import visual_inline
from tui.ui.search_prompt import SearchPrompt
from tui.ui.shaped_input import ShapedInput

from tests.ui._panel_helpers import ARTICLES, PRESENTATION, make_app, option_texts


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_typed_query_is_drawn_shaped_and_count_is_live(tmp_path, monkeypatch, size) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        prompt = app.query_one(SearchPrompt)
        field = app.query_one("#search-input", ShapedInput)
        assert field.has_focus
        await _type(pilot, "ترامب")
        assert prompt.value == "ترامب"  # the field keeps logical text
        drawn = field.render_line(0).text
        assert PRESENTATION.search(drawn) and "ترامب" not in drawn
        assert drawn.strip() == visual_inline("ترامب").plain
        # Right-to-left: the text sits at the right, and typing goes on at its left.
        assert drawn.rstrip() == drawn and drawn.lstrip() != drawn
        here, total = prompt.count("ترامب")
        assert total > here > 0
        assert str(prompt.query_one("#search-count", Static).render()) == f"{here} here · {total} in corpus"


async def test_harakat_do_not_change_the_hits(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        prompt = app.query_one(SearchPrompt)
        assert prompt.count("ترامب") == prompt.count("ترامْب")
        assert prompt.count("ترامب")[1] > 0


async def test_english_name_finds_arabic_and_enter_lists_shaped_results(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await _type(pilot, "putin")
        await pilot.press("enter")
        await pilot.pause()
        prompt = app.query_one(SearchPrompt)
        assert prompt.hits
        text = {a.id: a.text for a in ARTICLES}
        assert all("بوتين" in text[h.article_id][h.start : h.end] for h in prompt.hits)
        rows = option_texts(prompt.query_one("#search-results", OptionList))
        assert len(rows) == len(prompt.hits) and all(PRESENTATION.search(r) for r in rows)
        # enter on a result opens its article at the hit
        results = prompt.query_one("#search-results", OptionList)
        results.focus()
        results.highlighted = len(prompt.hits) - 1
        last = prompt.hits[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert ARTICLES[app.index].id == last.article_id
        view = app.view
        assert view.top_row == min(view.rows.row_of_offset(last.start), view.max_scroll_y)


async def test_n_and_N_step_the_view_through_hits(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(2, save=False)  # the longest article: hits far apart in rows
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await _type(pilot, "ترامب")
        await pilot.press("enter")
        await pilot.pause()
        host = app.query_one(PanelHost)
        spans = host.cursor.spans
        assert len(spans) > 3
        view = app.view
        rows = [min(view.rows.row_of_offset(s), view.max_scroll_y) for s, _ in spans]
        assert view.top_row == rows[0]
        app.query_one("#search-results", OptionList).focus()
        await pilot.press("n")
        await pilot.press("n")
        await pilot.pause()
        # Closing the dock widened the column, so rows moved: recompute.
        assert host.cursor.index == 2
        assert view.top_row == min(view.rows.row_of_offset(spans[2][0]), view.max_scroll_y)
        await pilot.press("N")
        await pilot.pause()
        assert host.cursor.index == 1 and view.top_row == rows[1]
        await pilot.press("escape")
        await pilot.pause()
        assert not host.display and view.has_focus
        await pilot.press("n")
        await pilot.pause()
        # Closing the dock widened the column, so rows moved: recompute.
        assert host.cursor.index == 2
        assert view.top_row == min(view.rows.row_of_offset(spans[2][0]), view.max_scroll_y)


async def test_narrow_overlay_search_closes_on_enter_and_shows_the_first_hit(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_article(2, save=False)
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "روسيا")
        await pilot.press("enter")
        await pilot.pause()
        host = app.query_one(PanelHost)
        # Over the text, the box and its results close on enter: the hit is in sight at once.
        assert host.has_class("-narrow") and not host.display and app.focused is app.view
        first = host.cursor.spans[host.cursor.index]
        view = app.view
        view.finish_layout()
        await pilot.pause()
        assert view.top_row == min(view.rows.row_of_offset(first[0]), view.max_scroll_y) > 0
        await pilot.press("n")
        await pilot.pause()
        second = host.cursor.spans[host.cursor.index]
        assert second[0] > first[0]
        assert view.top_row == min(view.rows.row_of_offset(second[0]), view.max_scroll_y)


async def test_shaped_field_cursor_sits_on_the_typed_position(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        field = app.query_one("#search-input", ShapedInput)
        field.cursor_blink = False
        await _type(pilot, "ترامب 12")

        def cursor_cells() -> tuple[str, str]:
            strip = field.render_line(0)
            cursor = field.rich_style + field.get_component_rich_style("input--cursor")
            text = strip.text
            x = 0
            for seg in strip:
                if seg.style == cursor:
                    return seg.text, text[:x]
                x += seg.cell_length
            raise AssertionError("no cursor cell")

        drawn = field.render_line(0).text.rstrip()
        # At the end: a blank at the logical end of right-to-left text, just left of it.
        cell, before = cursor_cells()
        assert cell == " " and drawn.lstrip() == field.render_line(0).text[len(before) + 1 :].rstrip()
        # At the start: on the first letter, the rightmost glyph.
        await pilot.press("home")
        cell, before = cursor_cells()
        assert cell == drawn[-1] and len(before) == len(drawn) - 1
        # The digits stay left to right inside the line: "12" reads as twelve.
        assert "12" in drawn


async def test_english_name_counts_here_and_n_steps_through_its_mentions(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(2, save=False)
        await pilot.pause()
        await pilot.press("slash")
        await _type(pilot, "putin")
        prompt = app.query_one(SearchPrompt)
        here, total = prompt.count("putin")
        assert here == prompt.count("بوتين")[0] > 0 and total > here
        await pilot.press("enter")
        await pilot.pause()
        host = app.query_one(PanelHost)
        text = ARTICLES[2].text
        assert len(host.cursor.spans) == here
        assert all(text[s:e].endswith("بوتين") or "بوتين" in text[s:e] for s, e in host.cursor.spans)
        await pilot.press("escape", "n")
        await pilot.pause()
        assert app.view.flash == host.cursor.spans[host.cursor.index]


def _spans(hits) -> list[tuple[str, int, int]]:
    return [(h.article_id, h.start, h.end) for h in hits]


def _listed(prompt: SearchPrompt) -> list[str]:
    results = prompt.query_one("#search-results", OptionList)
    return [results.get_option_at_index(i).id or "" for i in range(results.option_count)]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_results_are_listed_while_typing_a_page_at_a_time(tmp_path, monkeypatch, size) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await _type(pilot, "ت")
        prompt = app.query_one(SearchPrompt)
        results = prompt.query_one("#search-results", OptionList)
        # Hundreds of hits: a page is listed (more than fit), then a row for the rest.
        page = len(prompt.hits)
        assert results.size.height < page < prompt.total == prompt.count("ت")[1]
        assert _listed(prompt) == [f"hit:{n}" for n in range(page)] + ["more"]
        assert str(results.get_option_at_index(page).prompt).startswith(f"… {prompt.total - page} more")
        await _type(pilot, "رامب")
        # No enter: the list already shows the query's hits, shaped, a page of them.
        here, total = prompt.count("ترامب")
        listed = min(total, page)
        assert prompt.total == total and len(prompt.hits) == listed
        assert _listed(prompt) == [f"hit:{n}" for n in range(listed)] + (["more"] if total > page else [])
        text = {a.id: a.text for a in ARTICLES}
        assert all(text[h.article_id][h.start : h.end] == "ترامب" for h in prompt.hits)
        assert all(PRESENTATION.search(r) for r in option_texts(results)[:listed])
        assert results.highlighted == 0
        # Deleting a letter lists the shorter query's hits again.
        await pilot.press("backspace")
        await pilot.pause()
        assert prompt.total == prompt.count("ترام")[1] and len(prompt.hits) == min(prompt.total, page)


async def test_reaching_the_more_row_lists_the_next_page_and_enter_lists_up_to_the_limit(tmp_path, monkeypatch) -> None:
    from tui.ui.search_prompt import RESULT_LIMIT

    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await _type(pilot, "ا")
        prompt = app.query_one(SearchPrompt)
        results = prompt.query_one("#search-results", OptionList)
        page = len(prompt.hits)
        results.focus()
        results.highlighted = page - 1
        await pilot.press("down")  # onto "… N more"
        await pilot.pause()
        assert page < len(prompt.hits) < RESULT_LIMIT
        assert results.highlighted == page  # the first new hit, not the top
        assert _listed(prompt) == [f"hit:{n}" for n in range(len(prompt.hits))] + ["more"]
        # The appended hits are the search's next ones, in order.
        assert _spans(prompt.hits) == _spans(prompt.search.search("ا", limit=len(prompt.hits)))
        prompt.query_one("#search-input").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(prompt.hits) == RESULT_LIMIT and _listed(prompt)[-1] == "more"


async def test_a_large_corpus_is_indexed_in_a_thread_and_the_prompt_says_so(tmp_path, monkeypatch) -> None:
    import threading

    from tui.analysis.search import CorpusSearch
    from tui.ui import panel_host

    release = threading.Event()
    threads: list[str] = []

    class SlowSearch(CorpusSearch):
        def __init__(self, *args, **kwargs) -> None:
            threads.append(threading.current_thread().name)
            release.wait(10)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(panel_host, "INDEX_IN_THREAD", 0)
    monkeypatch.setattr(panel_host, "CorpusSearch", SlowSearch)
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await _type(pilot, "ترامب")
        prompt = app.query_one(SearchPrompt)
        # The UI took every key while the index was being built.
        assert prompt.value == "ترامب" and prompt.search is None and not prompt.hits
        assert str(prompt.query_one("#search-count", Static).render()) == "Indexing…"
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert threads and threading.main_thread().name not in threads
        here, total = prompt.count("ترامب")
        assert prompt.search is not None and 0 < len(prompt.hits) <= total
        assert _spans(prompt.hits) == _spans(prompt.search.search("ترامب", limit=len(prompt.hits)))
        assert str(prompt.query_one("#search-count", Static).render()) == f"{here} here · {total} in corpus"


async def test_typing_sets_the_fields_virtual_size_without_a_screen_layout(tmp_path, monkeypatch) -> None:
    from textual.geometry import Size

    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        field = app.query_one("#search-input", ShapedInput)
        layouts: list[bool] = []
        refresh = ShapedInput.refresh

        def spy(self, *args, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return refresh(self, *args, **kwargs)

        monkeypatch.setattr(ShapedInput, "refresh", spy)
        await _type(pilot, "ترامب")
        assert layouts and not any(layouts)
        assert field.virtual_size == Size(field.content_width, 1) and field.content_width == len("ترامب") + 1


async def test_listing_hits_while_typing_never_lays_out_the_screen(tmp_path, monkeypatch) -> None:
    from textual.widget import Widget

    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        asked: list[str] = []
        refresh = Widget.refresh

        def spy(self, *args, **kwargs):
            if kwargs.get("layout"):
                asked.append(type(self).__name__)
            return refresh(self, *args, **kwargs)

        monkeypatch.setattr(Widget, "refresh", spy)
        # None → a page with a "more" row → a few → none again: the list's length changes each time.
        await _type(pilot, "تر")
        await _type(pilot, "امب")
        await pilot.press("ctrl+u")
        await pilot.pause()
        prompt = app.query_one(SearchPrompt)
        assert prompt.value == "" and not prompt.hits
        assert asked == []
