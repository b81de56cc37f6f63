"""Token classes for the entity rules: one ``TokInfo`` per distinct token form
(cached), saying what the token may start or continue."""

from __future__ import annotations

from dataclasses import dataclass

from tui.analysis.entities.lexicon import (
    ABD,
    CLITIC_ARTICLE,
    CUE_CLITICS,
    CUE_WORDS,
    DEF_ORG_HEADS,
    EVENT_HEADS,
    FAC_HEADS,
    LOC_HEADS,
    NEED_COMPLEMENT,
    NISBA,
    ORG_HEADS,
    PARTICLES,
    PLACE_LIST_HEADS,
    ROYAL_FAC_HEADS,
    SAY_VERBS,
    STOPWORDS,
    STRONG_FIRST,
    TITLES,
    VERB_LIKE_NAMES,
    WEAK_FIRST,
)
from tui.analysis.gazetteer import DATA_DIR, Gazetteer, entity_id
from tui.text.normalize import strip_clitics


@dataclass(frozen=True, slots=True)
class TokInfo:
    gaz: tuple | None  # (span offset in token, candidates) of the first clitic split that hits
    title: bool
    needs_complement: bool
    head: str | None  # "ORG" / "EVENT" for construct-state heads
    stop: bool
    first: int  # 2 strong first name, 1 weak, 0 none
    particle: bool
    definite: bool
    adjective: bool
    conj: bool  # starts with و/ف and is not itself a known first name
    clitic_article: bool
    nisba: bool
    trigger: bool  # may start a title chain, a first-name chain or a construct name
    say: bool  # a verb of saying, clitic و/ف allowed
    loc_head: bool
    pre: int = 0  # length of a و clitic before a strong first name ("وياسر")
    def_head: bool = False  # a definite head of a body name (الرئاسة، الهيئة)
    ctx: tuple | None = None  # (kind, span offset, candidates) in the cued lists
    place_list_head: bool = False
    cue: str | None = None  # a word of CUE_WORDS: what the name after it is (see rules.Article.cued_word)


class Classifier:
    """What each token can be (title, head, first name, gazetteer start …), cached per form."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.cache: dict[str, TokInfo] = {}
        # Names that count only in context: clubs in sports articles, common-word places
        # after a place word. Their entries join the main table so ids and names resolve.
        self.cued: dict[str, Gazetteer] = {}
        self.need_cue: set[str] = set()
        self.club_ids: set[str] = set()  # ids of the clubs.tsv entries
        for kind, fname in (("club", "clubs.tsv"), ("place", "places_cued.tsv")):
            g = Gazetteer()
            g.load_tsv(DATA_DIR / fname, source=f"data/{fname}")
            self.cued[kind] = g.finish()
            for eid, e in g.entries.items():
                gaz.entries.setdefault(eid, e)
            if kind == "club":
                self.club_ids.update(g.entries)
                for line in (DATA_DIR / fname).read_text(encoding="utf-8").splitlines():
                    cols = line.split("\t")
                    if len(cols) >= 5 and cols[4].strip() == "cue" and not line.startswith("#"):
                        self.need_cue.add(entity_id(cols[1].strip(), cols[2].strip(), cols[0].strip()))

    def info(self, tok: str) -> TokInfo:
        got = self.cache.get(tok)
        if got is not None:
            return got
        if len(self.cache) > 300_000:  # bounded: corpora are large, vocabularies larger
            self.cache.clear()
        splits = strip_clitics(tok)
        gaz_hit = None
        first = self.gaz.first
        for pre, stem in splits:
            cands = first.get(stem)
            if not cands:
                continue
            art = pre.endswith("ال") or pre.endswith("لل")
            ok = tuple(c for c in cands if c[2] == art)
            if pre and not art and len(stem) <= 2:
                # A one-word name of two letters behind a clitic is far more often the tail
                # of an ordinary word: فشل is "failed", not ف + شل (Shell).
                ok = tuple(c for c in ok if c[0])
            if ok:
                # After لل the alef of ال is elided: the second lam is the article's,
                # so the span keeps it ("للولايات المتحدة" → "لولايات المتحدة").
                off = len(pre) - 2 if art and pre.endswith("ال") else len(pre) - 1 if art else len(pre)
                gaz_hit = (off, ok)
                break
        plain = [stem for pre, stem in splits if not (pre.endswith("ال") or pre.endswith("لل"))]
        title = any(s in TITLES for s in plain) or any(
            pre.endswith("لل") and ("ال" + stem) in TITLES for pre, stem in splits
        )
        needs_complement = title and not any(s in TITLES and s not in NEED_COMPLEMENT for s in plain) and not any(
            pre.endswith("لل") and ("ال" + stem) in TITLES for pre, stem in splits)  # "للرئيس X": الرئيس needs none
        head = None
        for s in plain:
            if s in ORG_HEADS:
                head = "ORG"
                break
            if s in EVENT_HEADS:
                head = "EVENT"
                break
            if s in FAC_HEADS or s in ROYAL_FAC_HEADS:
                head = "LOC"
                break
        fn = 2 if tok in STRONG_FIRST else 1 if tok in WEAK_FIRST else 0
        pre = 0
        if not fn and tok[:1] == "و" and tok[1:] in STRONG_FIRST and tok[1:] not in VERB_LIKE_NAMES \
                and tok[1:] not in STOPWORDS:  # "والآن" is "and now", not Alain
            fn, pre = 2, 1  # "وياسر القحطاني": the conjunction stays outside the name
        ctx = None
        for kind, g in self.cued.items():
            for p_, stem in splits:
                cands = g.first.get(stem)
                if not cands:
                    continue
                art = p_.endswith("ال") or p_.endswith("لل")
                ok = tuple(c for c in cands if c[2] == art)
                if ok:
                    off = len(p_) - 2 if art and p_.endswith("ال") else len(p_) - 1 if art else len(p_)
                    ctx = (kind, off, ok)
                    break
            if ctx:
                break
        def_head = any((p_ in ("", "و", "ف", "ب", "ل", "وب", "ول") and st in DEF_ORG_HEADS)
                       or (p_.endswith("لل") and "ال" + st in DEF_ORG_HEADS) for p_, st in splits)
        place_list_head = any(st in PLACE_LIST_HEADS for p_, st in splits if not p_.endswith(("ال", "لل")))
        cue = next((CUE_WORDS[st] for p_, st in splits if st in CUE_WORDS and p_ in CUE_CLITICS), None) or next(
            (CUE_WORDS.get("ال" + st) for p_, st in splits if p_ in ("لل", "ولل", "فلل")), None)  # "للقوات"
        definite = tok.startswith("ال") and len(tok) >= 4
        say = any(st in SAY_VERBS for pre, st in splits if pre in ("", "و", "ف"))
        info = TokInfo(
            gaz=gaz_hit,
            title=title,
            needs_complement=needs_complement,
            head=head,
            stop=tok in STOPWORDS,
            first=fn,
            particle=tok in PARTICLES,
            definite=definite,
            # …ية is an adjective ending, but not in verbal nouns such as التنمية/التربية
            # (تفعية) or الحماية/الرعاية (فعالة): "مجلس التنمية السياحية".
            adjective=definite and tok.endswith(("ي", "يه", "يون", "يين")) and not tok.endswith("ايه")
            and not (len(tok) == 7 and tok.startswith("الت") and tok.endswith("يه")),
            # "ويب" is a name, not و + two letters; "وهو" is و + هو
            conj=tok[0] in "وف" and fn == 0 and (len(tok) >= 4 or tok[1:] in STOPWORDS),
            clitic_article=len(tok) >= 5 and tok.startswith(CLITIC_ARTICLE),
            nisba=tok in NISBA,
            trigger=title or head is not None or fn == 2 or tok in NISBA or tok[1:] in NISBA and tok[0] in "وب" or say or tok == ABD or def_head
            or fn == 1 or cue is not None
            or any(st in LOC_HEADS for pre, st in splits if not pre.endswith(("ال", "لل"))),
            say=say,
            loc_head=any(st in LOC_HEADS for pre, st in splits if not pre.endswith(("ال", "لل"))),
            pre=pre,
            def_head=def_head,
            ctx=ctx,
            place_list_head=place_list_head,
            cue=cue,
        )
        self.cache[tok] = info
        return info


def clitic_len(tok: str) -> int:
    for pre, stem in strip_clitics(tok):
        if pre and not pre.endswith("ال") and not pre.endswith("لل"):
            if stem in ORG_HEADS or stem in EVENT_HEADS or stem in FAC_HEADS or stem in ROYAL_FAC_HEADS:
                return len(pre)
    return 0


def strip_prefix(tok: str) -> str:
    for _pre, stem in strip_clitics(tok):
        if stem in ORG_HEADS or stem in EVENT_HEADS or stem in FAC_HEADS or stem in ROYAL_FAC_HEADS:
            return stem
    return tok
