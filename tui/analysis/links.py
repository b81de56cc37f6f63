"""Links between passages of different articles: BM25 retrieval plus shared evidence.

Every passage is turned into *terms* (folded, light-stemmed, stopwords out, entity tokens
unstemmed, plus ``@entity-id`` terms), weighted by BM25 (Lucene's formula, as bm25s); retrieval is a
batched sparse product restricted to each query's most distinctive terms, so 50 000
passages cost seconds, not minutes. Candidates are then re-scored with evidence the bag of
words cannot see — shared entities, dates and numbers — and explained in a short reason.
Two linked passages that tell the same event with a different day (or a different count
of the same unit) get a ``conflict``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np

from tui.analysis.model import DateMention, Link, Mention, Passage
from tui.analysis.stem import STOPWORDS, TOKEN_RE, _forms, fold, index_terms, light_stem

# Bump when passage terms or link scoring change: cached links and link terms are then redone.
LINKS_VERSION = "5"

TOP_LINKS = 3  # links kept per source passage
CANDIDATES = 6  # BM25 candidates re-scored per passage
THRESHOLD = 0.20
NUMBER_CONFLICT_SIM = 0.45  # how alike two passages must be before differing counts conflict  # minimum final score
MIN_SIM = 0.08  # minimum normalised BM25 similarity, whatever the evidence
MIN_SHARED = 3  # distinct shared terms needed when there is no other evidence
MIN_TERMS = 3  # passages with fewer terms (short headings) neither link nor are linked
COMMON_FRACTION = 0.04  # an entity in more passages than this is "common" (no event/bonus)
COMMON_MIN = 6
QUERY_TERMS = 24  # most distinctive terms of a passage used as its query
BATCH = 512

MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")

# Nouns that name an event: two passages dating "the same" event must share one of these
# near the date, otherwise two different days are simply two different events.
_EVENT_WORDS = frozenset(
    light_stem(fold(w))
    for w in (
        "قمة اجتماع لقاء مكالمة اتصال محادثات مفاوضات زيارة مؤتمر اتفاق اتفاقية هجوم انفجار "
        "انتخابات تصويت قرار جلسة اجتماعات مباحثات هدنة صفقة معاهدة مناورات حادث زلزال هاتفية"
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
    _set: frozenset[str] | None = None

    @property
    def term_set(self) -> frozenset[str]:
        if self._set is None:
            self._set = frozenset(t for t in self.terms if t[0] != "@")
        return self._set


_NUM_UNIT = re.compile(r"(\d+(?:[.,]\d+)*)\s*(%|[\u0621-\u064A]+)")


def _num_units(text: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    units: dict[str, list[str]] = {}
    surface: dict[str, str] = {}
    for m in _NUM_UNIT.finditer(fold(text)):
        num, unit = m.group(1), m.group(2)
        folded = m.string
        if (m.start() and folded[m.start() - 1] in "/-") or (unit != "%" and len(unit) < 2):
            continue  # a piece of a written date (15/10/1436ه), not a count
        if re.fullmatch(r"\d{1,3}(,\d{3})+|\d{1,3}(\.\d{3}){2,}", num):
            num = re.sub(r"[.,]", "", num)  # thousands separators: 1.059.593.121 = 1059593121
        if unit in STOPWORDS or unit in _MONTH_STEMS:
            continue
        u = light_stem(unit)
        units.setdefault(u, []).append(num)
        surface[f"{num} {u}"] = text[m.start() : m.end()] if len(text) == len(fold(text)) else f"{num} {unit}"
    return units, surface


_MONTH_STEMS = frozenset(fold(m) for m in MONTHS_AR) | frozenset(
    fold(m) for m in "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين ابريل اغسطس".split()
)


def _within(spans: list, s: int, e: int) -> list:
    """Items of ``spans`` (sorted by start) lying inside [s, e)."""
    lo = bisect_left(spans, s, key=lambda x: x.start)
    out = []
    for x in spans[lo:]:
        if x.start >= e:
            break
        if x.end <= e:
            out.append(x)
    return out


def passage_info(
    article_id: str,
    text: str,
    passage: Passage,
    entities: list[Mention],
    dates: list[DateMention],
) -> PassageInfo:
    """Terms and evidence of one passage. ``entities``/``dates``: the article's, sorted by start."""
    info = passage_base(article_id, text, passage, entities, dates)
    attach_entities(info, entities)
    return info


def passage_base(
    article_id: str,
    text: str,
    passage: Passage,
    entities: list[Mention],
    dates: list[DateMention],
) -> PassageInfo:
    """Everything but entity ids (which corpus-wide grouping may still change): the costly
    part, done per article in worker processes and cached with the article."""
    s, e = passage.start, passage.end
    body = text[s:e]
    ents = _within(entities, s, e)
    info = PassageInfo(article_id, s, e, index_terms(body, [(m.start - s, m.end - s) for m in ents]))
    for d in _within(dates, s, e):
        if d.gregorian:
            before = index_terms(text[max(s, d.start - 80) : d.start])[-_CONTEXT:]
            after = index_terms(text[d.end : min(e, d.end + 80)])[:_CONTEXT]
            info.dates.append((d.gregorian, d.granularity, d.text, before + after))
    info.numbers, info.number_text = _num_units(body)
    return info


def attach_entities(info: PassageInfo, entities: list[Mention]) -> None:
    """Add the (grouped) entity ids of the mentions inside the passage."""
    for m in _within(entities, info.start, info.end):
        if m.id not in info.entities:
            info.entities[m.id] = m.name
            info.terms.append("@" + m.id)
        if m.type == "EVENT":
            info.event_entities.setdefault(m.id, m.name)
    info._set = None


def base_to_json(info: PassageInfo) -> list:
    return [info.start, info.end, info.terms, [list(d) for d in info.dates], info.numbers, info.number_text]


def base_from_json(article_id: str, row: list) -> PassageInfo:
    start, end, terms, dates, numbers, number_text = row
    return PassageInfo(article_id, start, end, list(terms), dates=[tuple(d) for d in dates], numbers=numbers, number_text=number_text)


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
    for raw in TOKEN_RE.findall(text):
        forms = _forms(raw)
        if forms is not None:
            out.setdefault(forms[1] or forms[0], raw)
            out.setdefault(forms[0], raw)
    return out


def _event_phrase(a: PassageInfo, b: PassageInfo, common: frozenset[str] = frozenset()) -> str | tuple[str, str] | None:
    """A shared (uncommon) EVENT entity's name, else the first event noun of ``a`` whose
    next term ``b`` also has — (noun, next) stems, e.g. قمة الرياض."""
    for eid, name in a.event_entities.items():
        if eid in b.event_entities and eid not in common:
            return name
    bset = b.term_set
    terms = a.terms
    for i in range(len(terms) - 1):
        st = terms[i]
        if st in _EVENT_WORDS and st in bset:
            nst = terms[i + 1]
            if nst in bset and not nst.isdigit():
                return (st, nst)
    return None


def _phrase_surface(pair: tuple[str, str], text: str) -> str:
    words = [(m.group(), light_stem(fold(m.group()))) for m in TOKEN_RE.finditer(text)]
    for i in range(len(words) - 1):
        if words[i][1] == pair[0]:
            for w, st in words[i + 1 : i + 4]:
                if st == pair[1]:
                    return f"{words[i][0]} {w}"
    return f"{pair[0]} {pair[1]}"


def date_conflict(a: PassageInfo, b: PassageInfo, common: frozenset[str] = frozenset()) -> str | None:
    """Same month, different day, told around the same event → a human-readable conflict."""
    a_days = {d[0] for d in a.dates if d[1] == "day"}
    b_days = {d[0] for d in b.dates if d[1] == "day"}
    shared_event_entity = bool((set(a.event_entities) & set(b.event_entities)) - common)
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


def _rare_shared(a: PassageInfo, b: PassageInfo, common: frozenset[str]) -> bool:
    return any(i not in common for i in a.entities.keys() & b.entities.keys())


def number_conflict(a: PassageInfo, b: PassageInfo) -> str | None:
    for unit, nums_a in a.numbers.items():
        nums_b = b.numbers.get(unit)
        if nums_b and len(set(nums_a)) == 1 and len(set(nums_b)) == 1 and nums_a[0] != nums_b[0]:
            wa = a.number_text.get(f"{nums_a[0]} {unit}", f"{nums_a[0]} {unit}")
            wb = b.number_text.get(f"{nums_b[0]} {unit}", f"{nums_b[0]} {unit}")
            return f"العدد: {wa} ≠ {wb}"
    return None


def _evidence(a: PassageInfo, b: PassageInfo, common: frozenset[str] = frozenset()) -> tuple[float, list[str], list[str]]:
    """Bonus score, shared entity names, shared date/number values. ``common``: entity ids
    found in so many passages (the war, the two presidents) that sharing them means little."""
    ents: list[str] = []
    rare = 0
    if a.entities and b.entities:
        shared_ids = a.entities.keys() & b.entities.keys()
        rare_ids = [i for i in shared_ids if i not in common]
        rare = len(rare_ids)
        ents = [a.entities[i] for i in rare_ids] + [a.entities[i] for i in shared_ids if i in common]
    same_dates: list[str] = []
    near_dates: list[str] = []
    if a.dates and b.dates:
        b_dates = {d[0] for d in b.dates}
        # A day in one passage and its month in the other still point at the same time.
        months = {g[:7] for g in b_dates} | b_dates
        for g in dict.fromkeys(d[0] for d in a.dates):
            if g in b_dates:
                same_dates.append(g)
            elif g[:7] in months:
                near_dates.append(g)
    nums: list[str] = []
    if a.numbers and b.numbers:
        for unit in a.numbers.keys() & b.numbers.keys():
            for n in set(a.numbers[unit]) & set(b.numbers[unit]):
                nums.append(a.number_text.get(f"{n} {unit}", n))
    bonus = 0.03 * min(rare, 3) + 0.15 * min(len(same_dates), 2) + 0.04 * min(len(near_dates), 2) + 0.12 * min(len(nums), 2)
    if bonus and (rare or same_dates or nums):
        bonus += 0.05 * min(len(_EVENT_WORDS & a.term_set & b.term_set), 2)
    if not bonus:
        return 0.0, ents, []
    values = [_display_date(g) for g in same_dates] + [_display_date(g[:7]) for g in near_dates] + nums
    return bonus, ents, list(dict.fromkeys(values))


def bm25_matrix(docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
    """(vocab, docs × terms CSR of BM25 weights), the Lucene variant that bm25s computes by
    default, vectorised: bm25s.BM25.index builds it in a Python loop (≈10 s for 40 000
    passages, a sixth of the whole budget). tests/analysis/test_links_bm25.py checks both agree."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    ids = np.fromiter((vocab.setdefault(t, len(vocab)) for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    tf = sparse.csr_matrix((np.ones(len(ids), dtype=np.float32), (rows, ids)), shape=(len(docs), len(vocab)))
    tf.sum_duplicates()
    n = len(docs)
    df = np.bincount(tf.indices, minlength=len(vocab)).astype(np.float64)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    avgdl = max(float(lengths.mean()), 1e-9) if n else 1.0
    row_of = np.repeat(np.arange(n), np.diff(tf.indptr))
    f = tf.data.astype(np.float64)
    denom = f + k1 * (1 - b + b * lengths[row_of] / avgdl)
    tf.data = (idf[tf.indices] * f / denom).astype(np.float32)
    return vocab, tf


def _substantive(terms: list[str]) -> bool:
    # A date line or a two-word heading says too little to link on.
    words = sum(1 for t in terms if not t.isdigit() and not t.startswith("@"))
    return len(terms) >= MIN_TERMS and words >= 2


def compute_links(infos: list[PassageInfo], texts: dict[str, str]) -> dict[str, list[Link]]:
    """Links for every passage in ``infos`` to passages of other articles."""
    from scipy import sparse

    out: dict[str, list[Link]] = {}
    usable = [i for i, p in enumerate(infos) if _substantive(p.terms)]
    if len(usable) < 2:
        return out
    docs = [infos[i].terms for i in usable]
    n = len(docs)
    vocab, dmat = bm25_matrix(docs)
    v = len(vocab)
    dt = dmat.T.tocsr()  # terms × docs
    df = np.diff(dmat.tocsc().indptr)
    # Terms in too many passages carry little and cost most: leave them out of queries.
    df_cap = max(30, int(0.01 * n))
    common = frozenset(t[1:] for t, i in vocab.items() if t[0] == "@" and df[i] > max(COMMON_MIN, COMMON_FRACTION * n))
    art_ids: dict[str, int] = {}
    art_of = np.array([art_ids.setdefault(infos[i].article, len(art_ids)) for i in usable], dtype=np.int64)
    # A passage's score against itself over all its terms: the scale for a cosine-like
    # similarity, so that one shared rare word in a long passage is not a "match".
    selfs = np.asarray(dmat.sum(axis=1)).ravel()

    for b0 in range(0, n, BATCH):
        rows, cols = [], []
        for qi in range(b0, min(n, b0 + BATCH)):
            lo, hi = dmat.indptr[qi], dmat.indptr[qi + 1]
            ids = dmat.indices[lo:hi]
            w = dmat.data[lo:hi]
            ok = (df[ids] > 1) & (df[ids] <= df_cap)
            ids, w = ids[ok], w[ok]
            if len(ids) > QUERY_TERMS:
                # Keep the terms that weigh most in this passage (frequent here, rare elsewhere).
                ids = ids[np.argpartition(-w, QUERY_TERMS)[:QUERY_TERMS]]
            ids = ids.tolist()
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
            pairs = [(infos[usable[c]], float(x / z)) for c, x, z in zip(cand, vals, norm)]
            _score_candidates(infos[usable[qi]], pairs, texts, out, common)
    return _symmetric(out)


def _symmetric(out: dict[str, list[Link]]) -> dict[str, list[Link]]:
    """Make every link walkable both ways.

    Each passage keeps only its few best links, so B can be in A's top three while A is not in
    B's (B has closer neighbours). A reader who followed A → B must still find the way back from
    B's links panel, so the missing reverse links are added with the same score and reason.
    """
    have = {(aid, l.start, l.target, l.target_start) for aid, links in out.items() for l in links}
    extra: dict[str, list[Link]] = {}
    for aid, links in out.items():
        for l in links:
            if (l.target, l.target_start, aid, l.start) not in have:
                extra.setdefault(l.target, []).append(
                    Link(l.target_start, l.target_end, aid, l.start, l.end, l.score, l.reason, l.conflict)
                )
    for aid, links in extra.items():
        merged = out.setdefault(aid, []) + links
        merged.sort(key=lambda l: (l.start, -l.score))
        out[aid] = merged
    return out


def _score_candidates(
    a: PassageInfo,
    cands: list[tuple[PassageInfo, float]],
    texts: dict[str, str],
    out: dict[str, list[Link]],
    common: frozenset[str] = frozenset(),
) -> None:
    scored = []
    text_a = texts[a.article][a.start : a.end]
    for b, sim in cands:
        if sim < MIN_SIM or b.article == a.article:
            continue
        bonus, ents, values = _evidence(a, b, common)
        shared = len(a.term_set & b.term_set)
        if shared < (MIN_SHARED if bonus == 0 else 2):
            continue
        event = _event_phrase(a, b, common) if sim + bonus + 0.1 >= THRESHOLD else None
        # The same event named the same way (قمة الرياض) is strong evidence on its own.
        score = min(1.0, sim) + bonus + (0.1 if event else 0.0)
        if score >= THRESHOLD:
            scored.append((score, b, ents, values, event))
    if not scored:
        return
    scored.sort(key=lambda x: -x[0])
    kept = 0
    for rank, (score, b, ents, values, event) in enumerate(scored):
        conflict = date_conflict(a, b, common)
        if conflict is None and sim >= NUMBER_CONFLICT_SIM and (event or _rare_shared(a, b, common)):
            # Counts differ all the time (two days of market figures): only a passage that
            # tells the same thing, about the same named thing, may contradict a count.
            conflict = number_conflict(a, b)
        # A disagreement is worth showing even when three closer passages exist.
        if rank >= TOP_LINKS and (conflict is None or kept >= TOP_LINKS + 2):
            continue
        kept += 1
        reason = _reason(a, b, text_a, event, ents, values)
        out.setdefault(a.article, []).append(
            Link(a.start, a.end, b.article, b.start, b.end, round(score, 3), reason, conflict)
        )


def _reason(a: PassageInfo, b: PassageInfo, text_a: str, event: str | None, ents: list[str], values: list[str]) -> str:
    parts = []
    if isinstance(event, tuple):
        event = _phrase_surface(event, text_a)
    if event:
        parts.append(f"الحدث نفسه: {event}")
    shared = list(ents)
    if not shared:
        # Without entities, the rarest shared words tell the reader why.
        surf = _surface_terms(text_a)
        bset = set(b.terms)
        words = [
            surf.get(t, t)
            for t in dict.fromkeys(a.terms)
            if t in bset and not t.startswith("@") and not t.isdigit() and t not in _MONTH_STEMS
        ]
        shared = words[:4]
    shared = list(dict.fromkeys(shared + values))[:6]
    if shared:
        parts.append("مشترك: " + "، ".join(shared))
    return "؛ ".join(parts) if parts else "تشابه في النص"
