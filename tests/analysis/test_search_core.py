"""Search over the embedded corpus with the real analysis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis.pipeline import analyze_corpus
from tui.analysis.search import ArticleSearchIndex, CorpusSearch, make_snippet, normalize_query
from tui.corpus.load import load_embedded
from tui.text.normalize import normalize, normalize_with_map

TATWEEL = "\u0640"
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]


@pytest.fixture(scope="module")
def corpus():
    arts = load_embedded().articles
    assert len(arts) == 5
    analyses = analyze_corpus(arts)
    return arts, analyses, CorpusSearch(arts, analyses)


def _spans(hits):
    return [(h.article_id, h.start, h.end) for h in hits]


def test_trump_found_in_every_article(corpus):
    arts, _, cs = corpus
    hits = cs.search("ترامب")
    assert {h.article_id for h in hits} == {a.id for a in arts}
    by_id = {a.id: a for a in arts}
    for h in hits:
        assert normalize(by_id[h.article_id].text[h.start : h.end]) == "ترامب"


def test_hits_ordered_by_article_then_offset(corpus):
    arts, _, cs = corpus
    order = {a.id: i for i, a in enumerate(arts)}
    keys = [(order[h.article_id], h.start) for h in cs.search("ترامب")]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_limit(corpus):
    _, _, cs = corpus
    assert len(cs.search("ترامب", limit=7)) == 7
    assert cs.count("ترامب") == len(cs.search("ترامب", limit=10_000))


@pytest.mark.parametrize(
    "plain, decorated",
    [("ترامب", "ترامْب"), ("ترامب", "تَرَامُبُ"), ("اوكرانيا", "أوكرانيا"), ("بوتين", "بوتيـــن"), ("روسيه", "روسية")],
)
def test_variants_give_same_hits(corpus, plain, decorated):
    _, _, cs = corpus
    a = _spans(cs.search(plain))
    assert a, plain
    assert a == _spans(cs.search(decorated))


def test_english_name_finds_entity(corpus):
    arts, analyses, cs = corpus
    hits = cs.search("putin")
    assert hits
    assert _spans(hits) == _spans(cs.search("Putin")) == _spans(cs.search("PUTIN"))
    by_id = {a.id: a for a in arts}
    for h in hits:
        assert "بوتين" in normalize(by_id[h.article_id].text[h.start : h.end])
    # Every analysed mention of Putin is among the hits.
    mentions = {
        (aid, m.start, m.end) for aid, an in analyses.items() for m in an.entities if m.id == "PER:vladimir_putin"
    }
    assert mentions and mentions <= set(_spans(hits))
    # And every literal بوتين lies inside some hit.
    for h2 in cs.search("بوتين", limit=10_000):
        assert any(h.article_id == h2.article_id and h.start <= h2.start and h2.end <= h.end for h in hits)


def test_unknown_latin_is_literal(corpus):
    _, _, cs = corpus
    assert cs.search("zzzqqq") == []
    assert cs.english_entity("zzzqqq") is None


def test_empty_query(corpus):
    _, _, cs = corpus
    assert cs.search("") == [] and cs.search("   ") == [] and cs.search("\u064e") == []


def test_snippet_contains_hit(corpus):
    arts, _, cs = corpus
    by_id = {a.id: a for a in arts}
    for h in cs.search("الرياض"):
        s, e = h.snippet_span
        assert h.snippet[s:e] == by_id[h.article_id].text[h.start : h.end].replace("\n", " ")
        assert len(h.snippet) <= 70 + (h.end - h.start)
        assert "\n" not in h.snippet


def test_span_covers_trailing_harakat():
    text = "قال تَرَامْبُ، ثم"
    idx = ArticleSearchIndex(text)
    [(s, e)] = idx.find("ترامب")
    assert text[s:e] == "تَرَامْبُ"


def test_whole_word_vs_substring():
    text = "وترامب قال ترامب"
    idx = ArticleSearchIndex(text)
    assert idx.find("ترامب") == [(1, 6), (11, 16)]
    assert idx.find("ترامب", whole_word=True) == [(11, 16)]


def test_article_index_cached(corpus):
    arts, _, cs = corpus
    assert cs.index(arts[0].id) is cs.index(arts[0].id)


def test_normalize_query():
    assert normalize_query("  أوكرانيا\u00a0 الجديدة ") == "اوكرانيا الجديده"


arabic_letters = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي"))
word = st.lists(arabic_letters, min_size=2, max_size=8).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(st.one_of(arabic_letters, st.just(" ")), max_size=30).map("".join),
    target=word,
    after=st.lists(st.one_of(arabic_letters, st.just(" ")), max_size=30).map("".join),
    decorations=st.lists(st.lists(st.sampled_from(HARAKAT + [TATWEEL]), max_size=2), min_size=8, max_size=8),
)
def test_decorated_occurrence_found(before, target, after, decorations):
    decorated = "".join(ch + "".join(decorations[i]) for i, ch in enumerate(target))
    text = before + " " + decorated + " " + after
    idx = ArticleSearchIndex(text)
    spans = idx.find(target)
    start = len(before) + 1
    assert (start, start + len(decorated)) in spans
    for s, e in spans:
        assert normalize(text[s:e]) == target


def test_make_snippet_edges():
    text = "أ" * 10 + "\nهدف\n" + "ب" * 10
    snip, (s, e) = make_snippet(text, 11, 14, width=60)
    assert snip[s:e] == "هدف" and "\n" not in snip and snip.startswith("أ")
    words = " ".join(f"كلمة{i}" for i in range(40))
    start = words.index("كلمة20")
    snip, (s, e) = make_snippet(words, start, start + 6)
    assert snip[s:e] == "كلمة20"
    assert len(snip) <= 66
    assert words[words.index(snip) - 1] == " "  # starts at a word boundary


def test_no_break_space_matches_space(corpus):
    arts, _, cs = corpus
    hits = cs.search("جمادى الثانية")
    assert [h.article_id for h in hits] == ["001_5dc817420f166037"]
    art = next(a for a in arts if a.id == hits[0].article_id)
    assert art.text[hits[0].start : hits[0].end] == "جمادى\u00a0الثانية"


@pytest.mark.parametrize("query", ["ترامب", "الرياض", "بوتين", "putin", "Putin", "zzzqqq", "ا"])
def test_count_and_find_in_agree_with_search(corpus, query):
    # The prompt shows count() and steps with find_in(): both must say what the results list says,
    # English names included (``putin`` counts the mentions of بوتين, not the literal Latin text).
    arts, _, cs = corpus
    hits = cs.search(query, limit=100_000)
    assert cs.count(query) == len(hits)
    for a in arts:
        assert cs.find_in(a.id, query) == [(h.start, h.end) for h in hits if h.article_id == a.id]


def test_english_name_counted(corpus):
    _, _, cs = corpus
    assert cs.count("putin") >= cs.count("بوتين") > 0


def test_every_offset_shifting_character_maps_back():
    # The index skips the offset map for text whose characters each fold to exactly one; every
    # character that normalize() drops or expands must therefore be noticed, wherever it is.
    shifting = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and len(normalize(chr(c))) != 1]
    assert shifting
    for ch in shifting:
        text = "قال " + ch + " ترامب، ثم"
        [(s, e)] = ArticleSearchIndex(text).find("ترامب")
        assert text[s:e] == "ترامب", repr(ch)


# Characters that change offsets: marks and tatweel (dropped), a right-to-left mark, and
# presentation-form ligatures that expand (lam-alef to two letters, the Allah ligature to four).
SHIFTERS = HARAKAT + [TATWEEL, "\u200f", "\ufefb", "\ufef5", "\ufdf2"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(arabic_letters, st.just(" "), st.sampled_from(SHIFTERS)), max_size=40))
def test_offsets_agree_with_normalize_with_map(chars):
    # The index keeps only the points where offsets shift; every span must still map back
    # exactly as the full map of tui.text.normalize says.
    text = "".join(chars)
    idx = ArticleSearchIndex(text)
    norm, ref = normalize_with_map(text)
    assert idx.norm == norm
    assert idx.to_original(len(norm), len(norm)) == (len(text), len(text))
    for s in range(len(norm)):
        assert idx.to_original(s, s) == (ref[s], ref[s])
        for e in range(s + 1, min(len(norm), s + 6) + 1):
            o_start, o_end = idx.to_original(s, e)
            assert o_start == ref[s]
            assert o_end >= ref[e - 1] + 1
            assert normalize(text[ref[e - 1] + 1 : o_end]) == ""  # only the marks after the last letter


@given(st.integers(0, 39), st.integers(1, 5), st.integers(1, 5))
def test_snippet_of_a_hit_stays_while_the_query_grows(word, n, grow) -> None:
    # The search prompt reuses the shaped line of a snippet it has seen: a hit that the next
    # key keeps (same start, longer inside its word) must keep its snippet.
    words = " ".join(f"كلمة{i:02d}" for i in range(40))
    start = words.index(f"كلمة{word:02d}")
    short, (s1, e1) = make_snippet(words, start, start + n)
    longer, (s2, e2) = make_snippet(words, start, start + n + grow)
    assert short == longer and s1 == s2 and longer[s2:e2] == words[start : start + n + grow]
