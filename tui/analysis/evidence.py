"""What a link may be explained by, and what two passages may disagree on.

Kept apart from the retrieval and ranking in ``links.py``: which parts of a passage are the
site's own chrome or the paper crediting itself (never evidence), which word pairs name an
event (``قمة الرياض`` yes, ``الجلسة رفع`` no), how numbers are read (``9ر10`` is 10.9), which
months a passage names without a day, and when two passages tell the same fact closely enough
for a different count or month to be a contradiction rather than another day's news.
"""

from __future__ import annotations

import re
from typing import Iterable

from tui.analysis import stem as _stem
from tui.analysis.stem import STOPWORDS, TOKEN_RE, fold, index_terms, light_stem
from tui.corpus.boilerplate import BYLINE, CONTACT, CREDIT_TAIL, DATELINE, MASTHEADS_AMBIGUOUS, MASTHEADS_SAFE
from tui.text.calendar_names import PRESS_MONTHS as _MONTHS

# Characters fold() deletes (harakat, tatweel, format marks): where the folded text gets shorter.
_DROPPED = re.compile("[" + "".join(re.escape(chr(c)) for c, v in getattr(_stem, "_FOLD", {}).items() if v is None) + "]")


def fold_map(text: str) -> tuple[str, list[int] | None]:
    """(fold(text), folded index -> index in text, or None when folding kept every offset)."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    drop = {m.start() for m in _DROPPED.finditer(text)}
    where = [i for i in range(len(text)) if i not in drop]
    if len(where) != len(folded):  # a character folding to two (rare): the slow, sure way
        where = []
        for i, ch in enumerate(text):
            where.extend([i] * len(fold(ch)))
    where.append(len(text))
    return folded, where

# -- boilerplate and credits inside a passage ------------------------------------------------

# Media named as the source of a statement: an outlet (صحيفة/جريدة/وكالة/موقع/إذاعة … X), a
# news agency, or a quoted masthead («الشرق الأوسط», «عكاظ»). The paper quoting itself and two
# stories both "citing Reuters" say where the news came from, not what it is about.
_MEDIA_HEADS = frozenset(fold(w) for w in "صحيفة جريدة وكالة موقع إذاعة اذاعة تلفزيون التلفزيون مجلة".split())
_AGENCIES = frozenset(
    fold(w)
    for w in (
        "رويترز", "فرانس برس", "وكالة الصحافة الفرنسية", "أسوشيتد برس", "اسوشيتد برس", "واس", "الأناضول",
        "بي بي سي", "هيئة الإذاعة البريطانية", "سي إن إن", "د ب أ", "أ ف ب", "سبق", "عكاظ", "الوئام", "عين اليوم",
        # Where a statement was posted says nothing about what it says.
        "تويتر", "فيسبوك", "فيس بوك", "يوتيوب", "إنستغرام", "انستغرام", "انستقرام", "سناب شات", "واتساب",
    )
)
_MASTHEAD_WORDS = frozenset(fold(w) for w in (MASTHEADS_SAFE + "|" + MASTHEADS_AMBIGUOUS).split("|"))


# Words that say who reported, not what: never the words a reason shows ("مشترك: الصحيفة").
ATTRIBUTION_WORDS = frozenset(
    light_stem(fold(w))
    for w in "صحيفة الصحيفة جريدة الجريدة وكالة الوكالة تقارير تقرير صحفية صحافية مصادر مصدر موقع بيان".split()
)


def credit_spans(body: str) -> list[tuple[int, int]]:
    """Spans of ``body`` that are the site's chrome or the paper crediting itself: credit
    tails, contact lines, datelines/bylines (the place of a dateline is kept)."""
    out: list[tuple[int, int]] = []
    for rx in (CREDIT_TAIL, CONTACT, BYLINE, DATELINE):
        out.extend((m.start(), m.end()) for m in rx.finditer(body))
    return _merge(out)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


_QUOTED_BEFORE = re.compile(r"(?:«|\"|“|\(|\{)\s*$")
# Not a bare ل: "للرياض" is a trip to the city; "لـ«الرياض»" and "جريدة الرياض" are the paper.
_OUTLET_BEFORE = re.compile(r"(?:(?:صحيفة|جريدة|مجلة|موقع|وكالة)\s*[«\"“]?|لـ\s*[«\"“]?)\s*$")


def is_media_credit(body: str, start: int, end: int, name: str) -> bool:
    """Is the mention at [start, end) of ``body`` (named ``name``) a news outlet or agency?"""
    n = fold(name)
    words = n.split()
    if not words:
        return False
    if n in _AGENCIES or words[0] in _MEDIA_HEADS:
        return True
    surface = fold(body[start:end])
    if n in _MASTHEAD_WORDS or surface in _MASTHEAD_WORDS:
        before = body[max(0, start - 8) : start]
        return bool(_QUOTED_BEFORE.search(before) or _OUTLET_BEFORE.search(before))
    return False


def blank(body: str, spans: Iterable[tuple[int, int]]) -> str:
    """``body`` with ``spans`` turned into spaces (offsets kept)."""
    spans = list(spans)
    if not spans:
        return body
    chars = list(body)
    for s, e in spans:
        for i in range(max(0, s), min(len(chars), e)):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# -- event phrases ---------------------------------------------------------------------------

# Nouns naming an event, in the forms the press writes them: singulars and the plurals that keep
# the meaning (not قرار: "قرار المجموعة", "صنع القرار البلدي" are decisions, not events; not اتصال:
# "تقنية المعلومات والاتصال الحديثة" is far commoner than a call). Derived adjectives (الاجتماعية
# "social", الاتصالات "telecoms") are not listed, so
# "الاجتماعية الدكتور" or "الاتصالات بنسبة" never pass for an event.
_EVENT_NOUNS = frozenset(
    fold(w)
    for w in (
        "قمة قمم اجتماع اجتماعات لقاء لقاءات مكالمة مكالمات محادثات مفاوضات زيارة زيارات مؤتمر "
        "اتفاق اتفاقات اتفاقية هجوم هجمات انفجار تفجير تفجيرات انتخابات تصويت استفتاء جلسة "
        "مباحثات هدنة صفقة معاهدة مناورات حادث حادثة زلزال مهرجان بطولة مباراة حريق كارثة"
    ).split()
)
# Complements that do not tell one event from another: "المؤتمر الصحفي", "الاجتماع الأول",
# "الجلسة الماضية", "زيارة الرسمية".
_GENERIC_COMPLEMENTS = frozenset(
    fold(w)
    for w in (
        "الصحفي الصحافي الصحفية الصحافية الإعلامي الاعلامي الأول الاول الأولى الاولى الثاني الثانية الأخير الاخير "
        "الأخيرة الاخيرة الماضي الماضية المقبل المقبلة القادم القادمة الحالي الحالية الجاري الجارية الرسمية الرسمي "
        "الدوري الدورية الأسبوعي الاسبوعي الأسبوعية الاسبوعية السنوي السنوية العادية العادي الاستثنائية الطارئة "
        "الأسبوع الاسبوع الشهر العام اليوم الأمس الذي التي الذين المذكور المذكورة نفسه نفسها الكبير الكبيرة "
        "السابق السابقة الأسبق الاسبق المنعقد المنعقدة المقرر المقررة "
        # A verbal noun opening the next clause: "جرى خلال الاجتماع التأكيد على…".
        "التأكيد التاكيد البحث التطرق مناقشة استعراض التشاور التباحث "
        # Places too vague to tell one visit from another: "فرق عمل لزيارة المدينة ميدانيا".
        "المدينة المنطقة البلاد المملكة الدولة الموقع المكان المحافظة المواقع "
        "الميدانية الميداني الأليم الاليم المروع المؤسف "
        # A title is not a name: "للقاء الرئيس" could be any president's meeting.
        "الرئيس الوزير الملك الأمير الامير الشيخ السفير المسؤول المسؤولين الوفد الجانبين الطرفين "
        "الهاتفي الهاتفية الثنائي الثنائية المشترك المشتركة المرتقب المرتقبة الأخرى الاخرى"
    ).split()
)
# Longest first: وبال before و.
_ORG_HEADS = frozenset(fold(w) for w in "حزب منظمة هيئة جمعية شركة لجنة مجلس اتحاد مركز".split())
_NOUN_PREFIXES = ("وبال", "وكال", "وفال", "ولل", "فلل", "وال", "بال", "كال", "فال", "لل", "ال", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_NOUNS: dict[str, str | None] = {}


def _noun(word: str) -> str | None:
    """The event noun ``word`` is (folded, without clitics and article), else None."""
    got = _NOUNS.get(word, 0)
    if got == 0:
        w = fold(word)
        got = w if w in _EVENT_NOUNS else next((w[len(p) :] for p in _NOUN_PREFIXES if w.startswith(p) and w[len(p) :] in _EVENT_NOUNS), None)
        if len(_NOUNS) < 500_000:
            _NOUNS[word] = got
    return got  # type: ignore[return-value]


_PROCLITIC_AL = re.compile(r"^(?:[وف]?(?:[بك]?(?=ال)|ل(?=ل)))")


def bare(word: str) -> str:
    """A word as a name is shown, without a leading و/ف/ب/ك/ل before its article:
    والاتفاق → الاتفاق, للانتخابات → الانتخابات, بالانتخابات → الانتخابات."""
    m = _PROCLITIC_AL.match(word)
    if not m or not m.end():
        return word
    rest = word[m.end() :]
    return "ا" + rest if rest.startswith("ل") and not rest.startswith("ال") else rest


_EVENT_RX = re.compile(
    r"(?<![\u0621-\u064A0-9A-Za-z])(?:" + "|".join(_NOUN_PREFIXES) + r")?(?:"
    + "|".join(sorted(_EVENT_NOUNS, key=len, reverse=True)) + r")(?![\u0621-\u064A])"
)
_PREV_WORD = re.compile(r"([\u0621-\u064A]+)[^\u0621-\u064A]*$")


def event_phrases(body: str, entity_starts: Iterable[int] = (), folded: tuple[str, list[int] | None] | None = None) -> list[tuple[str, str]]:
    """(key, surface) of every event phrase in ``body``: an event noun followed at once by a
    specific complement — a definite word (قمة الرياض، الاتفاق النووي) or the start of a name
    (قمة كامب ديفيد) — never a stopword, a verb, an indefinite word or a generic adjective.
    ``folded``: ``fold_map(body)`` if the caller has it."""
    text, where = folded if folded is not None else fold_map(body)
    starts = set(entity_starts)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for m in _EVENT_RX.finditer(text):
        at = m.start() if where is None else where[m.start()]
        tok = TOKEN_RE.match(body, at)
        if tok is None:
            continue
        noun = _noun(tok.group())
        if noun is None:
            continue
        prev = _PREV_WORD.search(body, max(0, at - 24), at)
        if prev and fold(prev.group(1)) in _ORG_HEADS:
            continue  # حزب المؤتمر الشعبي العام is a party, not a conference
        nxt = TOKEN_RE.search(body, tok.end())
        if nxt is None:
            continue
        gap = body[tok.end() : nxt.start()]
        if gap.strip(" \u00a0«»\"“”"):
            continue  # a comma or full stop in between: not one phrase
        comp = fold(nxt.group())
        definite = comp.startswith("ال") and len(comp) > 4
        if not (definite or nxt.start() in starts) or comp in STOPWORDS or comp in _GENERIC_COMPLEMENTS:
            continue
        if comp.isdigit():
            continue
        key = f"{light_stem(noun)} {light_stem(comp)}"
        if key not in seen:
            seen.add(key)
            out.append((key, f"{bare(tok.group())} {nxt.group()}"))
    return out


# -- numbers ---------------------------------------------------------------------------------

# "9ر10" (the Arabic decimal separator as the press types it, fraction first: 10.9), "10٫9",
# "10,9" (a decimal comma), "1,059,593" and "1.059.593" (thousands), "44".
_NUM_UNIT = re.compile(r"(\d+ر\d+|\d+(?:[.,٫]\d+)*)\s*(%|[\u0621-\u064A]+)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3}){2,}")


_SCALES = frozenset(fold(w) for w in "ألف الف آلاف الاف مليون ملايين مليونا مليار مليارات مليارا تريليون".split())
# "3.\u200f1" (a right-to-left mark after the point): the reversed decimal of "9ر10" again.
REVERSED_POINT = re.compile(r"(?<=\d)\.(?=\u200f\d)")


def read_number(num: str, unit: str = "") -> str:
    """The value of a number as written, in one canonical spelling: "9ر10" -> "10.9"; a
    single point before three digits is a thousands separator unless a scale word follows
    ("6.526 فرصة" is 6526, "4.908 مليار" is 4.908 billion)."""
    if "ر" in num:
        frac, whole = num.split("ر", 1)
        return f"{int(whole)}.{frac}"
    if _THOUSANDS.fullmatch(num) or (re.fullmatch(r"\d{1,3}[.,]\d{3}", num) and unit not in _SCALES):
        return re.sub(r"[.,]", "", num)
    num = num.replace("٫", ".").replace(",", ".")
    if num.count(".") > 1:
        return num
    if "." in num:
        whole, frac = num.split(".")
        frac = frac.rstrip("0")
        return f"{int(whole)}.{frac}" if frac else str(int(whole))
    return str(int(num))


# Words of routine reports whose figures change every day: a forecast or a market close of
# another day is not a contradiction of this one.
_ROUTINE_WORDS = (
    "الرياح الموج الحرارة الطقس الأرصاد الامطار الأمطار الغبار الرطوبة الرؤية السحب "
    "المؤشر الأسهم الاسهم التداول التداولات البورصة برميل الخام نقطة نقاط الإغلاق الاغلاق "
    "الصرف العملات الذهب أوقية سهم الأسهم "
    # A running tally ("رفعوا رصيد السعودية إلى 23 ميدالية") grows from one day to the next.
    "رصيد"
).split()
# Stems, and the unstemmed forms words keep inside a name ("حركة الرياح السطحية").
_ROUTINE = frozenset(light_stem(fold(w)) for w in _ROUTINE_WORDS) | frozenset(fold(w) for w in _ROUTINE_WORDS)


def same_value(x: str, y: str) -> bool:
    """Equal, or one a rounding of the other (56.9 and 57 million, 715 and 715.1 thousand)."""
    if x == y:
        return True
    try:
        a, b = float(x), float(y)
    except ValueError:
        return False
    if a == b:
        return True
    if int(a) == int(b) and ("." not in x or "." not in y):
        return True  # 116 and 116.8 million: the same figure, cut short
    for coarse, fine in ((x, b), (y, a)):
        places = len(coarse.split(".")[1]) if "." in coarse else 0
        if round(fine, places) == float(coarse) and places < (len(str(fine).split(".")[1]) if "." in str(fine) else 0):
            return True
    return False


def routine(terms: Iterable[str]) -> bool:
    return len(_ROUTINE.intersection(terms)) >= 2


def overlap(a: frozenset[str], b: frozenset[str]) -> tuple[int, float]:
    """(shared words, share of the smaller passage's words that the other has); digits aside."""
    n, small, _ = _sizes(a, b)
    return n, (n / small if small else 0.0)


def _sizes(a: frozenset[str], b: frozenset[str]) -> tuple[int, int, int]:
    a = frozenset(t for t in a if not t.isdigit())
    b = frozenset(t for t in b if not t.isdigit())
    return len(a & b), min(len(a), len(b)), len(a | b)


def same_fact(a: frozenset[str], b: frozenset[str], counts_a: int, counts_b: int, named: bool) -> bool:
    """Do two passages (their term sets) tell one fact closely enough for a different count to
    be a contradiction? Two tellings of it (Jaccard ≥ 0.6: the same report), or a short one-count passage
    about a named thing (``named``) whose words nearly all recur in the other (اصطدمت بـ15
    سيارة … inside a longer report of the same crash)."""
    n, small, union = _sizes(a, b)
    if n < 5 or not union:
        return False
    if n / union >= 0.6:
        return True
    # Both with one count: a headline's total against a body passage listing its parts
    # ("44,793 فرصة" against "21,601 فرصة … 48%") is not a contradiction.
    return named and small <= 20 and n / small >= 0.6 and counts_a == counts_b == 1


_SCALE_STEMS = frozenset(light_stem(w) for w in _SCALES)


def unit_of(unit: str, after: str) -> str:
    """The unit a count is compared by: the word's stem without the accusative alef (مترًا,
    شخصا → متر, شخص); after a scale word, with the next word too ("مليون دولار" and
    "مليون جنيه" are different money)."""
    u = light_stem(unit)
    if u.endswith("ا") and len(u) > 3:
        u = u[:-1]
    if u in _SCALE_STEMS or unit in _SCALES:
        m = TOKEN_RE.match(after.lstrip())
        if m:
            nxt = light_stem(fold(m.group()))
            if nxt and not nxt.isdigit() and nxt not in STOPWORDS:
                return f"{u} {nxt}"
    return u


# -- months named without a day --------------------------------------------------------------

_FOLDED_MONTHS = {fold(k): v for k, v in _MONTHS.items()}
# "وفي مايو", "في مايو أيار", "منذ مارس", "خلال يونيو" — and no number right after (a year or a
# day would make it a date the date extractor already read).
_MONTH_ALT = "|".join(sorted(map(re.escape, _FOLDED_MONTHS), key=len, reverse=True))
# A number or "عام 1973" after the month (and after its other name, "مارس (آذار)") makes it a
# date: the date extractor's, or a year ago that this is not about.
_DATED_AFTER = r"\s*(?:[/(-]?\s*(?:" + _MONTH_ALT + r")\s*\)?)?\s*(?:[/(-]?\s*\d|(?:من\s+)?(?:عام|سنة|العام)\s*\d)"
_BARE_MONTH = re.compile(
    r"(?<![\u0621-\u064A])(?:و?(?:في|منذ|خلال|حتى|مطلع|أواخر|اواخر|أوائل|اوائل|نهاية|بداية|منتصف)\s+(?:شهر\s+)?)"
    r"(" + _MONTH_ALT + r")(?![\u0621-\u064A])(?!" + _DATED_AFTER + ")"
)
_CONTEXT = 8
_MONTH_HINT = re.compile(_MONTH_ALT)


def bare_months(body: str, date_spans: list[tuple[int, int]], folded_map: tuple[str, list[int] | None] | None = None) -> list[tuple[int, list[str]]]:
    """(month number, words around it) of months ``body`` names without a day or a year."""
    folded, where = folded_map if folded_map is not None else fold_map(body)
    if not _MONTH_HINT.search(folded):
        return []
    out = []
    for m in _BARE_MONTH.finditer(folded):
        s, e = m.start(1), m.end(1)
        if where is not None:
            s, e = where[s], where[e - 1] + 1
        if any(a < e and s < b for a, b in date_spans):
            continue
        ctx = index_terms(body[max(0, s - 80) : s])[-_CONTEXT:] + index_terms(body[e : e + 80])[:_CONTEXT]
        ctx = [t for t in ctx if t not in _FOLDED_MONTHS]
        out.append((_FOLDED_MONTHS[m.group(1)], ctx))
    return out
