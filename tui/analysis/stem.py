"""Matching forms for link scoring: a fast normaliser, a light Arabic stemmer, stopwords.

The stemmer is deliberately timid: it strips one proclitic group and one suffix, and only
when a plausible stem (three letters or more) remains. Aggressive stemmers turn foreign
names into nonsense (بوتين → بوت), which would make every passage about Putin match every
passage containing a word built on بوت. Tokens inside entity mentions are indexed with
their proclitics removed but never their suffixes (see ``entity_form``).
"""

from __future__ import annotations

import re

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


def light_stem(tok: str) -> str:
    """Stem a folded token: one proclitic group, then one suffix (memoised: a corpus has
    far fewer distinct words than tokens)."""
    got = _STEMS.get(tok)
    if got is None:
        got = _light_stem(tok)
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
            got = (entity_form(tok), None if stem in STOPWORDS else stem)
        if len(_FORMS) < 2_000_000:
            _FORMS[raw] = got
    return got  # type: ignore[return-value]
