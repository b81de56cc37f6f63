"""The help screen: every binding with the keys currently assigned (after the user's keymap)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_rows(app, groups: list[tuple[str, list[Binding]]]) -> list[tuple[str, str, str]]:
    """(section, keys, description) for each binding, honouring the app's keymap."""
    keymap: dict[str, str] = getattr(app, "_keymap", {})
    rows = []
    for section, bindings in groups:
        for b in bindings:
            keys = keymap.get(b.id, b.key) if b.id else b.key
            shown = ", ".join(app.get_key_display(Binding(k.strip(), b.action)) for k in keys.split(","))
            rows.append((section, shown, b.tooltip or b.description or b.action))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="close_help"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=False, pad_edge=False)
        table.add_column("Where")
        table.add_column("Keys", style="bold")
        table.add_column("Does")
        last = None
        for section, keys, does in self.rows:
            # Text, not str: a str cell is Rich markup, and keys come from the user's keymap.toml.
            table.add_row(Text(section if section != last else ""), Text(keys), Text(does))
            last = section
        with VerticalScroll(id="help-body"):
            yield Static("Qari — keys   (Esc closes)", id="help-title")
            yield Static(table, id="help-table")

    def action_dismiss(self) -> None:
        self.dismiss(None)
