from tui.analysis.stem import STOPWORDS, entity_form, fold, index_terms, light_stem


def test_light_stem_strips_article_and_plural_suffix():
    assert light_stem(fold("المفاوضات")) == light_stem(fold("مفاوضات"))
    assert light_stem(fold("والمفاوضات")) == light_stem(fold("مفاوضات"))
    assert light_stem(fold("الهاتفية")) == light_stem(fold("الهاتفي"))


def test_foreign_names_are_not_mangled():
    assert light_stem(fold("بوتين")) == fold("بوتين")
    assert entity_form(fold("وبوتين")) == fold("بوتين")
    assert entity_form(fold("ترامب")) == fold("ترامب")


def test_short_words_keep_their_first_letter():
    for w in ("ولد", "فيل", "بيت", "لبن"):
        assert light_stem(fold(w))[0] == w[0]


def test_stopwords_out_and_entities_unstemmed():
    text = "التقى الرئيس بوتين في الرياض"
    terms = index_terms(text, [(text.index("بوتين"), text.index("بوتين") + 5)])
    assert fold("في") in STOPWORDS and "في" not in terms
    assert "بوتين" in terms


def test_fold_unifies_alef_and_digits():
    assert fold("أحمد") == fold("احمد") == fold("إحمد")
    assert fold("٢٠٢٥") == "2025"


def test_lam_of_the_noun_survives_the_article_after_li():
    # ل + ال + لقاء is written للقاء; ل + ال + ولايات is written للولايات.
    from tui.analysis.stem import fold, light_stem

    assert light_stem(fold("للقاء")) == light_stem(fold("لقاء")) == "لقاء"
    assert light_stem(fold("للولايات")) == light_stem(fold("الولايات"))
    assert light_stem(fold("للغة")) == light_stem(fold("اللغة"))


def test_paraphrases_of_a_news_word_share_one_term():
    # Issue 11: مكالمة هاتفية must meet الاتصال الهاتفي, مستعد للقاء must meet استعداده لعقد لقاء.
    def term(w):
        return index_terms(w)[0]

    assert term("مكالمة") == term("الاتصال") == term("اتصالا")
    assert term("مستعد") == term("استعداده") == term("الاستعداد")
    assert term("يلتقي") == term("التقى") == term("للقاء") == term("لقاء")
    assert term("أشاد") == term("مشيداً") == term("الإشادة")
    assert term("الصينية") == term("الصين")


def test_words_with_a_second_common_sense_stay_apart():
    # قطع is "cut" and "pieces" (debris); يضم "annexes" and "includes": not in any group.
    assert index_terms("قطع")[0] != index_terms("القطيعة")[0]
    assert index_terms("يضم")[0] == light_stem(fold("يضم")) == fold("يضم")
    assert index_terms("مكالمة")[0] != index_terms("لقاء")[0]


def test_a_return_is_not_a_promise():
    # وعوده without its و is عوده: in the وعد group it made every عودة (return) a promise.
    assert light_stem(fold("عودة")) != light_stem(fold("وعد"))
    assert light_stem(fold("بعودة")) == light_stem(fold("العودة")) == light_stem(fold("عودة"))
    assert light_stem(fold("بوعوده")) == light_stem(fold("وعود")) == light_stem(fold("وعد"))
