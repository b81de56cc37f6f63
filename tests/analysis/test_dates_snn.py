"""Robustness over the 5,000 SaudiNewsNet articles (evaluation data; skipped when absent)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tui.analysis.dates import article_date_from_header, extract_dates

SNN = Path(os.environ.get("QARI_SNN", Path(__file__).resolve().parents[3] / "shared/data/saudinewsnet/articles"))


def test_every_article_yields_consistent_dates() -> None:
    if not SNN.is_dir():
        pytest.skip(f"SaudiNewsNet not found at {SNN}")
    total = 0
    for path in sorted(SNN.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        article_date_from_header(text)
        for m in extract_dates(text, path.name[:10]):  # files are named by publication date
            total += 1
            assert text[m.start : m.end] == m.text, path.name
            if m.calendar == "gregorian" and m.granularity == "day":
                dt.date.fromisoformat(m.value)
            if m.calendar == "hijri" and m.gregorian is None:
                assert m.note, (path.name, m)
    # Hand-checked samples put this corpus at roughly 3,000 dates; a collapse means a regression.
    assert total > 2500
