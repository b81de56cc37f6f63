"""Links between passages of different articles: BM25 retrieval plus shared evidence.

Every passage is turned into *terms* (folded, light-stemmed, stopwords out, entity tokens
unstemmed, plus ``@entity-id`` terms). bm25s builds the weighted term matrix; retrieval is a
batched sparse product restricted to each query's most distinctive terms, so 50 000
passages cost seconds, not minutes. Candidates are then re-scored with evidence the bag of
words cannot see — shared entities, dates and numbers — and explained in a short reason.
Two linked passages that tell the same event with a different day (or a different count
of the same unit) get a ``conflict``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from tui.analysis.model import DateMention, Link, Mention, Passage
from tui.analysis.stem import STOPWORDS, TOKEN_RE, fold, index_terms, light_stem

TOP_LINKS = 3  # links kept per source passage
CANDIDATES = 8  # BM25 candidates re-scored per passage
THRESHOLD = 0.20  # minimum final score
MIN_SIM = 0.08  # minimum normalised BM25 similarity, whatever the evidence
MIN_SHARED = 3  # distinct shared terms needed when there is no other evidence
MIN_TERMS = 3  # passages with fewer terms (short headings) neither link nor are linked
QUERY_TERMS = 16  # most distinctive terms of a passage used as its query
BATCH = 512

MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")

# Nouns that name an event: two passages dating "the same" event must share one of these
# near the date, otherwise two different days are simply two different events.
_EVENT_WORDS = frozenset(
    light_stem(fold(w))
    for w in (
        "قمة اجتماع لقاء مكالمة اتصال محادثات مفاوضات زيارة مؤتمر اتفاق اتفاقية هجوم انفجار "
        "انتخابات تصويت قرار جلسة اجتماعات مباحثات هدنة صفقة معاهدة مناورات حادث زلزال"
    ).split()
)
_CONTEXT = 8  # terms either side of a date that describe it


@dataclass(slots=True)
class PassageInfo:
    """What linking needs to know about one passage (JSON-friendly for the cache)."""

    article: str
    start: int
    end: int
    terms: list[str]
    entities: dict[str, str] = field(default_factory=dict)  # id -> display name
    event_entities: dict[str, str] = field(default_factory=dict)
    dates: list[tuple[str, str, str, list[str]]] = field(default_factory=list)  # (greg, gran, text, context)
    numbers: dict[str, list[str]] = field(default_factory=dict)  # unit stem -> numbers
    number_text: dict[str, str] = field(default_factory=dict)  # "n unit" -> surface


_NUM_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|[\u0621-\u064A]+)")


def _num_units(text: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    units: dict[str, list[str]] = {}
    surface: dict[str, str] = {}
    for m in _NUM_UNIT.finditer(fold(text)):
        num, unit = m.group(1), m.group(2)
        if unit in STOPWORDS or unit in _MONTH_STEMS:
            continue
        u = light_stem(unit)
        units.setdefault(u, []).append(num)
        surface[f"{num} {u}"] = text[m.start() : m.end()] if len(text) == len(fold(text)) else f"{num} {unit}"
    return units, surface


_MONTH_STEMS = frozenset(fold(m) for m in MONTHS_AR) | frozenset(
    fold(m) for m in "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين ابريل اغسطس".split()
)


def passage_info(
    article_id: str,
    text: str,
    passage: Passage,
    entities: list[Mention],
    dates: list[DateMention],
) -> PassageInfo:
    """Terms and evidence of one passage. ``entities``/``dates`` are the article's (any order)."""
    s, e = passage.start, passage.end
    body = text[s:e]
    ents = [m for m in entities if s <= m.start and m.end <= e]
    terms = index_terms(body, [(m.start - s, m.end - s) for m in ents])
    info = PassageInfo(article_id, s, e, terms)
    for m in ents:
        info.entities.setdefault(m.id, m.name)
        if m.type == "EVENT":
            info.event_entities.setdefault(m.id, m.name)
    for m in ents:
        info.terms.append("@" + m.id)
    for d in dates:
        if s <= d.start and d.end <= e and d.gregorian:
            before = index_terms(text[max(s, d.start - 80) : d.start])[-_CONTEXT:]
            after = index_terms(text[d.end : min(e, d.end + 80)])[:_CONTEXT]
            info.dates.append((d.gregorian, d.granularity, d.text, before + after))
    info.numbers, info.number_text = _num_units(body)
    return info


def _display_date(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS_AR[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS_AR[int(parts[1]) - 1]} {parts[0]}"
    return iso


def _day_month(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)} {MONTHS_AR[int(m) - 1]}"


def _surface_terms(text: str) -> dict[str, str]:
    """Stemmed term -> first surface word, to explain matches in the words of the text."""
    out: dict[str, str] = {}
    for m in TOKEN_RE.finditer(text):
        tok = fold(m.group())
        for t in (light_stem(tok), tok):
            out.setdefault(t, m.group())
    return out


def _event_phrase(a: PassageInfo, b: PassageInfo, text_a: str) -> str | None:
    """A shared EVENT entity, else an event noun followed by a word both passages contain."""
    for eid, name in a.event_entities.items():
        if eid in b.event_entities:
            return name
    words = [(m.group(), light_stem(fold(m.group()))) for m in TOKEN_RE.finditer(text_a)]
    bset = set(b.terms)
    for i, (w, st) in enumerate(words[:-1]):
        if st in _EVENT_WORDS and st in bset:
            nxt, nst = words[i + 1]
            if nst in bset and fold(nxt) not in STOPWORDS:
                return f"{w} {nxt}"
    return None


def date_conflict(a: PassageInfo, b: PassageInfo) -> str | None:
    """Same month, different day, told around the same event → a human-readable conflict."""
    a_days = {d[0] for d in a.dates if d[1] == "day"}
    b_days = {d[0] for d in b.dates if d[1] == "day"}
    shared_event_entity = bool(set(a.event_entities) & set(b.event_entities))
    for ga, gran_a, _ta, ctx_a in a.dates:
        if gran_a != "day" or ga in b_days:
            continue
        for gb, gran_b, _tb, ctx_b in b.dates:
            if gran_b != "day" or gb in a_days or gb[:7] != ga[:7]:
                continue
            shared = set(ctx_a) & set(ctx_b)
            if shared_event_entity or (shared & _EVENT_WORDS and len(shared) >= 2):
                return f"التاريخ: {_day_month(ga)} ≠ {_day_month(gb)}"
    return None


def number_conflict(a: PassageInfo, b: PassageInfo) -> str | None:
    for unit, nums_a in a.numbers.items():
        nums_b = b.numbers.get(unit)
        if nums_b and len(set(nums_a)) == 1 and len(set(nums_b)) == 1 and nums_a[0] != nums_b[0]:
            wa = a.number_text.get(f"{nums_a[0]} {unit}", f"{nums_a[0]} {unit}")
            wb = b.number_text.get(f"{nums_b[0]} {unit}", f"{nums_b[0]} {unit}")
            return f"العدد: {wa} ≠ {wb}"
    return None


def _evidence(a: PassageInfo, b: PassageInfo) -> tuple[float, list[str], list[str]]:
    """Bonus score, shared entity names, shared date/number values."""
    ents = [a.entities[i] for i in a.entities if i in b.entities]
    a_dates = {d[0]: d[2] for d in a.dates}
    b_dates = {d[0] for d in b.dates}
    same_dates = [g for g in a_dates if g in b_dates]
    # A day in one passage and its month in the other still point at the same time.
    months = {g[:7] for g in b_dates} | {g for g in b_dates}
    near_dates = [g for g in a_dates if g not in b_dates and (g[:7] in months)]
    nums = []
    for unit, na in a.numbers.items():
        for n in set(na) & set(b.numbers.get(unit, ())):
            nums.append(a.number_text.get(f"{n} {unit}", n))
    bonus = 0.06 * min(len(ents), 4) + 0.15 * min(len(same_dates), 2) + 0.05 * min(len(near_dates), 2) + 0.08 * min(len(nums), 2)
    values = [_display_date(g) for g in same_dates] + [_display_date(g[:7]) for g in near_dates] + nums
    return bonus, ents, list(dict.fromkeys(values))


def _substantive(terms: list[str]) -> bool:
    # A date line or a two-word heading says too little to link on.
    words = sum(1 for t in terms if not t.isdigit() and not t.startswith("@"))
    return len(terms) >= MIN_TERMS and words >= 2


def compute_links(infos: list[PassageInfo], texts: dict[str, str]) -> dict[str, list[Link]]:
    """Links for every passage in ``infos`` to passages of other articles."""
    import bm25s
    from scipy import sparse

    out: dict[str, list[Link]] = {}
    usable = [i for i, p in enumerate(infos) if _substantive(p.terms)]
    if len(usable) < 2:
        return out
    docs = [infos[i].terms for i in usable]
    n = len(docs)
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index(docs, show_progress=False)
    vocab: dict[str, int] = retriever.vocab_dict
    sc = retriever.scores
    v = len(indptr := sc["indptr"]) - 1
    dmat = sparse.csc_matrix((sc["data"], sc["indices"], indptr), shape=(n, v)).astype(np.float32)
    dt = dmat.T.tocsr()  # terms × docs
    df = np.diff(indptr)
    # Terms in too many passages carry little and cost most: leave them out of queries.
    df_cap = max(30, int(0.01 * n))
    art_ids: dict[str, int] = {}
    art_of = np.array([art_ids.setdefault(infos[i].article, len(art_ids)) for i in usable], dtype=np.int64)
    # A passage's score against itself over all its terms: the scale for a cosine-like
    # similarity, so that one shared rare word in a long passage is not a "match".
    selfs = np.asarray(dmat.sum(axis=1)).ravel()

    for b0 in range(0, n, BATCH):
        rows, cols = [], []
        for qi in range(b0, min(n, b0 + BATCH)):
            ids = {vocab[t] for t in docs[qi] if t in vocab}
            ids = [t for t in ids if df[t] <= df_cap and df[t] > 1]
            if len(ids) > QUERY_TERMS:
                ids = sorted(ids, key=lambda t: df[t])[:QUERY_TERMS]
            rows.extend([qi - b0] * len(ids))
            cols.extend(ids)
        q = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(min(n, b0 + BATCH) - b0, v))
        s = (q @ dt).tocsr()
        for r in range(q.shape[0]):
            lo, hi = s.indptr[r], s.indptr[r + 1]
            if lo == hi or selfs[b0 + r] <= 0:
                continue
            qi = b0 + r
            cand = s.indices[lo:hi]
            vals = s.data[lo:hi]
            keep = art_of[cand] != art_of[qi]
            cand, vals = cand[keep], vals[keep]
            if not len(cand):
                continue
            if len(cand) > CANDIDATES:
                top = np.argpartition(-vals, CANDIDATES)[:CANDIDATES]
                cand, vals = cand[top], vals[top]
            norm = np.sqrt(selfs[qi] * selfs[cand])
            _score_candidates(infos[usable[qi]], [(infos[usable[c]], float(x / z)) for c, x, z in zip(cand, vals, norm)], texts, out)
    return out


def _score_candidates(a: PassageInfo, cands: list[tuple[PassageInfo, float]], texts: dict[str, str], out: dict[str, list[Link]]) -> None:
    scored = []
    for b, sim in cands:
        if sim < MIN_SIM or b.article == a.article:
            continue
        bonus, ents, values = _evidence(a, b)
        if bonus == 0 and len(set(a.terms) & set(b.terms)) < MIN_SHARED:
            continue
        score = min(1.0, sim) + bonus
        if score >= THRESHOLD:
            scored.append((score, b, ents, values))
    if not scored:
        return
    scored.sort(key=lambda x: -x[0])
    text_a = texts[a.article][a.start : a.end]
    for score, b, ents, values in scored[:TOP_LINKS]:
        reason = _reason(a, b, text_a, ents, values)
        conflict = date_conflict(a, b) or number_conflict(a, b)
        out.setdefault(a.article, []).append(
            Link(a.start, a.end, b.article, b.start, b.end, round(score, 3), reason, conflict)
        )


def _reason(a: PassageInfo, b: PassageInfo, text_a: str, ents: list[str], values: list[str]) -> str:
    parts = []
    event = _event_phrase(a, b, text_a)
    if event:
        parts.append(f"الحدث نفسه: {event}")
    shared = list(ents)
    if not shared:
        # Without entities, the rarest shared words tell the reader why.
        surf = _surface_terms(text_a)
        bset = set(b.terms)
        words = [surf.get(t, t) for t in dict.fromkeys(a.terms) if t in bset and not t.startswith("@")]
        shared = words[:4]
    shared = list(dict.fromkeys(shared + values))[:6]
    if shared:
        parts.append("مشترك: " + "، ".join(shared))
    return "؛ ".join(parts) if parts else "تشابه في النص"
