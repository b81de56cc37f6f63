"""`*` / `#`: the next / previous mention of the name under the cursor, across articles, with history."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.reader.navigation import MentionRef, passage_index
from tui.store.state import StateStore
from tui.reader.navigation import past_folds
from tui.ui.app import QariApp
from tui.ui.bidi_text import visual_inline
from tui.ui.help_screen import HelpScreen

from tests.ui._panel_helpers import ARTICLES, PRESENTATION, analyses, make_app

IDS = [a.id for a in ARTICLES]
PUTIN = "PER:vladimir_putin"
TRUMP = "PER:donald_trump"


def corpus_mentions(eid: str) -> list[tuple[str, int, int]]:
    """The entity's mentions in corpus order, straight from the analysis."""
    an = analyses()
    return [(aid, m.start, m.end) for aid in IDS for m in sorted(an[aid].entities, key=lambda m: m.start) if m.id == eid]


def where(app: QariApp) -> tuple[str, int, int]:
    view = app.view
    assert view.flash is not None, "the target mention is not flashed"
    assert view.cursor == view.flash[0]
    return view.article.id, view.flash[0], view.flash[1]


def assert_on_screen(app: QariApp, offset: int) -> None:
    view = app.view
    row = view.rows.row_of_offset(offset)
    assert view.top_row <= row < view.top_row + view.scrollable_content_region.height


def last_message(app: QariApp) -> str:
    return list(app._notifications)[-1].message


def title_of(aid: str) -> str:
    return next(a.title or a.id for a in ARTICLES if a.id == aid)


@pytest.mark.parametrize("eid", [PUTIN, TRUMP])
async def test_star_crosses_into_the_next_article_hash_returns_and_backspace_retraces(tmp_path, monkeypatch, eid) -> None:
    mentions = corpus_mentions(eid)
    first_article = [m for m in mentions if m[0] == IDS[0]]
    assert len(first_article) >= 2 and len({m[0] for m in mentions}) >= 2
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = (app.view.article.id, app.view.position)
        # The entities panel and search put the cursor on a mention this way.
        assert app.go_to(*mentions[0])
        await pilot.pause()
        visits = [mentions[0]]
        i = 0
        while True:
            await pilot.press("asterisk")
            await pilot.pause()
            i += 1
            assert where(app) == mentions[i], f"step {i}"
            assert_on_screen(app, mentions[i][1])
            assert app.sidebar is not None and app.articles[app.index].id == mentions[i][0]
            visits.append(mentions[i])
            if mentions[i][0] != IDS[0]:
                break
            assert last_message(app).endswith(f"— {i + 1}/{len(first_article)} in this article")
        assert i == len(first_article), "crossed before the last mention in the first article"
        crossed = mentions[i][0]
        message = last_message(app)
        in_target = [m for m in mentions if m[0] == crossed]
        assert f"1/{len(in_target)} → next article:" in message
        assert visual_inline(title_of(crossed), app.options, max_width=56).plain in message.splitlines()[1]
        # Arabic in the toast is shaped and in visual order, never the logical string.
        assert PRESENTATION.search(message)
        name = next(m.name for m in analyses()[crossed].entities if m.id == eid)
        assert name not in message and visual_inline(name, app.options, max_width=30).plain in message

        await pilot.press("number_sign")
        await pilot.pause()
        assert where(app) == mentions[i - 1]
        assert "← previous article:" in last_message(app)
        visits.append(mentions[i - 1])

        # Every move was a visit: backspace walks them back, then to where the reader started.
        for loc in reversed(visits[:-1]):
            await pilot.press("backspace")
            await pilot.pause()
            assert (app.view.article.id, app.view.focus_offset) == loc[:2]
        await pilot.press("backspace")
        await pilot.pause()
        assert (app.view.article.id, app.view.position) == start
        await pilot.press("alt+right")
        await pilot.pause()
        assert (app.view.article.id, app.view.focus_offset) == mentions[0][:2]


async def test_hash_from_the_first_mention_wraps_to_the_last(tmp_path, monkeypatch) -> None:
    mentions = corpus_mentions(PUTIN)
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app.go_to(*mentions[0])
        await pilot.pause()
        await pilot.press("#")
        await pilot.pause()
        assert where(app) == mentions[-1]
        assert "← last article (wrapped):" in last_message(app)
        await pilot.press("*")
        await pilot.pause()
        assert where(app) == mentions[0]
        assert "→ first article (wrapped):" in last_message(app)


def passage_without_names() -> tuple[str, int]:
    an = analyses()
    for article in ARTICLES:
        aid = article.id
        for p in sorted(an[aid].passages, key=lambda p: p.start):
            shown = past_folds(article.text, article.folds, p.start) == p.start
            if shown and p.start > 0 and not any(p.start <= m.start < p.end for m in an[aid].entities):
                return aid, p.start
    raise AssertionError("every passage of the corpus names someone")


def passage_with_a_later_name() -> tuple[str, int, tuple[str, int, int]]:
    """A passage whose first mention starts after the passage does, and that mention."""
    an = analyses()
    for article in ARTICLES:
        aid = article.id
        for p in sorted(an[aid].passages, key=lambda p: p.start):
            inside = sorted((m.start, m.end, m.id) for m in an[aid].entities if p.start <= m.start < p.end)
            shown = past_folds(article.text, article.folds, p.start) == p.start
            if shown and p.start > 0 and inside and inside[0][0] > p.start:
                return aid, p.start, inside[0]
    raise AssertionError("no passage starts before its first name")


async def test_star_without_a_name_under_the_cursor_says_so_and_stays(tmp_path, monkeypatch) -> None:
    aid, offset = passage_without_names()
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app.go_to(aid, offset)
        await pilot.pause()
        view = app.view
        assert view.cursor is None and view.focus_offset == offset
        assert passage_index(sorted(analyses()[aid].passages, key=lambda p: p.start), offset) is not None
        steps = len(app.history)
        for key in ("asterisk", "number_sign"):
            await pilot.press(key)
            await pilot.pause()
            assert last_message(app) == "No name under the cursor"
            assert (view.article.id, view.focus_offset, view.flash) == (aid, offset, None)
            assert len(app.history) == steps


async def test_the_name_under_the_cursor_is_the_first_one_in_the_passage(tmp_path, monkeypatch) -> None:
    aid, offset, (start, end, eid) = passage_with_a_later_name()
    mentions = corpus_mentions(eid)
    k = mentions.index((aid, start, end))
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app.go_to(aid, offset)
        await pilot.pause()
        assert app.view.cursor is None and app.view.focus_offset == offset
        await pilot.press("asterisk")
        await pilot.pause()
        assert where(app) == mentions[(k + 1) % len(mentions)]
        # From there ``#`` comes back to the mention that was picked.
        await pilot.press("number_sign")
        await pilot.pause()
        assert where(app) == (aid, start, end)


async def test_before_analysis_and_in_the_raw_view_star_only_explains(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path, monkeypatch, shared=False)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.view
        here = (view.article.id, view.position)
        await pilot.press("asterisk")
        await pilot.pause()
        assert last_message(app) == "Analysis is still running"
        assert (view.article.id, view.position) == here and len(app.history) == 0
    app = make_app(tmp_path, monkeypatch)
    repaired = next(i for i, a in enumerate(ARTICLES) if a.raw and a.raw != a.text)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(repaired, save=False)
        await pilot.press("R")
        await pilot.pause()
        assert app.raw_view
        here = (app.view.article.id, app.view.position)
        await pilot.press("asterisk")
        await pilot.pause()
        assert "repaired text only" in last_message(app)
        assert (app.view.article.id, app.view.position) == here


async def test_star_and_hash_are_in_help_palette_and_keymap(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "data"))
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\nnext_mention = "asterisk,m"\n', encoding="utf-8")
    app = QariApp(ARTICLES, [], store=StateStore(tmp_path / "state.json"), keymap_path=keymap)
    app.analyses = analyses()
    mentions = corpus_mentions(PUTIN)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {does: keys for _, keys, does in app.screen.rows}
        assert rows[next(b.tooltip for b in QariApp.BINDINGS if b.id == "next_mention")] == "*, m"
        assert rows[next(b.tooltip for b in QariApp.BINDINGS if b.id == "previous_mention")] == "#"
        await pilot.press("escape")
        commands = {name: (keys, call) for name, keys, call in app.command_list()}
        keys, call = commands["Next mention of the name under the cursor (across articles)"]
        assert keys == "* / m"  # the palette shows the remapped key too (built from the bindings)
        app.go_to(*mentions[0])
        await pilot.pause()
        call()
        await pilot.pause()
        assert where(app) == mentions[1]
        await pilot.press("m")
        await pilot.pause()
        assert where(app) == mentions[2]
        assert commands["Previous mention of the name under the cursor (across articles)"][0] == "#"


async def test_walking_a_name_keeps_one_toast_not_a_stack(tmp_path, monkeypatch) -> None:
    mentions = corpus_mentions(TRUMP)
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        app.go_to(*mentions[0])
        await pilot.pause()
        app.notify("unrelated")
        for _ in range(4):
            await pilot.press("asterisk")
            await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages[0] == "unrelated"  # other notices are left alone
        assert len(messages) == 2 and messages[1].endswith(f"5/{sum(m[0] == IDS[0] for m in mentions)} in this article")
        assert where(app) == mentions[4]


async def test_the_analysis_worker_hands_over_a_ready_navigator(tmp_path, monkeypatch) -> None:
    from tui.store.cache import AnalysisCache

    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "data"))
    app = QariApp(ARTICLES, [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml",
                  analyze=True, analysis_cache=AnalysisCache(tmp_path / "cache" / "a.sqlite3"))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.analyses:
                break
            await app.workers.wait_for_complete()
            await pilot.pause()
        built = app._mentions[2]
        assert app.mention_navigator() is built  # the first * does not build it on the event loop
        assert built.mentions(PUTIN) == [MentionRef(*m) for m in corpus_mentions(PUTIN)]


async def test_a_mention_inside_folded_boilerplate_is_unfolded_and_flashed(tmp_path, monkeypatch) -> None:
    folded = [(m, a) for a in ARTICLES for m in corpus_mentions(PUTIN)
              if m[0] == a.id and any(f.start <= m[1] < f.end for f in a.folds)]
    assert folded, "the corpus has a name inside a caption"
    target, article = folded[0]
    mentions = corpus_mentions(PUTIN)
    before = mentions[mentions.index(target) - 1]
    assert not any(f.start <= before[1] < f.end for f in article.folds if before[0] == article.id)
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app.go_to(*before)
        await pilot.pause()
        assert app.view.folding
        await pilot.press("asterisk")
        await pilot.pause()
        assert where(app) == target
        assert not app.view.folding
        assert_on_screen(app, target[1])
        # The row holding the mention is text, not a fold label.
        assert app.view.rows.fold_label.get(app.view.rows.paragraph_of_offset(target[1])) is None
        assert last_message(app).endswith("Boilerplate unfolded (z folds it)")


def test_past_folds_skips_folded_boilerplate_and_the_blanks_between() -> None:
    from tui.corpus.model import Fold

    text = "tag\nmast one\n\nmast two\nTitle here\nbody"
    folds = [Fold(0, 3, "breaking"), Fold(4, 12, "masthead"), Fold(14, 22, "masthead")]
    assert past_folds(text, folds, 0) == text.index("Title")
    assert past_folds(text, folds, 6) == text.index("Title")
    assert past_folds(text, folds, text.index("body")) == text.index("body")  # visible: unchanged
    assert past_folds(text, [], 2) == 2
    assert past_folds("tag", [Fold(0, 3, "breaking")], 0) == 3  # nothing visible after: the end


async def test_at_the_top_of_an_article_the_folded_masthead_is_not_the_passage(tmp_path, monkeypatch) -> None:
    index, article = next((i, a) for i, a in enumerate(ARTICLES) if a.folds and a.folds[0].start == 0)
    visible = past_folds(article.text, article.folds, 0)
    an = analyses()[article.id]
    first = min((m for m in an.entities if m.start >= visible), key=lambda m: m.start)
    mentions = corpus_mentions(first.id)
    app = make_app(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*["J"] * index)
        await pilot.pause()
        assert app.view.article.id == article.id and app.view.focus_offset == 0
        await pilot.press("asterisk")
        await pilot.pause()
        assert where(app) == mentions[(mentions.index((article.id, first.start, first.end)) + 1) % len(mentions)]
