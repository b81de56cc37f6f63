"""A link resting on one uncommon name needs a shared word beyond the name (scoring.NAME_ZIPF),
on a corpus large enough for one name to run through many stories (scoring.NAME_CORPUS)."""

from tui.analysis.links import PassageInfo
from tui.analysis.links.scoring import NAME_CORPUS, _beyond_name, _score_candidates
from tui.analysis.links.terms import _num_units
from tui.analysis.stem import index_terms

AIRPORT = {"o1": "مطار الملك عبدالعزيز الدولي"}
STEAUA = {"o2": "بوخارست"}

# SaudiNewsNet, judged by reading: the terminal's building and the Hajj season at the same
# airport are two stories; Zukala's return to Steaua told twice is one.
BUILDING = "مطار الملك عبدالعزيز الدولي في مراحل التنفيذ النهائية"
HAJJ = "بدأت كافة القطاعات الحكومية العاملة بمطار الملك عبدالعزيز الدولي ومجمع صالات الحج في الاستعداد"
ZUKALA_A = "أشارت وسائل إعلامية رومانية إلى عودة الثنائي مارتين وزوكالا إلى ناديهما ستيوا بوخارست"
ZUKALA_B = "أكدت وسائل إعلامية رومانية أن الاتحاد يتوجه للاستغناء عن زوكالا وعودته إلى ستيوا بوخارست"


def info(aid: str, text: str, ents: dict) -> PassageInfo:
    return PassageInfo(aid, 0, len(text), index_terms(text), dict(ents), {}, [])


def linked(a: PassageInfo, b: PassageInfo, n: int) -> bool:
    out: dict = {}
    _score_candidates(a, [(b, 0.3)], {a.article: TEXTS[a.article], b.article: TEXTS[b.article]}, out, frozenset(), None, lambda t: 1, (), n)
    return any(l.target == b.article for l in out.get(a.article, []))


TEXTS = {"building": BUILDING, "hajj": HAJJ, "za": ZUKALA_A, "zb": ZUKALA_B}


def test_one_name_and_only_its_own_words_is_not_beyond_the_name():
    a, b = info("building", BUILDING, AIRPORT), info("hajj", HAJJ, AIRPORT)
    assert not _beyond_name(a, b, ["o1"], lambda t: 1, 5000)


def test_one_name_and_a_rare_shared_word_is_beyond_the_name():
    a, b = info("za", ZUKALA_A, STEAUA), info("zb", ZUKALA_B, STEAUA)
    assert _beyond_name(a, b, ["o2"], lambda t: 1, 5000)


def test_on_a_large_corpus_one_name_alone_does_not_link_and_one_story_still_does():
    assert not linked(info("building", BUILDING, AIRPORT), info("hajj", HAJJ, AIRPORT), NAME_CORPUS * 25)
    assert linked(info("za", ZUKALA_A, STEAUA), info("zb", ZUKALA_B, STEAUA), NAME_CORPUS * 25)


def test_on_a_small_corpus_a_shared_name_still_links():
    # Five articles on one story: a name in a few passages is the sub-topic they share.
    assert linked(info("building", BUILDING, AIRPORT), info("hajj", HAJJ, AIRPORT), 163)


ARIHA = {"l1": "أريحا"}


def numbered(aid: str, text: str, ents: dict) -> PassageInfo:
    p = info(aid, text, ents)
    p.numbers, p.number_text = _num_units(text)
    return p


def test_one_name_and_a_count_they_disagree_on_still_links():
    # SaudiNewsNet's two headlines of the Ariha jet crash, 31 dead against 27, share the
    # town's name and everyday words only; the disagreement is what the reader must see.
    TEXTS.update(ariha_a="مقتل 31 شخصًا بسقوط مقاتلة سورية على سوق في أريحا", ariha_b="سقوط مقاتلة تابعة للنظام السوري في أريحا ومقتل 27 شخصاً")
    a, b = numbered("ariha_a", TEXTS["ariha_a"], ARIHA), numbered("ariha_b", TEXTS["ariha_b"], ARIHA)
    assert not _beyond_name(a, b, ["l1"], lambda t: 1, 5000)
    out: dict = {}
    _score_candidates(a, [(b, 0.3)], TEXTS, out, frozenset(), None, lambda t: 1, (), NAME_CORPUS * 25)
    assert [l.conflict for l in out.get("ariha_a", [])] == ["العدد: 31 شخصًا ≠ 27 شخصا"]
