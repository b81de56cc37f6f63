"""Entities of the open article, grouped by type, most mentioned first.

Presents ``tui.analysis.panels.entity_panel``; names reach Textual already shaped and in
visual order. ``enter`` on an entity posts ``JumpTo`` with its next mention after the
reading position (wrapping), so pressing it again walks through the mentions.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.analysis.model import ArticleAnalysis
from tui.analysis.panels import entity_panel
from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_line


class EntitiesPanel(OptionList):
    """One line per entity: count, then the name (visual order)."""

    class JumpTo(Message):
        def __init__(self, article_id: str, offset: int, entity_id: str = "") -> None:
            super().__init__()
            self.article_id = article_id
            self.offset = offset
            self.entity_id = entity_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Entities"
        self.article_id = ""
        self.analysis: ArticleAnalysis | None = None
        self.from_offset = 0  # where the next mention is looked for from
        self.layout_options = LayoutOptions()

    def show(self, article_id: str, analysis: ArticleAnalysis | None, offset: int = 0,
             options: LayoutOptions | None = None) -> None:
        self.article_id = article_id
        self.analysis = analysis
        self.from_offset = offset
        if options is not None:
            self.layout_options = options
        self._render_items()

    def on_resize(self) -> None:
        if self.analysis is not None:
            self._render_items()

    def _render_items(self) -> None:
        analysis = self.analysis
        highlighted = self.highlighted
        self.clear_options()
        if analysis is None:
            self.add_option(Option(Text("Analysing…", style="italic"), disabled=True))
            return
        groups = entity_panel(analysis)
        if not groups:
            self.add_option(Option(Text("No entities found"), disabled=True))
            return
        for group in groups:
            self.add_option(Option(Text(group.label, style="bold"), disabled=True))
            for item in group.items:
                line = Text(f"{item.count:>4}  ")
                # Cut to the panel so the list never wraps a visual line (that would put its end first).
                line.append_text(visual_line(item.name, _width(self) - 6, self.layout_options))
                self.add_option(Option(line, id=f"ent:{item.id}"))
        first = next((i for i in range(self.option_count) if not self.get_option_at_index(i).disabled), None)
        self.highlighted = highlighted if highlighted is not None and highlighted < self.option_count else first

    def next_mention(self, entity_id: str) -> int | None:
        """Start of the entity's first mention after ``offset``, else its first mention."""
        if self.analysis is None:
            return None
        starts = sorted(m.start for m in self.analysis.entities if m.id == entity_id)
        if not starts:
            return None
        return next((s for s in starts if s > self.from_offset), starts[0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if not oid.startswith("ent:"):
            return
        entity_id = oid[4:]
        start = self.next_mention(entity_id)
        if start is not None:
            self.from_offset = start
            self.post_message(self.JumpTo(self.article_id, start, entity_id))


def _width(widget) -> int:
    """Cells a prompt may use: the content width, or a dock's width before the first layout."""
    w = widget.scrollable_content_region.width
    return max(12, w - 3) if w > 6 else 40  # room for a vertical scrollbar that may appear
