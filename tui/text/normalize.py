"""Matching forms of Arabic text, for search, highlighting and entity lookup.

A *matching form* is never shown to the reader: it exists so that spellings that
readers consider the same word compare equal. Every mapping here loses
information on purpose:

* tashkeel (fathatan … sukun, U+0653–U+065F, superscript alef U+0670, Quranic
  marks) and tatweel are dropped, as are zero-width and bidi format characters;
* alef variants أ إ آ ٱ ٲ ٳ ٵ → ا; ؤ → و; ئ → ي; standalone hamza ء is kept.
  The hamza seats are folded because news text writes them inconsistently
  (``أمريكا``/``امريكا``); the cost is that a few distinct words collide
  (``سئل``/``سيل``), which is acceptable for matching, never for display;
* alef maqsura ى → ي and ta marbuta ة → ه. Consequence worth knowing: the
  preposition ``على`` and the name ``علي`` share the form ``علي``;
* Arabic-Indic ٠-٩ and Eastern Arabic/Persian ۰-۹ digits → ASCII 0-9;
  Persian ک ی → ك ي;
* ASCII A-Z → a-z (only ASCII, so the length never changes);
* Arabic presentation forms (U+FB50–U+FEFF) → their base letters (a lam-alef
  ligature expands to two characters).

``normalize_with_map`` also returns, for every character of the matching form,
the index of the character of the original it came from, so a match found in
the matching form maps back to a span of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

__all__ = [
    "ALEF_VARIANTS",
    "DIGIT_FOLDS",
    "HAMZA_SEAT_FOLDS",
    "LETTER_FOLDS",
    "QURANIC",
    "TATWEEL",
    "fold_table",
    "normalize",
    "normalize_with_map",
    "original_span",
    "strip_clitics",
    "tokenize",
    "TASHKEEL",
]

# The folds below are the one source for every matching form in Qari: this module's, the link
# scorer's (tui.analysis.stem), the date matcher's (tui.text.calendar_names) and the header-date
# key (tui.corpus.metadata). Each picks the parts it needs (the date matcher keeps lengths, so it
# takes no dropped marks) and builds its table with ``fold_table``.
TATWEEL = "\u0640"
# Harakat, tanween, shadda, sukun, maddah/hamza marks, subscript alef …, superscript alef.
TASHKEEL = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
QURANIC = "".join(chr(c) for c in range(0x0610, 0x061B)) + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)
)
ALEF_VARIANTS = "أإآٱٲٳٵ"
# One character for one: alef variants, alef maqsura and ta marbuta.
LETTER_FOLDS: dict[str, str] = {**{a: "ا" for a in ALEF_VARIANTS}, "ى": "ي", "ة": "ه"}
HAMZA_SEAT_FOLDS: dict[str, str] = {"ؤ": "و", "ئ": "ي"}
# Arabic-Indic and Extended Arabic-Indic (Persian/Urdu) digits.
DIGIT_FOLDS: dict[str, str] = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}
# Invisible characters that split words in the middle for no visible reason.
_FORMAT = "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_DROPPED = TASHKEEL + QURANIC + TATWEEL + _FORMAT

_LETTERS = {**LETTER_FOLDS, **HAMZA_SEAT_FOLDS, "ۀ": "ه", "ک": "ك", "ی": "ي", "ې": "ي"}


def fold_table(*folds: dict[str, str], drop: str = "") -> dict[int, str | None]:
    """A ``str.translate`` table: the characters of ``drop`` removed, then each fold applied."""
    table: dict[int, str | None] = {ord(c): None for c in drop}
    for fold in folds:
        table.update({ord(src): dst for src, dst in fold.items()})
    return table


def _build_table() -> dict[int, str | None]:
    table = fold_table(_LETTERS, DIGIT_FOLDS, drop=_DROPPED)
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = chr(c + 32)
    # Presentation forms: NFKC gives the base letters; fold those again.
    for cp in list(range(0xFB50, 0xFDFE)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":
            continue
        base = unicodedata.normalize("NFKC", ch).strip()
        base = "".join(table.get(ord(b), b) or "" for b in base)
        if base and base != ch and len(base) <= 4 and all("\u0600" <= b <= "\u06ff" for b in base):
            table[cp] = base
        elif not base:
            table[cp] = None
    return table


_TABLE = _build_table()
# Characters whose replacement is not exactly one character: they shift offsets.
_SHIFTING = "".join(chr(k) for k, v in _TABLE.items() if v is None or len(v) != 1)
_SHIFT_RE = re.compile("[" + re.escape(_SHIFTING) + "]")


def normalize(text: str) -> str:
    """The matching form of ``text`` (idempotent; see the module docstring)."""
    return text.translate(_TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Return ``(matching_form, index_map)``; ``index_map[i]`` is the offset in
    ``text`` of the character that produced ``matching_form[i]``.

    The map is non-decreasing and every value is a valid index into ``text``.
    """
    normalised = text.translate(_TABLE)
    if len(normalised) == len(text) and _SHIFT_RE.search(text) is None:
        return normalised, list(range(len(text)))
    index_map: list[int] = []
    extend = index_map.extend
    pos = 0
    for m in _SHIFT_RE.finditer(text):
        s = m.start()
        if s > pos:
            extend(range(pos, s))
        repl = _TABLE[ord(text[s])]
        if repl:
            extend([s] * len(repl))
        pos = s + 1
    if pos < len(text):
        extend(range(pos, len(text)))
    return normalised, index_map


def original_span(index_map: list[int], start: int, end: int, original_length: int) -> tuple[int, int]:
    """Map the half-open span ``[start, end)`` of a matching form back to the
    original text. Marks dropped right after the last character (a final
    damma, a tatweel) are included so highlighting covers the whole word."""
    if start >= end:
        o = index_map[start] if start < len(index_map) else original_length
        return o, o
    o_start = index_map[start]
    o_end = index_map[end] if end < len(index_map) else original_length
    if o_end <= index_map[end - 1]:  # an expanded ligature split by the span end
        o_end = index_map[end - 1] + 1
    return o_start, o_end


def to_matching_offset(index_map: list[int], original_offset: int) -> int:
    """First matching-form index whose source is at or after ``original_offset``."""
    return bisect_left(index_map, original_offset)


_MARKS = TASHKEEL + QURANIC + TATWEEL + "\u200c\u200d"
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]|[" + re.escape(_MARKS) + r"])+|\d+(?:[.,٫٬]\d+)*"
)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Words of ``text`` as ``(start, end, token)``: runs of letters (Arabic,
    Latin, any script) with their marks, or runs of digits (any script, with
    inner decimal/thousands separators). Punctuation and spaces are skipped."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


# Proclitics that attach to nouns and names, in the order they stack:
# conjunction (و ف), preposition (ب ك ل), article (ال). ل + ال is written لل.
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")
_PREFIXES: list[str] = []
for _c in _CONJ:
    for _p in _PREP:
        for _a in ("", "ال"):
            _pre = _c + _p + _a
            if _p == "ل" and _a == "ال":
                _pre = _c + "لل"
            if _pre:
                _PREFIXES.append(_pre)
_PREFIXES.sort(key=len)
_MIN_STEM = 2
_PREFIX_SET = frozenset(_PREFIXES)
_PREFIX_INITIALS = frozenset(p[0] for p in _PREFIXES)
_MAX_PREFIX = max(map(len, _PREFIXES))


def strip_clitics(token: str) -> list[tuple[str, str]]:
    """Candidate ``(prefix, stem)`` splits of ``token``, ``token == prefix + stem``.

    The unsplit token comes first, then shorter prefixes before longer ones
    (``والرياض`` → ``("", "والرياض")``, ``("و", "الرياض")``, ``("وال", "رياض")``).
    Works on either the original or the matching form (the prefixes have no
    letters that normalisation changes). Stems shorter than two letters are not
    offered. ``لل`` yields the stem without the article (``للرئيس`` → ``رئيس``).
    """
    out = [("", token)]
    if token[:1] not in _PREFIX_INITIALS:
        return out
    for k in range(1, min(_MAX_PREFIX, len(token) - _MIN_STEM) + 1):
        pre = token[:k]
        if pre in _PREFIX_SET:
            out.append((pre, token[k:]))
    return out
