"""User and file text is never markup, and never reaches a toast or the clipboard raw.

Textual's ``notify`` renders content markup, so ``[/red]`` in a message used to raise MarkupError:
a search with no hits, a theme or a position key in state.json, a binding id in keymap.toml. Each
case is reported in one line, ignored, and the reader keeps running. (``run_test`` shows no toasts
unless asked: ``notifications=True`` makes these tests render them, as a terminal does.)
"""

from __future__ import annotations

import base64
import json
import unicodedata
from pathlib import Path

import pytest

from tui.corpus.model import Article
from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.ui.help_screen import HelpScreen

TEXT = "عنوان الخبر\n\nنص عربي عن العلاقات بين البلدين في الفقرة الأولى.\n"
ARTICLE = Article(id="a", path="a.txt", text=TEXT, raw=TEXT, title="عنوان الخبر", content_hash="ab" * 32)


def app_with(tmp_path: Path, state: object = None, keymap: str | None = None, articles=None) -> QariApp:
    if state is not None:
        (tmp_path / "state.json").write_text(json.dumps(state), encoding="utf-8")
    keymap_path = tmp_path / "keymap.toml"
    if keymap is not None:
        keymap_path.write_text(keymap, encoding="utf-8")
    return QariApp(articles or [ARTICLE], [], store=StateStore(tmp_path / "state.json"), keymap_path=keymap_path)


def messages(app: QariApp) -> list[str]:
    return [n.message for n in app._notifications]


def unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


async def _started(app: QariApp):
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        return list(messages(app)), app.theme


async def test_markup_in_the_saved_theme_is_reported_once_and_ignored(tmp_path: Path) -> None:
    app = app_with(tmp_path, {"settings": {"theme": "[/red]"}})
    shown, theme = await _started(app)
    assert theme == "qari-dark"
    assert [m for m in shown if "[/red]" in m] == ["Unknown theme '[/red]'; using qari-dark."]
    app.save_state()
    # Saved corrected: the next start says nothing.
    again, _ = await _started(app_with(tmp_path))
    assert not any("theme" in m for m in again)


async def test_wrong_saved_settings_are_named_in_one_line(tmp_path: Path) -> None:
    app = app_with(tmp_path, {"settings": {"bidi": "[b]x", "max_width": [1], "sidebar": "left"}})
    shown, _ = await _started(app)
    (line,) = [m for m in shown if "Reading state" in m]
    assert "bidi='[b]x'" in line and "max_width=[1]" in line and "\n" not in line
    assert app.mode == "app" and app.max_width == 100 and app.sidebar_setting == "left"


async def test_markup_in_a_position_key_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    key = "a:" + "ab" * 8
    app = app_with(tmp_path, {"last_article": key, "positions": {"[/red]": -3, key: 20}})
    shown, _ = await _started(app)
    assert any("'[/red]'" in m for m in shown)
    assert app.state.positions == {key: app.state.positions[key]} and app.state.position(key) > 0


async def test_markup_in_a_keymap_binding_id_is_reported(tmp_path: Path) -> None:
    app = app_with(tmp_path, keymap='[keymap]\n"[/b]" = "x"\n')
    shown, _ = await _started(app)
    assert any("unknown binding id '[/b]'" in m for m in shown)


async def test_markup_as_a_remapped_key_opens_the_help_screen(tmp_path: Path) -> None:
    app = app_with(tmp_path, keymap='[keymap]\nhelp = "f1,[/b]"\nscroll_down = "[red]"\n')
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()


async def test_search_for_markup_with_no_hits(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    app.analyze = True
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(500):  # the analysis starts after the first refresh, then runs in a thread
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.analyses:
                break
        await pilot.press("slash")
        await pilot.pause()
        for ch in "[/red]":
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert any("No hits for '[/red]'" in m for m in messages(app))


async def test_notify_shows_markup_and_controls_as_text(tmp_path: Path) -> None:
    app = app_with(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.notify("file f_\x9b31m_\x1b]52;c;UFdOQ0xJUA==\x07 [/red] [b]x", title="[/i]\x1b[2J")
        await pilot.pause()
        await pilot.pause()
        note = list(app._notifications)[-1]
        assert note.message == "file f_\ufffd31m_\u241b]52;c;UFdOQ0xJUA==\u2407 [/red] [b]x"
        assert note.title == "[/i]\u241b[2J" and note.markup is False


@pytest.mark.parametrize("key", ["y", "Y"])
async def test_the_clipboard_gets_no_control_characters(tmp_path: Path, key: str) -> None:
    hostile = "قبل \x1b]0;pwned\x07 ثم \x1b[2J\x9b31m و\u202eevil\u202c بعد \x00 في الفقرة.\n\nفقرة ثانية.\n"
    article = Article(id="h", path="h.txt", text=hostile, raw=hostile, title="عنوان \x1b]0;pwned\x07 الخبر")
    app = app_with(tmp_path, articles=[article])
    written: list[str] = []
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app._driver.write = written.append  # what would go to the terminal
        await pilot.press(key)
        await pilot.pause()
    osc = [w for w in written if w.startswith("\x1b]52;c;")]
    assert len(osc) == 1
    copied = base64.b64decode(osc[0][len("\x1b]52;c;"):].rstrip("\a")).decode("utf-8")
    assert copied == app.clipboard
    assert not [c for c in copied if unsafe(c)], copied
    # Control pictures, as the screen shows them: the copy still says what the file held.
    assert "\u241b]0;pwned\u2407" in copied and "\u241b[2J" in copied and "\ufffd31m" in copied and "\u2194evil" in copied and "\u2400" in copied
