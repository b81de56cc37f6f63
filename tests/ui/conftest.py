"""Fixtures of the UI tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui._panel_helpers import ARTICLES, analyses
from tui.store.state import StateStore
from tui.ui.app import QariApp


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., QariApp]:
    """The reader on the embedded corpus, its state and cache in this test's own folder.

    With ``shared`` (the default) the corpus analysis of the session stands in for the app's own
    analysis worker, so tests do not analyse the corpus each time."""
    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cache"))

    def make(shared: bool = True) -> QariApp:
        app = QariApp(ARTICLES, [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml")
        if shared:
            app.set_analyses(analyses())
        return app

    return make
