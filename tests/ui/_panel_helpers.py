"""The panel, search and copy tests' corpus: the embedded articles and one analysis of them per test
session (the app that shows them is the ``make_app`` fixture, tests/ui/conftest.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from tui.corpus.startup import load

CORPUS = load([])
ARTICLES = [a for a in CORPUS.articles if a.ok]
PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=1)
def analyses():
    from tui.analysis.pipeline import analyze_corpus

    return analyze_corpus(ARTICLES, workers=1)


def option_texts(option_list) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]
