"""Loaded formats look like what they are on screen: Markdown without its marks (R shows the file),
the front matter's author in the list, a guessed encoding named in the status line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.corpus.load import load_paths
from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.ui.bidi_text import visual_inline
from tui.ui.header import ArticleHeader

MARKDOWN = """---
title: ملاحظات على المفاوضات
author: أحمد العلي
---

# ملاحظات على المفاوضات

تبدو **المفاوضات** بين واشنطن وموسكو في *بدايتها*، وفق [تقرير رويترز](https://example.com/r) الأخير.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a-notes.md").write_text(MARKDOWN, encoding="utf-8")
    text = "قال المتحدث إن المحادثات مع الولايات المتحدة مفيدة، وإن الحوار مستمر بين البلدين منذ أشهر.\n" * 3
    (d / "b-old.txt").write_bytes(("عنوان قديم\n\n" + text).encode("cp1256"))
    return d


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_markdown_author_and_guessed_encoding_on_screen(folder, tmp_path, size) -> None:
    result = load_paths([folder])
    assert [a.id for a in result.articles] == ["a-notes", "b-old"]
    assert result.articles[1].encoding_guessed
    app = QariApp(result.articles, [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for mark in ("#", "**", "](", "https://"):
            assert mark not in shown
        # The author from the front matter heads the article's line in the list.
        assert visual_inline("أحمد العلي").plain in shown
        assert "(guessed)" not in app.query_one(ArticleHeader).info
        await pilot.press("R")  # the file as it is
        await pilot.pause()
        raw = screen_text(app)
        assert "**" in raw and "---" in raw and app.raw_view
        await pilot.press("R", "J")
        await pilot.pause()
        assert "windows-1256 (guessed)" in app.query_one(ArticleHeader).info
        assert "windows-1256 (guessed)" in screen_text(app)
