"""The sidebar's filter prompt: a hint line and an input that draws the typed Arabic shaped and in
visual order (``ShapedInput``; Textual's own Input prints it reversed and unjoined)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui.text.layout import LayoutOptions
from tui.ui.shaped_input import ShapedInput

HINT = "filter: title or source (Esc clears)"


class FilterPrompt(Vertical):
    """Docked at the bottom of the body (styles/qari.tcss), above a progress line if one shows."""

    BINDINGS = [Binding("escape", "clear", "Clear filter", id="clear_filter")]

    class Changed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        def __init__(self, cleared: bool) -> None:
            super().__init__()
            self.cleared = cleared

    def __init__(self, text: str = "", options: LayoutOptions = LayoutOptions(), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = text
        self.layout_options = options

    def compose(self) -> ComposeResult:
        yield Static(Text(HINT, style="dim", no_wrap=True), id="filter-preview")
        yield ShapedInput(value=self._initial, placeholder="filter", id="filter-input", options=self.layout_options)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def shown_text(self) -> str:
        """The input's line as drawn on screen (visual order, presentation forms)."""
        return self.query_one(ShapedInput).render_line(0).text

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Closed(cleared=False))

    def action_clear(self) -> None:
        self.post_message(self.Changed(""))
        self.post_message(self.Closed(cleared=True))
