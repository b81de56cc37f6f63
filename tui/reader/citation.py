"""Text the reader copies: the current passage, optionally with a citation line.

Always logical text (what the file says, in reading order), never the shaped
or visually reordered form the terminal shows: pasted elsewhere it must be
ordinary Arabic again.
"""

from __future__ import annotations

from tui.analysis.model import ArticleAnalysis
from tui.reader.navigation import passage_index
from tui.corpus.model import Article

__all__ = ["passage_text", "citation_line", "cite"]

_ARABIC_COMMA = "،"


def passage_text(article: Article, analysis: ArticleAnalysis | None, offset: int) -> str:
    """The passage holding ``offset``; without passages, the paragraph."""
    text = article.text
    passages = sorted(analysis.passages, key=lambda p: p.start) if analysis is not None else []
    i = passage_index(passages, offset)
    if i is not None:
        p = passages[i]
        return text[p.start : p.end].strip()
    offset = max(0, min(offset, len(text)))
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)].strip()


def citation_line(article: Article, analysis: ArticleAnalysis | None = None) -> str:
    """``— title، source، date`` with missing parts left out; "" when all are missing."""
    date = article.date or (analysis.article_date if analysis is not None else None)
    parts = [p.strip() for p in (article.title, article.source, date) if p and p.strip()]
    return "— " + f"{_ARABIC_COMMA} ".join(parts) if parts else ""


def cite(article: Article, analysis: ArticleAnalysis | None, offset: int) -> str:
    """The passage, then its citation line on the next line."""
    body = passage_text(article, analysis, offset)
    line = citation_line(article, analysis)
    return f"{body}\n{line}" if line else body
