"""What two passages share must be more than the story's time and everyday words."""

from tui.analysis.background import zipf
from tui.analysis.links import PassageInfo, _evidence
from tui.analysis.links.scoring import _specific
from tui.analysis.stem import fold, index_terms, light_stem


def info(aid: str, text: str, dates=(), ents=None) -> PassageInfo:
    return PassageInfo(aid, 0, len(text), index_terms(text), dict(ents or {}), {}, list(dates))


def test_a_shared_year_or_month_is_not_a_shared_day():
    year = ("2025", "year", "2025", [])
    a, b = info("a", "تسعى روسيا في عام 2025", [year]), info("b", "قائمة في عام 2025", [year])
    assert _evidence(a, b)[0] == 0.0
    month = ("2025-01", "month", "يناير 2025", [])
    a, b = info("a", "في يناير 2025 تولى", [month]), info("b", "في يناير 2025 دخل", [month])
    day = ("2025-02-12", "day", "12 فبراير 2025", [])
    c, d = info("c", "في 12 فبراير 2025 اتصل", [day]), info("d", "يوم 12 فبراير 2025 تحدث", [day])
    assert 0 < _evidence(a, b)[0] < _evidence(c, d)[0]


def test_everyday_words_are_not_specific_and_rare_ones_are():
    assert zipf(light_stem(fold("المستوى"))) > 5 > zipf(light_stem(fold("استرضاء")))
    a = info("a", "نهج جديد على المستوى الدولي هذا العام")
    b = info("b", "مستوى جديد من التعاون الدولي")
    assert not _specific(a, b, frozenset(), None, 0)
    c = info("c", "وصف بايدن سياسة ترامب بأنها استرضاء")
    d = info("d", "سياسة استرضاء موسكو")
    assert _specific(c, d, frozenset(), None, 0)


def test_an_uncommon_shared_name_is_specific():
    a = info("a", "قال ويتكوف إن المستوى جيد", ents={"p1": "ستيف ويتكوف"})
    b = info("b", "زار ويتكوف موسكو", ents={"p1": "ستيف ويتكوف"})
    assert _specific(a, b, frozenset(), None, 0)
