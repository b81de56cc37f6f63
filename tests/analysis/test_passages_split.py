from hypothesis import given, strategies as st

from tui.analysis.passages import LONG, split_passages


def test_paragraphs_split_at_newlines_and_skip_blank_lines():
    text = "العنوان\n\n  فقرة أولى.  \n\nفقرة ثانية"
    ps = split_passages(text)
    assert [text[p.start : p.end] for p in ps] == ["العنوان", "فقرة أولى.", "فقرة ثانية"]


def test_long_paragraph_is_cut_at_sentence_ends_into_moderate_pieces():
    sentence = "قال الرئيس إن المحادثات كانت مثمرة وإن اللقاء القادم سيعقد قريبا في العاصمة. "
    para = (sentence * 20).strip()
    ps = split_passages("مقدمة\n" + para)
    pieces = ps[1:]
    assert len(pieces) >= 3
    for p in pieces:
        body = ("مقدمة\n" + para)[p.start : p.end]
        assert body.endswith(".")
        assert 150 <= len(body) <= 600


def test_question_mark_and_semicolon_are_sentence_ends():
    s = "هل يلتقي الزعيمان قريبا في قمة جديدة لبحث الملفات العالقة بينهما؟ " * 6 + "نعم؛ " + "وقد تحدد الموعد مبدئيا في الشهر المقبل بحسب المصادر. " * 6
    ps = split_passages(s.strip())
    assert len(ps) > 1
    assert all(s[p.end - 1] in ".؟؛" for p in ps[:-1])


@given(st.text(alphabet=st.sampled_from(list("ابت ثج.؟!\n؛ ")), max_size=3000))
def test_passages_are_ordered_disjoint_trimmed_and_inside_paragraphs(text):
    ps = split_passages(text)
    prev = 0
    for p in ps:
        assert prev <= p.start < p.end <= len(text)
        body = text[p.start : p.end]
        assert "\n" not in body
        assert body == body.strip()
        prev = p.end
    # Nothing but white space is left out.
    covered = set()
    for p in ps:
        covered.update(range(p.start, p.end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_short_paragraph_is_kept_whole():
    para = "جملة قصيرة. " * 40
    para = para.strip()[:LONG]
    assert len(split_passages(para)) == 1
