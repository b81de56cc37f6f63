"""Qari (قارئ): a terminal reader for Arabic news and analysis articles."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

_HERE = Path(__file__).resolve().parent


def _data_dir(installed: str, source: str) -> Path:
    # An installed package carries the folder inside itself (pyproject maps it there); a source
    # checkout or an editable install keeps it at the repository's top level.
    inside = _HERE / installed
    return inside if inside.is_dir() else _HERE.parent / source


def styles_dir() -> Path:
    """The folder of Textual stylesheets, wherever the package was installed."""
    return _data_dir("styles", "styles")


def embedded_corpus_dir() -> Path:
    """The folder of the embedded default corpus (the five articles Qari starts from)."""
    return _data_dir("embedded", "corpus")
