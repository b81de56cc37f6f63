"""Linking on small constructed corpora, with fake extractors (the real ones are tested elsewhere)."""

import re

from tui.analysis.model import Mention
from tui.analysis.dates import extract_dates
from tui.analysis.pipeline import Extractors, analyze_corpus
from tui.corpus.model import Article

_NAMES = {
    "ترامب": ("PER", "trump", "دونالد ترامب"),
    "بوتين": ("PER", "putin", "فلاديمير بوتين"),
    "قمة الرياض": ("EVENT", "riyadh-summit", "قمة الرياض"),
    "الرياض": ("LOC", "riyadh", "الرياض"),
    "ميسي": ("PER", "messi", "ليونيل ميسي"),
}
_NAME_RE = re.compile("|".join(sorted(map(re.escape, _NAMES), key=len, reverse=True)))


def fake_entities(text):
    return [Mention(m.start(), m.end(), m.group(), *_NAMES[m.group()]) for m in _NAME_RE.finditer(text)]


def fake_article_date(text):
    m = re.search(r"\b(20\d\d)-(\d\d)-(\d\d)\b", text)
    return (m.group() if m else None), []


FAKE = Extractors(entities=fake_entities, dates=extract_dates, article_date=fake_article_date, version="test")

FILLER = [
    "ارتفعت أسعار القمح في الأسواق المحلية بسبب موجة الجفاف التي ضربت المزارع الشمالية هذا الموسم.",
    "افتتحت البلدية حديقة عامة جديدة تضم ملاعب للأطفال وممرات للمشي ومساحات خضراء واسعة.",
    "سجل المنتخب الوطني فوزا كبيرا في مباراته الودية وسط حضور جماهيري لافت في الملعب.",
    "أعلنت الجامعة عن برنامج منح دراسية للطلاب المتفوقين في تخصصات الهندسة والطب.",
    "حذرت هيئة الأرصاد من أمطار غزيرة وسيول محتملة في المناطق الجبلية خلال الأيام المقبلة.",
]


def art(aid, *paras):
    return Article(aid, f"{aid}.txt", "\n".join(paras), title=paras[0])


def corpus(*arts):
    fill = [art(f"f{i}", "عنوان عام", FILLER[i], FILLER[(i + 1) % 5]) for i in range(5)]
    return list(arts) + fill


def links_between(res, a, b):
    return [l for l in res[a].links if l.target == b]


def test_shared_event_links_and_unrelated_passages_do_not():
    a = art(
        "a",
        "2025-03-01 تقرير",
        "عقدت قمة الرياض في 18 فبراير 2025 بين وفدين من الولايات المتحدة وروسيا لبحث إنهاء الحرب في أوكرانيا.",
        "ارتفعت أسعار القمح في الأسواق المحلية بعد موسم جاف وقلة الأمطار في الحقول.",
    )
    b = art(
        "b",
        "2025-03-02 تحليل",
        "شارك مبعوثو ترامب ووفد بوتين في قمة الرياض يوم 18 فبراير 2025 وناقشوا إنهاء الحرب في أوكرانيا واستعادة العلاقات.",
        "سجل ميسي هدفين في المباراة النهائية وسط احتفالات الجماهير.",
    )
    res = analyze_corpus(corpus(a, b), extractors=FAKE)
    ab = links_between(res, "a", "b")
    assert ab, "the two accounts of the Riyadh summit must link"
    link = max(ab, key=lambda l: l.score)
    assert a.text[link.start : link.end].startswith("عقدت قمة الرياض")
    assert b.text[link.target_start : link.target_end].startswith("شارك مبعوثو")
    assert "قمة الرياض" in link.reason and "18 فبراير 2025" in link.reason
    assert link.conflict is None
    assert links_between(res, "b", "a"), "links are stored per source passage, both ways"
    # Football and wheat prices share nothing with the summit.
    football = b.text.index("سجل ميسي")
    assert not [l for l in res["b"].links if l.start == football and l.target == "a"]
    wheat = a.text.index("ارتفعت")
    assert not [l for l in res["a"].links if l.start == wheat and l.target == "b"]


def test_never_links_within_one_article():
    p = "اجتمع ترامب مع بوتين في قمة الرياض لبحث إنهاء الحرب في أوكرانيا وتبادل الأسرى بين البلدين."
    a = art("a", "عنوان", p, p + " وقال المتحدث إن الأجواء كانت إيجابية.")
    res = analyze_corpus(corpus(a), extractors=FAKE)
    assert all(l.target != "a" for l in res["a"].links)


def test_date_conflict_same_event_same_month_different_day():
    a = art("a", "2025-03-01", "فبعد قمة الرياض في 19 فبراير، التي جمع خلالها الوفدان الأمريكي والروسي محادثات عميقة، تم الإعلان عن توافق حول إنهاء الحرب في أوكرانيا.")
    b = art("b", "2025-03-01", "عقدت قمة الرياض في 18 فبراير 2025 بين الوفدين الأمريكي والروسي، وتم الاتفاق على إنهاء الحرب في أوكرانيا واستعادة التمثيل الدبلوماسي.")
    res = analyze_corpus(corpus(a, b), extractors=FAKE)
    ab = [l for l in links_between(res, "a", "b") if a.text[l.start : l.end].startswith("فبعد")]
    assert ab
    assert ab[0].conflict == "التاريخ: 19 فبراير ≠ 18 فبراير"
    ba = [l for l in links_between(res, "b", "a") if b.text[l.start : l.end].startswith("عقدت")]
    assert ba[0].conflict == "التاريخ: 18 فبراير ≠ 19 فبراير"


def test_different_events_on_different_days_are_not_a_conflict():
    a = art("a", "2025-03-01", "أكد ترامب في تصريحات صحفية يوم 17 فبراير 2025 أنه قد يلتقي بوتين قريبا جدا لمناقشة إنهاء الحرب في أوكرانيا.")
    b = art("b", "2025-03-01", "في 12 فبراير 2025 أجرى ترامب مكالمة هاتفية مع بوتين لمناقشة إنهاء الحرب في أوكرانيا استمرت لمدة ساعة ونصف.")
    res = analyze_corpus(corpus(a, b), extractors=FAKE)
    for l in res["a"].links + res["b"].links:
        assert l.conflict is None


def test_number_conflict_same_unit():
    a = art("a", "عنوان", "استغرقت المكالمة الهاتفية بين ترامب وبوتين 90 دقيقة وتناولت إنهاء الحرب في أوكرانيا وتبادل الأسرى.")
    b = art("b", "عنوان", "استغرقت المكالمة الهاتفية بين ترامب وبوتين 60 دقيقة وتناولت إنهاء الحرب في أوكرانيا وتبادل الأسرى.")
    res = analyze_corpus(corpus(a, b), extractors=FAKE)
    ab = links_between(res, "a", "b")
    assert ab and ab[0].conflict is not None
    assert "90" in ab[0].conflict and "60" in ab[0].conflict and "دقيقة" in ab[0].conflict


def test_same_number_is_shared_evidence_not_conflict():
    a = art("a", "عنوان", "استغرقت المكالمة الهاتفية بين ترامب وبوتين 90 دقيقة وتناولت إنهاء الحرب في أوكرانيا.")
    b = art("b", "عنوان", "يعد الاتصال الهاتفي الذي استغرق 90 دقيقة بين ترامب وبوتين نقطة تحول في العلاقات.")
    res = analyze_corpus(corpus(a, b), extractors=FAKE)
    ab = links_between(res, "a", "b")
    assert ab and ab[0].conflict is None
    assert "90 دقيقة" in ab[0].reason


def test_shared_numbers_are_named_as_the_article_wrote_them() -> None:
    from tui.analysis.links import _num_units

    # Harakat elsewhere make the folded text shorter; the reason must still say دقيقة, not دقيقه.
    units, surface = _num_units("ويُعَدّ الاتصال الذي استغرق 90 دقيقة بين الزعيمين، وخلال 24 ساعةً")
    assert sorted(surface.values()) == ["24 ساعة", "90 دقيقة"]
    assert all(v for v in units.values())


def test_count_conflict_survives_a_weaker_second_candidate():
    """The number-conflict rule reads each candidate's own similarity. It used to read the
    similarity left over from the scoring loop, i.e. the last (weakest) candidate's, so a
    near-identical pair lost its count conflict as soon as a weaker passage was also listed."""
    from tui.analysis.links import PassageInfo, _score_candidates

    terms = ["طاير", "ماليز", "حطام", "جزير", "ريونيون", "محقق", "@crash"]
    ents = {"crash": "الطائرة الماليزية"}

    def info(aid, n, words=terms):
        return PassageInfo(aid, 0, 40, list(words), dict(ents), {}, [], {"راكب": [n]}, {f"{n} راكب": f"{n} راكبا"})

    # Alike enough to contradict a count means telling the same fact (number_conflict): the
    # weaker candidate shares the crash but only four of its words.
    a, close = info("a", "239"), info("b", "227")
    weak = info("c", "227", ["طاير", "ماليز", "حطام", "جزير", "سوق", "اسهم", "نفط", "@crash"])
    texts = {"a": "حطام الطائرة الماليزية وعلى متنها 239 راكبا.", "b": "", "c": ""}
    out: dict = {}
    _score_candidates(a, [(close, 0.9), (weak, 0.25)], texts, out)  # the weaker one comes last
    by_target = {l.target: l for l in out["a"]}
    assert by_target["b"].conflict is not None and "239" in by_target["b"].conflict
    assert by_target["c"].conflict is None, "the weaker candidate is not alike enough to contradict a count"
    assert by_target["b"].strength == "strong"
