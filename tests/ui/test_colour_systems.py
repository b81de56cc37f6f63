"""Highlights stay pairwise distinguishable in truecolor, 256 colours, 16 colours and NO_COLOR.

A terminal reached over SSH often gets 256 colours (COLORTERM is dropped) or 16 (TERM=xterm or
screen), and some readers set NO_COLOR. Each kind of mark must still differ from plain text and
from every other kind, by colour after the downgrade a terminal of that depth would see, or by a
text attribute.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from rich.color import ColorSystem
from rich.style import Style

from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.corpus.startup import load

CORPUS = load([])
# What a reader must tell apart on a line of text. The flash style marks both a followed link's
# target passage and the current search hit.
TEXT_MARKS = {
    "plain": None,
    "person": "article--person",
    "place": "article--place",
    "organisation": "article--org",
    "event": "article--event",
    "date": "article--date",
    "search hit / link target": "article--flash",
    "chosen entity (Entities panel)": "article--emphasis",
}
SYSTEMS = {
    "truecolor": ColorSystem.TRUECOLOR,
    "256": ColorSystem.EIGHT_BIT,
    "16": ColorSystem.STANDARD,
    "no-color": None,
}


def _signature(style: Style, system: ColorSystem | None) -> tuple:
    def colour(c):
        if c is None or system is None:
            return None
        c = c.downgrade(system)
        return c.triplet if c.triplet is not None else c.number

    return (
        colour(style.color), colour(style.bgcolor),
        bool(style.bold), bool(style.dim), bool(style.italic), bool(style.underline), bool(style.reverse),
    )


@pytest.mark.parametrize("theme", ["qari-dark", "qari-light"])
@pytest.mark.parametrize("system", list(SYSTEMS))
async def test_marks_are_pairwise_distinguishable(tmp_path: Path, monkeypatch, theme: str, system: str) -> None:
    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "data"))
    if system == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = QariApp(CORPUS.articles, CORPUS.skipped, store=StateStore(tmp_path / "state.json"),
                  keymap_path=tmp_path / "none.toml", theme=theme)
    async with app.run_test(size=(100, 30)):
        view = app.view
        base = view.get_component_rich_style("article-view--text")
        styles = {
            name: base if cls is None else base + view.get_component_rich_style(cls)
            for name, cls in TEXT_MARKS.items()
        }
        signatures = {name: _signature(style, SYSTEMS[system]) for name, style in styles.items()}
        same = [(a, b) for a, b in combinations(signatures, 2) if signatures[a] == signatures[b]]
        assert not same, f"indistinguishable in {system} ({theme}): {same}"
        # The current-paragraph bar must show without colour too (an attribute, not only a hue).
        marker = view.get_component_rich_style("article-view--marker")
        if system == "no-color":
            assert marker.bold or marker.reverse or marker.underline, marker
        else:
            assert _signature(marker, SYSTEMS[system]) != _signature(base, SYSTEMS[system])
