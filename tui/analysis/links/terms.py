"""Passage terms and evidence: what linking knows of one passage (``PassageInfo``).

Folded, light-stemmed words (stopwords out, entity tokens unstemmed, plus ``@entity-id``
terms), the passage's dates with the words around them, its counts with their units, its
event phrases and the spans that are boilerplate. Computed per article (worker processes)
and cached with it; entity ids are attached later, after corpus-wide grouping.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from tui.analysis import evidence as ev
from tui.analysis.model import DateMention, Mention, Passage
from tui.analysis.stem import CONCEPT_MARK, CONCEPTS, STOPWORDS, TOKEN_RE, _forms, fold, index_terms, light_stem, with_concepts
from tui.text.calendar_names import HAMZALESS_MONTHS, LEVANTINE_MONTHS, MONTHS_AR

# Bump when passage terms or link scoring change: cached links and link terms are then redone.
LINKS_VERSION = "18"

MIN_TERMS = 3  # passages with fewer terms (short headings) neither link nor are linked



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
    _concepts: frozenset[str] | None = None

    @property
    def term_set(self) -> frozenset[str]:
        """The passage's words: no entity ids, no concept terms (those only weigh in BM25)."""
        if self._set is None:
            self._set = frozenset(t for t in self.terms if t[0] != "@" and t[0] != CONCEPT_MARK)
        return self._set

    @property
    def concepts(self) -> frozenset[str]:
        """Concept classes of the passage's words (stem.CONCEPTS)."""
        if self._concepts is None:
            got = CONCEPTS
            self._concepts = frozenset(got[t] for t in self.term_set if t in got)
        return self._concepts


def _num_units(text: str, fold: tuple[str, list[int] | None] | None = None) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Counts with their unit: unit stem -> values (canonical: "9ر10" and "10,9" are "10.9"),
    and "value unit" -> the words as the article wrote them. ``fold``: ``fold_map(text)`` if
    the caller has it (folding was a tenth of cold analysis when done twice per passage)."""
    units: dict[str, list[str]] = {}
    surface: dict[str, str] = {}
    if "\u200f" in text:
        text = ev.REVERSED_POINT.sub("ر", text)  # same length: offsets stay
        fold = None  # the caller's folding is of the text before that
    # where: folded index -> original index, if they differ
    folded_text, where = fold if fold is not None else ev.fold_map(text)
    for m in ev._NUM_UNIT.finditer(folded_text):
        num, unit = m.group(1), m.group(2)
        folded = m.string
        if (m.start() and folded[m.start() - 1] in "/-") or (unit != "%" and len(unit) < 2):
            continue  # a piece of a written date (15/10/1436ه) or of a range (15-35 كم), not a count
        if unit in STOPWORDS or unit in _MONTH_STEMS:
            continue
        if _PART.search(folded, max(0, m.start() - 12), m.start()):
            continue  # منها 12 مركزاً للنساء: a part of a count told before it, not a count of its own
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


RELATIVE_MARK = "~rel"  # in a date's context: the text goes on "two days before/after …"
_RELATIVE = re.compile(r"[\s\W]*(?:قبل|بعد)\s+(?:يوم|يومين|أيام|ايام|ثلاثة أيام|أسبوع|اسبوع|أسبوعين|اسبوعين|شهر)")

# "of which" before a number: the count is a part of another (منها 12 مركزا للنساء).
_PART = re.compile(r"(?:منها|منهم|بينها|بينهم)\W*$")

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
    # Concept terms (stem.with_concepts) let a paraphrase meet what it paraphrases.
    info = PassageInfo(article_id, s, e, with_concepts(index_terms(clean, [(m.start - s, m.end - s) for m in ents])))
    info.skip = [[a + s, b + s] for a, b in cut]
    in_dates = []
    for d in _within(dates, s, e):
        if ev.inside(cut, d.start - s, d.end - s):
            continue
        in_dates.append((d.start - s, d.end - s))
        if d.gregorian:
            before = index_terms(clean[max(0, d.start - s - 80) : d.start - s])[-_CONTEXT:]
            after = index_terms(clean[d.end - s : d.end - s + 80])[:_CONTEXT]
            # "27 مايو قبل يومين من انتخابات": the day is placed against another event, which
            # it does not contradict (date_conflict leaves such days out).
            rel = [RELATIVE_MARK] if _RELATIVE.match(clean, d.end - s) else []
            info.dates.append((d.gregorian, d.granularity, d.text, before + after + rel))
    fm = ev.fold_map(clean)
    info.numbers, info.number_text = _num_units(clean, fm)
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
    info._set = info._concepts = None


def base_to_json(info: PassageInfo) -> list:
    return [info.start, info.end, info.terms, [list(d) for d in info.dates], info.numbers, info.number_text, info.events, info.months, info.skip]


def base_from_json(article_id: str, row: list) -> PassageInfo:
    start, end, terms, dates, numbers, number_text, events, months, skip = row
    return PassageInfo(
        article_id, start, end, list(terms), dates=[tuple(d) for d in dates], numbers=numbers, number_text=number_text,
        events=events, months=months, skip=skip,
    )


# A concept term weighs this share of a word as rare: a paraphrase is weaker evidence than
# the same word. Links of the embedded corpus (benchmarks/links_eval.py, tuned on half A of
# the hand-checked pairs): at 1.0 recall@5 0.58 -> 0.48, at 0.5 0.52, at 0.3 0.58 with
# recall@1 unchanged; with scoring.PARAPHRASE at 0.3 recall@1 0.23 -> 0.26, recall@5 0.58 ->
# 0.59, 0.4 or PARAPHRASE 0.02 lose recall@5 again: a narrow gain, not a large one.
CONCEPT_WEIGHT = 0.3


def concept_scale(idf, terms: list[str], unknown: list[str]):
    """``idf`` (over ``terms``, sorted, then ``unknown``) with concept terms scaled down."""
    lo = bisect_left(terms, CONCEPT_MARK)
    hi = bisect_left(terms, CONCEPT_MARK + "\U0010ffff")
    if hi > lo:
        idf[lo:hi] *= CONCEPT_WEIGHT
    for i, t in enumerate(unknown):
        if t[0] == CONCEPT_MARK:
            idf[len(terms) + i] *= CONCEPT_WEIGHT
    return idf


def _surface_terms(text: str) -> dict[str, str]:
    """Stemmed term -> first surface word, to explain matches in the words of the text."""
    out: dict[str, str] = {}
    for raw in TOKEN_RE.findall(text):
        forms = _forms(raw)
        if forms is not None:
            # والمفاوضات is shown as المفاوضات: the conjunction is not what the passages share.
            # Only before the article: a name may begin with و (واشنطن، ويتكوف، وليد).
            if raw[:3] in ("وال", "فال") and len(raw) > 4:
                raw = raw[1:]
            out.setdefault(forms[1] or forms[0], raw)
            out.setdefault(forms[0], raw)
    return out


def _substantive(terms: list[str]) -> bool:
    # A date line or a two-word heading says too little to link on.
    words = sum(1 for t in terms if not t.isdigit() and t[0] != "@" and t[0] != CONCEPT_MARK)
    return len(terms) >= MIN_TERMS and words >= 2


