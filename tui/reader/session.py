"""The reader's shared state: one typed home for what the app and its widgets all look at.

The app owns one ``ReaderSession`` and hands it to the widgets that need it when it builds them;
they read it, the app changes it and then tells them (a call down, or a message). Nothing reads
these values off the app object. (``tui.store.state.ReaderState`` is what is saved between runs;
this is the running reader.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.analysis.model import ArticleAnalysis
from tui.corpus.model import Article
from tui.text.layout import LayoutOptions

Skip = tuple[str, str]  # (path, one-line reason) of a file that was not loaded


@dataclass(eq=False)
class ReaderSession:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    options: LayoutOptions = field(default_factory=LayoutOptions)
    index: int = 0  # the open article, in ``articles``
    # The corpus analyses, replaced whole by each analysis run (identity tells a new run); empty
    # until the first run is done.
    analyses: dict[str, ArticleAnalysis] = field(default_factory=dict)
    # Why the last analysis run stopped, in one line; None while it runs or once it has worked.
    analysis_failure: str | None = None
    raw_view: bool = False  # the open article is shown as in the file, before repairs
    sidebar_left: bool = False

    def current(self) -> Article | None:
        return self.articles[self.index] if self.articles else None

    def analysed(self) -> dict[str, ArticleAnalysis] | None:
        """The analyses once a run has given any; None while the first is still running (or
        failed, see ``analysis_failure``)."""
        return self.analyses or None

    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        return self.analyses.get(article_id)

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def position_of(self, article_id: str) -> int | None:
        """The index of ``article_id`` in ``articles``, or None when it is not loaded."""
        return next((i for i, a in enumerate(self.articles) if a.id == article_id), None)
