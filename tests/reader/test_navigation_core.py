"""History, linked-passage and mention navigation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.analysis.model import ArticleAnalysis, Link, Mention, Passage
from tui.reader.navigation import History, Location, MentionNavigator, MentionRef, PassageNavigator, passage_index
from tui.analysis.pipeline import analyze_corpus
from tui.corpus.load import load_embedded


@pytest.fixture(scope="module")
def corpus():
    arts = load_embedded().articles
    return arts, analyze_corpus(arts)


# -- history -------------------------------------------------------------------------


def test_history_back_forward():
    h = History()
    a, b, c, d = (Location("x", i) for i in range(4))
    assert h.back() is None and h.forward() is None and not h.can_back()
    h.visit(a)
    h.visit(b)
    h.visit(c)
    assert h.can_back() and not h.can_forward()
    assert h.back() == b
    assert h.back() == a
    assert h.back() is None
    assert h.current == a
    assert h.forward() == b
    assert h.can_forward()
    h.visit(d)  # drops c
    assert not h.can_forward()
    assert h.back() == b
    assert h.forward() == d
    assert h.forward() is None


def test_history_repeat_visit_is_one_step():
    h = History()
    h.visit(Location("x", 1))
    h.visit(Location("x", 1))
    assert len(h) == 1 and not h.can_back()


def test_history_bounded():
    h = History(maxlen=3)
    for i in range(10):
        h.visit(Location("x", i))
    assert len(h) == 3
    assert h.back() == Location("x", 8)
    assert h.back() == Location("x", 7)
    assert h.back() is None


def test_history_update_current():
    h = History()
    h.visit(Location("a", 0))
    h.visit(Location("b", 0))
    h.back()
    h.update_current(Location("a", 50))
    assert h.forward() == Location("b", 0)
    assert h.back() == Location("a", 50)


def test_history_rejects_zero():
    with pytest.raises(ValueError):
        History(maxlen=0)


@given(st.lists(st.one_of(st.integers(0, 20), st.just("back"), st.just("fwd")), max_size=60))
def test_history_matches_model(ops):
    """Against a two-stack model of a browser."""
    h = History(maxlen=1000)
    back: list[int] = []
    cur: int | None = None
    fwd: list[int] = []
    for op in ops:
        if op == "back":
            got = h.back()
            if back:
                fwd.append(cur)
                cur = back.pop()
                assert got == Location("x", cur)
            else:
                assert got is None
        elif op == "fwd":
            got = h.forward()
            if fwd:
                back.append(cur)
                cur = fwd.pop()
                assert got == Location("x", cur)
            else:
                assert got is None
        else:
            if cur != op:
                if cur is not None:
                    back.append(cur)
                cur = op
            fwd.clear()
            h.visit(Location("x", op))
        assert h.can_back() == bool(back)
        assert h.can_forward() == bool(fwd)


# -- passages --------------------------------------------------------------------------


def _toy():
    passages = [Passage(0, 10), Passage(11, 20), Passage(21, 30), Passage(31, 40), Passage(41, 50)]
    links = [Link(11, 20, "b", 0, 5, 0.5, "r"), Link(11, 20, "c", 0, 5, 0.4, "r"), Link(41, 50, "b", 6, 9, 0.3, "r")]
    return ArticleAnalysis("a", passages=passages, links=links)


def test_passage_at_and_status():
    nav = PassageNavigator(_toy())
    assert nav.passage_at(15) == (1, Passage(11, 20))
    assert nav.passage_at(10) == (1, Passage(11, 20))  # the gap belongs to the next passage
    assert nav.passage_at(999) == (4, Passage(41, 50))
    st_ = nav.status(12)
    assert (st_.article_id, st_.index, st_.total, st_.links) == ("a", 2, 5, 2)
    assert nav.status(0).links == 0


def test_next_prev_linked():
    nav = PassageNavigator(_toy())
    assert nav.next_linked(0) == (1, Passage(11, 20))
    assert nav.next_linked(11) == (4, Passage(41, 50))
    assert nav.next_linked(25) == (4, Passage(41, 50))
    assert nav.next_linked(45) is None
    assert nav.next_linked(45, wrap=True) == (1, Passage(11, 20))
    assert nav.prev_linked(45) == (1, Passage(11, 20))
    assert nav.prev_linked(15) is None
    assert nav.prev_linked(15, wrap=True) == (4, Passage(41, 50))


def test_no_passages():
    nav = PassageNavigator(ArticleAnalysis("e"))
    assert nav.passage_at(0) is None and nav.next_linked(0) is None and nav.prev_linked(0) is None
    assert nav.status(0).total == 0
    assert passage_index([], 3) is None


def test_next_linked_walks_every_linked_passage_in_order(corpus):
    arts, analyses = corpus
    for a in arts:
        an = analyses[a.id]
        nav = PassageNavigator(an)
        linked_starts = sorted({p.start for p in an.passages if any(p.start <= l.start < p.end for l in an.links)})
        seen = []
        off = -1
        while (got := nav.next_linked(off)) is not None:
            seen.append(got[1].start)
            off = got[1].start
        assert seen == linked_starts, a.id
        # and backwards from the end
        seen_back = []
        off = len(a.text)
        while (got := nav.prev_linked(off)) is not None:
            seen_back.append(got[1].start)
            off = got[1].start
        last = nav.passage_at(len(a.text))[1].start
        assert seen_back == [s for s in reversed(linked_starts) if s < last], a.id


# -- mentions ------------------------------------------------------------------------


def test_mentions_toy_crossing_and_wrapping():
    def m(s, e, eid):
        return Mention(s, e, "x" * (e - s), "PER", eid, "x")

    analyses = {
        "a": ArticleAnalysis("a", entities=[m(0, 3, "P"), m(10, 13, "Q"), m(20, 23, "P")]),
        "b": ArticleAnalysis("b", entities=[m(5, 8, "Q")]),
        "c": ArticleAnalysis("c", entities=[m(1, 4, "P")]),
    }
    nav = MentionNavigator(analyses, ["a", "b", "c"])
    assert nav.entity_at("a", 1) == "P"
    assert nav.entity_at("a", 3) == "P"  # just after the name
    assert nav.entity_at("a", 5) is None
    assert nav.entity_at("zzz", 5) is None
    r = nav.next_mention("P", "a", 1)
    assert (r.article_id, r.start, r.end) == ("a", 20, 23)
    r = nav.next_mention("P", "a", 20)
    assert (r.article_id, r.start) == ("c", 1)  # skips b, which does not mention P
    r = nav.next_mention("P", "c", 1)
    assert (r.article_id, r.start) == ("a", 0)  # wraps
    r = nav.prev_mention("P", "a", 0)
    assert (r.article_id, r.start) == ("c", 1)  # wraps backwards
    r = nav.prev_mention("P", "c", 2)  # inside the mention: the one before it
    assert (r.article_id, r.start) == ("a", 20)
    assert nav.next_mention("NOPE", "a", 0) is None
    # order follows the sidebar, not the dict
    nav2 = MentionNavigator(analyses, ["c", "b", "a"])
    r = nav2.next_mention("P", "c", 1)
    assert (r.article_id, r.start) == ("a", 0)


def test_putin_mentions_cross_articles(corpus):
    arts, analyses = corpus
    order = [a.id for a in arts]
    nav = MentionNavigator(analyses, order)
    eid = "PER:vladimir_putin"
    refs = nav.mentions(eid)
    assert {r.article_id for r in refs} == set(order)
    # From the last mention in the first article, next lands in the second.
    first_art = [r for r in refs if r.article_id == order[0]]
    last = first_art[-1]
    assert nav.entity_at(last.article_id, last.start) == eid
    nxt = nav.next_mention(eid, last.article_id, last.start)
    assert nxt.article_id == order[1]
    assert nxt == [r for r in refs if r.article_id == order[1]][0]
    # Walking next from the first mention visits every mention once and wraps.
    cur = refs[0]
    walked = [cur]
    for _ in range(len(refs)):
        cur = nav.next_mention(eid, cur.article_id, cur.start)
        walked.append(cur)
    assert walked[:-1] == refs and walked[-1] == refs[0]
    assert nav.prev_mention(eid, refs[0].article_id, refs[0].start) == refs[-1]


def _m(s, e, eid):
    return Mention(s, e, "x" * (e - s), "PER", eid, f"name of {eid}")


def test_mention_under_prefers_covering_then_later_then_earlier_in_the_passage():
    analyses = {"a": ArticleAnalysis("a", entities=[_m(2, 5, "P"), _m(12, 15, "Q"), _m(18, 20, "R"), _m(31, 34, "S")])}
    nav = MentionNavigator(analyses, ["a"])
    passage = (10, 25)
    assert nav.mention_under("a", 13, passage) == ("Q", MentionRef("a", 12, 15))  # covering
    assert nav.mention_under("a", 15, passage)[0] == "Q"  # just after the name still counts
    assert nav.mention_under("a", 10, passage) == ("Q", MentionRef("a", 12, 15))  # first at or after
    assert nav.mention_under("a", 16, passage) == ("R", MentionRef("a", 18, 20))
    assert nav.mention_under("a", 22, passage) == ("R", MentionRef("a", 18, 20))  # none after: nearest before
    # The passage bounds the search: S (31) is past its end, P (2) before its start.
    assert nav.mention_under("a", 7, (6, 11)) is None
    assert nav.mention_under("a", 7, None) is None
    assert nav.mention_under("a", 3, None) == ("P", MentionRef("a", 2, 5))
    assert nav.mention_under("zzz", 3, passage) is None


def test_step_reports_place_crossing_and_wrapping():
    analyses = {
        "a": ArticleAnalysis("a", entities=[_m(0, 3, "P"), _m(10, 13, "Q"), _m(20, 23, "P")]),
        "b": ArticleAnalysis("b", entities=[_m(5, 8, "Q")]),
        "c": ArticleAnalysis("c", entities=[_m(1, 4, "P"), _m(9, 12, "P")]),
    }
    nav = MentionNavigator(analyses, ["a", "b", "c"])
    s = nav.step("a", 1)
    assert (s.entity_id, s.name, s.source, s.target) == ("P", "name of P", MentionRef("a", 0, 3), MentionRef("a", 20, 23))
    assert (s.index, s.count, s.crossed, s.wrapped) == (2, 2, False, False)
    s = nav.step("a", 21)
    assert (s.target, s.index, s.count, s.crossed, s.wrapped) == (MentionRef("c", 1, 4), 1, 2, True, False)
    s = nav.step("c", 10)
    assert (s.target, s.index, s.crossed, s.wrapped) == (MentionRef("a", 0, 3), 1, True, True)
    s = nav.step("a", 0, forward=False)
    assert (s.target, s.index, s.count, s.crossed, s.wrapped) == (MentionRef("c", 9, 12), 2, 2, True, True)
    s = nav.step("c", 9, forward=False)
    assert (s.target, s.crossed, s.wrapped) == (MentionRef("c", 1, 4), False, False)
    # An entity mentioned once: the step lands where it started and says it wrapped.
    only = MentionNavigator({"a": ArticleAnalysis("a", entities=[_m(4, 6, "Z")])}, ["a"])
    s = only.step("a", 5)
    assert s.target == s.source and s.wrapped and not s.crossed and (s.index, s.count) == (1, 1)
    assert nav.step("b", 0) is None  # no passage given and nothing covers offset 0
    assert nav.step("b", 0, (0, 9)).entity_id == "Q"
    assert nav.place("P", MentionRef("b", 5, 8)) == (0, 0)


@st.composite
def _corpora(draw):
    """A few articles with non-overlapping mentions of a few entities, and an article order."""
    n = draw(st.integers(1, 4))
    analyses = {}
    for k in range(n):
        starts = sorted(draw(st.sets(st.integers(0, 60), max_size=8)))
        ents = []
        for s in starts:
            ents.append(_m(s * 3, s * 3 + draw(st.integers(1, 3)), draw(st.sampled_from("PQR"))))
        analyses[f"a{k}"] = ArticleAnalysis(f"a{k}", entities=ents)
    order = draw(st.permutations(sorted(analyses)))
    return analyses, list(order)


@given(_corpora())
def test_steps_walk_every_mention_in_corpus_order_and_back(corpus_and_order):
    analyses, order = corpus_and_order
    nav = MentionNavigator(analyses, order)
    for eid in "PQR":
        want = [MentionRef(aid, m.start, m.end) for aid in order
                for m in sorted(analyses[aid].entities, key=lambda m: m.start) if m.id == eid]
        assert nav.mentions(eid) == want
        for i, ref in enumerate(want):
            fwd = nav.step(ref.article_id, ref.start)
            assert fwd.source == ref and fwd.target == want[(i + 1) % len(want)]
            assert fwd.wrapped == (i == len(want) - 1)
            assert fwd.crossed == (fwd.target.article_id != ref.article_id)
            same = [r for r in want if r.article_id == fwd.target.article_id]
            assert (fwd.index, fwd.count) == (same.index(fwd.target) + 1, len(same))
            # ``#`` undoes ``*``
            assert nav.step(fwd.target.article_id, fwd.target.start, forward=False).target == ref
