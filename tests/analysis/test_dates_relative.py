"""Relative, ordinal, glossed and season dates (issue 12), on phrases from real Saudi news.

Each phrase is quoted from a SaudiNewsNet article (or follows one closely); values are counted
from the article's date as a reader would, and checked by hand (2015-08-01 was a Saturday).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis.dates import extract_dates, sortable
from tui.text import calendar_names as names

SAT = "2015-08-01"  # Saturday
SUN = "2015-08-02"
MON = "2015-08-03"
TUE = "2015-08-04"


def _rows(text: str, article_date: str | None, **kw) -> list[tuple[str, str | None, str]]:
    out = []
    for m in extract_dates(text, article_date, **kw):
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.value, m.relative))
    return out


CASES = [
    # (text, article date, [(span, value, relative kind)])
    ("عند الساعة 14:08 مساء أمس الجمعة.", SAT, [("مساء أمس الجمعة", "2015-07-31", "day")]),
    ("قدمت الولايات المتحدة, أمس, خطوات عملية", TUE, [("أمس", "2015-08-03", "day")]),
    ("الذي عقد ظهر أمس استقبال أمير قطر", TUE, [("ظهر أمس", "2015-08-03", "day")]),
    ("عن حالة الطقس لهذا اليوم ـ بمشيئة الله", MON, [("لهذا اليوم", "2015-08-03", "day")]),
    ("تعافى من إصابة الكتف، أمس الأول.", SAT, [("أمس الأول", "2015-07-30", "day")]),
    ("قال مسؤولو صحة في مدينة نيويورك، أول من أمس السبت، إن", MON, [("أول من أمس السبت", "2015-08-01", "day")]),
    ("غيابه عن مواجهة السد، غداً الأحد.", SAT, [("غداً الأحد", "2015-08-02", "day")]),
    ("غيابه عن مواجهة الغد الودية", SAT, [("الغد", "2015-08-02", "day")]),
    ("تحتفي السفارة، مساء اليوم السبت، ببعثة الفريق", SAT, [("مساء اليوم السبت", "2015-08-01", "day")]),
    ("تعهد بارزاني، اليوم (الاثنين)، بالانتقام", MON, [("اليوم (الاثنين)", "2015-08-03", "day")]),
    ("قامت بعض وسائل الإعلام قبل يومين بعرض أفلام", TUE, [("قبل يومين", "2015-08-02", "day")]),
    ("التوقيع معه قبل خمسة أيام، وكان في استقباله", TUE, [("قبل خمسة أيام", "2015-07-30", "day")]),
    ("في ذهاب نهائي كأس ليبرتادوريس، الأربعاء الماضي، أمام", SAT, [("الأربعاء الماضي", "2015-07-29", "weekday")]),
    ("قناة السويس الجديدة المقرر له يوم الخميس المقبل.", SUN, [("يوم الخميس المقبل", "2015-08-06", "weekday")]),
    ("غارة جوية منذ مساء الخميس مستهدفة مواقع", SAT, [("مساء الخميس", "2015-07-30", "weekday")]),
    ("أن تعلن اللجنة عن هذه الأمور الأسبوع المقبل عقب", SUN, [("الأسبوع المقبل", "2015-W32", "week")]),
    ("وفاة زعيمها الملا عمر الأسبوع الماضي.", TUE, [("الأسبوع الماضي", "2015-W31", "week")]),
    ("قد استقبل الشهر الماضي عادل البطي", MON, [("الشهر الماضي", "2015-07", "month")]),
    ("خلال العام الماضي ، فسوف تستمر", TUE, [("العام الماضي", "2014", "year")]),
    ("كما سيتم خلال هذا العام تفعيل بدائل", TUE, [("هذا العام", "2015", "year")]),
    ("عن نفس الفترة من العام السابق، وارتفع", MON, [("العام السابق", "2014", "year")]),
    ("المشهد الميداني في ريف إدلب أواخر العام الماضي.", SAT, [("أواخر العام الماضي", "2014", "year")]),
    ("في معركة الجنوب في الشتاء الماضي، حين", MON, [("الشتاء الماضي", "2014-24", "season")]),
    # Ordinal, numbered and glossed dates
    ("منذ العاشر من يوليو (تموز) الحالي في منطقة برونكس", MON, [("العاشر من يوليو (تموز) الحالي", "2015-07-10", "")]),
    ("وفي الثالث من أغسطس (آب) العام الماضي قام المتطرفون", MON,
     [("الثالث من أغسطس (آب) العام الماضي", "2014-08-03", "year")]),
    ("إياب البطولة المقرر في الخامس من أغسطس المقبل.", SAT, [("الخامس من أغسطس المقبل", "2015-08-05", "")]),
    ("التي ستكون في الحادي والعشرين من الشهر الجاري", SAT, [("الحادي والعشرين من الشهر الجاري", "2015-08-21", "month")]),
    ("خلال الفترة من 21 وحتى 23 من الشهر الحالي في مطار الباحة", SUN,
     [("21", "2015-08-21", "month"), ("23 من الشهر الحالي", "2015-08-23", "month")]),
    ("منح اللاعبين إجازة حتى يوم الجمعة الـ7 من أغسطس، الذي", SUN, [("يوم الجمعة الـ7 من أغسطس", "2015-08-07", "")]),
    ("في برونكس في ديسمبر (كانون الأول) عام 2014.", MON, [("ديسمبر (كانون الأول) عام 2014", "2014-12", "")]),
    ("بالدستور الصادر في 18 يناير عام 2014 من 568 عضوًا", SUN, [("18 يناير عام 2014", "2014-01-18", "")]),
    ("الطائفة الايزيدية في صيف 2014.", MON, [("صيف 2014", "2014-22", "")]),
    ("مع منتصف شهر يوليو الماضي.", MON, [("منتصف شهر يوليو الماضي", "2015-07", "")]),
    ("حتى نهاية شهر يوليو من هذا العام ٢٠١٥، مقارنة", MON, [("نهاية شهر يوليو من هذا العام ٢٠١٥", "2015-07", "")]),
    ("في شهر سبتمبر المقبل، على غرار", SAT, [("شهر سبتمبر المقبل", "2015-09", "")]),
    ("لكن لسوء الحظ جاءت أحداث 11 سبتمبر بعد عشر سنوات", TUE, [("11 سبتمبر", "2001-09-11", "")]),
    ("التي ستبدأ في 7 من ذي القعدة المقبل، حيث", MON, [("7 من ذي القعدة المقبل", "1436-11-07", "")]),
    # Wire-service weekdays: bare, right after the subject, opening the reported clause
    ("أعلن الحرس المدني الاثنين أن مغربيا في السابعة والعشرين", MON, [("الاثنين", "2015-08-03", "weekday")]),
    ("قال مجلس الوزراء الصيني الأحد إن الصين ستوسع", MON, [("الأحد", "2015-08-02", "weekday")]),
    ("قال نائب مندوب السودان بالأمم المتحدة، الاثنين، إن الرئيس", TUE, [("الاثنين", "2015-08-03", "weekday")]),
    ("وقتل شرطيان الجمعة في هجوم استهدف مقرا للشرطة", SAT, [("الجمعة", "2015-07-31", "weekday")]),
    ("ومن مصر سينتقل كيري الاثنين الى الدوحة حيث", SAT, [("الاثنين", "2015-08-03", "weekday")]),
    ("المزمع انطلاقته رسمياً غد الأربعاء؛ إطلاقها", TUE, [("غد الأربعاء", "2015-08-05", "day")]),
    ("صافي الخسارة للربع الثاني من السنة المالية 2015، مبلغ", MON, [("السنة المالية 2015", "2015", "")]),
]


@pytest.mark.parametrize("text, art, want", CASES, ids=[c[0][:28] for c in CASES])
def test_real_phrase(text: str, art: str, want: list) -> None:
    assert _rows(text, art) == want


NOT_DATES = [
    # Newspapers named اليوم / عين اليوم, "the day" as a noun, "nowadays", generic weekdays.
    ("فيصل المخلفي – عين اليوم", MON),
    ("وقال لـ«اليوم» إن الفريق", MON),
    ("على مدى ساعات اليوم أو أيام الأسبوع", SUN),
    ("في اليوم التالي للحادث", SUN),
    ("بمناسبة اليوم الوطني", SUN),
    ("أما اليوم، فإن الحوار المفتوح", SUN),
    ("وكأنه حدث بالأمس القريب.", TUE),
    ("بعد أداء صلاة الجمعة في المسجد", SAT),
    ("في مثل هذا اليوم من عام", SAT),
    ("استعدادا للموسم الرياضي المقبل", MON),
    ("أهمية البداية الجادة للعام الدراسي المقبل", TUE),
    ("قال الأمين العام السابق للمنظمة", TUE),
    ("وكان المدير العام الحالي قد أعلن", TUE),
    ("مارس الرياضة منذ صغره", TUE),  # مارس: "he practised"
    # Bare weekdays that are not one day: a family name, "the two", a market or mosque, a weekly schedule
    ("الأمين العام لاتحاد القدم أحمد الخميس في عمله", SUN),
    ("وعدد المتوفين الاثنين الموجودين في المستشفى", SUN),
    ("الذي يقام بسوق الاثنين في المحافظة", SUN),
    ("ومسجد الخميس إلى ألف زائر", SUN),
    ("من الساعة العاشرة من الأحد إلى الخميس، مؤكدة", SUN),
    ("وطريب الأحد والإثنين والأربعاء والخميس في الأسبوع", SUN),
    ("بين الاثنين في المباراة", SUN),
]


@pytest.mark.parametrize("text, art", NOT_DATES)
def test_not_a_date(text: str, art: str) -> None:
    assert extract_dates(text, art, unresolved=True) == []


def test_a_weekday_followed_by_its_written_date_is_that_date() -> None:
    """«صباح يوم الأحد تاريخ 17/10/1436هـ» is the written day, not the Sunday before the article."""
    text = "يبدأ الطرح من الساعة 10:00 صباح يوم الأحد تاريخ 17/10/1436هـ."
    (m,) = extract_dates(text, SAT)
    assert (m.text, m.value, m.gregorian) == ("17/10/1436هـ", "1436-10-17", "2015-08-02")
    assert "mismatch" not in m.note  # 2015-08-02 was a Sunday
    (m,) = extract_dates("يوم الجمعة بتاريخ 15 أغسطس 2015", SAT)
    assert m.value == "2015-08-15" and "weekday mismatch" in m.note  # a Saturday: noted, not fixed


def test_a_historical_hijri_year_is_listed_and_says_it_is_not_converted() -> None:
    """«مصحف مخطوط في عام 857هـ»: three digits with the Hijri suffix; outside the Umm al-Qura
    table, so no Gregorian day is made up. A number before another word is not a year."""
    (m,) = extract_dates("لعل أهمها مصحف مخطوط في عام 857هـ، وهو أحد المخطوطات", SUN)
    assert (m.text, m.value, m.calendar, m.gregorian) == ("857هـ", "0857", "hijri", None)
    assert "not converted" in m.note
    assert extract_dates("بمساحة 150 هكتار", SUN) == []


def test_weekday_that_disagrees_is_noted_not_fixed() -> None:
    # An article of Sunday 2 August saying "أمس الجمعة": yesterday was Saturday.
    (m,) = extract_dates("وقع الحادث صباح أمس الجمعة في المدينة", SUN)
    assert m.value == "2015-08-01"  # the day counted, not the weekday written
    assert "weekday mismatch" in m.note and "الجمعة" in m.note and "السبت" in m.note


def test_without_an_article_date_nothing_is_guessed() -> None:
    text = "أعلنت الوزارة أمس أن الاجتماع سيعقد الأسبوع المقبل، كما حدث الشهر الماضي"
    assert extract_dates(text) == []  # by default only dates with a value
    rows = [(m.text, m.value, m.gregorian, m.relative) for m in extract_dates(text, unresolved=True)]
    assert rows == [("أمس", None, None, "day"), ("الأسبوع المقبل", None, None, "week"),
                    ("الشهر الماضي", None, None, "month")]
    assert all("no date" in m.note for m in extract_dates(text, unresolved=True))


def test_year_only_article_date_places_years_not_days() -> None:
    rows = _rows("زاد الإنتاج العام الماضي بنسبة كبيرة أمس", "2015", unresolved=True)
    assert rows == [("العام الماضي", "2014", "year"), ("أمس", None, "day")]


def test_written_date_wins_and_today_beside_it_is_not_counted_twice() -> None:
    # "اليوم، 7 مايو 2025": the written date says which day; no second mention for اليوم.
    assert _rows("أدلت بها اليوم، 7 مايو 2025، أن", "2025-05-08") == [("7 مايو 2025", "2025-05-07", "")]
    # The weekday belongs to the written Hijri date; "صباح أمس" stays a date of its own.
    rows = _rows("من صباح أمس الجمعة الموافق 15 / 10 / 1436ه، تعرض", SAT)
    assert rows[-1][1] == "1436-10-15"
    m = extract_dates("من صباح أمس الجمعة الموافق 15 / 10 / 1436ه، تعرض", SAT)[-1]
    assert m.gregorian == "2015-07-31" and "mismatch" not in m.note


def test_relative_year_disagreeing_with_written_year_is_noted() -> None:
    (m,) = extract_dates("مقارنة بنفس الفترة من العام الماضي 2013 تقريبا", MON)
    assert m.value == "2013" and "disagrees" in m.note


def test_ordinal_words_come_from_pyarabic() -> None:
    table = names.ordinal_days()
    assert table["العاشر"] == 10 and table["الحادي والعشرين"] == 21 and table["الثالث عشر"] == 13
    assert table["الخامسه عشره"] == 15 and table["الاول"] == 1 and table["الحادي والثلاثين"] == 31
    assert set(table.values()) == set(range(1, 32))


def test_week_and_season_values_sort_among_days() -> None:
    values = ["2015-08-03", "2015-W31", "2014-22", "2015-07", "2014"]
    assert sorted(values, key=sortable) == ["2014", "2014-22", "2015-07", "2015-W31", "2015-08-03"]


# -- properties -------------------------------------------------------------------------------

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
DAY_WORDS = [("أمس", -1), ("اليوم", 0), ("غدا", 1), ("أمس الأول", -2), ("أول من أمس", -2), ("بعد غد", 2)]


@settings(max_examples=150, deadline=None)
@given(days, st.sampled_from(DAY_WORDS), st.sampled_from(["", "صباح ", "مساء "]), st.booleans())
def test_day_words_count_from_any_article_date(day, word, tod, with_weekday) -> None:
    surface, offset = word
    target = day + dt.timedelta(days=offset)
    wd = f" {names.arabic_weekday_name(target.weekday())}" if with_weekday else ""
    text = f"وقال المتحدث {tod}{surface}{wd} إن الاجتماع انتهى"
    (m,) = extract_dates(text, day.isoformat())
    assert m.value == target.isoformat() and m.relative == "day"
    assert "mismatch" not in m.note


@settings(max_examples=150, deadline=None)
@given(days, st.integers(0, 6), st.sampled_from([("الماضي", -1), ("المقبل", 1)]))
def test_last_and_next_weekday_are_within_a_week(day, weekday, rel) -> None:
    word, sign = rel
    name = names.arabic_weekday_name(weekday)
    (m,) = extract_dates(f"انطلقت الفعالية يوم {name} {word} في الرياض", day.isoformat())
    got = dt.date.fromisoformat(m.value)
    assert got.weekday() == weekday
    assert 1 <= (got - day).days * sign <= 7


@settings(max_examples=150, deadline=None)
@given(days, st.integers(1, 28), st.integers(1, 12), st.booleans())
def test_ordinal_day_of_a_month_round_trips(day, n, month, with_year) -> None:
    from pyarabic.number import number2ordinal

    ordinal = number2ordinal(str(n)).replace("ون", "ين")
    month_name = next(k for k, v in names.gregorian_months().items() if v == month and " " not in k)
    year = f" {day.year}" if with_year else ""
    (m,) = extract_dates(f"تقام المباراة في {ordinal} من {month_name}{year} على الملعب", day.isoformat())
    assert m.value == f"{day.year:04d}-{month:02d}-{n:02d}"
