"""Hand-checked related passages of the embedded corpus (tests/data/links_pairs_embedded.json,
marked by reading the passages): the pairs below must be among each other's best five links,
the listed unrelated pairs and credit lines must never link, and every article offers links
from its first screen on. benchmarks/links_eval.py reports the figures for all the pairs."""

import json
from pathlib import Path

import pytest

from tui.analysis.pipeline import analyze_corpus
from tui.reader.navigation import PassageNavigator

PAIRS = json.loads((Path(__file__).parent.parent / "data/links_pairs_embedded.json").read_text(encoding="utf-8"))
# Notes of the pairs that must link both ways (the others are reported, not pinned: words alone
# do not find them yet).
MUST_LINK = {
    "the 90-minute phone call of 12 February",
    "the Riyadh meeting (the two give different days)",
    "the Riyadh meeting again",
    "Witkoff sent to Moscow to meet Putin",
    "the 24-hour promise",
    "Zakharova on relations with Washington (two statements)",
    "Trump and Zelensky at odds",
    "talks with Zelensky",
    # Linked since similarities are cosines of weighted queries and paraphrases share a term
    # (stem._CLASS_GROUPS: مستعد / استعداده، التقى / لقاء، أشاد / مشيدا).
    "readiness to meet (Putin's, Trump's)",
    "a coming meeting",
    "mutual praise",
    "the campaign promise to end the war at once",
    "contrast with Biden",
    "sanctions and buyers of Russian oil",
    "China and the Russia-China axis",
    "overview: a shift despite the war",
    "Trump's policy called appeasement",
    # Linked since the news thesaurus (data/news_concepts.tsv): concept terms and paraphrases
    # (النزاع / حرب، التوترات / الخلافات) bring the two conclusions closer.
    "conclusions: the future of relations unclear",
}
MUST_BE_STRONG = {"the 90-minute phone call of 12 February", "the Riyadh meeting (the two give different days)", "the 24-hour promise"}


@pytest.fixture(scope="module")
def corpus():
    load = pytest.importorskip("tui.corpus.load")
    arts = load.load_embedded().articles
    return {a.id[:3]: a for a in arts}, analyze_corpus(arts)


def passage(corpus, prefix, quote):
    arts, res = corpus
    a = arts[prefix]
    at = a.text.find(quote)
    assert at >= 0, quote
    return a, next(p for p in res[a.id].passages if p.start <= at < p.end)


def best_five(corpus, a, p):
    _, res = corpus
    return sorted((l for l in res[a.id].links if p.start <= l.start < p.end), key=lambda l: -l.score)[:5]


@pytest.mark.parametrize("pair", [p for p in PAIRS["pairs"] if p["note"] in MUST_LINK], ids=lambda p: p["note"])
def test_hand_checked_pair_is_among_the_best_five_both_ways(corpus, pair):
    a, pa = passage(corpus, pair["a"], pair["qa"])
    b, pb = passage(corpus, pair["b"], pair["qb"])
    there = [l for l in best_five(corpus, a, pa) if l.target == b.id and l.target_start == pb.start]
    back = [l for l in best_five(corpus, b, pb) if l.target == a.id and l.target_start == pa.start]
    assert there and back
    if pair["note"] in MUST_BE_STRONG:
        assert there[0].strength == back[0].strength == "strong"


# Among the best five from one side, and listed from the other: 004's passage on Ukraine's
# absence from the Alaska summit has seven links, five of them closer (full queries on a small
# corpus, links.index.QUERY_TERMS_SMALL), and this pair came sixth there (0.074 against 0.083).
ONE_SIDE = {"Ukraine left out of the summits (Riyadh, Alaska)"}


@pytest.mark.parametrize("pair", [p for p in PAIRS["pairs"] if p["note"] in ONE_SIDE], ids=lambda p: p["note"])
def test_hand_checked_pair_is_among_the_best_five_one_way_and_listed_back(corpus, pair):
    _, res = corpus
    a, pa = passage(corpus, pair["a"], pair["qa"])
    b, pb = passage(corpus, pair["b"], pair["qb"])
    there = [l for l in best_five(corpus, a, pa) if l.target == b.id and l.target_start == pb.start]
    back = [l for l in res[b.id].links if l.start == pb.start and l.target == a.id and l.target_start == pa.start]
    assert there and back


def test_every_pinned_note_exists():
    assert MUST_LINK | ONE_SIDE <= {p["note"] for p in PAIRS["pairs"]}


@pytest.mark.parametrize("pair", PAIRS["not"], ids=lambda p: p["note"])
def test_unrelated_passages_and_credit_lines_do_not_link(corpus, pair):
    a, pa = passage(corpus, pair["a"], pair["qa"])
    _, res = corpus
    ls = [l for l in res[a.id].links if pa.start <= l.start < pa.end]
    if pair["b"] == "*":
        assert not ls
    else:
        b, pb = passage(corpus, pair["b"], pair["qb"])
        assert not [l for l in ls if l.target == b.id and l.target_start == pb.start]


def test_every_article_offers_links_from_its_first_screen(corpus):
    arts, res = corpus
    for a in arts.values():
        an = res[a.id]
        assert an.links, f"{a.id} has no links"
        nav = PassageNavigator(an)
        found = nav.next_linked(0)
        # ] from the top lands on a linked passage (or the top passage itself has links).
        assert found is not None or nav.links_at(0), a.id
        first = min(l.start for l in an.links)
        assert first < 1200, f"{a.id}: the first linked passage starts at {first}, beyond the first screen"


def test_reason_names_the_shared_words_when_only_common_names_are_shared(corpus):
    # Trump and Putin are in most passages of the corpus: "مشترك: دونالد ترامب، فلاديمير بوتين"
    # alone would not tell a reader why Putin's readiness to meet goes with Trump's.
    a, pa = passage(corpus, "000", "واستعداده لعقد لقاء معه")
    b, pb = passage(corpus, "001", "مستعد للقاء الرئيس الروسي")
    link = next(l for l in best_five(corpus, a, pa) if l.target == b.id and l.target_start == pb.start)
    shared = link.reason.split("مشترك: ", 1)[1].split("، ")
    # The words as the passage wrote them (واستعداده), the rarest first, before the names.
    assert any("استعداده" in w for w in shared[:2]) and "لقاء" in shared[:3], link.reason
    assert shared.index("دونالد ترامب") >= 2


def test_reasons_are_the_same_from_run_to_run(corpus):
    arts, res = corpus
    again = analyze_corpus(list(arts.values()))
    assert {aid: [(l.start, l.target, l.target_start, l.reason) for l in an.links] for aid, an in res.items()} == {
        aid: [(l.start, l.target, l.target_start, l.reason) for l in an.links] for aid, an in again.items()
    }
