"""Metadata recognised in plain text: dated headers, bylines, credit lines, titles, boilerplate."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.boilerplate import find_folds
from tui.corpus.metadata import extract, find_header_date, header_date, make_title

AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["", "الجمعة ", "السبت، ", "يوم الاثنين ", "الأربعاء "]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "line,iso",
    [
        ("الجمعة 05 ديسمبر 2025 الموافق 14 جمادى الثانية 1447", "2025-12-05"),
        ("الخميس، ٧ مايو ٢٠٢٥", "2025-05-07"),
        ("السبت 1 أيار 2021 - 10:30", "2021-05-01"),
        ("Friday, 5 December 2025", "2025-12-05"),
        ("June 28, 2025", "2025-06-28"),
        ("14 اغسطس 2019م", "2019-08-14"),
        ("في 12 فبراير 2025، أجرى الرئيس مكالمة", None),  # a sentence, not a header
        ("32 مايو 2025", None),
        ("عاجل", None),
    ],
)
def test_header_date(line: str, iso: str | None) -> None:
    assert header_date(line) == iso


@settings(max_examples=200)
@given(
    day=st.integers(1, 28),
    month=st.integers(1, 12),
    year=st.integers(1990, 2099),
    names=st.sampled_from([AR_MONTHS, LEVANT, EN]),
    weekday=st.sampled_from(WEEKDAYS),
    indic=st.booleans(),
    hijri=st.booleans(),
)
def test_header_date_any_month_spelling(day, month, year, names, weekday, indic, hijri) -> None:
    line = f"{weekday}{day:02d} {names[month - 1]} {year}"
    if hijri:
        line += " الموافق 3 رجب 1446"
    if indic:
        line = line.translate(INDIC)
    assert header_date(line) == f"{year:04d}-{month:02d}-{day:02d}"


def _meta(text: str):
    header = find_header_date(text)
    folds = find_folds(text, date_line=header[0] if header else None)
    return extract(text, folds, header=header), folds


@pytest.mark.parametrize(
    "line,name",
    [
        ("كتبت: فاطمة إسماعيل", "فاطمة إسماعيل"),
        ("كتب - محمد علي", "محمد علي"),
        ("بقلم: د. أحمد زكي", "د. أحمد زكي"),
        ("بقلم أحمد زكي", "أحمد زكي"),
        (" محمد تشاغاتاي غولر*", "محمد تشاغاتاي غولر"),
        ("By John Smith", "John Smith"),
    ],
)
def test_author_lines(line: str, name: str) -> None:
    meta, _ = _meta(f"العنوان هنا\n{line}\nنص الخبر الطويل بما يكفي ليكون فقرة.")
    assert meta.author == name
    assert meta.title == "العنوان هنا"


def test_a_sentence_starting_with_kataba_is_no_byline() -> None:
    meta, _ = _meta("العنوان\nكتب الرئيس رسالة إلى نظيره الروسي\nنص.")
    assert meta.author is None


def test_author_line_first_is_not_the_title() -> None:
    meta, _ = _meta("كتب: علي حسن\n\nالعنوان الحقيقي\nنص.")
    assert (meta.author, meta.title) == ("علي حسن", "العنوان الحقيقي")


@pytest.mark.parametrize(
    "line,source",
    [
        ("تابع موقع تحيا مصر علي", "تحيا مصر"),
        ("- للمزيد : تابع العاصمة والناس، وللتواصل الاجتماعي تابعنا على فيسبوك وتويتر .", "العاصمة والناس"),
        ("المصدر: وكالة الأنباء السعودية", "وكالة الأنباء السعودية"),
    ],
)
def test_source_lines(line: str, source: str) -> None:
    meta, _ = _meta(f"العنوان\nنص الخبر.\n{line}")
    assert meta.source == source


def test_sentence_starting_with_taba_is_not_boilerplate() -> None:
    text = "العنوان\nتابع الرئيس حديثه قائلا إن المفاوضات مستمرة.\nنص."
    meta, folds = _meta(text)
    assert folds == [] and meta.source is None


def test_masthead_and_breaking_are_skipped_for_the_title() -> None:
    text = "عاجل\nالجمعة 05 ديسمبر 2025\nرئيس التحرير\nعمرو الديب\n\nالعنوان الحقيقي\nنص."
    meta, folds = _meta(text)
    assert meta.title == "العنوان الحقيقي" and meta.date == "2025-12-05"
    assert [f.kind for f in folds] == ["breaking", "masthead", "masthead", "masthead"]


@pytest.mark.parametrize("line", ["اقرأ أيضا", "إقرأ أيضاً: قصة أخرى", "اقرا ايضا", "- اقرأ أيضًا"])
def test_read_also_variants(line: str) -> None:
    _, folds = _meta(f"العنوان\nنص.\n{line}\nنص آخر.")
    assert [f.kind for f in folds] == ["read-also"]


def test_running_head_after_page_number_names_the_journal() -> None:
    body = "\n".join(["فقرة طويلة من البحث تنتهي بنقطة."] * 4)
    text = f"الكاتب*\n\nعنوان البحث\n{body}\n\n   68\n\nالكاتبالأبحاث - الدراسات\n\nRouya Turkiyyah\n\n{body}"
    meta, folds = _meta(text)
    assert meta.source == "Rouya Turkiyyah" and meta.author == "الكاتب"
    assert [f.kind for f in folds] == ["page-number", "running-head", "running-head"]


def test_today_date_in_the_opening() -> None:
    meta, _ = _meta("العنوان\nفي تصريحات أدلت بها اليوم، 7 مايو 2025، قالت المتحدثة.")
    assert meta.date == "2025-05-07"


def test_make_title_of_a_paragraph() -> None:
    para = "يشهد مسار العلاقات تحولًا إيجابيًا، حيث يسود مناخ من الحوار " + "و" * 200
    assert make_title(para) == "يشهد مسار العلاقات تحولًا إيجابيًا"
    assert make_title("عنوان قصير") == "عنوان قصير"


@settings(max_examples=150)
@given(st.lists(st.sampled_from([
    "عاجل", "رئيس التحرير", "عمرو الديب", "اقرأ أيضا", "تابع موقع الخبر", "", "12", "نص عادي هنا.",
    "الجمعة 05 ديسمبر 2025", "شارك", "فيسبوك | تويتر", "بوتين وترامب", "Rouya Turkiyyah", "كتب: علي",
]), max_size=30))
def test_folds_are_ordered_disjoint_whole_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    meta, folds = _meta(text)
    end = 0
    for f in folds:
        assert end <= f.start < f.end <= len(text)
        assert (f.start == 0 or text[f.start - 1] == "\n") and (f.end == len(text) or text[f.end] == "\n")
        end = f.end
    assert "\n" not in meta.title


@pytest.mark.parametrize("headline", ["رئيس التحرير يتلقى عدداً من التهاني", "المدير العام لحرس الحدود يعزي أسر الشهيدين"])
def test_headline_about_an_editor_is_not_a_masthead(headline: str) -> None:
    meta, folds = _meta(f"{headline}\n\nنص الخبر.")
    assert folds == [] and meta.title == headline


def test_masthead_with_colon() -> None:
    meta, folds = _meta("رئيس التحرير: عمرو الديب\nالعنوان\nنص.")
    assert [f.kind for f in folds] == ["masthead"] and meta.title == "العنوان"


@pytest.mark.parametrize("line", ["شارك", "شارك المقال", "فيسبوك | تويتر | واتساب", "Share on Facebook"])
def test_share_lines_are_folded(line: str) -> None:
    _, folds = _meta(f"العنوان\nنص الخبر.\n{line}")
    assert [f.kind for f in folds] == ["share"]


def test_markdown_heading_marks_are_not_part_of_the_title() -> None:
    assert make_title("# عنوان المقال") == "عنوان المقال"
    assert make_title("**عنوان المقال**") == "عنوان المقال"
