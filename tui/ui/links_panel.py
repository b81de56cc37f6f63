"""Links of the passage at the reading position: where each goes, why, and its first words.

Presents ``tui.reader.panels.links_panel``, best link first. Each link is the target
article's title, the reason, and the start of the target passage, all shaped. A link whose
passages disagree (another day, another count) carries ``!`` in its first column and a line
with the conflicting values (``التاريخ: 18 فبراير ≠ 19 فبراير``): both survive 16 colours and
``NO_COLOR``. ``up``/``down`` choose, ``enter`` follows (a history visit: ``backspace``
returns).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from rich.text import Text

from tui.reader.navigation import passage_index
from tui.reader.panels import LinkItem, links_panel
from tui.ui.panel_list import PanelData, PanelList, Row, Target

CONFLICT = "!"  # first-column mark of a link whose passages disagree (ASCII: one cell everywhere)
MARGIN = 2  # cells of the mark column


class LinksPanel(PanelList):
    TITLE = "Links"
    EMPTY = "No links from this passage"
    COMPONENT_CLASSES = {"links-panel--conflict"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[LinkItem] = []

    def on_mount(self) -> None:
        # The conflict colour is baked into the prompts: a theme change must redraw them.
        self.watch(self.app, "theme", self._restyle, init=False)

    def _restyle(self) -> None:
        if self.data is not None:
            self.render_rows()

    def titles(self) -> tuple[str, str]:
        return self.TITLE, "↑↓ choose · enter follow"

    def passage_start(self) -> int | None:
        an = self.analysis
        if an is None:
            return None
        passages = sorted(an.passages, key=lambda p: p.start)
        i = passage_index(passages, self.data.offset)
        return passages[i].start if i is not None else None

    def move_to(self, offset: int) -> None:
        before = self.passage_start()
        super().move_to(offset)
        if self.passage_start() != before:
            self.show(self.data)

    def content_key(self) -> Hashable:
        # Moving inside one passage keeps the chosen link; another passage starts at its best.
        return (super().content_key(), self.passage_start())

    def show(self, data: PanelData) -> None:
        self.data = data
        an = self.analysis
        self.items = links_panel(an, data.offset, data.articles) if an is not None else []
        self.render_rows()

    def rows(self, width: int) -> Iterable[Row]:
        w = width - MARGIN
        conflict_style = self.component("links-panel--conflict")
        for item in self.items:
            mark = CONFLICT if item.conflict else " "
            prompt = Text()
            prompt.append(f"{mark} ", style=conflict_style if item.conflict else "")
            prompt.append_text(self.shaped(item.target_title, w - 10, style="bold"))
            # Strength in words as well as a glyph: it must read without colour.
            prompt.append(" ◆ strong" if item.strength == "strong" else " ◇ related", style="bold" if item.strength == "strong" else "dim")
            prompt.append("\n" + " " * MARGIN)
            prompt.append_text(self.shaped(item.reason, w))
            if item.conflict:
                prompt.append(f"\n{CONFLICT} ", style=conflict_style)
                prompt.append_text(self.shaped(item.conflict, w, style=conflict_style))
            prompt.append("\n" + " " * MARGIN)
            prompt.append_text(self.shaped(item.snippet, w, style="dim"))
            yield Row(prompt, Target(item.target_article_id, item.target_start, item.target_end), divider=True)
