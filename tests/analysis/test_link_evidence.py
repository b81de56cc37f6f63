"""What may explain a link and what two passages may disagree on (tui/analysis/evidence.py and
the reason/conflict functions of links.py), on passages from SaudiNewsNet reports (short spans)
and constructed ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tui.analysis.dates import extract_dates
from tui.analysis.links import _event_phrase, _num_units, date_conflict, number_conflict, passage_info
from tui.analysis.model import Mention, Passage
from tui.analysis.pipeline import analyze_corpus
from tui.corpus.boilerplate import find_folds
from tui.corpus.model import Article

ROOT = Path(__file__).resolve().parents[2]


def info(aid: str, text: str, names: dict[str, str] | None = None, dates: bool = False):
    """The link evidence of ``text`` as one passage; ``names``: surface -> entity id."""
    ents = []
    for surface, eid in (names or {}).items():
        i = text.find(surface)
        while i >= 0:
            ents.append(Mention(i, i + len(surface), surface, "LOC", eid, surface))
            i = text.find(surface, i + 1)
    ds = sorted(extract_dates(text), key=lambda d: d.start) if dates else []
    return passage_info(aid, text, Passage(0, len(text)), sorted(ents, key=lambda m: m.start), ds)


# -- boilerplate --------------------------------------------------------------------------------


def test_credit_lines_and_datelines_are_folded():
    text = "عين اليوم – الرياض\nعمر إبراهيم – عين اليوم\nنص الخبر.\nرابط الخبر بصحيفة الوئام: غدانا عند أبو حسن\nللتواصل أرسل sms إلى 88548 الاتصالات"
    kinds = {text[f.start : f.end]: f.kind for f in find_folds(text)}
    assert kinds == {
        "عين اليوم – الرياض": "byline",
        "عمر إبراهيم – عين اليوم": "byline",
        "رابط الخبر بصحيفة الوئام: غدانا عند أبو حسن": "credit",
        "للتواصل أرسل sms إلى 88548 الاتصالات": "credit",
    }


def _alweeam(aid: str, body: str, title: str) -> Article:
    text = f"{title}\n\n{body} رابط الخبر بصحيفة الوئام: {title}\nرابط الخبر بصحيفة الوئام: {title}"
    return Article(aid, f"{aid}.txt", text, title=title)


def test_a_credit_line_neither_makes_nor_explains_a_link():
    arts = [
        _alweeam("w1", "أعلنت الأحوال المدنية نتائج القبول المبدئي لبرنامج التدريب المنتهي بالتوظيف في منطقة جازان.", "الأحوال المدنية تعلن النتائج"),
        _alweeam("w2", "أخمدت فرق الدفاع المدني حريقا في محل لتشليح السيارات في المدينة المنورة دون إصابات.", "مدني المدينة يسيطر على حريق"),
        _alweeam("w3", "سجل المنتخب الوطني فوزا كبيرا في مباراته الودية وسط حضور جماهيري لافت في الملعب.", "فوز المنتخب"),
    ]
    res = analyze_corpus(arts)
    for a in arts:
        for l in res[a.id].links:
            assert "الوئام" not in l.reason
            assert "رابط الخبر" not in a.text[l.start : l.end]


def test_a_paper_crediting_itself_is_not_a_shared_name():
    # aawsat quotes itself: «الشرق الأوسط» in both passages is the paper, not what they tell.
    a = info("a", "وقال مسؤول في وزارة المالية لـ«الشرق الأوسط» إن الميزانية الجديدة ستعلن قريبا.", {"الشرق الأوسط": "me"})
    b = info("b", "وأكد مصدر مطلع لـ«الشرق الأوسط» أن المنتخب سيخوض مباراة ودية الشهر المقبل.", {"الشرق الأوسط": "me"})
    assert a.entities == {} and b.entities == {}
    # The region, unquoted, is still a name.
    c = info("c", "تشهد منطقة الشرق الأوسط موجة حر غير مسبوقة هذا الصيف.", {"الشرق الأوسط": "me"})
    assert c.entities == {"me": "الشرق الأوسط"}


def test_who_reported_is_not_why_two_passages_link():
    from tui.analysis.links import _reason

    text_a = "وأوضحت الصحيفة أن الطائرة الخاصة اصطدمت بمعرض السيارات عند تجاوزها المدرج."
    a = info("a", text_a)
    b = info("b", "وذكرت الصحيفة أن الطائرة الخاصة تجاوزت المدرج واصطدمت بمعرض السيارات.")
    reason = _reason(a, b, text_a, None, [], [])
    assert reason.startswith("مشترك: ") and "الصحيفة" not in reason and "الطائرة" in reason


# -- event phrases ------------------------------------------------------------------------------


def test_only_real_events_are_the_same_event():
    # From SaudiNewsNet's most frequent "events" before: not events at all.
    not_events = [
        ("وارتفعت أسهم الاتصالات بنسبة 3 في المائة في ختام التداول.", "وتراجعت أسهم الاتصالات بنسبة 2 في المائة أمس."),
        ("وفي ختام الجلسة رفع رئيس المجلس أعمالها إلى الأسبوع المقبل.", "وبعد نقاش طويل في الجلسة رفع الأعضاء توصياتهم."),
        ("وقال وزير الشؤون الاجتماعية الدكتور ماجد القصبي إن البرنامج يشمل الأسر.", "وأكدت الشؤون الاجتماعية الدكتور ماجد القصبي دعم الجمعيات."),
        ("وعقد الوزير مؤتمر صحفي في مقر الوزارة.", "وفي مؤتمر صحفي عقده أمس قال المتحدث إن التحقيق مستمر."),
    ]
    for x, y in not_events:
        assert _event_phrase(info("a", x), info("b", y)) is None, x
    a = info("a", "وانطلقت أعمال قمة الرياض بمشاركة قادة دول الخليج.")
    b = info("b", "وفي ختام قمة الرياض صدر بيان مشترك.")
    assert _event_phrase(a, b) == "قمة الرياض"
    c = info("c", "ورحب المجلس بالاتفاق النووي مع إيران.")
    d = info("d", "ويرى خبراء أن الاتفاق النووي سيرفع العقوبات.")
    assert _event_phrase(c, d) == "الاتفاق النووي"


def test_the_event_is_named_once_in_a_reason():
    from tests.analysis.test_links_constructed import FAKE, art, corpus

    a = art("a", "2025-03-01 تقرير", "عقدت قمة الرياض في 18 فبراير 2025 بين وفدين من الولايات المتحدة وروسيا لبحث إنهاء الحرب في أوكرانيا.")
    b = art("b", "2025-03-02 تحليل", "شارك مبعوثو ترامب ووفد بوتين في قمة الرياض يوم 18 فبراير 2025 وناقشوا إنهاء الحرب في أوكرانيا.")
    res = analyze_corpus(corpus(a, b), extractors=FAKE)
    reasons = [l.reason for l in res["a"].links if l.target == "b"]
    assert reasons and all(r.count("قمة الرياض") == 1 for r in reasons), reasons


# -- numbers and conflicts ----------------------------------------------------------------------


def test_arabic_decimal_separators_are_read():
    units, surface = _num_units("بلغ العام الماضي 9ر10 مليون شخص، و10٫6 في المائة، و2.\u200f12 مليون")
    assert units == {"مليون شخص": ["10.9"], "مليون": ["12.2"]}
    assert surface["10.9 مليون شخص"] == "9ر10 مليون شخص"
    assert _num_units("بلغ العام الماضي 10,9 مليون شخص")[0] == {"مليون شخص": ["10.9"]}
    # Money in two currencies is two units: 50 million dollars is not 32.5 million pounds.
    assert set(_num_units("مقابل 50 مليون دولار و32.5 مليون جنيه")[0]) == {"مليون دولار", "مليون جني"}
    assert _num_units("أتاحت 6.526 فرصة عمل")[0] == {"فرص": ["6526"]}


GERMANY_A = "فقد أعلن مكتب الإحصاء الاتحادي في مقره بمدينة فيسبادن غربي ألمانيا اليوم (الاثنين)، أنّ عدد الأشخاص المنحدرين من أصول مهاجرة، بلغ العام الماضي 10,9 مليون شخص، بزيادة قدرها مليون شخص."
GERMANY_B = "فقد أعلن مكتب الإحصاء الاتحادي في مقره بمدينة فيسبادن غربي ألمانيا اليوم الاثنين أن عدد الأشخاص المنحدرين من أصول مهاجرة بلغ العام الماضي 9ر10 مليون شخص، بزيادة قدرها مليون شخص."


def test_the_same_figure_written_two_ways_is_no_conflict():
    names = {"ألمانيا": "de", "فيسبادن": "wi"}
    assert number_conflict(info("a", GERMANY_A, names), info("b", GERMANY_B, names)) is None


CRASH_A = "وأوضحت الصحيفة، أن الطائرة الخاصة من طراز ليرجيت، اصطدمت بـ15 سيارة عند تجاوزها مدرج مطار «بلاكبوش»."
CRASH_B = (
    "ووفقا لتقارير صحافية بريطانية، اصطدمت الطائرة الخاصة المسجلة في السعودية بمعرض لبيع السيارات بالمزاد العلني يقع على "
    "مقربة من مطار بلاكبوش مما أدى إلى اشتعال النار فيها أثناء محاولة الهبوط، وتحطم 20 سيارة بالكامل. كما يبدو أن الطيار "
    "تجاوز المدرج المخصص للهبوط مما أدّى إلى اصطدامه بمعرض بيع السيارات."
)


def test_two_reports_of_one_crash_disagree_on_the_cars():
    names = {"بلاكبوش": "blackbushe"}
    got = number_conflict(info("a", CRASH_A, names), info("b", CRASH_B, names))
    assert got == "العدد: 15 سيارة ≠ 20 سيارة"
    # Another crash elsewhere with another count is another story.
    other = info("c", "باشرت 7 فرق إسعافية من هيئة الهلال الأحمر بحائل حادث تصادم وقع لـ3 سيارات عند مدرج المطار الخاص.", {"حائل": "hail"})
    assert number_conflict(other, info("b", CRASH_B, names)) is None


WEATHER = (
    "وأورد التقرير أن حركة الرياح السطحية على البحر الأحمر ستكون جنوبية غربية إلى جنوبية على الجزء الأوسط والجنوبي "
    "بسرعة {} كم/ساعة، وارتفاع الموج من متر إلى متر ونصف، وحالة البحر متوسط الموج، وعلى الخليج العربي شمالية غربية."
)


def test_forecasts_of_two_days_are_no_conflict():
    names = {"البحر الأحمر": "red-sea", "الخليج العربي": "gulf"}
    assert number_conflict(info("a", WEATHER.format("ـ 35"), names), info("b", WEATHER.format("ـ 30"), names)) is None


MH370_A = "وفي مايو اختفت طائرة الركاب الماليزية خلال رحلتها 370 بعد أن انحرفت عن مسارها وهي في طريقها من كوالالمبور إلى بكين وعلى متنها 239 من الركاب وأفراد الطاقم."
MH370_B = "وكانت الطائرة الماليزية تنقل 239 راكبًا عندما اختفت فجأة عن شاشات الرادار بعد إقلاعها من كوالالمبور إلى بكين في 8 مارس 2014."


def test_a_month_named_alone_can_conflict():
    names = {"كوالالمبور": "kl", "بكين": "beijing"}
    a, b = info("a", MH370_A, names, dates=True), info("b", MH370_B, names, dates=True)
    assert date_conflict(a, b) == "التاريخ: مايو ≠ 8 مارس 2014"
    assert date_conflict(b, a) == "التاريخ: 8 مارس 2014 ≠ مايو"
    # The same month in both is agreement, and a day of decades before is history.
    same = info("c", MH370_A.replace("مايو", "مارس"), names, dates=True)
    assert date_conflict(same, b) is None
    old = info("d", MH370_B.replace("8 مارس 2014", "8 يناير 1990"), names, dates=True)
    assert date_conflict(info("e", MH370_A + " وذلك في عام 2014.", names, dates=True), old) is None


# -- the same reasons on every run --------------------------------------------------------------

_RUN = """
import json, sys
from tui.analysis.cli import load
from tui.analysis.pipeline import analyze_corpus
arts, _ = load([])
res = analyze_corpus(arts)
json.dump({a: [[l.start, l.target, l.target_start, l.reason, l.conflict] for l in an.links] for a, an in sorted(res.items())}, sys.stdout, ensure_ascii=False)
"""


def test_reasons_do_not_depend_on_the_hash_seed(tmp_path):
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, QARI_CACHE_DIR=str(tmp_path / seed), QARI_DATA_DIR=str(tmp_path / seed), QARI_CONFIG_DIR=str(tmp_path / seed))
        got = subprocess.run([sys.executable, "-c", _RUN], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        outs.append(json.loads(got.stdout))
    assert sum(len(v) for v in outs[0].values()) > 0
    assert outs[0] == outs[1]
    # The names in a reason: several of them somewhere, so that their order is tested at all.
    assert any(r[3].count("،") >= 1 for v in outs[0].values() for r in v)
