"""The files a load skipped, each with its one-line reason (``s``, or the palette).

A folder of articles often holds a few files Qari will not read (an image, an office document, a
broken link); the status line counts them and this list says why, one row each, scrollable however
many there are. Names come from the file system and may hold anything (escape sequences, bidi
overrides): they go through the layout engine, which shows controls as visible pictures.
"""

from __future__ import annotations

import os

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.text.layout import LayoutOptions
from tui.ui.bidi_text import visual_inline

NAME_CELLS = 200  # a name longer than this is cut: the reason matters more than its tail


def skipped_rows(skipped: list[tuple[str, str]], options: LayoutOptions = LayoutOptions()) -> tuple[str, list[Text]]:
    """(the folder the files share, one row per file: its name below that folder and the reason).

    Both parts are shown through the layout engine: nothing of a name reaches the terminal raw."""
    paths = [p for p, _ in skipped]
    try:
        common = os.path.commonpath(paths) if len(paths) > 1 else os.path.dirname(paths[0]) if paths else ""
    except ValueError:  # relative and absolute paths mixed
        common = ""
    rows = []
    for path, reason in skipped:
        name = os.path.relpath(path, common) if common and path != common else path
        row = Text(no_wrap=False, end="")
        row.append_text(visual_inline(name, options, NAME_CELLS))
        row.stylize("bold")
        row.append(" — ")
        row.append_text(visual_inline(" ".join(reason.split()) or "not loaded", options, NAME_CELLS))
        row.no_wrap = False
        rows.append(row)
    folder = visual_inline(common, options, NAME_CELLS).plain if common else ""
    return folder, rows


class SkippedScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,s", "dismiss", "Close the list", id="close_skipped"),
        Binding("j", "down", show=False, id="skipped_down"),
        Binding("k", "up", show=False, id="skipped_up"),
    ]

    def __init__(self, skipped: list[tuple[str, str]], options: LayoutOptions = LayoutOptions()) -> None:
        super().__init__()
        self.skipped = list(skipped)
        self.options = options

    def compose(self) -> ComposeResult:
        folder, rows = skipped_rows(self.skipped, self.options)
        n = len(self.skipped)
        title = f"{n:,} file{'s' if n != 1 else ''} skipped" + (f" in {folder}" if folder else "") + "   (Esc closes)"
        with Vertical(id="skipped-body"):
            yield Static(Text(title, style="bold"), id="skipped-title")
            yield OptionList(*[Option(row) for row in rows], id="skipped-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
