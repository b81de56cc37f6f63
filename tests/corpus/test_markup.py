"""Markdown and HTML articles read as what they are: the text is the rendered text (a paragraph per
block, no markup shown), the file stays available as ``raw``, the author shows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui.analysis.search import CorpusSearch
from tui.corpus.load import load_file
from tui.corpus.markup import render_markdown

DATA = Path(__file__).resolve().parents[1] / "data"

MARKDOWN = """---
title: ملاحظات على المفاوضات
author: أحمد العلي
date: 2025-03-01
---

# ملاحظات على المفاوضات

تبدو **المفاوضات** بين واشنطن وموسكو في *بدايتها*، وفق [تقرير رويترز](https://example.com/r) الأخير.

## ثلاث نقاط

- أولا: وقف إطلاق النار.
- ثانيا: تبادل `الأسرى`.

1. البند الأول
2. البند الثاني

> قال بوتين إن الحوار __مفيد__.

![صورة الوفدين](https://example.com/i.jpg)

| البلد | الوفد |
|---|---|
| روسيا | لافروف |
"""


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def test_markdown_is_shown_as_text_never_as_markup(tmp_path: Path) -> None:
    f = tmp_path / "notes.md"
    f.write_text(MARKDOWN, encoding="utf-8")
    (a,) = load_file(f)
    assert paragraphs(a.text) == [
        "ملاحظات على المفاوضات",
        "تبدو المفاوضات بين واشنطن وموسكو في بدايتها، وفق تقرير رويترز الأخير.",
        "ثلاث نقاط",
        "• أولا: وقف إطلاق النار.",
        "• ثانيا: تبادل الأسرى.",
        "1. البند الأول",
        "2. البند الثاني",
        "قال بوتين إن الحوار مفيد.",
        "صورة الوفدين",
        "البلد | الوفد",
        "روسيا | لافروف",
    ]
    for mark in ("#", "**", "__", "](", "`", "> ", "- "):
        assert mark not in a.text
    # The front matter's author is the article's; the file as it is stays the raw text (R).
    assert (a.title, a.author, a.date) == ("ملاحظات على المفاوضات", "أحمد العلي", "2025-03-01")
    assert a.raw == MARKDOWN.rstrip("\n") or a.raw == MARKDOWN
    # Offsets index the shown text: a search hit is exactly the word there.
    search = CorpusSearch([a])
    spans = search.find_in(a.id, "المفاوضات")
    assert len(spans) == 2 and all(a.text[s:e] == "المفاوضات" for s, e in spans)


def test_markdown_lines_stay_paragraphs_and_hard_wrapped_lines_join() -> None:
    one_per_line = "عنوان الخبر\nكتبت: سارة أحمد\nشهدت العلاقات تحولات كبيرة."
    assert render_markdown(one_per_line) == one_per_line
    wrapped = ("شهدت العلاقات بين البلدين تحولات كبيرة خلال العام الماضي في مجالات\n"
               "عديدة منها التجارة والطاقة.")
    assert render_markdown(wrapped) == wrapped.replace("\n", " ")


def test_rendered_text_has_its_own_cache_key(tmp_path: Path) -> None:
    f = tmp_path / "notes.md"
    f.write_text(MARKDOWN, encoding="utf-8")
    (a,) = load_file(f)
    # Analyses are cached by this key: offsets into an older rendering must not be served.
    assert a.content_hash != hashlib.sha256(f.read_bytes()).hexdigest()[:16]


def test_a_news_page_keeps_heading_byline_and_paragraphs_apart() -> None:
    pytest.importorskip("trafilatura", reason="trafilatura (HTML extraction) not importable here")
    page = DATA / "news_page.html"
    (a,) = load_file(page)
    assert paragraphs(a.text) == [
        "وزراء الطاقة يبحثون أسعار النفط في فيينا",
        "بقلم: ليلى منصور",
        "يجتمع وزراء الطاقة في الدول المنتجة للنفط اليوم في العاصمة النمساوية فيينا لبحث مستويات الإنتاج"
        " في ظل تراجع الأسعار خلال الأسابيع الماضية.",
        "وقال مصدر مطلع إن الاجتماع سيناقش تمديد خفض الإنتاج حتى نهاية الربع الأول من العام المقبل،"
        " مضيفا أن بعض الدول تطالب بحصص أكبر.",
        "وأشار المصدر إلى أن القرار النهائي سيعلن في مؤتمر صحفي مساء اليوم بعد انتهاء الجلسة المغلقة.",
        "توقعات الأسواق",
        "ويتوقع محللون أن يؤدي أي تمديد للخفض إلى ارتفاع الأسعار بنحو ثلاثة دولارات للبرميل،"
        " فيما حذر آخرون من ضعف الطلب العالمي.",
        "• سعر خام برنت: 74 دولارا للبرميل",
        "• سعر الخام الأمريكي: 70 دولارا للبرميل",
        "ويأتي الاجتماع بعد أشهر من الخلافات بين كبار المنتجين حول آلية توزيع الحصص وتقدير الطاقة"
        " الإنتاجية لكل دولة.",
    ]
    # Navigation, share line, related links, newsletter and footer are not the article.
    for chrome in ("تسجيل الدخول", "اقرأ أيضا", "جميع الحقوق", "النشرة البريدية", "واتساب"):
        assert chrome not in a.text
    assert (a.title, a.author, a.source) == ("وزراء الطاقة يبحثون أسعار النفط في فيينا", "ليلى منصور", "جريدة المساء")
    assert a.raw.startswith("<!DOCTYPE html>")  # R shows the page as it is


def test_a_byline_only_in_the_metadata_is_not_invented(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura", reason="trafilatura (HTML extraction) not importable here")
    f = tmp_path / "p.html"
    body = "".join(f"<p>فقرة رقم {n} من نص الخبر الطويل الذي يتحدث عن العلاقات بين البلدين وتطوراتها.</p>" for n in range(6))
    f.write_text(f'<html><head><meta name="author" content="ليلى منصور"><title>عنوان</title></head>'
                 f"<body><article><h1>عنوان</h1>{body}</article></body></html>", encoding="utf-8")
    (a,) = load_file(f)
    assert a.author == "ليلى منصور" and "ليلى منصور" not in a.text
    assert paragraphs(a.text)[0] == "عنوان" and len(paragraphs(a.text)) == 7


def _heading_texts(a) -> list[str]:
    return [a.text[s:e] for s, e in a.headings]


def test_markdown_headings_and_the_headline_are_marked(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    (a,) = load_file(path)
    # The two headings, as whole paragraphs of the shown text; never a list item or the quote.
    assert _heading_texts(a) == ["ملاحظات على المفاوضات", "ثلاث نقاط"]


def test_a_news_page_heading_is_marked() -> None:
    pytest.importorskip("trafilatura", reason="trafilatura (HTML extraction) not importable here")
    (a,) = load_file(DATA / "news_page.html")
    assert _heading_texts(a) == ["وزراء الطاقة يبحثون أسعار النفط في فيينا", "توقعات الأسواق"]


def test_a_text_file_headline_is_found_past_a_folded_masthead(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("عاجل\nرئيس التحرير\nعمرو الديب\n\nقمة في ألاسكا بين الرئيسين\n\n"
                    "قمة في ألاسكا بين الرئيسين جمعت ترامب وبوتين أمس.\n", encoding="utf-8")
    (a,) = load_file(path)
    assert a.title == "قمة في ألاسكا بين الرئيسين"
    assert _heading_texts(a) == ["قمة في ألاسكا بين الرئيسين"]  # the headline, not the first sentence


def test_an_article_without_a_headline_has_no_heading(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("يشهد مسار العلاقات تحولا، حيث يسود مناخ من الحوار بين الرئيسين.\n\nفقرة ثانية.\n",
                    encoding="utf-8")
    (a,) = load_file(path)
    assert a.headings == []  # the title is the opening sentence, not a paragraph of its own
