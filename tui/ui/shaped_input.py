"""A one-line Input that draws what is typed shaped and in visual order.

Textual's Input prints its value in logical order, which a terminal in explicit bidi mode shows
as isolated letters running backwards. This one keeps the value logical (editing, ``value``,
events are Textual's) and only draws it through the layout engine: the cursor sits on the
cluster holding the logical cursor position, or, at the end of the text, on a blank cell at its
logical end (the left of right-to-left text). A line longer than the field shows the end where
the cursor is. In ``terminal``/``off`` modes the terminal (or nobody) reorders: Textual's own
drawing is right then.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from tui.text.layout import LayoutOptions, Line, layout_paragraph
from tui.text.terminals import for_terminal

WIDE = 10_000  # lay the value out on one line, however long


def visual_input_line(value: str, options: LayoutOptions) -> Line:
    """``value`` as one display line (clusters in visual order, each with its logical range)."""
    return layout_paragraph(value, 0, len(value), WIDE, options).lines[0]


REPLAYS = 200  # keys handed back after enter, at most, before the focus has moved on


class ShapedInput(Input):
    """``hand_off``: ``enter`` submits and the keys typed after it go to whatever takes the focus
    next (the search gives the keys back to the article: ``/putin`` enter ``n``). Textual runs the
    enter binding only once the key has bubbled back to the app, after the keys queued behind it
    have been typed into the field; here enter is handled in order, and the keys behind it are
    posted to the app again, which gives them to the widget focused by then."""

    def __init__(self, *args, options: LayoutOptions | None = None, hand_off: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.layout_options = options or LayoutOptions()
        self.hand_off = hand_off
        self._handing_off = 0  # > 0 after enter, until the field has the focus again

    async def _on_key(self, event: events.Key) -> None:
        if self._handing_off:
            event.stop()
            event.prevent_default()
            if self._handing_off <= REPLAYS:
                self._handing_off += 1
                self.app.post_message(events.Key(event.key, event.character))
            return
        if self.hand_off and event.key == "enter":
            event.stop()
            event.prevent_default()
            self._handing_off = 1
            self.post_message(self.Submitted(self, self.value))
            return
        await super()._on_key(event)

    def _on_focus(self, event: events.Focus) -> None:
        self._handing_off = 0
        super()._on_focus(event)

    def set_layout_options(self, options: LayoutOptions) -> None:
        if options != self.layout_options:
            self.layout_options = options
            self.refresh()

    def _watch_value(self, value: str) -> None:
        # Input sets its virtual size to the typed width on every key, and that reactive lays
        # out the whole screen, though the field's own size (a fixed height, the width of its
        # container) never depends on it: a key in a search prompt over a long article cost a
        # full layout. Set it quietly first, so Input's own assignment changes nothing.
        if not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self.value or self.layout_options.mode != "app":
            return super().render_line(y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = visual_input_line(self.value, self.layout_options)
        cursor_style = self.get_component_rich_style("input--cursor")
        show_cursor = self.has_focus and self._cursor_visible
        cursor = self.cursor_position
        lo, hi = sorted(self.selection) if self.selection else (0, 0)
        selected = base + self.get_component_rich_style("input--selection") if hi > lo else base
        cells: list[tuple[str, Style]] = [
            (glyph, base + cursor_style if show_cursor and s <= cursor < e else selected if lo <= s < hi else base)
            for glyph, s, e in zip(line.glyphs, line.starts, line.ends)
        ]
        widths = list(line.widths)
        at_end = cursor >= len(self.value)
        # The blank after the text is where typing continues: the logical end's side.
        end_cell = (" ", base + cursor_style if show_cursor and at_end else base)
        if line.rtl:
            cells.insert(0, end_cell)
            widths.insert(0, 1)
        else:
            cells.append(end_cell)
            widths.append(1)
        used = sum(widths)
        if used > width:
            # Keep the end of the line the cursor is nearest to (the logical end when typing).
            drop = used - width
            keep_left = line.rtl == at_end
            while drop > 0 and cells:
                index = -1 if keep_left else 0
                drop -= widths.pop(index)
                cells.pop(index)
            used = sum(widths)
        pad = Segment(" " * max(0, width - used), base)
        glyphs = for_terminal([glyph for glyph, _ in cells], self.layout_options)
        segments = [Segment(glyph, style) for glyph, (_, style) in zip(glyphs, cells)]
        segments = [pad, *segments] if line.rtl else [*segments, pad]
        return Strip(segments).adjust_cell_length(width, base).simplify()
