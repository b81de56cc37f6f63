"""Entities of the open article grouped by type, most mentioned first; ``c``: the corpus view.

Presents ``tui.reader.panels.entity_panel`` and ``entity_corpus_view``; names, titles and
snippets reach Textual already shaped and in visual order. In the article list ``enter`` opens
the entity's next mention after the reading position (wrapping), so pressing it again walks
through the mentions. ``c`` switches to every article that mentions the highlighted entity,
with its count and a snippet around the first mention; ``enter`` there opens that article at
the mention, and ``c`` comes back.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import replace

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList

from tui.reader.panels import EntityArticle, entity_corpus_view, entity_panel
from tui.ui.panel_list import HERE, PanelList, Row, Target, corpus_binding, shown, window

INDENT = 6  # cells of the count column


class EntitiesPanel(PanelList):
    TITLE = "Entities"
    EMPTY = "No entities found"
    BINDINGS = [corpus_binding("entities_corpus", "Corpus view",
                               "Every article that mentions the highlighted entity (again: this article)")]

    class EntityHighlighted(Message):
        """The entity whose mentions the article view should stress (None: none)."""

        def __init__(self, entity_id: str | None) -> None:
            super().__init__()
            self.entity_id = entity_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        self.entity_id: str | None = None  # the entity of the corpus view
        self._found: tuple[str | None, object, list[EntityArticle]] | None = None
        super().__init__(id=id, classes=classes)

    def titles(self) -> tuple[str, str]:
        if self.corpus:
            return "Entity in the corpus", "enter open · c this article"
        return self.TITLE, "enter next mention · c corpus"

    def content_key(self) -> Hashable:
        # The corpus view is the same whatever article is open (unless a long one shows others).
        return ("corpus", self.entity_id, self.corpus_rows().start) if self.corpus else super().content_key()

    def rows(self, width: int) -> Iterable[Row]:
        return self._corpus_rows(width) if self.corpus else self._article_rows(width)

    def _article_rows(self, width: int) -> Iterable[Row]:
        for group in entity_panel(self.analysis):
            yield Row(Text(group.label, style="bold"))
            for item in group.items:
                line = Text(f"{item.count:>4}  ")
                line.append_text(self.shaped(item.name, width - INDENT))
                yield Row(line, item.id)

    def _corpus_rows(self, width: int) -> Iterable[Row]:
        data = self.data
        found = self.corpus_view()
        name = self.entity_name(found[0].article_id) if found else ""
        rows = self.corpus_rows()
        heading = Text()
        heading.append_text(self.shaped(name, width, style="bold"))
        heading.append("\n" + shown(len(found), rows, "articles") + f" · {sum(f.count for f in found)} mentions",
                       style="dim")
        yield Row(heading)
        for f in (found[i] for i in rows):
            here = HERE if f.article_id == data.article_id else " "
            line = Text(f"{here}{f.count:>3}  ")
            line.append_text(self.shaped(f.title, width - INDENT, style="bold"))
            line.append("\n" + " " * INDENT)
            line.append_text(self.shaped(f.snippet, width - INDENT, style="dim"))
            yield Row(line, Target(f.article_id, f.first_offset, f.first_end))

    def corpus_view(self) -> list[EntityArticle]:
        """Every article mentioning the corpus view's entity, computed once per entity and analyses."""
        analyses = self.data.analyses
        if self._found is None or self._found[0] != self.entity_id or self._found[1] is not analyses:
            self._found = (self.entity_id, analyses, entity_corpus_view(self.entity_id or "", analyses, self.data.articles))
        return self._found[2]

    def corpus_rows(self) -> range:
        """Which articles of the corpus view are laid out: all, or a window holding the open one."""
        found, here = self.corpus_view(), self.data.article_id
        return window(len(found), next((i for i, f in enumerate(found) if f.article_id == here), None))

    def entity_name(self, article_id: str) -> str:
        """The corpus view's entity as named in ``article_id`` (one id, one name corpus-wide)."""
        an = self.data.analyses.get(article_id)
        m = next((m for m in an.entities if m.id == self.entity_id), None) if an is not None else None
        return (m.name or m.text) if m is not None else (self.entity_id or "")

    def next_mention(self, entity_id: str) -> tuple[int, int] | None:
        """The entity's first mention after the reading position, else its first mention."""
        if self.analysis is None:
            return None
        spans = sorted((m.start, m.end) for m in self.analysis.entities if m.id == entity_id)
        if not spans:
            return None
        return next((s for s in spans if s[0] > self.data.offset), spans[0])

    def open(self, value: object) -> None:
        if isinstance(value, str):  # an entity of the article list
            span = self.next_mention(value)
            if span is not None:
                # The next enter walks on from this mention.
                self.data = replace(self.data, offset=span[0])
                self.post_message(self.Open(self.data.article_id, *span))
        else:
            super().open(value)

    def action_toggle_corpus(self) -> None:
        if not self.corpus:
            chosen = self.chosen
            if not isinstance(chosen, str):
                self.notify("Choose an entity first", timeout=2)
                return
            self.entity_id = chosen
        super().action_toggle_corpus()
        if not self.corpus and self.entity_id is not None and self.entity_id in self.values:
            self.highlighted = self.values.index(self.entity_id)

    def entity_in_focus(self) -> str | None:
        """The entity of the corpus view, else the highlighted one."""
        if self.corpus:
            return self.entity_id
        chosen = self.chosen
        return chosen if isinstance(chosen, str) else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.data is not None:
            self.post_message(self.EntityHighlighted(self.entity_in_focus()))
