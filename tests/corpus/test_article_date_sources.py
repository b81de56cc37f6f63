"""The article's own date from every place a collection puts it, and where it came from (issue 12)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.corpus.load import load_file, load_paths
from tui.corpus.metadata import date_from_path

BODY = "وزير التعليم: بدء العام الدراسي بموعده\n\nأكد وزير التعليم أمس على أهمية البداية الجادة للعام الدراسي.\n"


def _one(path: Path):
    (art,) = load_file(path)
    return art


@pytest.mark.parametrize(
    "name, want",
    [
        ("2015-08-01_okaz_01096.txt", ("2015-08-01", "file name")),
        ("news/2015/08/04/wazir.txt", ("2015-08-04", "path")),
        ("20150803-sabq.txt", ("2015-08-03", "file name")),
        ("2015_08_02_alyaum.txt", ("2015-08-02", "file name")),
        ("000_09e1d80d0ae30e8d.txt", None),  # the embedded corpus: a hash is no date
        ("2015-13-01_x.txt", None),  # no month 13
        ("2015-02-30_x.txt", None),  # no 30 February
        ("report-12345678.txt", None),
    ],
)
def test_date_from_path(name: str, want) -> None:
    assert date_from_path(f"/data/{name}") == want


def test_file_name_gives_the_date(tmp_path: Path) -> None:
    f = tmp_path / "2015-08-04_alweeam_00921.txt"
    f.write_text(BODY, encoding="utf-8")
    art = _one(f)
    assert (art.date, art.date_source) == ("2015-08-04", "file name")


def test_dated_header_wins_over_file_name(tmp_path: Path) -> None:
    f = tmp_path / "2015-08-04_x.txt"
    f.write_text("الجمعة 05 ديسمبر 2025\n\n" + BODY, encoding="utf-8")
    art = _one(f)
    assert (art.date, art.date_source) == ("2025-12-05", "header")


def test_front_matter_wins_and_is_named(tmp_path: Path) -> None:
    f = tmp_path / "2015-08-04_x.md"
    f.write_text("---\ntitle: t\ndate: 2015-07-30\n---\n" + BODY, encoding="utf-8")
    art = _one(f)
    assert (art.date, art.date_source) == ("2015-07-30", "front matter")


def test_json_record_date_is_named(tmp_path: Path) -> None:
    f = tmp_path / "records.jsonl"
    f.write_text(json.dumps({"text": BODY, "date": "2015-08-02"}, ensure_ascii=False) + "\n", encoding="utf-8")
    art = _one(f)
    assert (art.date, art.date_source) == ("2015-08-02", "json")


def test_html_meta_and_json_ld(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    para = "أعلنت الوزارة أمس أن الاجتماع انتهى بنجاح كبير في الرياض. " * 8
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"عنوان","datePublished":"2015-08-02T09:00:00Z"}</script>'
    page = f"<html><head><title>عنوان</title>{ld}</head><body><article><h1>عنوان الخبر</h1><p>{para}</p></article></body></html>"
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    art = _one(f)
    assert (art.date, art.date_source) == ("2015-08-02", "html")


@pytest.mark.parametrize("kind", ["tsv", "csv", "jsonl"])
def test_sibling_manifest(tmp_path: Path, kind: str) -> None:
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "a1.txt").write_text(BODY, encoding="utf-8")
    (arts / "a2.txt").write_text(BODY, encoding="utf-8")
    rows = [("a1", "okaz", "2015-08-01 08:00:57", "http://x/1"), ("articles/a2.txt", "sabq", "2015-08-03", "")]
    if kind == "jsonl":
        text = "\n".join(json.dumps({"id": i, "source": s, "date_extracted": d, "url": u}) for i, s, d, u in rows)
    else:
        sep = "\t" if kind == "tsv" else ","
        text = "\n".join(sep.join(r) for r in [("id", "source", "date_extracted", "url"), *rows])
    # SaudiNewsNet keeps its manifest one folder above the articles.
    (tmp_path / f"manifest.{kind}").write_text(text + "\n", encoding="utf-8")
    res = load_paths([tmp_path])
    got = {a.id: (a.date, a.date_source, a.source) for a in res.articles}
    assert got == {"a1": ("2015-08-01", "manifest", "okaz"), "a2": ("2015-08-03", "manifest", "sabq")}
    assert [r for _, r in res.skipped] == ["manifest: read for the articles' dates and sources, not an article"]


def test_manifest_beats_file_name_and_bad_manifest_is_harmless(tmp_path: Path) -> None:
    f = tmp_path / "2015-08-04_x.txt"
    f.write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.tsv").write_text("id\tdate\n2015-08-04_x\t2015-08-03\n", encoding="utf-8")
    assert (_one(f).date, _one(f).date_source) == ("2015-08-03", "manifest")
    (tmp_path / "manifest.tsv").write_bytes(b"\x00\xff\xfe garbage \n\t\t\n")
    os.utime(tmp_path / "manifest.tsv", ns=(1, 1))  # a new version of the table, read again
    art = _one(f)
    assert (art.date, art.date_source) == ("2015-08-04", "file name") and art.ok


def test_undated_article_has_no_source(tmp_path: Path) -> None:
    f = tmp_path / "note.txt"
    f.write_text(BODY, encoding="utf-8")
    art = _one(f)
    assert (art.date, art.date_source) == (None, None)


SNN = Path(os.environ.get("QARI_SNN", Path(__file__).resolve().parents[3] / "shared/data/saudinewsnet/articles"))


def test_saudinewsnet_files_get_their_manifest_date() -> None:
    if not SNN.is_dir():
        pytest.skip(f"SaudiNewsNet not found at {SNN}")
    names = sorted(SNN.glob("*.txt"))[::500]
    for p in names:
        art = _one(p)
        assert art.date == p.name[:10] and art.date_source == "manifest", p.name
        assert art.source == p.name.split("_")[1]
