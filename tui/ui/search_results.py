"""The search prompt's results list: an OptionList whose length changing does not lay out the screen.

OptionList stores its line count in ``virtual_size``, a reactive that lays out the whole screen
when it changes. Typing changes it whenever the number of hits listed does (from none to a page
on the first key, to a few on a rarer word), and a layout repaints the article and the sidebar
too: about as much as the rest of the key. The list's own size comes from the stylesheet, not
from its options, so only the scrollbar can need a layout, when it appears or goes; it is
always shown (an empty list to a page was a layout on the first key of every query).
"""

from __future__ import annotations

from textual.widgets import OptionList


class SearchResults(OptionList):
    _quiet = False

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if self._quiet:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _update_lines(self) -> None:
        if self.styles.auto_dimensions:  # sized by its options: the layout is needed
            super()._update_lines()
            return
        bars = (self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        self._quiet = True
        try:
            super()._update_lines()
        finally:
            self._quiet = False
        if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != bars:
            self.refresh(layout=True)
