"""Metadata recognised in an article's own text: title, author, source and a dated header.

Front matter (handled in formats.py) wins over anything found here; this module is for plain text
as scraped or extracted from PDFs, where the byline and masthead are just lines among the others.
Month and weekday names come from tui.text.calendar_names, as for the date extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.corpus import boilerplate as bp
from tui.corpus.model import Fold
from tui.text import calendar_names as names
from tui.text.normalize import ALEF_VARIANTS, DIGIT_FOLDS, TASHKEEL, TATWEEL, fold_table

_DIGITS = fold_table(DIGIT_FOLDS)
_INDIC = re.compile(f"[{''.join(DIGIT_FOLDS)}]")
_MARKS = re.compile(f"[{TASHKEEL}{TATWEEL}]")
_ALEF = re.compile(f"[{ALEF_VARIANTS}]")


def fold_key(s: str) -> str:
    """A matching form for month and weekday names: no marks, one alef, ى/ي and ة/ه merged."""
    if _INDIC.search(s):  # str.translate is slow on non-ASCII text; most lines have no such digits
        s = s.translate(_DIGITS)
    s = _MARKS.sub("", s).lower()
    # The no-break space too: CLDR writes it inside تشرين الأول, and so do some sites.
    return _ALEF.sub("ا", s).replace("ى", "ي").replace("ة", "ه").replace("\xa0", " ")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], set[str]]:
    months = {fold_key(name): num for name, num in names.gregorian_months().items()}
    months.update(names.english_months())
    weekdays = {fold_key(day) for day in names.arabic_weekdays()} | set(names.english_weekdays())
    months.pop("", None)
    return months, weekdays


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months, weekdays = _tables()
    # Longest first so "تشرين الاول" wins over a shorter prefix.
    month = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    day = "|".join(sorted((re.escape(w) for w in weekdays), key=len, reverse=True))
    wd = rf"(?:(?:يوم\s+)?(?:{day})\.?\s*[,،]?\s*)?"
    dmy = rf"(?P<d>\d{{1,2}})\s*(?:من\s+)?(?P<m>{month})\.?\s*[,،]?\s*(?P<y>\d{{4}})"
    mdy = rf"(?P<m2>{month})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y2>\d{{4}})"
    # A header is a line that is a date and nothing else, perhaps with its Hijri equivalent or a time.
    tail = r"(?:\s*[-|/،,]?\s*(?:الموافق|موافق)\b.*|\s*[-|،,]?\s*\d{1,2}:\d{2}.*|\s*(?:هـ|م)\.?)?"
    header = re.compile(rf"^\s*{wd}(?:{dmy}|{mdy}){tail}\s*$", re.IGNORECASE)
    any_date = re.compile(rf"(?:{dmy}|{mdy})", re.IGNORECASE)
    today = re.compile(rf"(?:اليوم|الیوم)\s*[,،]?\s*{wd}(?:{dmy})")
    return header, any_date, today


def _iso(m: re.Match[str]) -> str | None:
    months, _ = _tables()
    g = m.groupdict()
    d, mon, y = (g.get("d"), g.get("m"), g.get("y")) if g.get("d") else (g.get("d2"), g.get("m2"), g.get("y2"))
    if not (d and mon and y):
        return None
    num = months.get(fold_key(mon))
    day, year = int(d), int(y)
    if not num or not 1 <= day <= 31 or not 1000 <= year <= 2999:
        return None
    return f"{year:04d}-{num:02d}-{day:02d}"


def header_date(line: str) -> str | None:
    """ISO date of a line that is a dated header (``الجمعة 05 ديسمبر 2025 الموافق …``), else None."""
    if len(line) > 120:
        return None
    header, _, _ = _date_patterns()
    m = header.match(fold_key(line))
    return _iso(m) if m else None


def find_header_date(text: str, max_lines: int = 8) -> tuple[int, str] | None:
    """The first dated header among the first non-empty lines, as (line index, ISO date)."""
    seen = 0
    for i, ln in enumerate(bp.lines(text[:8000])):
        if not ln.text.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        iso = header_date(ln.text)
        if iso:
            return i, iso
    return None


def today_date(text: str) -> str | None:
    """``… أدلت بها اليوم، 7 مايو 2025`` near the top: the article dating itself."""
    head = text[:3000]
    if "اليوم" not in head:
        return None
    _, _, today = _date_patterns()
    m = today.search(fold_key(head))
    return _iso(m) if m else None


# 2015-08-01_okaz_01096.txt, 20150801-…, …/2015/08/01/slug.html: collections name files by day.
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_PATH_DATE = re.compile(r"(?:^|/)((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)")


def date_from_path(path: str) -> tuple[str, str] | None:
    """(ISO day, "file name" or "path") when the file's name or its folders spell a day."""
    p = path.replace("\\", "/").split("#", 1)[0]
    name = p.rsplit("/", 1)[-1]
    m = _NAME_DATE.search(name)
    if m:
        y, _, mo, d = m.groups()
        iso = _valid(int(y), int(mo), int(d))
        if iso:
            return iso, "file name"
    for m in _PATH_DATE.finditer(p):
        iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            return iso, "path"
    return None


def _valid(y: int, m: int, d: int) -> str | None:
    import datetime as _dt

    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


_NAME = r"(?P<name>[^\s:：,،.\d][^:：,،\n]{1,60}?)"
AUTHOR = re.compile(
    rf"^\s*(?:كتب|كتبت|كتبه|بقلم|إعداد|اعداد|تحرير|تقرير|By|Written by)\s*[:：\-–]?\s*{_NAME}\s*$",
    re.IGNORECASE,
)
# A name alone on a line with a footnote star (journal articles: the affiliation is in the note).
STAR_AUTHOR = re.compile(r"^\s*\*?\s*(?P<name>[^\W\d_][^\d*:.،,؟?!]{2,50}?)\s*\*\s*$")
SOURCE_PATTERNS = [
    re.compile(r"^\s*[-–•*]?\s*للمزيد\s*[:：]?\s*تابع(?:وا)?\s+(?:موقع\s+)?(?P<src>[^،,.\n]{2,40}?)\s*(?:[،,.]|\s+(?:على|علي|عبر)\b|$)"),
    re.compile(r"^\s*[-–•*]?\s*تابع(?:وا)?\s+(?:موقع|صفحة|قناة)\s+(?P<src>[^،,.\n]{2,40}?)\s*(?:[،,.]|\s+(?:على|علي|عبر)\b|$)"),
    re.compile(r"^\s*(?:المصدر|مصدر|Source)\s*[:：]\s*(?P<src>[^،,.\n]{2,60}?)\s*\.?\s*$", re.IGNORECASE),
]
_PARTICLES = {"في", "إلى", "الى", "على", "عن", "من", "أن", "ان", "إن", "قد", "لا", "ما", "هذا", "هذه", "the", "a", "to", "of"}
_LATIN_HEAD = re.compile(r"^[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+){0,3}$")


@dataclass(slots=True)
class Meta:
    title: str = ""
    author: str | None = None
    source: str | None = None
    date: str | None = None


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" -–*.\u200f\u200e")


def _author_of(line: str) -> str | None:
    m = AUTHOR.match(line) or STAR_AUTHOR.match(line)
    if not m:
        return None
    name = _clean_name(m.group("name"))
    words = name.split()
    # "كتب الرئيس رسالة إلى نظيره" is a sentence, not a byline: names carry no particles.
    if not 1 <= len(words) <= 6 or _PARTICLES & set(words):
        return None
    return name


def make_title(line: str, limit: int = 120) -> str:
    """A title from a line; a paragraph-length first line gives its first clause."""
    s = re.sub(r"\s+", " ", line).strip()
    # Markdown headings and bold titles: the marks are markup, not title.
    s = re.sub(r"^#{1,6}\s+", "", s)
    if len(s) > 4 and s.startswith("**") and s.endswith("**"):
        s = s[2:-2].strip()
    if len(s) <= limit:
        return s
    m = re.match(r"(.{15,%d}?)[،,.؟?!:؛;]" % limit, s)
    if m and len(m.group(1).split()) >= 3:
        return m.group(1).strip()
    cut = s[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def extract(
    text: str, folds: list[Fold], *, header: tuple[int, str] | None = None, ls: list[bp.Line] | None = None
) -> Meta:
    meta = Meta()
    ls = bp.lines(text) if ls is None else ls
    starts = {f.start for f in folds}  # folds cover whole lines
    folded = {i for i, ln in enumerate(ls) if ln.start in starts and ln.text.strip()}
    nonempty = [i for i, ln in enumerate(ls) if ln.text.strip()]

    if header:
        meta.date = header[1]
    for i in nonempty[:12]:
        if i in folded:
            continue
        author = _author_of(ls[i].text)
        if author:
            meta.author = author
            folded.add(i)
            break
    for i in nonempty:
        if i in folded or bp.PAGE_NUMBER.match(ls[i].text) or header_date(ls[i].text):
            continue
        meta.title = make_title(ls[i].text)
        break

    for i in reversed(nonempty[-15:]):  # credit lines sit at the end; the last one is the site's own
        for pat in SOURCE_PATTERNS:
            m = pat.match(ls[i].text)
            if m:
                meta.source = _clean_name(m.group("src"))
                break
        if meta.source:
            break
    if not meta.source:
        meta.source = running_head_source(bp.running_head_lines(text, folds), meta.author)
    if not meta.date:
        meta.date = today_date(text)
    return meta


def running_head_source(heads: list[str], author: str | None) -> str | None:
    # A journal's running head alternates the journal name with the author/section line; the name
    # is the one that is not the author's, and a Latin-script name in an Arabic article is telling.
    candidates = [h for h in heads if not (author and author.replace(" ", "") in h.replace(" ", ""))]
    latin = [h for h in candidates if _LATIN_HEAD.match(h)]
    if latin:
        return max(set(latin), key=latin.count)
    return None
