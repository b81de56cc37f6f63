"""Repair of Arabic text pulled out of PDFs: a *view* over the untouched file.

PDF extractors emit justified Arabic lines as runs of text placed in visual order: the runs
(separated by the justification gaps, two or more spaces) come out left to right, so a whole
line reads backwards run by run while each run keeps its own logical order. They also leak
glyph parts as stray tanween (``مبًاشًر``), keep the glyph form of brackets (``)…(``), keep the
hard line wrapping, page furniture, kashida-stretched pull quotes and footnote numbers glued
to words. ``repair_text`` undoes all of that and says what it did; the file is never changed.

How a line is judged reversed (the README design notes say the same): each line is cut into
runs at the gaps. Word pairs *inside* a run are in logical order whatever the line, so they,
with the other corpus articles, train word-pair statistics at three levels (normalised word,
stem without clitics, coarse class such as "function word في" or "article noun ending in a
comma"). For every line of two or more runs we score the pairs across run boundaries, and the
pairs joining it to its neighbouring lines, read forward and read with the runs reversed
(pointwise mutual information summed over the levels), and add positional evidence:
punctuation glued to the *start* of a number (``،2025``), once per line, as visual order makes it. The line
is reversed when backward minus forward exceeds ``REVERSAL_THRESHOLD``. Three more passes learn
the pairs of confidently decided lines (each line left out of its own evidence), use the
neighbours' decided order and add a document prior: the log-odds of reversed against forward
among the *other* lines whose evidence alone is decisive (``_document_prior``). Visual
order comes from the program that wrote the PDF, so a line whose words are ambiguous (a line
of one-word runs, whose pairs read much the same both ways) most likely came out like the
rest; in a document of mixed lines the prior is near zero. Lines dominated by Latin script
are never reversed.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

__all__ = [
    "Repair",
    "RepairResult",
    "WordPairStats",
    "REVERSAL_THRESHOLD",
    "default_stats",
    "looks_like_pdf_extraction",
    "repair_text",
    "repairs_report",
    "reversal_scores",
    "simulate_pdf_extraction",
]

# A line is reversed when (backward score − forward score + positional evidence) exceeds this:
# the more likely reading wins, and a line with no evidence either way (score 0) stays as it is.
# 0.5 and 1.0 were measured too and did slightly worse on synthetic and real lines alike.
REVERSAL_THRESHOLD = 0.0
# Lines decided with at least this margin teach their word pairs to the next pass.
LEARN_MARGIN = 2.0

TATWEEL = "\u0640"
FATHATAN = "\u064b"
_MARKS = set(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"}
_TERMINAL = ".!?؟:…"
_CLOSERS_AFTER = "،.؛:!?؟,;»)\"'"
_FUNCTION_NORM = {
    "في", "من", "الي", "علي", "ان", "عن", "مع", "بين", "او", "ثم", "حتي", "التي", "الذي", "هذا", "هذه",
    "ذلك", "قد", "لا", "ما", "كما", "بل", "اذا", "انه", "هو", "هي", "كل", "غير", "قبل", "بعد", "لم", "لن",
}
_GAP = re.compile(r" {2,}")
_TOKEN = re.compile(r"\S+")
_NUMBER_TOKEN = re.compile(r"^([،,.؛:%]*)([0-9٠-٩]+(?:[.,٫][0-9٠-٩]+)?)([،,.؛:%]*)$")
_FOOTNOTE = re.compile(r"(?<=[\u0621-\u064A\u064B-\u0652.،؛:])([0-9]{1,2})(?=[\s\u060C.؛:]|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3" or ch in "\u06d5"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


@dataclass(frozen=True, slots=True)
class Repair:
    kind: str  # reversed-line, stray-haraka, mirrored-bracket, joined-line, page-number, running-head,
    # kashida, footnote-marker, pull-quote
    raw_start: int  # offsets into the (line-end normalised) raw text
    raw_end: int
    line: int  # 1-based raw line number
    detail: str


@dataclass(slots=True)
class RepairResult:
    text: str
    repairs: list[Repair] = field(default_factory=list)
    footnotes: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, marker)
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # pull-quote spans in text


# ---------------------------------------------------------------- word-pair statistics


_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """The matching form used for bigram counts: no marks, kashida or edge punctuation."""
    w = "".join(ch for ch in word if ch not in _MARKS and ch != TATWEEL)
    w = w.strip("،؛:.!?؟,;()[]{}«»\"'-–—%*")
    w = w.translate(_FOLD)
    return w


@lru_cache(maxsize=65536)
def word_class(word: str) -> str:
    """A coarse shape of a word: function words as themselves, else prefix shape; plus its punctuation."""
    stripped = re.sub(r"(?<=[.،؛:])[0-9]{1,2}$", "", word).rstrip("»\")'")
    tail = ""
    if stripped[-1:] in ".؟?!:":
        tail = "."
    elif stripped[-1:] in "،,؛;":
        tail = ","
    w = normalise_word(word)
    if not w:
        return "P" + tail
    if w in _FUNCTION_NORM:
        base = w
    elif w[0].isdigit():
        base = "NUM"
    elif w.startswith(("وال", "فال")):
        base = "WAL"
    elif w.startswith(("بال", "لل", "كال")):
        base = "BAL"
    elif w.startswith("ال"):
        base = "AL"
    elif w[0] in "وف" and len(w) > 3:
        base = "W"
    elif w[0] in "يت" and len(w) > 3:
        base = "V"
    else:
        base = "X"
    return base + tail


@lru_cache(maxsize=65536)
def word_stem(word: str) -> str:
    """The normalised word without its clitic prefixes (و/ف, ب/ل/ك, ال): «والقوة» ~ «القوة»."""
    w = normalise_word(word)
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    if len(w) > 4 and w.startswith(("بال", "كال")):
        w = w[3:]
    elif len(w) > 3 and w.startswith("لل"):
        w = w[2:]
    elif len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return w


class _Pairs:
    """Unigram and bigram counts of one view of the words (the word, its stem or its class)."""

    __slots__ = ("key", "pairs", "units", "total", "npairs")

    def __init__(self, key: Callable[[str], str]) -> None:
        self.key = key
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.units: Counter[str] = Counter()
        self.total = 0
        self.npairs = 0

    def add(self, keys: list[str], weight: int) -> None:
        for k in keys:
            self.units[k] += weight
        self.total += weight * len(keys)
        for a, b in zip(keys, keys[1:]):
            self.pairs[(a, b)] += weight
        self.npairs += weight * max(len(keys) - 1, 0)

    def update(self, other: "_Pairs") -> None:
        self.pairs.update(other.pairs)
        self.units.update(other.units)
        self.total += other.total
        self.npairs += other.npairs

    def logp(self, a: str, b: str, alpha: float) -> float:
        # A joint (not conditional) probability keeps the two readings of a line on an equal
        # footing: both hold the same words, so the unigram parts largely cancel and only the
        # pairs actually seen together make the difference. Unseen pairs back off to independence.
        n = self.total + len(self.units) + 1
        pa = (self.units[a] + 1) / n
        pb = (self.units[b] + 1) / n
        npairs = self.npairs + 1
        joint = (max(self.pairs[(a, b)], 0) + alpha * pa * pb * npairs) / (npairs + alpha)
        # pointwise mutual information: unseen pairs score ~log(alpha) whatever their words
        return math.log(joint / (pa * pb))


class WordPairStats:
    """Word-pair statistics at three levels: normalised words, stems and coarse word classes.

    ``logp(a, b)`` sums the three joint log-probabilities of the pair — a product of experts in
    which the exact words speak when seen, stems generalise over clitics and the class model
    over everything seen once (function words, the article prefix, trailing punctuation).
    """

    def __init__(self) -> None:
        self.word = _Pairs(normalise_word)
        self.stem = _Pairs(word_stem)
        self.cls = _Pairs(word_class)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "WordPairStats":
        stats = cls()
        for text in texts:
            for line in text.splitlines():
                stats.add_sequence(line.split())
        return stats

    def add_sequence(self, words: list[str], weight: int = 1) -> None:
        """Count a sequence's words and pairs; a negative weight takes a sequence back out."""
        words = [w for w in words if normalise_word(w)]
        self.word.add([normalise_word(w) for w in words], weight)
        self.stem.add([word_stem(w) for w in words], weight)
        self.cls.add([word_class(w) for w in words], weight)

    def merged(self, other: "WordPairStats") -> "WordPairStats":
        out = WordPairStats()
        for s in (self, other):
            out.word.update(s.word)
            out.stem.update(s.stem)
            out.cls.update(s.cls)
        return out

    def logp(self, a: str, b: str) -> float:
        """log-score of the pair ``a b`` (in that order)."""
        return (
            self.word.logp(normalise_word(a), normalise_word(b), 1.0)
            + self.stem.logp(word_stem(a), word_stem(b), 1.0)
            + self.cls.logp(word_class(a), word_class(b), 1.0)
        )

    def __len__(self) -> int:
        return len(self.word.pairs)


@lru_cache(maxsize=1)
def default_stats() -> WordPairStats:
    """Statistics from the embedded corpus articles that are not PDF extractions (computed once)."""
    try:
        from tui import embedded_corpus_dir

        folder = embedded_corpus_dir()
        texts = []
        for path in sorted(Path(folder).glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            if not looks_like_pdf_extraction(text):
                texts.append(text)
    except OSError:
        texts = []
    return WordPairStats.from_texts(texts)


# ---------------------------------------------------------------- the gate


def _gap_lines(lines: list[str]) -> int:
    n = 0
    for line in lines:
        stripped = line.strip()
        if _GAP.search(stripped) and sum(_is_arabic_letter(c) for c in stripped) > 10:
            n += 1
    return n


def _stray_tanween_count(text: str) -> int:
    n = 0
    for i, ch in enumerate(text):
        if ch == FATHATAN and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in _MARKS:
                n += 1
            elif _is_arabic_letter(nxt) and nxt not in "اى":
                n += 1
    return n


def looks_like_pdf_extraction(raw: str) -> bool:
    """Cheap gate: justified-gap lines, stray tanween and glyph-order brackets together."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 5:
        return False
    gaps = _gap_lines(lines)
    stray = _stray_tanween_count(text)
    mirrored = len(re.findall(r"(?:^|\s)[)»][\u0621-\u064a]|[\u0621-\u064a][(«](?:[\s،.]|$)", text))
    score = 0
    score += gaps >= max(2, len(lines) // 20)
    score += stray >= max(5, len(text) // 2000)
    score += mirrored >= 1
    return score >= 2


# ---------------------------------------------------------------- per-token repairs


def _clean_token(tok: str, start: int, line_no: int, repairs: list[Repair]) -> str:
    out: list[str] = []
    n = len(tok)
    # kashida: drop tatweel between letters/marks and a following letter; a prefix tatweel
    # before punctuation (بـ«) is the typographic convention and stays.
    chars = list(tok)
    keep = [True] * n
    j = 0
    while j < n:
        if chars[j] == TATWEEL:
            k = j
            while k < n and chars[k] == TATWEEL:
                k += 1
            before = chars[j - 1] if j else ""
            after = chars[k] if k < n else ""
            if (before and (_is_arabic_letter(before) or before in _MARKS)) and after and (
                _is_arabic_letter(after) or after in _MARKS
            ):
                for m in range(j, k):
                    keep[m] = False
                repairs.append(Repair("kashida", start + j, start + k, line_no, f"removed {k - j} tatweel"))
            j = k
        else:
            j += 1
    idx = [m for m in range(n) if keep[m]]
    # stray tanween: fathatan is only legitimate once, at the word's end (before a final alif, or
    # last, after ة/ء/ا); anywhere else it is a leaked glyph dot (مبًاشًر, أيضًًا).
    seen_tanween = False
    for pos, m in enumerate(idx):
        ch = chars[m]
        if ch == FATHATAN:
            nxt = chars[idx[pos + 1]] if pos + 1 < len(idx) else ""
            rest = [chars[q] for q in idx[pos + 2 :]]
            final_alif = nxt == "ا" and all(not _is_arabic_letter(c) for c in rest)
            word_end = nxt == "" or not (_is_arabic_letter(nxt) or nxt in _MARKS)
            legit = not seen_tanween and (final_alif or word_end)
            if not legit:
                repairs.append(Repair("stray-haraka", start + m, start + m + 1, line_no, "removed stray fathatan"))
                continue
            seen_tanween = True
        out.append(ch)
    return "".join(out)


_OPEN = {"(": "(", ")": "(", "«": "«", "»": "«", "[": "[", "]": "["}
_CLOSE = {"(": ")", ")": ")", "«": "»", "»": "»", "[": "]", "]": "]"}


def _fix_brackets(tok: str, start: int, line_no: int, repairs: list[Repair]) -> str:
    chars = list(tok)
    for i, ch in enumerate(chars):
        if ch not in _OPEN:
            continue
        prev = chars[i - 1] if i else " "
        nxt = chars[i + 1] if i + 1 < len(chars) else " "
        opening = (prev == " " or prev == TATWEEL or prev in "([«") and nxt not in " " + _CLOSERS_AFTER
        closing = prev not in " («[" + TATWEEL and (nxt == " " or nxt in _CLOSERS_AFTER)
        if opening == closing:
            continue
        want = _OPEN[ch] if opening else _CLOSE[ch]
        if want != ch:
            chars[i] = want
            repairs.append(Repair("mirrored-bracket", start + i, start + i + 1, line_no, f"{ch} -> {want}"))
    return "".join(chars)


# ---------------------------------------------------------------- lines


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class _Line:
    no: int  # 1-based
    start: int
    raw: str
    chunks: list[list[_Tok]]
    kind: str = "text"  # text, blank, page-number, running-head, pull-quote
    reversed: bool = False
    score: float = 0.0  # evidence + document prior: the decision
    evidence: float = 0.0  # the line's own words and its neighbours' ends

    @property
    def words(self) -> list[_Tok]:
        return [t for c in self.chunks for t in c]


@lru_cache(maxsize=4096)
def _latin_dominant(s: str) -> bool:
    latin = sum(_is_latin(c) for c in s)
    arabic = sum(_is_arabic_letter(c) for c in s)
    return latin > arabic


def _numeric_chunk(chunk: list[_Tok]) -> bool:
    return len(chunk) > 1 and any(_NUMBER_TOKEN.match(t.text) for t in chunk)


def _reading(chunks: list[list[_Tok]], backwards: bool) -> list[list[str]]:
    if not backwards:
        return [[t.text for t in c] for c in chunks]
    # Runs holding a stand-alone number were split by the extractor around the LTR number and
    # so are in visual order themselves.
    return [[t.text for t in (c[::-1] if _numeric_chunk(c) else c)] for c in chunks[::-1]]


def _score_line(
    line: _Line,
    stats: WordPairStats,
    before: str | None = None,
    after: str | None = None,
) -> float:
    if len(line.chunks) < 2 or _latin_dominant(line.raw):
        return -math.inf
    fwd = _reading(line.chunks, False)
    bwd = _reading(line.chunks, True)

    def junctions(reading: list[list[str]]) -> float:
        pairs = [(a[-1], b[0]) for a, b in zip(reading, reading[1:])]
        # the neighbouring lines (in their own decided order) join this one at its ends
        if before:
            pairs.append((before, reading[0][0]))
        if after:
            pairs.append((reading[-1][-1], after))
        return sum(stats.logp(a, b) for a, b in pairs)

    score = junctions(bwd) - junctions(fwd)
    # Punctuation glued to the start of a number (،2025, %50) arises in visual order: the number
    # is a left-to-right island, so the comma or percent sign after it lands on its other side.
    # Only before a digit — hand-typed text often puts its commas before the space (``X ،Y``) —
    # and once per line, so a line of such habits cannot outweigh its word pairs.
    if any(t.text[0] in "،؛.:%" and len(t.text) > 1 and t.text[1].isdigit() for t in line.words):
        score += 4.0
    # A function word closing a run and a run opening with a sentence end are both odd forward.
    for a, b in zip(fwd, fwd[1:]):
        if normalise_word(a[-1]) in _FUNCTION_NORM and b[0][-1:] in "،.؛:":
            score += 1.0
    return score


def _split_chunks(raw_line: str, start: int) -> list[list[_Tok]]:
    chunks: list[list[_Tok]] = []
    prev_end = None
    for m in _TOKEN.finditer(raw_line):
        tok = _Tok(m.group(), start + m.start(), start + m.end())
        if prev_end is None or m.start() - prev_end >= 2:
            chunks.append([tok])
        else:
            chunks[-1].append(tok)
        prev_end = m.end()
    return chunks


def _ends_terminal(s: str) -> bool:
    s = re.sub(r"(?<=[.؟?!:])[0-9]{1,2}$", "", s.rstrip())
    s = s.rstrip("»\")'")
    return bool(s) and s[-1] in _TERMINAL


def repair_text(raw: str, *, stats: WordPairStats | None = None) -> RepairResult:
    """Repair PDF-extracted Arabic; any other text comes back unchanged (line ends normalised).

    ``stats`` replaces the default statistics of the other embedded articles (the document's
    own in-run word pairs are always used).
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not looks_like_pdf_extraction(raw):
        return RepairResult(text=raw)
    lines, short, repairs = _analyse(raw, stats)
    for ln in lines:
        if ln.reversed:
            repairs.append(
                Repair(
                    "reversed-line",
                    ln.start,
                    ln.start + len(ln.raw),
                    ln.no,
                    f"{len(ln.chunks)} runs, score {ln.score:.1f}"
                    f" (its words {ln.evidence:+.1f}, the document {ln.score - ln.evidence:+.1f})",
                )
            )
    return _assemble(lines, short, repairs)


def _analyse(raw: str, stats: WordPairStats | None) -> tuple[list[_Line], float, list[Repair]]:
    repairs: list[Repair] = []
    lines: list[_Line] = []
    pos = 0
    for no, text in enumerate(raw.split("\n"), 1):
        lines.append(_Line(no, pos, text, _split_chunks(text, pos), "text" if text.strip() else "blank"))
        pos += len(text) + 1

    lengths = [len(ln.raw.strip()) for ln in lines if ln.kind == "text"]
    full = statistics.median(lengths) if lengths else 0
    short = 0.75 * full

    _mark_page_furniture(lines, short, repairs)
    _mark_pull_quotes(lines, short)

    # token cleaning (kashida, tanween, brackets) for every line that stays text
    for ln in lines:
        if ln.kind in ("blank", "page-number", "running-head"):
            continue
        for chunk in ln.chunks:
            for tok in chunk:
                cleaned = _clean_token(tok.text, tok.start, ln.no, repairs)
                tok.text = _fix_brackets(cleaned, tok.start, ln.no, repairs)

    # statistics: pairs inside runs are logical order in every line; plus the other articles
    doc = WordPairStats()
    for ln in lines:
        for chunk in ln.chunks:
            if len(chunk) > 1 and not _numeric_chunk(chunk):
                doc.add_sequence([t.text for t in chunk])
    base = stats if stats is not None else default_stats()
    model = doc.merged(base)

    _decide_reversal(lines, model)
    return lines, short, repairs


def _document_prior(candidates: list["_Line"]) -> dict[int, float]:
    """Per line: log-odds that a multi-run line of this document is reversed, before its words speak.

    Visual order is a property of the program that wrote the PDF and of its layout, not of a
    line's words, so the lines whose word pairs decide them clearly say how the others most
    likely came out. Counted without the line being decided (its own margin must not vote for
    itself), from pseudo-counts of one reversed and three forward lines: text is in logical
    order until shown otherwise, so with no clear line either way a line needs evidence of
    its own (log 3) to be reversed. A document of mixed lines has a prior near zero.
    """

    def vote(ln: "_Line") -> tuple[int, int]:
        if len(ln.chunks) < 2 or not math.isfinite(ln.evidence):
            return 0, 0
        return int(ln.evidence > LEARN_MARGIN), int(ln.evidence < -LEARN_MARGIN)

    votes = {ln.no: vote(ln) for ln in candidates}
    rev = sum(r for r, _ in votes.values())
    fwd = sum(f for _, f in votes.values())
    return {no: math.log((rev - r + 1) / (fwd - f + 3)) for no, (r, f) in votes.items()}


def _decide_reversal(lines: list[_Line], model: WordPairStats) -> None:
    candidates = [ln for ln in lines if ln.kind in ("text", "pull-quote")]
    # first pass on the lines alone; later passes also use the neighbouring lines' ends read in
    # their current orientation, and learn the pairs of lines decided with a wide margin
    for ln in candidates:
        ln.evidence = ln.score = _score_line(ln, model)
        ln.reversed = ln.score > REVERSAL_THRESHOLD
    for _ in range(3):
        learned = WordPairStats()
        taught: dict[int, list[str]] = {}
        for ln in candidates:
            if len(ln.chunks) > 1 and abs(ln.evidence) > LEARN_MARGIN:
                taught[ln.no] = [w for c in _reading(ln.chunks, ln.reversed) for w in c]
                learned.add_sequence(taught[ln.no])
        extended = model.merged(learned)
        for idx, ln in enumerate(candidates):
            if len(ln.chunks) < 2:
                continue
            # leave the line's own reading out, or a wrong first guess would confirm itself
            own = taught.get(ln.no)
            if own:
                extended.add_sequence(own, -1)
            before = after = None
            if idx > 0 and candidates[idx - 1].no >= ln.no - 2:
                prev = _reading(candidates[idx - 1].chunks, candidates[idx - 1].reversed)
                if prev and not _ends_terminal(prev[-1][-1]):
                    before = prev[-1][-1]
            if idx + 1 < len(candidates) and candidates[idx + 1].no <= ln.no + 2:
                nxt = _reading(candidates[idx + 1].chunks, candidates[idx + 1].reversed)
                if nxt:
                    after = nxt[0][0]
            ln.evidence = _score_line(ln, extended, before, after)
            if own:
                extended.add_sequence(own, 1)
        # the prior is counted over this pass's evidence only, never over earlier priors, so
        # it cannot feed on itself
        prior = _document_prior(candidates)
        for ln in candidates:
            if len(ln.chunks) < 2:
                continue
            ln.score = ln.evidence + prior[ln.no]
            ln.reversed = ln.score > REVERSAL_THRESHOLD


def reversal_scores(raw: str, *, stats: WordPairStats | None = None, gate: bool = True) -> dict[int, float]:
    """Line number → reversal score for every line with two or more runs (for evaluation).

    Positive above ``REVERSAL_THRESHOLD`` means the line is repaired as reversed; Latin lines
    score ``-inf``. Texts that fail the gate have no scores, unless ``gate`` is false: then the
    detector is judged on its own, as on ordinary text with stray double spaces.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if gate and not looks_like_pdf_extraction(raw):
        return {}
    lines, _, _ = _analyse(raw, stats)
    return {ln.no: ln.score for ln in lines if len(ln.chunks) > 1 and ln.kind in ("text", "pull-quote")}


def _mark_page_furniture(lines: list[_Line], short: float, repairs: list[Repair]) -> None:
    for i, ln in enumerate(lines):
        s = ln.raw.strip()
        if ln.kind != "text" or not re.fullmatch(r"[0-9٠-٩]{1,4}", s):
            continue
        # a lone number standing between blank lines is a page number
        prev_blank = i == 0 or lines[i - 1].kind == "blank"
        next_blank = i + 1 == len(lines) or lines[i + 1].kind == "blank"
        if not (prev_blank and next_blank):
            continue
        ln.kind = "page-number"
        repairs.append(Repair("page-number", ln.start, ln.start + len(ln.raw), ln.no, s))
        # running heads: short unpunctuated lines next to it, separated only by blank lines
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines):
                other = lines[j]
                t = other.raw.strip()
                if other.kind == "blank":
                    j += step
                    continue
                if other.kind == "text" and len(t) < short and not _ends_terminal(t):
                    nb = j + step
                    # it must itself be fenced by blank lines (a heading of the next section is not)
                    if 0 <= nb < len(lines) and lines[nb].kind != "blank":
                        break
                    other.kind = "running-head"
                    repairs.append(Repair("running-head", other.start, other.start + len(other.raw), other.no, t))
                    j += step
                    continue
                break


def _mark_pull_quotes(lines: list[_Line], short: float) -> None:
    i = 0
    while i < len(lines):
        if lines[i].kind != "text":
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].kind == "text" and len(lines[j].raw.strip()) < short + 8:
            j += 1
        block = lines[i:j]
        if len(block) >= 2 and sum(TATWEEL * 2 in b.raw for b in block) >= 1:
            prev_ok = i == 0 or lines[i - 1].kind == "blank"
            if prev_ok:
                for b in block:
                    b.kind = "pull-quote"
        i = max(j, i + 1)


def _line_text(ln: _Line) -> str:
    reading = _reading(ln.chunks, ln.reversed)
    words = [w for c in reading for w in c]
    if ln.reversed:
        fixed = []
        for w in words:
            m = _NUMBER_TOKEN.match(w)
            if m and m.group(1):
                # the extractor put the number's trailing punctuation in front of it
                w = m.group(2) + m.group(3) + m.group(1)
            fixed.append(w)
        words = fixed
    return " ".join(words)


def _assemble(lines: list[_Line], short: float, repairs: list[Repair]) -> RepairResult:
    paragraphs: list[list[_Line]] = []
    pulls: list[tuple[int, list[_Line]]] = []  # (index of the paragraph it interrupts, lines)
    current: list[_Line] = []

    def flush() -> None:
        nonlocal current
        if current:
            paragraphs.append(current)
            current = []

    text_lines = [ln for ln in lines if ln.kind in ("text", "pull-quote", "blank")]
    k = 0
    while k < len(text_lines):
        ln = text_lines[k]
        if ln.kind == "blank":
            k += 1
            continue
        if ln.kind == "pull-quote":
            block = []
            while k < len(text_lines) and text_lines[k].kind == "pull-quote":
                block.append(text_lines[k])
                k += 1
            pulls.append((len(paragraphs), block))
            continue
        s = _line_text(ln)
        prev_blank = k > 0 and text_lines[k - 1].kind == "blank"
        latin = _latin_dominant(ln.raw)
        if latin:
            # double-spaced Latin blocks: blank lines carry no paragraph information there
            prev_blank = False
        is_short = len(ln.raw.strip()) < short
        if not current and is_short and not _ends_terminal(s):
            # a heading: a short unpunctuated line that starts a paragraph
            current.append(ln)
            flush()
            k += 1
            continue
        current.append(ln)
        # This layout sets a paragraph's last line off with a blank line before it.
        if _ends_terminal(s) and (is_short or prev_blank):
            flush()
        k += 1
    flush()

    out: list[str] = []
    footnotes: list[tuple[int, str]] = []
    duplicates: list[tuple[int, int]] = []
    offset = 0
    expected_note = 1
    body_norm: list[str] = []

    def emit_para(para: list[_Line]) -> str:
        pieces: list[str] = []
        for ln in para:
            s = _line_text(ln)
            if pieces:
                prev = pieces[-1]
                if prev.endswith("-") and s[:1].islower() and prev[-2:-1].isalpha() and prev[-2:-1].isascii():
                    pieces[-1] = prev[:-1]
                    pieces.append(s)
                else:
                    pieces.append(" " + s)
                repairs.append(Repair("joined-line", ln.start, ln.start, ln.no, "joined to previous line"))
            else:
                pieces.append(s)
        return "".join(pieces)

    def add_footnotes(text: str, base: int, para: list[_Line]) -> str:
        nonlocal expected_note
        result: list[str] = []
        last = 0
        removed = 0
        for m in _FOOTNOTE.finditer(text):
            if int(m.group(1)) != expected_note:
                continue
            result.append(text[last : m.start()])
            last = m.end()
            footnotes.append((base + m.start() - removed, m.group(1)))
            raw_pos = _find_raw(para, text, m)
            repairs.append(Repair("footnote-marker", raw_pos[0], raw_pos[1], raw_pos[2], f"footnote {m.group(1)}"))
            removed += m.end() - m.start()
            expected_note += 1
        result.append(text[last:])
        return "".join(result)

    pull_by_para: dict[int, list[list[_Line]]] = {}
    for where, block in pulls:
        # a pull quote interrupts the paragraph being built; it is shown after that paragraph
        pull_by_para.setdefault(max(where, 0), []).append(block)

    for pi, para in enumerate(paragraphs):
        text = emit_para(para)
        text = add_footnotes(text, offset, para)
        out.append(text)
        body_norm.append(text)
        offset += len(text) + 1
        for block in pull_by_para.get(pi, []):
            qtext = " ".join(_line_text(b) for b in block)
            start = offset
            out.append(qtext)
            offset += len(qtext) + 1
            dup = _is_duplicate(qtext, " ".join(p for p in body_norm) + " " + _lookahead(paragraphs, pi))
            if dup:
                duplicates.append((start, start + len(qtext)))
            b0, b1 = block[0], block[-1]
            repairs.append(
                Repair("pull-quote", b0.start, b1.start + len(b1.raw), b0.no, "duplicate of body text" if dup else "pull quote")
            )
    # blocks that come after the last paragraph
    for where, block in pulls:
        if where >= len(paragraphs):
            qtext = " ".join(_line_text(b) for b in block)
            out.append(qtext)
            b0, b1 = block[0], block[-1]
            repairs.append(Repair("pull-quote", b0.start, b1.start + len(b1.raw), b0.no, "pull quote"))
    repairs.sort(key=lambda r: (r.raw_start, r.kind))
    return RepairResult(text="\n".join(out), repairs=repairs, footnotes=footnotes, duplicates=duplicates)


def _lookahead(paragraphs: list[list[_Line]], pi: int) -> str:
    return " ".join(_line_text(ln) for para in paragraphs[pi + 1 : pi + 3] for ln in para)


def _is_duplicate(quote: str, body: str) -> bool:
    q = [normalise_word(w) for w in quote.split()]
    b = [normalise_word(w) for w in body.split()]
    qp = set(zip(q, q[1:]))
    bp = set(zip(b, b[1:]))
    return bool(qp) and len(qp & bp) / len(qp) >= 0.6


def _find_raw(para: list[_Line], text: str, m: re.Match[str]) -> tuple[int, int, int]:
    # the marker's word, searched in the raw lines of the paragraph
    word = text[: m.end()].rsplit(" ", 1)[-1]
    for ln in para:
        for tok in ln.words:
            if tok.text == word or tok.text.endswith(m.group(1)) and normalise_word(tok.text) == normalise_word(word):
                end = tok.end
                return end - len(m.group(1)), end, ln.no
    ln = para[0]
    return ln.start, ln.start + len(ln.raw), ln.no


def repairs_report(raw: str, result: RepairResult) -> list[dict[str, object]]:
    """Rows for ``qari analyze --repairs``: kind, line, column, offsets and detail of each repair."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    line_starts = [0]
    for i, ch in enumerate(raw):
        if ch == "\n":
            line_starts.append(i + 1)
    rows = []
    for r in result.repairs:
        start = line_starts[r.line - 1] if 0 < r.line <= len(line_starts) else 0
        rows.append(
            {
                "kind": r.kind,
                "line": r.line,
                "column": r.raw_start - start + 1,
                "raw_start": r.raw_start,
                "raw_end": r.raw_end,
                "detail": r.detail,
            }
        )
    return rows


def simulate_pdf_extraction(text: str, *, seed: int = 0, width: int = 80, reverse_share: float = 0.5) -> tuple[str, dict[int, bool]]:
    """Turn ordinary text into a PDF-extraction look-alike, for evaluating the repair.

    Paragraphs are wrapped at ``width`` characters, each line of four or more words is cut into
    runs at random justification gaps, and about ``reverse_share`` of those lines get their runs
    in visual order (a run holding a stand-alone number reversed inside too, as extractors do).
    The dots of ب leak as tanween, as in the real files. Returns the text and, per line number,
    whether that line was reversed — the truth for lines that have at least two runs.
    """
    import random

    rng = random.Random(seed)
    out: list[str] = []
    truth: dict[int, bool] = {}
    for para in text.split("\n"):
        words = para.split()
        if not words:
            continue
        lines: list[list[str]] = [[]]
        for w in words:
            if lines[-1] and len(" ".join(lines[-1] + [w])) > width:
                lines.append([])
            lines[-1].append(w)
        for i, line in enumerate(lines):
            # not before a word-final alif, where the real extractor leaves ب alone too
            line = [re.sub("ب(?=[\u0621-\u064a])(?!ا(?:[^\u0621-\u064a]|$))", "ب" + FATHATAN, w) for w in line]
            if i == len(lines) - 1 and len(lines) > 1:
                out.append("")  # this layout sets a paragraph's last line off
            reversed_line = False
            if len(line) >= 4:
                k = rng.randint(1, min(len(line) - 1, 10))
                cuts = sorted(rng.sample(range(1, len(line)), k))
                runs = [line[a:b] for a, b in zip([0] + cuts, cuts + [len(line)])]
                reversed_line = rng.random() < reverse_share
                if reversed_line:
                    runs = [r[::-1] if len(r) > 1 and any(_NUMBER_TOKEN.match(w) for w in r) else r for r in runs[::-1]]
                truth[len(out) + 1] = reversed_line
                out.append("  ".join(" ".join(r) for r in runs))
            else:
                out.append(" ".join(line))
        out.append("")
    return "\n".join(out), truth
