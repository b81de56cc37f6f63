"""Every date in the five corpus articles, read and checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.analysis.dates import article_date_from_header, extract_dates

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# (text, value, calendar, gregorian, granularity, inferred_year)
EXPECTED = {
    "000": [("June 28, 2025", "2025-06-28", "gregorian", "2025-06-28", "day", False)],
    "001": [
        # Dated header: Friday 5 December 2025 = 14 Jumada II 1447 (checked with hijridate).
        ("الجمعة 05 ديسمبر 2025", "2025-12-05", "gregorian", "2025-12-05", "day", False),
        ("14 جمادى\u00a0الثانية 1447", "1447-06-14", "hijri", "2025-12-05", "day", False),
        ("يوم 17 فبراير", "2025-02-17", "gregorian", "2025-02-17", "day", True),
        ("19 فبراير", "2025-02-19", "gregorian", "2025-02-19", "day", True),
        # "31 يناير الثاني" (sic): January 31, the stray الثاني is not part of the date.
        ("31 يناير", "2025-01-31", "gregorian", "2025-01-31", "day", True),
    ],
    "003": [
        ("2025", "2025", "gregorian", "2025", "year", False),  # title: "في 2025.."
        ("عام 2025", "2025", "gregorian", "2025", "year", False),
        ("7 مايو 2025", "2025-05-07", "gregorian", "2025-05-07", "day", False),
        ("فبراير 2025", "2025-02", "gregorian", "2025-02", "month", False),
        ("12 فبراير 2025", "2025-02-12", "gregorian", "2025-02-12", "day", False),  # phone call
        ("فبراير 2025", "2025-02", "gregorian", "2025-02", "month", False),
        ("18 فبراير 2025", "2025-02-18", "gregorian", "2025-02-18", "day", False),  # Riyadh meeting
        ("يناير 2025", "2025-01", "gregorian", "2025-01", "month", False),
        ("(2025)", "2025", "gregorian", "2025", "year", False),  # قانون معاقبة روسيا (2025)
        ("عام 2025", "2025", "gregorian", "2025", "year", False),
    ],
    "004": [
        ("يوم 15 أغسطس 2025", "2025-08-15", "gregorian", "2025-08-15", "day", False),
        ("عام 1991", "1991", "gregorian", "1991", "year", False),
    ],
}


def _article(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _rows(text: str) -> list[tuple]:
    rows = []
    for m in extract_dates(text):
        assert text[m.start : m.end] == m.text
        rows.append((m.text, m.value, m.calendar, m.gregorian, m.granularity, m.inferred_year))
    return rows


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_date_in_article(prefix: str) -> None:
    assert _rows(_article(prefix)) == EXPECTED[prefix]


def test_001_header_is_the_article_date_and_consistent() -> None:
    text = _article("001")
    assert article_date_from_header(text) == ("2025-12-05", [])
    inferred = [m for m in extract_dates(text) if m.inferred_year]
    assert all(m.note == "year from article date" for m in inferred)


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_articles_without_dated_header(prefix: str) -> None:
    assert article_date_from_header(_article(prefix)) == (None, [])


def test_002_normal_order_years_and_reversed_line() -> None:
    text = _article("002")
    rows = _rows(text)
    values = [r[1] for r in rows]
    # Lines in normal order: "على أوكرانيا عام 2022،", "تجاه أوكرانيا عام 2021", "في عام 2025،".
    for expected in [("عام 2022", "2022"), ("عام 2021", "2021"), ("عام 2025", "2025")]:
        assert expected in [(r[0], r[1]) for r in rows]
    # Reversed PDF line "دخلت ،2025 يناير في": January 2025 or nothing, never a wrong date.
    reversed_line = [r for r in rows if "يناير" in r[0]]
    assert all(r[1] == "2025-01" and r[4] == "month" for r in reversed_line)
    # Durations, percentages, footnote marks and page numbers are not dates.
    assert set(values) <= {"2025-01", "2022", "2021", "2025"}
    assert not any(r[0] in {"90", "24", "30", "50", "68"} for r in rows)
