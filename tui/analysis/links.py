"""Links between passages of different articles: BM25 retrieval plus shared evidence.

Every passage is turned into *terms* (folded, light-stemmed, stopwords out, entity tokens
unstemmed, plus ``@entity-id`` terms), weighted by BM25 (Lucene's formula, as bm25s); retrieval is a
batched sparse product restricted to each query's most distinctive terms, so 50 000
passages cost seconds, not minutes. Candidates are then re-scored with evidence the bag of
words cannot see — shared entities, dates and numbers — and explained in a short reason.
Whether a candidate is close enough, and whether it is *strong* (the same event or fact) or
merely *related* (the same topic), is judged against quantiles of the corpus's own candidate
similarities (``LinkIndex._calibrate``), so that five articles on one story and 5,000 news
articles both get the links a reader expects.
Two linked passages that tell the same event with a different day (or a different count
of the same unit) get a ``conflict``.

All of it lives in a ``LinkIndex``, kept in the analysis cache, so that a changed article
costs what it touches: its passages are taken out and put back, and only passages whose
candidates change are scored again. BM25 depends on corpus statistics (IDF, average length)
that every edit shifts a little; they are *kept* from the last full computation until 5% of
the passages have changed (``REFRESH_FRACTION``), which makes an update exactly equal to a
full computation with those statistics (tests/analysis/test_incremental_links.py) and, on
SaudiNewsNet after five edits, left the same 81 862 links (LINKS_VERSION 7) as fresh statistics would, 0.3%
of their scores different (by up to 0.28, on the edited passages themselves).
"""

from __future__ import annotations

import io
import json
import re
import threading
import time
import uuid
import zipfile
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from tui.analysis import evidence as ev
from tui.analysis.model import DateMention, Link, Mention, Passage
from tui.analysis.stem import STOPWORDS, TOKEN_RE, _forms, fold, index_terms, light_stem
from tui.text.calendar_names import HAMZALESS_MONTHS, LEVANTINE_MONTHS, MONTHS_AR

# Bump when passage terms or link scoring change: cached links and link terms are then redone.
LINKS_VERSION = "9"

TOP_LINKS = 5  # links kept per source passage
CANDIDATES = 8  # BM25 candidates re-scored per passage (for the best five)
# Thresholds are quantiles of the corpus's own candidate similarities (``LinkStats.cuts``),
# so that "among the closest quarter of what this corpus offers" means the same on five
# articles and on 5,000; these floors keep a corpus of unrelated articles from linking.
KEEP_QUANTILE = 0.75  # a link's score must reach this quantile of all candidate similarities
STRONG_QUANTILE = 0.90  # with evidence (same date, number, event) above this: strong
SAME_QUANTILE = 0.99  # above this, even without evidence: strong (the same report)
MIN_SIM = 0.05  # minimum normalised BM25 similarity, whatever the evidence
MIN_KEEP = 0.08  # the keep threshold never drops below this
MIN_STRONG = 0.12
MIN_SAME = 0.50
MAX_KEEP, MAX_STRONG, MAX_SAME = 0.25, 0.45, 0.85  # a corpus of near-copies must not raise the bar past sense
CALIBRATE_MIN = 200  # candidate similarities needed to calibrate; fewer: the floors
MIN_SHARED = 2  # distinct shared terms needed when there is no other evidence
MIN_TERMS = 3  # passages with fewer terms (short headings) neither link nor are linked
COMMON_FRACTION = 0.04  # an entity in more passages than this is "common" (no event/bonus)
COMMON_MIN = 6
QUERY_TERMS = 24  # most distinctive terms of a passage used as its query
BATCH = 512


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
    # Event phrases [key, surface] (ev.event_phrases), months named without a day [month,
    # context], and the spans (offsets in the article) that are chrome or credits: no entity
    # there counts.
    events: list = field(default_factory=list)
    months: list = field(default_factory=list)
    skip: list = field(default_factory=list)
    _set: frozenset[str] | None = None

    @property
    def term_set(self) -> frozenset[str]:
        if self._set is None:
            self._set = frozenset(t for t in self.terms if t[0] != "@")
        return self._set


def _num_units(text: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Counts with their unit: unit stem -> values (canonical: "9ر10" and "10,9" are "10.9"),
    and "value unit" -> the words as the article wrote them."""
    units: dict[str, list[str]] = {}
    surface: dict[str, str] = {}
    if "\u200f" in text:
        text = ev.REVERSED_POINT.sub("ر", text)  # same length: offsets stay
    folded_text, where = ev.fold_map(text)  # where: folded index -> original index, if they differ
    for m in ev._NUM_UNIT.finditer(folded_text):
        num, unit = m.group(1), m.group(2)
        folded = m.string
        if (m.start() and folded[m.start() - 1] in "/-") or (unit != "%" and len(unit) < 2):
            continue  # a piece of a written date (15/10/1436ه) or of a range (15-35 كم), not a count
        if unit in STOPWORDS or unit in _MONTH_STEMS:
            continue
        num = ev.read_number(num, unit)
        u = ev.unit_of(unit, folded[m.end() : m.end() + 30])
        units.setdefault(u, []).append(num)
        end = m.end()
        if " " in u:  # "44 مليون جنيه": the word after the scale is part of the unit
            nxt = TOKEN_RE.search(folded, end)
            end = nxt.end() if nxt else end
        # The reason shows the words as the article wrote them ("90 دقيقة"), not their folded form.
        if where is None:
            surface.setdefault(f"{num} {u}", text[m.start() : end])
        else:
            surface.setdefault(f"{num} {u}", text[where[m.start()] : where[end - 1] + 1])
    return units, surface


_MONTH_STEMS = frozenset(fold(m.split()[0]) for m in (*MONTHS_AR, *LEVANTINE_MONTHS, *HAMZALESS_MONTHS))


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
    folds=(),
) -> PassageInfo:
    """Everything but entity ids (which corpus-wide grouping may still change): the costly
    part, done per article in worker processes and cached with the article.

    ``folds``: the article's boilerplate (``Article.folds``). Folded lines, credit lines
    glued to a paragraph and media names crediting a statement are blanked first: they
    neither make a link nor explain one."""
    s, e = passage.start, passage.end
    body = text[s:e]
    cut = [(max(f.start, s) - s, min(f.end, e) - s) for f in folds if f.start < e and f.end > s]
    cut = ev._merge(cut + ev.credit_spans(body))
    ents = []
    for m in _within(entities, s, e):
        if ev.inside(cut, m.start - s, m.end - s):
            continue
        if ev.is_media_credit(body, m.start - s, m.end - s, m.name):
            cut.append((m.start - s, m.end - s))
        else:
            ents.append(m)
    cut = ev._merge(cut)
    clean = ev.blank(body, cut)
    info = PassageInfo(article_id, s, e, index_terms(clean, [(m.start - s, m.end - s) for m in ents]))
    info.skip = [[a + s, b + s] for a, b in cut]
    in_dates = []
    for d in _within(dates, s, e):
        if ev.inside(cut, d.start - s, d.end - s):
            continue
        in_dates.append((d.start - s, d.end - s))
        if d.gregorian:
            before = index_terms(clean[max(0, d.start - s - 80) : d.start - s])[-_CONTEXT:]
            after = index_terms(clean[d.end - s : d.end - s + 80])[:_CONTEXT]
            info.dates.append((d.gregorian, d.granularity, d.text, before + after))
    info.numbers, info.number_text = _num_units(clean)
    fm = ev.fold_map(clean)
    info.events = [list(x) for x in ev.event_phrases(clean, [m.start - s for m in ents], fm)]
    info.months = [[mo, ctx] for mo, ctx in ev.bare_months(clean, in_dates, fm)]
    return info


def attach_entities(info: PassageInfo, entities: list[Mention]) -> None:
    """Add the (grouped) entity ids of the mentions inside the passage (none from ``skip``)."""
    skip = info.skip
    for m in _within(entities, info.start, info.end):
        if skip and any(a <= m.start and m.end <= b for a, b in skip):
            continue
        if m.id not in info.entities:
            info.entities[m.id] = m.name
            info.terms.append("@" + m.id)
        if m.type == "EVENT":
            info.event_entities.setdefault(m.id, m.name)
    info._set = None


def base_to_json(info: PassageInfo) -> list:
    return [info.start, info.end, info.terms, [list(d) for d in info.dates], info.numbers, info.number_text, info.events, info.months, info.skip]


def base_from_json(article_id: str, row: list) -> PassageInfo:
    start, end, terms, dates, numbers, number_text, events, months, skip = row
    return PassageInfo(
        article_id, start, end, list(terms), dates=[tuple(d) for d in dates], numbers=numbers, number_text=number_text,
        events=events, months=months, skip=skip,
    )


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
    """A shared (uncommon) EVENT entity's name, else the first event phrase of ``a`` (an
    event noun and the word that names it, ev.event_phrases) that ``b`` has too, as ``a``
    wrote it: قمة الرياض."""
    for eid, name in a.event_entities.items():
        if eid in b.event_entities and eid not in common:
            words = name.split(" ", 1)
            return " ".join([ev.bare(words[0]), *words[1:]])
    if a.events and b.events:
        keys = {k for k, _ in b.events}
        for k, surface in a.events:
            if k in keys:
                return surface
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
    """Same month, different day, told around the same event; or a month named alone
    (وفي مايو اختفت) against another month's date of the same event → a conflict."""
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
    if a.months or b.months:
        got = _month_conflict(a, b)
        if got:
            return f"التاريخ: {MONTHS_AR[got[0] - 1]} ≠ {_display_date(got[1])}"
        got = _month_conflict(b, a)
        if got:
            return f"التاريخ: {_display_date(got[1])} ≠ {MONTHS_AR[got[0] - 1]}"
    return None


def _named_months(p: PassageInfo) -> set[int]:
    return {int(d[0][5:7]) for d in p.dates if len(d[0]) >= 7} | {m for m, _ in p.months}


def _years(p: PassageInfo) -> list[int]:
    return [int(d[0][:4]) for d in p.dates if d[0][:4].isdigit()]


def _month_conflict(a: PassageInfo, b: PassageInfo) -> tuple[int, str] | None:
    """(month ``a`` names alone, ``b``'s day in another month) when both tell one fact: the
    words around each are in the other passage, and they share most of their words. A day
    years before what ``a`` speaks of (سقطت في مارس … 2014 against 17 مايو 1994) is history."""
    if not a.months or not b.dates:
        return None
    shared_n, share = ev.overlap(a.term_set, b.term_set)
    if shared_n < 4 or share < 0.35:
        return None
    b_months = _named_months(b)
    a_months = _named_months(a)
    since = max(_years(a), default=0)
    bset = b.term_set
    aset = a.term_set
    for month, ctx_a in a.months:
        if month in b_months or sum(1 for t in set(ctx_a) if t in bset and not t.isdigit()) < 2:
            continue
        for gb, gran_b, _tb, ctx_b in b.dates:
            if gran_b != "day" or int(gb[5:7]) in a_months or int(gb[:4]) < since:
                continue
            if sum(1 for t in set(ctx_b) if t in aset and not t.isdigit()) >= 2:
                return month, gb
    return None


def _rare_shared(a: PassageInfo, b: PassageInfo, common: frozenset[str]) -> bool:
    return any(i not in common for i in a.entities.keys() & b.entities.keys())


def number_conflict(a: PassageInfo, b: PassageInfo, common: frozenset[str] = frozenset(), event: object = None) -> str | None:
    """Two counts of the same thing that differ, told in two passages of the same fact.

    Counts differ all the time (a forecast or a market close of another day, a headline's
    total against one of its parts): the passages must tell one fact (ev.same_fact) about
    a named thing (an uncommon entity or an event) that neither names differently, and
    neither may be a routine report (weather, markets)."""
    if not a.numbers or not b.numbers:
        return None
    found = None
    for unit, nums_a in a.numbers.items():
        nums_b = b.numbers.get(unit)
        if nums_b and len(set(nums_a)) == 1 and len(set(nums_b)) == 1 and not ev.same_value(nums_a[0], nums_b[0]):
            found = unit, nums_a[0], nums_b[0]
            break
    if found is None or ev.routine(a.term_set) or ev.routine(b.term_set):
        return None
    # A name one passage has and the other lacks (الرياض / حائل) makes two accidents, not one.
    small, big = (a, b) if len(a.term_set) <= len(b.term_set) else (b, a)
    if any(i not in common and i not in big.entities for i in small.entities):
        return None
    if not (event or _rare_shared(a, b, common)):
        return None
    counts_a = sum(len(set(v)) for v in a.numbers.values())
    counts_b = sum(len(set(v)) for v in b.numbers.values())
    if not ev.same_fact(a.term_set, b.term_set, counts_a, counts_b, True):
        return None
    unit, na, nb = found
    wa = a.number_text.get(f"{na} {unit}", f"{na} {unit}")
    wb = b.number_text.get(f"{nb} {unit}", f"{nb} {unit}")
    return f"العدد: {wa} ≠ {wb}"


def _evidence(a: PassageInfo, b: PassageInfo, common: frozenset[str] = frozenset()) -> tuple[float, list[str], list[str]]:
    """Bonus score, shared entity names, shared date/number values. ``common``: entity ids
    found in so many passages (the war, the two presidents) that sharing them means little."""
    ents: list[str] = []
    rare = 0
    if a.entities and b.entities:
        # In a's order, never a set's: string hashes change from run to run, and so would the
        # order of the names in the reason.
        shared_ids = [i for i in a.entities if i in b.entities]
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
        for unit, vals in a.numbers.items():
            other = b.numbers.get(unit)
            if other:
                for n in dict.fromkeys(vals):
                    if n in other:
                        nums.append(a.number_text.get(f"{n} {unit}", n))
    bonus = 0.03 * min(rare, 3) + 0.15 * min(len(same_dates), 2) + 0.04 * min(len(near_dates), 2) + 0.12 * min(len(nums), 2)
    if bonus and (rare or same_dates or nums):
        bonus += 0.05 * min(len(_EVENT_WORDS & a.term_set & b.term_set), 2)
    if not bonus:
        return 0.0, ents, []
    values = [_display_date(g) for g in same_dates] + [_display_date(g[:7]) for g in near_dates] + nums
    return bonus, ents, list(dict.fromkeys(values))


K1 = 1.2
B = 0.75


@dataclass(slots=True)
class LinkStats:
    """The corpus statistics BM25 weights depend on: which terms exist, in how many passages
    each occurs, how many passages there are and how long they are on average.

    They are taken from the whole corpus on a full computation and then *kept* while the
    corpus changes a little (see ``LinkIndex.update``): weights, query terms and scores are
    a pure function of (statistics, passage), so a passage that did not change keeps its
    scores exactly. A term the statistics do not know counts as occurring once.
    """

    terms: list[str]  # sorted, so that term ids (and float sums over them) have one order
    df: np.ndarray  # passages containing each term
    n: int
    avgdl: float
    common: frozenset[str]  # entity ids found in too many passages to count as evidence
    ids: dict[str, int] = field(default_factory=dict)
    # (keep, strong, same) similarity thresholds taken from the corpus's candidates on a full
    # computation (``LinkIndex.build``) and kept with the statistics.
    cuts: tuple[float, float, float] | None = None

    def __post_init__(self) -> None:
        if not self.ids:
            self.ids = {t: i for i, t in enumerate(self.terms)}

    def idf(self, df: np.ndarray) -> np.ndarray:
        return np.log(1 + (self.n - df + 0.5) / (df + 0.5))

    @property
    def df_cap(self) -> int:
        # Terms in too many passages carry little and cost most: they are left out of queries.
        return max(30, int(0.01 * self.n))

    @classmethod
    def of(cls, docs: list[list[str]]) -> LinkStats:
        from scipy import sparse

        first: dict[str, int] = {}
        lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        ids = np.fromiter((first.setdefault(t, len(first)) for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
        rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        tf = sparse.csr_matrix((np.ones(len(ids), dtype=np.float32), (rows, ids)), shape=(len(docs), len(first)))
        tf.sum_duplicates()
        counts = np.bincount(tf.indices, minlength=len(first))
        terms = sorted(first)
        df = counts[np.fromiter((first[t] for t in terms), dtype=np.int64, count=len(terms))].astype(np.int64)
        n = len(docs)
        limit = max(COMMON_MIN, COMMON_FRACTION * n)
        return cls(
            terms,
            df,
            n,
            max(float(lengths.sum()) / n, 1e-9) if n else 1.0,
            frozenset(t[1:] for t, c in zip(terms, df.tolist()) if t[0] == "@" and c > limit),
        )


def _weigh(docs: list[list[str]], stats: LinkStats):
    """(docs × known terms CSR of BM25 weights, each doc's weight over all its terms).

    Lucene's formula, as bm25s computes it by default, vectorised (bm25s.BM25.index builds it
    in a Python loop). Every number depends only on the doc and ``stats``, never on the
    other docs of the batch: that is what lets an update weigh only the changed passages.
    """
    from scipy import sparse

    m = len(docs)
    v = len(stats.terms)
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=m)
    unknown: list[str] = []
    try:
        ids = np.fromiter((stats.ids[t] for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
    except KeyError:
        unknown = sorted({t for d in docs for t in d if t not in stats.ids})
        lookup = {**stats.ids, **{t: v + i for i, t in enumerate(unknown)}}
        ids = np.fromiter((lookup[t] for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(m, dtype=np.int64), lengths)
    tf = sparse.csr_matrix((np.ones(len(ids), dtype=np.float32), (rows, ids)), shape=(m, v + len(unknown)))
    tf.sum_duplicates()
    df = stats.df if not unknown else np.concatenate([stats.df, np.ones(len(unknown), dtype=np.int64)])
    idf = stats.idf(df)
    row_of = np.repeat(np.arange(m), np.diff(tf.indptr))
    f = tf.data.astype(np.float64)
    w = (idf[tf.indices] * f / (f + K1 * (1 - B + B * lengths[row_of] / stats.avgdl))).astype(np.float32)
    selfs = np.bincount(row_of, weights=w.astype(np.float64), minlength=m)
    known = tf.indices < v
    if known.all():
        dmat = sparse.csr_matrix((w, tf.indices, tf.indptr), shape=(m, v))
    else:
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of[known], minlength=m))])
        dmat = sparse.csr_matrix((w[known], tf.indices[known], indptr), shape=(m, v))
    return dmat, selfs


def bm25_matrix(docs: list[list[str]], k1: float = K1, b: float = B):
    """(vocab, docs × terms CSR of BM25 weights) with the statistics of ``docs`` themselves.
    tests/analysis/test_links_bm25.py checks it against bm25s."""
    assert (k1, b) == (K1, B)
    stats = LinkStats.of(docs)
    return stats.ids, _weigh(docs, stats)[0]


def _queries(dmat, stats: LinkStats):
    """Binary docs × terms CSR: each doc's most distinctive terms (frequent in it, rare
    elsewhere), the ones its neighbours are looked up by."""
    from scipy import sparse

    df = stats.df
    cap = stats.df_cap
    indptr, indices, data = dmat.indptr, dmat.indices, dmat.data
    out_ptr = [0]
    out_ids: list[np.ndarray] = []
    for r in range(dmat.shape[0]):
        lo, hi = indptr[r], indptr[r + 1]
        ids = indices[lo:hi]
        w = data[lo:hi]
        dfs = df[ids]
        ok = (dfs > 1) & (dfs <= cap)
        ids, w = ids[ok], w[ok]
        if len(ids) > QUERY_TERMS:
            ids = np.sort(ids[np.argpartition(-w, QUERY_TERMS)[:QUERY_TERMS]])
        out_ids.append(ids)
        out_ptr.append(out_ptr[-1] + len(ids))
    cols = np.concatenate(out_ids) if out_ids else np.zeros(0, dtype=np.int32)
    return sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), cols, np.array(out_ptr, dtype=np.int64)), shape=(dmat.shape[0], len(stats.terms))
    )


def _substantive(terms: list[str]) -> bool:
    # A date line or a two-word heading says too little to link on.
    words = sum(1 for t in terms if not t.isdigit() and not t.startswith("@"))
    return len(terms) >= MIN_TERMS and words >= 2


def _top(cand: np.ndarray, vals: np.ndarray, own: int, art_of: np.ndarray, rank: np.ndarray):
    """The CANDIDATES best-scoring docs of other articles; equal scores go in a fixed order
    (article id, offset), so the choice does not depend on where a doc sits in the index."""
    keep = art_of[cand] != own
    cand, vals = cand[keep], vals[keep]
    if len(cand) > CANDIDATES:
        kth = np.partition(vals, len(vals) - CANDIDATES)[len(vals) - CANDIDATES]
        sel = vals >= kth
        cand, vals = cand[sel], vals[sel]
    order = np.lexsort((rank[cand], -vals))[:CANDIDATES]
    return cand[order], vals[order]


def _link_order(l: Link) -> tuple:
    return (l.start, -l.score, l.target, l.target_start)


def _finish(aid: str, directed: dict[str, list[Link]], sources) -> list[Link]:
    """Make every link walkable both ways.

    Each passage keeps only its few best links, so B can be in A's top three while A is not in
    B's (B has closer neighbours). A reader who followed A → B must still find the way back from
    B's links panel, so the missing reverse links are added with the same score and reason.
    ``sources``: the articles that may link to ``aid``.
    """
    own = directed.get(aid, [])
    have = {(l.start, l.target, l.target_start) for l in own}
    extra = []
    for src in sources:
        for l in directed.get(src, ()):
            if l.target == aid and (l.target_start, src, l.start) not in have:
                extra.append(Link(l.target_start, l.target_end, src, l.start, l.end, l.score, l.reason, l.conflict, l.strength))
    return sorted(own + extra, key=_link_order)


InfosFor = Callable[[list[str]], dict[str, list[PassageInfo]]]

_MATRICES_LOCK = threading.Lock()

REFRESH_FRACTION = 0.05  # statistics are taken afresh once this share of passages has changed
INCREMENTAL_MIN = 2000  # below this many passages a full computation is cheap: always do it


def _yield_gil() -> None:
    """Let another thread run now. Linking in a reader's background thread made many short
    numpy calls, each dropping and at once retaking the GIL, and the UI thread could wait
    seconds for its turn; a real sleep, however short, hands it over."""
    if threading.current_thread() is not threading.main_thread():
        time.sleep(0.0005)


@dataclass(slots=True)
class LinkIndex:
    """Every linkable passage of a corpus, its BM25 row, query and candidates, and the links.

    Kept in the analysis cache so that a changed article costs work in proportion to what it
    touches (``update``) rather than to the corpus. ``keys[i]`` says what article i's
    passages were computed from (its text and its grouped entities): an article whose key
    differs is taken out and put back.
    """

    stats: LinkStats
    articles: list[str]
    keys: list[str]
    ptr: np.ndarray  # article i owns passages ptr[i]:ptr[i + 1]
    starts: np.ndarray
    ends: np.ndarray
    selfs: np.ndarray
    dmat: Any
    qmat: Any
    cand: np.ndarray  # passages × CANDIDATES, -1 where fewer
    cval: np.ndarray
    directed: dict[str, list[Link]]  # each passage's own best links
    links: dict[str, list[Link]]  # the above plus reverses: what the reader sees
    drift: int = 0  # passages taken out or put in since the statistics were taken
    # Where the index lives in the cache (see ``save_index``): a statistics epoch, the chunks
    # holding its BM25 rows and links, each passage's row in them (-1: not saved yet) and
    # each article's links (absent: not saved yet). Saving an update writes only what is new.
    epoch: str = ""
    chunks: list[str] = field(default_factory=list)
    store_row: np.ndarray | None = None
    n_store: int = 0
    link_at: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    # As read from the cache: the rows of every chunk, made matrices only when an update
    # needs them (a start where nothing changed then never imports scipy).
    raw: dict[str, np.ndarray] | None = None

    def _matrices(self) -> None:
        # An index held in memory may be updated from two analysis threads at once.
        with _MATRICES_LOCK:
            if self.raw is None:
                return
            from scipy import sparse

            a = self.raw
            shape = (len(self.starts), len(self.stats.terms))
            rows = self.store_row
            d_ptr, d_idx, d_val = _take_rows(a["d_ptr"], a["d_idx"], a["d_val"], rows)
            q_ptr, q_idx, _ = _take_rows(a["q_ptr"], a["q_idx"], None, rows)
            self.dmat = sparse.csr_matrix((d_val, d_idx, d_ptr), shape=shape)
            self.qmat = sparse.csr_matrix((np.ones(len(q_idx), dtype=np.float32), q_idx, q_ptr), shape=shape)
            self.raw = None

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        articles: list[tuple[str, str]],
        infos_for: InfosFor,
        texts: dict[str, str],
        stats: LinkStats | None = None,
    ) -> LinkIndex:
        """Index and link ``articles`` ((id, key) pairs) from scratch; statistics are taken
        from them unless ``stats`` is given."""
        ids = [aid for aid, _ in articles]
        infos = infos_for(ids)
        per = [[p for p in infos.get(aid, ()) if _substantive(p.terms)] for aid in ids]
        flat = [p for ps in per for p in ps]
        if stats is None:
            stats = LinkStats.of([p.terms for p in flat])
        dmat, selfs = _weigh([p.terms for p in flat], stats)
        qmat = _queries(dmat, stats)
        ptr = np.concatenate([[0], np.cumsum([len(ps) for ps in per])]).astype(np.int64)
        n = len(flat)
        idx = cls(
            stats,
            ids,
            [k for _, k in articles],
            ptr,
            np.array([p.start for p in flat], dtype=np.int32),
            np.array([p.end for p in flat], dtype=np.int32),
            selfs,
            dmat,
            qmat,
            np.full((n, CANDIDATES), -1, dtype=np.int32),
            np.zeros((n, CANDIDATES), dtype=np.float32),
            {},
            {},
            epoch=uuid.uuid4().hex,
        )
        if n >= 2:
            idx._retrieve(np.arange(n))
        if stats.cuts is None:
            stats.cuts = idx._calibrate()
        idx.directed = {}
        idx._link(range(n), flat.__getitem__, texts)
        idx.links = {}
        incoming: dict[str, set[str]] = {}
        for src, ls in idx.directed.items():
            for l in ls:
                incoming.setdefault(l.target, set()).add(src)
        for aid in ids:
            got = _finish(aid, idx.directed, sorted(incoming.get(aid, ())))
            if got:
                idx.links[aid] = got
        return idx

    def _sims(self) -> np.ndarray:
        """Normalised similarity of every (passage, candidate), 0 where there is none."""
        c = self.cand
        ok = c >= 0
        norm = np.sqrt(self.selfs)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(ok & (norm > 0), self.cval / np.where(norm > 0, norm, 1), 0.0)

    def _calibrate(self) -> tuple[float, float, float]:
        """Thresholds from this corpus's own distribution of candidate similarities: what
        counts as close depends on what the corpus has to offer (five articles on one story
        are all somewhat alike; 5,000 news articles mostly are not)."""
        v = self._sims()[self.cand >= 0]
        if len(v) < CALIBRATE_MIN:
            return (MIN_KEEP, MIN_STRONG, MIN_SAME)
        q = np.quantile(v, [KEEP_QUANTILE, STRONG_QUANTILE, SAME_QUANTILE]).tolist()
        return tuple(round(min(hi, max(lo, x)), 4) for x, lo, hi in zip(q, (MIN_KEEP, MIN_STRONG, MIN_SAME), (MAX_KEEP, MAX_STRONG, MAX_SAME)))

    def _art_of(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.articles)), np.diff(self.ptr))

    def _rank(self, art_of: np.ndarray) -> np.ndarray:
        order = sorted(range(len(self.articles)), key=self.articles.__getitem__)
        art_rank = np.empty(len(self.articles), dtype=np.int64)
        art_rank[order] = np.arange(len(order))
        key = art_rank[art_of] * (int(self.ends.max(initial=0)) + 1) + self.starts
        rank = np.empty(len(key), dtype=np.int64)
        rank[np.argsort(key, kind="stable")] = np.arange(len(key))
        return rank

    def _retrieve(self, queries: np.ndarray) -> None:
        """Candidates of the passages ``queries`` against the whole index."""
        art_of = self._art_of()
        rank = self._rank(art_of)
        dt = self.dmat.T.tocsr()
        inv = self._inv_root()
        for b0 in range(0, len(queries), BATCH):
            _yield_gil()
            qs = queries[b0 : b0 + BATCH]
            s = (self.qmat[qs] @ dt).tocsr()
            s.data *= inv[s.indices]
            for r, qi in enumerate(qs):
                self._set_candidates(qi, s.indices[s.indptr[r] : s.indptr[r + 1]], s.data[s.indptr[r] : s.indptr[r + 1]], art_of, rank)

    def _inv_root(self) -> np.ndarray:
        """1/√(self weight) of every passage. Candidates are chosen by the product divided by
        the candidate's own weight: a raw product favours long passages, which match some of
        any query's terms, over a short one that tells the same thing."""
        w = self.selfs.astype(np.float32)
        return np.where(w > 0, 1 / np.sqrt(np.where(w > 0, w, 1)), 0).astype(np.float32)

    def _set_candidates(self, qi: int, cand: np.ndarray, vals: np.ndarray, art_of: np.ndarray, rank: np.ndarray) -> None:
        self.cand[qi] = -1
        self.cval[qi] = 0
        if not len(cand) or self.selfs[qi] <= 0:
            return
        c, v = _top(cand, vals, art_of[qi], art_of, rank)
        self.cand[qi, : len(c)] = c
        self.cval[qi, : len(v)] = v

    def _link(self, queries, info_of: Callable[[int], PassageInfo], texts: dict[str, str]) -> None:
        """Score the candidates of ``queries`` into ``directed`` links."""
        common = self.stats.common
        for k, qi in enumerate(queries):
            if not k % 256:
                _yield_gil()
            row = self.cand[qi]
            row = row[row >= 0]
            if not len(row):
                continue
            # cval is already divided by the candidate's √(self weight) (see _inv_root).
            norm = float(np.sqrt(self.selfs[qi]))
            pairs = [(info_of(int(c)), float(x) / norm) for c, x in zip(row, self.cval[qi, : len(row)])]
            _score_candidates(info_of(int(qi)), pairs, texts, self.directed, common, self.stats.cuts)

    # -- updating ---------------------------------------------------------------------------
    def update(self, articles: list[tuple[str, str]], infos_for: InfosFor, texts: dict[str, str]) -> LinkIndex:
        """The index of ``articles`` ((id, key) pairs), reusing this one where keys agree.

        Equal to ``LinkIndex.build(articles, infos_for, texts, stats=self.stats)``: the kept
        passages keep their weights and queries (they depend on the statistics and the
        passage alone); a kept passage is re-queried only when one of its candidates went
        away, and otherwise meets just the new passages; links are re-scored only where a
        candidate list changed. Once the changes add up to REFRESH_FRACTION of the corpus, or
        for a small corpus, it is a full ``build`` with fresh statistics instead.
        """
        from scipy import sparse

        new_keys = dict(articles)
        kept = [i for i, aid in enumerate(self.articles) if new_keys.get(aid, None) == self.keys[i]]
        kept_ids = {self.articles[i] for i in kept}
        added = [(aid, k) for aid, k in articles if aid not in kept_ids]
        gone = [i for i in range(len(self.articles)) if self.articles[i] not in kept_ids]
        n_gone = int(sum(self.ptr[i + 1] - self.ptr[i] for i in gone))
        if not added and not gone:
            return self
        self._matrices()
        infos = infos_for([aid for aid, _ in added])
        add_per = [[p for p in infos.get(aid, ()) if _substantive(p.terms)] for aid, _ in added]
        add_flat = [p for ps in add_per for p in ps]
        drift = self.drift + n_gone + len(add_flat)
        if self.stats.n < INCREMENTAL_MIN or drift > REFRESH_FRACTION * self.stats.n:
            return LinkIndex.build(articles, infos_for, texts)

        old_gids = np.concatenate([np.arange(self.ptr[i], self.ptr[i + 1]) for i in kept] or [np.zeros(0, dtype=np.int64)]).astype(np.int64)
        n_kept = len(old_gids)
        remap = np.full(len(self.starts) + 1, -1, dtype=np.int32)  # index -1 (no candidate) stays -1
        remap[old_gids] = np.arange(n_kept)
        add_d, add_selfs = _weigh([p.terms for p in add_flat], self.stats)
        add_q = _queries(add_d, self.stats)
        counts = [self.ptr[i + 1] - self.ptr[i] for i in kept] + [len(ps) for ps in add_per]
        new = LinkIndex(
            self.stats,
            [self.articles[i] for i in kept] + [aid for aid, _ in added],
            [self.keys[i] for i in kept] + [k for _, k in added],
            np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
            np.concatenate([self.starts[old_gids], [p.start for p in add_flat]]).astype(np.int32),
            np.concatenate([self.ends[old_gids], [p.end for p in add_flat]]).astype(np.int32),
            np.concatenate([self.selfs[old_gids], add_selfs]),
            sparse.vstack([self.dmat[old_gids], add_d], format="csr"),
            sparse.vstack([self.qmat[old_gids], add_q], format="csr"),
            np.concatenate([remap[self.cand[old_gids]], np.full((len(add_flat), CANDIDATES), -1, dtype=np.int32)]),
            np.concatenate([self.cval[old_gids], np.zeros((len(add_flat), CANDIDATES), dtype=np.float32)]),
            {},
            {},
            drift,
            self.epoch,
            list(self.chunks),
            np.concatenate([self._store_rows()[old_gids], np.full(len(add_flat), -1, dtype=np.int64)]),
            self.n_store,
        )
        n = len(new.starts)
        new_rows = np.arange(n_kept, n)
        art_of = new._art_of()
        rank = new._rank(art_of)
        # A kept passage whose candidate went away may have a seventh-best that now moves up:
        # only a new query can tell. The others meet just the new passages.
        lost = (new.cand[:n_kept] < 0) & (self.cand[old_gids] >= 0)
        requery = np.flatnonzero(lost.any(axis=1))
        before = new.cand.copy()
        if len(add_flat) and n >= 2:
            s = (new.qmat[:n_kept] @ new.dmat[new_rows].T).tocsr()
            s.data *= new._inv_root()[n_kept + s.indices]
            hit = np.diff(s.indptr) > 0
            hit[requery] = False
            # A full list whose sixth score beats every new score cannot change: most rows.
            best = np.zeros(n_kept, dtype=np.float32)
            best[hit] = np.maximum.reduceat(s.data, s.indptr[:-1][hit])
            hit &= (new.cand[:n_kept, -1] < 0) | (best >= new.cval[:n_kept, -1])
            for qi in np.flatnonzero(hit):
                if new.selfs[qi] <= 0:
                    continue
                row = new.cand[qi]
                have = row >= 0
                lo, hi = s.indptr[qi], s.indptr[qi + 1]
                cand = np.concatenate([row[have], n_kept + s.indices[lo:hi]])
                vals = np.concatenate([new.cval[qi][have], s.data[lo:hi]])
                new._set_candidates(qi, cand, vals, art_of, rank)
        queries = np.concatenate([requery, new_rows]).astype(np.int64)
        if len(queries) and n >= 2:
            new._retrieve_some(queries, art_of, rank)
        changed = set(queries.tolist()) | set(
            np.flatnonzero((new.cand[:n_kept] != before[:n_kept]).any(axis=1) | (new.cval[:n_kept] != self.cval[old_gids]).any(axis=1)).tolist()
        )

        # Old links leaving re-scored or removed passages: their targets must be finished again.
        touched: set[str] = set()
        redo_starts: dict[str, set[int]] = {}
        for qi in changed:
            aid = new.articles[art_of[qi]]
            redo_starts.setdefault(aid, set()).add(int(new.starts[qi]))
        for aid, ls in self.directed.items():
            if aid not in kept_ids:
                touched.update(l.target for l in ls)
                continue
            starts = redo_starts.get(aid)
            keep_ls = ls if not starts else [l for l in ls if l.start not in starts]
            if starts:
                touched.update(l.target for l in ls if l.start in starts)
                touched.add(aid)
            if keep_ls:
                new.directed[aid] = keep_ls if keep_ls is not ls else list(ls)

        need = sorted({new.articles[art_of[c]] for qi in changed for c in [qi, *new.cand[qi][new.cand[qi] >= 0]]})
        got = {aid: infos[aid] for aid, _ in added if aid in infos}
        got.update(infos_for([aid for aid in need if aid not in got]))
        by_art = {
            aid: [p for p in got.get(aid, ()) if _substantive(p.terms)] for aid in need
        }
        first = {aid: int(new.ptr[i]) for i, aid in enumerate(new.articles)}

        def info_of(gid: int) -> PassageInfo:
            aid = new.articles[art_of[gid]]
            return by_art[aid][gid - first[aid]]

        fresh: dict[str, list[Link]] = {}
        saved, new.directed = new.directed, fresh
        new._link(sorted(changed), info_of, texts)
        new.directed = saved
        for aid, ls in fresh.items():
            new.directed.setdefault(aid, []).extend(ls)
            touched.add(aid)
            touched.update(l.target for l in ls)
        touched.update(aid for aid, _ in added)

        alive = set(new.articles)
        new.links = {aid: ls for aid, ls in self.links.items() if aid in alive and aid not in touched}
        new.link_at = {aid: at for aid, at in self.link_at.items() if aid in new.links}
        for aid in touched & alive:
            sources = {l.target for l in self.links.get(aid, ())}
            sources.update(src for src, ls in fresh.items() if any(l.target == aid for l in ls))
            got_links = _finish(aid, new.directed, sorted(sources & alive))
            if got_links:
                new.links[aid] = got_links
        return new

    def _store_rows(self) -> np.ndarray:
        if self.store_row is None:
            return np.full(len(self.starts), -1, dtype=np.int64)
        return self.store_row

    def _retrieve_some(self, queries: np.ndarray, art_of: np.ndarray, rank: np.ndarray) -> None:
        # docs × queries rather than queries × docs: no transpose of the whole index. Each
        # score is the same float32 sum, over the same terms in the same (term id) order.
        s = (self.dmat @ self.qmat[queries].T).T.tocsr()
        s.data *= self._inv_root()[s.indices]
        for r, qi in enumerate(queries):
            lo, hi = s.indptr[r], s.indptr[r + 1]
            self._set_candidates(int(qi), s.indices[lo:hi], s.data[lo:hi], art_of, rank)


def compute_links(infos: list[PassageInfo], texts: dict[str, str], stats: LinkStats | None = None) -> dict[str, list[Link]]:
    """Links for every passage in ``infos`` to passages of other articles."""
    per: dict[str, list[PassageInfo]] = {}
    for p in infos:
        per.setdefault(p.article, []).append(p)
    idx = LinkIndex.build([(aid, "") for aid in per], lambda ids: {aid: per[aid] for aid in ids if aid in per}, texts, stats)
    return idx.links


def _same_fact(a: PassageInfo, b: PassageInfo) -> bool:
    """The same day or the same count of the same thing (90 دقيقة): what words cannot fake.
    A shared month or year is not enough: February 2025 held a phone call and a summit."""
    if a.dates and b.dates:
        days = {d[0] for d in b.dates if d[1] == "day"}
        if any(d[1] == "day" and d[0] in days for d in a.dates):
            return True
    if a.numbers and b.numbers:
        for unit in a.numbers.keys() & b.numbers.keys():
            if set(a.numbers[unit]) & set(b.numbers[unit]):
                return True
    return False


def _score_candidates(
    a: PassageInfo,
    cands: list[tuple[PassageInfo, float]],
    texts: dict[str, str],
    out: dict[str, list[Link]],
    common: frozenset[str] = frozenset(),
    cuts: tuple[float, float, float] | None = None,
) -> None:
    keep_cut, strong_cut, same_cut = cuts or (MIN_KEEP, MIN_STRONG, MIN_SAME)
    scored = []
    text_a = texts[a.article][a.start : a.end]
    for b, sim in cands:
        if sim < MIN_SIM or b.article == a.article:
            continue
        bonus, ents, values = _evidence(a, b, common)
        shared = len(a.term_set & b.term_set)
        if shared < (MIN_SHARED + 1 if bonus == 0 else MIN_SHARED):
            continue
        event = _event_phrase(a, b, common) if sim + bonus + 0.1 >= keep_cut else None
        # The same event named the same way (قمة الرياض) is strong evidence on its own.
        score = min(1.0, sim) + bonus + (0.1 if event else 0.0)
        if score >= keep_cut:
            # Strong: the same event or fact. Either the passages are about as alike as this
            # corpus's closest pairs, or they are close and share what words cannot fake: an
            # event named the same way, the same day, the same count.
            strong = (
                sim >= same_cut
                or (event is not None and sim >= strong_cut)
                or (_same_fact(a, b) and sim + bonus >= strong_cut and sim >= keep_cut * 0.6)
            )
            scored.append((score, sim, b, ents, values, event, "strong" if strong else "related"))
    if not scored:
        return
    # Equal scores in a fixed order (article, offset): links do not depend on corpus order.
    scored.sort(key=lambda x: (-x[0], x[2].article, x[2].start))
    kept = 0
    for rank, (score, sim, b, ents, values, event, strength) in enumerate(scored):
        conflict = date_conflict(a, b, common)
        if conflict is None:
            # Only a passage that tells the same fact may contradict a count (number_conflict).
            conflict = number_conflict(a, b, common, event)
        # A disagreement is worth showing even when closer passages exist.
        if rank >= TOP_LINKS and (conflict is None or kept >= TOP_LINKS + 2):
            continue
        kept += 1
        if conflict is not None:
            strength = "strong"  # they tell the same event and disagree on its day or count
        reason = _reason(a, b, text_a, event, ents, values)
        out.setdefault(a.article, []).append(
            Link(a.start, a.end, b.article, b.start, b.end, round(score, 3), reason, conflict, strength)
        )


def _reason(a: PassageInfo, b: PassageInfo, text_a: str, event: str | None, ents: list[str], values: list[str]) -> str:
    parts = []
    if isinstance(event, tuple):
        event = _phrase_surface(event, text_a)
    if event:
        parts.append(f"الحدث نفسه: {event}")
    # The event is said once: "الحدث نفسه: قمة الرياض", not again among the shared names.
    shared = [x for x in ents if x != event]
    if not shared:
        # Without entities, the rarest shared words tell the reader why.
        surf = _surface_terms(text_a)
        bset = set(b.terms)
        words = [
            surf.get(t, t)
            for t in dict.fromkeys(a.terms)
            if t in bset and not t.startswith("@") and not t.isdigit() and t not in _MONTH_STEMS and t not in ev.ATTRIBUTION_WORDS
        ]
        shared = words[:4]
    shared = list(dict.fromkeys(shared + values))[:6]
    if shared:
        parts.append("مشترك: " + "، ".join(shared))
    return "؛ ".join(parts) if parts else "تشابه في النص"


# -- keeping an index in the cache --------------------------------------------------------

_ARRAYS = ("ptr", "starts", "ends", "selfs", "cand", "cval")
_CSR = ("d_ptr", "d_idx", "d_val", "q_ptr", "q_idx")


def _take_rows(ptr: np.ndarray, idx: np.ndarray, val: np.ndarray | None, rows: np.ndarray):
    """Rows ``rows`` of a CSR given as arrays (numpy only: no scipy import for this)."""
    starts = ptr[rows].astype(np.int64)
    lens = ptr[rows + 1].astype(np.int64) - starts
    new_ptr = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
    pos = np.repeat(starts - new_ptr[:-1], lens) + np.arange(int(new_ptr[-1]), dtype=np.int64)
    return new_ptr, idx[pos], (val[pos] if val is not None else None)


def _encode_links(ls: list[Link], directed: list[Link]) -> bytes:
    own = {id(l) for l in directed}
    rows = [[l.start, l.end, l.target, l.target_start, l.target_end, l.score, l.reason, l.conflict, id(l) in own, l.strength] for l in ls]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _decode_links(data: bytes) -> tuple[list[Link], list[Link]]:
    links, directed = [], []
    for r in json.loads(data.decode("utf-8", "surrogatepass")):
        l = Link(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[9])  # positional: 20% faster
        links.append(l)
        if r[8]:
            directed.append(l)
    return links, directed


def _npz(arrays: dict[str, np.ndarray], meta: dict) -> bytes:
    arrays = dict(arrays, meta=np.frombuffer(json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"), dtype=np.uint8))
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _unnpz(data: bytes) -> tuple[dict[str, np.ndarray], dict]:
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        a = {k: z[k] for k in z.files}
    return a, json.loads(a.pop("meta").tobytes().decode("utf-8", "surrogatepass"))


def save_index(idx: LinkIndex, put_chunk: Callable[[str, bytes], None]) -> bytes:
    """Write what ``idx`` has that no chunk holds yet (the BM25 rows of new passages, the
    links of articles whose links changed; the statistics too for a new epoch) as one new
    chunk through ``put_chunk(id, data)``; return the image of the index itself, which
    names its chunks. After an update that is kilobytes, not the whole corpus again."""
    rows = np.flatnonzero(idx._store_rows() < 0)
    dirty = [aid for aid in idx.links if aid not in idx.link_at]
    if len(rows) or dirty or not idx.chunks:
        pieces = [_encode_links(idx.links[aid], idx.directed.get(aid, [])) for aid in dirty]
        arrays: dict[str, np.ndarray] = {
            "links": np.frombuffer(b"".join(pieces), dtype=np.uint8),
            "link_ptr": np.concatenate([[0], np.cumsum([len(b) for b in pieces], dtype=np.int64)]).astype(np.int64),
        }
        meta: dict[str, Any] = {"linked": dirty}
        if len(rows):
            idx._matrices()
            d = idx.dmat[rows]
            q = idx.qmat[rows]
            arrays.update(d_ptr=d.indptr, d_idx=d.indices, d_val=d.data, q_ptr=q.indptr, q_idx=q.indices)
        if not idx.chunks:
            arrays["df"] = idx.stats.df
            meta["stats"] = {
                "terms": idx.stats.terms, "n": idx.stats.n, "avgdl": idx.stats.avgdl, "common": sorted(idx.stats.common),
                "cuts": list(idx.stats.cuts) if idx.stats.cuts else None,
            }
        cid = f"{idx.epoch}.{uuid.uuid4().hex[:12]}"
        put_chunk(cid, _npz(arrays, meta))
        store = idx._store_rows().copy()
        store[rows] = idx.n_store + np.arange(len(rows))
        idx.store_row, idx.n_store = store, idx.n_store + len(rows)
        off = np.cumsum([0] + [len(b) for b in pieces]).tolist()
        for i, aid in enumerate(dirty):
            idx.link_at[aid] = (cid, off[i], off[i + 1] - off[i])
        idx.chunks.append(cid)
    where = {cid: i for i, cid in enumerate(idx.chunks)}
    meta = {
        "articles": idx.articles,
        "keys": idx.keys,
        "drift": idx.drift,
        "epoch": idx.epoch,
        "chunks": idx.chunks,
        "n_store": idx.n_store,
        "links": [[aid, where[c], o, n] for aid, (c, o, n) in idx.link_at.items()],
    }
    return _npz({**{name: getattr(idx, name) for name in _ARRAYS}, "store_row": idx._store_rows()}, meta)


def load_index(data: bytes, get_chunk: Callable[[str], bytes | None]) -> LinkIndex | None:
    """The index ``save_index`` wrote, with its chunks from ``get_chunk``; None if any part
    is missing or damaged (a cache entry is only ever a reason to compute again)."""
    try:
        a, meta = _unnpz(data)
        parts = []
        for cid in meta["chunks"]:
            got = get_chunk(cid)
            if got is None:
                return None
            parts.append(_unnpz(got))
        ca, cm = parts[0]
        st = cm["stats"]
        stats = LinkStats(list(st["terms"]), ca["df"], int(st["n"]), float(st["avgdl"]), frozenset(st["common"]))
        stats.cuts = tuple(float(x) for x in st["cuts"]) if st.get("cuts") else None
        store: dict[str, list[np.ndarray]] = {k: [] for k in _CSR}
        d_base = q_base = 0
        for pa, _ in parts:
            if "d_ptr" not in pa:
                continue
            store["d_ptr"].append(pa["d_ptr"][:-1].astype(np.int64) + d_base)
            store["q_ptr"].append(pa["q_ptr"][:-1].astype(np.int64) + q_base)
            d_base += int(pa["d_ptr"][-1])
            q_base += int(pa["q_ptr"][-1])
            for k in ("d_idx", "d_val", "q_idx"):
                store[k].append(pa[k])
        raw = {
            "d_ptr": np.concatenate(store["d_ptr"] + [np.array([d_base], dtype=np.int64)]),
            "q_ptr": np.concatenate(store["q_ptr"] + [np.array([q_base], dtype=np.int64)]),
            "d_idx": np.concatenate(store["d_idx"]) if store["d_idx"] else np.zeros(0, dtype=np.int32),
            "d_val": np.concatenate(store["d_val"]) if store["d_val"] else np.zeros(0, dtype=np.float32),
            "q_idx": np.concatenate(store["q_idx"]) if store["q_idx"] else np.zeros(0, dtype=np.int32),
        }
        links: dict[str, list[Link]] = {}
        directed: dict[str, list[Link]] = {}
        link_at: dict[str, tuple[str, int, int]] = {}
        blobs = [pa["links"].tobytes() for pa, _ in parts]
        for aid, ci, off, ln in meta["links"]:
            links[aid], own = _decode_links(blobs[ci][off : off + ln])
            if own:
                directed[aid] = own
            link_at[aid] = (meta["chunks"][ci], off, ln)
        n = len(a["starts"])
        idx = LinkIndex(
            stats, list(meta["articles"]), list(meta["keys"]), *(a[name] for name in _ARRAYS[:4]), None, None,
            a["cand"], a["cval"], directed, links, int(meta["drift"]), str(meta["epoch"]), list(meta["chunks"]),
            a["store_row"].astype(np.int64), int(meta["n_store"]), link_at, raw,
        )
        ok = (
            len(idx.ptr) == len(idx.articles) + 1
            and int(idx.ptr[-1]) == n
            and idx.cand.shape == (n, CANDIDATES)
            and len(idx.store_row) == n
            and len(raw["d_ptr"]) == idx.n_store + 1
            and len(raw["q_ptr"]) == idx.n_store + 1
            and (n == 0 or (0 <= int(idx.store_row.min()) and int(idx.store_row.max()) < idx.n_store))
            and int(raw["d_idx"].max(initial=0)) < max(len(stats.terms), 1)
        )
        return idx if ok else None
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, zipfile.BadZipFile):
        return None
