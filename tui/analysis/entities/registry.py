"""The process-wide gazetteer and token classifier, built on first use and
rebuilt when the user's ``entities.tsv`` changes; the one-article entry point."""

from __future__ import annotations

from pathlib import Path

from tui.analysis.entities.rules import Article
from tui.analysis.entities.tokens import Classifier
from tui.analysis.gazetteer import Gazetteer, build_gazetteer
from tui.analysis.model import Mention

_GAZ: Gazetteer | None = None
_CLASSIFIER: Classifier | None = None


def get_gazetteer() -> Gazetteer:
    global _GAZ, _CLASSIFIER
    if _GAZ is None:
        _GAZ = build_gazetteer()
        _CLASSIFIER = Classifier(_GAZ)
    return _GAZ


def reload_gazetteer(user_file: Path | None | bool = True) -> Gazetteer:
    """Rebuild the gazetteer (e.g. after the user edited ``entities.tsv``).
    ``gazetteer.warnings`` lists skipped lines."""
    global _GAZ, _CLASSIFIER
    _GAZ = build_gazetteer(user_file)
    _CLASSIFIER = Classifier(_GAZ)
    return _GAZ


def _classifier() -> Classifier:
    get_gazetteer()
    assert _CLASSIFIER is not None
    return _CLASSIFIER


def extract_entities(text: str) -> list[Mention]:
    """Entity mentions of one article, in text order, never overlapping."""
    return Article(_classifier(), text).mentions()


def gazetteer_warnings() -> list[str]:
    """Lines of the user's ``entities.tsv`` (or shipped lists) that were skipped, and why."""
    return list(get_gazetteer().warnings)


def english_names() -> dict[str, str]:
    """Lower-case English name → entity id (``putin`` → the id of بوتين)."""
    return get_gazetteer().english_names()


# -- corpus-wide grouping ----------------------------------------------------------
