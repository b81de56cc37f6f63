"""The header's "where am I" text: article n/N, scroll %, passage n/N and its links."""

from __future__ import annotations

from tui.analysis.navigation import PassageStatus


def status_text(index: int, total: int, percent: int, passage: PassageStatus | None) -> str:
    text = f"{index + 1}/{total} {percent}%"
    if passage is not None and passage.total:
        links = {0: "no links", 1: "1 link"}.get(passage.links, f"{passage.links} links")
        if passage.strong:
            links += f" ({passage.strong} strong)"
        text += f" · ¶{passage.index}/{passage.total} · {links}"
    return text
