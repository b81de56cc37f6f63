"""Stored articles read back as the page read: text, front matter, file names, atomic writes."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fetch._site import SENTENCES, article_html
from tui.corpus.load import load_file
from tui.corpus.markup import _flat, render_markdown
from tui.corpus.metadata import date_from_path
from tui.fetch import article_file
from tui.fetch.extract import extract

_PIECES = list("ab عن1.)-+=#*_`[]<>&|~!\\:\"'()^{}$%@/\u00a0\t\u202e\x1b") + [
    "&amp;", "&#65;", "1. ", "- ", "+ ", "***", "---", "===", "<div>", "```", "    ", "<http://a.b>", "[x](y)",
    "> ", "| a | b |", "\\", "  ",
]
_paragraph = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25).map("".join).map(_flat)


@settings(max_examples=400, deadline=None)
@given(st.lists(_paragraph.filter(lambda p: p and "\n" not in p), min_size=1, max_size=6))
def test_markdown_body_renders_back_to_the_same_text(paragraphs: list[str]) -> None:
    assert render_markdown(article_file.markdown_body(paragraphs)) == "\n".join(paragraphs)


def test_stored_article_reads_as_the_saved_page(tmp_path) -> None:
    """The same article text, character for character, as ``qari page.html`` gives for the page."""
    # Markdown's own characters, where Markdown would act on them: the stored file escapes them.
    page = article_html(7, body=[SENTENCES[0] + " فيها *نجوم* و_شرطة_ و<b>وسم</b> و&amp; و# علامة.", "1. " + SENTENCES[1],
                                 "- " + SENTENCES[2], "# " + SENTENCES[3], SENTENCES[4]])
    html_file = tmp_path / "page.html"
    html_file.write_text(page, encoding="utf-8")
    art = extract(page)
    stored = tmp_path / "stored.md"
    article_file.write_atomic(stored, article_file.render(
        {**art.meta, "url": "http://127.0.0.1/x.html", "fetched_at": "2026-01-02T03:04:05Z"}, art.paragraphs))
    saved, fetched = load_file(html_file)[0], load_file(stored)[0]
    assert fetched.ok and fetched.text == saved.text
    for piece in ("*نجوم* و_شرطة_ ووسم و& و# علامة.", "\n1. وقال", "\n- وأضاف", "\n# ويرى"):
        assert piece in fetched.text
    assert (fetched.title, fetched.author, fetched.source, fetched.date) == (saved.title, saved.author, saved.source, saved.date)
    assert fetched.url == "http://127.0.0.1/x.html"
    assert fetched.date_source == "front matter"
    assert "fetched_at: '2026-01-02T03:04:05Z'" in stored.read_text(encoding="utf-8")


def test_front_matter_survives_hostile_titles(tmp_path) -> None:
    title = "عاجل\x1b[2J\x1b]0;pwned\x07 --- \n---\nurl: http://evil/ & *x*"
    stored = tmp_path / "t.md"
    article_file.write_atomic(stored, article_file.render({"title": title, "url": "http://127.0.0.1/t"}, ["نص الخبر."]))
    art = load_file(stored)[0]
    assert art.ok and art.url == "http://127.0.0.1/t" and art.text == "نص الخبر."
    assert art.title == " ".join(title.split())  # one line, escape sequences kept for the sanitiser


def test_file_names_never_spell_a_date_nor_collide() -> None:
    a = article_file.file_for("http://news.example/2025/03/14/story.html")
    b = article_file.file_for("http://news.example/2025/03/14/story.html?page=2")
    assert a != b and a.parent.name == "news.example" and a.name.startswith("story-")
    for n in range(300):  # the hash part: base32 letters and 2-7 cannot make 19xx/20xx
        name = article_file.file_for(f"http://h.example/{n}").name
        assert date_from_path(name) is None
    assert article_file.file_for("http://127.0.0.1:8080/").parent.name == "127.0.0.1_8080"
    assert article_file.file_for("http://h.example/%D8%AE%D8%A8%D8%B1").name.startswith("article-")


def test_a_failed_write_leaves_neither_file_nor_temporary(tmp_path, monkeypatch) -> None:
    target = tmp_path / "h" / "a.md"

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        article_file.write_atomic(target, "---\ntitle: x\n---\n\nنص\n")
    assert list((tmp_path / "h").iterdir()) == []
