"""Issue 12, people: names run to their end and stop at it, verbs and common words
are no persons, and a name found once with a cue is found at its other mentions."""

from __future__ import annotations

import pytest

from tui.analysis.entities import extract_entities


def _people(text: str) -> list[str]:
    return [m.text for m in extract_entities(text) if m.type == "PER"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a family name after "بن عبد X" before a pause
        ("ترأس الدكتور خالد بن عبد القادر طاهر, أمين منطقة المدينة المنورة", "خالد بن عبد القادر طاهر"),
        # a ل-initial transliteration is a surname, not ل + a noun
        ("وقال عبد الكريم لاهيجي، رئيس الشبكة، إن الحوار هو الطريق", "عبد الكريم لاهيجي"),
        # two family names after a title
        ("يقدم الدكتور محمد الشحات الجندي الأمين العام السابق", "محمد الشحات الجندي"),
        # transliterated surnames shaped like a verb or a participle
        ("بجانب اقتراب تجديد عقد الجناح أشلي يونج، وهو ما قد يعجل", "أشلي يونج"),
        ("قبل أن يقلص نيويورك الفارق بواسطة توماس مكنامارا بعد دقيقة", "توماس مكنامارا"),
        # a surname that starts like the conjunction و/ف
        ("ونقل الكاتب الصحفي بوب وودورد عن مصادره", "بوب وودورد"),
        # an East Asian name of three syllables after a role
        ("وهو للمخرج نا هونغ جن الذي تميز أيضا", "نا هونغ جن"),
        # a kunya and a foreign surname particle
        ("وأدانت المحكمة أبو فارس بتهمة التحريض", "أبو فارس"),
        ("وقال المبعوث الأممي ستيفان دي ميستورا إن الحل سياسي", "ستيفان دي ميستورا"),
    ],
)
def test_names_run_to_their_end(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "من الرئيس فرانسوا هولاند رئيس الجمهورية الفرنسية جدد خلاله ترحيبه بالضيف",
        "وقال عبد الكريم لاهيجي، رئيس الشبكة، «نعتقد أن طريق المستقبل هو الحوار»",
        "وأعلنت طالبان تعيين الملا أختر زعيما جديدا لها",
        "وأضاف أن الدكتور سعر النفط قد ارتفع",
        "وتطرح المخرجة موضوع توفير الكهرباء عن طريق الطاقة",
        "وذكر موقع «بي سي ماغازين» المتخصص أن الهاتف جديد",
        "وأين والده؟ فإن مصيرك معروف",
    ],
)
def test_verbs_and_common_words_are_no_persons(text: str) -> None:
    got = _people(text)
    for word in ("جدد", "خلاله", "نعتقد", "زعيما", "سعر", "النفط", "موضوع", "موقع", "والده", "مصيرك"):
        assert not any(word in p for p in got), (word, got)


def test_a_title_stops_before_a_quote_after_its_comma() -> None:
    assert _people("وقال عبد الكريم لاهيجي، رئيس الشبكة، «نعتقد أن الحوار هو الطريق»") == ["عبد الكريم لاهيجي"]


def test_a_common_word_surname_marks_no_later_mention() -> None:
    # a chain wrongly long once ("سعر النفط") must not turn every "النفط" into a person
    text = "قال محمد التقرير إن المعارك مستمرة. وأشار التقرير إلى أن أسعار النفط ترتفع."
    assert not any(m.text == "التقرير" and m.type == "PER" for m in extract_entities(text)[1:])


def test_a_lone_first_name_is_the_one_person_named_so() -> None:
    text = "التقى الرئيس العراقي صدام حسين الوفد. وقال مسؤول إن صدام رفض العرض."
    people = [m for m in extract_entities(text) if m.type == "PER"]
    assert [m.text for m in people] == ["صدام حسين", "صدام"]
    assert len({m.id for m in people}) == 1


def test_a_speaker_of_one_name_before_inna() -> None:
    assert "الأعرجي" in _people("قال الأعرجي إن هناك أزمة في البرلمان")
    assert "فيصل" in _people("وقال فيصل إن البلاد بخير")


def test_a_one_word_speaker_before_a_quotation_is_a_rare_word() -> None:
    assert "ميهايلوفيتش" in _people("ويقول ميهايلوفيتش «هدفنا أن نصبح ضمن الكبار»")


def test_number_words_and_club_words_are_no_persons() -> None:
    assert not _people("قتل اثنا عشر شخصا وأصيب أحد عشر آخرون")
    assert not _people("فاز أتليتيك بيلباو على ضيفه، وبقي بيلباو في المركز الخامس")


def test_a_person_is_named_by_the_fullest_mention() -> None:
    text = "العواجي: الشركة لديها رؤية واضحة\nأكد الدكتور صالح بن حسين العواجي، أهمية المذكرة."
    people = [m for m in extract_entities(text) if m.type == "PER"]
    assert [m.text for m in people] == ["العواجي", "صالح بن حسين العواجي"]
    assert {m.name for m in people} == {"صالح بن حسين العواجي"}


def test_foreign_particles_and_son_of() -> None:
    assert "دا سيلفا" in _people("أظهرت الاستطلاعات أن دا سيلفا سيفوز في جولة الإعادة")
    assert not _people("وحضر ابن عمها الحفل مع ابن الفقيد")


def test_an_everyday_word_name_does_not_start_before_another_name() -> None:
    assert _people("أو يحمل سيف عمرو بن كلثوم؟") == ["عمرو بن كلثوم"]


def test_a_verbal_noun_is_no_family_name() -> None:
    assert "عبدالله الاتفاق" not in _people("وأكد الأمير عبدالله الاتفاق على عقد لقاء كل ستة أشهر")


def test_a_one_word_person_is_the_full_name_it_starts_or_ends() -> None:
    text = ("وقال الأمير عبدالله بن مساعد إن المبادرة جاهزة. وأكد الأمير عبدالله أن اللقاء قريب. "
            "وهاجمت الوزيرة -ميري ريغيف- الشعب. وحاولت ريغيف الربط بين الأمرين، ثم زعمت ريغيف «إن الجيش محايد».")
    people = [m for m in extract_entities(text) if m.type == "PER"]
    assert {m.name for m in people} == {"عبدالله بن مساعد", "ميري ريغيف"}
