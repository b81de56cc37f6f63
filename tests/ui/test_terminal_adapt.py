"""The reader adapts to the detected terminal: kitty's pre-reversed runs, harakat hidden where a
terminal draws them wrong (with a one-line notice), Konsole's hint, and settings saved per terminal."""

from __future__ import annotations

from pathlib import Path

from tui.store.state import StateStore
from tui.text.terminals import decide, detect, prereverse_runs
from tui.ui.app import QariApp
from tui.ui.article_view import ArticleView
from tui.corpus.startup import load

CORPUS = load([])
KITTY = {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"}
ALACRITTY = {"TERM": "alacritty", "ALACRITTY_SOCKET": "/tmp/s"}


def _terminal(env, **kw):
    info = detect(env, None, **kw)
    return info, decide(info)


def make_app(tmp_path: Path, env=None, **kw) -> QariApp:
    if env is not None:
        kw["terminal"] = _terminal(env, kitty_config="")
    return QariApp(CORPUS.articles, CORPUS.skipped, store=StateStore(tmp_path / "state.json"),
                   keymap_path=tmp_path / "none.toml", **kw)


def _row_text(view: ArticleView, y: int) -> str:
    return "".join(seg.text for seg in view.render_line(y))


async def test_kitty_gets_each_rtl_run_reversed_and_harakat_hidden_with_a_notice(tmp_path) -> None:
    plain, kitty = make_app(tmp_path / "a"), make_app(tmp_path / "b", KITTY)
    assert kitty.options.prereverse and not kitty.options.harakat
    assert any("force_ltr yes" in m for m in kitty.startup_messages)
    rows = []
    for app in (plain, kitty):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            if app is plain:
                await pilot.press("h")  # same harakat as kitty's default, to compare cell for cell
            await pilot.pause()
            view = app.query_one(ArticleView)
            rows.append([_row_text(view, y) for y in range(6)])
    for p, k in zip(*rows):
        assert len(p) == len(k)
    assert rows[0] != rows[1]
    # Reversing the runs of kitty's rows again gives the plain rows: kitty's shaper does just that.
    assert ["".join(prereverse_runs(list(k))) for k in rows[1][:3]] == rows[0][:3]


async def test_h_in_alacritty_shows_harakat_and_is_remembered_for_alacritty_only(tmp_path) -> None:
    app = make_app(tmp_path, ALACRITTY)
    assert not app.options.harakat and app.options.marks_left
    assert any("h shows them" in m for m in app.startup_messages)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        assert app.options.harakat
        await pilot.press("q")
    saved = StateStore(tmp_path / "state.json").load().state.settings
    assert (saved["harakat"], saved["harakat_terminal"]) == ("show", "alacritty")
    again = make_app(tmp_path, ALACRITTY)
    assert again.options.harakat and not any("h shows them" in m for m in again.startup_messages)
    # st draws no harakat at all: the choice made in Alacritty does not follow the user there.
    st = make_app(tmp_path, {"TERM": "st-256color"})
    assert not st.options.harakat


async def test_konsole_starts_with_the_profile_hint_and_an_explicit_mode_wins(tmp_path) -> None:
    app = make_app(tmp_path, {"KONSOLE_VERSION": "221203"})
    assert app.mode == "app" and any("Bi-Directional text rendering" in m for m in app.startup_messages)
    told = make_app(tmp_path, {"KONSOLE_VERSION": "221203"}, bidi="terminal")
    assert told.mode == "terminal" and not told.startup_messages
