"""Make article text safe to put on a terminal, without losing track of logical offsets.

Article text must never reach the terminal as a control or escape sequence. The policy, chosen so that
anything odd in an article stays *visible* rather than silently vanishing:

- C0 controls (U+0000–U+001F except TAB, LF, CR) and DEL become their control pictures (U+2400–U+241F,
  U+2421): ``ESC [2J`` shows as ``␛[2J``; once the ESC is a picture the rest is harmless printable text.
- C1 controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B) and lone surrogates become U+FFFD.
- CR is invisible (CRLF files would otherwise show ``␍`` at every paragraph end); LF never occurs inside a
  paragraph. U+2028/U+2029 become a space, so a paragraph split at "\\n" is really one UBA paragraph.
- TAB stays a TAB here (bidi class S matters to the UBA); the layout draws it as ``tab_size`` blank cells.
- The bidi overrides LRO/RLO (U+202D/U+202E) get a visible marker cell ``↔`` (OVERRIDE_MARKER) in front of
  them so text disguised by an override can be noticed. All bidi formatting characters stay in the
  cleaned text for the UBA (which runs per paragraph, so an unterminated embedding cannot leak past it), but
  the layout never emits them: no bidi control, ZWJ, ZWNJ or U+FEFF is ever written to the terminal.

``sanitize_paragraph`` returns the cleaned text plus, for every cleaned character, the logical range
``[lo, hi)`` it stands for; inserted markers own the override's offset and the override itself gets an
empty range, so every logical offset is covered exactly once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OVERRIDE_MARKER = "\u2194"  # ↔ : one cell in every monospace font we checked, reads as "direction forced"
REPLACEMENT = "\ufffd"

_OVERRIDES = {"\u202d", "\u202e"}


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x20):
        table[code] = chr(0x2400 + code)
    del table[0x09], table[0x0A]
    table[0x0D] = ""  # invisible, see module docstring
    table[0x7F] = "\u2421"
    for code in range(0x80, 0xA0):
        table[code] = REPLACEMENT
    table[0x2028] = " "
    table[0x2029] = " "
    return table


_TABLE = _build_table()


_NEEDS_WORK = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202d\u202e\ud800-\udfff]")


def _needs_work(text: str) -> bool:
    return _NEEDS_WORK.search(text) is not None


@dataclass(slots=True)
class Cleaned:
    """A paragraph after sanitizing: ``text[i]`` stands for logical ``[lo[i], hi[i])`` (absolute offsets)."""

    text: str
    lo: list[int]
    hi: list[int]


def sanitize_paragraph(text: str, start: int = 0, end: int | None = None) -> Cleaned:
    """Clean ``text[start:end]`` (one paragraph) keeping a logical range for each cleaned character."""
    if end is None:
        end = len(text)
    part = text[start:end]
    if not _needs_work(part):
        return Cleaned(part, list(range(start, end)), list(range(start + 1, end + 1)))
    out: list[str] = []
    lo: list[int] = []
    hi: list[int] = []
    table = _TABLE
    for i, ch in enumerate(part, start):
        o = ord(ch)
        if ch in _OVERRIDES:
            out.append(OVERRIDE_MARKER)
            lo.append(i)
            hi.append(i + 1)
            out.append(ch)
            lo.append(i + 1)
            hi.append(i + 1)
            continue
        if 0xD800 <= o < 0xE000:
            rep: str | None = REPLACEMENT
        else:
            rep = table.get(o)
        if rep is None:
            out.append(ch)
        elif rep == "":
            # Invisible: keep offsets covered by using a zero-width character that the layout drops.
            out.append("\u200b")
        else:
            out.append(rep)
        lo.append(i)
        hi.append(i + 1)
    return Cleaned("".join(out), lo, hi)


def sanitize_text(text: str) -> str:
    """A terminal-safe version of ``text`` for places without a logical map (titles, status lines).

    Same policy as ``sanitize_paragraph``; newlines become spaces and bidi formatting characters are
    removed, since a title is drawn inside other UI text where an embedding could leak.
    """
    cleaned = sanitize_paragraph(text.replace("\n", " ")).text
    return "".join(ch for ch in cleaned if not ("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069"
                                                 or ch in "\u200b\u200e\u200f\u061c"))


# -- text Qari prints outside the article view -------------------------------------------------------

# Bidi formatting characters: invisible, and a terminal that reorders by itself would obey them.
_BIDI_FORMAT = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def _build_safe_table(multiline: bool) -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x7F] = "\u2421"
    for code in range(0x80, 0xA0):
        table[code] = REPLACEMENT
    for ch in _BIDI_FORMAT:
        table[ord(ch)] = ""
    for ch in _OVERRIDES:
        table[ord(ch)] = OVERRIDE_MARKER  # the disguise is undone (no override) but stays noticeable
    table[0xFEFF] = ""
    table[0x2028] = table[0x2029] = " "
    if multiline:
        table[0x0A] = "\n"
        table[0x09] = "\t"
        table[0x0D] = ""
        table[0x2028] = table[0x2029] = "\n"
    return table


_SAFE_ONE_LINE = _build_safe_table(False)
_SAFE_LINES = _build_safe_table(True)
_SURROGATE = re.compile("[\ud800-\udfff]")


def terminal_safe(text: object, *, multiline: bool = False) -> str:
    """``text`` made safe for every place Qari writes outside the article view.

    The one sanitiser for messages on stderr, rows on stdout, toasts and the clipboard (``y``/``Y``):
    C0 controls and DEL become control pictures (an escape sequence shows as ``␛]52;c;…␇``, harmless
    and visible), C1 controls and lone surrogates (undecodable bytes in a file name) become U+FFFD,
    bidi formatting characters and U+FEFF are removed (LRO/RLO leave the ``↔`` marker), U+2028/2029
    become a space. One line unless ``multiline``: then LF and TAB are kept and CR is dropped.
    Markup is a different matter: callers never let Textual or Rich interpret the result as markup.
    """
    s = text if isinstance(text, str) else str(text)
    s = s.translate(_SAFE_LINES if multiline else _SAFE_ONE_LINE)
    return _SURROGATE.sub(REPLACEMENT, s)


# Characters ``json.dumps(..., ensure_ascii=False)`` leaves raw that a terminal would act on or that
# would reorder a bidi terminal's line: DEL, C1, bidi formatting, line/paragraph separators, lone
# surrogates (C0 is already escaped by json).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def json_terminal_safe(document: str) -> str:
    """A JSON document (from ``json.dumps``) with the unsafe characters above written as ``\\uXXXX``:
    the same data for a JSON reader, nothing a terminal acts on when it is printed raw."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
