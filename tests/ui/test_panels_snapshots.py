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
        app.open_article(article, save=False)
        await pilot.pause()
        app.view.finish_layout()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        for field in app.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run


PEOPLE = {"ترامب": ("PER", "e:trump", "دونالد ترامب"), "بوتين": ("PER", "e:putin", "فلاديمير بوتين"),
          "واشنطن": ("LOC", "e:dc", "واشنطن"), "موسكو": ("LOC", "e:moscow", "موسكو")}
DATES = {  # article index: (as written, calendar, value, Gregorian)
    1: [("19 فبراير", "gregorian", "2025-02-19", "2025-02-19"), ("17 فبراير", "gregorian", "2025-02-17", "2025-02-17"),
        ("31 يناير", "gregorian", "2025-01-31", "2025-01-31"),
        ("14 جمادى\xa0الثانية 1447", "hijri", "1447-06-14", "2025-12-05")],
    3: [("12 فبراير", "gregorian", "2025-02-12", "2025-02-12")],
}


def _pinned() -> dict[str, ArticleAnalysis]:
    """Hand-made analyses, so these pictures move with the panels and not with the extractors."""
    out = {a.id: ArticleAnalysis(a.id) for a in ARTICLES}
    for n in (1, 3):
        art = ARTICLES[n]
        text, an = art.text, out[art.id]
        start = 0
        for para in text.split("\n"):
            if para.strip():
                an.passages.append(Passage(start, start + len(para)))
            start += len(para) + 1
        for word, (kind, eid, name) in PEOPLE.items():
            i = text.find(word)
            while i >= 0:
                an.entities.append(Mention(i, i + len(word), word, kind, eid, name))
                i = text.find(word, i + 1)
        for written, calendar, value, gregorian in DATES[n]:
            i = text.find(written)
            assert i >= 0, written
            note = "" if calendar == "hijri" or n == 3 else "year from article date"
            an.dates.append(DateMention(i, i + len(written), written, value, calendar, gregorian, note=note))
    # Two links from the first passage of article 1: the best one, strong, disagrees on the day.
    first = out[ARTICLES[1].id].passages[0]
    for other, score, reason, conflict, strength in (
        (ARTICLES[3], 0.7, "نفس الحدث: اتصال ترامب وبوتين", "التاريخ: 19 فبراير ≠ 18 فبراير", "strong"),
        (ARTICLES[4], 0.5, "مشترك: ترامب، بوتين", None, "related"),
    ):
        target = other.text.find("\n") + 1
        out[ARTICLES[1].id].links.append(
            Link(first.start, first.end, other.id, target, target + 80, score, reason, conflict, strength))
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
def test_entity_corpus_view(snap_compare, tmp_path, monkeypatch, size) -> None:
    # The most mentioned person (Trump), then every article that mentions him.
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["e", "c"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_timeline(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["d", "c"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_dates_panel(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["d"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_links_panel(snap_compare, tmp_path, monkeypatch, size) -> None:
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(["l"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_search_results(snap_compare, tmp_path, monkeypatch, size) -> None:
    # Docked, enter leaves the results beside the text (the article has the keys, at the first
    # hit); over the text, enter closes them, so the list is shown as typed.
    keys = ["slash", *"ترامب"] + (["enter"] if size[0] >= 100 else [])
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_before(keys))
