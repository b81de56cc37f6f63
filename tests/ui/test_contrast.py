"""Every text/background pair Qari draws reads at 4.5:1 (WCAG AA) in both themes, at truecolor,
256 and 16 colours and with NO_COLOR, after the downgrade (see ``_contrast``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _contrast import SYSTEMS, failures, pairs
from _panel_helpers import make_app

PANELS = ("entities", "dates", "links", "search")


async def _collect(app, pilot, system: str, no_color: bool) -> list[str]:
    found = failures(app, system, no_color)
    for panel in PANELS:
        app.action_toggle_panel(panel)
        await pilot.pause()
        found += failures(app, system, no_color)
        app.query_one("PanelHost").close()
        await pilot.pause()
    return sorted(set(found))


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", ["qari-dark", "qari-light"])
async def test_every_pair_reads_at_4_5(tmp_path: Path, monkeypatch, theme: str, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(tmp_path, monkeypatch)
    app.theme = theme
    async with app.run_test(size=(120, 40)) as pilot:
        assert sum(1 for _ in pairs(app)) > 100  # the walk found the widgets and highlight kinds
        bad = {system: await _collect(app, pilot, system, no_color) for system in SYSTEMS}
        bad = {s: f for s, f in bad.items() if f}
        assert not bad, "\n".join(f"[{s}] {line}" for s, lines in bad.items() for line in lines)
