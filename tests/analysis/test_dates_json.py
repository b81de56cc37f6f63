"""`qari analyze --json` on a folder of dated news: date_source, resolved relative dates (issue 12)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tui.analysis.cli import run_analyze


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cache"))


TEXT = "الهلال يختبر جاهزيته اليوم\n\nأجرى الفريق صباح أمس حصته التدريبية، ويلتقي الأسبوع المقبل نظيره.\n"


def _analyze(paths, capsysbinary) -> dict:
    args = argparse.Namespace(paths=[str(p) for p in paths], json=True, repairs=False, no_cache=False)
    assert run_analyze(args) == 0
    return json.loads(capsysbinary.readouterr().out.decode("utf-8"))


def test_relative_dates_resolve_against_the_file_name_date(tmp_path: Path, capsysbinary) -> None:
    (tmp_path / "2015-08-02_alyaum_00965.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(TEXT, encoding="utf-8")
    doc = _analyze([tmp_path], capsysbinary)
    by_id = {a["id"]: a for a in doc["articles"]}
    dated, undated = by_id["2015-08-02_alyaum_00965"], by_id["undated"]
    assert (dated["date"], dated["date_source"]) == ("2015-08-02", "file name")
    assert (undated["date"], undated["date_source"]) == (None, None)
    rows = [(d["text"], d["value"], d.get("relative"), d.get("resolved")) for d in dated["dates"]]
    assert rows == [("اليوم", "2015-08-02", "day", True), ("صباح أمس", "2015-08-01", "day", True),
                    ("الأسبوع المقبل", "2015-W32", "week", True)]
    assert dated["dates"][2]["granularity"] == "week"
    # Without a date the same words are listed, unresolved: no value, never today's date.
    rows = [(d["text"], d["value"], d["gregorian"], d.get("resolved")) for d in undated["dates"]]
    assert rows == [("اليوم", None, None, False), ("صباح أمس", None, None, False), ("الأسبوع المقبل", None, None, False)]


def test_same_text_other_date_is_analysed_again(tmp_path: Path, capsysbinary) -> None:
    # The date comes from outside the file, so it is part of the cache key.
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "2015-08-02_x.txt").write_text(TEXT, encoding="utf-8")
    (b / "2015-08-05_x.txt").write_text(TEXT, encoding="utf-8")
    first = _analyze([a], capsysbinary)["articles"][0]["dates"][0]["value"]
    second = _analyze([b], capsysbinary)["articles"][0]["dates"][0]["value"]
    assert (first, second) == ("2015-08-02", "2015-08-05")
