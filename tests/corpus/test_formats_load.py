"""File formats and encodings: each gives the same article text and its own metadata."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tui.corpus.load import load_file, load_paths

BODY = "كتبت: سارة أحمد\nشهدت العلاقات بين البلدين تحولات كبيرة خلال العام الماضي.\nوأكد المسؤولون أن الحوار مستمر."
TEXT = "عنوان الخبر الرئيسي\n" + BODY


@pytest.mark.parametrize(
    "enc,label,guessed",
    [
        ("utf-8", "utf-8", False),
        ("utf-8-sig", "utf-8", False),
        ("utf-16", "utf-16-le", False),
        ("utf-16-be", "utf-16-be", False),
        ("cp1256", "cp1256", True),
        ("iso8859-6", "iso8859-6", True),
    ],
)
def test_encodings(tmp_path: Path, enc: str, label: str, guessed: bool) -> None:
    f = tmp_path / "a.txt"
    data = TEXT.encode(enc)
    if enc == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    f.write_bytes(data)
    (a,) = load_file(f)
    assert a.ok and a.text == TEXT and a.raw == TEXT
    assert a.title == "عنوان الخبر الرئيسي" and a.author == "سارة أحمد"
    assert a.encoding_guessed is guessed
    assert codecs.lookup(a.encoding).name == label
    if guessed:
        assert any("encoding guessed" in p for p in a.problems)
    else:
        assert a.problems == []


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path: Path, enc: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(TEXT.encode(enc))
    (a,) = load_file(f)
    assert a.ok and a.text == TEXT and a.encoding == enc and a.encoding_guessed
    assert a.problems == [f"no byte-order mark; encoding guessed as {enc}"]


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_line_ends_are_normalised(tmp_path: Path, eol: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(TEXT.replace("\n", eol).encode())
    (a,) = load_file(f)
    assert a.text == TEXT and a.raw == TEXT


def test_markdown_yaml_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(
        "---\ntitle: عنوان من الترويسة\nsource: الأهرام\nauthor: [أحمد علي, منى حسن]\ndate: 2024-03-07\n"
        "url: https://example.org/a\n---\n" + TEXT,
        encoding="utf-8",
    )
    (a,) = load_file(f)
    assert (a.title, a.source, a.author, a.date, a.url) == (
        "عنوان من الترويسة", "الأهرام", "أحمد علي، منى حسن", "2024-03-07", "https://example.org/a"
    )
    assert a.text == TEXT  # front matter is not part of the reading text


def test_markdown_toml_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text('+++\ntitle = "عنوان"\ndate = 2023-11-02\nsource = "الشرق"\n+++\n' + TEXT, encoding="utf-8")
    (a,) = load_file(f)
    assert (a.title, a.date, a.source, a.author) == ("عنوان", "2023-11-02", "الشرق", "سارة أحمد")


def test_markdown_broken_front_matter_keeps_the_text(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("---\ntitle: [unclosed\n---\n" + TEXT, encoding="utf-8")
    (a,) = load_file(f)
    assert a.ok and TEXT in a.text
    assert any(p.startswith("front matter unreadable") for p in a.problems)


def test_markdown_without_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(TEXT, encoding="utf-8")
    (a,) = load_file(f)
    assert a.title == "عنوان الخبر الرئيسي"


def _need_trafilatura() -> None:
    pytest.importorskip("trafilatura", reason="trafilatura (HTML extraction) not importable here")


def test_html_main_text_and_title(tmp_path: Path) -> None:
    _need_trafilatura()
    paragraphs = "".join(f"<p>{line} {'وتابع المسؤول حديثه عن التطورات الأخيرة في المنطقة. ' * 4}</p>" for line in BODY.split("\n"))
    page = (
        "<html><head><title>عنوان الصفحة</title></head><body><nav><a href='/'>الرئيسية</a> <a>رياضة</a></nav>"
        f"<article><h1>عنوان الصفحة</h1>{paragraphs}</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    f = tmp_path / "a.html"
    f.write_text(page, encoding="utf-8")
    (a,) = load_file(f)
    assert a.ok and a.title == "عنوان الصفحة"
    assert "شهدت العلاقات بين البلدين" in a.text
    assert "جميع الحقوق محفوظة" not in a.text and "<p>" not in a.text


def test_html_without_content_says_so(tmp_path: Path) -> None:
    _need_trafilatura()
    f = tmp_path / "a.htm"
    f.write_text("<html><head><script>var x=1;</script></head><body></body></html>", encoding="utf-8")
    (a,) = load_file(f)
    assert a.error == "HTML page without recognisable article text (trafilatura found no main content)"


def test_json_array_of_records(tmp_path: Path) -> None:
    f = tmp_path / "news.json"
    recs = [
        {"title": "الأول", "text": "نص أول", "date": "2015-08-01 08:00:57", "source": "sabq", "url": "http://x/1"},
        {"title": "الثاني", "text": "نص ثان", "author": "علي"},
        {"title": "بلا نص"},
    ]
    f.write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    arts = load_file(f)
    assert [a.id for a in arts] == ["news#1", "news#2", "news#3"]
    assert [a.path for a in arts] == [f"{f}#1", f"{f}#2", f"{f}#3"]
    assert (arts[0].title, arts[0].date, arts[0].source, arts[0].url) == ("الأول", "2015-08-01", "sabq", "http://x/1")
    assert arts[1].author == "علي" and arts[1].text == "نص ثان"
    assert arts[2].error == "record has no text field (text/content/body)" and arts[2].title == "بلا نص"
    assert len({a.content_hash for a in arts}) == 3


def test_json_single_object(tmp_path: Path) -> None:
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"title": "عنوان", "text": TEXT, "date": "2020-01"}, ensure_ascii=False), encoding="utf-8")
    (a,) = load_file(f)
    assert (a.id, a.title, a.date, a.text) == ("one", "عنوان", "2020-01", TEXT)


def test_jsonl_bad_line_does_not_sink_the_others(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    lines = [json.dumps({"title": "أ", "text": "نص أ"}, ensure_ascii=False), "{not json", "", json.dumps({"title": "ب", "text": "نص ب"}, ensure_ascii=False)]
    f.write_text("\n".join(lines), encoding="utf-8")
    arts = load_file(f)
    assert [(a.id, a.ok) for a in arts] == [("feed#1", True), ("feed#2", False), ("feed#3", True)]
    assert arts[1].error.startswith("line 2: invalid JSON")


def test_unknown_extension_named_explicitly_is_tried_as_text(tmp_path: Path) -> None:
    f = tmp_path / "article.dat"
    f.write_text(TEXT, encoding="utf-8")
    res = load_paths([f])
    assert [a.title for a in res.articles] == ["عنوان الخبر الرئيسي"]
    # …but inside a folder it is skipped and counted.
    res = load_paths([tmp_path])
    assert res.articles == [] and res.skipped == [(str(f), "unsupported file type .dat")]


def test_recursive_folder_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "b/1.md", "a.txt", ".git/x.txt", "c/.hidden/y.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(TEXT, encoding="utf-8")
    res = load_paths([tmp_path])
    assert [Path(a.path).relative_to(tmp_path).as_posix() for a in res.articles] == ["a.txt", "b/1.md", "b/2.txt"]
    assert res.skipped == []


def test_direction(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text("An English title\nSome text with a word عربي in it.", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("عنوان\nنص عربي فيه كلمة English واحدة فقط.", encoding="utf-8")
    got = {a.id: a.direction for a in load_paths([tmp_path]).articles}
    assert got == {"ar": "rtl", "en": "ltr"}


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩،؛؟abcXYZ019 .,:!?\t\n\r«»\u200f"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(_ALPHABET, min_size=1, max_size=300), enc=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_unicode_encodings_round_trip(tmp_path: Path, body: str, enc: str) -> None:
    f = tmp_path / "rt.txt"
    f.write_bytes(body.encode(enc))
    (a,) = load_file(f, repair=False)
    expected = body.replace("\r\n", "\n").replace("\r", "\n")
    if expected.strip():
        assert a.ok and a.raw == expected and a.text == expected and not a.encoding_guessed
        assert a.title and "\n" not in a.title
    else:
        assert a.error == "no text (only blank space)"
