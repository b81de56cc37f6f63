"""The panels' own keys are listed in help and can be remapped like every other key."""

from __future__ import annotations

from tests.ui._panel_helpers import ARTICLES, analyses
from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.ui.entities_panel import EntitiesPanel
from tui.ui.help_screen import HelpScreen


async def test_panel_keys_are_in_help_and_remappable(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "data"))
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\nentities_corpus = "a"\n', encoding="utf-8")
    app = QariApp(ARTICLES, [], store=StateStore(tmp_path / "state.json"), keymap_path=keymap)
    app.analyses = analyses()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        groups = [group for group, _, _ in app.screen.rows]
        assert "Panels" in groups and "Entities panel" in groups
        rows = {does: keys for group, keys, does in app.screen.rows if group == "Entities panel"}
        tooltip = next(b.tooltip for b in EntitiesPanel.BINDINGS if b.id == "entities_corpus")
        assert rows["Entities: " + tooltip[0].lower() + tooltip[1:]] == "a"  # the remapped key is what help shows
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        panel = app.query_one(EntitiesPanel)
        assert panel.has_focus
        assert panel.corpus is False
        await pilot.press("a")
        await pilot.pause()
        assert panel.corpus is True  # "a" turned the panel to its corpus-wide view
