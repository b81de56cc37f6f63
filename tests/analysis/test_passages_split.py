from hypothesis import given
from hypothesis import strategies as st

from tui.analysis.passages import LONG, _is_lead_in, split_passages


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
        # A passage spans lines only when every line but its last is a bullet or a label
        lines = body.split("\n")
        for line in lines[:-1]:
            if line.strip():
                i = p.start + body.index(line) + (len(line) - len(line.lstrip()))
                assert _is_lead_in(text, i, i + len(line.strip()))
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


def test_bullets_and_labels_join_the_paragraph_they_introduce():
    # As in corpus article 003: "-", then "قمة الرياض (فبراير 2025):", then the paragraph.
    text = "أولاً: محاولات التقارب\n-\nقمة الرياض (فبراير 2025):\nعقدت في 18 فبراير 2025 قمة.\n\nفقرة أخرى."
    bodies = [text[p.start : p.end] for p in split_passages(text)]
    assert bodies == [
        "أولاً: محاولات التقارب",  # a heading without a colon at its end stays alone
        "-\nقمة الرياض (فبراير 2025):\nعقدت في 18 فبراير 2025 قمة.",
        "فقرة أخرى.",
    ]
    # a long line ending with a colon is a paragraph of its own, and a trailing bullet stays
    long_label = "قال " + "كلام " * 30 + ":"
    assert [text2 for text2 in (lambda t: [t[p.start : p.end] for p in split_passages(t)])(long_label + "\nنص.\n-")] == [
        long_label, "نص.", "-"]
