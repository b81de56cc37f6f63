"""Scoring a passage's candidates: evidence (shared entities, dates, numbers, event
phrases), strength (strong: the same event or fact; related: the same topic), conflicts
(the same event told with another day or count) and the reason shown to the reader."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from tui.analysis import evidence as ev
from tui.analysis.background import zipf
from tui.analysis.links.terms import (
    _EVENT_WORDS,
    _MONTH_STEMS,
    MONTHS_AR,
    RELATIVE_MARK,
    PassageInfo,
    _surface_terms,
)
from tui.analysis.model import Link
from tui.analysis.stem import CONCEPT_MARK, CONCEPTS, TOKEN_RE, _forms, entity_form, fold, light_stem

TOP_LINKS = 5  # links kept per source passage
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
# Shared words alone (no uncommon name, date, count or event) must be this much closer than
# the keep threshold: two passages of one story share its vocabulary (نهج، فترة، جديد)
# without telling the same thing.
WORDS_ONLY = 1.4
# Once a passage has one link a reader would follow, its next candidates are kept down to
# this share of the keep threshold: they are ranked below the first, and the same passage's
# neighbours are where its other related passages are.
FOLLOW = 0.7
# A rider whose evidence is one name and nothing else must share this part of the shorter
# passage's words: on SaudiNewsNet such riders sharing a word or two more were other stories
# (الأرجنتين: a transfer and an injury), those sharing a fifth of their words the same one.
RIDER_SHARE = 0.2
# Without a shared event, day, count or uncommon name, the shared words must say something
# everyday Arabic does not: the sum over them of (SPECIFIC_ZIPF - their background Zipf,
# background.zipf) must reach SPECIFIC_MIN. Words of the corpus's own topic (in more than
# TOPIC_SHARE of its passages: ترامب، روسيا in a Trump-Putin corpus) do not count. Wrong top
# links of the embedded corpus shared مستوى، بدأت، تمتلك; right ones أشاد، استرضاء، بايدن. As a
# condition on the first link only: 3 wrong top links fewer, no right one or pair lost
# (benchmarks/links_eval.py); on every kept link it cut recall@5 from 0.58 to 0.45.
SPECIFIC_ZIPF = 5.2
SPECIFIC_MIN = 0.4
TOPIC_SHARE = 1 / 6
# Each concept the two passages share in different words (paraphrased: حظر / عقوبات) adds
# this to the score, for up to PARAPHRASE_MAX of them, and counts as a shared term for
# MIN_SHARED. 0.01: recall@1 of the hand-checked pairs 0.23 -> 0.26 (half A 0.32 -> 0.36, the
# held-out half B 0.16 -> 0.18), recall@5 0.58 -> 0.59; 0.02 and more lost recall@5.
PARAPHRASE = 0.01
PARAPHRASE_MAX = 3
PARA_SHARED = 1
# A link whose only evidence is one uncommon name (no day, count or event) must also
# share a word beyond the name that everyday Arabic does not use much: background Zipf below
# NAME_ZIPF (background.zipf), and not the corpus's topic. On SaudiNewsNet such links sharing
# the name and nothing else (مطار الملك عبدالعزيز الدولي: the terminal's building and the Hajj
# season; الدار البيضاء: its bourse and a flight list) or words any story of the name has
# (مانشستر يونايتد with نادي، لاعب، مدريد) were other stories; those sharing ستيوا، زوكالا
# or تطهير beside the name the same one.
NAME_ZIPF = 4.9
# Only on a corpus this large (passages): there one name runs through many stories (a club, a
# city, a ministry). On the five embedded articles a name found in a few passages (بايدن،
# زيلينسكي، ويتكوف) is itself the sub-topic those passages share: the rule cost recall@5
# 0.59 -> 0.53 and top-link precision 0.65 -> 0.61 there.
NAME_CORPUS = 2000


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


MAX_DAY_GAP = 2
NEIGHBOUR_SIM = 0.3  # a neighbour's similarity, as a share of the keep cut, for its conflict to count
# Beside a linked passage, only a close count contradicts (15 against 20 cars): there a total
# and its part, or a share in percent against another, are what differs most.
NEIGHBOUR_RATIO = 1.5


def date_conflict(a: PassageInfo, b: PassageInfo, common: frozenset[str] = frozenset()) -> str | None:
    """Same month, different day, told around the same event; or a month named alone
    (وفي مايو اختفت) against another month's date of the same event → a conflict."""
    a_days = {d[0] for d in a.dates if d[1] == "day"}
    b_days = {d[0] for d in b.dates if d[1] == "day"}
    shared_event_entity = bool((set(a.event_entities) & set(b.event_entities)) - common)
    for ga, gran_a, _ta, ctx_a in a.dates:
        if gran_a != "day" or ga in b_days or RELATIVE_MARK in ctx_a:
            continue
        for gb, gran_b, _tb, ctx_b in b.dates:
            if gran_b != "day" or gb in a_days or gb[:7] != ga[:7] or RELATIVE_MARK in ctx_b:
                continue
            # Two tellings of one event disagree by a day or two (time zones, "yesterday");
            # days further apart are two events of one story (a bombing on the 20th, another
            # on the 25th; registration in Makkah on the 1st, elsewhere on the 7th).
            if abs(int(ga[8:10]) - int(gb[8:10])) > MAX_DAY_GAP:
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


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|1[34]\d\d)(?!\d)")


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
        for gb, gran_b, tb, ctx_b in b.dates:
            if gran_b != "day" or int(gb[5:7]) in a_months or int(gb[:4]) < since:
                continue
            # A day of the story's own weeks is written without its year (3 أغسطس، 26 يونيو)
            # and is the report's day or another event's; the day a month alone contradicts
            # is one the writer had to place in time: في 8 مارس 2014.
            if not _YEAR.search(tb):
                continue
            if sum(1 for t in set(ctx_b) if t in aset and not t.isdigit()) >= 2:
                return month, gb
    return None


_NONE: frozenset[str] = frozenset()


def paraphrased(a: PassageInfo, b: PassageInfo, words: frozenset[str] | None = None) -> frozenset[str]:
    """Concepts the two passages share in different words (عقوبات / حظر): a shared word
    already counts, its concept would count it twice. ``words``: their shared words, if known."""
    both = a.concepts & b.concepts
    if not both:
        return both
    said = {CONCEPTS[t] for t in (a.term_set & b.term_set if words is None else words) if t in CONCEPTS}
    return both - said


def _surface_of(text: str, stems: set[str]) -> str | None:
    """The first word of ``text`` whose stem is one of ``stems``, as written."""
    for m in TOKEN_RE.finditer(text):
        forms = _forms(m.group())
        if forms is not None and forms[1] in stems:
            raw = m.group()
            return raw[1:] if raw[:3] in ("وال", "فال") and len(raw) > 4 else raw
    return None


def _paraphrases(
    a: PassageInfo, b: PassageInfo, surf: dict[str, str], article_b: str, df_of: Callable[[str], int] | None = None, n: int = 0, limit: int = 2
) -> list[str]:
    """"a's word ≈ b's word" for the concepts they share in different words, the rarest first
    (at most ``limit``); not the corpus's own topic (الحرب ≈ النزاع in a corpus on a war).
    ``article_b``: the text of b's article (b's passage is cut from it only when needed)."""
    out = []
    got = sorted(paraphrased(a, b))
    if df_of is not None:
        if n:
            got = [c for c in got if df_of(c) <= n * TOPIC_SHARE]
        got.sort(key=df_of)
    for c in got:
        ta = next((t for t in a.terms if CONCEPTS.get(t) == c and t not in b.term_set), None)
        stems_b = {t for t in b.term_set if CONCEPTS.get(t) == c and t not in a.term_set}
        wb = _surface_of(article_b[b.start : b.end], stems_b) if stems_b else None
        if ta is not None and wb is not None:
            out.append(f"{surf.get(ta, ta)} ≈ {wb}")
        if len(out) >= limit:
            break
    return out


def _rare_shared(a: PassageInfo, b: PassageInfo, common: frozenset[str]) -> bool:
    return any(i not in common for i in a.entities.keys() & b.entities.keys())


# A toll or a tally (حصيلة، غلة، رصيد) grows from day to day: 92 dead in Pakistan's floods on
# Saturday, 151 on Tuesday; 15 medals on day five, 23 at the end.
_TALLY = frozenset(light_stem(fold(w)) for w in ("حصيلة", "غلة", "غلتهم", "رصيد"))


MAX_COUNT_RATIO = 3.0


def _far_apart(x: str, y: str, ratio: float = MAX_COUNT_RATIO) -> bool:
    """Two tellings of one count differ by less than a factor of three (an early "at least 12
    dead" against 31 is the widest seen on SaudiNewsNet); one count several times another is
    its total or another measure: a company's 2.7 bn riyal profit against all companies' 30.8 bn,
    7.79 Mt of gas against 28.6 Mt of oil and gas."""
    try:
        u, v = float(x.replace(",", "")), float(y.replace(",", ""))
    except ValueError:
        return False
    lo, hi = min(u, v), max(u, v)
    return lo <= 0 or hi / lo > ratio


def number_conflict(
    a: PassageInfo, b: PassageInfo, common: frozenset[str] = frozenset(), event: object = None, beside: bool = False
) -> str | None:
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
    if _far_apart(found[1], found[2], NEIGHBOUR_RATIO if beside else MAX_COUNT_RATIO) or (beside and found[0] == "%"):
        return None
    # A name one passage has and the other lacks (الرياض / حائل) makes two accidents, not one.
    small, big = (a, b) if len(a.term_set) <= len(b.term_set) else (b, a)
    if any(i not in common and i not in big.entities for i in small.entities):
        return None
    # About a named thing: an uncommon name both share, an event; or, for a passage beside
    # one already linked (``beside``: the same report goes on there), a short passage naming
    # nothing the other lacks and that the other nearly contains (same_fact below).
    if not (event or _rare_shared(a, b, common) or (beside and not small.entities)):
        return None
    counts_a = sum(len(set(v)) for v in a.numbers.values())
    counts_b = sum(len(set(v)) for v in b.numbers.values())
    if not ev.same_fact(a.term_set, b.term_set, counts_a, counts_b, True):
        return None
    shared_n, _small, union = ev._sizes(a.term_set, b.term_set)
    if shared_n < 0.6 * union:  # not two tellings of one report
        if _TALLY & a.term_set or _TALLY & b.term_set:
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
    # A shared day dates one event; a shared month or year only the story's time: on five
    # articles about 2025, "2025" and "يناير 2025" linked commentary that told nothing alike.
    gran = {d[0]: d[1] for d in a.dates}
    day_dates = [g for g in same_dates if gran.get(g) == "day"]
    month_dates = [g for g in same_dates if gran.get(g) == "month"]
    bonus = (
        0.03 * min(rare, 3)
        + 0.15 * min(len(day_dates), 2)
        + 0.04 * min(len(month_dates) + len(near_dates), 2)
        + 0.12 * min(len(nums), 2)
    )
    if bonus and (rare or day_dates or nums):
        bonus += 0.05 * min(len(_EVENT_WORDS & a.term_set & b.term_set), 2)
    if not bonus:
        return 0.0, ents, []
    values = [_display_date(g) for g in same_dates] + [_display_date(g[:7]) for g in near_dates] + nums
    return bonus, ents, list(dict.fromkeys(values))


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


def _specific(a: PassageInfo, b: PassageInfo, common: frozenset[str], df_of: Callable[[str], int] | None, n: int) -> bool:
    """Whether what ``a`` and ``b`` share is more than everyday words and the corpus's topic."""
    if _rare_shared(a, b, common):
        return True
    topic = n * TOPIC_SHARE if n and df_of is not None else None
    got = 0.0
    for t in a.term_set & b.term_set:
        if t.isdigit() or (topic is not None and df_of(t) > topic):  # type: ignore[misc]
            continue
        # An entity's token keeps its article (الحرب, not حرب): weigh it as its stem.
        got += max(0.0, SPECIFIC_ZIPF - max(zipf(t), zipf(light_stem(t))))
    return got >= SPECIFIC_MIN


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    """The terms a name's own words make (عبد الفتاح السيسي: عبد، الفتاح، عبدالفتاح، السيسي…)."""
    out: set[str] = set()
    words = [fold(w) for w in name.split()]
    for w in words + [x + y for x, y in zip(words, words[1:])]:
        out.update((w, entity_form(w), light_stem(w)))
    return frozenset(out)


def _beyond_name(a: PassageInfo, b: PassageInfo, rare: Sequence[str], df_of: Callable[[str], int] | None, n: int) -> bool:
    """Whether ``a`` and ``b`` share a word that is neither of the name they share nor
    everyday Arabic nor the corpus's topic: what makes one name two tellings of one story."""
    own = frozenset().union(*(_name_words(a.entities[i]) for i in rare))
    topic = n * TOPIC_SHARE if n and df_of is not None else None
    for t in a.term_set & b.term_set:
        # The cheap tests first: this runs for every one-name candidate of 5,000 articles.
        if t in own or zipf(t) >= NAME_ZIPF or t.isdigit() or t[0] == CONCEPT_MARK:
            continue
        if zipf(light_stem(t)) >= NAME_ZIPF or (topic is not None and df_of(t) > topic):  # type: ignore[misc]
            continue
        return True
    return False


def _score_candidates(
    a: PassageInfo,
    cands: list[tuple[PassageInfo, float]],
    texts: dict[str, str],
    out: dict[str, list[Link]],
    common: frozenset[str] = frozenset(),
    cuts: tuple[float, float, float] | None = None,
    df_of: Callable[[str], int] | None = None,
    neighbours: Sequence[tuple[PassageInfo, float]] = (),
    n: int = 0,
) -> None:
    """``df_of(term)``: in how many passages of the corpus a term is (the reason names the
    rarest shared words first)."""
    keep_cut, strong_cut, same_cut = cuts or (MIN_KEEP, MIN_STRONG, MIN_SAME)
    scored = []
    text_a = texts[a.article][a.start : a.end]
    has_concepts = bool(a.concepts)
    for b, sim in cands:
        if sim < MIN_SIM or b.article == a.article:
            continue
        bonus, ents, values = _evidence(a, b, common)
        words = a.term_set & b.term_set
        para = paraphrased(a, b, words) if has_concepts else _NONE
        shared = len(words) + PARA_SHARED * len(para)
        if shared < (MIN_SHARED + 1 if bonus == 0 else MIN_SHARED):
            continue
        event = _event_phrase(a, b, common) if sim + bonus + 0.1 >= keep_cut else None
        # The same event named the same way (قمة الرياض) is strong evidence on its own.
        score = min(1.0, sim) + bonus + (0.1 if event else 0.0) + PARAPHRASE * min(len(para), PARAPHRASE_MAX)
        words_only = bonus == 0 and not event
        if score >= keep_cut * FOLLOW:
            # Strong: the same event or fact. Either the passages are about as alike as this
            # corpus's closest pairs, or they are close and share what words cannot fake: an
            # event named the same way, the same day, the same count.
            strong = (
                sim >= same_cut
                or (event is not None and sim >= strong_cut)
                or (_same_fact(a, b) and sim + bonus >= strong_cut and sim >= keep_cut * 0.6)
            )
            first = score >= (keep_cut * WORDS_ONLY if words_only else keep_cut)
            if first and not values and not event and not _specific(a, b, common, df_of, n):
                # Everyday words only: never the link a passage is offered first; it may
                # still ride on one that is (lowering its score as well lost pairs).
                first = False
            # The uncommon names the two share, where nothing but words and names links them.
            rare = [i for i in a.entities if i in b.entities and i not in common] if not values and not event else []
            if n >= NAME_CORPUS and len(rare) == 1:
                # Neither first nor a rider: beside a passage's first link, one name and
                # everyday words were as often another story (مانشستر يونايتد).
                # Unless the two disagree on a count of it (أريحا: 31 dead against 27): the
                # same story told twice, which the reader must see.
                if not _beyond_name(a, b, rare, df_of, n) and number_conflict(a, b, common) is None:
                    continue
            if not first and len(rare) == 1 and shared < RIDER_SHARE * min(len(a.term_set), len(b.term_set)):
                continue
            scored.append((score, sim, b, ents, values, event, "strong" if strong else "related", first))
    # Next to a candidate, a passage that contradicts a count is shown whatever its rank.
    extra = []
    for b, sim in neighbours:
        if b.article != a.article and sim >= keep_cut * NEIGHBOUR_SIM:
            conflict = number_conflict(a, b, common, beside=True)
            if conflict is not None:
                extra.append((b, sim, conflict))
    for b, sim, conflict in extra:
        reason = _reason(a, b, text_a, None, *_evidence(a, b, common)[1:], None, common, df_of)
        out.setdefault(a.article, []).append(Link(a.start, a.end, b.article, b.start, b.end, round(min(1.0, sim), 3), reason, conflict, "strong"))
    if not any(x[7] for x in scored):
        return
    # Equal scores in a fixed order (article, offset): links do not depend on corpus order.
    scored.sort(key=lambda x: (-x[0], x[2].article, x[2].start))
    kept = 0
    surf: dict[str, str] = {}  # a's words by term, made once for all its reasons
    # The best must qualify on its own; the others ride on it (FOLLOW).
    best = next(i for i, x in enumerate(scored) if x[7])
    scored = scored[best:]

    for rank, (score, _sim, b, ents, values, event, strength, _first) in enumerate(scored):
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
        reason = _reason(a, b, text_a, event, ents, values, surf, common, df_of, texts[b.article], n)
        out.setdefault(a.article, []).append(
            Link(a.start, a.end, b.article, b.start, b.end, round(score, 3), reason, conflict, strength)
        )


def _reason(
    a: PassageInfo,
    b: PassageInfo,
    text_a: str,
    event: str | tuple[str, str] | None,
    ents: list[str],
    values: list[str],
    surf: dict[str, str] | None = None,
    common: frozenset[str] = frozenset(),
    df_of: Callable[[str], int] | None = None,
    article_b: str = "",
    n: int = 0,
) -> str:
    parts = []
    if isinstance(event, tuple):
        event = _phrase_surface(event, text_a)
    if event:
        parts.append(f"الحدث نفسه: {event}")
    # The event is said once: "الحدث نفسه: قمة الرياض", not again among the shared names.
    shared = [x for x in ents if x != event]
    if not any(i not in common for i in a.entities.keys() & b.entities.keys()):
        # No name but those every passage has (ترامب، بوتين): the rarest shared words tell
        # the reader why ("استعداده، للقاء" before the two presidents).
        if not surf:
            got = _surface_terms(text_a)
            if surf is None:
                surf = got
            else:
                surf.update(got)
        bset = set(b.terms)
        terms = [
            t
            for t in dict.fromkeys(a.terms)
            if t in bset and t[0] != "@" and t[0] != CONCEPT_MARK and not t.isdigit() and t not in _MONTH_STEMS and t not in ev.ATTRIBUTION_WORDS
        ]
        if df_of is not None:
            terms.sort(key=df_of)  # stable: equally rare words keep the passage's order
        # A word of a name already listed (الحرب of الحرب الروسية الأوكرانية) says nothing more.
        # So is a name's own word written with a conjunction (وفلاديمير of فلاديمير بوتين).
        in_names = {entity_form(fold(x)) for name in shared for x in name.split()}
        words = [w for w in (surf.get(t, t) for t in terms if t not in in_names) if not any(w in name.split() for name in shared)]
        # What the two say in different words comes first, as each wrote it: الحظر ≈ الحصار.
        said = _paraphrases(a, b, surf, article_b, df_of, n) if article_b else []
        words = said + [w for w in words if not any(w == x.split(" ≈ ")[0] for x in said)]
        shared = words[: 3 if shared else 4] + shared
    shared = list(dict.fromkeys(shared + values))[:6]
    if shared:
        parts.append("مشترك: " + "، ".join(shared))
    return "؛ ".join(parts) if parts else "تشابه في النص"


# -- keeping an index in the cache --------------------------------------------------------
