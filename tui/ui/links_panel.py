"""Links of the passage at the reading position: where each goes, how strong, why, and its first words.

Presents ``tui.reader.panels.links_panel``: the passage's best links (at most five), best first.
Each link is a few lines: its strength glyph in the first column and the target article's title;
the strength in words and the target's source; the whole reason, wrapped (a reason cut at the
panel's width hid which names two passages share); then the start of the target passage. All
Arabic goes through the layout engine. A link whose passages disagree (another day, another
count) has a line marked ``!`` in the first column with the conflicting values (``التاريخ: 18
فبراير ≠ 19 فبراير``). Strength and conflict read without colour (glyph and word), so they survive
16 colours and ``NO_COLOR``. ``up``/``down`` choose, ``enter`` follows (a history visit:
``backspace`` returns).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from rich.text import Text

from tui.reader.navigation import passage_index
from tui.reader.panels import LinkItem, links_panel
from tui.reader.status_line import MARKS, strength_label
from tui.ui.panel_list import PanelData, PanelList, Row, Target

CONFLICT = "!"  # first-column mark of a link whose passages disagree (ASCII: one cell everywhere)
MARGIN = 2  # cells of the mark column
REASON_LINES = 12  # a reason is read whole: this only bounds a pathological one


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
        i = passage_index(passages, self.showing.offset)
        return passages[i].start if i is not None else None

    def move_to(self, offset: int) -> None:
        before = self.passage_start()
        super().move_to(offset)
        if self.passage_start() != before:
            self.show(self.showing)

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
            strong = item.strength == "strong"
            # Bold or plain, never a colour of its own: glyph and word say the strength everywhere.
            strength_style = "bold" if strong else ""
            prompt = Text()
            prompt.append(f"{MARKS['strong'] if strong else MARKS['related']} ", style=strength_style)
            prompt.append_text(self.shaped(item.target_title, w, style="bold"))
            # Strength in words as well as a glyph: it must read without colour.
            prompt.append("\n" + " " * MARGIN)
            label = strength_label(item.strength)
            prompt.append(label, style=strength_style)
            if item.target_source:
                prompt.append(" · ", style="dim")
                prompt.append_text(self.shaped(item.target_source, max(4, w - len(label) - 3), style="dim",
                                              align="left"))
            for line in self.shaped_lines(item.reason, w, REASON_LINES):
                prompt.append("\n" + " " * MARGIN)
                prompt.append_text(line)
            if item.conflict:
                prompt.append(f"\n{CONFLICT} ", style=conflict_style)
                prompt.append_text(self.shaped(item.conflict, w, style=conflict_style))
            prompt.append("\n" + " " * MARGIN)
            prompt.append_text(self.shaped(item.snippet, w, style="dim"))
            yield Row(prompt, Target(item.target_article_id, item.target_start, item.target_end), divider=True)
