"""Panel view models on the embedded corpus."""

from __future__ import annotations

import pytest

from hypothesis import given, strategies as st

from tui.analysis.model import ENTITY_TYPES, ArticleAnalysis, DateMention, Passage
from tui.reader.panels import (
    corpus_timeline,
    dates_panel,
    entity_corpus_view,
    entity_panel,
    links_panel,
    text_around,
    text_start,
)
from tui.analysis.pipeline import analyze_corpus
from tui.corpus.load import load_embedded
from tui.text.normalize import normalize

CALL_ARTICLE = "003_3396751731bab268"


@pytest.fixture(scope="module")
def corpus():
    arts = load_embedded().articles
    return arts, analyze_corpus(arts)


def test_entity_panel_groups_and_counts(corpus):
    arts, analyses = corpus
    for a in arts:
        an = analyses[a.id]
        groups = entity_panel(an)
        types = [g.type for g in groups]
        assert types == [t for t in ENTITY_TYPES if t in types]
        total = 0
        for g in groups:
            assert g.items and g.label
            counts = [it.count for it in g.items]
            assert counts == sorted(counts, reverse=True)
            for it in g.items:
                ms = [m for m in an.entities if m.id == it.id]
                assert all(m.type == g.type for m in ms)
                assert it.count == len(ms)
                assert it.first_offset == min(m.start for m in ms)
                total += it.count
        assert total == len(an.entities)
    per = next(g for g in entity_panel(analyses["004_ab5600c6edec7629"]) if g.type == "PER")
    assert {"PER:vladimir_putin", "PER:donald_trump"} <= {it.id for it in per.items[:3]}


def test_entity_corpus_view(corpus):
    arts, analyses = corpus
    rows = entity_corpus_view("PER:vladimir_putin", analyses, arts)
    assert [r.article_id for r in rows] == [a.id for a in arts]
    titles = {a.id: a.title for a in arts}
    texts = {a.id: a.text for a in arts}
    for row in rows:
        aid, title, count, first, end, snippet = row.article_id, row.title, row.count, row.first_offset, row.first_end, row.snippet
        assert title == (titles[aid] or aid)
        ms = sorted((m for m in analyses[aid].entities if m.id == "PER:vladimir_putin"), key=lambda m: m.start)
        assert count == len(ms) and (first, end) == (ms[0].start, ms[0].end)
        # The snippet holds the mention within its first few words, so a narrow panel shows it.
        mention = " ".join(texts[aid][first:end].split())
        assert mention in snippet and snippet.index(mention) <= 20, (snippet, mention)
    assert entity_corpus_view("PER:nobody", analyses, arts) == []


def test_dates_panel_chronological(corpus):
    arts, analyses = corpus
    an = analyses[CALL_ARTICLE]
    items = dates_panel(an)
    assert len(items) == len(an.dates)
    dated = [d.gregorian for d in items if d.gregorian]
    assert dated == sorted(dated)
    seen_undated = False
    for d in items:
        if d.gregorian is None:
            seen_undated = True
        else:
            assert not seen_undated, "undated items come last"
    assert "2025-02-12" in dated and dated.index("2025-02-12") < dated.index("2025-02-18")


def test_dates_panel_undated_last():
    an = ArticleAnalysis(
        "t",
        dates=[
            DateMention(0, 4, "x", "1446", "hijri", None),
            DateMention(5, 9, "y", "2025-03-01", "gregorian", "2025-03-01"),
            DateMention(10, 14, "z", "2024", "gregorian", "2024"),
        ],
    )
    assert [d.text for d in dates_panel(an)] == ["z", "y", "x"]


def test_corpus_timeline(corpus):
    arts, analyses = corpus
    tl = corpus_timeline(analyses, arts)
    keys = [t.gregorian for t in tl]
    assert keys == sorted(keys)
    assert len({t.article_id for t in tl}) == 5
    by_id = {a.id: a for a in arts}
    for t in tl:
        assert by_id[t.article_id].text[t.start : t.end].startswith(t.text.rstrip("…")[:20].split(" ")[0])
        assert t.start <= t.date_start < t.date_end <= t.end
        # The context line shows the date itself within its first words.
        written = " ".join(t.date_text.split())
        assert written in t.context and t.context.index(written) <= 18
    call = [t for t in tl if t.gregorian == "2025-02-12"]
    assert [t.article_id for t in call] == [CALL_ARTICLE]
    # Gregorian + Hijri of the same day in one passage: one entry.
    assert len({(t.article_id, t.start, t.gregorian) for t in tl}) == len(tl)


def _call_items(corpus):
    arts, analyses = corpus
    art = next(a for a in arts if a.id == CALL_ARTICLE)
    off = art.text.index("12 فبراير 2025")
    return arts, links_panel(analyses[CALL_ARTICLE], off, arts)


def test_call_passage_links_panel(corpus):
    arts, items = _call_items(corpus)
    assert items
    assert any(i.target_article_id != CALL_ARTICLE for i in items)
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)
    by_id = {a.id: a for a in arts}
    for i in items:
        tgt = by_id[i.target_article_id]
        assert i.target_title == tgt.title or i.target_title == tgt.id
        assert " ".join(tgt.text[i.target_start : i.target_end].split()).startswith(i.snippet.rstrip("…"))
        assert len(i.snippet) <= 81 and i.reason


def test_call_passage_links_to_call_passage_elsewhere(corpus):
    arts, items = _call_items(corpus)
    by_id = {a.id: a for a in arts}

    def about_call(i):
        t = normalize(by_id[i.target_article_id].text[i.target_start : i.target_end])
        return "اتصال" in t or "مكالمه" in t

    assert any(i.target_article_id != CALL_ARTICLE and about_call(i) for i in items), [
        (i.target_article_id, i.snippet) for i in items
    ]


def test_links_panel_empty_passage(corpus):
    arts, analyses = corpus
    an = ArticleAnalysis("x", passages=[Passage(0, 5)])
    assert links_panel(an, 2, arts) == []
    assert links_panel(ArticleAnalysis("x"), 0, arts) == []


def test_text_start():
    assert text_start("abc\ndef", 0, 7) == "abc def"
    long = " ".join(["كلمة"] * 40)
    s = text_start(long, 0, len(long), 80)
    assert s.endswith("…") and len(s) <= 81 and not s[:-1].endswith(" ")


@given(st.lists(st.sampled_from(["كلمة", "و", "2025", "ab", "\n", "  "]), min_size=1, max_size=60), st.data())
def test_text_around_keeps_the_mention_near_the_start_on_one_line(words, data):
    text = " ".join(words)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if "\n" in text[start:end] or not text[start:end].strip():
        return
    s = text_around(text, start, end)
    assert "\n" not in s
    mention = " ".join(text[start:end].split())[:10]
    assert mention in s and s.index(mention) <= 16 + 2  # at most 16 characters before, plus "…"
    line_start = text.rfind("\n", 0, start) + 1
    line = " ".join(text[line_start:].split("\n")[0].split())
    if s.startswith("…"):
        assert start - line_start > 0  # cut: something of the line was left out before
    else:
        assert line.startswith(s.rstrip("…"))
