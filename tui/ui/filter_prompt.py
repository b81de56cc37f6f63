"""The sidebar's filter prompt: an Input plus a preview line in visual order.

Textual's Input prints what is typed in logical order (reversed, unjoined Arabic on screen), so the
line above it repeats the text shaped and reordered by the layout engine.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_inline

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
        yield Static(self._preview(self._initial), id="filter-preview")
        yield Input(value=self._initial, placeholder="filter", id="filter-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _preview(self, text: str) -> Text:
        if not text.strip():
            return Text(HINT, style="dim", no_wrap=True)
        return Text("⌕ ", style="dim") + visual_inline(text, self.layout_options, max_width=200)

    @property
    def preview_text(self) -> str:
        return str(self.query_one("#filter-preview", Static).render())

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#filter-preview", Static).update(self._preview(event.value))
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Closed(cleared=False))

    def action_clear(self) -> None:
        self.post_message(self.Changed(""))
        self.post_message(self.Closed(cleared=True))
