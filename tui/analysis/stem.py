"""Matching forms for link scoring: a fast normaliser, a light Arabic stemmer, stopwords.

The stemmer is deliberately timid: it strips one proclitic group and one suffix, and only
when a plausible stem (three letters or more) remains. Aggressive stemmers turn foreign
names into nonsense (بوتين → بوت), which would make every passage about Putin match every
passage containing a word built on بوت. Tokens inside entity mentions are indexed with
their proclitics removed but never their suffixes (see ``entity_form``).
"""

from __future__ import annotations

import re
from pathlib import Path

from tui.text.calendar_names import HAMZALESS_MONTHS, MONTHS_AR
from tui.text.normalize import DIGIT_FOLDS, HAMZA_SEAT_FOLDS, LETTER_FOLDS, TASHKEEL, TATWEEL, fold_table

# Folding for matching only (never shown): harakat, tatweel and the alef/ya/ta-marbuta
# variants that writers use interchangeably. Digits of every Arabic script become ASCII.
_FOLD = fold_table(LETTER_FOLDS, HAMZA_SEAT_FOLDS, DIGIT_FOLDS, drop=TASHKEEL + TATWEEL + "\u200c\u200d\u200e\u200f")

# Letters plus the harakat and tatweel inside words (fold() removes those afterwards).
TOKEN_RE = re.compile(r"[0-9A-Za-z\u0621-\u063A\u0640-\u065F\u0660-\u0669\u0670-\u06D3\u06F0-\u06F9]+")


def fold(text: str) -> str:
    """Lower-case and fold ``text`` for matching; same length is NOT guaranteed."""
    return text.translate(_FOLD).lower()


_RAW_STOPWORDS = """
في من على إلى الى عن مع هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين اللواتي ما ماذا
لم لن لا قد كان كانت يكون تكون كانوا أن إن أنه إنه أنها إنها أو أم ثم بل لكن لكنه غير بين حتى
كل بعض عند عندما حيث حين بعد قبل خلال منذ أي أيضا أيضاً هو هي هم هن هما نحن أنا أنت انتم
له لها لهم به بها بهم منه منها منهم عليه عليها عليهم فيه فيها فيهم إليه إليها عنه عنها
و ف ب ل ك يا إذ إذا اذا لو لولا كما مثل دون فوق تحت أمام وراء ضد نحو لدى لدي
قال وقال قالت وقالت أكد وأكد أضاف وأضاف أشار وأشار أوضح وأوضح وفق وفقا وفقًا
كذلك هناك هنا الآن اليوم أمس غدا فقط جدا جداً أكثر أقل ليس ليست سوف سيتم تم يتم وتم
إلى جانب ضمن عبر لدى لأن لان حول ولا وما وهو وهي وفي ومن وعلى وإلى وأن وقد وكان وكانت
أما إما كلا كلتا ذات ذو نفس عدة عدد أحد إحدى حاليا حالياً أول آخر أخرى الآخر بينما
فإن وإن فإنه وإنه فقد لقد وكما ولكن إلا الا هل يمكن الذي ماذا لماذا كيف أين متى تابع تابعنا اقرأ اقرا ايضا أيضا للمزيد شارك عبر وهذا وهذه ذلك يبدو رغم الرغم
the of and to in a on for is was with by at from that this as are be
"""
STOPWORDS: frozenset[str] = frozenset(fold(w) for w in _RAW_STOPWORDS.split())

# Longest first so that وال wins over و.
_ARTICLE_PREFIXES = ("وبال", "وكال", "وفال", "وال", "بال", "كال", "فال", "ولل", "فلل", "لل", "ال")
_SUFFIXES = ("تهما", "هما", "كما", "تان", "تين", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "كم", "نا", "يه", "يا", "ه", "ي")
# Plural/dual endings are where foreign names get mangled (بوتين، زيلينسكي…); demand a
# longer remaining stem for them.
_LONG_STEM = {"ون": 4, "ين": 4, "ان": 4, "تين": 4, "تان": 4, "ي": 4, "يه": 4, "يا": 4}


def strip_prefix(tok: str) -> str:
    for p in _ARTICLE_PREFIXES:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            rest = tok[len(p):]
            # ل + ال + لقاء is written للقاء: the noun keeps its own lam (لقاء, not قاء).
            if p.endswith("لل") and ("ل" + rest in _LAM_NOUNS or "ل" + rest in _PROTECTED):
                return "ل" + rest
            return rest
    # A lone conjunction/preposition: only from longer words (ولد, فيل, بيت must survive;
    # بوتين must too, hence six letters for ب ل ك).
    if len(tok) >= 5 and tok[0] in "وف":
        tok = tok[1:]
    if len(tok) >= 6 and tok[0] in "بلك":
        tok = tok[1:]
    return tok


_PROTECTED = frozenset(
    fold(w)
    for w in (*MONTHS_AR, *HAMZALESS_MONTHS, *"فلسطين فرنسا فنزويلا فيتنام فنلندا كندا كوريا لبنان ليبيا بريطانيا بلجيكا بولندا".split())
)


def _lam_nouns() -> frozenset[str]:
    from tui.analysis.background import lam_nouns

    return frozenset(lam_nouns())


_LAM_NOUNS = _lam_nouns()

_STEMS: dict[str, str] = {}

# Words a news writer uses for one another (مكالمة / الاتصال، مستعد / استعداده، التقى /
# لقاء): each group's forms are indexed as its first word's stem, so that a paraphrase
# meets the report it paraphrases. Hand-written, small, and only where the words mean the
# same in a news report; a word with a second common sense stays out (قطع: cut / pieces,
# يضم: annexes / includes, مناطق: areas). وعوده is left out of وعد: stripped of its و it is
# عوده, and عودة (a return) met every promise.
_CLASS_GROUPS = """
اتصال مكالمة مكالمات المكالمة اتصالا اتصالاً
لقاء اللقاء للقاء لقاءات يلتقي سيلتقي التقى التقي يلتقيان التقاء الالتقاء
استعداد مستعد مستعدا مستعداً مستعدة استعداده الاستعداد يستعد استعدادها
انهاء إنهاء ينهي سينهي ينهيها إنهائها لإنهاء
وعد وعده وعود وعدا وعداً تعهد تعهده يتعهد تعهدات
عودة العودة بعودة لعودة وعودة
أراض أراضي الأراضي أرض الأرض بأراض أراضٍ
اعتراف الاعتراف يعترف اعترف بالاعتراف
إشادة أشاد يشيد مشيدا مشيداً الإشادة أثنى
أسلحة الأسلحة سلاح السلاح بالأسلحة
مفاوضات المفاوضات محادثات المحادثات مباحثات المباحثات التفاوض تفاوض يتفاوض
قطيعة القطيعة انقطاع الانقطاع
صين الصين صيني الصيني الصينية صينية
روسيا الروسي الروسية روسي روسية وروسيا
أمريكا الأمريكي الأمريكية أمريكي أمريكية أميركا الأميركي الأميركية أميركي أميركية
زيارة الزيارة زار يزور سيزور
مقتل قتلى القتلى مصرع مصرعه
إصابة الإصابة إصابات جرحى الجرحى مصابين المصابين
اصطدام الاصطدام اصطدمت اصطدم تصادم التصادم تصادمت
هجوم الهجوم هجمات الهجمات هجوما هجوماً اعتداء الاعتداء
انفجار الانفجار انفجارات تفجير التفجير تفجيرات
اعتقال الاعتقال القبض توقيف اعتقلت اعتقل
وفاة الوفاة وفاته توفي
ارتفاع الارتفاع ارتفع ارتفعت
انخفاض الانخفاض انخفض انخفضت
"""


def _classes() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _CLASS_GROUPS.strip().splitlines():
        words = [fold(w) for w in line.split()]
        canon = _light_stem(words[0])
        for w in words:
            for form in (_light_stem(w), entity_form(w)):
                out.setdefault(form, canon)
    return out


def light_stem(tok: str) -> str:
    """Stem a folded token: one proclitic group, then one suffix (memoised: a corpus has
    far fewer distinct words than tokens)."""
    got = _STEMS.get(tok)
    if got is None:
        got = _light_stem(tok)
        got = _CLASS.get(got, got)
        if len(_STEMS) < 2_000_000:
            _STEMS[tok] = got
    return got


def _light_stem(tok: str) -> str:
    if tok.isdigit() or not tok or tok[0] < "\u0600" or tok in _PROTECTED:
        return tok
    tok = strip_prefix(tok)
    for s in _SUFFIXES:
        if tok.endswith(s) and len(tok) - len(s) >= _LONG_STEM.get(s, 3):
            return tok[: -len(s)]
    return tok


def entity_form(tok: str) -> str:
    """A folded token inside an entity mention: proclitics off, the name itself untouched."""
    if tok.isdigit() or not tok or tok[0] < "\u0600":
        return tok
    # Only the conjunction: a name may itself begin with ف ب ل ك (فلاديمير، بوتين).
    if len(tok) >= 5 and tok[0] == "و" and tok[1] != "و":
        tok = tok[1:]
    return tok


def index_terms(text: str, entity_spans: list[tuple[int, int]] | None = None) -> list[str]:
    """Terms of ``text`` for BM25: folded, stopwords out, stemmed (entity tokens unstemmed).

    ``entity_spans`` are (start, end) offsets into ``text``.
    """
    out: list[str] = []
    spans = sorted(entity_spans or ())
    si = 0
    if not spans:
        # Fast path: fold the whole text once, then look every token up in the memo.
        for tok in TOKEN_RE.findall(fold(text)):
            if len(tok) < 2 or tok in STOPWORDS:
                continue
            stem = light_stem(tok)
            if stem not in STOPWORDS:
                out.append(stem)
        return out
    for m in TOKEN_RE.finditer(text):
        forms = _forms(m.group())
        if forms is None:
            continue
        s = m.start()
        while si < len(spans) and spans[si][1] <= s:
            si += 1
        if si < len(spans) and spans[si][0] <= s < spans[si][1]:
            out.append(forms[0])
        elif forms[1] is not None:
            out.append(forms[1])
    return out


_FORMS: dict[str, tuple[str, str | None] | None] = {}


def _forms(raw: str) -> tuple[str, str | None] | None:
    """(entity form, stem or None if a stopword) of a raw token; None for a stopword."""
    got = _FORMS.get(raw, 0)
    if got == 0:
        tok = fold(raw)
        if tok in STOPWORDS or len(tok) < 2:
            got = None
        else:
            stem = light_stem(tok)
            ent = entity_form(tok)
            got = (_CLASS.get(ent, ent), None if stem in STOPWORDS else stem)
        if len(_FORMS) < 2_000_000:
            _FORMS[raw] = got
    return got  # type: ignore[return-value]


_CLASS = _classes()

CONCEPT_MARK = "~"  # a concept term: "~" + the class name of data/news_concepts.tsv
CONCEPTS_FILE = Path(__file__).with_name("data") / "news_concepts.tsv"


def load_concepts(path: Path = CONCEPTS_FILE) -> dict[str, str]:
    """Stem (index_terms' form) -> concept term, from the thesaurus of news vocabulary.

    A paraphrase shares no word with what it paraphrases (فرض عقوبات / حظر، هدنة / تهدئة): the
    concept term both get lets BM25 see that they tell the same thing, at the weight of a
    word as common as all the class's words together. A stem listed in two classes keeps the
    first (tests/analysis/test_links_concepts.py keeps the file free of such stems)."""
    out: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return out
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        name, _gloss, words = line.split("\t")
        for w in words.split():
            st = light_stem(fold(w))
            if st and st not in STOPWORDS:
                out.setdefault(st, CONCEPT_MARK + name)
    return out


CONCEPTS = load_concepts()


def with_concepts(terms: list[str]) -> list[str]:
    """``terms`` followed by the concept term of each that belongs to a class."""
    got = CONCEPTS
    return terms + [got[t] for t in terms if t in got]
