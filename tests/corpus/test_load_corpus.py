"""The five embedded articles load with the metadata their text states, and boilerplate is folded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui import embedded_corpus_dir
from tui.corpus.load import LoadResult, iter_articles, load_embedded, load_file, load_paths
from tui.corpus.model import Article

CORPUS = embedded_corpus_dir()

EXPECTED = {
    "000_09e1d80d0ae30e8d": dict(
        title="يشهد مسار العلاقات الروسية الأمريكية تحولًا إيجابيًا", author=None, source=None, date=None
    ),
    "001_5dc817420f166037": dict(
        title="تحولات غير متوقعة.. هل يقترب العالم من قمة تاريخية بين ترامب وبوتين؟",
        author=None,
        source="تحيا مصر",
        date="2025-12-05",
    ),
    "002_f42cc997617dfbe4": dict(
        title="الحقبة الجديدة في علاقات ترامب وبوتين",
        author="محمد تشاغاتاي غولر",
        source="Rouya Turkiyyah",
        date=None,
    ),
    "003_3396751731bab268": dict(
        title="العلاقات الروسية الأمريكية في 2025.. بين محاولات التقارب وتحديات الخلافات",
        author="فاطمة إسماعيل",
        source="العاصمة والناس",
        date="2025-05-07",
    ),
    "004_ab5600c6edec7629": dict(
        title="ما يأمل بوتين في تحقيقه من قمته مع ترامب", author=None, source=None, date=None
    ),
}


@pytest.fixture(scope="module", params=[True, False], ids=["repaired", "raw"])
def loaded(request) -> LoadResult:
    return load_paths([CORPUS], repair=request.param)


def test_all_five_load_in_path_order(loaded: LoadResult) -> None:
    assert loaded.skipped == []
    assert [a.id for a in loaded.articles] == sorted(EXPECTED)
    for a in loaded.articles:
        assert a.ok and a.text.strip() and a.direction == "rtl"
        assert a.encoding == "utf-8" and not a.encoding_guessed


@pytest.mark.parametrize("art_id", sorted(EXPECTED))
def test_metadata_matches_what_the_text_says(loaded: LoadResult, art_id: str) -> None:
    art = next(a for a in loaded.articles if a.id == art_id)
    got = dict(title=art.title, author=art.author, source=art.source, date=art.date)
    assert got == EXPECTED[art_id]


def test_content_hash_is_sha256_of_the_file_bytes(loaded: LoadResult) -> None:
    import hashlib

    for a in loaded.articles:
        assert a.content_hash == hashlib.sha256(Path(a.path).read_bytes()).hexdigest()[:16]


def test_raw_is_the_decoded_file(loaded: LoadResult) -> None:
    for a in loaded.articles:
        assert a.raw == Path(a.path).read_text(encoding="utf-8").replace("\r\n", "\n")


def test_boilerplate_of_001_is_folded_not_deleted() -> None:
    (art,) = load_file(CORPUS / "001_5dc817420f166037.txt")
    spans = [(f.kind, art.text[f.start : f.end]) for f in art.folds]
    kinds = {k: [] for k, _ in spans}
    for k, s in spans:
        kinds[k].append(s)
    assert kinds["breaking"] == ["عاجل"]
    assert kinds["masthead"][1:] == ["رئيس التحرير", "عمرو الديب"]
    assert kinds["masthead"][0].startswith("الجمعة 05 ديسمبر 2025")
    assert kinds["follow"] == ["تابع موقع تحيا مصر علي"]
    # Folded lines stay in the text: the title line after them is not folded.
    assert art.title in art.text
    assert not any(art.title in s for _, s in spans)


def test_read_also_and_follow_lines_are_folded() -> None:
    (a3,) = load_file(CORPUS / "003_3396751731bab268.txt")
    (a4,) = load_file(CORPUS / "004_ab5600c6edec7629.txt")
    assert [f.kind for f in a3.folds] == ["follow"]
    assert a3.text[a3.folds[0].start : a3.folds[0].end].startswith("- للمزيد : تابع العاصمة والناس")
    assert [(f.kind, a4.text[f.start : f.end]) for f in a4.folds] == [("read-also", "اقرا ايضا")]


def test_folds_lie_inside_the_text_and_do_not_overlap(loaded: LoadResult) -> None:
    for a in loaded.articles:
        end = 0
        for f in a.folds:
            assert end <= f.start < f.end <= len(a.text)
            end = f.end


def test_iter_articles_streams_articles(tmp_path: Path) -> None:
    it = iter_articles([CORPUS])
    first = next(it)
    assert isinstance(first, Article) and first.id == "000_09e1d80d0ae30e8d"


def test_load_embedded_reads_the_embedded_folder_and_writes_nothing() -> None:
    def snapshot() -> dict[str, tuple[int, int]]:
        return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in CORPUS.iterdir()}

    before = snapshot()
    assert [a.id for a in load_embedded().articles] == sorted(EXPECTED)
    assert snapshot() == before


def test_duplicate_stems_get_the_parent_folder(tmp_path: Path) -> None:
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.txt").write_text(f"عنوان {d}\nنص", encoding="utf-8")
    res = load_paths([tmp_path])
    assert [a.id for a in res.articles] == ["same", "b/same"]


def test_same_file_given_twice_loads_once(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("عنوان\nنص", encoding="utf-8")
    os.symlink(f, tmp_path / "y.txt")
    res = load_paths([f, tmp_path])
    assert [a.id for a in res.articles] == ["x"]
    assert all("not loaded twice" in r for _, r in res.skipped) and len(res.skipped) == 2


def test_a_folders_readme_and_licence_are_skipped_with_a_reason(tmp_path: Path) -> None:
    article = "قال المتحدث باسم الوزارة إن الاجتماع سيعقد يوم الأحد في الرياض."
    (tmp_path / "2015-08-01_okaz_1.txt").write_text(article, encoding="utf-8")
    (tmp_path / "SOURCE_README.md").write_text("# Saudi Newspapers Corpus\nThis repo contains…", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("notes", encoding="utf-8")
    (tmp_path / "readme_of_the_day.md").write_text(article, encoding="utf-8")  # only whole names count
    res = load_paths([str(tmp_path)])
    assert sorted(Path(a.path).name for a in res.articles) == ["2015-08-01_okaz_1.txt", "readme_of_the_day.md"]
    reasons = {Path(p).name: why for p, why in res.skipped}
    assert reasons["SOURCE_README.md"].startswith("the folder's own documentation") and "readme.txt" in reasons
    assert "LICENSE" in reasons
    # Named on the command line, a README is read: that is asking for it.
    assert [a.ok for a in load_paths([str(tmp_path / "SOURCE_README.md")]).articles] == [True]
