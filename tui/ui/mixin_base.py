"""What ``QariApp`` gives the mixins it is built from (``CollectionMixin``, ``FetchMixin``), stated
once for the type checker. At run time the base is plain ``object``: the app supplies it all."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from tui.corpus.model import Article
    from tui.reader.session import ReaderSession, Skip
    from tui.ui.article_view import ArticleView
    from tui.ui.sidebar import Sidebar

    class ReaderAppBase(App[int]):
        session: ReaderSession
        analyze: bool
        raw_view: bool
        _run_analysis: Callable[[], object]  # a thread worker (Textual's @work)

        @property
        def view(self) -> ArticleView: ...
        @property
        def sidebar(self) -> Sidebar: ...
        @property
        def articles(self) -> list[Article]: ...
        @property
        def skipped(self) -> list[Skip]: ...
        @property
        def index(self) -> int: ...
        @index.setter
        def index(self, value: int) -> None: ...
        def _update_header(self) -> None: ...
else:
    ReaderAppBase = object
