import argparse
import json

import pytest

from tui.analysis.cli import run_analyze


def args(*paths, json_=True, repairs=False, no_cache=False):
    return argparse.Namespace(paths=list(paths), json=json_, repairs=repairs, no_cache=no_cache)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("QARI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_prints_one_utf8_json_document(tmp_path, capsysbinary):
    d = tmp_path / "arts"
    d.mkdir()
    write(d, "one.txt", "قمة الرياض\nعقدت قمة الرياض في 18 فبراير 2025 بين وفدي ترامب وبوتين لبحث إنهاء الحرب.\n")
    write(d, "two.txt", "لقاء الرياض\nفي 18 فبراير 2025 اجتمع وفدا ترامب وبوتين في قمة الرياض وبحثا إنهاء الحرب.\n")
    assert run_analyze(args(str(d))) == 0
    out = capsysbinary.readouterr()
    text = out.out.decode("utf-8")
    assert "قمة الرياض" in text  # not \\u escapes
    doc = json.loads(text)
    assert doc["version"] == 1
    assert {a["title"] for a in doc["articles"]} == {"لقاء الرياض", "قمة الرياض"}
    for a in doc["articles"]:
        for p in a["passages"]:
            assert a["text"][p["start"] : p["end"]].strip()


def test_bad_path_is_one_line_on_stderr_and_exit_2(tmp_path, capsys):
    assert run_analyze(args(str(tmp_path / "missing.txt"))) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err and "Traceback" not in err


def test_folder_without_articles_exits_2(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert run_analyze(args(str(tmp_path / "empty"))) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_corrupt_cache_is_reported_on_stderr_and_output_still_written(tmp_path, cache_dir, capsysbinary):
    cache_dir.mkdir()
    (cache_dir / "analysis.sqlite3").write_bytes(b"\xde\xad\xbe\xef" * 256)
    p = write(tmp_path, "a.txt", "عنوان\nنص قصير عن قمة الرياض.\n")
    assert run_analyze(args(str(p))) == 0
    out = capsysbinary.readouterr()
    assert "cache" in out.err.decode() and "moved" in out.err.decode()
    assert json.loads(out.out.decode("utf-8"))["articles"][0]["title"] == "عنوان"


def test_no_cache_writes_nothing(tmp_path, cache_dir, capsysbinary):
    p = write(tmp_path, "a.txt", "عنوان\nنص.\n")
    assert run_analyze(args(str(p), no_cache=True)) == 0
    assert not (cache_dir / "analysis.sqlite3").exists()


def test_default_is_the_embedded_corpus_and_repairs_listed(capsysbinary):
    assert run_analyze(args(repairs=True)) == 0
    doc = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert len(doc["articles"]) == 5
    pdf = [a for a in doc["articles"] if a["id"].startswith("002")][0]
    assert pdf["repairs"], "the PDF-extracted article has repairs"
    assert {"kind", "line"} <= set(pdf["repairs"][0])


def test_repairs_as_text_lines(capsysbinary):
    assert run_analyze(args(repairs=True, json_=False)) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert lines and all(len(l.split("\t")) == 4 for l in lines)
    assert all("line " in l.split("\t")[2] for l in lines)


def test_a_date_without_a_year_says_where_its_year_came_from(tmp_path, capsysbinary):
    d = tmp_path / "arts"
    d.mkdir()
    write(d, "a.md", "---\ntitle: خبر\ndate: 2025-12-05\n---\nأكد ترامب يوم 17 فبراير أنه سيلتقي بوتين، وفي 7 مايو 2025 تحدثا.\n")
    assert run_analyze(args(str(d))) == 0
    (article,) = json.loads(capsysbinary.readouterr().out.decode("utf-8"))["articles"]
    by_text = {x["text"]: x for x in article["dates"]}
    assert by_text["يوم 17 فبراير"]["value"] == "2025-02-17"
    assert by_text["يوم 17 فبراير"]["year_inferred"] is True
    assert by_text["يوم 17 فبراير"]["note"]
    assert "year_inferred" not in by_text["7 مايو 2025"]  # a written year is not flagged
