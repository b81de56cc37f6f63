"""Property tests: rendered dates round-trip to their ISO value; quantities never become dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis.dates import extract_dates
from tui.text import calendar_names as names

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Raw CLDR spellings (with hamza), not the normalised keys: that is what articles contain.
def _raw_gregorian_names() -> list[tuple[str, int]]:
    from babel.dates import get_month_names

    out = set()
    for locale in names.ARABIC_LOCALES:
        for number, name in get_month_names("wide", "format", locale=locale).items():
            out.add((name, number))
    return sorted(out)


GREGORIAN_NAMES = _raw_gregorian_names()
ENGLISH = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
HIJRI_NAMES = [(name, m) for name, m in names.hijri_months().items()]

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2070, 12, 31))
digits = st.sampled_from([str, lambda s: s.translate(_ARABIC_INDIC)])
frames = st.sampled_from(["{}", "قال المتحدث في {} إن الاجتماع", "وذلك {}، حسب البيان", "({})"])


def _arabic_name(month: int, pick: int) -> str:
    options = [n for n, m in GREGORIAN_NAMES if m == month]
    return options[pick % len(options)]


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(0, 10), digits, frames, st.integers(0, 7), st.booleans())
def test_rendered_gregorian_day_round_trips(day, pick, conv, frame, form, pad) -> None:
    d = f"{day.day:02d}" if pad else str(day.day)
    m, y = f"{day.month:02d}", str(day.year)
    rendered = [
        f"{d} {_arabic_name(day.month, pick)} {y}",
        f"{y}/{m}/{d}",
        f"{d}/{day.month}/{y}",
        f"{d}-{m}-{y}",
        f"{ENGLISH[day.month - 1]} {day.day}, {y}",
        f"{day.day} {ENGLISH[day.month - 1]} {y}",
        f"{d} {_arabic_name(day.month, pick)}، {y}",
        f"{names.arabic_weekday_name(day.weekday())} {d} {_arabic_name(day.month, pick)} {y}",
    ][form]
    rendered = conv(rendered) if form not in (4, 5) else rendered
    text = frame.format(rendered)
    found = extract_dates(text)
    assert [(f.value, f.gregorian, f.granularity, f.note) for f in found] == [
        (day.isoformat(), day.isoformat(), "day", "")
    ], text
    assert found[0].text == rendered


@settings(max_examples=100, deadline=None)
@given(dates, st.integers(0, 10), digits)
def test_rendered_month_year_round_trips(day, pick, conv) -> None:
    rendered = conv(f"{_arabic_name(day.month, pick)} {day.year}")
    found = extract_dates(f"في {rendered} كان")
    assert [(f.text, f.value, f.granularity) for f in found] == [(rendered, f"{day.year}-{day.month:02d}", "month")]


@settings(max_examples=100, deadline=None)
@given(st.integers(1343, 1500), st.integers(1, 12), st.integers(1, 29), st.integers(0, 40), st.booleans())
def test_rendered_hijri_day_round_trips(year, month, day, pick, suffix) -> None:
    from hijridate import Hijri

    try:
        expected = Hijri(year, month, day).to_gregorian().isoformat()
    except (ValueError, OverflowError):  # hijridate's table ends inside 1500 AH
        expected = None
    options = [n for n, m in HIJRI_NAMES if m == month]
    rendered = f"{day} {options[pick % len(options)]} {year}" + (" هـ" if suffix else "")
    found = extract_dates(f"وذلك في {rendered} حسب")
    assert len(found) == 1, rendered
    f = found[0]
    assert (f.text, f.value, f.calendar, f.gregorian) == (rendered, f"{year}-{month:02d}-{day:02d}", "hijri", expected)


UNITS = ["دقيقة", "ساعة", "يومًا", "يوما", "أيام", "جندي", "شخص", "متر", "كيلومتر", "دولار", "ريال",
         "طن", "صاروخ", "عاما", "سنوات", "مليون", "ألف"]
LEADS = ["", "في ", "نحو ", "حوالي ", "أكثر من ", "منذ ", "بعد ", "خلال ", "لمدة "]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 99999), st.sampled_from(UNITS), st.sampled_from(LEADS), digits, st.integers(0, 4))
def test_quantities_durations_and_percentages_are_not_dates(n, unit, lead, conv, form) -> None:
    num = conv(str(n))
    text = [
        f"{lead}{num} {unit}",
        f"{lead}{num}%",
        f"{lead}%{num}",
        f"{lead}{conv(f'{n:,}')} {unit}",
        f"{lead}{num}.{conv(str(n % 100))} {unit}",
    ][form]
    assert extract_dates(f"وقال إن {text} في المنطقة", "2025-06-01") == [], text


_ALPHABET = st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩ /-.,،%()هـم\n") + ["يناير", "شباط", "رمضان", "عام ", "في ",
                                                                       "الجمعة ", "يوم ", "June ", "هـ"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.sampled_from([None, "2025-08-03", "garbage", ""]))
def test_any_text_gives_consistent_mentions_and_never_raises(text, article_date) -> None:
    for m in extract_dates(text, article_date):
        assert text[m.start : m.end] == m.text
        assert m.calendar in ("gregorian", "hijri") and m.granularity in ("year", "month", "day")
        assert len(m.value) == {"year": 4, "month": 7, "day": 10}[m.granularity]
        if m.calendar == "gregorian":
            assert m.gregorian == m.value
            if m.granularity == "day":
                dt.date.fromisoformat(m.value)
