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


LEAD_IN = 80  # a line this short ending with ":" introduces the paragraph after it

_WORD = re.compile(r"[^\W_]")


def _is_lead_in(text: str, s: int, e: int) -> bool:
    """A bullet ("-", "•") or a short label ending with a colon ("قمة الرياض (فبراير 2025):")
    says nothing alone: it belongs to the paragraph it introduces."""
    if not _WORD.search(text, s, e):
        return True
    return e - s <= LEAD_IN and text[e - 1] in ":："


def split_passages(text: str) -> list[Passage]:
    """Paragraphs of ``text`` (split at "\\n", blank ones skipped; offsets exclude the
    surrounding white space); bullets and short "label:" lines join the paragraph they
    introduce; paragraphs over ~600 characters split at sentence ends."""
    out: list[Passage] = []
    pos = 0
    n = len(text)
    lead: int | None = None  # start of pending lead-in lines
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
            if _is_lead_in(text, s, e) and nl < n:
                lead = s if lead is None else lead
            else:
                pieces = _split_long(text, s, e) if e - s > LONG else [Passage(s, e)]
                if lead is not None:
                    pieces[0] = Passage(lead, pieces[0].end)
                    lead = None
                out.extend(pieces)
        pos = nl + 1
    if lead is not None:  # lead-ins with nothing after them stand alone
        out.append(Passage(lead, len(text.rstrip())))
    return out
