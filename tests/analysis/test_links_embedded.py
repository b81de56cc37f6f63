"""Hand-checked links on the embedded corpus (read by a person first; see the report).

* corpus/003 dates the Trump–Putin phone call 12 February 2025 and says it lasted 90 minutes;
  corpus/002 (a PDF extraction) describes the same 90-minute call without a date.
* corpus/003 dates the Riyadh summit 18 February 2025; corpus/001 says 19 February.
These use the real loader and extractors, so they also check that the pieces fit together.
"""

import pytest

from tui.analysis.pipeline import analyze_corpus


@pytest.fixture(scope="module")
def corpus():
    load = pytest.importorskip("tui.corpus.load")
    arts = load.load_embedded().articles
    assert len(arts) == 5
    res = analyze_corpus(arts)
    by_prefix = {a.id[:3]: a for a in arts}
    return by_prefix, res


def links(corpus, src, dst):
    arts, res = corpus
    a, b = arts[src], arts[dst]
    return [(a.text[l.start : l.end], b.text[l.target_start : l.target_end], l) for l in res[a.id].links if l.target == b.id]


def test_phone_call_of_12_february_links_003_and_002(corpus):
    found = [
        l for s, t, l in links(corpus, "003", "002") if "12 فبراير 2025" in s and "90 دقيقة" in t
    ] + [l for s, t, l in links(corpus, "002", "003") if "90 دقيقة" in s and "12 فبراير 2025" in t]
    assert found
    assert any("90" in l.reason for l in found)


def test_riyadh_summit_links_001_and_003(corpus):
    there = [l for s, t, l in links(corpus, "001", "003") if "قمة الرياض في 19 فبراير" in s and "الرياض" in t]
    back = [l for s, t, l in links(corpus, "003", "001") if "قمة الرياض في 19 فبراير" in t]
    assert there and back
    assert any("قمة الرياض" in l.reason for l in there)


def test_riyadh_summit_date_conflict_is_flagged(corpus):
    pairs = links(corpus, "001", "003") + links(corpus, "003", "001")
    conflicts = {l.conflict for s, t, l in pairs if l.conflict}
    assert conflicts & {"التاريخ: 19 فبراير ≠ 18 فبراير", "التاريخ: 18 فبراير ≠ 19 فبراير"}


def test_links_never_point_inside_the_same_article(corpus):
    _, res = corpus
    assert all(l.target != aid for aid, an in res.items() for l in an.links)


def test_unrelated_passages_do_not_link(corpus):
    # The Alaska article's closing "اقرا ايضا" and the newspaper mastheads say nothing.
    arts, res = corpus
    a = arts["004"]
    for l in res[a.id].links:
        assert "اقرا ايضا" not in a.text[l.start : l.end]


def test_every_link_can_be_walked_back(corpus):
    """Following a link and then opening the links panel there must offer the way back."""
    _, analyses = corpus
    pairs = {
        (aid, l.start, l.target, l.target_start) for aid, an in analyses.items() for l in an.links
    }
    assert pairs
    missing = [p for p in pairs if (p[2], p[3], p[0], p[1]) not in pairs]
    assert not missing, missing[:5]
