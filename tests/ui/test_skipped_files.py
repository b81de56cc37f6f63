"""Skipped files are visible: a count in the status line, and ``s`` (or the palette) lists each
with its one-line reason, scrollable, hostile names shown harmlessly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tui.corpus.load import load_paths
from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.ui.header import ArticleHeader
from tui.ui.skipped_screen import SkippedScreen


def folder_app(folder: Path, tmp_path: Path) -> QariApp:
    result = load_paths([folder])
    articles = [a for a in result.articles if a.ok]
    skipped = list(result.skipped) + [(a.path, a.error or "") for a in result.articles if not a.ok]
    return QariApp(articles, skipped, store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "ok.txt").write_text("عنوان الخبر\n\nنص الخبر هنا.\n", encoding="utf-8")
    (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (d / "notes.docx").write_bytes(b"PK\x03\x04")
    (d / "evil\x1b[2J\x1b]0;pwned\x07.bin").write_bytes(b"x")
    return d


def rows(screen: SkippedScreen) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_status_line_counts_them_and_s_lists_each_with_its_reason(folder, tmp_path, size) -> None:
    app = folder_app(folder, tmp_path)
    assert len(app.skipped) == 3
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "3 skipped" in app.query_one(ArticleHeader).info
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SkippedScreen)
        shown = rows(app.screen)
        assert len(shown) == 3
        assert any(r.startswith("photo.png — unsupported file type .png") for r in shown)
        assert any(r.startswith("notes.docx — unsupported file type .docx") for r in shown)
        evil = next(r for r in shown if r.startswith("evil"))
        # The escape sequences are shown as pictures, never sent to the terminal.
        assert "\x1b" not in evil and "\x07" not in evil and "␛[2J" in evil and ".bin — unsupported" in evil
        screen_text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "\x1b" not in screen_text and "photo.png" in screen_text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SkippedScreen) and app.focused is app.view


async def test_a_long_list_scrolls_to_its_last_file(tmp_path) -> None:
    d = tmp_path / "many"
    d.mkdir()
    (d / "ok.txt").write_text("عنوان\n\nنص.\n", encoding="utf-8")
    for n in range(40):
        (d / f"image-{n:02d}.jpg").write_bytes(b"\xff\xd8\xff")
    app = folder_app(d, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == 40 and options.size.height < 40
        await pilot.press("end")
        await pilot.pause()
        assert options.highlighted == 39 and options.scroll_y > 0
        screen_text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "image-39.jpg — unsupported file type .jpg" in screen_text


async def test_the_palette_has_the_list_and_nothing_skipped_says_so(tmp_path) -> None:
    d = tmp_path / "clean"
    d.mkdir()
    (d / "ok.txt").write_text("عنوان\n\nنص.\n", encoding="utf-8")
    app = folder_app(d, tmp_path)
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        commands = {name: run for name, _, run in app.command_list()}
        assert "Skipped files and why" in commands
        app.notify = lambda message, *a, **k: notices.append(message)
        commands["Skipped files and why"]()
        await pilot.pause()
        assert not isinstance(app.screen, SkippedScreen) and notices == ["No files were skipped"]
        assert "skipped" not in app.query_one(ArticleHeader).info
    assert os.path.isdir(d)
