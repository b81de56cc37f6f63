"""Date mentions in Arabic (and English) news text, with ISO values.

Forms recognised (offsets always index the original text):

* Arabic day dates: ``15 أغسطس 2025``, ``يوم الجمعة 15 أغسطس 2025``, ``الجمعة 05 ديسمبر 2025``,
  ``12 شباط/فبراير 2025``, ``12 شباط (فبراير) 2025``, year-less ``17 فبراير``. Month names come
  from CLDR (babel) for Egyptian/Gulf, Levantine and Maghrebi locales; see ``tui.text.calendar_names``.
  A weekday (with or without ``يوم``) is part of the span and is checked against the date.
* Hijri dates: ``14 جمادى الثانية 1447``, ``رمضان 1446 هـ``, ``1447/06/14هـ``, ``عام 1447 هـ``,
  converted with hijridate (Umm al-Qura, 1343–1500 AH; outside that range the Hijri value is kept
  and ``gregorian`` is None).
* English: ``June 28, 2025``, ``28 June 2025``, ``Jun. 28``, ``June 2025``.
* Numeric: ``2025/02/12`` (year first), ``12/2/2025`` and ``12-02-2025`` (day first, as Arabic
  text writes them; a month above 12 makes the date impossible and it is dropped, never swapped).
* Month-year ``فبراير 2025`` and, for reversed PDF lines, ``2025 يناير``.
* Years only behind a cue: ``عام 2025``, ``العام 2025``, ``سنة 2024``, ``لعام 2025``,
  ``بين عامي 2017 و2021``, ``2025م``, ``(2025)``, and ``في 2022`` / ``منذ 2014`` … when no word
  follows the year (``في 2000 جندي`` is a quantity, not a year).

* Written in words (a second pass, see "Dates written in words" below): ordinal days
  ``العاشر من يوليو (تموز) الحالي``, ``الحادي والعشرين من الشهر الجاري``, ``الـ12 من أغسطس``
  (ordinal words from pyarabic); month names with a cue ``شهر سبتمبر المقبل``, ``منتصف مارس``,
  ``يوليو من هذا العام``; seasons ``صيف 2014``, ``الشتاء الماضي`` (ISO 8601-2 values ``2014-22``).
* Relative dates, counted from ``article_date`` (``relative`` says the unit): ``اليوم``,
  ``أمس``/``أمس الأول``/``أول من أمس``, ``غدا``/``الغد``/``بعد غد``, ``قبل يومين``, with a time of
  day before (``صباح أمس``) and a weekday after (``أمس الجمعة``, ``اليوم (الاثنين)``) that is checked
  — a weekday that disagrees is noted, never fixed; ``الجمعة الماضية``/``يوم الخميس المقبل``, bare
  ``يوم الخميس``/``مساء الخميس`` (the latest such day, the next one after a future cue);
  ``الأسبوع الماضي/المقبل`` (ISO week ``2015-W32``), ``الشهر الماضي``, ``العام الجاري/الماضي``,
  ``هذا العام``. Without an article date they have no value: ``extract_dates(…, unresolved=True)``
  lists them with ``value`` None, and nothing is ever counted from today.

Not dates: durations and quantities (``90 دقيقة``, ``30 يومًا``, ``منذ 5 أيام``), percentages
(``500%``, ``%50``), grouped numbers (``1,000``), and اليوم as a noun or a name (``اليوم الوطني``,
``اليوم التالي``, ``«اليوم»``, ``عين اليوم``, ``أما اليوم`` = nowadays), العام as "general"
(``الأمين العام السابق``), a bare month name (``مارس`` is also a verb).

* Day ranges sharing a month: ``22 إلى 30 أغسطس``, ``3 و15 مايو 2024`` give both days.

Years followed by ``قبل الميلاد``/``ق.م`` are skipped (no BCE in ISO values here).

Year-less dates take the year of the closest preceding date with an explicit year in the same
article (note "year from nearby date"), else the year of ``article_date`` (note "year from article
date"); ``… الماضي``/``المقبل``/``الجاري`` are counted from ``article_date`` when it has a day.
Without any year they are dropped, since ``value`` must be ISO.

Hijri month- and year-level mentions carry as ``gregorian`` the Gregorian ISO day of the first
day of that month/year (the note says so).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from functools import lru_cache
from typing import NamedTuple

from tui.analysis.model import DateMention
from tui.text import calendar_names as names
from tui.text.normalize import LETTER_FOLDS

__all__ = ["extract_dates", "article_date_from_header", "sortable", "VERSION"]

# Part of the analysis cache key: bump whenever the rules change what is extracted.
VERSION = "3"

HIJRI_MIN_YEAR = 1343
HIJRI_MAX_YEAR = 1500
# Characters kept around each digit run: the longest text before a digit is a weekday prefix
# ("Wednesday, September 3", "يوم الأربعاء الموافق 5"), after one a month ("2025 كانون الثاني").
_BEFORE = 32
_AFTER = 24
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]")
_SPACE = re.compile(r"\s")


def _alternation(words) -> str:
    """A regex matching any of ``words`` (a space in a word matches a run of spaces), longest
    first, written as a trie: a plain alternation of a hundred month names makes the matcher
    try each name at every word start, the trie only the few that share its first letter."""
    trie: dict[str, dict] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        # Longer words first (greedy), as a longest-first alternation would try them.
        branches = [(" +" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"

    return emit(trie)


@lru_cache(maxsize=1)
def _month_lookup() -> dict[str, tuple[str, int]]:
    table = {name: ("hijri", m) for name, m in names.hijri_months().items()}
    table.update({name: ("gregorian", m) for name, m in names.gregorian_months().items()})
    return table


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The one big matcher, plus a month-only matcher used to read dual month expressions."""
    ma = f"(?:{_alternation(_month_lookup())})(?!\\w)"
    # Dual names: "شباط/فبراير", "شباط (فبراير)" and, in wire copy, "يوليو تموز".
    max_ = f"{ma}(?: *[/\\\\] *{ma}| *\\( *{ma} *\\)| +{ma})?"
    en = f"(?i:{_alternation(names.english_months())})"
    ewd = f"(?i:{_alternation(names.english_weekdays())})"
    wd = f"(?:{_alternation(names.arabic_weekdays())})(?!\\w)"
    # A number may carry a one-letter proclitic (و2021، ب2025) but not sit inside a longer
    # number (1,000 / 3.2025) or after a percent sign (%50).
    b = r"(?:(?<=(?<!\w)[وفبل])|(?<!\w))(?<!\d[.,:/-])(?<!%)"
    endn = r"(?!\d)(?![.,]\d)(?! ?%)"
    # What the form's first character must be, tested before the lookbehinds of ``b``: most
    # word starts in a window are neither a digit nor a month's first letter.
    d = r"(?=\d)"
    m1 = "(?=[" + re.escape("".join(sorted({name[0] for name in _month_lookup()}))) + "])"
    year = r"[12]\d{3}"
    day = r"[0-3]?\d"
    # "12 من أغسطس"، "12 من شهر أغسطس"; "ديسمبر (كانون الأول) عام 2014"، "18 يناير من عام 2014".
    of = r"(?:من +(?:شهر +)?)?"
    yw = r"(?:(?:من +)?(?:عام|العام|سنه) +)?"

    def pfx(tag: str) -> str:
        return (
            f"(?:(?<!\\w)(?P<{tag}_p>(?:يوم +)?(?P<{tag}_wd>{wd})(?: *[،,])?(?: +الموافق)? +|يوم +))?"
        )

    def suf(tag: str) -> str:
        return f"(?: *(?P<{tag}_s>ه\u0640*|م)(?!\\w))?"

    alternatives = [
        # Q: Arabic day range sharing a month (22 إلى 30 أغسطس 2025، 3 و15 مايو)
        f"{d}{b}(?P<q_d1>{day}){endn} *(?:-|–|الي|حتي|وحتي|والي|و) *(?P<q_d2>{day}){endn} *{of}(?P<q_m>{max_})"
        f"(?:(?: *[،,])? *{yw}(?P<q_y>{year}){endn}{suf('q')})?",
        # A: Arabic day month [year]
        f"{pfx('a')}(?:(?<!\\w)[وفبل]?ال\u0640* *|{d}{b})(?P<a_d>{day}){endn} *{of}(?P<a_m>{max_})"
        f"(?:(?: *[،,])? *{yw}(?P<a_y>{year}){endn}{suf('a')})?",
        # B: numeric, year first or day first, one separator kind
        # One separator kind; spaces around a slash or dash may differ ("24 /10 / 1436هـ").
        f"{pfx('b')}{d}{b}(?:(?P<b_y>{year})(?:(?P<b_sl> ?/ ?)|(?P<b_da> ?- ?)|\\.)(?P<b_m>[01]?\\d)"
        f"(?(b_sl) ?/ ?|(?(b_da) ?- ?|\\.))(?P<b_d>{day})"
        f"|(?P<c_d>{day})(?:(?P<c_sl> ?/ ?)|(?P<c_da> ?- ?)|\\.)(?P<c_m>[01]?\\d)"
        f"(?(c_sl) ?/ ?|(?(c_da) ?- ?|\\.))(?P<c_y>{year})){endn}{suf('b')}",
        # C: English month day [year]
        f"(?:(?<!\\w)(?P<e_wd>{ewd})\\.?,? +)?(?<!\\w)(?P<e_m>{en})\\.?(?!\\w) +(?P<e_d>{day})"
        f"(?:st|nd|rd|th)?(?!\\w)(?:,? +(?P<e_y>{year}){endn})?",
        # F: English month year
        f"(?<!\\w)(?P<f_m>{en})\\.?(?!\\w),? +(?P<f_y>{year}){endn}",
        # D: English day month [year]
        f"{d}{b}(?P<g_d>{day})(?:st|nd|rd|th)? +(?:of +)?(?P<g_m>{en})\\.?(?!\\w)"
        f"(?:,? +(?P<g_y>{year}){endn})?",
        # E: Arabic month year
        f"{m1}{b}(?P<h_m>{max_})(?: *[،,])? *{yw}(?P<h_y>{year}){endn}{suf('h')}",
        # H: strong year cue (عام، العام، لعام، سنة، عامي … و…; السنة المالية 2015، العام الدراسي 1436)
        f"(?<!\\w)(?P<k_c>[وف]?[بلك]?(?:ال|ل)?(?:عامي|سنتي|عام|سنه))(?!\\w)"
        f"(?: +(?:المالي|الماليه|الدراسي|الدراسيه|الميلادي|الميلاديه|الهجري|الهجريه))? +(?P<k_y>{year}){endn}"
        f"{suf('k')}(?: *(?:و|-|–|الي|حتي) *(?P<k_y2>{year}){endn})?",
        # I: year with a calendar suffix (2025م، 1447هـ)
        f"{d}{b}(?P<s_y>{year}) *(?P<s_s>ه\u0640*|م)(?!\\w)",
        # I3: a historical Hijri year, three digits with the suffix (مصحف مخطوط في عام 857هـ)
        f"{d}{b}(?P<t_y>[1-9]\\d{{2}}) *ه\u0640*(?!\\w)",
        # J: weak cue; the year must not be followed by a word (في 2000 جندي)
        f"(?<!\\w)[و]?(?:في|منذ|حتي|بحلول|قبل|بعد|خلال|مطلع|اواخر|اوائل|نهايه|بدايه|منتصف)"
        f" +(?P<w_y>{year}){endn}(?![/.-]\\d)(?= *(?:[^\\w ]|$))",
        # K: parenthesised year
        r"\( *(?P<p_y>(?:19|20)\d\d) *\)",
        # G: reversed month-year from right-to-left PDF lines (2025 يناير)
        f"{d}{b}(?P<r_y>{year}){endn} +(?P<r_m>{ma})",
    ]
    # Every form starts at a word start (or after a one-letter proclitic); testing that first
    # lets the scanner skip the inside of words cheaply.
    guard = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))"
    big = re.compile(guard + "(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")")
    return big, re.compile(ma)


# --------------------------------------------------------------------------------------------


class _Found:
    """A date before year inference; mutable while the article is being resolved."""

    __slots__ = ("start", "end", "calendar", "y", "m", "d", "gran", "weekday", "notes", "inferred", "relative",
                 "rkind", "roff", "rwd", "core_end", "special", "word", "check_y", "unresolved")

    def __init__(self, start, end, calendar, y, m, d, gran, weekday=None, notes=None):
        self.start, self.end = start, end
        self.calendar = calendar
        self.y, self.m, self.d = y, m, d
        self.gran = gran
        self.weekday = weekday  # (written name, python weekday) or None
        self.notes: list[str] = list(notes or [])
        self.inferred = False
        self.relative = 0  # -1 "… الماضي" (last), +1 "… المقبل" (next), 2 "… الجاري" (current)
        # Counted from the article's date (see _resolve_relative): "" for a written date, else
        # "day" (أمس), "weekday" (الجمعة الماضية), "week", "month", "year", "season"; roff is the
        # offset in that unit, rwd the weekday looked for (and roff its direction).
        self.rkind = ""
        self.roff = 0
        self.rwd: int | None = None
        self.core_end = end  # end without a trailing weekday ("أمس" of "أمس الجمعة")
        self.special: str | None = None  # week/season value, set when resolved
        self.word = False  # found by the word pass (no digits needed)
        self.check_y: int | None = None  # "العام الماضي 2014": the written year, checked when resolved
        self.unresolved = False  # relative, and the article has no date to count from


def _read_months(expr: str) -> list[tuple[str, int]]:
    _, month_only = _patterns()
    lookup = _month_lookup()
    return [lookup[" ".join(m.group(0).split())] for m in month_only.finditer(expr)]


def _weekday(match: re.Match[str], tag: str, source: str, offset: int, english: bool = False):
    written = match.group(f"{tag}_wd")
    if not written:
        return None
    s, e = match.span(f"{tag}_wd")
    table = names.english_weekdays() if english else names.arabic_weekdays()
    key = written.lower().rstrip(".") if english else written
    return source[s + offset : e + offset], table[key]


def _calendar_from_suffix(suffix: str | None, default: str, year: int | None = None) -> str:
    if suffix and suffix.startswith("ه"):
        # "10/6/2015هـ" is a slip of the pen: no Hijri year is that large yet.
        return "hijri" if year is None or year < 1600 else "gregorian"
    if suffix == "م":
        return "gregorian"
    return default


def _from_match(mt: re.Match[str], source: str, offset: int) -> list[_Found]:
    g = mt.group
    start, end = mt.start() + offset, mt.end() + offset
    if g("a_d"):
        months = _read_months(g("a_m"))
        calendar, month = months[0]
        notes = ["month names disagree"] if len({m for m in months}) > 1 else []
        y = int(g("a_y")) if g("a_y") else None
        if y is not None:
            if calendar == "hijri" and y >= 1600:
                return []  # "1 رمضان 2025": Hijri month with a Gregorian year, no single date
        elif calendar == "hijri" and _norm_month(g("a_m")) in names.AMBIGUOUS_HIJRI:
            return []
        if y is None and calendar == "gregorian" and month == 9 and g("a_d") == "11" and _SEPT11.search(mt.string, 0, mt.start()):
            y = 2001  # "أحداث 11 سبتمبر" names the 2001 attacks, whatever the article's year
            notes.append("the 11 September 2001 attacks")
        return [_Found(start, end, calendar, y, month, int(g("a_d")), "day", _weekday(mt, "a", source, offset), notes)]
    if g("q_d1"):
        d1, d2 = int(g("q_d1")), int(g("q_d2"))
        months = _read_months(g("q_m"))
        calendar, month = months[0]
        y = int(g("q_y")) if g("q_y") else None
        if calendar == "hijri" and (
            (y or 0) >= 1600 or (y is None and _norm_month(g("q_m")) in names.AMBIGUOUS_HIJRI)
        ):
            return []
        second = _Found(mt.start("q_d2") + offset, end, calendar, y, month, d2, "day")
        if d1 >= d2:  # not a range ("30 - 2 مايو"): only the day next to the month is sure
            return [second]
        first = _Found(start, mt.end("q_d1") + offset, calendar, y, month, d1, "day", None, ["first day of a range"])
        return [first, second]
    if g("b_y") or g("c_y"):
        if g("b_y"):
            y, m, d = int(g("b_y")), int(g("b_m")), int(g("b_d"))
        else:
            y, m, d = int(g("c_y")), int(g("c_m")), int(g("c_d"))
        # Saudi and Gulf papers write Hijri dates numerically, often without هـ; no numeric
        # Gregorian date in the news has a year in 1300-1599.
        notes = []
        calendar = _calendar_from_suffix(g("b_s"), "hijri" if y < 1600 else "gregorian", y)
        if calendar == "hijri" and not g("b_s"):
            notes.append("hijri (year in the hijri range, no suffix)")
        return [_Found(start, end, calendar, y, m, d, "day", _weekday(mt, "b", source, offset), notes)]
    if g("e_m"):
        month = names.english_months()[g("e_m").lower()]
        y = int(g("e_y")) if g("e_y") else None
        return [_Found(start, end, "gregorian", y, month, int(g("e_d")), "day", _weekday(mt, "e", source, offset, True))]
    if g("f_m"):
        return [_Found(start, end, "gregorian", int(g("f_y")), names.english_months()[g("f_m").lower()], None, "month")]
    if g("g_m"):
        month = names.english_months()[g("g_m").lower()]
        y = int(g("g_y")) if g("g_y") else None
        return [_Found(start, end, "gregorian", y, month, int(g("g_d")), "day")]
    if g("h_m"):
        months = _read_months(g("h_m"))
        calendar, month = months[0]
        if len({m for m in months}) > 1:
            # "مايو يونيو 2015" is a list, not one month under two names: keep the month
            # that owns the year.
            _, month_only = _patterns()
            last = list(month_only.finditer(mt.string, mt.start("h_m"), mt.end("h_m")))[-1]
            start = last.start() + offset
            calendar, month = months[-1]
        y = int(g("h_y"))
        if calendar == "hijri" and y >= 1600:
            return []  # "رمضان 2025" names a Hijri month by its Gregorian year
        return [_Found(start, end, calendar, y, month, None, "month")]
    if g("k_y"):
        found = []
        y_end = (mt.end("k_s") if g("k_s") else mt.end("k_y")) + offset
        calendar = _calendar_from_suffix(g("k_s"), "gregorian", int(g("k_y")))
        found.append(_Found(start, y_end, calendar, int(g("k_y")), None, None, "year"))
        if g("k_y2"):
            s2, e2 = mt.span("k_y2")
            found.append(_Found(s2 + offset, e2 + offset, calendar, int(g("k_y2")), None, None, "year"))
        return found
    if g("s_y"):
        calendar = _calendar_from_suffix(g("s_s"), "gregorian", int(g("s_y")))
        return [_Found(start, end, calendar, int(g("s_y")), None, None, "year")]
    if g("t_y"):
        return [_Found(start, end, "hijri", int(g("t_y")), None, None, "year")]
    if g("w_y"):
        s, e = mt.span("w_y")
        return [_Found(s + offset, e + offset, "gregorian", int(g("w_y")), None, None, "year")]
    if g("p_y"):
        return [_Found(start, end, "gregorian", int(g("p_y")), None, None, "year")]
    if g("r_y"):
        calendar, month = _read_months(g("r_m"))[0]
        y = int(g("r_y"))
        if calendar == "hijri" and y >= 1600:
            return []
        return [_Found(start, end, calendar, y, month, None, "month", None, ["year before month (reversed line?)"])]
    return []


def _norm_month(expr: str) -> str:
    return " ".join(expr.split())


def _windows(text: str):
    """Stretches of text around digit runs, cut at whitespace; every date holds a digit."""
    n = len(text)
    cur_s = cur_e = -1
    for m in _DIGIT.finditer(text):
        s = max(0, m.start() - _BEFORE)
        e = min(n, m.end() + _AFTER)
        if cur_e >= 0 and s <= cur_e:
            cur_e = max(cur_e, e)
            continue
        if cur_e >= 0:
            yield cur_s, cur_e
        cur_s, cur_e = s, e
    if cur_e >= 0:
        yield cur_s, cur_e


def _cut(text: str, s: int, e: int) -> tuple[int, int]:
    # Start after a whitespace so no word is cut in half; end at the next whitespace.
    if s > 0 and not text[s - 1].isspace():
        sp = _SPACE.search(text, s, e)
        s = sp.end() if sp else s
    if e < len(text) and not text[e].isspace():
        sp = _SPACE.search(text, e)
        e = sp.start() if sp else len(text)
    return s, e


_SEPT11 = re.compile(r"(?<!\w)(?:احداث|هجمات|اعتداءات|تفجيرات|هجوم|ذكري|ضحايا|منذ|بعد|قبل) +$")
_RELATIVE = re.compile(r" +(الماضي|المنصرم|المقبل|القادم|الجاري|الحالي)(?!\w)")
_RELATIVE_SIGN = {"الماضي": -1, "المنصرم": -1, "المقبل": 1, "القادم": 1, "الجاري": 2, "الحالي": 2}
_BC = re.compile(r" *(?:قبل الميلاد|ق *\. *م(?!\w))")


def _scan(text: str) -> list[_Found]:
    big, _ = _patterns()
    found: list[_Found] = []
    last_end = 0
    for ws, we in _windows(text):
        ws, we = _cut(text, max(ws, last_end), we)
        if ws >= we:
            continue
        chunk = names.normalise(text[ws:we])
        for mt in big.finditer(chunk):
            if _BC.match(chunk, mt.end()):
                continue  # "بين عامي 1320 و1318 قبل الميلاد": years before the common era
            new = _from_match(mt, text, ws)
            rel = _RELATIVE.match(chunk, mt.end())
            if rel:
                for f in new:
                    if f.y is None:
                        f.relative = _RELATIVE_SIGN[rel.group(1)]
            found.extend(new)
        last_end = we
    return found


# -- Dates written in words: relative days, ordinal days, seasons ------------------------------
#
# None of these holds a digit, so a second, cheap pass finds them: windows around anchor words
# (every form holds one), then one matcher on the folded window. Found with a literal-prefix
# regex ("ال…") and str.find for the rest, which keeps the pass near 0.2 s for 9 M characters.

# How far a date can reach before and after each kind of anchor (characters; cut at spaces).
_REACH = {"day": (24, 32), "tomorrow": (12, 28), "rel": (58, 12), "unit": (30, 34), "season_al": (30, 30),
          "wd": (44, 28), "ord": (12, 64), "edge": (8, 50), "season": (12, 30), "ago": (24, 12),
          "month": (50, 48)}
_ANCHOR_AL = re.compile(
    "ال(?:(?P<day>يوم|بارح|ليل[ةه]|غد)|(?P<rel>ماضي|مقبل|قادم|جاري|حالي|منصرم|سابق|فائت)"
    "|(?P<unit>عام|سن[ةه]|شهر|[أا]سبوع|صيف|شتاء|ربيع|خريف)"
    "|(?P<wd>سبت|[أا]حد|[اإ]ثنين|ثلاثاء|[أا]ربعاء|خميس|جمع[ةه])"
    "|(?P<ord>[أا]ول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|حادي|عشر|ثلاث))"
)
_ANCHOR_WORDS = {"أمس": "day", "امس": "day", "غد": "tomorrow", "منتصف": "edge", "مطلع": "edge", "أواخر": "edge",
                 "اواخر": "edge", "أوائل": "edge", "اوائل": "edge", "أواسط": "edge", "بداية": "edge",
                 "نهاية": "edge", "صيف": "season", "شتاء": "season", "ربيع": "season", "خريف": "season",
                 "يومين": "ago", "أيام": "ago", "ايام": "ago", "شهر": "month", "غرة": "month"}
# One pass for the anchors without ال (cheaper than a str.find per word).
_ANCHOR_LIT = re.compile(_alternation(_ANCHOR_WORDS))
_REL_HEADS = {"الاسبوع", "الشهر", "العام", "السنه", "عام", "الصيف", "الشتاء", "الربيع", "الخريف", "قبل",
              "الليله", "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "يوم"}
_TOD_WORDS = {"يوم", "صباح", "مساء", "ظهر", "ظهيره", "عصر", "فجر", "ضحي"}
_UNIT_WORDS = {"شهر", "الشهر", "العام", "السنه", "الاسبوع", "هذا", "هذه", "عام"}
_LETTER = re.compile(r"\w")


_REL_SIGN = {"الماضي": -1, "الماضيه": -1, "المنصرم": -1, "المنصرمه": -1, "الفائت": -1, "الفائته": -1,
             "السابق": -1, "السابقه": -1, "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1,
             "الجاري": 0, "الحالي": 0, "الحاليه": 0}
_EDGES = {"مطلع": "start", "بدايه": "start", "اوائل": "start", "مستهل": "start", "منتصف": "middle",
          "اواسط": "middle", "نهايه": "end", "اواخر": "end", "ختام": "end"}
_SEASONS = {"ربيع": 21, "صيف": 22, "خريف": 23, "شتاء": 24}  # ISO 8601-2 season codes
_SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}
_DAY_WORDS = {"اول من امس": -2, "اول امس": -2, "امس الاول": -2, "بعد غد": 2, "غد": 1, "امس": -1, "الامس": -1,
              "بالامس": -1, "البارحه": -1, "اليوم": 0, "الليله": 0, "الليله الماضيه": -1, "غدا": 1,
              "غدا\u064b": 1, "غد\u064bا": 1, "الغد": 1}
_TOD = "صباح|مساء|ظهر|ظهيره|عصر|فجر|ضحي|ليل|ليله|منتصف ليل|نهار"
# After "اليوم" these make it a noun ("the day"): اليوم الوطني، اليوم التالي، اليوم الأول …
_DAY_NOUN_NEXT = {"الوطني", "العالمي", "التالي", "السابق", "اللاحق", "الاخير", "الموعود", "المفتوح",
                  "الدراسي", "الكامل", "الواحد", "الذي", "التي", "نفسه", "ذاته", "عينه", "المشهود",
                  "الخليجي", "العربي", "الاسلامي", "القريب", "البعيد", "الاول", "الاولي", "الثاني",
                  "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
                  "الحادي", "الختامي", "الافتتاحي", "الاخر", "المحدد", "المقرر", "المفتوحه"}
# Before it: a name (عين اليوم، «اليوم»), "that day", or the contrastive "nowadays" (أما اليوم).
_DAY_NOUN_PREV = {"عين", "ذلك", "تلك", "نفس", "ذات", "ساعات", "صحيفه", "جريده", "مجله", "موقع", "قناه",
                  "اما", "لكن", "لكنه", "لكنها", "لكنهم", "لكننا", "ولكن", "ولكنه", "ولكنها", "منذ ذلك"}
_WEEKDAY_PREV = {"صلاه", "خطبه", "خطيب", "ايام", "كل", "سوق", "ليله", "مسجد", "جامع"}
# Wire-service style puts a bare weekday right after the subject: «أعلن الحرس المدني الاثنين أن…»,
# «قتل 20 شخصا الأحد في…». The weekday is a date when what follows opens the reported clause.
_NEWS_WEEKDAY_NEXT = re.compile(r"^ *(?:[،,.:؛]|$|(?:ب?ان|انه|انها|انهم|في|عن|علي|الي|بعد|مع|من|قبل|عندما|حيث)(?!\w))")
_WEEKDAY_AFTER = re.compile(f"^ *(?:الي|حتي|و|او) *(?:{'|'.join(names.arabic_weekdays())})(?!\\w)")
_FUTURE_CUE = re.compile(
    r"(?<!\w)[وف]?(?:سوف|المقرر|المنتظر|المتوقع|يعتزم|تعتزم|ينتظر|تنتظر|يرتقب|ستقام|سيقام|ستعقد|سيعقد|"
    r"ستنطلق|سينطلق|تنطلق|ينطلق|ستبدا|سيبدا|تبدا|يبدا|سيلتقي|يلتقي|تلتقي|يستضيف|تستضيف|سيكون|ستكون|"
    r"سيزور|ستزور|سيصل|ستصل|سينتقل|ستنتقل|سيتوجه|ستتوجه|سيعود|ستعود|سيجري|ستجري|سيشارك|ستشارك|سيحضر|"
    r"ستحضر|سيبحث|ستبحث|سيعلن|ستعلن|سيتم|ستتم|سيقوم|ستقوم|سيغادر|ستغادر|سيصوت|ستصوت)(?!\w)"
)
# Nouns that العام follows as "general" (الأمين العام السابق = the former secretary-general).
_GENERAL_HEADS = {
    "الامين", "الامينه", "المدير", "المديره", "المراقب", "النائب", "المدعي", "المفتش", "القائد", "المنسق",
    "المشرف", "الرئيس", "الوكيل", "المستشار", "المندوب", "الراي", "الشان", "القطاع", "الامن", "النظام",
    "العفو", "الصالح", "المال", "الذوق", "الاداب", "الطابع", "المؤتمر", "الوضع", "الاطار", "الهيكل",
    "الانطباع", "الاتجاه", "الشكل", "المعدل", "المجموع", "الترتيب", "التصنيف", "الاضراب", "النفع",
    "المجلس", "المستوي", "الاداء", "الموقف", "المناخ", "الجو", "التوجه", "الخط", "المسار", "الاتحاد",
    "المفوض", "الحاكم", "المرشد", "القنصل", "المحامي", "المحاسب", "الادعاء", "النقل", "القانون",
}
_GENERAL_HEAD = re.compile(r"^(?:[وفبك]?ال|لل)")
_DAY_ORDINAL = re.compile(r"^ +ال\u0640* *\d")  # "اليوم الـ 7 من الشهر المقبل": the 7th day, not today
_PREV_WORD = re.compile(r"(\S+) +$")
_NEXT_WORD = re.compile(r"^ *[،,]? *(\w+)")


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str]:
    ma = f"(?:{_alternation(_month_lookup())})(?!\\w)"
    max_ = f"{ma}(?: *[/\\\\] *{ma}| *\\( *{ma} *\\))?"
    wd = f"(?:{_alternation(names.arabic_weekdays())})(?!\\w)"
    rel = f"(?:{_alternation(_REL_SIGN)})(?!\\w)"
    edge = f"(?:{_alternation(_EDGES)})"
    ordw = f"(?:{_alternation(names.ordinal_days())})(?!\\w)"
    daynum = r"(?:ال\u0640* *)?[0-3]?\d(?!\d)"
    year = r"[12]\d{3}(?!\d)(?: *(?:ه\u0640*|م)(?!\w))?"
    yrel = r"(?:هذا +العام|هذه +السنه|(?:العام|السنه) +(?:قبل +الماضي|" + rel + r"))(?: *[،,]? *[12]\d{3}(?!\d))?"
    day_words = _alternation(_DAY_WORDS)
    alternatives = [
        # O: ordinal (or numbered) day "من" a month: العاشر من يوليو (تموز) الحالي، 23 من الشهر الحالي
        f"(?:(?:يوم +)?(?P<o_wd>{wd}) *[،,]? +|يوم +)?(?P<o_d>{ordw}|{daynum})"
        f"(?: *(?:-|–|الي|حتي|وحتي|والي|و) *(?P<o_d2>{ordw}|{daynum}))? +من +"
        f"(?:(?:شهر +)?(?P<o_m>{max_})(?:(?: *[،,])? *(?:(?:من +)?(?:عام|العام|سنه) +)?(?P<o_y>{year})"
        f"| +(?:من +)?(?P<o_yr>{yrel})| +(?P<o_rel>{rel}))?"
        f"|(?P<o_cm>هذا +الشهر|الشهر +{rel}))",
        # N: a month name with a cue: شهر سبتمبر، سبتمبر المقبل، منتصف مارس، يوليو من هذا العام
        f"(?:(?P<n_e>{edge}) +)?(?P<n_sh>شهر +)?(?P<n_m>{max_})"
        f"(?:(?: *[،,])? *(?:(?:من +)?(?:عام|العام|سنه) +)?(?P<n_y>{year})"
        f"| +(?:من +)?(?P<n_yr>{yrel})| +(?P<n_rel>{rel}))?",
        # S: seasons: صيف 2014، الصيف الماضي، هذا الصيف، صيف العام الماضي
        f"(?:فصل +)?(?:(?P<s_this>هذا +)(?P<s_n1>الصيف|الشتاء|الربيع|الخريف)"
        f"|(?P<s_n>(?:ال)?(?:صيف|شتاء|ربيع|خريف))(?: +(?:(?:عام|العام|سنه) +)?(?P<s_y>{year})"
        f"| +(?:من +)?(?P<s_yr>{yrel})| +(?P<s_rel>{rel})))",
        # W / M / Y: this/last/next week, month, year (الأسبوع المقبل، الشهر الماضي، العام الجاري)
        f"(?:(?P<w_e>{edge}) +)?(?:(?P<w_this>هذا +الاسبوع)|الاسبوع +(?P<w_rel>قبل +الماضي|{rel}))",
        f"(?:(?P<m_e>{edge}) +)?(?:(?P<m_this>هذا +الشهر)|الشهر +(?P<m_rel>قبل +الماضي|{rel}))",
        f"(?:(?P<y_e>{edge}) +)?(?:(?P<y_this>(?:هذا|هذه) +(?:العام|السنه))|(?P<y_w>العام|السنه|عام) +"
        f"(?P<y_rel>قبل +الماضي|{rel}))(?: +(?P<y_y>{year}))?",
        # D: day words, with a time of day before and a weekday after: صباح أمس الجمعة، اليوم (الاثنين)
        f"(?:(?P<d_tod>{_TOD}) +(?:يوم +)?)?(?P<d_this>ل?هذا +)?"
        f"(?:(?P<d_w>{day_words})(?!\\w)|(?P<d_ago>قبل|منذ|بعد) +(?P<d_n>يومين|يوم +واحد|[1-9] +ايام|"
        f"(?:ثلاثه|اربعه|خمسه|سته|سبعه) +ايام)(?!\\w))"
        f"(?P<d_wd> *[،,]? *(?P<d_p>\\( *)?(?P<d_wdn>{wd})(?(d_p) *\\)))?",
        # K: a weekday with a cue: يوم الخميس، مساء الخميس، الأربعاء الماضي، (الاثنين)
        f"(?:(?P<k_tod>صباح|مساء|ظهر|ظهيره|عصر|فجر|ضحي) +)?(?P<k_yawm>يوم +)?(?P<k_p>\\( *)?(?P<k_wd>{wd})"
        f"(?(k_p) *\\))(?: +(?P<k_rel>الماضي|الماضيه|المنصرم|المنصرمه|الفائت|الفائته|المقبل|المقبله|القادم|القادمه)(?!\\w))?",
    ]
    guard = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))"
    return re.compile(guard + "(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")")


def _around(text: str, s: int, e: int) -> tuple[list[str], list[str]]:
    """The two folded words before the word holding [s, e), and the two after it."""
    while s > 0 and _LETTER.match(text[s - 1]):
        s -= 1
    n = len(text)
    while e < n and _LETTER.match(text[e]):
        e += 1
    # str.translate is slow on short non-ASCII strings; two words need only the letter folds.
    before = [_fold_word(w) for w in text[max(0, s - 40) : s].split()[-2:]]
    after = [_fold_word(w) for w in text[e : e + 40].split()[:2]]
    return before, after


@lru_cache(maxsize=1 << 16)
def _fold_word(w: str) -> str:
    # News repeats its words: a cache beats even the replace chain (str.translate is slower still).
    for src, dst in LETTER_FOLDS.items():
        w = w.replace(src, dst)
    return w


def _is_month(words: list[str]) -> bool:
    lookup = _month_lookup()
    w = [x.strip("()،,.") for x in words]
    return bool(w) and (w[0] in lookup or (len(w) > 1 and f"{w[0]} {w[1]}" in lookup))


def _bare(word: str) -> str:
    return re.sub(r"^[وفبل]", "", word) if len(word) > 3 else word


def _keep_anchor(text: str, s: int, e: int, kind: str) -> bool:
    """Whether a word-date can hold this anchor: most anchor words (العام، الحالي، أيام) are
    ordinary words, and only a neighbour makes them part of a date."""
    if kind == "day":
        return not (e < len(text) and _LETTER.match(text[e]))  # أمس, not أمسية
    before, after = _around(text, s, e)
    prev = _bare(before[-1]) if before else ""
    if kind == "tomorrow":  # غدا، غدًا، بعد غد — not بغداد
        rest = text[e : e + 2]
        return (not rest or not _LETTER.match(rest[0]) or rest[0] in "ا\u064b") and not (
            len(rest) > 1 and rest[0] == "ا" and _LETTER.match(rest[1]))
    if kind == "rel":
        if not before:
            return False
        last = before[-1]
        return (_bare(last) in _REL_HEADS or last in _REL_HEADS or last.endswith(")")
                or _is_month(before[-1:]) or _is_month(before))
    if kind in ("unit", "season_al"):
        return prev.endswith(("هذا", "هذه"))
    if kind == "wd":
        return (prev in _TOD_WORDS or text[max(0, s - 3) : s].rstrip().endswith("(")
                or bool(_NEWS_WEEKDAY_NEXT.match(" ".join(after))))
    if kind == "ord":
        return "من" in after
    if kind == "edge":
        return bool(after) and (after[0] in _UNIT_WORDS or _is_month(after))
    if kind == "season":
        return bool(after) and (after[0][:1].isdigit() or after[0] in _UNIT_WORDS or after[0] == "من"
                                or after[0] in _REL_SIGN)
    if kind == "ago":
        return bool({"قبل", "منذ", "بعد"} & {_bare(w) for w in before})
    if kind == "month":
        return (s == 0 or not _LETTER.match(text[s - 1]) or text[s - 1] in "وبلف") and _is_month(after)
    return True


def _word_windows(text: str):
    hits = []
    for m in _ANCHOR_AL.finditer(text):
        kind = m.lastgroup or ""  # one named group always matches
        if kind == "unit" and m.group("unit") in ("صيف", "شتاء", "ربيع", "خريف"):
            kind = "season_al"
        if _keep_anchor(text, m.start(), m.end(), kind):
            hits.append((m.start(), kind))
    for m in _ANCHOR_LIT.finditer(text):
        kind = _ANCHOR_WORDS[m.group(0)]
        if _keep_anchor(text, m.start(), m.end(), kind):
            hits.append((m.start(), kind))
    if not hits:
        return
    hits.sort()
    n = len(text)
    cur_s = cur_e = -1
    for h, kind in hits:
        back, ahead = _REACH[kind]
        s, e = max(0, h - back), min(n, h + ahead)
        if cur_e >= 0 and s <= cur_e:
            cur_e = max(cur_e, e)
            continue
        if cur_e >= 0:
            yield cur_s, cur_e
        cur_s, cur_e = s, e
    if cur_e >= 0:
        yield cur_s, cur_e


def _rel_of(word: str | None) -> int:
    if not word:
        return 0
    w = " ".join(word.split())
    if w.startswith("قبل"):
        return -2
    return _REL_SIGN.get(w, 0)


def _year_of_match(g, tag: str) -> tuple[int | None, str]:
    """An explicit year after a word date, with the calendar its suffix says."""
    y = g(f"{tag}_y")
    if not y:
        return None, "gregorian"
    digits = y[:4]
    return int(digits), _calendar_from_suffix(y[4:].strip() or None, "gregorian", int(digits))


def _take_year(f: _Found, g, tag: str, calendar: str, *, month_cued: bool) -> bool:
    """Give a word date with a month (``tag`` ``o``: a day of it, ``n``: the month itself) its year:
    written in digits, in words, or relative (الماضي/المقبل). False when the match is no date: a
    Hijri month with a Gregorian year, or a Hijri month name that is also a common word with
    nothing (not even شهر, ``month_cued``) to say it is a month."""
    y, _ = _year_of_match(g, tag)
    if y is not None:
        if calendar == "hijri" and y >= 1600:
            return False
        f.y = y
    elif g(f"{tag}_yr"):
        f.y = _written_year(g(f"{tag}_yr"))
        if f.y is None:
            f.rkind, f.roff = "year", _yrel(g(f"{tag}_yr"))
    elif g(f"{tag}_rel"):
        f.relative = {-1: -1, 1: 1, 0: 2}[_rel_of(g(f"{tag}_rel"))]
    elif calendar == "hijri" and not month_cued and _norm_month(g(f"{tag}_m")) in names.AMBIGUOUS_HIJRI:
        return False
    return True


def _prev_word(chunk: str, pos: int) -> str:
    m = _PREV_WORD.search(chunk, max(0, pos - 24), pos)
    return m.group(1) if m else ""


class _Word(NamedTuple):
    """One match of the word-date pattern, with what its rules look at around it."""

    mt: re.Match[str]
    chunk: str
    source: str
    offset: int
    start: int
    end: int
    before: str  # the word before the match
    after: str  # the text right after it


def _word_found(mt: re.Match[str], chunk: str, source: str, offset: int) -> list[_Found]:
    g = mt.group
    w = _Word(mt, chunk, source, offset, mt.start() + offset, mt.end() + offset, _prev_word(chunk, mt.start()),
              chunk[mt.end() : mt.end() + 24])
    if g("o_d"):
        return _ordinal_day(w)
    if g("n_m"):
        return _month_word(w)
    if g("s_n") or g("s_n1"):
        return _season(w)
    for tag, kind, gran in (("w", "week", "week"), ("m", "month", "month"), ("y", "year", "year")):
        if g(f"{tag}_this") or g(f"{tag}_rel"):
            return _this_or_next(w, tag, kind, gran)
    if g("d_w") or g("d_ago"):
        return _day_word(w)
    if g("k_wd"):
        return _weekday_word(w)
    return []


def _ordinal_day(w: _Word) -> list[_Found]:
    """العاشر من يوليو الحالي، 23 من الشهر الحالي، الثالث والرابع من مايو."""
    g = w.mt.group
    mt, source, offset, start, end = w.mt, w.source, w.offset, w.start, w.end
    days = [_day_number(g("o_d"))] + ([_day_number(g("o_d2"))] if g("o_d2") else [])
    if any(d is None for d in days):
        return []
    out = []
    for d in days:
        if g("o_m"):
            calendar, month = _read_months(g("o_m"))[0]
            f = _Found(start, end, calendar, None, month, d, "day", _weekday(mt, "o", source, offset))
            if not _take_year(f, g, "o", calendar, month_cued=False):
                return []
        else:
            f = _Found(start, end, "gregorian", None, None, d, "day", _weekday(mt, "o", source, offset))
            cm = " ".join(g("o_cm").split())
            f.rkind, f.roff = "month", 0 if cm.startswith("هذا") else _rel_of(cm.split(" ", 1)[1])
        f.word = True
        out.append(f)
    if len(out) == 2:
        first, second = out
        if first.d >= second.d:
            return [second]
        first.end = first.core_end = mt.end("o_d") + offset
        first.weekday = None
        first.notes.append("first day of a range")
        second.start = mt.start("o_d2") + offset
    return out


def _month_word(w: _Word) -> list[_Found]:
    """A month with a cue: شهر سبتمبر، سبتمبر المقبل، منتصف مارس، يوليو من هذا العام."""
    g = w.mt.group
    start, end = w.start, w.end
    if not (g("n_e") or g("n_sh") or g("n_y") or g("n_yr") or g("n_rel")):
        return []  # a bare month name: مارس is also a verb, مايو a surname
    months = _read_months(g("n_m"))
    calendar, month = months[0]
    f = _Found(start, end, calendar, None, month, None, "month")
    if not _take_year(f, g, "n", calendar, month_cued=bool(g("n_sh"))):
        return []
    if g("n_e"):
        f.notes.append(f"{_EDGES[g('n_e')]} of the month")
    f.word = True
    return [f]


def _season(w: _Word) -> list[_Found]:
    """صيف 2014، الصيف الماضي، هذا الصيف، صيف العام الماضي."""
    g = w.mt.group
    start, end = w.start, w.end
    code = _SEASONS[(g("s_n") or g("s_n1")).removeprefix("ال")]
    f = _Found(start, end, "gregorian", None, None, None, "season")
    f.rwd = code
    y, _ = _year_of_match(g, "s")
    if y is not None:
        f.y = y
        f.special = f"{y:04d}-{code}"
    elif g("s_yr") and _written_year(g("s_yr")):
        f.y = _written_year(g("s_yr"))
        f.special = f"{f.y:04d}-{code}"
    elif g("s_yr"):
        f.rkind, f.roff = "season", ("year", _yrel(g("s_yr")))
    else:
        f.rkind, f.roff = "season", _rel_of(g("s_rel")) if g("s_rel") else 0
    f.word = True
    return [f]


def _this_or_next(w: _Word, tag: str, kind: str, gran: str) -> list[_Found]:
    """This/last/next week, month or year: الأسبوع المقبل، الشهر الماضي، العام الجاري."""
    g = w.mt.group
    start, end, before = w.start, w.end, w.before
    if tag == "y" and g("y_w") and not g("y_e") and _GENERAL_HEAD.sub("ال", before) in _GENERAL_HEADS:
        return []  # الأمين العام السابق، المدير العام الحالي: العام is "general" there
    f = _Found(start, end, "gregorian", None, None, None, gran)
    f.rkind, f.roff = kind, 0 if g(f"{tag}_this") else _rel_of(g(f"{tag}_rel"))
    if g(f"{tag}_e"):
        f.notes.append(f"{_EDGES[g(tag + '_e')]} of the {kind}")
    if tag == "y":
        y, _ = _year_of_match(g, "y")
        if y is not None:
            f.check_y = y
    f.word = True
    return [f]


def _day_word(w: _Word) -> list[_Found]:
    """Day words, with a time of day before and a weekday after: صباح أمس الجمعة، اليوم (الاثنين)."""
    g = w.mt.group
    mt, chunk, source, offset, start, end, before, after = w
    word = " ".join((g("d_w") or "").split())
    if g("d_ago"):
        n = g("d_n").split()[0]
        count = {"يومين": 2, "يوم": 1}.get(n) or (int(n) if n.isdigit() else _spelled(source, offset, mt, "d_n"))
        if n.isdigit() and g("d_ago") != "قبل":
            return []  # "منذ 5 أيام", "بعد 3 أيام" read as durations; "قبل 5 أيام" is a day
        if not count or after.lstrip().startswith("من"):
            return []  # "بعد يومين من الحادث" counts from the event, not from the article
        off = count if g("d_ago") == "بعد" else -count
    else:
        off = _DAY_WORDS[word]
        next_match = _NEXT_WORD.match(after)
        nxt = next_match.group(1) if next_match else ""
        if word in ("اليوم", "الغد", "الليله", "الامس", "بالامس"):
            if g("d_this") and before == "مثل":
                return []  # "في مثل هذا اليوم": this day in past years
            if before in _DAY_NOUN_PREV or " ".join(chunk[max(0, mt.start() - 10) : mt.start()].split()[-2:]) in _DAY_NOUN_PREV:
                return []
            if not g("d_wd") and (nxt in _DAY_NOUN_NEXT or _DAY_ORDINAL.match(after)):
                return []
            s0 = mt.start("d_w")
            if s0 > 0 and chunk[s0 - 1] in "«\"“'" or chunk[mt.end("d_w") : mt.end("d_w") + 1] in ("»", "\"", "”"):
                return []  # «اليوم», "الغد": newspapers
            if before.endswith("«") or before in ("لـ«", "ل«"):
                return []
    f = _Found(start, end, "gregorian", None, None, None, "day")
    f.rkind, f.roff = "day", off
    if g("d_wdn"):
        f.weekday = (source[mt.start("d_wdn") + offset : mt.end("d_wdn") + offset], names.arabic_weekdays()[g("d_wdn")])
        f.core_end = mt.start("d_wd") + offset
    f.word = True
    return [f]


def _bare_news_weekday(w: _Word) -> bool:
    """A weekday with no cue of its own, read as a date only in the news clause pattern."""
    s = w.mt.start()
    glued = s > 0 and w.chunk[s - 1] in "وفبل"  # «والخميس»: the word before is before the و
    before = _prev_word(w.chunk, s - 1) if glued else w.before
    if w.mt.group("k_wd") == "الاثنين" and before.endswith(("ين", "ون")):
        return False  # «المتوفين الاثنين»: "the two", not Monday
    if before.lstrip("وفبل") in _WEEKDAY_PREV or before in ("بين", "او", "و", "الي", "حتي"):
        return False  # «بسوق الاثنين», «بين الجمعة والأحد», «من الأحد إلى الخميس»
    if before in _given_names():
        return False  # «أحمد الخميس»: a family name
    if _bare(before) in names.arabic_weekdays() or _WEEKDAY_AFTER.match(w.after):
        return False  # «الأحد والإثنين والأربعاء»: a weekly schedule, not one day
    return bool(_NEWS_WEEKDAY_NEXT.match(w.after))


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    from tui.analysis.entities.lexicon import WEAK_FIRST  # the given names the entity rules know

    return WEAK_FIRST - {"علي"}  # على folds to علي


def _weekday_word(w: _Word) -> list[_Found]:
    """A weekday with a cue: يوم الخميس، مساء الخميس، الأربعاء الماضي، (الاثنين), or in a news clause."""
    g = w.mt.group
    mt, chunk, start, end, before = w.mt, w.chunk, w.start, w.end, w.before
    if not (g("k_tod") or g("k_yawm") or g("k_p") or g("k_rel")) and not _bare_news_weekday(w):
        return []
    if before in _WEEKDAY_PREV:
        return []
    f = _Found(start, end, "gregorian", None, None, None, "day")
    f.rkind, f.rwd = "weekday", names.arabic_weekdays()[g("k_wd")]
    if g("k_rel"):
        f.roff = _REL_SIGN[g("k_rel")]
    else:
        f.roff = 2 if _FUTURE_CUE.search(chunk, max(0, mt.start() - 40), mt.start()) else 0
    f.word = True
    return [f]


def _yrel(expr: str) -> int:
    e = " ".join(re.sub(r"[،,]? *\d+$", "", expr).split())
    if e.startswith("هذ"):
        return 0
    return _rel_of(e.split(" ", 1)[1])


_YEAR_IN = re.compile(r"[12]\d{3}$")


def _written_year(expr: str) -> int | None:
    """The year written after "من هذا العام ٢٠١٥" (folded digits), if any."""
    m = _YEAR_IN.search(expr)
    return int(m.group(0)) if m else None


def _spelled(source: str, offset: int, mt: re.Match[str], group: str) -> int | None:
    from pyarabic.number import text2number

    s, e = mt.span(group)
    words = source[s + offset : e + offset].split()[0]
    n = text2number(words.replace("ه", "ة")) if words else 0
    return n or None


def _day_number(expr: str | None) -> int | None:
    if not expr:
        return None
    e = " ".join(expr.split())
    digits = re.sub(r"^ال\u0640* *", "", e)
    n = int(digits) if digits.isdigit() else names.ordinal_days().get(e)
    return n if n and 1 <= n <= 31 else None


def _scan_words(text: str) -> list[_Found]:
    pat = _word_pattern()
    found: list[_Found] = []
    last_end = 0
    for ws, we in _word_windows(text):
        ws, we = _cut(text, max(ws, last_end), we)
        if ws >= we:
            continue
        chunk = names.normalise(text[ws:we])
        for mt in pat.finditer(chunk):
            found.extend(_word_found(mt, chunk, text, ws))
        last_end = we
    return found


_APPOSITION = re.compile(r"^[\s،,:\-–()]{0,4}$")
# "صباح يوم الأحد تاريخ 17/10/1436هـ": the written date names the weekday's day.
_DATED_WEEKDAY = re.compile(r"^[\s،,:\-–()]{0,4}(?:(?:ب|في +)?تاريخ|الموافق(?: *ل)?)?[\s،,:\-–()]{0,4}$")


def _merge(explicit: list[_Found], words: list[_Found], text: str) -> list[_Found]:
    """Explicit dates win over word dates they overlap, unless the word form is longer and
    holds them ("الثالث من أغسطس 2015" over "أغسطس 2015"); a trailing weekday that belongs to
    the explicit date is cut off the word date ("صباح أمس" + "الجمعة الموافق 15/10/1436هـ")."""
    out = list(explicit)
    for w in sorted(words, key=lambda f: (f.start, -(f.end - f.start))):
        clash = [f for f in out if f.start < w.end and w.start < f.end]
        if not clash:
            out.append(w)
            continue
        if all(not f.word for f in clash) and all(f.start >= w.core_end for f in clash) and w.core_end > w.start:
            w.end = w.core_end
            w.weekday = None
            out.append(w)
        elif all(not f.word for f in clash) and all(w.start <= f.start and f.end <= w.end for f in clash) \
                and w.end - w.start > max(f.end - f.start for f in clash) and w.rkind != "day":
            for f in clash:
                out.remove(f)
            if w.y is None and w.rkind in ("", "year") and any(f.y for f in clash):
                w.y, w.rkind = next(f.y for f in clash if f.y), ""
            out.append(w)
    out.sort(key=lambda f: (f.start, f.end))
    # "اليوم، 7 مايو 2025": the written date says which day "today" is; keep that one alone.
    keep = []
    for i, f in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else None
        if f.rkind == "day" and nxt is not None and not nxt.word and nxt.gran == "day" \
                and _APPOSITION.match(text[f.end : nxt.start]):
            continue
        if f.rkind == "weekday" and nxt is not None and not nxt.word and nxt.gran == "day" \
                and _DATED_WEEKDAY.match(text[f.end : nxt.start]):
            if nxt.weekday is None and f.rwd is not None:
                nxt.weekday = (text[f.start : f.end], f.rwd)  # checked against the written date
            continue
        keep.append(f)
    return keep


def _resolve_relative(f: _Found, art_day: _dt.date | None, art_year: int | None) -> bool:
    """Place a date counted from the article's date; False when the article has no date for it."""
    kind = f.rkind
    if kind == "year" and f.gran == "year":
        if art_year is None:
            return False
        f.y = art_year + f.roff
        if f.check_y is not None and f.check_y != f.y:
            f.notes.append(f"relative year disagrees: {f.check_y} written, {f.y} counted from the article date")
            f.y = f.check_y
        return True
    if kind == "year":  # a month or day of this/last/next year
        if art_year is None:
            return False
        f.y = art_year + f.roff
        return True
    if kind == "season":
        if isinstance(f.roff, tuple):
            if art_year is None:
                return False
            y = art_year + f.roff[1]
        else:
            if art_day is None:
                return False
            y = art_day.year
            assert f.rwd is not None  # a season match always sets its code
            first = _SEASON_START[f.rwd]
            if f.roff == -1 and art_day.month < first + 3:
                y -= 1  # last summer, seen from before the end of this one
            elif f.roff == 1 and art_day.month >= first:
                y += 1
        f.y = y
        f.special = f"{y:04d}-{f.rwd}"
        return True
    if art_day is None:
        return False
    if kind == "day":
        day = art_day + _dt.timedelta(days=f.roff)
    elif kind == "weekday":
        assert f.rwd is not None  # a weekday match always sets the weekday
        back = (art_day.weekday() - f.rwd) % 7
        ahead = (f.rwd - art_day.weekday()) % 7
        if f.roff == -1:
            day = art_day - _dt.timedelta(days=back or 7)
        elif f.roff == 1:
            day = art_day + _dt.timedelta(days=ahead or 7)
        elif f.roff == 2:
            day = art_day + _dt.timedelta(days=ahead)
            f.notes.append("weekday taken as the coming one (future tense nearby)")
        else:
            day = art_day - _dt.timedelta(days=back)
            f.notes.append("weekday taken as the latest one on or before the article date")
    elif kind == "week":
        monday = art_day - _dt.timedelta(days=art_day.weekday()) + _dt.timedelta(weeks=f.roff)
        iso = monday.isocalendar()
        f.y = iso[0]
        f.special = f"{iso[0]:04d}-W{iso[1]:02d}"
        return True
    elif kind == "month":
        k = art_day.year * 12 + art_day.month - 1 + f.roff
        f.y, f.m = k // 12, k % 12 + 1
        return True
    else:
        return False
    f.y, f.m, f.d = day.year, day.month, day.day
    return True


# --------------------------------------------------------------------------------------------


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _hijri_to_gregorian(y: int, m: int, d: int) -> tuple[str | None, str]:
    """Gregorian ISO of a Hijri day, or None with the reason."""
    if not HIJRI_MIN_YEAR <= y <= HIJRI_MAX_YEAR:
        return None, f"hijri year outside {HIJRI_MIN_YEAR}–{HIJRI_MAX_YEAR} AH: not converted"
    from hijridate import Hijri

    try:
        return Hijri(y, m, d).to_gregorian().isoformat(), ""
    except (ValueError, OverflowError) as exc:
        return None, f"not a day of the Umm al-Qura calendar ({exc})"


def _finish(f: _Found, source: str) -> DateMention | None:
    """Validate and turn a resolved _Found into a DateMention (None = impossible date)."""
    notes = list(f.notes)
    y, m, d = f.y, f.m, f.d
    relative = f.rkind
    if f.unresolved:
        return DateMention(
            start=f.start, end=f.end, text=source[f.start : f.end], value=None, calendar=f.calendar,
            gregorian=None, granularity=f.gran, note="; ".join(notes + ["relative date: the article has no date to count from"]),
            relative=relative,
        )
    if y is None:
        return None
    if f.special:
        return DateMention(
            start=f.start, end=f.end, text=source[f.start : f.end], value=f.special, calendar="gregorian",
            gregorian=f.special, granularity=f.gran, note="; ".join(notes), relative=relative,
        )
    if m is not None and not 1 <= m <= 12:
        return None
    gregorian: str | None
    day_date: _dt.date | None = None
    if f.calendar == "gregorian":
        if d is not None:
            try:
                day_date = _dt.date(y, m, d)
            except ValueError:
                return None
        gregorian = _iso(y, m, d)
    else:
        if d is not None and not 1 <= d <= 30:
            return None
        gregorian, why = _hijri_to_gregorian(y, m or 1, d or 1)
        if why:
            notes.append(why)
        elif d is None:
            notes.append("gregorian is the first day of the hijri " + ("month" if m else "year"))
        if gregorian and d is not None:
            day_date = _dt.date.fromisoformat(gregorian)
    if f.weekday and day_date is not None:
        written, wd = f.weekday
        if day_date.weekday() != wd:
            notes.append(
                f"weekday mismatch: {written} written, {day_date.isoformat()} is "
                f"{names.arabic_weekday_name(day_date.weekday())}"
            )
    return DateMention(
        start=f.start,
        end=f.end,
        text=source[f.start : f.end],
        value=_iso(y, m, d),
        calendar=f.calendar,
        gregorian=gregorian,
        granularity=f.gran,
        inferred_year=f.inferred,
        note="; ".join(notes),
        relative=relative,
    )


_PAIR_GAP = re.compile(r"^[\s،,\-–/|()]*(?:ال?موافق(?: *ل\S*)?|ل)?[\s\-–/|()]*$")


def _check_pairs(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Flag a Hijri day written beside a Gregorian day (… الموافق …) that does not convert to it."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.granularity != "day" or b.granularity != "day" or a.calendar == b.calendar:
            continue
        if not _PAIR_GAP.match(names.normalise(text[a.end : b.start])):
            continue
        (g, h), j = ((a, b), i + 1) if a.calendar == "gregorian" else ((b, a), i)
        if h.gregorian is None or h.gregorian == g.value:
            continue
        note = f"hijri/gregorian mismatch: {h.value} AH is {h.gregorian}, written beside {g.value}"
        out[j] = dataclasses.replace(h, note="; ".join(x for x in (h.note, note) if x))
    return out


def _year_of(article_date: str | None) -> int | None:
    if not article_date or not isinstance(article_date, str):
        return None
    head = names.normalise(article_date.strip())[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def _day_of(article_date: str | None) -> _dt.date | None:
    if not article_date or not isinstance(article_date, str):
        return None
    try:
        return _dt.date.fromisoformat(names.normalise(article_date.strip())[:10])
    except ValueError:
        return None


def _hijri_year_of(article_date: str | None) -> int | None:
    if not article_date:
        return None
    try:
        day = _dt.date.fromisoformat(names.normalise(article_date.strip())[:10])
    except ValueError:
        return None
    from hijridate import Gregorian

    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def _resolve(found: list[_Found], article_date: str | None, header_end: int) -> None:
    """Give year-less dates the year of the closest preceding explicit date, else the article's."""
    art_year = _year_of(article_date)
    art_day = _day_of(article_date)
    art_hijri = None
    last = {"gregorian": None, "hijri": None}
    for f in found:
        if f.rkind:
            if _resolve_relative(f, art_day, art_year):
                f.notes.append(f"counted from {art_day.isoformat() if art_day else art_year} (the article's date)")
            else:
                f.unresolved = True
            continue
        if f.y is not None:
            if f.start >= header_end and f.gran in ("day", "month"):
                last[f.calendar] = f.y
            continue
        near = last[f.calendar]
        if f.relative and art_day is not None and f.calendar == "gregorian":
            # "17 يوليو الماضي" is the last 17 July before publication, "المقبل" the next one.
            y = art_day.year
            if f.relative == -1 and (f.m, f.d or 1) > (art_day.month, art_day.day):
                y -= 1
            elif f.relative == 1 and (f.m, f.d or 31) < (art_day.month, art_day.day):
                y += 1
            kind = {-1: "last", 1: "next", 2: "current"}[f.relative]
            f.y, note = y, f"year from article date ({kind})"
        elif near is not None:
            f.y, note = near, "year from nearby date"
        else:
            if f.calendar == "hijri":
                art_hijri = art_hijri if art_hijri is not None else _hijri_year_of(article_date)
                f.y = art_hijri
            else:
                f.y = art_year
            note = "year from article date"
        if f.y is not None:
            f.inferred = True
            f.notes.append(note)


# A dated header: a line near the top made of dates, connectors and at most one word (a place).
_HEADER_LINES = 8
_HEADER_CHARS = 600
_HEADER_WORD = re.compile(r"\w+")
_HEADER_CONNECTORS = {"الموافق", "م", "ه", "هـ", "ل"}


def _header_span(text: str, found: list[_Found]) -> tuple[int, int, list[_Found]]:
    pos = 0
    # Only the top matters; a header line longer than a few hundred characters is prose anyway.
    for i, line in enumerate(text[: _HEADER_CHARS + 400].split("\n")):
        if i >= _HEADER_LINES or pos >= _HEADER_CHARS:
            break
        s, e = pos, pos + len(line)
        pos = e + 1
        inside = [f for f in found if f.start >= s and f.end <= e and f.y is not None]
        if not any(f.gran == "day" for f in inside):
            continue
        rest = list(line)
        for f in inside:
            rest[f.start - s : f.end - s] = [" "] * (f.end - f.start)
        words = [w for w in _HEADER_WORD.findall(names.normalise("".join(rest))) if w not in _HEADER_CONNECTORS]
        dated = sum(1 for f in inside for c in text[f.start : f.end] if not c.isspace())
        total = sum(1 for c in line if not c.isspace())
        if len(words) <= 1 and dated >= 0.6 * total:
            return s, e, inside
    return 0, 0, []


_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})$")
_SEASON_VALUE = re.compile(r"^(\d{4})-(2[1-4])$")


def sortable(value: str | None) -> str:
    """A key that puts week (2015-W32) and season (2014-22) values among days, months and years:
    a week sorts as its Monday, a season as its first month."""
    if not value:
        return ""
    m = _WEEK_VALUE.match(value)
    if m:
        try:
            return _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            return value
    m = _SEASON_VALUE.match(value)
    if m:
        return f"{m.group(1)}-{_SEASON_START[int(m.group(2))]:02d}"
    return value


def _check_text(text) -> None:
    if not isinstance(text, str):
        raise TypeError(f"dates: text must be str, not {type(text).__name__}")


def extract_dates(text: str, article_date: str | None = None, *, unresolved: bool = False) -> list[DateMention]:
    """Every date mention in ``text`` in reading order.

    ``article_date`` (ISO) supplies the year of year-less dates when no explicit date precedes
    them; when omitted, a dated header at the top of the text (see
    :func:`article_date_from_header`) is used instead.
    """
    _check_text(text)
    found = _scan(text)
    _, header_end, header_found = _header_span(text, found)
    if article_date is None and header_found:
        article_date, _ = _header_date(text, header_found)
    found = _merge(found, _scan_words(text), text)
    _resolve(found, article_date, header_end)
    mentions = [m for m in (_finish(f, text) for f in found) if m is not None and (unresolved or m.value is not None)]
    return _check_pairs(text, mentions)


def _header_date(text: str, header_found: list[_Found]) -> tuple[str | None, list[str]]:
    mentions = [m for m in (_finish(f, text) for f in header_found) if m is not None]
    mentions = _check_pairs(text, mentions)
    days = [m for m in mentions if m.granularity == "day" and m.gregorian]
    if not days:
        return None, []
    chosen = next((m for m in days if m.calendar == "gregorian"), days[0])
    notes = [f"{m.text}: {m.note}" for m in mentions if m.note and "mismatch" in m.note]
    return chosen.gregorian, notes


def article_date_from_header(text: str) -> tuple[str | None, list[str]]:
    """ISO date of a dated header line near the top (Gregorian preferred), and notes on it.

    A header line is one of the first lines that holds nothing but dates and connectors, e.g.
    ``الجمعة 05 ديسمبر 2025 الموافق 14 جمادى الثانية 1447``; a weekday or a Hijri half that
    disagrees with the Gregorian date is reported in the notes.
    """
    _check_text(text)
    head = text[: _HEADER_CHARS + 400]
    found = _scan(head)
    _, _, header_found = _header_span(head, found)
    if not header_found:
        return None, []
    return _header_date(head, header_found)
