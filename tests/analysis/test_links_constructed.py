"""Linking on small constructed corpora, with fake extractors (the real ones are tested elsewhere)."""

import re

from tui.analysis.dates import extract_dates
from tui.analysis.model import Mention
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


def _info(aid, words, ents=None):
    from tui.analysis.links import PassageInfo

    return PassageInfo(aid, 0, 40, list(words), dict(ents or {}))


def test_a_weak_words_only_candidate_alone_gives_no_link():
    """Shared words alone (no uncommon name, date, count or event) must be well above the keep
    cut for a passage's first link: two passages of one story share its vocabulary."""
    from tui.analysis.links import _score_candidates, scoring

    cuts = (0.10, 0.2, 0.5)
    a = _info("a", ["نهج", "فتر", "ادار", "يفتح", "علاق"])
    b = _info("b", ["نهج", "فتر", "ادار", "ناتو", "تماسك"])
    texts = {"a": "النهج فترة الإدارة يفتح العلاقات", "b": ""}
    out: dict = {}
    _score_candidates(a, [(b, 0.10 * (scoring.WORDS_ONLY - 0.1))], texts, out, cuts=cuts)
    assert not out, "words only, under WORDS_ONLY × keep: no link"
    _score_candidates(a, [(b, 0.10 * (scoring.WORDS_ONLY + 0.1))], texts, out, cuts=cuts)
    assert [l.target for l in out["a"]] == ["b"]


def test_next_candidates_ride_on_a_first_link_that_qualifies():
    from tui.analysis.links import _score_candidates, scoring

    cuts = (0.10, 0.2, 0.5)
    a = _info("a", ["قمه", "رياض", "مفاوض", "وفد", "@riyadh"], {"riyadh": "الرياض"})
    first = _info("b", ["قمه", "رياض", "مفاوض", "وفد", "@riyadh"], {"riyadh": "الرياض"})
    rider = _info("c", ["قمه", "مفاوض", "وفد", "سلام"])
    below = _info("d", ["قمه", "مفاوض", "وفد", "سلام"])
    texts = {"a": "قمة الرياض مفاوضات الوفد", "b": "", "c": "", "d": ""}
    out: dict = {}
    ride = 0.10 * (scoring.FOLLOW + 0.05)
    _score_candidates(a, [(first, 0.3), (rider, ride), (below, 0.10 * (scoring.FOLLOW - 0.1))], texts, out, cuts=cuts)
    assert [l.target for l in out["a"]] == ["b", "c"]
    out = {}
    _score_candidates(a, [(rider, ride)], texts, out, cuts=cuts)
    assert not out, "a rider alone is no link"


def test_a_rider_sharing_one_name_and_a_word_is_left_out():
    """On SaudiNewsNet a rider whose only evidence is one uncommon name, with a word or two
    more, was another story (الأرجنتين: Di Maria's transfer and Khedira's injury)."""
    from tui.analysis.links import _score_candidates

    cuts = (0.10, 0.2, 0.5)
    own = [f"كلم{i}" for i in range(20)] + ["@arg"]
    a = _info("a", own, {"arg": "الأرجنتين"})
    first = _info("b", own, {"arg": "الأرجنتين"})
    # Three words of twenty and the name: under RIDER_SHARE; six words: over it.
    other = _info("c", own[:3] + [f"اخر{i}" for i in range(17)] + ["@arg"], {"arg": "الأرجنتين"})
    close = _info("d", own[:6] + [f"اخر{i}" for i in range(14)] + ["@arg"], {"arg": "الأرجنتين"})
    texts = {k: "" for k in "bcd"} | {"a": "انتقال ماريا إلى سان جيرمان"}
    ride = 0.055  # with the name's bonus: over FOLLOW × keep, under keep itself
    out: dict = {}
    _score_candidates(a, [(first, 0.4), (other, ride), (close, ride)], texts, out, cuts=cuts)
    assert sorted(l.target for l in out["a"]) == ["b", "d"]


def test_days_a_week_apart_are_two_events_not_a_conflict():
    # Two bombings of one story (Suruc on the 20th, another on the 25th): same month, same
    # event words, but a conflict between two tellings of one event is a day or two.
    a = art("a", "2025-08-01", "استهدف تفجير انتحاري في قمة الرياض يوم 20 يوليو 2025 وفد ترامب وبوتين وأودى بحياة عدد من الحراس.")
    b = art("b", "2025-08-01", "استهدف تفجير انتحاري في قمة الرياض يوم 27 يوليو 2025 وفد ترامب وبوتين وأودى بحياة عدد من الحراس.")
    res = analyze_corpus(corpus(a, b), extractors=FAKE)
    assert links_between(res, "a", "b"), "they link: the same story"
    assert all(l.conflict is None for l in res["a"].links + res["b"].links)


def test_a_month_alone_conflicts_only_with_a_day_placed_in_its_year():
    from tui.analysis.links import date_conflict

    def info(aid, dates, months):
        p = _info(aid, ["حطام", "طاير", "ماليز", "اختف", "ركاب", "جزير", "ريونيون", "محقق"])
        p.dates, p.months = dates, months
        return p

    ctx = ["اختف", "طاير", "ماليز", "ركاب"]
    may = info("a", [], [[5, ctx]])
    placed = info("b", [("2014-03-08", "day", "8 مارس 2014", ctx)], [])
    report_day = info("c", [("2015-08-03", "day", "3 أغسطس", ctx)], [])
    assert date_conflict(may, placed) is not None
    assert date_conflict(may, report_day) is None, "the report's own day, written without its year"


def test_counts_of_which_and_running_tolls_are_not_conflicts():
    from tui.analysis.links import _num_units, number_conflict

    assert _num_units("اعتمدت 33 مركزًا انتخابيًا منها 12 مركزاً للنساء")[0] == {"مركز": ["33"]}
    words = ["فيضان", "باكستان", "وفيات", "اسابيع", "مسوول", "حصيل", "ارتفاع", "امطار", "@pak"]

    def info(aid, n, extra):
        p = _info(aid, words + extra, {"pak": "باكستان"})
        p.numbers, p.number_text = {"شخص": [n]}, {}
        return p

    assert number_conflict(info("a", "92", ["سبت"]), info("b", "151", ["ثلاثاء", "جنوب", "اقاليم", "سند", "انهيار", "منازل", "طرق"]), event="x") is None


def test_a_count_several_times_another_is_its_total_not_a_conflict():
    from tui.analysis.links import number_conflict

    words = ["ارباح", "شركات", "مدرج", "سوق", "ربع", "ثاني", "تراجع", "بتروكيماويات", "@tasi"]

    def info(aid, n):
        p = _info(aid, words, {"tasi": "السوق المالية"})
        p.numbers, p.number_text = {"مليار ريال": [n]}, {}
        return p

    assert number_conflict(info("a", "2.7"), info("b", "30.8"), event="x") is None
    assert number_conflict(info("a", "27.7"), info("b", "30.8"), event="x") is not None


def test_a_count_beside_a_linked_passage_can_conflict():
    """اصطدمت بـ15 سيارة against وتحطم 20 سيارة (issue 11): the short passage ranks the long
    report below its best candidates, but the report's paragraph next to one of them holds the
    other count; a close count there is a conflict, a far one (a total and its part) is not."""
    from tui.analysis.links import _score_candidates

    cuts = (0.25, 0.45, 0.85)
    crash = ["طاير", "خاص", "طراز", "ليرجيت", "اصطدام", "تجاوز", "مدرج", "مطار", "بلاكبوش"]
    a = _info("a", crash)
    a.numbers, a.number_text = {"سيار": ["15"]}, {"15 سيار": "بـ15 سيارة"}
    near = _info("b", ["طاير", "ميلانو", "بريطانيا", "هاشم", "لادن", "سعد", "ركاب", "شرطه", "تحقيق", "مقاطعه"])
    report = _info("b", [*crash, "معرض", "سيارات", "مزاد", "اشتعال", "هبوط", "طيار", "اسعاف"])
    report.start, report.numbers, report.number_text = 100, {"سيار": ["20"]}, {"20 سيار": "20 سيارة"}
    texts = {"a": "اصطدمت الطائرة الخاصة بـ15 سيارة", "b": ""}
    out: dict = {}
    _score_candidates(a, [(near, 0.3)], texts, out, cuts=cuts, neighbours=[(report, 0.1)])
    got = [l for l in out["a"] if l.target_start == 100]
    assert got and got[0].conflict == "العدد: بـ15 سيارة ≠ 20 سيارة" and got[0].strength == "strong"
    report.numbers = {"سيار": ["60"]}
    out = {}
    _score_candidates(a, [(near, 0.3)], texts, out, cuts=cuts, neighbours=[(report, 0.1)])
    assert not [l for l in out.get("a", []) if l.target_start == 100]
