"""SVG snapshots of each side panel and the search prompt, docked (120x40) and overlaid (80x24).

Regenerate with --snapshot-update after a deliberate change, and look at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tui.analysis.model import ArticleAnalysis, DateMention, Link, Mention, Passage

from tests.ui._panel_helpers import ARTICLES, make_app

SIZES = [(120, 40), (80, 24)]
IDS = ["120x40", "80x24"]


def _before(keys: list[str], article: int = 1):
    async def run(pilot) -> None:
        app = pilot.app
        app._open(article, save=False)
        await pilot.pause()
        app.view.finish_layout()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        for field in app.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run


def _pinned() -> dict[str, ArticleAnalysis]:
    """Hand-made analyses, so these pictures move with the panels and not with the extractors."""
    out = {a.id: ArticleAnalysis(a.id) for a in ARTICLES}
    art, other = ARTICLES[1], ARTICLES[3]
    text = art.text
    an = out[art.id]
    start = 0
    for para in text.split("\n"):
        if para.strip():
            an.passages.append(Passage(start, start + len(para)))
        start += len(para) + 1
    people = {"ترامب": ("PER", "e:trump", "دونالد ترامب"), "بوتين": ("PER", "e:putin", "فلاديمير بوتين"),
              "واشنطن": ("LOC", "e:dc", "واشنطن"), "موسكو": ("LOC", "e:moscow", "موسكو")}
    for word, (kind, eid, name) in people.items():
        i = text.find(word)
        while i >= 0:
            an.entities.append(Mention(i, i + len(word), word, kind, eid, name))
            i = text.find(word, i + 1)
    for written, value in (("19 فبراير", "2025-02-19"), ("17 فبراير", "2025-02-17"), ("31 يناير", "2025-01-31")):
        i = text.find(written)
        an.dates.append(DateMention(i, i + len(written), written, value, "gregorian", value,
                                    note="year from article date"))
    first = an.passages[0]
    target = other.text.find("\n") + 1
    an.links.append(Link(first.start, first.end, other.id, target, target + 80, 0.5, "مشترك: ترامب، بوتين"))
    return out


def _app(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, shared=False)
    app.analyses = _pinned()
    app.theme = "qari-dark"
    return app


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_entities_panel(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["e"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_dates_panel(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["d"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_links_panel(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["l"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_search_results(snap_compare, tmp_path, monkeypatch, size) -> None:
    keys = ["slash", *"ترامب", "enter"]
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(keys))
