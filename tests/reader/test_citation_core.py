"""Copied text: the current passage in logical order, with a citation line."""

from __future__ import annotations

import pytest

from tui.reader.citation import cite, citation_line, passage_text
from tui.analysis.model import ArticleAnalysis
from tui.analysis.pipeline import analyze_corpus
from tui.corpus.load import load_embedded
from tui.corpus.model import Article


@pytest.fixture(scope="module")
def corpus():
    arts = load_embedded().articles
    return {a.id: a for a in arts}, analyze_corpus(arts)


def test_passage_text_and_cite(corpus):
    arts, analyses = corpus
    art = arts["001_5dc817420f166037"]
    an = analyses[art.id]
    off = art.text.index("يوم 17 فبراير")
    body = passage_text(art, an, off)
    assert body.startswith("فقد أكد ترامب") and "17 فبراير" in body
    assert "\n" not in body
    text = cite(art, an, off)
    first, line = text.split("\n")
    assert first == body
    assert line == f"— {art.title}، تحيا مصر، 2025-12-05"


def test_missing_parts_skipped(corpus):
    arts, analyses = corpus
    art = arts["000_09e1d80d0ae30e8d"]  # no source, no date
    assert art.source is None and art.date is None
    assert citation_line(art, analyses[art.id]) == f"— {art.title}"
    bare = Article(id="x", path="x", text="سطر أول\nسطر ثان")
    assert citation_line(bare) == ""
    assert cite(bare, None, 9) == "سطر ثان"  # no passages: the paragraph


def test_logical_not_visual(corpus):
    arts, analyses = corpus
    art = arts["003_3396751731bab268"]
    off = art.text.index("12 فبراير 2025")
    body = passage_text(art, analyses[art.id], off)
    assert body in art.text
    assert not any("\ufb50" <= c <= "\ufeff" for c in body)  # no presentation forms
    assert not any(c in body for c in "\u202a\u202b\u202e\u2066\u2067")


def test_analysis_date_used_when_article_has_none():
    art = Article(id="x", path="x", text="نص", title="عنوان", source="مصدر")
    an = ArticleAnalysis("x", article_date="2025-01-02")
    assert citation_line(art, an) == "— عنوان، مصدر، 2025-01-02"
