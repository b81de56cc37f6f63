"""Passages: the unit of linking. Paragraphs, with long paragraphs cut at sentence ends."""

from __future__ import annotations

import re

from tui.analysis.model import Passage

LONG = 600  # a paragraph longer than this is split
TARGET = 350  # aim for pieces about this long (200–500)
MIN_PIECE = 200

# A sentence ends at . ؟ ! ? ؛ followed by white space (decimal points and URLs are not followed by space).
_SENT_END = re.compile(r"[.؟!?؛](?=\s)")


def _split_long(text: str, start: int, end: int) -> list[Passage]:
    cuts = [m.end() for m in _SENT_END.finditer(text, start, end)]
    pieces: list[Passage] = []
    s = start
    for c in cuts:
        if c - s >= TARGET or (c - s >= MIN_PIECE and end - c < MIN_PIECE // 2):
            pieces.append(Passage(s, c))
            s = c
            while s < end and text[s].isspace():
                s += 1
    if s < end:
        if pieces and end - s < MIN_PIECE // 2:
            # A short tail belongs with the previous piece rather than standing alone.
            last = pieces.pop()
            pieces.append(Passage(last.start, end))
        else:
            pieces.append(Passage(s, end))
    return pieces


def split_passages(text: str) -> list[Passage]:
    """Paragraphs of ``text`` (split at "\\n", blank ones skipped; offsets exclude the
    surrounding white space); paragraphs over ~600 characters split at sentence ends."""
    out: list[Passage] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        s, e = pos, nl
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            if e - s > LONG:
                out.extend(_split_long(text, s, e))
            else:
                out.append(Passage(s, e))
        pos = nl + 1
    return out
