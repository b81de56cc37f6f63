"""The thesaurus of news vocabulary (tui/analysis/data/news_concepts.tsv): its classes load,
stay apart, leave out words of two senses, and let a paraphrase meet what it paraphrases."""

import pytest

from tui.analysis.links import PassageInfo
from tui.analysis.links.index import LinkStats, _weigh
from tui.analysis.links.scoring import paraphrased
from tui.analysis.links.terms import _substantive
from tui.analysis.stem import CONCEPT_MARK, CONCEPTS, CONCEPTS_FILE, STOPWORDS, fold, index_terms, light_stem, with_concepts


def classes() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in CONCEPTS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, gloss, words = line.split("\t")
            assert gloss.strip(), name
            out[name] = words.split()
    return out


def test_classes_load_with_several_hundred_words():
    got = classes()
    assert len(got) >= 60
    assert sum(len(w) for w in got.values()) >= 400
    assert len(CONCEPTS) >= 300
    assert all(c.startswith(CONCEPT_MARK) and c[1:] in got for c in CONCEPTS.values())


def test_each_class_joins_different_stems_and_no_stem_is_in_two():
    owner: dict[str, str] = {}
    for name, words in classes().items():
        stems = {light_stem(fold(w)) for w in words}
        assert len(stems) >= 2, name  # a class of one stem adds nothing
        for st in stems:
            assert st not in STOPWORDS, (name, st)
            assert owner.setdefault(st, name) == name, (st, owner[st], name)


@pytest.mark.parametrize("word", ["قضاء", "تحقيق", "ضربة", "يضم", "مناطق", "طالب", "دين", "نصر", "محور", "إعداد"])
def test_words_of_two_senses_are_in_no_class(word):
    assert light_stem(fold(word)) not in CONCEPTS


def info(aid: str, text: str) -> PassageInfo:
    return PassageInfo(aid, 0, len(text), with_concepts(index_terms(text)))


def test_a_paraphrase_meets_what_it_paraphrases_through_its_class():
    a = info("a", "فرضت الإدارة عقوبات جديدة على الجزيرة")
    b = info("b", "رفع الحظر المفروض على الجزيرة")
    c = info("c", "افتتاح معرض الكتاب في المدينة")
    assert paraphrased(a, b) == {CONCEPT_MARK + "sanctions"}
    assert not paraphrased(a, c)
    docs = [a.terms, b.terms, c.terms]
    stats = LinkStats.of(docs)
    dmat, _ = _weigh(docs, stats)
    shared = set(dmat[0].indices) & set(dmat[1].indices)
    assert {stats.terms[i] for i in shared} == {light_stem(fold("الجزيرة")), CONCEPT_MARK + "sanctions"}
    # The same word shared is not counted again through its class.
    d = info("d", "عقوبات على الجزيرة")
    assert not paraphrased(a, d)


def test_concept_terms_are_not_words():
    a = info("a", "هدنة")
    assert CONCEPT_MARK + "truce" in a.terms
    assert all(t[0] != CONCEPT_MARK for t in a.term_set)
    assert not _substantive(a.terms)  # one word and its concept: still a one-word heading


def test_reasons_never_show_a_concept_term():
    load = pytest.importorskip("tui.corpus.load")
    from tui.analysis.pipeline import analyze_corpus

    res = analyze_corpus(load.load_embedded().articles)
    reasons = [l.reason for an in res.values() for l in an.links]
    assert reasons and not any(CONCEPT_MARK in r for r in reasons)


def test_two_reports_in_other_words_link_and_the_reason_says_so():
    from tui.analysis.links import compute_links

    texts = {
        "a": "دعت الحكومة الأمريكية إلى رفع الحظر الاقتصادي المفروض على كوبا منذ عقود",
        "b": "طالبت كلينتون بإنهاء الحصار الأمريكي المفروض على كوبا",
    }
    # Other stories, so that what a and b share is not the whole corpus's topic.
    others = [
        "افتتح معرض الكتاب في المدينة بمشاركة مئات الناشرين",
        "ارتفعت درجات الحرارة في الصحراء خلال عطلة نهاية الأسبوع",
        "فاز الفريق الأول بالبطولة بعد مباراة نهائية مثيرة",
        "أعلنت الجامعة مواعيد القبول والتسجيل للطلاب الجدد",
        "بدأت البلدية أعمال صيانة الطرق والجسور في الأحياء الشمالية",
        "حذرت هيئة الأرصاد من أمطار غزيرة وسيول في المرتفعات",
        "سجلت أسعار الذهب مستوى قياسيا في الأسواق العالمية",
        "دشن الأمير مشروع محطة تحلية المياه على الساحل",
        "أطلقت الوزارة حملة للتوعية بأضرار التدخين بين الشباب",
        "استقبل المستشفى التخصصي أول مريض في قسم القلب الجديد",
        "عرضت السينما فيلما وثائقيا عن تاريخ الموسيقى الشعبية",
        "نظم النادي الأدبي أمسية شعرية لعدد من الشعراء الشباب",
    ]
    texts.update({f"o{i:02d}": t for i, t in enumerate(others)})
    infos = [info(aid, t) for aid, t in texts.items()]
    links = compute_links(infos, texts)
    got = [l for l in links.get("a", []) if l.target == "b"]
    assert got, links
    assert "≈" in got[0].reason and "الحظر" in got[0].reason and "الحصار" in got[0].reason, got[0].reason
    assert all(l.target == "b" for l in links.get("a", []))
