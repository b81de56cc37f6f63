"""The rules that find entity mentions in one article, one method each.

``Article`` holds one article's tokens and the candidates the rules propose;
``Article.mentions`` runs the gazetteer, the context-cued lists and the trigger
rules (titles, nationalities, first names, verbs of saying, construct-state
heads), adds surnames of the people found, and keeps the longest candidates
without overlaps.
"""

from __future__ import annotations

from bisect import bisect_left
from re import Match

from tui.analysis.background import COMMON_ZIPF, zipf
from tui.analysis.entities.lexicon import (
    ABD,
    ADMIN_PLACE_HEADS,
    ALI,
    AMBIGUOUS_TITLES,
    AREA_COMMON,
    AREA_HEADS,
    BIN,
    BRAND_HEADS,
    CLUB_CUES,
    CLUB_SUFFIXES,
    CLUB_WORDS,
    COMMON_ENDINGS,
    COMMON_WORD_FIRST,
    CONSTRUCT_MIDDLES,
    CUE_CLITICS,
    DEF_ORG_HEADS,
    DISTRICT_OF,
    DISTRICT_UNITS,
    DIVINE_NAMES,
    EDITION_WORDS,
    FOREIGN_PARTICLES,
    GENERIC_CONSTRUCTS,
    GENERIC_PLACES,
    GENERIC_SPEAKERS,
    ITTIHAD,
    JOIN,
    KUNYA,
    LAM_IDIOMS,
    LAM_MIDDLES,
    LOCAL_BODY_HEADS,
    MAX_CHAIN,
    MOVEMENT_HEADS,
    MUNICIPAL_HEADS,
    MUNICIPAL_PLACE_WORDS,
    NAME_PREFIXES,
    NAMED_FOR_HEADS,
    NISBA,
    NO_LAM_HEADS,
    NOMINAL_ADJ,
    NOT_BODY_FIELDS,
    NOT_NAMES,
    ON_BEHALF,
    ORDINALS,
    ORG_ADJ,
    PARK_HEADS,
    PLACE_IDIOMS,
    PLAIN_ADJ,
    PREPS,
    QUOTED_HEADS,
    QUOTES,
    ROLE_TITLES,
    ROYAL_FAC_HEADS,
    ROYAL_TITLES,
    SAY_NEXT,
    SPORTS_CUES,
    STOPWORDS,
    STRONG_FIRST,
    TA_MARBUTA_FIRST,
    TANWEEN_RE,
    TITLES,
    VERB_LIKE_NAMES,
    VERB_PARTICLES,
    WORD_RE,
    display,
)
from tui.analysis.entities.tokens import Classifier, TokInfo, clitic_len, strip_prefix
from tui.analysis.gazetteer import name_tokens, slug
from tui.analysis.model import Mention
from tui.analysis.stem import index_terms
from tui.text.normalize import normalize, normalize_with_map, original_span, strip_clitics

# Weak first names that are far more often another word before a definite noun
# ("باسم الإسلام" = in the name of, "بيت المقدس", "جو الشمس").
DEPUTY = frozenset({normalize("نائب"), normalize("نائبة")})
# Company heads whose name may be a place and still take a ل-complement: "شركة الطائف للاستثمار".
LAM_AFTER_PLACE = frozenset(normalize(w) for w in "شركة مؤسسة جمعية غرفة مركز هيئة بنك".split())
OMAN, AMMAN = "LOC:oman", "LOC:amman"
CAPITAL_WORDS = frozenset(normalize(w) for w in "العاصمة عاصمة بالعاصمة والعاصمة الأردنية".split())
JORDAN_CUES = frozenset(normalize(w) for w in "الأردن والأردن بالأردن للأردن الأردنية الأردني الأردنيين الهاشمية".split())
OMAN_CUES = frozenset(normalize(w) for w in "سلطنة بسلطنة وسلطنة لسلطنة العمانية العماني العمانيين مسقط قابوس".split())
# "القوات" alone with a nationality is a description ("القوات العراقية"); "القوات المسلحة …" is a body.
FORCES = normalize("القوات")
# Heads that only say what kind of body a known name is: "حركة حماس" is حماس.
KIND_HEADS = frozenset(normalize(w) for w in "حركة جماعة تنظيم منظمة هيئة وكالة صحيفة قناة شركة حزب".split())
MEDIA_HEADS = frozenset(normalize(w) for w in "صحيفة قناة وكالة موقع شبكة مجلة إذاعة".split())
PREFIX_FORMS = ("", *sorted(NAME_PREFIXES))
# Words a preposition clitic joins right after a name ("دونيس لهذه", "دونيس بعدم").
AFTER_PREP = frozenset(normalize(w) for w in "هذا هذه ذلك تلك عدم كل جميع أجل".split())
# Words after "قال X" that end the speaker's name: "في تصريح", "أمس", "اليوم".
SAY_PLACE = frozenset(normalize(w) for w in "في أمس اليوم خلال أثناء عقب".split())
OPENERS = QUOTES + "("
CLOSERS = QUOTES + ")"
SPACES = " \t\u00a0"
DIN = normalize("الدين")
HAYY = normalize("حي")
BALADIYA = normalize("بلدية")
MARKAZ = normalize("مركز")
NADI = normalize("نادي")
MUNAZZAMA = normalize("منظمة")
WIZARA = normalize("وزارة")
CAPITAL_AL, HOLY = normalize("العاصمة"), normalize("المقدسة")
CITY = frozenset(normalize(w) for w in "مدينة مجمع".split())  # named places that take a ل-complement
NOT_FIRST_ALONE = frozenset({ALI, ON_BEHALF, normalize("جو"), normalize("بيت"), normalize("نور"), normalize("أمل")})

# candidate: (norm_start, norm_end, type, id, name_or_None, rank); rank 0 gazetteer, 1 trigger, 2 surname
Cand = tuple[int, int, str, str, "str | None", int]


def _positions(text: str, ch: str) -> list[int]:
    """Offsets just after each ``ch`` in text."""
    out, k = [], text.find(ch)
    while k >= 0:
        out.append(k + 1)
        k = text.find(ch, k + 1)
    return out


_RARE: dict[str, bool] = {}


def rare_word(w: str) -> bool:
    """Not everyday Arabic: its stem is missing from the background word list (a
    transliterated name, مارادونا، سافين), nor a stopword."""
    got = _RARE.get(w)
    if got is None:
        terms = index_terms(w)
        got = _RARE[w] = len(terms) == 1 and zipf(terms[0]) < COMMON_ZIPF
    return got


def pair_noise(w: str) -> bool:
    """A rare-looking word that is a common one in disguise: a preposition clitic
    ("بمنفذ", "لركاب"), an accusative of a common noun ("اتفاقا"), a future verb
    ("ستؤثر"), a dual or a noun with a pronoun ("صحيفتي")."""
    return (w[0] in "بلك" and w[1] not in "اوي") or (w.endswith("ا") and not rare_word(w[:-1])) \
        or (len(w) >= 5 and w[0] == "س" and w[1] in "يتن") or w.endswith("تي")


def imperfect_shape(w: str) -> bool:
    """Shaped like an imperfect or future verb (يقول، تترقب، سيقدم); a long vowel after the
    prefix marks a transliterated name instead ("تيانين", "ستيفنسون")."""
    if len(w) < 3:
        return False
    if w[0] == "س" and w[1] in "يتن":
        return w[2] not in "اوي"
    return w[0] in "يتن" and w[1] not in "اوي"


class Article:
    """One article's tokens, their classes, and the candidate mentions found so far."""

    def __init__(self, cl: Classifier, text: str) -> None:
        self.cl = cl
        self.text = text
        self.norm, self.imap = normalize_with_map(text)
        self.ms = list(WORD_RE.finditer(self.norm))
        self.words = words = [m.group() for m in self.ms]
        self.n = len(words)
        get, info = cl.cache.get, cl.info
        self.infos: list[TokInfo] = [get(w) or info(w) for w in words]
        self.cands: list[Cand] = []
        self.gaz_entries = cl.gaz.entries
        self.gaz_at: dict[int, tuple[int, int, str]] = {}  # token → (start, end, id) of the gazetteer name there
        self.people: list[tuple[int, int]] = []  # token ranges of the people the triggers found
        self.resume = 0  # the trigger loop goes on from here (a rule consumed the tokens before)
        self._jordan: bool | None = None  # the article is about Jordan (see is_amman)
        self._sports: bool | None = None
        self._districts: set[str] | None = None  # names X of "مركز X" districts (see district)

    def mentions(self) -> list[Mention]:
        if not self.n:
            return []
        self.gazetteer_names()
        self.cued_names()
        self.triggers()
        self.people_lists()
        self.place_lists()
        self.repeated_names()
        self.people_and_surnames()
        self.document_names()
        return self.resolve()

    def triggers(self) -> None:
        """Each trigger token tries the first rule its class allows."""
        words, n, infos, joined = self.words, self.n, self.infos, self.joined
        for i, inf in enumerate(infos):
            if not inf.trigger or i < self.resume:
                continue
            if inf.cue is not None and self.cued_word(i):
                continue
            if inf.title:
                self.title(i)
            elif inf.nisba and i + 1 < n and joined(i + 1) and not infos[i + 1].definite:
                self.nisba(i)
            elif inf.conj and words[i][1:] in NISBA and i + 1 < n and joined(i + 1) and not infos[i + 1].definite:
                self.listed_nisba(i)
            elif inf.first == 2 and not (i > 0 and joined(i) and infos[i - 1].first == 2 and i - 1 >= self.resume):
                if not (words[i] in VERB_LIKE_NAMES and i > 0 and joined(i) and (
                        words[i - 1] in VERB_PARTICLES or words[i - 1][:1] in "وف" and words[i - 1][1:] in VERB_PARTICLES)):
                    self.first_name(i)  # but "ما يزيد المخاوف", "ومما يزيد" is a verb
            elif inf.first == 1 and (words[i] != ALI or self.text_of(i).endswith("ي")) and i + 2 < n \
                    and joined(i + 1) and words[i + 1] in BIN \
                    and joined(i + 2) and not infos[i + 2].stop and i >= self.resume:
                self.bin_chain(i)
            elif words[i] == ABD and i + 1 < n and joined(i + 1) and words[i + 1] in DIVINE_NAMES and not (
                i > 0 and joined(i) and infos[i - 1].first and i - 1 >= self.resume
            ):
                self.abd_chain(i)
            elif inf.first == 1 and not inf.particle and words[i] not in NOT_FIRST_ALONE and i + 1 < n \
                    and joined(i + 1) and infos[i + 1].definite and not (i > 0 and joined(i) and infos[i - 1].first):
                self.weak_first_surname(i)
            elif inf.particle and words[i] in KUNYA and i + 1 < n and joined(i + 1) and i not in self.gaz_at:
                self.kunya(i)
            elif inf.loc_head and i + 1 < n and joined(i + 1) and not (inf.head and words[i + 1] in ROYAL_TITLES):
                self.place_head(i)
            elif inf.say and i + 1 < n and joined(i + 1):
                self.saying(i)
            elif inf.def_head and i + 1 < n and joined(i + 1):
                self.definite_body(i)
            elif inf.head is not None and i + 1 < n and joined(i + 1):
                self.construct(i)

    # -- token helpers -----------------------------------------------------------

    def joined(self, i: int) -> bool:
        # token i follows token i-1 inside one phrase
        norm, ms = self.norm, self.ms
        return i > 0 and not norm[ms[i - 1].end() : ms[i].start()].strip(JOIN)

    def family_name(self, i: int) -> bool:
        """A nisba-shaped family name with the article (العمري، القحطاني), not a nationality."""
        w, inf = self.words[i], self.infos[i]
        return inf.definite and len(w) >= 6 and w.endswith("ي") and w not in NISBA and w not in ORG_ADJ \
            and not inf.stop and w not in NOT_NAMES and i not in self.gaz_at

    def surname_alias(self, i: int) -> bool:
        """Token i is a one-word gazetteer person (a famous bearer's surname, المالكي)
        that here follows a first name: the family name, not that person."""
        g = self.gaz_at[i]
        return self.gaz_entries[g[2]].type == "PER" and g[1] <= self.ms[i].end() and not self.infos[i].first

    def inside_gazetteer(self, i: int) -> bool:
        """Token i lies inside a gazetteer name that starts before it ("كأس الملك فهد")."""
        start = self.ms[i].start()
        return any((g := self.gaz_at.get(k)) is not None and g[1] > start for k in range(max(0, i - 3), i))

    def family_surname(self, i: int) -> bool:
        """A definite word that may be the family name after "عبد الرحمن": not a
        nationality, an adjective (a nisba-shaped family name is one), an ordinal or a feminine noun."""
        w, inf = self.words[i], self.infos[i]
        return not (w in NISBA or w in ORG_ADJ or w in ORDINALS or w in ("الله", "الرحمن") or self.text_of(i).endswith("ة")
                    or inf.adjective and not (len(w) >= 6 and w.endswith("ي")))

    def nisba_place(self, i: int) -> bool:
        """A one-word gazetteer place written as a nationality adjective (السعودية، المصرية)."""
        g = self.gaz_at.get(i)
        return i < self.n and self.joined(i) and g is not None and g[1] <= self.ms[i].end() \
            and self.infos[i].definite and self.words[i].endswith(("يه", "ي"))

    def plain_name(self, i: int) -> bool:
        """An unknown word that may be a name part: no clitic article, no tanween, no
        common-word shape except ة (family names زعلة، عطية), not a verb or ل-noun."""
        w, inf = self.words[i], self.infos[i]
        if inf.stop or inf.title or inf.head or inf.clitic_article or w in NOT_NAMES or w.isdigit():
            return False
        if inf.conj and not (w[1] in "اوي" and not w.startswith(("وال", "فال"))):
            return False  # و/ف + a word; but a long vowel after it is a transliteration (فاينانشال)
        if len(w) < 3 or self.has_tanween(i) or w.startswith(("لا", "لم", "لت", "لل")) or w.endswith(("ون", "ين")):
            return False
        t = self.text_of(i)
        return t.endswith("ة") or not self.common_shape(i)

    def hamza_al(self, i: int) -> bool:
        """A word that reads as definite only once its hamza is folded away
        ("إليزابيث", "أليكس"): the article is written without one."""
        return self.infos[i].definite and self.text_of(i).startswith(("إل", "أل"))

    def quote_gap(self, i: int) -> bool:
        """A quote mark between token i-1 and token i."""
        gap = self.norm[self.ms[i - 1].end() : self.ms[i].start()]
        return any(q in gap for q in QUOTES)

    def common_shape(self, i: int) -> bool:
        """An unknown word that reads as a common noun, adverb or verb, not a name part
        (checked on the original spelling, where ة and ه differ): a feminine or plural
        ending, an attached pronoun, an accusative participle, a derived-verb prefix."""
        w = self.text_of(i)
        if len(w) < 4:
            return False
        return (w.endswith(("ة", "ات", "اء")) and len(w) >= 5 or w.endswith("ة") or (
                    len(w) == 5 and w[0] in "أا" and w[3] == "ا")  # a broken plural أفعال: أوضاع، أطفال
                or w.endswith(("ته", "ها", "هم", "هما", "هن", "كم")) and len(w) >= 5
                or (w[0] == "م" and w[1] not in "اوي" and w.endswith("ا") and len(w) >= 5)
                or (w[0] == "ت" and len(w) == 6 and w[3] == "ي" and w.endswith("ا"))  # a masdar: تكريما، تقديرا
                or w.startswith(("است", "امت", "انت", "اخت", "افت")) and len(w) >= 5)

    def comma_joined(self, i: int) -> bool:
        norm, ms = self.norm, self.ms
        return i > 0 and norm[ms[i - 1].end() : ms[i].start()].strip(JOIN) in ("،", ",")

    def text_of(self, i: int) -> str:
        text, imap, ms = self.text, self.imap, self.ms
        s, e = original_span(imap, ms[i].start(), ms[i].end(), len(text))
        return text[s:e]

    def quoted(self, i: int) -> bool:
        norm, ms = self.norm, self.ms
        before = norm[max(0, ms[i].start() - 2) : ms[i].start()]
        after = norm[ms[i].end() : ms[i].end() + 2]
        return any(q in before for q in QUOTES) and any(q in after for q in QUOTES)

    def has_tanween(self, i: int) -> bool:
        text, imap, ms = self.text, self.imap, self.ms
        s, e = original_span(imap, ms[i].start(), ms[i].end(), len(text))
        return TANWEEN_RE.search(text, s, e) is not None

    def past(self, k: int, end: int) -> int:
        """The first token from ``k`` on that starts at or after character ``end`` (the end of
        a gazetteer match that starts at token ``k``)."""
        ms, n = self.ms, self.n
        while k < n and ms[k].start() < end:
            k += 1
        return k

    def gaz_match(self, i: int) -> tuple[int, int, str] | None:
        words, ms, n, infos, joined = self.words, self.ms, self.n, self.infos, self.joined
        hit = infos[i].gaz
        if hit is None:
            return None
        off, options = hit
        for rest, eid, _ in options:
            k = len(rest)
            if i + k >= n:
                continue
            good = True
            for j in range(k):
                if words[i + 1 + j] != rest[j] or not joined(i + 1 + j):
                    good = False
                    break
            if good:
                return ms[i].start() + off, ms[i + k].end(), eid
        return None

    def name_chain(self, j: int, strong_start: bool, title_ctx: bool = False) -> int:
        """Index one past the last token of a person-name chain starting at j (j if none).
        After a title (``title_ctx``) an unknown first name may take a definite
        surname (``الدكتور عزام الدخيل``)."""
        words, ms, n, infos, gaz_entries = self.words, self.ms, self.n, self.infos, self.gaz_entries
        gaz_at, joined, text_of, has_tanween = self.gaz_at, self.joined, self.text_of, self.has_tanween
        k = j
        unknown = 0
        parts = 0  # name particles do not count towards the limit: "سلطان بن سلمان بن عبدالعزيز"
        while k < n and k - j < MAX_CHAIN + parts:
            if k > j and (not joined(k) or self.quote_gap(k)):
                break  # a name never runs over a quote mark: 'اللاعب "خالد كعبي" الهدف'
            inf = infos[k]
            if words[k] == ALI and k + 1 < n and joined(k + 1) and text_of(k).endswith("ي") and (
                    (k > j and infos[k - 1].first and (
                        infos[k + 1].first or infos[k + 1].particle or self.family_name(k + 1)))
                    or (k == j and infos[k + 1].particle)):
                k += 1  # "محمد علي ياسين", "علي بن موسى": the name علي, written with ي, not the preposition على
                continue
            if inf.stop or words[k] in NOT_NAMES or words[k].isdigit() or len(words[k]) < 2 and not inf.particle:
                break
            if k > j and inf.pre:
                break  # "عبدالله عطيف وياسر القحطاني": two people
            g = gaz_at.get(k)
            if g is not None:
                if gaz_entries[g[2]].type != "PER":
                    break
                if k > j and not infos[k - 1].first and not infos[k - 1].particle and not (
                        title_ctx and k == j + 1 and self.plain_name(j) and not infos[j].definite):
                    return j  # "نظام بشار الأسد": a noun before a known person (but "الرئيس هوجو شافيز")
                # a known person ends the chain (its extra tokens included), unless the
                # chain goes on with more names ("محمد علي ياسين العمري")
                last = k
                while last + 1 < n and ms[last + 1].end() <= g[1]:
                    last += 1
                nxt = last + 1
                if not (nxt < n and joined(nxt) and (infos[nxt].first or infos[nxt].particle) and not infos[nxt].pre
                        and nxt not in gaz_at and nxt - j < MAX_CHAIN):
                    return last + 1
                k = nxt
                continue
            if inf.particle:
                if k + 2 < n and words[k + 1] == ABD and joined(k + 1) and joined(k + 2) \
                        and words[k + 2] in DIVINE_NAMES:
                    k += 3  # "بن عبد العزيز": عبد and God's name are one name
                    parts += 2
                    if k < n and joined(k) and infos[k].definite and not infos[k].stop and not infos[k].title \
                            and words[k] not in NOT_NAMES and (k not in gaz_at or self.surname_alias(k)) \
                            and self.family_surname(k) and not (k + 1 < n and joined(k + 1) and infos[k + 1].particle):
                        return k + 1  # "أبي عبد الله الحسين"
                    if k < n and joined(k) and not infos[k].definite and not infos[k].first and (
                            self.plain_name(k) or words[k].startswith("لا") and rare_word(words[k]) and rare_word(words[k][1:])) \
                            and (k + 1 >= n or not joined(k + 1)) and not imperfect_shape(words[k]):
                        return k + 1  # "خالد بن عبد القادر طاهر،": a family name before a pause
                    continue
                if k + 1 < n and joined(k + 1) and not infos[k + 1].stop:
                    k += 2
                    parts += 1
                    if k < n and joined(k) and infos[k].definite and not infos[k].stop and k - j < MAX_CHAIN + parts \
                            and not text_of(k).endswith("ة") \
                            and (k not in gaz_at or self.surname_alias(k)) and not infos[k].title \
                            and words[k] not in NOT_NAMES and (not infos[k - 1].definite or (words[k - 2] == ABD and words[k - 1] in DIVINE_NAMES
                                                               and self.family_surname(k))):
                        # "حسين بن الراوي" | "الموقع"; but "عبد الرحمن السعيد" is a first name and a surname
                        k += 1  # "أحمد بن قران الغامدي"
                        if k < n and joined(k) and infos[k].particle and words[k - 2] == ABD:
                            continue  # "عبد الله الحسين بن علي"
                        break
                    if k < n and joined(k) and not self.quote_gap(k) and not infos[k].definite and k - j < MAX_CHAIN + parts and (
                            self.plain_name(k) and not pair_noise(words[k])
                            or words[k].startswith("لا") and rare_word(words[k]) and rare_word(words[k][1:])) \
                            and (k + 1 >= n or not joined(k + 1) or infos[k + 1].stop):
                        k += 1  # "علي بن موسى زعلة أن": a family name before a pause or a particle
                        break
                    continue
                break
            if inf.first and words[k] in TA_MARBUTA_FIRST and text_of(k).endswith("ه"):
                break  # "ناديه الفرنسي": his club, not نادية
            if inf.first and not (k == j and inf.first == 1 and not strong_start):
                if k > j and inf.conj:
                    break
                if k - j >= 2 and infos[k - 1].definite and not infos[k - 1].particle and words[k - 1] not in ORDINALS:
                    break  # "حيدر العبادي سعد الحديثي": after a family name, a first name starts another person
                k += 1
                continue
            if inf.conj and k > j and infos[k - 1].first and not (k + 1 < n and joined(k + 1)) \
                    and not (inf.title or inf.head or inf.gaz):
                k += 1  # "مايكل فالون:": a surname that starts like و/ف, at a phrase end
                break
            w = words[k]
            if inf.conj and k > j and infos[k - 1].first and not infos[k - 1].definite and len(w) >= 4 \
                    and w[1] in "اوي" and not w.startswith(("وال", "فال")) and rare_word(w) and rare_word(w[1:]) and not infos[k].gaz \
                    and not self.cl.info(w[1:]).first and not (inf.title or inf.head or has_tanween(k)):
                k += 1  # "ديتريش فيشر": a transliterated surname that starts like و/ف
                break
            if inf.conj or inf.clitic_article or inf.title or inf.head or has_tanween(k):
                break
            if parts and not inf.definite:
                break  # "فيصل بن خالد لاستثمار": after "بن X" only a family name follows
            if k > j and len(words[k]) >= 5 and words[k].startswith(("لاست", "لإ", "لا", "لم", "لت")) and not (
                    infos[k - 1].first and not parts and rare_word(words[k]) and words[k].startswith("لا") and rare_word(words[k][1:])
                    and not words[k].startswith("لاست") and (k + 1 >= n or not joined(k + 1) or infos[k + 1].stop
                                                             or infos[k + 1].title or words[k + 1] in NOT_NAMES)):
                break  # ل + a verbal noun ("لاستثمار", "لتطوير"): the name has ended; "عبد الكريم لاهيجي" goes on
            if inf.definite and k > j and infos[k - 1].first and words[k][2:] in STRONG_FIRST and k + 1 < n \
                    and joined(k + 1) and infos[k + 1].definite and not infos[k + 1].stop and (k + 1) not in gaz_at \
                    and words[k + 1] not in NOT_NAMES and words[k + 1] not in NISBA \
                    and (rare_word(words[k + 1]) or self.family_name(k + 1) or words[k + 1][2:] in STRONG_FIRST) \
                    and not (k + 2 < n and joined(k + 2) and words[k + 2] in ORDINALS):
                k += 2  # "جابر الأحمد الجابر الصباح": a father's name with the article, then more
                if title_ctx and k < n and joined(k) and infos[k].definite and not infos[k].stop and k not in gaz_at \
                        and words[k] not in NOT_NAMES and words[k] not in NISBA and words[k] not in ORDINALS \
                        and not infos[k].title and not text_of(k).endswith("ة"):
                    return k + 1  # the family's name ends it
                continue
            if words[k] == DIN and k > j and not infos[k - 1].definite and (infos[k - 1].first or self.plain_name(k - 1)):
                k += 1  # "محيي الدين بن يحيى حكمي": X الدين is one first name
                continue
            if words[k] == "ال":
                break  # "في عمر الـ13": the article written apart, before a number
            if inf.definite and k - j >= 2 and words[k] in NISBA:
                break  # "دوري عبد اللطيف جميل السعودي": a nationality after a full name
            if inf.definite and k > j and infos[k - 1].first and not infos[k - 1].definite and (
                    text_of(k).endswith("ة") and not rare_word(words[k]) and not title_ctx or words[k] in ORG_ADJ
                    or len(words[k]) >= 7 and words[k][2] == "ا" and "ت" in words[k][3:5] and words[k][-2] == "ا"):
                # (and not a verbal noun افتعال/استفعال: "الأمير عبدالله الاتفاق على")
                break  # "شكيب الشركة تسعى": a first name before a feminine common noun
            if inf.definite and title_ctx and k == j + 1 and unknown == 1 and not infos[j].first \
                    and words[k] not in NISBA and words[k] not in ORG_ADJ and words[k][2:] not in STRONG_FIRST \
                    and not (rare_word(words[j]) or rare_word(words[k]) or self.family_name(k)):
                return j  # "الدكتور سعر النفط", "الرئيس الأميركي منح الأوروبيين": a noun and its complement
            if inf.definite and not self.hamza_al(k) and (k == j or not (infos[k - 1].first or (
                    title_ctx and unknown == 1 and words[k] not in NISBA and words[k] not in ORG_ADJ))):
                break
            w = words[k]
            if (k == j or words[k - 1] == DIN) and len(w) > 4 and (w[0] == "ل" or w.startswith(("بم", "بت", "بإ", "با"))):
                break  # "المدير العام لجهاز …", "بمناسبة": a preposition, not a name
            if len(w) >= 5 and w[0] in "بل" and w[1] not in "اوي" and w.endswith(("ين", "ون", "ات", "ه")) and not inf.first:
                break  # "الإماراتي بهدفين لهدف": a preposition and a dual or plural noun
            if k == j and len(w) >= 5 and w[0] == "ب" and w[1] not in "اوي" and not inf.first and k not in gaz_at \
                    and not rare_word(w[1:]) and (not rare_word(w) or k + 1 < n and joined(k + 1) and infos[k + 1].definite):
                break  # "المجتمع السعودي برواد التعليم": ب and a common noun
            if k == j and len(w) >= 5 and w[0] == "م" and w.endswith("ا") and not inf.first:
                break  # "اللاعب مرتبطا بعقد": an accusative participle
            if k == j and len(w) >= 5 and w.startswith(("سي", "ست", "سن")) and not inf.first:
                break  # "اللاعب سيقدم كشفا": a future verb
            if k == j and not inf.first and len(w) >= 3 and (
                    w[0] == "ن" and imperfect_shape(w) and not rare_word(w) or w.endswith("ا") and not rare_word(w[:-1])):
                break  # "«نعتقد أن", "البابا تطاولا", "الملك عفوا": a verb, an accusative noun
            after_first = k > j and (infos[k - 1].first or not infos[k - 1].definite and rare_word(words[k - 1])) \
                and not inf.definite and rare_word(w) and not pair_noise(w) \
                and not w.endswith(("ها", "هم", "هما", "هن", "كم")) \
                and not (w.endswith("ه") and not rare_word(w[:-1]))  # "ماريو فارغاس يوسا"; not "ارتياحه"
            if k > j and not inf.first and len(w) >= 5 and w.startswith(("بت", "بم", "بع")) and not rare_word(w[1:]):
                break  # "عباس بتقديم": ب and a verbal noun after the name
            if (len(w) >= 4 and w[0] in "يت" and (w[1] in "تسن" or len(w) == 4) or (
                    len(w) >= 4 and w[0] == "ي" and w[1] not in "اوي")) and not (after_first and w[1] in "اوي"):
                break  # imperfect verbs (تترقب، يستمر، تزور، يلقيان); but "أشلي يونج" is no verb
            if len(w) >= 4 and not inf.first and (
                    w[0] == "ي" and w[-1] in "ءئأ" or w[0] == "ت" and w[-1] == "ت" and len(w) >= 5):
                break  # "الشاعر يومئ", "بيان شاكر تحدثت": a verb (يفعئ، تفعّلت), not a name
            if k == j and not inf.first and len(w) == 3 and w[0] == "ي" and w[1] not in "اوي":
                break  # "ولي العهد يصل", "من قال يجب أن": a three-letter imperfect verb
            if not inf.first and len(w) >= 4 and (
                    w.endswith("ني") and len(w) == 5 and w[2] not in "اوي" or self.text_of(k).endswith("اه")
                    or k == j and w[0] == "ا" and (w[1] == "ت" and len(w) == 4 or len(w) == 5 and w[2] == "ت" and w[3] not in "اوي")):
                break  # "الوزير جعلني", "الوزير جزاه الله", "اللاعب اتفق", "اللاعب انتقل": a verb
            if k - j >= 2 and not inf.first and w[0] == "ل" and w[1] not in "اوي" and k not in gaz_at and (
                    len(w) >= 5 or len(w) == 4 and not rare_word(w[1:])):
                break  # "فيليب كوستيتش لشوتجارت", "سلفادور دالي لعرض": ل + a word after the name
            if k == j and title_ctx and not inf.first and w[1] not in "اوي" and (
                    len(w) <= 4 and w[0] == "ب" or len(w) >= 4 and w[0] == "ل"):
                break  # "اللاعب بصدد", "الشاعر بهذا", "رئيس اللجنة لسوق عكاظ": a preposition
            rest = w[1:]
            if k > j and len(w) >= 4 and w[0] in "لبك" and (w[0] == "ل" or w[1] not in "اوي") and (
                    rest in AFTER_PREP or rest in STOPWORDS or rest in NOT_NAMES or rest in TITLES):
                break  # "هوندا كلاعب آسيوي", "مبارك اكاسو ليكون": a clitic on a common word  # "المدرب دونيس لهذه المباراة": a preposition on a common word
            if len(w) >= 6 and w[0] == "م" and w.endswith(("ون", "ين")):
                break  # plural participles (مبتعثون، مسؤولين)
            if not inf.definite and k == j + 1 and infos[j].first == 2 and text_of(k).endswith("ة") and len(words[k]) >= 4 \
                    and (k + 1 >= n or not joined(k + 1) or infos[k + 1].conj):
                k += 1  # "الرئيس الحالي خالد خوجة والأعضاء": a family name in ة before a pause
                break
            if not inf.definite and self.common_shape(k) and not (after_first and infos[k - 1].first):
                break  # "محمود رقابة لصيقة", "مايكل متقدما", "يوهان كرويف مهارته"; not "توماس مكنامارا"
            if k > j and not inf.first and (len(w) >= 5 or len(w) == 4 and not infos[k - 1].first) \
                    and w.endswith("ا") and not rare_word(w[:-1]):
                break  # "الملا أختر زعيما": an accusative noun after the name
            if k > j and len(w) == 5 and w[0] == "ت" and w[3] == "ي" and not rare_word(w):
                break  # "الملكة إليزابيث تخصيص": a verbal noun تفعيل after the name
            if unknown == 1:
                # a second unknown word: at a phrase end, or when it cannot be a verb
                # (a long vowel after the prefix is a transliteration: "كاري تيانين")
                if k + 1 < n and joined(k + 1) and imperfect_shape(words[k]):
                    break
                if k - j >= 2 and k + 1 < n and joined(k + 1) and w[0] == "م" and w[1] not in "اي":
                    break  # "جلال الدين حقاني مؤسس شبكة": a participle after a full name
                k += 1
                if title_ctx and k - j == 2 and k < n and joined(k) and not self.quote_gap(k) and all(
                        2 <= len(words[x]) <= 4 and not infos[x].definite and not infos[x].first and not infos[x].conj
                        and not infos[x].stop and words[x] not in NOT_NAMES and not self.text_of(x).endswith("ة")
                        and x not in gaz_at for x in (j, j + 1, k)) and (
                        k + 1 >= n or not joined(k + 1) or infos[k + 1].stop):
                    k += 1  # "المخرج نا هونغ جن": an East Asian name of three short syllables
                break
            unknown += 1
            k += 1
            if inf.definite:
                if title_ctx and k - j == 2 and infos[j].first and k < n and joined(k) and self.family_name(k) \
                        and not self.quote_gap(k) and not (k + 1 < n and joined(k + 1) and infos[k + 1].nisba):
                    k += 1  # "الدكتور محمد الشحات الجندي": two family names
                break
        return k

    def adjectives(self, e: int, most: int, org: bool = False) -> int:
        words, n, infos, gaz_at, joined = self.words, self.n, self.infos, self.gaz_at, self.joined
        k = 0
        while e < n and k < most and joined(e) and e not in gaz_at and not infos[e].stop and (
                infos[e].adjective or (org and words[e] in ORG_ADJ)):
            e += 1
            k += 1
        return e

    def lam_tail(self, e: int) -> int:
        """End of a ل-complement and one و-conjunct after a body's name:
        "… للأرصاد وحماية البيئة", "… لحقوق الإنسان"."""
        words, n, infos, gaz_entries = self.words, self.n, self.infos, self.gaz_entries
        gaz_at, joined, adjectives = self.gaz_at, self.joined, self.adjectives
        if not (e < n and joined(e)):
            return e
        w = words[e]
        if w in LAM_IDIOMS or infos[e].stop:
            return e
        g = gaz_at.get(e)
        if g is not None:
            if gaz_entries[g[2]].type != "LOC" or not w.startswith("ل"):
                return e
            return self.past(e, g[1])  # "اللجنة العليا للحد الجنوبي": ل and a place complete the name
        if w.startswith("لل") and len(w) == 8 and w[2] == "م" and w[4] == "ا" and w.endswith("ه"):
            return e  # "صندوق التقاعد للمطالبة برواتبهم": a purpose (مفاعلة), not the body's field
        if w.startswith("لل") and len(w) >= 4 and (not w.endswith(("ين", "ون")) or len(w) <= 6):
            f = e + 1
        elif w[:1] == "ل" and w[1:] in LAM_MIDDLES and e + 1 < n and joined(e + 1) and infos[e + 1].definite:
            f = e + 2
        else:
            return e
        f = adjectives(f, 2, org=True)
        if f < n and joined(f) and f not in gaz_at:
            w2 = words[f]
            if w2.startswith("وال") and len(w2) >= 6 and not infos[f].stop and not infos[f].adjective:
                f = adjectives(f + 1, 2, org=True)
            elif w2[:1] == "و" and w2[1:] in CONSTRUCT_MIDDLES and f + 1 < n and joined(f + 1) and infos[f + 1].definite:
                f = adjectives(f + 2, 2, org=True)
        return f


    # -- sources of names ---------------------------------------------------------

    def gazetteer_names(self) -> None:
        """Names from the gazetteer, longest alias at each token."""
        ms, infos, cands, gaz_entries, gaz_at = self.ms, self.infos, self.cands, self.gaz_entries, self.gaz_at
        gaz_match = self.gaz_match
        for i in [i for i, inf in enumerate(infos) if inf.gaz is not None]:
            m = gaz_match(i)
            if m is not None:
                e = gaz_entries[m[2]]
                if e.type == "PER" and i > 0 and self.joined(i) and any(
                        st in DEPUTY for _, st in strip_clitics(self.words[i - 1])):
                    continue  # "نائب خادم الحرمين الشريفين": the deputy, not the king the alias names
                gaz_at[i] = m
                start = m[0]
                k = i
                # An alias may carry its title ("الملك سلمان"); the span still covers the name only.
                while ms[k].end() < m[1] and (infos[k].title or (k > i and infos[k - 1].title and infos[k].definite)):
                    k += 1
                if k > i:
                    start = ms[k].start()
                elif e.type == "ORG" and ms[i].end() < m[1] and self.words[i] in MOVEMENT_HEADS:
                    last = i + 1
                    while last + 1 < self.n and ms[last + 1].end() <= m[1]:
                        last += 1
                    tail = self.words[last]
                    if " ".join(self.words[i + 1 : last + 1]) in e.aliases and not (
                            infos[last].adjective or tail in ORG_ADJ):  # but "منظمة العفو الدولية" agrees with its head
                        start = ms[i + 1].start()  # "حركة حماس", "منظمة الأمم المتحدة": the kind word stays outside
                eid = e.id
                if e.type == "LOC" and self.nisba_after_noun(i, m):
                    continue  # "القوات السعودية", "الاتصالات السعودية": the adjective, not the country
                if e.type == "LOC" and i > 0 and self.joined(i) and (self.words[i - 1], self.words[i]) in PLACE_IDIOMS:
                    continue  # "جوز الهند" is a coconut
                if eid == OMAN and self.is_amman(i):
                    eid = AMMAN
                    gaz_at[i] = (m[0], m[1], eid)
                cands.append((start, m[1], e.type, eid, None, 0))
        self.kind_named()
        self.city_clubs()

    def city_clubs(self) -> None:
        """In a sports article a known city followed by سيتي or يونايتد is a club
        ("نيويورك سيتي", "ليدز يونايتد"), and so is one followed by a foreign word right
        after a club word ("أمام مونتريال إمباكت"); the city alone then names it too
        (document_names)."""
        words, ms, n, gaz_at, cands, joined = self.words, self.ms, self.n, self.gaz_at, self.cands, self.joined
        hits = []
        for i, (a, b, eid) in gaz_at.items():
            if self.gaz_entries[eid].type != "LOC":
                continue
            k = i
            while k < n and ms[k].start() < b:
                k += 1
            if not (k < n and joined(k) and ms[k - 1].end() == b):
                continue
            if words[k] in CLUB_SUFFIXES:
                hits.append((a, k))
            elif i > 0 and joined(i) and any(st in CLUB_CUES for _, st in strip_clitics(words[i - 1])) \
                    and k not in gaz_at and not self.infos[k].stop and not self.infos[k].definite \
                    and rare_word(words[k]) and not (k + 1 < n and joined(k + 1) and rare_word(words[k + 1])):
                hits.append((a, k))  # "أمام مونتريال إمباكت": a club word, a city and a foreign word
        if not hits or not self.sports():
            return
        for a, k in hits:
            i0 = bisect_left(ms, a, key=Match.start)
            off = a - ms[i0].start()
            key = " ".join([words[i0][off:]] + words[i0 + 1 : k + 1])
            cands.append((a, ms[k].end(), "ORG", f"ORG:{slug(key)}", None, 0))

    def kind_named(self) -> None:
        """A known body named with its kind ("تنظيم القاعدة", "حركة الشباب") is meant by
        its definite name alone elsewhere in the article ("عناصر القاعدة"), unless an
        adjective makes that a common noun again ("القاعدة الجوية")."""
        words, ms, n, infos, gaz_at, cands = self.words, self.ms, self.n, self.infos, self.gaz_at, self.cands
        bare: dict[str, str] = {}
        for i, (_a, b, eid) in list(gaz_at.items()):
            if self.gaz_entries[eid].type != "ORG" or i + 1 >= n or ms[i + 1].end() != b:
                continue
            w = words[i + 1]
            if strip_prefix(words[i]) in KIND_HEADS and w.startswith("ال") and len(w) >= 5 and w not in DIVINE_NAMES \
                    and infos[i + 1].ctx is None and not infos[i + 1].adjective:
                # not "حركة الشباب" … "الشباب" (youth, a club word), nor "الحزب الاشتراكي" … "الاشتراكي"
                bare[w[2:]] = eid
        if not bare:
            return
        covered = bytearray(n)
        for i, (_a, b, _eid) in gaz_at.items():
            k = i
            while k < n and ms[k].start() < b:
                covered[k] = 1
                k += 1
        for k in range(n):
            if covered[k]:
                continue
            for p_, st in strip_clitics(words[k]):
                if st in bare and (p_.endswith("ال") or p_.endswith("لل")):
                    if k + 1 < n and self.joined(k + 1) and (infos[k + 1].definite and not infos[k + 1].stop
                                                             or words[k + 1] in ORG_ADJ):
                        break  # "القاعدة الجوية", "للقاعدة المهملة": an adjective makes it a base again
                    off = len(p_) - 2 if p_.endswith("ال") else len(p_) - 1
                    cands.append((ms[k].start() + off, ms[k].end(), "ORG", bare[st], None, 2))
                    break

    def nisba_after_noun(self, i: int, m: tuple[int, int, str]) -> bool:
        """A one-word place spelled as a nationality (السعودية) right after a definite
        noun qualifies that noun: a noun and its adjective cannot be a genitive."""
        words, infos = self.words, self.infos
        if not (i > 0 and words[i] in NISBA and m[1] <= self.ms[i].end() and self.joined(i)):
            return False
        prev = infos[i - 1]
        return prev.definite and not prev.stop and not prev.title and (i - 1) not in self.gaz_at \
            and not self.hamza_al(i - 1) and words[i - 1] not in NISBA

    def is_amman(self, i: int) -> bool:
        """عمان is Oman and Amman in one spelling: Amman when written with its shadda,
        after "العاصمة (الأردنية)", or in an article about Jordan that names nothing Omani."""
        if "\u0651" in self.text_of(i):
            return True
        words = self.words
        before = {words[k] for k in range(max(0, i - 2), i)}
        if before & CAPITAL_WORDS:
            return not (before & OMAN_CUES)
        if self._jordan is None:
            ws = set(words)
            self._jordan = bool(ws & JORDAN_CUES) and not ws & OMAN_CUES
        return self._jordan

    def cued_names(self) -> None:
        """Names that count only in context: clubs in sports text, common-word places after a place word."""
        words, ms, n, infos, cands = self.words, self.ms, self.n, self.infos, self.cands
        gaz_entries, gaz_at, joined, comma_joined = self.gaz_entries, self.gaz_at, self.joined, self.comma_joined
        ctx_at = [i for i, inf in enumerate(infos) if inf.ctx is not None]
        if ctx_at:
            sports = self.sports()
            loc_tok: set[int] = set()
            for i0, (_a0, b0, eid0) in gaz_at.items():
                if gaz_entries[eid0].type == "LOC":
                    k = i0
                    while k < n and ms[k].start() < b0:
                        loc_tok.add(k)
                        k += 1
            cover: dict[int, tuple[int, int, str]] = {}  # token → the gazetteer match over it
            for i0, v in gaz_at.items():
                k = i0
                while k < n and ms[k].start() < v[1]:
                    cover[k] = v
                    k += 1
            cued_clubs: set[str] = set()
            club_ids = self.cl.cued["club"].entries
            for i in ctx_at:
                kind, off, options = infos[i].ctx
                if kind == "club" and i > 0 and joined(i) and any(
                        st in CLUB_CUES for _, st in strip_clitics(words[i - 1])):
                    cued_clubs.update(eid for _, eid, _ in options)
            for i in ctx_at:
                kind, off, options = infos[i].ctx
                direct = kind == "club" and i > 0 and joined(i) and (any(
                    st in CLUB_CUES for _, st in strip_clitics(words[i - 1])) or (
                    words[i][:1] == "و" and (i - 1) in gaz_at and gaz_at[i - 1][2] in club_ids))  # "الهلال والنصر"
                cv = cover.get(i)
                clash = [c for c in cands if c[5] == 0 and c[3] == cv[2] and c[1] == cv[1]] if cv else []
                if clash and not (direct and all(gaz_entries[c[3]].type == "LOC" and c[1] <= ms[i].end() for c in clash)):
                    continue
                hit = None
                for rest, eid, _ in options:
                    k = len(rest)
                    if i + k < n and all(words[i + 1 + x] == rest[x] and joined(i + 1 + x) for x in range(k)):
                        hit = (i + k, eid)
                        break
                if hit is None:
                    continue
                last, eid = hit
                nx = last + 1
                if kind == "club":
                    prev = words[i - 1] if i > 0 and joined(i) else ""
                    cue = any(st in CLUB_CUES for _, st in strip_clitics(prev)) if prev else False
                    if not (sports or cue) or (eid in self.cl.need_cue and eid not in cued_clubs and not direct):
                        continue
                    if nx < n and joined(nx) and (
                            (infos[nx].adjective and not (words[nx] in NISBA and eid != ITTIHAD))
                            or words[nx] in ORG_ADJ or words[nx].startswith("لل")
                            or (words[nx][:1] == "ل" and words[nx][1:] in CONSTRUCT_MIDDLES)):
                        continue  # "الاتحاد السعودي لكرة القدم", "الهلال الأحمر"; but "ليون الفرنسي"
                    if not cue and prev and infos[i - 1].definite and not infos[i - 1].stop and not infos[i - 1].adjective:
                        continue  # "البنك الأهلي", "الدوري المصري": an adjective here
                else:
                    k = i - 1
                    while k >= 0 and k in loc_tok and (joined(k + 1) or comma_joined(k + 1)):
                        k -= 1
                    if not (k >= 0 and (joined(k + 1) or comma_joined(k + 1)) and infos[k].place_list_head):
                        continue
                    loc_tok.update(range(i, nx))
                if clash:
                    cands[:] = [c for c in cands if c not in clash]
                    for c in clash:
                        for i0 in [i0 for i0, v in gaz_at.items() if v[2] == c[3] and v[0] == c[0]]:
                            del gaz_at[i0]
                cands.append((ms[i].start() + off, ms[last].end(), gaz_entries[eid].type, eid, None, 0))
                gaz_at[i] = (ms[i].start() + off, ms[last].end(), eid)

    # -- trigger rules ------------------------------------------------------------

    def add_name(self, a: int, b: int, type_: str, off: int = 0) -> None:
        """A candidate over tokens a..b-1 (the first ``off`` characters of token a left out)."""
        w = self.words[a]
        elided = off == 1 and w.startswith("لل")  # "للجيش": ل before an article whose alif is not written
        toks = name_tokens(" ".join(["ا" + w[1:] if elided else w[off:]] + self.words[a + 1 : b]))
        s, e = self.ms[a].start() + off, self.ms[b - 1].end()
        self.cands.append((s, e, type_, f"{type_}:{slug(' '.join(toks))}", self.article_name(s, e) if elided else None, 1))

    def article_name(self, ns: int, ne: int) -> str:
        """The display name of a span cut out of "لل…" ("للمجلس الأعلى" → "المجلس الأعلى"):
        the text there lacks the article's alif."""
        s, e = original_span(self.imap, ns, ne, len(self.text))
        return display("ا" + self.text[s:e])

    def quoted_run(self, j: int) -> int | None:
        """One past the last token of a name of one to four tokens in quotes or
        parentheses that opens right before token j, else None."""
        norm, ms, n = self.norm, self.ms, self.n
        gap = norm[ms[j - 1].end() : ms[j].start()]
        if not any(q in gap for q in OPENERS) or gap.strip(SPACES + OPENERS):
            return None
        for e in range(j + 1, min(n, j + 4) + 1):
            after = norm[ms[e - 1].end() : ms[e].start() if e < n else ms[e - 1].end() + 2]
            if any(q in after for q in CLOSERS):
                return e
            if e >= n or not self.joined(e):
                return None
        return None

    def cued_word(self, i: int) -> bool:
        """A name found by the word before it (``CUE_WORDS``); False leaves the token to the other rules."""
        words, infos, n, gaz_at, joined = self.words, self.infos, self.n, self.gaz_at, self.joined
        kind, j = infos[i].cue, i + 1
        if j >= n:
            return False
        if kind in ("team", "brand", "contest"):
            e = self.quoted_run(j)
            if e is not None and not (j in gaz_at and gaz_at[j][1] >= self.ms[e - 1].end()) \
                    and not any(infos[k].stop or words[k].isdigit() for k in range(j, e)):
                self.add_name(j, e, "EVENT" if kind == "contest" else "ORG")  # 'فريق "سان لورنزو"'
                self.resume = e
                return True
        if kind == "brand" and joined(j) and any(st in MEDIA_HEADS for _, st in strip_clitics(words[i])):
            e = j
            while e < n and e - j < 3 and joined(e) and e not in gaz_at and not infos[e].definite \
                    and not infos[e].first and self.plain_name(e) and not self.common_shape(e) \
                    and not imperfect_shape(words[e]) and words[e] not in PLAIN_ADJ:
                e += 1
            if e > j and (e >= n or not joined(e) or infos[e].stop or words[e] in SAY_NEXT):
                self.add_name(j, e, "ORG")  # "صحيفة فاينانشال تايمز إن": the paper's own name
                self.resume = e
                return True
        if kind == "team" and joined(j) and j not in gaz_at and not infos[j].definite and not infos[j].first:
            e = j
            while e < n and e - j < 2 and joined(e) and e not in gaz_at and not infos[e].definite \
                    and self.plain_name(e) and not imperfect_shape(words[e]):
                e += 1
            if j < e < n and joined(e) and words[e] in NISBA:
                self.add_name(j, e, "ORG")  # "فريق مالاجا الإسباني", "فريق ريفر بليت الأرجنتيني"
                self.resume = e
                return True
        if kind == "edition" and joined(j) and len(words[j]) == 4 and words[j].isdigit():
            off = next((len(p_) for p_, st in strip_clitics(words[i]) if st in EDITION_WORDS and p_ in CUE_CLITICS), 0)
            self.add_name(i, j + 1, "EVENT", off)  # "يورو 1976"
            self.resume = j + 1
            return True
        if kind == "capital" and joined(j):
            k = j + 1 if infos[j].nisba or infos[j].adjective else j  # "العاصمة التشادية نجامينا"
            if k < n and joined(k) and k not in gaz_at and not infos[k].first and not infos[k].definite \
                    and self.plain_name(k) and not self.common_shape(k) and (
                        k + 1 >= n or not joined(k + 1) or infos[k + 1].stop or infos[k + 1].conj):
                self.add_name(k, k + 1, "LOC")
                self.resume = k + 1
                return True
        if kind == "body" and joined(j) and j not in gaz_at:
            # "البنك المركزي الإيطالي", "الحزب الشيوعي الصيني": a body and its nationality
            e = self.adjectives(j, 3, org=True)
            if e > j and words[e - 1] in NISBA and (e >= n or not joined(e) or not words[e].startswith("لل")):
                w = words[i]
                off = next((len(p_) for p_, st in strip_clitics(w) if st.startswith("ال") and p_ in CUE_CLITICS), 0)
                if w.startswith("لل"):
                    off = 1
                self.add_name(i, e, "ORG", off)
                self.resume = e
                return True
        if kind == "national" and joined(j):
            e = self.adjectives(j, 2, org=True)
            if e > j and (words[e - 1] in NISBA or infos[e - 1].adjective) and (
                    words[j] in ORG_ADJ or not any(st == FORCES for _, st in strip_clitics(words[i]))):
                w = words[i]
                off = next((len(p_) for p_, st in strip_clitics(w) if st.startswith("ال") and p_ in CUE_CLITICS), 0)
                if w.startswith("لل"):
                    off = 1
                self.add_name(i, e, "ORG", off)  # "الجيش الباكستاني", "القوات المسلحة الباكستانية"
                self.resume = e
                return True
        return False

    def title(self, i: int) -> None:
        words, n, infos, gaz_entries, gaz_at = self.words, self.n, self.infos, self.gaz_entries, self.gaz_at
        people, joined, comma_joined, name_chain = self.people, self.joined, self.comma_joined, self.name_chain
        inf = self.infos[i]
        j = i + 1
        mods = 0
        while j < n and mods < 6 and joined(j):
            nf = infos[j]
            tok = words[j]
            if tok == ON_BEHALF:
                j += 1
                skip = 0
                while j < n and skip < 5 and joined(j) and not infos[j].stop:
                    j += 1
                    skip += 1
                mods += 1
                break
            if nf.title or (nf.definite and not nf.stop and not self.hamza_al(j)
                            and (j not in gaz_at or gaz_entries[gaz_at[j][2]].type != "PER")):
                j += 1
                mods += 1
                continue
            break
        if words[i] in AMBIGUOUS_TITLES and not (
            j < n and (infos[j].first or infos[j].particle or j in gaz_at)
        ):
            return  # "الفريق جاهز" (the team), "اللواء الثامن" (the brigade)
        if inf.needs_complement and not mods:
            return
        start = j
        if j < n and not joined(j) and comma_joined(j) and mods and not self.quote_gap(j):
            start = j  # "رئيس الشبكة، «نعتقد": a quote opens after the comma, not a name
        elif j < n and not joined(j):
            start = n
        if start < n:
            end = name_chain(start, strong_start=True, title_ctx=True)
            g = gaz_at.get(i)
            if g is not None and end > start and self.ms[start].start() < g[1] <= self.ms[end - 1].start():
                last = max(k for k in range(start, end) if self.ms[k].start() < g[1])
                if not infos[last + 1].particle:
                    return  # "كأس الملك فهد مفتوح": the gazetteer's name holds the title, the next word is not a name
            w = words[i]
            if 0 < end - start < 3 and ({w, w[1:], "ال" + w[2:]} & ROLE_TITLES) and not any(
                    infos[x].first or infos[x].particle or x in gaz_at or rare_word(words[x]) and not pair_noise(words[x])
                    and not self.common_shape(x) for x in range(start, end)):
                return  # "المخرجة موضوع توفير", "المنشد مرت بمسار": no name after the role
            if end > start:
                people.append((start, end))
                self.resume = end
                return

    def nisba(self, i: int) -> None:
        words, n, infos, gaz_at, people = self.words, self.n, self.infos, self.gaz_at, self.people
        joined, quoted, has_tanween, name_chain = self.joined, self.quoted, self.has_tanween, self.name_chain
        # "التشيكي توماس …": a nationality right before a name chain. A feminine nisba
        # mostly qualifies a noun ("العلاقات الروسية بشكل حيوي"), so after one only a
        # known first or full name starts a chain; and words with a feminine or plural
        # ending, or tanween, are nouns and adjectives rather than names.
        if not infos[i + 1].first and i + 2 < n and joined(i + 2) and infos[i + 2].first == 2:
            return  # "الأميركي نظام بشار الأسد": the first name's own rule finds it
        end = name_chain(i + 1, strong_start=False, title_ctx=not words[i].endswith("ه"))
        known = (infos[i + 1].first and words[i + 1] not in COMMON_WORD_FIRST) or (i + 1) in gaz_at
        if end == i + 2 and not known and not words[i].endswith("ه"):
            # One unknown word after a nationality names a person when it is quoted
            # ('مدرب اللياقة اليوناني "جريجوريس"') or when the nationality starts the
            # phrase or follows a title ("اللاعب الألماني X"), rather than qualifying a
            # noun ("الجيش الروسي سيطرته").
            w1 = words[i + 1]
            # (a verb or a preposition before it makes the nationality a noun: "فاز الروسي X")
            starts = not (i > 0 and joined(i)) or infos[i - 1].title or infos[i - 1].stop or (
                i > 0 and infos[i - 1].say) or not (infos[i - 1].definite or infos[i - 1].clitic_article
                                                    or infos[i - 1].nisba or infos[i - 1].head or (i - 1) in gaz_at)
            plain = len(w1) >= 3 and not w1.endswith(("ه", "ات", "ون", "ين", "ان")) and not infos[i + 1].conj \
                and not (len(w1) >= 6 and w1.endswith("ا")) \
                and not (i + 2 < n and joined(i + 2) and infos[i + 2].definite)
            known = quoted(i + 1) or (starts and plain)

        nounish = any(
            (words[k].endswith(("ه", "ات")) and not infos[k].first) or has_tanween(k)
            for k in range(i + 1, end)
        )
        if words[i].endswith("ه") and not known:
            pass
        elif (end - (i + 1) >= 2 and not nounish) or (end > i + 1 and known):
            people.append((i + 1, end))
            self.resume = end
            return

    def listed_nisba(self, i: int) -> None:
        """"والتركي أورهان باموك", "بالإنجليزي ديفد بيكهام": a nationality with و/ب
        before a name of rare words, the next one in a list of people; a name chain of
        two words at least, each a known first name or not everyday Arabic."""
        words, infos = self.words, self.infos
        j = i + 1
        end = self.name_chain(j, strong_start=False, title_ctx=True)
        if end - j >= 2 and all((infos[k].first or rare_word(words[k])) and not self.common_shape(k)
                                for k in range(j, end)):
            self.people.append((j, end))
            self.resume = end

    def first_name(self, i: int) -> None:
        words, infos, people, joined, name_chain = self.words, self.infos, self.people, self.joined, self.name_chain
        # A weak first name (also a common word: جمال، صالح) starts the chain
        # when a strong one follows it ("جمال محمد …"); علي is also the
        # preposition على, so it never does.
        if self.inside_gazetteer(i):
            return  # "كأس الملك فهد مفتوح": the name is the gazetteer's, the next word is not a surname
        s0 = i
        if i > 0 and joined(i) and infos[i - 1].first == 1 and i - 1 >= self.resume and not infos[i - 1].stop \
                and words[i - 1] != ALI and words[i - 1] not in COMMON_WORD_FIRST:  # "رفيق أسامة بن لادن": his companion
            s0 = i - 1
        end = name_chain(s0, strong_start=True)
        if end - s0 >= 2:
            people.append((s0, end))
            self.resume = end
            return

    def weak_first_surname(self, i: int) -> None:
        """A weak first name and a family name with the article: "حسن البنا", "سعيد
        القحطاني"; not a noun with its complement ("حسن النية") or an adjective."""
        words, infos, j = self.words, self.infos, i + 1
        nf, w = infos[j], words[j]
        if nf.stop or nf.title or nf.head or nf.def_head or j in self.gaz_at or w in NISBA or w in ORG_ADJ \
                or w in NOT_NAMES or w in ORDINALS or w in DIVINE_NAMES or self.common_shape(j) \
                or not (len(w) >= 6 and w.endswith("ي") or len(w) >= 5 and rare_word(w) and not nf.adjective
                        and words[i] not in COMMON_WORD_FIRST and not self.text_of(j).endswith("ة")
                        and not w.startswith(("الم", "الت"))):  # "حسن البنا"; not "رمضان المنصرم"
            return  # only a nisba-shaped family name (القحطاني، العمري) makes it a name
        self.people.append((i, j + 1))
        self.resume = j + 1

    def kunya(self, i: int) -> None:
        """"أبو فارس", "وأبو السكر", "أبو خوصة": a kunya, "father of" and a given name, a
        family name or a word no everyday Arabic has, names a person on its own."""
        words, infos, j = self.words, self.infos, i + 1
        if j in self.gaz_at or (i > 0 and self.joined(i) and (infos[i - 1].first or infos[i - 1].particle)):
            return
        w, nf = words[j], infos[j]
        if nf.stop or nf.title or nf.head or nf.conj or w in NOT_NAMES or w in NISBA or w in DIVINE_NAMES:
            return
        son = words[i] == "ابن"  # "ابن خلدون", but "ابن عمها", "ابن الفقيد" are kin
        if son and (w.endswith(("ه", "ها", "هم", "هما", "ي", "ك", "كم")) or nf.definite and not self.family_name(j)):
            return
        if not (nf.first and not nf.definite or self.family_name(j)
                or nf.definite and rare_word(w) and not nf.adjective
                or not nf.definite and self.plain_name(j) and rare_word(w) and not imperfect_shape(w)
                or w.startswith("لا") and rare_word(w) and rare_word(w[1:])):  # "أبو لاوي"
            return
        end = self.name_chain(i, strong_start=True)
        if end - i >= 2:
            self.people.append((i, end))
            self.resume = end

    def bin_chain(self, i: int) -> None:
        people, name_chain = self.people, self.name_chain
        end = name_chain(i, strong_start=True)  # "صالح بن محمد آل مريح"
        if end - i >= 3:
            people.append((i, end))
            self.resume = end
            return

    def abd_chain(self, i: int) -> None:
        people, name_chain = self.people, self.name_chain
        end = name_chain(i, strong_start=True)
        if end - i >= 2:
            people.append((i, end))
            self.resume = end
            return

    def place_head(self, i: int) -> None:
        words, ms, n, infos, cands = self.words, self.ms, self.n, self.infos, self.cands
        gaz_at, joined, has_tanween = self.gaz_at, self.joined, self.has_tanween
        j = i + 1
        w, nf = words[j], infos[j]
        if j in gaz_at or nf.stop or nf.adjective or nf.conj or nf.clitic_article or nf.title or nf.head or w in NOT_NAMES \
                or nf.loc_head or (not nf.definite and self.common_shape(j)):
            return  # "منطقة الجزاء" (the penalty area), "لكل بلدة مهرجانها"
        if nf.first or len(w) < 3 or w.isdigit() or w in PLAIN_ADJ or has_tanween(j):
            return
        if nf.definite:
            if j + 1 < n and joined(j + 1) and infos[j + 1].adjective:
                return
            if w.endswith(COMMON_ENDINGS[:3]) and not (
                    w.endswith("ه") and len(w) >= 5 and not w.startswith("الت") and self.admin_head(i)):
                return  # but "محافظة القنفذة", "حي الربوة": after such a head a definite ة-word is its name
        elif w.endswith(COMMON_ENDINGS[:-2]) or (len(w) >= 4 and w[0] in "يتن" and w[1] in "تسن") or any(
                st == HAYY for p_, st in strip_clitics(words[i])):
            return  # "حي" before an indefinite word is the adjective "alive" ("حي يرزق")
        if not nf.definite and imperfect_shape(w) and not rare_word(w):
            return  # "منطقة تمتد", "بلدة يشكل": a verb
        if any(st in AREA_HEADS for p_, st in strip_clitics(words[i]) if not p_.endswith(("ال", "لل"))):
            # "منطقة"/"مدينة" are also an area and a complex of something: an everyday word
            # after them names a place only when it is definite and no plural, verbal noun
            # or common area ("منطقة الخليج" | "منطقة تجمع", "منطقة العمليات", "منطقة الجبال")
            bare = w[2:] if nf.definite else w
            if not (rare_word(bare) or rare_word(w)) and (
                    not nf.definite or w.endswith("ات") or w in AREA_COMMON
                    or (len(w) >= 7 and w[2] == "ا" and w[4] == "ت")):  # الاحتفال، الانتظار
                return
        cands.append((ms[j].start(), ms[j].end(), "LOC", f"LOC:{slug(w)}", None, 1))
        self.resume = j + 1

    def admin_head(self, i: int) -> bool:
        """Token i is a place word of the administrative kind (محافظة، حي، قرية …), whose
        definite complement is a name even when it ends like a noun; "منطقة" is not one
        ("منطقة التجارة")."""
        return any(st in ADMIN_PLACE_HEADS for p_, st in strip_clitics(self.words[i]) if not p_.endswith(("ال", "لل")))

    def saying(self, i: int) -> None:
        norm, words, ms, n, infos = self.norm, self.words, self.ms, self.n, self.infos
        gaz_at, people, joined, name_chain = self.gaz_at, self.people, self.joined, self.name_chain
        j = i + 1
        if j + 1 < n and joined(j + 1) and not self.quote_gap(j + 1) and words[j + 1] in SAY_NEXT and j not in gaz_at and (
                infos[j].first == 2 and not infos[j].pre and words[j] not in COMMON_WORD_FIRST
                or self.family_name(j) and words[j] not in ORDINALS and not infos[j].title):
            people.append((j, j + 1))  # "وقال صدام إن", "قال الأعرجي أن": one name is the speaker
            self.resume = j + 1
            return
        if words[j] in GENERIC_SPEAKERS or infos[j].first or j in gaz_at:
            return  # a first name or known name is found by its own rule
        end = name_chain(j, strong_start=True)
        if any(words[k].endswith(("يه", "ات")) for k in range(j, end)):
            return  # "كشفت دراسة بريطانية أن", "مصادر اتحادية": a noun and its adjective
        one = end - j == 1 and not infos[j].definite and not words[j].endswith(COMMON_ENDINGS) \
            and not (len(words[j]) == 4 and words[j][0] == "ا" and words[j][1] not in "اوي")  # "واضافت "اريد ان"
        # a word no everyday Arabic has may end like a noun: "وقال أنان إن", "وأكد ديسبري أنه"
        rare_one = end - j == 1 and not one and not infos[j].definite and not infos[j].conj and len(words[j]) >= 4 \
            and rare_word(words[j]) and not self.common_shape(j) and not imperfect_shape(words[j])
        gap = norm[ms[end - 1].end() : ms[end].start()].strip(JOIN) if end < n else ""
        if end < n and not gap and self.quote_gap(end) and any(
                q in norm[ms[end - 1].end() : ms[end].start()] for q in "«“"):
            # 'ويقول X «…»': a quotation opens right after the speaker, as after a colon
            # (for one word, only a rare one: "وذكر موقع «…»" is a website)
            gap = ":" if any(infos[x].first or rare_word(words[x]) and not self.common_shape(x)
                             and not (words[x].endswith("و") and not rare_word(words[x][:-1])) for x in range(j, end)) \
                else gap  # (and not "أعلن مؤسس موقع «فيسبوك»")
        # beyond إن/أن and a colon, the speaker's name ends before "في تصريح", "أمس",
        # "لصحيفة …" or a comma, unless it reads as an accusative ("قال كلاما طويلا أمس")
        loose = not any(words[k].endswith("ا") for k in range(j, end)) and (
            (end < n and joined(end) and (words[end] in SAY_PLACE or (
                words[end][:1] == "ل" and any(st in MEDIA_HEADS for _, st in strip_clitics(words[end])))))
            or gap in ("،", ","))
        if (2 <= end - j <= 3 or one or rare_one and (joined(end) and words[end] in SAY_NEXT or gap == ":")) \
                and end < n and ((joined(end) and words[end] in SAY_NEXT) or gap == ":" or loose) \
                and not any(infos[k].definite and k == j for k in range(j, end)):
            # "وقال X إن", "قال X: …", "قال X، …", "قال X في تصريح", "قال X لصحيفة …"
            people.append((j, end))
            self.resume = end
            return

    def definite_body(self, i: int) -> None:
        words, ms, cands, adjectives, lam_tail = self.words, self.ms, self.cands, self.adjectives, self.lam_tail
        # "الرئاسة العامة للأرصاد وحماية البيئة": a definite head, an adjective and a
        # ل-complement; without the complement it is a common noun ("الهيئة العامة").
        e = adjectives(i + 1, 2, org=True)
        if e == i + 1 and self.nisba_place(e):
            e = adjectives(e + 1, 1, org=True)  # "الشركة السعودية للكهرباء": السعودية is the adjective here
        if e == i + 1:
            return
        e2 = lam_tail(e)
        ctx = self.infos[i + 1].ctx
        if e2 == e and any(st in LOCAL_BODY_HEADS for p_, st in strip_clitics(words[i])) and not (
                ctx is not None and ctx[0] == "club"):  # "النادي الأهلي بجدة": the club
            e2 = self.at_place(e)  # "الغرفة التجارية الصناعية بجدة", "النادي الأدبي بالطائف"
        if e2 == e or words[e] in NOT_BODY_FIELDS:
            return  # "الشبكة الدولية للمعلومات" is the Internet
        w = words[i]
        off = 1 if w.startswith("لل") else next(
            (len(p_) for p_, st in strip_clitics(w) if st in DEF_ORG_HEADS), 0)
        key_toks = name_tokens(" ".join([w[off:] if off != 1 or not w.startswith("لل") else "ا" + w[1:]] + words[i + 1 : e2]))
        s, e = ms[i].start() + off, ms[e2 - 1].end()
        cands.append((s, e, "ORG", f"ORG:{slug(' '.join(key_toks))}", self.article_name(s, e) if off == 1 and w.startswith("لل") else None, 1))
        self.resume = e2

    def at_place(self, e: int) -> int:
        """One past "ب + a known place" (or "بمحافظة/بمنطقة + its name") at token e, else e:
        a local body named by where it is."""
        words, ms, n, gaz_at = self.words, self.ms, self.n, self.gaz_at
        if not (e < n and self.joined(e) and words[e][:1] == "ب"):
            return e
        g = gaz_at.get(e)
        if g is not None and self.gaz_entries[g[2]].type == "LOC" and g[0] == ms[e].start() + 1:
            return self.past(e, g[1])
        if words[e][1:] in MUNICIPAL_PLACE_WORDS and e + 1 < n and self.joined(e + 1):
            g = gaz_at.get(e + 1)
            if g is not None and self.gaz_entries[g[2]].type == "LOC" and g[0] == ms[e + 1].start():
                return self.past(e + 1, g[1])
        return e

    def construct(self, i: int) -> None:
        norm, words, ms, n, infos = self.norm, self.words, self.ms, self.n, self.infos
        cands, gaz_at, joined, has_tanween, name_chain = self.cands, self.gaz_at, self.joined, self.has_tanween, self.name_chain
        adjectives, lam_tail = self.adjectives, self.lam_tail
        inf = self.infos[i]
        j = i + 1
        g = gaz_at.get(j)
        stem = strip_prefix(words[i])
        if stem in MUNICIPAL_HEADS:
            self.municipal(i, stem)
            return
        if stem == MARKAZ and self.district(i):
            return
        if stem in PARK_HEADS and words[j] not in ROYAL_TITLES:
            self.park(i)
            return
        if stem in ROYAL_FAC_HEADS and words[j] not in ROYAL_TITLES:
            return  # "تقرير جامع", "قصر النظر": only "جامع الملك …" names a place
        ctx = infos[j].ctx
        if g is None and ctx is not None and ctx[0] == "club":
            return  # "نادي الفتح": the club rule names it, with the head outside
        end = None
        royal = False
        if g is not None:
            end = j
            while end + 1 < n and ms[end + 1].end() <= g[1]:
                end += 1
            end += 1
        elif words[j] in ROYAL_TITLES and j + 1 < n and joined(j + 1):
            e = name_chain(j + 1, strong_start=True)
            if e > j + 1:
                end, royal = e, True  # "جامعة الملك سعود", "مطار الملك خالد الدولي"
        elif infos[j].first == 2 and not infos[j].pre and inf.head != "ORG" or (
                infos[j].first == 2 and stem in NAMED_FOR_HEADS):
            e = name_chain(j, strong_start=True)
            if e - j >= 2:
                end, royal = e, True  # "إستاد محمد بن زايد", "دوري عبداللطيف جميل"
        if end is None and g is None:
            if words[j] in CONSTRUCT_MIDDLES and j + 1 < n and joined(j + 1) and infos[j + 1].definite \
                    and not infos[j + 1].stop:
                end = j + 2  # "اتحاد كرة القدم", "مجلس قيادة الثورة"
            elif infos[j].definite and not infos[j].stop and (
                not infos[j].adjective or words[j] in NOMINAL_ADJ
            ):
                end = j + 1
            elif stem in BRAND_HEADS and j + 1 < n and joined(j + 1) and (
                    infos[j + 1].adjective or words[j + 1] in ORG_ADJ) and not (
                    infos[j].stop or infos[j].first or infos[j].definite or infos[j].conj or has_tanween(j)
                    or len(words[j]) < 3 or words[j].isdigit() or words[j].endswith(("ه", "ات", "ون", "ين"))):
                end = j + 1  # "قناة عالي الفضائية", "شركة أرامكو السعودية"
        if end is not None and g is None and (stem, words[j]) in GENERIC_CONSTRUCTS and end == j + 1 and not (
                end < n and joined(end) and (infos[end].adjective or words[end] in ORG_ADJ)):
            end = None  # "مجلس الإدارة", "مركز الظهير"
        if end is not None and g is None and not royal and stem in QUOTED_HEADS:
            # "حرب النجوم": such a head names a thing by a plain noun only when quoted
            before = norm[max(0, ms[i].start() - 2) : ms[i].start()]
            after = norm[ms[end - 1].end() : ms[end - 1].end() + 2]
            if not (any(q in before for q in QUOTES) and any(q in after for q in QUOTES)):
                end = None
        if end is not None:
            bare = end
            end = adjectives(end, 2, org=inf.head == "ORG")
            # A ministry lists its portfolios: "وزارة التنمية والصناعة والتجارة الخارجية".
            most_conj = 3 if stem == WIZARA else 1
            while most_conj and inf.head == "ORG" and g is None and not royal and end < n and joined(end) \
                    and end not in gaz_at and (stem not in NO_LAM_HEADS or stem == WIZARA):
                most_conj -= 1
                w2 = words[end]
                prep_next = end + 1 < n and joined(end + 1) and words[end + 1] in PREPS
                if not (w2.startswith("وال") and len(w2) >= 6 and not infos[end].stop and not infos[end].adjective
                        and not prep_next and not infos[end].def_head):  # "لجنة المقابلة واللجنة الطبية": two bodies
                    break
                end = adjectives(end + 1, 2, org=True)  # "جمعية الثقافة والفنون"; not "… والتنسيق مع"
            if inf.head == "ORG" and g is None and not royal and end + 1 < n and joined(end) and joined(end + 1) \
                    and end not in gaz_at and stem == MUNAZZAMA:
                w2 = words[end]
                if w2.startswith("الم") and len(w2) >= 6 and not infos[end].stop and not infos[end].def_head \
                        and words[end + 1].startswith("لل"):
                    e3 = self.lam_tail(end + 1)
                    if e3 > end + 1:
                        end = e3  # "منظمة البلدان المصدرة للبترول": a participle and its ل-complement
            street = stem in ROYAL_FAC_HEADS and stem not in CITY
            while street and end - 1 > j and infos[end - 1].adjective and not words[end - 1].endswith(("ي", "يه")):
                end -= 1  # "شارع الأمير نايف القريب": the street is near, not named so
            if not street and stem not in NO_LAM_HEADS and (g is None or (
                    stem in LAM_AFTER_PLACE and self.gaz_entries[g[2]].type == "LOC")):
                end = lam_tail(end)
            if g is not None and stem in KIND_HEADS and self.gaz_entries[g[2]].type == "ORG" and ms[bare - 1].end() <= g[1] \
                    and all(words[k] in NISBA or infos[k].adjective for k in range(bare, end)):
                return  # "حركة حماس", "شركة سوني اليابانية": the known name is the entity, the head only its kind
            hs = ms[i].start() + clitic_len(words[i])
            ne = ms[end - 1].end()
            while ne < len(norm) and norm[ne].isdigit():
                ne += 1  # "مؤتمر جنيف1"
            ke = end
            while inf.head == "LOC" and ke - 1 > j and words[ke - 1] in ORG_ADJ:
                ke -= 1  # "مطار عدن الدولي" and "مطار عدن" are one airport
            phrase = " ".join(words[i:ke])
            key_toks = name_tokens(phrase)
            key = " ".join((strip_prefix(key_toks[0]),) + key_toks[1:])
            head = inf.head or "ORG"  # construct runs only for a token with a head class
            eid = f"{head}:{slug(key)}"
            if g is not None and g[2] in self.cl.club_ids and stem == NADI:
                eid = g[2]  # "نادي النصر" is the club النصر, not a second entity
            cands.append((hs, ne, head, eid, None, 1))
            if royal:
                self.resume = end



    def park(self, i: int) -> None:
        """"متنزه السودة", "منتجع الكر": a park or resort takes the name of its place; the
        definite word after it is that place (a royal name makes the park itself one)."""
        words, ms, infos, j = self.words, self.ms, self.infos, i + 1
        w, nf = words[j], infos[j]
        if nf.stop or nf.adjective or nf.title or nf.head or nf.clitic_article or not nf.definite or len(w) < 4 \
                or w in NOT_NAMES or w in NISBA or w in ORG_ADJ or w in GENERIC_PLACES \
                or (j in self.gaz_at and self.gaz_entries[self.gaz_at[j][2]].type != "LOC"):
            return  # "منتزهات المنطقة" is the region's parks
        if j in self.gaz_at:
            return  # a known place is found by the gazetteer
        self.cands.append((ms[j].start(), ms[j].end(), "LOC", f"LOC:{slug(w)}", None, 1))
        self.resume = j + 1

    def district(self, i: int) -> bool:
        """"مركز X التابع لمحافظة …", "مركز X بمنطقة عسير": in Saudi news a مركز of a
        province is an administrative district, a place; X is its name when it is no
        everyday word ("مركز التدريب التابع …" is a training centre). Once one mention
        says so, every "مركز X" of the article is that district ("تعرض مركز X لقذائف")."""
        if self._districts is None:
            self._districts = {self.words[k + 1] for k in range(self.n - 2)
                               if self.infos[k].head == "ORG" and strip_prefix(self.words[k]) == MARKAZ
                               and self.joined(k + 1) and self.district_cued(k)}
        j = i + 1
        if j >= self.n or self.words[j] not in self._districts or not self.joined(j):
            return False
        self.cands.append((self.ms[j].start(), self.ms[j].end(), "LOC", f"LOC:{slug(self.words[j])}", None, 1))
        self.resume = j + 1
        return True

    def district_cued(self, i: int) -> bool:
        words, n, infos, joined = self.words, self.n, self.infos, self.joined
        j = i + 1
        if j + 1 >= n or not joined(j + 1) or j in self.gaz_at and self.gaz_entries[self.gaz_at[j][2]].type != "LOC":
            return False
        w, nxt = words[j], words[j + 1]
        if infos[j].stop or infos[j].first or infos[j].head or w.isdigit() or len(w) < 3:
            return False
        after = nxt in DISTRICT_OF or any(st in DISTRICT_UNITS for p_, st in strip_clitics(nxt) if p_ in ("ب", "و"))
        if not after and nxt == normalize("في") and j + 2 < n and joined(j + 2):
            after = words[j + 2] in DISTRICT_UNITS
        if not after:
            return False
        bare = w[2:] if infos[j].definite else w
        # "مركز حلي التابع لمحافظة القنفذة": a province's district even when its name is also a word
        of_province = nxt in DISTRICT_OF and j + 2 < n and joined(j + 2) and any(
            st in DISTRICT_UNITS for p_, st in strip_clitics(words[j + 2]) if p_ == "ل")
        return j in self.gaz_at or rare_word(bare) or rare_word(w) or (
            of_province and not infos[j].definite and self.plain_name(j))

    def municipal(self, i: int, stem: str) -> None:
        """A city's municipality, named by its place: "أمانة منطقة الرياض", "أمانة جدة",
        "بلدية محافظة الخرج", "بلدية دخنة". أمانة is also "trust" ("أمانة الكلمة"), so it
        needs a known place or a place word; بلدية takes any name-like word too."""
        words, ms, n, infos, gaz_at, joined = self.words, self.ms, self.n, self.infos, self.gaz_at, self.joined
        j = i + 1

        def place_end(k: int) -> int | None:
            g = gaz_at.get(k)
            if g is not None:
                if self.gaz_entries[g[2]].type != "LOC":
                    return None
                return self.past(k, g[1])
            ctx = infos[k].ctx
            if ctx is not None and ctx[0] == "place":
                return k + 1  # "أمانة الشرقية"
            return None

        end = place_end(j)
        if end is None and words[j] in MUNICIPAL_PLACE_WORDS and j + 1 < n and joined(j + 1):
            end = place_end(j + 1)
            if end is None and not infos[j + 1].stop and (infos[j + 1].definite and words[j + 1] not in GENERIC_PLACES
                                                          or self.plain_name(j + 1) and not infos[j + 1].first):
                end = j + 2  # "أمانة محافظة الطائف", "بلدية محافظة ضرما"
        if end is None and stem == BALADIYA and not infos[j].stop and not infos[j].conj and words[j] not in GENERIC_PLACES \
                and words[j] not in MUNICIPAL_PLACE_WORDS and not infos[j].adjective and (
                    infos[j].definite and not infos[j].clitic_article or self.plain_name(j) and not infos[j].first
                    and not imperfect_shape(words[j]) and not (words[j][0] == "ل" and imperfect_shape(words[j][1:])) and (
                        not self.common_shape(j) or self.text_of(j).endswith("ة") and words[j][:-1] not in PLAIN_ADJ)):
            end = j + 1  # "بلدية دخنة"
        if end is None and words[j] == CAPITAL_AL and j + 1 < n and joined(j + 1) and words[j + 1] == HOLY:
            end = j + 2  # "أمانة العاصمة المقدسة"
        if end is None:
            return
        hs = ms[i].start() + clitic_len(words[i])
        key = " ".join((strip_prefix(words[i]),) + tuple(words[i + 1 : end]))
        self.cands.append((hs, ms[end - 1].end(), "ORG", f"ORG:{slug(key)}", None, 1))
        self.resume = end

    # -- people, surnames, overlaps ------------------------------------------------

    def people_lists(self) -> None:
        """A list of names in parentheses or after a colon, separated by commas, where
        most items are people found by the rules: the other short items are people too
        ("(عبدالله السديري، ديجاو، محمد جحفلي، …)")."""
        people, n, ms, norm = self.people, self.n, self.ms, self.norm
        if len(people) < 3:
            return
        starts = {a: b for a, b in people}
        # the tokens right after a "(" or a ":" (found by str.find, not token by token)
        opens = sorted({bisect_left(ms, pos, key=Match.start) for ch in "(:" for pos in _positions(norm, ch)})
        done = 0
        for i in opens:
            if i >= n or i < done or i == 0:
                continue
            items: list[tuple[int, int]] = []  # token ranges between commas
            a = k = i
            while k < n:
                if k > a:
                    g = norm[ms[k - 1].end() : ms[k].start()]
                    if g.strip(SPACES) in ("،", ","):
                        items.append((a, k))
                        a = k
                    elif g.strip(SPACES + QUOTES):
                        break
                k += 1
            items.append((a, k))
            if len(items) >= 4 and sum(1 for x in items if starts.get(x[0]) == x[1]) * 2 > len(items):
                for a, b in items:
                    if a not in starts and b - a <= 2 and all(self.plain_name(x) and not self.infos[x].definite
                                                           or (x > a and self.family_name(x)) for x in range(a, b)):
                        people.append((a, b))
            done = k
        people.sort()

    def place_lists(self) -> None:
        """A list of places (commas or و between one-word items) where most items are
        known places: the other one-word items are places too ("السويس، الإسماعيلية، وبور
        سعيد", "الطائف والفرعا والحبلة")."""
        words, ms, n, infos, gaz_at, norm = self.words, self.ms, self.n, self.infos, self.gaz_at, self.norm
        loc = {i for i, g in gaz_at.items() if self.gaz_entries[g[2]].type == "LOC" and g[1] == ms[i].end()}
        if len(loc) < 2:
            return
        done = 0
        for i in sorted(loc):
            if i < done:
                continue
            run = [i]
            k = i + 1
            while k < n:
                g = norm[ms[k - 1].end() : ms[k].start()].strip(SPACES)
                if g in ("،", ",") or (not g and words[k][:1] == "و" and len(words[k]) >= 4):
                    run.append(k)
                    k += 1
                else:
                    break
            known = sum(1 for x in run if x in loc)
            if len(run) >= 3 and known * 2 > len(run):
                for x in run:
                    if x in loc or x in gaz_at:
                        continue
                    off = 1 if words[x][:1] == "و" and norm[ms[x - 1].end() : ms[x].start()].strip(SPACES) == "" else 0
                    w = words[x][off:]
                    if len(w) < 3 or w in STOPWORDS or w in NOT_NAMES or w in NISBA or infos[x].first \
                            or w.endswith(("يه", "ات", "ون", "ين")) or w.isdigit() or (x + 1 < n and self.joined(x + 1)):
                        continue
                    self.cands.append((ms[x].start() + off, ms[x].end(), "LOC", f"LOC:{slug(w)}", None, 1))
            done = k

    def repeated_names(self) -> None:
        """Two rare words in a row whose second comes back alone in the article: a
        person named in full, then by the surname ("دييجو مارادونا" … "مارادونا"),
        the way running news text names foreigners no first-name list knows."""
        words, ms, n, infos, joined = self.words, self.ms, self.n, self.infos, self.joined
        taken = bytearray(n + 1)
        for a, b in self.people:
            taken[a:b] = b"\x01" * (b - a)
        for k in self.gaz_at:
            taken[k] = 1
        for c in self.cands:
            for k in range(bisect_left(ms, c[0], key=Match.start), n):
                if ms[k].start() >= c[1]:
                    break
                taken[k] = 1

        # "أتليتيك بيلباو" … "بيلباو": a club; but a one-word person found so far ("زعمت ريغيف «")
        # may be the surname of a pair ("ميري ريغيف")
        lone = {words[a] for a, b in self.people if b - a == 1}
        named = {words[k] for k in range(n) if taken[k]} - lone | CLUB_WORDS

        def ok(i: int) -> bool:
            inf = infos[i]
            return not taken[i] and words[i] not in named and "\u0621" <= words[i][0] <= "\u064a" \
                and not inf.definite and not inf.conj and not inf.particle and not inf.pre \
                and not inf.adjective and not inf.nisba and len(words[i]) >= 3 and self.plain_name(i) \
                and not imperfect_shape(words[i]) and rare_word(words[i]) and not pair_noise(words[i])

        # "دا سيلفا", "دي ميستورا", "فان جال": a foreign name particle before a rare word
        # (with the given name before it when there is one)
        for i in ([k for k, w in enumerate(words) if w in FOREIGN_PARTICLES] if not FOREIGN_PARTICLES.isdisjoint(words) else ()):
            if i + 1 < n and not taken[i] and joined(i + 1) and not taken[i + 1] and rare_word(words[i + 1]) \
                    and not infos[i + 1].definite and not infos[i + 1].conj and self.plain_name(i + 1) \
                    and not (i + 2 < n and joined(i + 2) and ok(i + 2)):
                a = i - 1 if i > 0 and joined(i) and not taken[i - 1] and (
                    infos[i - 1].first == 2 and not infos[i - 1].pre or ok(i - 1)) else i
                self.people.append((a, i + 2))
                taken[a : i + 2] = b"\x01" * (i + 2 - a)
        alone: dict[str, int] = {}
        for i in range(n):
            if ok(i) and not (i + 1 < n and joined(i + 1) and ok(i + 1)) and not (i > 0 and joined(i) and ok(i - 1)):
                alone[words[i]] = alone.get(words[i], 0) + 1
        i = 0
        while i + 1 < n:
            if alone.get(words[i + 1]) and joined(i + 1) and not self.quote_gap(i + 1) and ok(i) and ok(i + 1) and not (
                    i + 2 < n and joined(i + 2) and ok(i + 2)) and not (i > 0 and joined(i) and ok(i - 1)):
                self.people.append((i, i + 2))
                i += 2
                continue
            i += 1

    def people_and_surnames(self) -> None:
        """People found by triggers; their surnames mark later bare mentions."""
        words, ms, n, infos, cands = self.words, self.ms, self.n, self.infos, self.cands
        gaz_at, people, gaz_entries = self.gaz_at, self.people, self.gaz_entries
        surnames: dict[str, str] = {}
        for a, b in people:
            if b - a >= 2 and not infos[b - 1].particle and not infos[b - 2].particle:
                last = words[b - 1]
                li = infos[b - 1]
                if len(last) >= 3 and not (li.stop or li.title or li.head or li.nisba or last in NOT_NAMES
                                           or last in ORDINALS  # "عبدالله الثاني" ≠ later "والثاني"
                                           or li.definite and not last.endswith("ي") and not rare_word(last)):
                    # (a definite everyday noun, "التقرير", "النفط", ends a wrongly long chain
                    # more often than it is a family name: it marks no later mention)
                    surnames.setdefault(last, f"PER:{slug(' '.join([words[a][infos[a].pre:]] + words[a + 1 : b]))}")
        # a known person named in full (a gazetteer name) lends its surname too:
        # "جان كلود تريشيه" … "تريشيه"
        for a, hit in gaz_at.items():
            if gaz_entries[hit[2]].type != "PER" or (a > 0 and gaz_at.get(a - 1) == hit):
                continue
            b = a
            while b < n and ms[b].end() <= hit[1]:
                b += 1
            if b - a >= 2 and not infos[b - 2].particle:
                last, li = words[b - 1], infos[b - 1]
                if len(last) >= 4 and not (li.stop or li.title or li.head or li.nisba or li.first or last in NOT_NAMES
                                           or last in ORDINALS or li.definite):  # "خادم الحرمين الشريفين"
                    surnames.setdefault(last, hit[2])
        # a strong first name that starts one person of the article alone marks its
        # other bare mentions too ("صدام حسين" … "ضد صدام"); two people with one first
        # name leave it to none
        firsts: dict[str, tuple[str, tuple[str, ...]] | None] = {}

        def first_of(w: str, pid: str, rest: tuple[str, ...]) -> None:
            fn = self.cl.info(w).first
            if (fn == 2 or fn == 1 and rest[:1] and rest[0] in BIN) and w not in COMMON_WORD_FIRST and len(w) >= 3 \
                    and w not in NOT_FIRST_ALONE:  # a weak one only once named with بن: "الوليد بن طلال"
                old = firsts.get(w, (pid, rest))
                firsts[w] = (pid, rest) if old is not None and old[0] == pid else None

        for a, hit in gaz_at.items():
            if gaz_entries[hit[2]].type == "PER" and not (a > 0 and gaz_at.get(a - 1) == hit) and ms[a].end() < hit[1]:
                b = a + 1
                while b < n and ms[b].end() <= hit[1]:
                    b += 1
                first_of(self.norm[hit[0] : ms[a].end()], hit[2], tuple(words[a + 1 : b]))
        for a, b in people:
            if b - a >= 2 and a not in gaz_at:
                key = " ".join([words[a][infos[a].pre:]] + words[a + 1 : b])
                first_of(words[a][infos[a].pre:], f"PER:{slug(key)}", tuple(words[a + 1 : b]))
        for a, b in people:
            s0 = ms[a].start() + infos[a].pre
            g = gaz_at.get(a)
            if g is not None:
                s0 = g[0]
            key = " ".join([words[a][infos[a].pre:]] + words[a + 1 : b])
            if b - a == 1 and g is not None:
                continue
            pid = f"PER:{slug(key)}"
            if b - a == 1:  # "الأمير عبدالله" after "الأمير عبدالله بن مساعد": one person
                fp = firsts.get(key)
                pid = surnames.get(key) or (fp[0] if fp is not None else pid)
            cands.append((s0, ms[b - 1].end(), "PER", pid, None, 1))
        known: dict[str, tuple[str, tuple[str, ...]]] = {w: p for w, p in firsts.items() if p is not None}
        if known:
            wset = set(words)
            forms = {p_ + f: len(p_) for f in known for p_ in PREFIX_FORMS if p_ + f in wset}
            for i, tok in enumerate(words):
                k = forms.get(tok, -1)
                if k < 0 or i in gaz_at:
                    continue
                fid, rest = known[tok[k:]]
                e = i + 1  # "لفرناندو توريس": the whole name after a clitic
                if e + len(rest) <= n and all(words[e + x] == rest[x] and self.joined(e + x) for x in range(len(rest))):
                    e += len(rest)
                cands.append((ms[i].start() + k, ms[e - 1].end(), "PER", fid, None, 2))
        if surnames:
            tails = {x[-3:] for x in surnames}
            for i in range(n):
                tok = words[i]
                if tok[-3:] not in tails or i in gaz_at:
                    continue
                for k in (0, 1, 2):
                    sid = surnames.get(tok[k:])
                    if sid is not None and (k == 0 or tok[:k] in NAME_PREFIXES):
                        cands.append((ms[i].start() + k, ms[i].end(), "PER", sid, None, 2))
                        break

    def document_names(self) -> None:
        """Document-level propagation: a name a rule found once marks its other bare
        mentions in the article ("فريق مالاجا" … "مالاجا"), and in a sports article a
        city that starts a club's name found there is that club ("مانشستر يونايتد" …
        "مانشستر")."""
        words, ms, n, infos, cands = self.words, self.ms, self.n, self.infos, self.cands

        def tok_at(pos: int) -> int | None:
            k = bisect_left(ms, pos, key=Match.start)
            return k if k < n and ms[k].start() == pos else None

        found: dict[tuple[str, ...], tuple[str, str]] = {}
        club_first: dict[str, tuple[str, str] | None] = {}
        for c in cands:
            if not (c[5] == 1 or (c[5] == 0 and c[2] == "ORG")):  # rule names, and known bodies (clubs)
                continue
            a = tok_at(c[0])
            if a is None:
                continue  # the span starts inside a token (a clitic left out)
            b = a
            while b < n and ms[b].end() <= c[1]:
                b += 1
            toks = tuple(words[a:b])
            if not toks:
                continue
            if c[5] == 1 and (len(toks) >= 2 or c[2] not in ("PER", "LOC") and (
                    len(toks[0]) >= 4 and not infos[a].stop and toks[0] not in NOT_NAMES)):
                found.setdefault(toks, (c[2], c[3]))
            if c[5] == 0 and len(toks) >= 2:
                club_first[toks[0]] = None if toks[0] in club_first and club_first[toks[0]] != (c[2], c[3]) \
                    else (c[2], c[3])
        if found:
            firsts: dict[str, list[tuple[str, ...]]] = {}
            for t in sorted(found, key=len, reverse=True):
                firsts.setdefault(t[0], []).append(t)
            wset = set(words)
            forms = {p_ + f: len(p_) for f in firsts for p_ in PREFIX_FORMS if p_ + f in wset}
            for i, w in enumerate(words):
                k = forms.get(w, -1)
                if k < 0:
                    continue
                for t in firsts[w[k:]]:
                    e = i + len(t)
                    if e <= n and all(words[i + x] == t[x] and self.joined(i + x) for x in range(1, len(t))):
                        type_, eid = found[t]
                        cands.append((ms[i].start() + k, ms[e - 1].end(), type_, eid, None, 2))
                        break
        clubs = {w: v for w, v in club_first.items() if v is not None}
        if clubs and self.sports():
            for x, c in enumerate(cands):
                if c[2] == "LOC" and c[5] == 0:
                    a = tok_at(c[0])
                    if a is not None and ms[a].end() == c[1] and words[a] in clubs:
                        type_, eid = clubs[words[a]]
                        cands[x] = (c[0], c[1], type_, eid, None, 0)

    def sports(self) -> bool:
        """Several words of a sports article (مباراة، الدوري، المدرب …)."""
        if self._sports is None:
            self._sports = sum(1 for w in self.words if w in SPORTS_CUES) >= 3
        return self._sports

    def resolve(self) -> list[Mention]:
        """Longest first; on ties the gazetteer wins, then triggers, then surnames."""
        text, norm, imap, cands, gaz_entries = self.text, self.norm, self.imap, self.cands, self.gaz_entries
        cands.sort(key=lambda c: (c[0] - c[1], c[5], c[0]))
        taken = bytearray(len(norm) + 1)
        chosen = []
        for c in cands:
            if any(taken[c[0] : c[1]]):
                continue
            taken[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            chosen.append(c)
        chosen.sort()
        out: list[Mention] = []
        names: dict[str, str] = {}
        given = {c[3]: c[4] for c in chosen if c[4]}  # a rule's own display name ("المجلس" out of "للمجلس")
        for ns, ne, type_, eid, _, _ in chosen:
            if type_ == "PER" and eid not in gaz_entries:  # a person is named by its fullest mention
                s, e = original_span(imap, ns, ne, len(text))  # ("العواجي:" in a headline, then "صالح بن حسين العواجي")
                d = display(text[s:e])
                if len(d) > len(names.get(eid, "")):
                    names[eid] = d
        for ns, ne, type_, eid, _, _ in chosen:
            s, e = original_span(imap, ns, ne, len(text))
            surface = text[s:e].strip()
            e = s + len(text[s:e].rstrip())
            if eid in gaz_entries:
                name = gaz_entries[eid].name
            else:
                name = names.setdefault(eid, given.get(eid) or display(surface))
            out.append(Mention(s, e, text[s:e], type_, eid, name))
        return out
