"""Shared set-up for the panel, search and copy tests: one corpus analysis per test session."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.corpus.startup import load

CORPUS = load([])
ARTICLES = [a for a in CORPUS.articles if a.ok]
PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=1)
def analyses():
    from tui.analysis.pipeline import analyze_corpus

    return analyze_corpus(ARTICLES, workers=1)


def make_app(tmp_path: Path, monkeypatch, shared: bool = True) -> QariApp:
    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cache"))
    app = QariApp(ARTICLES, [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml")
    if shared:
        # Stands in for the app's own analysis worker, so tests do not analyse the corpus each time.
        app.analyses = analyses()
    return app


def option_texts(option_list) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]
