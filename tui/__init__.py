"""Qari (قارئ): a terminal reader for Arabic news and analysis articles."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__version__ = "0.1.0"


def styles_dir() -> Path:
    """The folder of Textual stylesheets, wherever the package was installed."""
    return Path(str(resources.files("tui.styles")))


def embedded_corpus_dir() -> Path:
    """The folder of the embedded default corpus (the five articles Qari starts from)."""
    return Path(str(resources.files("tui.embedded")))
