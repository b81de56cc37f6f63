"""One line at the bottom while a large folder is still loading ("loaded 1,234 / 5,000") or being
analysed ("analysed 1,234 / 5,000", then "linking passages…")."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

BAR = 20


def progress_text(done: int, total: int, verb: str = "loaded") -> str:
    total = max(total, done)
    filled = BAR * done // total if total else BAR
    return f"{verb} {done:,} / {total:,} {'█' * filled}{'░' * (BAR - filled)}"


def analysis_text(done: int | None, total: int) -> str:
    """``done`` is None until the analysis reports: it may first spend a while reading its cache."""
    if done is None:
        return f"analysing {total:,} articles…"
    text = progress_text(done, total, "analysed")
    # Per-article analysis is done; entities are unified and passages linked corpus-wide.
    return text + " linking passages…" if done >= total else text


class LoadProgress(Static):
    """Docked at the bottom of the body (styles/qari.tcss)."""

    def __init__(self, total: int, *, id: str | None = "load-progress") -> None:
        super().__init__(Text(progress_text(0, total), no_wrap=True), id=id)
        self.total = total
        self.done = 0

    def advance_to(self, done: int) -> None:
        self.done = done
        self.update(Text(progress_text(done, self.total), no_wrap=True))


class AnalysisProgress(LoadProgress):
    """Shown while the analysis of a large collection runs in its thread."""

    def __init__(self, total: int, *, id: str | None = "analysis-progress") -> None:
        super().__init__(total, id=id)
        self.update(Text(analysis_text(None, total), no_wrap=True))

    def advance_to(self, done: int, total: int | None = None) -> None:
        self.done = done
        self.total = total if total is not None else self.total
        self.update(Text(analysis_text(done, self.total), no_wrap=True))
