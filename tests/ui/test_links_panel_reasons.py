"""The Links panel as a reader meets it: the whole reason of each link (it used to be cut at the
panel's width, hiding which names two passages share), its strength in a word beside the glyph,
at most five links, and the strong-only walk named on the status line."""

from __future__ import annotations

from tests.ui._panel_helpers import ARTICLES, analyses, option_texts
from tui.reader.navigation import MAX_LINKS
from tui.reader.status_line import STRONG_ONLY
from tui.ui.links_panel import MARGIN, LinksPanel


def _long_reason_link():
    """A link whose reason is wider than the panel's text column at 100 columns."""
    an = analyses()
    for a in ARTICLES:
        for link in an[a.id].links:
            if len(link.reason) > 60:
                return a.id, link
    raise AssertionError("no long reason in the embedded corpus")


async def test_a_long_reason_is_read_whole(make_app) -> None:
    app = make_app()
    aid, link = _long_reason_link()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article([a.id for a in ARTICLES].index(aid), save=False)
        await pilot.pause()
        app.view.set_flash((link.start, link.end))
        await pilot.press("l")
        await pilot.pause()
        panel = app.query_one(LinksPanel)
        texts = option_texts(panel)
        i = next(k for k, it in enumerate(panel.items) if it.reason == link.reason)
        lines = texts[i].split("\n")
        # title, strength line, the reason (wrapped), snippet
        reason_lines = lines[2:-1]
        assert len(reason_lines) >= 2
        assert not any(line.rstrip().endswith("…") or line.lstrip().startswith("…") for line in reason_lines)
        # Every word of the reason is on screen (shaping changes the letters' code points, so
        # compare lengths of the words' runs: as many words as the reason has).
        words = sum(len(line.split()) for line in reason_lines)
        assert words == len(link.reason.split())


async def test_strength_reads_as_a_word_and_five_links_at_most(make_app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    an = analyses()
    # The passage with the most links in the corpus.
    aid, start = max(((a.id, l.start) for a in ARTICLES for l in an[a.id].links),
                     key=lambda x: sum(1 for l in an[x[0]].links if l.start == x[1]))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article([a.id for a in ARTICLES].index(aid), save=False)
        await pilot.pause()
        app.view.set_flash((start, start + 1))
        await pilot.press("l")
        await pilot.pause()
        panel = app.query_one(LinksPanel)
        texts = option_texts(panel)
        assert 1 <= len(texts) <= MAX_LINKS
        for text, item in zip(texts, panel.items):
            second = text.split("\n")[1]
            assert second.startswith(" " * MARGIN + ("◆ strong" if item.strength == "strong" else "◇ related"))
        scores = [it.score for it in panel.items]
        assert scores == sorted(scores, reverse=True)


async def test_the_strong_only_walk_is_named_on_the_status_line(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        header = app.query_one("ArticleHeader")
        assert STRONG_ONLY not in header.info
        app.view.action_toggle_strong_links()
        await pilot.pause()
        assert STRONG_ONLY in header.info
        app.view.action_toggle_strong_links()
        await pilot.pause()
        assert STRONG_ONLY not in header.info
