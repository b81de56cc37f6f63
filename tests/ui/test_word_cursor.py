"""A word cursor you can see: w/W move it, it is drawn on exactly its word's cells, it follows
scrolling, and * / # take the name under it (not the first name of the passage). With it: the same
percentage everywhere, > never reports a width the pane cannot show, help names each panel's keys,
a digits-only date aligns with the others, and the mouse acts on words, the ◆ gutter and panel rows.
"""

from __future__ import annotations

import re
from pathlib import Path

from _panel_helpers import analyses, make_app, option_texts
from tui.ui.help_screen import binding_rows
from tui.reader.highlight import word_spans
from tui.ui.panel_host import PanelHost


def _cursor_cells(view, y: int) -> int:
    style = view.get_component_rich_style("article--cursor", partial=True)
    return sum(len(seg.text) for seg in view.render_line(y) if seg.style is not None
               and seg.style.bgcolor == style.bgcolor and seg.style.bold)


async def test_w_and_W_move_a_drawn_word_cursor(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.view
        assert view.word is None
        await pilot.press("w")
        first = view.word
        assert first is not None and first[0] >= view.position
        await pilot.press("w", "w")
        third = view.word
        words = view.words()
        assert words.index(third) == words.index(first) + 2
        await pilot.press("W")
        assert words.index(view.word) == words.index(first) + 1
        await pilot.pause()
        # Drawn on exactly that word's clusters, on the row that holds it.
        rows = view.rows
        y = rows.row_of_offset(view.word[0]) - view.top_row
        r = rows.row(view.top_row + y)
        line = rows.layout.paragraph(r.paragraph).lines[r.line]
        clusters = line.clusters_in(*view.word)
        assert clusters and _cursor_cells(view, y) == sum(line.widths[i] for i in clusters)
        assert sum(_cursor_cells(view, yy) for yy in range(view.scrollable_content_region.height)) == \
            sum(line.widths[i] for i in clusters)


async def test_word_cursor_follows_scrolling(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        await pilot.press("w")
        before = view.word
        await pilot.press("space", "space")
        await pilot.pause()
        assert view.word != before
        row = view.rows.row_of_offset(view.word[0])
        assert view.top_row <= row < view.top_row + view.scrollable_content_region.height
        # Walking past the bottom of the window scrolls just enough to show the word.
        for _ in range(80):
            await pilot.press("w")
        row = view.rows.row_of_offset(view.word[0])
        assert view.top_row <= row < view.top_row + view.scrollable_content_region.height


async def test_star_takes_the_name_under_the_word_cursor(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.view
        an = analyses()[view.article.id]
        # A passage whose first name differs from a later name that has a further mention.
        mentions = sorted(an.entities, key=lambda m: m.start)
        chosen = None
        for p in sorted(an.passages, key=lambda p: p.start):
            inside = [m for m in mentions if p.start <= m.start < p.end]
            if len({m.id for m in inside}) < 2:
                continue
            later = next((m for m in inside[1:] if m.id != inside[0].id
                          and any(o.id == m.id and o.start > m.start for o in mentions)), None)
            if later is not None:
                chosen = (inside[0], later)
                break
        assert chosen is not None
        first_name, mention = chosen
        word = next(w for w in word_spans(view.article.text) if w[0] <= mention.start < w[1])
        view.finish_layout()
        view.set_word(word)
        await pilot.pause()
        await pilot.press("asterisk")
        await pilot.pause()
        target = next(o for o in mentions if o.id == mention.id and o.start > mention.start)
        assert view.flash == (target.start, target.end)
        assert view.word == (target.start, target.end)  # the cursor lands on the mention


async def test_percent_is_one_figure_for_one_position(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("J", "space", "space", "space")
        await pilot.pause()
        view = app.view
        shown = view.percent
        assert 0 < shown < 100
        assert shown == round(100 * view.position / len(view.article.text))
        await pilot.press("l")  # the overlay drops the view's layout
        await pilot.pause()
        assert view.percent == shown
        await pilot.press("escape")
        await pilot.resize_terminal(120, 40)  # another width, other rows: the same position
        await pilot.pause()
        await pilot.pause()
        assert view.percent == shown
        assert f" {shown}%" in app.query_one("ArticleHeader").info


async def test_wider_never_reports_a_width_the_pane_cannot_show(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        room = app.view.scrollable_content_region.width - 4
        for _ in range(5):
            await pilot.press("greater_than_sign")
            await pilot.pause()
            said = int(re.search(r"Column width: (\d+)", list(app._notifications)[-1].message).group(1))
            assert said <= room and said == app.view.column_width
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert app.view.column_width == room - 10  # one step narrower than what was shown


async def test_help_names_each_panels_keys(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(100, 30)):
        rows = binding_rows(app.keymap, app.get_key_display, app.binding_groups())
        by_section: dict[str, list[tuple[str, str]]] = {}
        for section, keys, does in rows:
            by_section.setdefault(section, []).append((keys, does))
        for panel in ("Entities panel", "Dates panel", "Links panel"):
            assert any(k in ("enter", "⏎") for k, _ in by_section[panel]), panel
        assert any(k == "c" and does.startswith("Entities:") for k, does in by_section["Entities panel"])
        assert any(k == "c" and does.startswith("Dates:") for k, does in by_section["Dates panel"])
        assert any(k == "w" for k, _ in by_section["Article"]) and any(k == "W" for k, _ in by_section["Article"])


async def test_digits_only_date_aligns_right_with_the_others(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        found = False
        for _ in range(5):
            await pilot.press("d")
            await pilot.pause()
            for text in option_texts(app.query_one("#panel-dates")):
                first = text.split("\n")[0]
                iso, written = first[:11], first[11:]
                if written.strip().isdigit():
                    found = True
                    assert written.rstrip() == written.rstrip(" ") and not written.endswith(" "), repr(first)
            await pilot.press("escape", "J")
            await pilot.pause()
        assert found


async def test_clicks_on_words_gutter_and_rows(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.view
        an = analyses()[view.article.id]
        view.finish_layout()
        # A click on a name: word cursor there, Entities panel open on that entity's row.
        spot = None
        for y in range(view.scrollable_content_region.height):
            for x in range(view.scrollable_content_region.width):
                off = view.offset_at(x, y)
                m = next((m for m in an.entities if off is not None and m.start <= off < m.end), None)
                if m is not None:
                    spot = (x, y, m)
                    break
            if spot:
                break
        assert spot is not None
        x, y, m = spot
        await pilot.click("#article", offset=(x, y))
        await pilot.pause()
        assert view.word is not None and view.word[0] < m.end and view.word[1] > m.start
        host = app.query_one(PanelHost)
        assert host.current == "entities"
        panel = app.query_one("#panel-entities")
        assert panel.chosen == m.id
        assert (m.start, m.end) in view.emphasis
        # A click on the panel's row of another entity chooses it and opens its next mention.
        index = next(i for i, v in enumerate(panel.values) if isinstance(v, str) and v != m.id)
        other = panel.values[index]
        line = panel._index_to_line[index] - round(panel.scroll_y)
        await pilot.click("#panel-entities", offset=(4, line + 1))  # + 1: the border
        await pilot.pause()
        await pilot.pause()
        assert view.flash is not None
        assert any(e.id == other and (e.start, e.end) == view.flash for e in an.entities)


async def test_click_on_link_mark_follows_and_wheel_scrolls(tmp_path: Path, monkeypatch) -> None:
    from textual import events

    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.view
        for _ in range(5):
            if view.navigator.next_linked(view.focus_offset) is not None:
                break
            await pilot.press("J")
            await pilot.pause()
        await pilot.press("right_square_bracket")  # the next passage with links, at the top
        await pilot.pause()
        start = view.focus_offset
        rows = view.rows
        y = rows.row_of_offset(start) - view.top_row
        left = max(0, (view.scrollable_content_region.width - rows.width - 4) // 2)
        best = view.links_here()[0]
        before = view.article.id
        await pilot.click("#article", offset=(left + 2 + rows.width, y))  # the ◆ beside the text
        await pilot.pause()
        assert (view.article.id, view.flash) == (best.target, (best.target_start, best.target_end))
        assert view.article.id != before or best.target == before
        # The wheel scrolls the article, the sidebar and a panel.
        for selector in ("#article", "#sidebar"):
            widget = app.query_one(selector)
            top = widget.scroll_y
            for _ in range(3):
                widget.post_message(events.MouseScrollDown(widget, 3, 3, 0, 1, 0, False, False, False))
            await pilot.pause()
            await pilot.pause()
            assert widget.scroll_y > top or widget.max_scroll_y == 0, selector
