"""The Unicode Bidirectional Algorithm (UAX #9, Unicode 15.0), pure Python.

Why our own: python-bidi only returns reordered strings (no embedding levels, no mirroring, no
per-character mapping), FriBidi is a system C library, and ICU wheels are large and bring another
Unicode version. Passes every case of BidiTest.txt and BidiCharacterTest.txt 15.0.

Speed: the text is mapped to a one-letter-per-character class string with ``str.translate`` and
the W/N/I rules run as regex passes over it (one isolating run sequence at a time), so the cost per
character is C-speed; only formatting characters and paired brackets are visited one by one in
Python. ``_resolve`` keeps the obvious per-character version as the reference the tests compare
against.

Public API (see each docstring): :func:`bidi_class`, :func:`paragraph_level`,
:func:`resolve_levels`, :func:`line_levels`, :func:`reorder`, :func:`visual_order`,
:func:`mirror`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tui.text import _bidi_data

__all__ = [
    "CLASS_NAMES", "bidi_class", "paragraph_level", "resolve_levels", "line_levels", "reorder",
    "visual_order", "mirror",
]

# Small-int class codes; the order is part of the tables below, not of the public API.
CLASS_NAMES = (
    "L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON",
    "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI",
)
(L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON,
 LRE, LRO, RLE, RLO, PDF, LRI, RLI, FSI, PDI) = range(23)
_CODE = {name: i for i, name in enumerate(CLASS_NAMES)}

_MAX_DEPTH = 125
_ISOLATE_INIT = frozenset((LRI, RLI, FSI))
_ISOLATE_ANY = frozenset((LRI, RLI, FSI, PDI))
_NEUTRAL_OR_ISOLATE = frozenset((B, S, WS, ON, LRI, RLI, FSI, PDI))
# L1: reset to the paragraph level when trailing / before S or B (X9-removed ones are transparent).
_L1_RE = re.compile(r"[W6789b1-5]*(?:[SB]|$)")
_L1_CHARS = "W6789b12345"
_L1_TRAILING = frozenset((WS, LRI, RLI, FSI, PDI, LRE, LRO, RLE, RLO, PDF, BN))
# For N0/N1: EN and AN count as R; everything not strong maps to -1.
_STRONG_DIR = [-1] * 23
_STRONG_DIR[L] = L
_STRONG_DIR[R] = _STRONG_DIR[EN] = _STRONG_DIR[AN] = _STRONG_DIR[AL] = R

# Canonical equivalents among brackets (BD16): compare pairs after mapping these.
_BRACKET_CANON = {0x2329: 0x3008, 0x232A: 0x3009}

_class_cache: dict[int, int] = {}


def _code_of(cp: int) -> int:
    code = _class_cache.get(cp)
    if code is None:
        code = _class_cache[cp] = _CODE[_bidi_data.lookup_class(cp)]
    return code


def _codes(text: str) -> list[int]:
    cache = _class_cache
    out: list[int] = []
    append = out.append
    for ch in text:
        cp = ord(ch)
        code = cache.get(cp)
        if code is None:
            code = _code_of(cp)
        append(code)
    return out


# The fast path works on "class strings": one character per code point, made by str.translate,
# so the W and N rules become C-speed regex and str operations instead of per-character Python.
_CHARS = "LRAE+$N,MbBSWO123456789"  # _CHARS[code] for the codes above
_CHAR_CODE = {c: i for i, c in enumerate(_CHARS)}


class _TranslateTable(dict[int, str]):
    def __missing__(self, cp: int) -> str:
        c = self[cp] = _CHARS[_code_of(cp)]
        return c


_TRANS = _TranslateTable()
_last_class_string: tuple[str, str] = ("", "")


def _class_string(text: str) -> str:
    global _last_class_string
    last_text, last_cs = _last_class_string
    if text is last_text:  # resolve_levels then reorder on the same paragraph: translate once
        return last_cs
    cs = text.translate(_TRANS)
    _last_class_string = (text, cs)
    return cs


def bidi_class(ch: str) -> str:
    """Bidi_Class of one character (Unicode 15.0, unassigned code points get their block default)."""
    if not isinstance(ch, str) or len(ch) != 1:
        raise ValueError(f"bidi_class expects one character, got {ch!r}")
    return CLASS_NAMES[_code_of(ord(ch))]


def mirror(ch: str) -> str | None:
    """Bidi_Mirroring_Glyph of ``ch`` (rule L4), or None when it has none."""
    if not isinstance(ch, str) or len(ch) != 1:
        raise ValueError(f"mirror expects one character, got {ch!r}")
    cp = _bidi_data.mirrors().get(ord(ch))
    return None if cp is None else chr(cp)


# ---------------------------------------------------------------------------------------------
# Paragraph level (P2, P3)

def _matching_pdis(types: Sequence[int]) -> dict[int, int]:
    """BD9: isolate initiator index -> index of its matching PDI (unmatched ones are absent)."""
    match: dict[int, int] = {}
    stack: list[int] = []
    for i, t in enumerate(types):
        if t in _ISOLATE_INIT:
            stack.append(i)
        elif t == PDI:
            if stack:
                match[stack.pop()] = i
        elif t == B:
            stack.clear()
    return match


def _first_strong(types: Sequence[int], start: int, end: int, match: dict[int, int]) -> int | None:
    """P2/P3 on types[start:end]: 1 for R/AL, 0 for L, None when there is no strong character."""
    i = start
    while i < end:
        t = types[i]
        if t == L:
            return 0
        if t == R or t == AL:
            return 1
        if t in _ISOLATE_INIT:
            i = match.get(i, end)  # skip to the matching PDI, or to the end of the paragraph
        elif t == B:
            return None
        i += 1
    return None


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"bidi expects text as str, got {type(text).__name__}")


def _check_direction(direction: str) -> None:
    if direction not in ("auto", "ltr", "rtl"):
        raise ValueError(f"direction must be 'auto', 'ltr' or 'rtl', got {direction!r}")


def _paragraph_level_of(types: Sequence[int], direction: str) -> int:
    if direction == "ltr":
        return 0
    if direction == "rtl":
        return 1
    if not any(t in _ISOLATE_INIT for t in types):
        return _first_strong(types, 0, len(types), {}) or 0
    return _first_strong(types, 0, len(types), _matching_pdis(types)) or 0


def paragraph_level(text: str, direction: str = "auto", default: int = 0) -> int:
    """Paragraph embedding level: 0 or 1. "auto" applies P2/P3 (isolates skipped); ``default`` is
    the level of a paragraph without a strong character (P3 says 0; HL1 lets the document decide)."""
    _check_text(text)
    _check_direction(direction)
    if default not in (0, 1):
        raise ValueError(f"default level must be 0 or 1, not {default!r}")
    return _paragraph_level_str(_class_string(text), direction, default)


_FIRST_STRONG_RE = re.compile(r"[LRAB678]")


_ISOLATE_MARKS = re.compile(r"[6789B]")


def _matching_pdis_str(cs: str) -> dict[int, int]:
    """BD9 on a class string (see :func:`_matching_pdis`)."""
    match: dict[int, int] = {}
    stack: list[int] = []
    for m in _ISOLATE_MARKS.finditer(cs):
        c = m.group()
        if c == "9":
            if stack:
                match[stack.pop()] = m.start()
        elif c == "B":
            stack.clear()
        else:
            stack.append(m.start())
    return match


def _first_strong_str(cs: str, start: int, end: int, match: dict[int, int]) -> int | None:
    """P2/P3 on a class string (see :func:`_first_strong`)."""
    pos = start
    while True:
        m = _FIRST_STRONG_RE.search(cs, pos, end)
        if m is None:
            return None
        c = m.group()
        if c == "L":
            return 0
        if c == "R" or c == "A":
            return 1
        if c == "B":
            return None
        pdi = match.get(m.start())
        if pdi is None:  # an unmatched isolate runs to the end of the paragraph
            return None
        pos = pdi + 1


def _paragraph_level_str(cs: str, direction: str, default: int = 0) -> int:
    if direction == "ltr":
        return 0
    if direction == "rtl":
        return 1
    m = _FIRST_STRONG_RE.search(cs)
    if m is None:
        return default
    c = m.group()
    if c == "B":
        return default
    if c in "678":  # an isolate comes first: it must be skipped with its content
        found = _first_strong_str(cs, 0, len(cs), _matching_pdis_str(cs))
        return default if found is None else found
    return 1 if c in "RA" else 0


# ---------------------------------------------------------------------------------------------
# Levels (X1-I2)

def resolve_levels(text: str, base_level: int) -> list[int]:
    """Embedding levels of each code point of one paragraph after rules X1-I2.

    Characters removed by X9 (embedding/override controls, PDF, BN) get level -1. Line-based
    rule L1 is not applied here: see :func:`line_levels` and :func:`reorder`.
    """
    _check_text(text)
    if base_level not in (0, 1):
        raise ValueError(f"base_level must be 0 or 1, got {base_level!r}")
    return _resolve_str(_class_string(text), base_level, text)


def _resolve(types: list[int], base: int, text: str | None) -> list[int]:
    """X1-I2 with per-character loops: the reference the string-based paths are checked against."""
    n = len(types)
    if n == 0:
        return []
    orig = types
    match = _matching_pdis(orig)
    types, levels = _explicit(orig, base, match)
    return _sequences_reference(orig, types, levels, base, text, match)


def _explicit(orig: list[int], base: int, match: dict[int, int]) -> tuple[list[int], list[int]]:
    """X1-X8: (types after overrides, embedding levels with -1 for characters X9 removes)."""
    n = len(orig)
    types = list(orig)
    levels = [base] * n
    # Stack entries: (level, override class or -1, isolate?)
    stack: list[tuple[int, int, bool]] = [(base, -1, False)]
    overflow_isolate = overflow_embed = valid_isolate = 0
    for i in range(n):
        t = orig[i]
        level, override, _ = stack[-1]
        if t in (RLE, LRE, RLO, LRO):
            new = (level + 1) | 1 if t in (RLE, RLO) else (level + 2) & ~1
            if new <= _MAX_DEPTH and overflow_isolate == 0 and overflow_embed == 0:
                stack.append((new, R if t == RLO else L if t == LRO else -1, False))
            elif overflow_isolate == 0:
                overflow_embed += 1
            levels[i] = -1
        elif t in _ISOLATE_INIT:
            levels[i] = level
            if override >= 0:
                types[i] = override
            if t == FSI:
                end = match.get(i, n)
                rtl = _first_strong(orig, i + 1, end, match) == 1
            else:
                rtl = t == RLI
            new = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new <= _MAX_DEPTH and overflow_isolate == 0 and overflow_embed == 0:
                valid_isolate += 1
                stack.append((new, -1, True))
            else:
                overflow_isolate += 1
        elif t == PDI:
            if overflow_isolate > 0:
                overflow_isolate -= 1
            elif valid_isolate > 0:
                overflow_embed = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolate -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override >= 0:
                types[i] = override
        elif t == PDF:
            if overflow_isolate > 0:
                pass
            elif overflow_embed > 0:
                overflow_embed -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
            levels[i] = -1
        elif t == B:
            levels[i] = base
        elif t == BN:
            levels[i] = -1
        else:
            levels[i] = level
            if override >= 0:
                types[i] = override
    return types, levels


_STATEFUL = re.compile(r"[1-9Bb]")
_REMOVED_RE = re.compile(r"[1-5b]")
_SAME_BYTE_RUN = re.compile(rb"(.)\1*", re.DOTALL)


def _explicit_str(cs: str, base: int, match: dict[int, int]) -> tuple[str, list[int]]:
    """X1-X8 like :func:`_explicit`, but spans between formatting characters are handled as slices.

    Returns the class string after overrides and the embedding levels (-1: removed by X9).
    """
    n = len(cs)
    levels = [base] * n
    pieces: list[str] = []
    stack: list[tuple[int, str, bool]] = [(base, "", False)]  # (level, override "L"/"R"/"", isolate?)
    overflow_isolate = overflow_embed = valid_isolate = 0
    level, override = base, ""
    pos = 0
    for m in _STATEFUL.finditer(cs):
        i = m.start()
        if i > pos:
            if level != base:
                levels[pos:i] = [level] * (i - pos)
            pieces.append(override * (i - pos) if override else cs[pos:i])
        c = m.group()
        pos = i + 1
        if c in "1234":  # LRE, LRO, RLE, RLO
            new = (level + 1) | 1 if c in "34" else (level + 2) & ~1
            if new <= _MAX_DEPTH and overflow_isolate == 0 and overflow_embed == 0:
                stack.append((new, "R" if c == "4" else "L" if c == "2" else "", False))
                level, override = new, stack[-1][1]
            elif overflow_isolate == 0:
                overflow_embed += 1
            levels[i] = -1
            pieces.append(c)
        elif c in "678":  # LRI, RLI, FSI
            levels[i] = level
            pieces.append(override or c)
            if c == "8":
                rtl = _first_strong_str(cs, i + 1, match.get(i, n), match) == 1
            else:
                rtl = c == "7"
            new = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new <= _MAX_DEPTH and overflow_isolate == 0 and overflow_embed == 0:
                valid_isolate += 1
                stack.append((new, "", True))
                level, override = new, ""
            else:
                overflow_isolate += 1
        elif c == "9":  # PDI
            if overflow_isolate > 0:
                overflow_isolate -= 1
            elif valid_isolate > 0:
                overflow_embed = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolate -= 1
                level, override = stack[-1][0], stack[-1][1]
            levels[i] = level
            pieces.append(override or c)
        elif c == "5":  # PDF
            if overflow_isolate > 0:
                pass
            elif overflow_embed > 0:
                overflow_embed -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
                level, override = stack[-1][0], stack[-1][1]
            levels[i] = -1
            pieces.append(c)
        elif c == "B":
            pieces.append(c)  # level stays base (X8)
        else:  # BN
            levels[i] = -1
            pieces.append(c)
    if pos < n:
        if level != base:
            levels[pos:n] = [level] * (n - pos)
        pieces.append(override * (n - pos) if override else cs[pos:n])
    return "".join(pieces), levels


def _sequences_reference(orig: list[int], types: list[int], levels: list[int], base: int,
                         text: str | None, match: dict[int, int]) -> list[int]:
    n = len(orig)
    # X10: level runs over the characters X9 keeps, chained into isolating run sequences.
    kept = [i for i in range(n) if levels[i] >= 0]
    runs: list[list[int]] = []
    run_of: dict[int, int] = {}
    prev_level = -2
    for i in kept:
        if levels[i] != prev_level:
            runs.append([])
            prev_level = levels[i]
        runs[-1].append(i)
    for r, run in enumerate(runs):
        run_of[run[0]] = r
    emb = list(levels)  # sos/eos compare embedding levels, not levels already resolved by I1/I2
    for run in runs:
        first = run[0]
        if orig[first] == PDI and first in match.values():
            continue
        seq = list(run)
        while True:
            last = seq[-1]
            if orig[last] in _ISOLATE_INIT and last in match:
                pdi = match[last]
                if pdi not in run_of:  # matching PDI not starting a run: cannot happen by X5-X6a
                    break
                seq.extend(runs[run_of[pdi]])
            else:
                break
        _resolve_sequence(seq, types, orig, levels, emb, base, text)
    return levels


def _resolve_sequence(seq: list[int], types: list[int], orig: list[int], levels: list[int],
                      emb: list[int], base: int, text: str | None) -> None:
    n = len(types)
    level = emb[seq[0]]
    first, last = seq[0], seq[-1]
    p = first - 1
    while p >= 0 and emb[p] < 0:
        p -= 1
    prev_level = emb[p] if p >= 0 else base
    if orig[last] in _ISOLATE_INIT:
        next_level = base
    else:
        q = last + 1
        while q < n and emb[q] < 0:
            q += 1
        next_level = emb[q] if q < n else base
    sos = R if max(prev_level, level) & 1 else L
    eos = R if max(next_level, level) & 1 else L

    ts = [types[i] for i in seq]
    m = len(ts)
    before_w1 = list(ts)

    # W1
    prev = sos
    for k in range(m):
        t = ts[k]
        if t == NSM:
            t = ts[k] = ON if prev in _ISOLATE_ANY else prev
        prev = t
    # W2, W3
    last_strong = sos
    for k in range(m):
        t = ts[k]
        if t == EN:
            if last_strong == AL:
                ts[k] = AN
        elif t == L or t == R:
            last_strong = t
        elif t == AL:
            last_strong = AL
            ts[k] = R
    # W4
    for k in range(1, m - 1):
        t = ts[k]
        if t == ES or t == CS:
            a, b = ts[k - 1], ts[k + 1]
            if a == b and (a == EN or (a == AN and t == CS)):
                ts[k] = a
    # W5
    k = 0
    while k < m:
        if ts[k] == ET:
            j = k
            while j < m and ts[j] == ET:
                j += 1
            if (k > 0 and ts[k - 1] == EN) or (j < m and ts[j] == EN):
                for x in range(k, j):
                    ts[x] = EN
            k = j
        else:
            k += 1
    # W6
    for k in range(m):
        if ts[k] in (ES, ET, CS):
            ts[k] = ON
    # W7
    last_strong = sos
    for k in range(m):
        t = ts[k]
        if t == EN:
            if last_strong == L:
                ts[k] = L
        elif t == L or t == R:
            last_strong = t

    e = R if level & 1 else L
    # N0: paired brackets
    if text is not None:
        _resolve_brackets(seq, ts, before_w1, text, sos, e)
    # N1, N2
    k = 0
    while k < m:
        if ts[k] in _NEUTRAL_OR_ISOLATE:
            j = k
            while j < m and ts[j] in _NEUTRAL_OR_ISOLATE:
                j += 1
            before = sos if k == 0 else _STRONG_DIR[ts[k - 1]]
            after = eos if j == m else _STRONG_DIR[ts[j]]
            d = before if before == after else e
            for x in range(k, j):
                ts[x] = d
            k = j
        else:
            k += 1
    # I1, I2
    for k in range(m):
        t = ts[k]
        i = seq[k]
        if level & 1:
            if t == L or t == EN or t == AN:
                levels[i] = level + 1
        elif t == R:
            levels[i] = level + 1
        elif t == AN or t == EN:
            levels[i] = level + 2


def _bracket_pairs(candidates: Iterable[tuple[int, str]]) -> list[tuple[int, int]]:
    """BD16: the bracket pairs among ``candidates`` ((position, character) of the characters
    whose class is still ON, in order), sorted by the opening bracket's position."""
    table = _bidi_data.brackets()
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[int, int]] = []  # (canonical closing bracket, position)
    for k, ch in candidates:
        cp = ord(ch)
        entry = table.get(cp)
        if entry is None:
            continue
        other, opening = entry
        if opening:
            if len(stack) == 63:
                break
            stack.append((_BRACKET_CANON.get(other, other), k))
        else:
            cp = _BRACKET_CANON.get(cp, cp)
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == cp:
                    pairs.append((stack[j][1], k))
                    del stack[j:]
                    break
    pairs.sort()
    return pairs


def _resolve_brackets(seq: list[int], ts: list[int], before_w1: list[int], text: str,
                      sos: int, e: int) -> None:
    pairs = _bracket_pairs((k, text[i]) for k, i in enumerate(seq) if ts[k] == ON)
    if not pairs:
        return
    m = len(ts)
    for o, c in pairs:
        found_e = found_o = False
        for k in range(o + 1, c):
            d = _STRONG_DIR[ts[k]]
            if d == e:
                found_e = True
                break
            if d >= 0:
                found_o = True
        if found_e:
            d = e
        elif found_o:
            ctx = sos
            for k in range(o - 1, -1, -1):
                x = _STRONG_DIR[ts[k]]
                if x >= 0:
                    ctx = x
                    break
            d = ctx if ctx != e else e
        else:
            continue
        for k in (o, c):
            ts[k] = d
            j = k + 1
            while j < m and before_w1[j] == NSM:
                ts[j] = d
                j += 1



# ---------------------------------------------------------------------------------------------
# Fast path: no explicit embeddings, overrides or isolates. Then the whole paragraph is one
# isolating run sequence at the base level with sos = eos = the base direction, BN characters are
# simply left out (X9), and W1-I2 reduce to regex passes over the class string.

_NEEDS_GENERAL = re.compile(r"[1-9]")
_SHORT = 8
_M_RUN = re.compile(r"M+")
_W2_SEG = re.compile(r"A[^LR]*")
_W4_EN = re.compile(r"E[+,](?=E)")
_W4_AN = re.compile(r"N,(?=N)")
_W5 = re.compile(r"\$+(?=E)|E\$+")
_W6 = str.maketrans("+$,", "OOO")
_W7_SEG = re.compile(r"L[^R]*")
_NI_BETWEEN_L = re.compile(r"L[BSWO]+(?=L)")
_NI_BETWEEN_R = re.compile(r"[REN][BSWO]+(?=[REN])")
_LEVEL_BYTES = (
    str.maketrans({"L": "\x00", "R": "\x01", "E": "\x02", "N": "\x02", "B": "\x00", "S": "\x00", "W": "\x00", "O": "\x00"}),
    str.maketrans({"L": "\x02", "R": "\x01", "E": "\x02", "N": "\x02", "B": "\x01", "S": "\x01", "W": "\x01", "O": "\x01"}),
)
_FAST_STRONG = {"L": "L", "R": "R", "E": "R", "N": "R"}
_bracket_re: re.Pattern[str] | None = None


def _brackets_pattern() -> re.Pattern[str]:
    global _bracket_re
    if _bracket_re is None:
        _bracket_re = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_bidi_data.brackets())) + "]")
    return _bracket_re


def _resolve_str(cs: str, base: int, text: str | None) -> list[int]:
    if _NEEDS_GENERAL.search(cs):
        if len(cs) < _SHORT:  # the regex passes cost more than plain loops on a few characters
            return _resolve([_CHAR_CODE[c] for c in cs], base, text)
        return _resolve_explicit(cs, base, text)
    if "b" not in cs:
        return _resolve_simple(cs, base, text)
    keep = [i for i, c in enumerate(cs) if c != "b"]
    sub = _resolve_simple(cs.replace("b", ""), base, None if text is None else "".join([text[i] for i in keep]))
    out = [-1] * len(cs)
    for i, lv in zip(keep, sub):
        out[i] = lv
    return out


# ---------------------------------------------------------------------------------------------
# General path: X1-X8 per character, then each isolating run sequence goes through the same
# regex passes as the fast path, with its own sos/eos and isolate formatters as neutrals.

_NI_ANY = "BSWO6789"
_NI_BETWEEN_L_ANY = re.compile(r"L[BSWO6789]+(?=L)")
_NI_BETWEEN_R_ANY = re.compile(r"[REN][BSWO6789]+(?=[REN])")
_NI_TO = {"L": str.maketrans(dict.fromkeys(_NI_ANY, "L")), "R": str.maketrans(dict.fromkeys(_NI_ANY, "R"))}
_LEVEL_TABLES: dict[int, dict[int, str]] = {}


def _level_table(level: int) -> dict[int, str]:
    table = _LEVEL_TABLES.get(level)
    if table is None:
        if level & 1:  # I2
            offsets = {"L": 1, "R": 0, "E": 1, "N": 1}
        else:  # I1
            offsets = {"L": 0, "R": 1, "E": 2, "N": 2}
        table = _LEVEL_TABLES[level] = str.maketrans({c: chr(level + d) for c, d in offsets.items()})
    return table


def _w1(s: str, sos: str) -> str:
    """W1: each NSM run takes the class before it (sos at the start, ON after isolate formatters)."""
    parts = []
    pos = 0
    for m in _M_RUN.finditer(s):
        a, b = m.span()
        prev = s[a - 1] if a else sos
        parts.append(s[pos:a])
        parts.append(("O" if prev in "6789" else prev) * (b - a))
        pos = b
    parts.append(s[pos:])
    return "".join(parts)


def _resolve_explicit(cs: str, base: int, text: str | None) -> list[int]:
    n = len(cs)
    match = _matching_pdis_str(cs)
    tstr, levels = _explicit_str(cs, base, match)
    kept = [i for i in range(n) if levels[i] >= 0] if _REMOVED_RE.search(cs) else range(n)
    if len(kept) == n:
        k_cls, k_orig, k_text, k_emb = tstr, cs, text, levels
        k_of = None
    else:
        k_cls = "".join([tstr[i] for i in kept])
        k_orig = "".join([cs[i] for i in kept])
        k_text = None if text is None else "".join([text[i] for i in kept])
        k_emb = [levels[i] for i in kept]
        k_of = {i: k for k, i in enumerate(kept)}
    m = len(kept)
    if m == 0:
        return levels
    # Level runs as [a, b) ranges of the kept characters.
    runs = [m.span() for m in _SAME_BYTE_RUN.finditer(bytes(k_emb))]
    run_at = {a: r for r, (a, _) in enumerate(runs)}
    matched_pdis = set(match.values())
    out = [0] * m
    for a0, b0 in runs:
        if k_orig[a0] == "9" and (kept[a0] if k_of else a0) in matched_pdis:
            continue  # continues the sequence of its isolate initiator
        ranges = [(a0, b0)]
        while True:
            last = ranges[-1][1] - 1
            if k_orig[last] not in "678":
                break
            pdi = match.get(kept[last] if k_of else last)
            if pdi is None:
                break
            r = run_at.get(k_of[pdi] if k_of else pdi)
            if r is None:
                break
            ranges.append(runs[r])
        level = k_emb[a0]
        first, last = ranges[0][0], ranges[-1][1] - 1
        prev_level = k_emb[first - 1] if first > 0 else base
        next_level = base if k_orig[last] in "678" or last + 1 >= m else k_emb[last + 1]
        sos = "R" if max(prev_level, level) & 1 else "L"
        eos = "R" if max(next_level, level) & 1 else "L"
        if len(ranges) == 1:
            seq_cls = k_cls[a0:b0]
            seq_text = None if k_text is None else k_text[a0:b0]
        else:
            seq_cls = "".join([k_cls[a:b] for a, b in ranges])
            seq_text = None if k_text is None else "".join([k_text[a:b] for a, b in ranges])
        resolved = _resolve_run(seq_cls, sos, eos, level, seq_text)
        p = 0
        for a, b in ranges:
            out[a:b] = resolved[p:p + b - a]
            p += b - a
    if k_of is None:
        return out
    for i, lv in zip(kept, out):
        levels[i] = lv
    return levels


def _resolve_weak(s: str, sos: str, e: str, text: str | None) -> str:
    """W1-W7 and N0 on a class string; shared by the general and the fast path."""
    before_w1 = s
    if "M" in s:  # W1
        s = _w1(s, sos)
    if "A" in s:
        if "E" in s:  # W2
            s = _W2_SEG.sub(_en_to_an, s)
        s = s.replace("A", "R")  # W3
    if "+" in s or "," in s or "$" in s:
        s = _W4_AN.sub("NN", _W4_EN.sub("EE", s))  # W4
        if "$" in s:
            s = _W5.sub(_all_en, s)  # W5
        s = s.translate(_W6)  # W6
    if "E" in s:  # W7
        s = _W7_SEG.sub(_en_to_l, sos + s)[1:]
    if text is not None and "O" in s and _brackets_pattern().search(text):  # N0
        s = _brackets_simple(s, before_w1, text, sos, e)
    return s


def _resolve_run(s: str, sos: str, eos: str, level: int, text: str | None) -> list[int]:
    """W1-I2 on one isolating run sequence given as a class string (overrides applied)."""
    e = "R" if level & 1 else "L"
    s = _resolve_weak(s, sos, e, text)
    # N1 with sos/eos as sentinels, then N2
    s = _NI_BETWEEN_R_ANY.sub(_first_then_r, _NI_BETWEEN_L_ANY.sub(_all_l, sos + s + eos))[1:-1]
    s = s.translate(_NI_TO[e])
    return list(s.translate(_level_table(level)).encode("latin-1"))


def _first_then_r(m: re.Match[str]) -> str:
    return m.group()[0] + "R" * (m.end() - m.start() - 1)


def _en_to_an(m: re.Match[str]) -> str:
    return m.group().replace("E", "N")


def _en_to_l(m: re.Match[str]) -> str:
    return m.group().replace("E", "L")


def _all_en(m: re.Match[str]) -> str:
    return "E" * (m.end() - m.start())


def _all_l(m: re.Match[str]) -> str:
    return "L" * (m.end() - m.start())


def _resolve_simple(s: str, base: int, text: str | None) -> list[int]:
    if not s:
        return []
    sos = "R" if base else "L"
    s = _resolve_weak(s, sos, sos, text)
    if base:  # N1/N2: only NIs between L and L escape the embedding direction
        if "L" in s:
            s = _NI_BETWEEN_L.sub(_all_l, s)
    else:
        s = _NI_BETWEEN_R.sub(_first_then_r, s)
    return list(s.translate(_LEVEL_BYTES[base]).encode("latin-1"))


def _brackets_simple(s: str, before_w1: str, text: str, sos: str, e: str) -> str:
    pairs = _bracket_pairs((m.start(), m.group()) for m in _brackets_pattern().finditer(text) if s[m.start()] == "O")
    if not pairs:
        return s
    chars = list(s)
    n = len(chars)
    strong = _FAST_STRONG
    for o, c in pairs:
        found_e = found_o = False
        for k in range(o + 1, c):
            d = strong.get(chars[k])
            if d is not None:
                if d == e:
                    found_e = True
                    break
                found_o = True
        if found_e:
            d = e
        elif found_o:
            d = sos
            for k in range(o - 1, -1, -1):
                x = strong.get(chars[k])
                if x is not None:
                    d = x
                    break
        else:
            continue
        for k in (o, c):
            chars[k] = d
            j = k + 1
            while j < n and before_w1[j] == "M":
                chars[j] = d
                j += 1
    return "".join(chars)


# ---------------------------------------------------------------------------------------------
# Lines (L1, L2)

def _l1(levels: Sequence[int], cs: str, start: int, end: int, base: int) -> list[int]:
    """L1 on ``levels[start:end]``; ``cs`` is the class string of that line."""
    lv = levels[start:end] if isinstance(levels, list) else list(levels[start:end])
    if "S" in cs or "B" in cs:
        for m in _L1_RE.finditer(cs):
            a, b = m.span()
            for k in range(a, b):
                if lv[k] >= 0:
                    lv[k] = base
    else:  # only the line's trailing whitespace/isolate formatters (rstrip looks at the tail only)
        for k in range(len(cs.rstrip(_L1_CHARS)), len(cs)):
            if lv[k] >= 0:
                lv[k] = base
    return lv


_RUN_RES: dict[int, re.Pattern[bytes]] = {}


def _l2(lv: list[int], start: int) -> list[int]:
    """L2 on L1-adjusted levels of a line starting at absolute index ``start``."""
    try:
        packed = bytes(lv)
        idx = list(range(start, start + len(lv)))
    except ValueError:  # X9-removed characters (-1) are left out of the order
        idx = [start + k for k, x in enumerate(lv) if x >= 0]
        packed = bytes([x for x in lv if x >= 0])
    if not packed:
        return idx
    # Levels are nearly always 0-2: find the extremes with C-speed membership tests.
    if packed.translate(None, b"\x00\x01\x02"):
        hi = max(packed)
        lo = min(packed)
    else:
        hi = 2 if b"\x02" in packed else 1 if b"\x01" in packed else 0
        lo = 0 if b"\x00" in packed else 1 if b"\x01" in packed else 2
    lo_odd = lo | 1
    if hi < lo_odd:
        return idx
    n = len(idx)
    # A run of levels >= k keeps its place while runs of higher levels inside it are reversed,
    # so the runs can be found once on the logical levels.
    for level in range(hi, lo_odd - 1, -1):
        if level <= lo:
            idx.reverse()
            continue
        pattern = _RUN_RES.get(level)
        if pattern is None:
            pattern = _RUN_RES[level] = re.compile(b"[" + re.escape(bytes([level])) + b"-\x7f]+")
        for m in pattern.finditer(packed):
            a, b = m.span()
            if a == 0 and b == n:
                idx.reverse()
            else:
                idx[a:b] = idx[a:b][::-1]
    return idx


def line_levels(levels: Sequence[int], start: int, end: int, base_level: int, text: str) -> list[int]:
    """Levels of ``text[start:end]`` (one line) after rule L1; -1 for X9-removed characters."""
    _check_line(levels, start, end, text)
    return _l1(levels, _class_string(text)[start:end], start, end, base_level)


def _check_line(levels: Sequence[int], start: int, end: int, text: str) -> None:
    _check_text(text)
    if not 0 <= start <= end <= len(text) or len(levels) < end:
        raise ValueError(f"line [{start}:{end}] outside text of length {len(text)} / {len(levels)} levels")


def reorder(levels: Sequence[int], start: int, end: int, base_level: int, text: str) -> list[int]:
    """Visual order of the line ``text[start:end]``: absolute logical indices, left to right.

    ``levels`` are :func:`resolve_levels` of the paragraph (absolute indices). Applies L1 (segment
    and paragraph separators, and whitespace/isolate formatters before them or at the line end, go
    to the base level) then L2. X9-removed characters (level -1) are left out.
    """
    _check_line(levels, start, end, text)
    return _l2(_l1(levels, _class_string(text)[start:end], start, end, base_level), start)


def visual_order(text: str, direction: str = "auto") -> list[int]:
    """Logical indices of ``text`` (one paragraph, one line) in visual order, X9-removed left out."""
    _check_text(text)
    _check_direction(direction)
    cs = _class_string(text)
    base = _paragraph_level_str(cs, direction)
    levels = _resolve_str(cs, base, text)
    return _l2(_l1(levels, cs, 0, len(text), base), 0)


# ---------------------------------------------------------------------------------------------
# Reference versions of L1/L2 (obvious loops), kept to cross-check the fast ones in tests.


def _line_levels_reference(levels: Sequence[int], types: Sequence[int], start: int, end: int, base: int) -> list[int]:
    """L1 the slow, obvious way; tests check :func:`_l1` against it."""
    out = list(levels[start:end])
    trailing = True  # scanning backwards: inside a run that ends the line or precedes S/B
    for k in range(end - start - 1, -1, -1):
        t = types[start + k]
        if t == S or t == B:
            out[k] = base
            trailing = True
        elif t in _L1_TRAILING:
            if trailing and out[k] >= 0:
                out[k] = base
        else:
            trailing = False
    return out


def _order_reference(line: list[int], start: int) -> list[int]:
    """L2 on L1-adjusted levels of a line starting at absolute index ``start``."""
    idx = [start + k for k, lv in enumerate(line) if lv >= 0]
    lv = [x for x in line if x >= 0]
    if not lv:
        return idx
    hi = max(lv)
    lo_odd = min(lv) | 1
    for level in range(hi, lo_odd - 1, -1):
        k = 0
        m = len(lv)
        while k < m:
            if lv[k] >= level:
                j = k
                while j < m and lv[j] >= level:
                    j += 1
                idx[k:j] = idx[k:j][::-1]
                k = j
            else:
                k += 1
    return idx
