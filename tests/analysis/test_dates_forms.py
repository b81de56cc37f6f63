"""One test per supported date form, plus the things that must not be taken for dates."""

from __future__ import annotations

import pytest

from tui.analysis.dates import article_date_from_header, extract_dates


def _one(text: str, article_date: str | None = None):
    found = extract_dates(text, article_date)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


# (text, span text, value, calendar, gregorian, granularity)
CASES = [
    # Egyptian / Gulf names, hamza-less and Egyptian spellings
    ("وصل يوم 15 أغسطس 2025 إلى", "يوم 15 أغسطس 2025", "2025-08-15", "gregorian", "2025-08-15", "day"),
    ("في 15 اغسطس 2025", "15 اغسطس 2025", "2025-08-15", "gregorian", "2025-08-15", "day"),
    ("في 3 يونيه 2024", "3 يونيه 2024", "2024-06-03", "gregorian", "2024-06-03", "day"),
    ("في 9 ابريل 2023", "9 ابريل 2023", "2023-04-09", "gregorian", "2023-04-09", "day"),
    ("منذ يوليه 2024 و", "يوليه 2024", "2024-07", "gregorian", "2024-07", "month"),
    # Levantine
    ("في 12 كانون الثاني 2025", "12 كانون الثاني 2025", "2025-01-12", "gregorian", "2025-01-12", "day"),
    ("في شباط 2025", "شباط 2025", "2025-02", "gregorian", "2025-02", "month"),
    ("في 3 تشرين الأول 2023", "3 تشرين الأول 2023", "2023-10-03", "gregorian", "2023-10-03", "day"),
    ("في 3 تشرين الثاني 2023", "3 تشرين الثاني 2023", "2023-11-03", "gregorian", "2023-11-03", "day"),
    ("في 25 كانون الأول 2023", "25 كانون الأول 2023", "2023-12-25", "gregorian", "2023-12-25", "day"),
    ("في آب 2020", "آب 2020", "2020-08", "gregorian", "2020-08", "month"),
    ("في 1 أيار 2021", "1 أيار 2021", "2021-05-01", "gregorian", "2021-05-01", "day"),
    ("في ايلول 2019", "ايلول 2019", "2019-09", "gregorian", "2019-09", "month"),
    ("في 7 حزيران 2019", "7 حزيران 2019", "2019-06-07", "gregorian", "2019-06-07", "day"),
    ("في 4 تموز 2019", "4 تموز 2019", "2019-07-04", "gregorian", "2019-07-04", "day"),
    ("في 2 نيسان 2019", "2 نيسان 2019", "2019-04-02", "gregorian", "2019-04-02", "day"),
    ("في 8 آذار 2019", "8 آذار 2019", "2019-03-08", "gregorian", "2019-03-08", "day"),
    # Maghrebi
    ("في 5 جانفي 2024", "5 جانفي 2024", "2024-01-05", "gregorian", "2024-01-05", "day"),
    ("في فيفري 2023", "فيفري 2023", "2023-02", "gregorian", "2023-02", "month"),
    ("في 10 ماي 2022", "10 ماي 2022", "2022-05-10", "gregorian", "2022-05-10", "day"),
    ("في جوان 2021", "جوان 2021", "2021-06", "gregorian", "2021-06", "month"),
    ("في جويلية 2020", "جويلية 2020", "2020-07", "gregorian", "2020-07", "month"),
    ("في 30 يوليوز 2019", "30 يوليوز 2019", "2019-07-30", "gregorian", "2019-07-30", "day"),
    ("في 20 غشت 2018", "20 غشت 2018", "2018-08-20", "gregorian", "2018-08-20", "day"),
    ("في أوت 2017", "أوت 2017", "2017-08", "gregorian", "2017-08", "month"),
    ("في شتنبر 2016", "شتنبر 2016", "2016-09", "gregorian", "2016-09", "month"),
    ("في نونبر 2015", "نونبر 2015", "2015-11", "gregorian", "2015-11", "month"),
    ("في دجنبر 2014", "دجنبر 2014", "2014-12", "gregorian", "2014-12", "month"),
    ("في أفريل 2013", "أفريل 2013", "2013-04", "gregorian", "2013-04", "month"),
    # Dual names
    ("في شباط/فبراير 2025", "شباط/فبراير 2025", "2025-02", "gregorian", "2025-02", "month"),
    ("في شباط (فبراير) 2025", "شباط (فبراير) 2025", "2025-02", "gregorian", "2025-02", "month"),
    ("في 12 فبراير/شباط 2025", "12 فبراير/شباط 2025", "2025-02-12", "gregorian", "2025-02-12", "day"),
    ("في 24 يوليو تموز 2015", "24 يوليو تموز 2015", "2015-07-24", "gregorian", "2015-07-24", "day"),
    ("في مايو يونيو 2015 و", "يونيو 2015", "2015-06", "gregorian", "2015-06", "month"),  # a list
    # Weekdays belong to the span
    ("الجمعة 05 ديسمبر 2025", "الجمعة 05 ديسمبر 2025", "2025-12-05", "gregorian", "2025-12-05", "day"),
    ("يوم الجمعة، 15 أغسطس 2025", "يوم الجمعة، 15 أغسطس 2025", "2025-08-15", "gregorian", "2025-08-15", "day"),
    ("يوم الإثنين الموافق 18 أغسطس 2025", "يوم الإثنين الموافق 18 أغسطس 2025", "2025-08-18", "gregorian",
     "2025-08-18", "day"),
    # Hijri, with aliases and suffixes
    ("14 جمادى الثانية 1447", "14 جمادى الثانية 1447", "1447-06-14", "hijri", "2025-12-05", "day"),
    ("في 14 جمادى الآخرة 1447", "14 جمادى الآخرة 1447", "1447-06-14", "hijri", "2025-12-05", "day"),
    ("في 14 جمادي الاخرة 1447هـ", "14 جمادي الاخرة 1447هـ", "1447-06-14", "hijri", "2025-12-05", "day"),
    ("في 1 ربيع الأول 1447", "1 ربيع الأول 1447", "1447-03-01", "hijri", "2025-08-24", "day"),
    ("في 1 ربيع الأولى 1447", "1 ربيع الأولى 1447", "1447-03-01", "hijri", "2025-08-24", "day"),
    ("في 10 ذي الحجة 1446 هـ", "10 ذي الحجة 1446 هـ", "1446-12-10", "hijri", "2025-06-06", "day"),
    ("في 10 ذو الحجة 1446 ه", "10 ذو الحجة 1446 ه", "1446-12-10", "hijri", "2025-06-06", "day"),
    ("في 1447/06/14هـ", "1447/06/14هـ", "1447-06-14", "hijri", "2025-12-05", "day"),
    ("في 14/6/1447", "14/6/1447", "1447-06-14", "hijri", "2025-12-05", "day"),
    ("في رمضان 1446 هـ", "رمضان 1446 هـ", "1446-09", "hijri", "2025-03-01", "month"),
    ("في عام 1447 هـ", "عام 1447 هـ", "1447", "hijri", "2025-06-26", "year"),
    ("في 1436هـ", "1436هـ", "1436", "hijri", "2014-10-25", "year"),
    # English
    ("— Riyadh (@x) June 28, 2025", "June 28, 2025", "2025-06-28", "gregorian", "2025-06-28", "day"),
    ("on 28 June 2025.", "28 June 2025", "2025-06-28", "gregorian", "2025-06-28", "day"),
    ("Friday, June 27, 2025", "Friday, June 27, 2025", "2025-06-27", "gregorian", "2025-06-27", "day"),
    ("in June 2025.", "June 2025", "2025-06", "gregorian", "2025-06", "month"),
    ("on Sept. 3, 2024", "Sept. 3, 2024", "2024-09-03", "gregorian", "2024-09-03", "day"),
    # Numeric: year first, else day first
    ("بتاريخ 2025/02/12", "2025/02/12", "2025-02-12", "gregorian", "2025-02-12", "day"),
    ("بتاريخ 12/2/2025", "12/2/2025", "2025-02-12", "gregorian", "2025-02-12", "day"),
    ("بتاريخ 12-02-2025", "12-02-2025", "2025-02-12", "gregorian", "2025-02-12", "day"),
    ("بتاريخ 12.02.2025", "12.02.2025", "2025-02-12", "gregorian", "2025-02-12", "day"),
    ("بتاريخ ١٢/٢/٢٠٢٥", "١٢/٢/٢٠٢٥", "2025-02-12", "gregorian", "2025-02-12", "day"),
    ("الموافق 9 - 4 - 2015م حيث", "9 - 4 - 2015م", "2015-04-09", "gregorian", "2015-04-09", "day"),
    ("وتاريخ 20 / 1 / 1419ه.", "20 / 1 / 1419ه", "1419-01-20", "hijri", "1998-05-16", "day"),
    # Arabic-Indic digits
    ("في ١٥ أغسطس ٢٠٢٥", "١٥ أغسطس ٢٠٢٥", "2025-08-15", "gregorian", "2025-08-15", "day"),
    ("في عام ٢٠٢٥", "عام ٢٠٢٥", "2025", "gregorian", "2025", "year"),
    # Month-year, including a reversed RTL line
    ("في فبراير 2025.", "فبراير 2025", "2025-02", "gregorian", "2025-02", "month"),
    ("دخلت ،2025 يناير في", "2025 يناير", "2025-01", "gregorian", "2025-01", "month"),
    # Years behind cues
    ("في عام 2025 تحولات", "عام 2025", "2025", "gregorian", "2025", "year"),
    ("في 2022، جرى", "2022", "2022", "gregorian", "2022", "year"),
    ("خلال سنة 2024 كان", "سنة 2024", "2024", "gregorian", "2024", "year"),
    ("في العام 2025 كان", "العام 2025", "2025", "gregorian", "2025", "year"),
    ("ميزانية لعام 2025 كبيرة", "لعام 2025", "2025", "gregorian", "2025", "year"),
    ("تأسست 1932م في", "1932م", "1932", "gregorian", "1932", "year"),
    ("منذ 2014، لم", "2014", "2014", "gregorian", "2014", "year"),
    ("قانون (2025):", "(2025)", "2025", "gregorian", "2025", "year"),
]


@pytest.mark.parametrize(("text", "span", "value", "calendar", "gregorian", "granularity"), CASES)
def test_form(text, span, value, calendar, gregorian, granularity) -> None:
    m = _one(text)
    assert (m.text, m.value, m.calendar, m.gregorian, m.granularity) == (span, value, calendar, gregorian, granularity)
    assert m.inferred_year is False


def test_day_range_sharing_a_month_gives_both_days() -> None:
    found = extract_dates("في بكين (22 إلى 30 أغسطس/آب 2015). وأكدت")
    assert [(m.text, m.value, m.note) for m in found] == [
        ("22", "2015-08-22", "first day of a range"),
        ("30 أغسطس/آب 2015", "2015-08-30", ""),
    ]
    assert [m.value for m in extract_dates("بين 3 و15 مايو 2024 كان")] == ["2024-05-03", "2024-05-15"]
    assert [m.value for m in extract_dates("من 30 - 2 مايو 2024")] == ["2024-05-02"]
    assert extract_dates("قتل 3 و4 أشخاص", "2025-01-01") == []
    # "القادم" after a range applies to both days, even after an explicit older year.
    found = extract_dates("في عام 2014 و3 مارس 2014.\nحددت يومي 7 و14 أكتوبر القادم", "2015-08-03")
    assert [m.value for m in found[-2:]] == ["2015-10-07", "2015-10-14"]


def test_dual_cue_gives_both_years() -> None:
    found = extract_dates("بين عامي 2017 و2021 كانت")
    assert [(m.text, m.value, m.granularity) for m in found] == [("عامي 2017", "2017", "year"), ("2021", "2021", "year")]


NOT_DATES = [
    "استغرق الاتصال 90 دقيقة",
    "في غضون 24 ساعة",
    "لمدة 30 يومًا",
    "بنسبة 500% على",
    "على %50 من",
    "على ٪٥٠ من",
    "أكثر من 1,000 شخص",
    "نشر 2000 جندي",
    "في 2000 جندي",
    "قبل 1500 عام",
    # (Relative words were listed here until issue 12: they are now counted from the article's
    # date, see test_dates_relative.py.)
    "القيمة 3.2025 تقريبا",
    "اتصل على 0501234567",
    "بتاريخ 31/02/2025",  # impossible day
    "بتاريخ 12/13/2025",  # day first: month 13 is impossible, never swapped
    "في 30 فبراير 2024",
    "في 31 رجب 1447",  # no Hijri month has 31 days
    "رمضان 2025",  # Hijri month named by its Gregorian year: no single date
    "5 صفر",  # also "zero"
    "الصفحة 68",
    "موقعها.1 وفي",
    "حكم البلاد بين عامي 1320 و1318 قبل الميلاد",  # BCE
    "في عام 1250 ق.م",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert extract_dates(text, "2025-06-01") == []


def test_weekday_mismatch_is_flagged() -> None:
    m = _one("الخميس 05 ديسمبر 2025")
    assert m.value == "2025-12-05"
    assert "weekday mismatch" in m.note and "الجمعة" in m.note


def test_weekday_match_has_no_note() -> None:
    assert _one("يوم الجمعة 15 أغسطس 2025").note == ""


def test_hijri_out_of_range_is_kept_unconverted() -> None:
    for text, value in [("في 5 رمضان 1300", "1300-09-05"), ("في 1 محرم 1501", "1501-01-01")]:
        m = _one(text)
        assert (m.value, m.calendar, m.gregorian) == (value, "hijri", None)
        assert "outside 1343–1500" in m.note


def test_hijri_day_missing_from_umm_al_qura_is_kept_unconverted() -> None:
    m = _one("في 30 جمادى الثانية 1447")  # that month has 29 days in Umm al-Qura
    assert (m.value, m.gregorian) == ("1447-06-30", None)
    assert "Umm al-Qura" in m.note


def test_hijri_month_gregorian_is_first_day_and_says_so() -> None:
    m = _one("في رمضان 1446 هـ")
    assert m.gregorian == "2025-03-01" and "first day" in m.note


def test_year_from_article_date() -> None:
    m = _one("صرح يوم 17 فبراير أنه", "2025-12-05")
    assert (m.value, m.inferred_year, m.note) == ("2025-02-17", True, "year from article date")


def test_year_from_nearby_date_beats_article_date() -> None:
    found = extract_dates("اتصال في 12 فبراير 2024.\nثم لقاء في 17 مارس بعده", "2025-12-05")
    assert [(m.value, m.inferred_year, m.note) for m in found] == [
        ("2024-02-12", False, ""),
        ("2024-03-17", True, "year from nearby date"),
    ]


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [
        ("صدر في 11 يونيو الماضي", "2025-06-11", "year from article date (last)"),
        ("وقع في 11 سبتمبر الماضي", "2024-09-11", "year from article date (last)"),
        ("يعقد في 22 ديسمبر المقبل", "2025-12-22", "year from article date (next)"),
        ("يعقد في 5 يناير القادم", "2026-01-05", "year from article date (next)"),
        ("يستمر حتى 31 أغسطس (آب) الحالي", "2025-08-31", "year from article date (current)"),
        ("مباراة 15 أغسطس الجاري", "2025-08-15", "year from article date (current)"),
    ],
)
def test_last_and_next_resolve_against_the_article_date(text, value, note) -> None:
    # A nearby explicit year must not override "الماضي"/"المقبل", which count from publication.
    found = extract_dates("في 3 مارس 2010 بدأ.\n" + text, "2025-08-03")
    assert (found[-1].value, found[-1].note) == (value, note)


def test_english_yearless_and_hijri_yearless_inference() -> None:
    assert _one("on Jun. 28 he", "2025-01-01").value == "2025-06-28"
    m = _one("في 17 رمضان", "2025-03-01")
    assert (m.value, m.calendar, m.gregorian, m.inferred_year) == ("1446-09-17", "hijri", "2025-03-17", True)


def test_yearless_without_any_year_is_dropped() -> None:
    assert extract_dates("في 17 مارس") == []


def test_header_gives_article_date_and_both_halves() -> None:
    text = "عاجل\nالجمعة 05 ديسمبر 2025 الموافق 14 جمادى الثانية 1447\nرئيس التحرير\nقال يوم 17 فبراير إن"
    assert article_date_from_header(text) == ("2025-12-05", [])
    found = extract_dates(text)
    assert [(m.calendar, m.value, m.gregorian) for m in found] == [
        ("gregorian", "2025-12-05", "2025-12-05"),
        ("hijri", "1447-06-14", "2025-12-05"),
        ("gregorian", "2025-02-17", "2025-02-17"),
    ]
    assert found[2].note == "year from article date"


def test_header_hijri_mismatch_is_noted() -> None:
    text = "الجمعة 05 ديسمبر 2025 الموافق 15 جمادى الثانية 1447\nنص الخبر"
    date, notes = article_date_from_header(text)
    assert date == "2025-12-05"
    assert len(notes) == 1 and "hijri/gregorian mismatch" in notes[0] and "2025-12-06" in notes[0]
    hijri = extract_dates(text)[1]
    assert "hijri/gregorian mismatch" in hijri.note


def test_body_pairs_are_checked_in_either_order() -> None:
    good = extract_dates("توفي يوم الجمعة 24 يوليو 2015م الموافق 8 شوال 1436هـ، رحمه الله")
    assert [m.note for m in good] == ["", ""]
    bad = extract_dates("صدر في 9 شوال 1436هـ الموافق 24 يوليو 2015م")
    assert "hijri/gregorian mismatch" in bad[0].note and "2015-07-25" in bad[0].note
    assert bad[1].note == ""


def test_header_weekday_mismatch_is_noted() -> None:
    date, notes = article_date_from_header("الخميس 05 ديسمبر 2025\nنص")
    assert date == "2025-12-05" and notes and "weekday mismatch" in notes[0]


def test_event_date_in_a_sentence_is_not_a_header() -> None:
    text = "عنوان\nتم الإعلان عن لقاء مرتقب بين الزعيمين في ولاية ألاسكا يوم 15 أغسطس 2025. رغم أن"
    assert article_date_from_header(text) == (None, [])


def test_offsets_survive_invisible_marks_and_no_break_spaces() -> None:
    text = "قال\u200f في 14 جمادى\u00a0الثانية 1447 إن"
    m = _one(text)
    assert m.text == "14 جمادى\u00a0الثانية 1447" and text[m.start : m.end] == m.text


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="text must be str"):
        extract_dates(None)  # type: ignore[arg-type]
    assert extract_dates("") == []
    # A malformed article date is ignored rather than trusted or raised on.
    assert extract_dates("في 17 مارس", "not a date") == []
    assert article_date_from_header("") == (None, [])
