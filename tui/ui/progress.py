"""One line at the bottom while a large folder is still loading: "loaded 1,234 / 5,000"."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

BAR = 20


def progress_text(done: int, total: int) -> str:
    total = max(total, done)
    filled = BAR * done // total if total else BAR
    return f"loaded {done:,} / {total:,} {'█' * filled}{'░' * (BAR - filled)}"


class LoadProgress(Static):
    DEFAULT_CSS = """
    LoadProgress {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, total: int, *, id: str | None = "load-progress") -> None:
        super().__init__(Text(progress_text(0, total), no_wrap=True), id=id)
        self.total = total
        self.done = 0

    def advance_to(self, done: int) -> None:
        self.done = done
        self.update(Text(progress_text(done, self.total), no_wrap=True))
