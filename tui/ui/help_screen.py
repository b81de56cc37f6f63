"""The help screen: every binding with the keys currently assigned (after the user's keymap)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def keys_shown(binding: Binding, keymap: Mapping[str, str], key_display: Callable[[Binding], str],
               sep: str = ", ") -> str:
    """The keys ``binding`` answers to now (the user's keymap first), as the footer shows keys."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return sep.join(key_display(Binding(k.strip(), binding.action)) for k in keys.split(","))


def binding_rows(keymap: Mapping[str, str], key_display: Callable[[Binding], str],
                 groups: list[tuple[str, list[Binding]]]) -> list[tuple[str, str, str]]:
    """(section, keys, description) for each binding, honouring the user's ``keymap``
    (binding id → keys); ``key_display`` is the app's ``get_key_display``."""
    rows = []
    for section, bindings in groups:
        for b in bindings:
            rows.append((section, keys_shown(b, keymap, key_display), b.tooltip or b.description or b.action))
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
