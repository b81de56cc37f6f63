"""The rules that find entity mentions in one article, one method each.

``Article`` holds one article's tokens and the candidates the rules propose;
``Article.mentions`` runs the gazetteer, the context-cued lists and the trigger
rules (titles, nationalities, first names, verbs of saying, construct-state
heads), adds surnames of the people found, and keeps the longest candidates
without overlaps.
"""

from __future__ import annotations

from tui.analysis.entities.lexicon import (
    ABD,
    ALI,
    AMBIGUOUS_TITLES,
    BIN,
    BRAND_HEADS,
    CLUB_CUES,
    COMMON_ENDINGS,
    CONSTRUCT_MIDDLES,
    DEF_ORG_HEADS,
    DIVINE_NAMES,
    GENERIC_CONSTRUCTS,
    GENERIC_SPEAKERS,
    ITTIHAD,
    JOIN,
    LAM_IDIOMS,
    LAM_MIDDLES,
    MAX_CHAIN,
    NAME_PREFIXES,
    NAMED_FOR_HEADS,
    NISBA,
    NO_LAM_HEADS,
    NOMINAL_ADJ,
    NOT_NAMES,
    ON_BEHALF,
    ORDINALS,
    ORG_ADJ,
    PLAIN_ADJ,
    PREPS,
    QUOTED_HEADS,
    QUOTES,
    ROYAL_TITLES,
    SAY_NEXT,
    SPORTS_CUES,
    TANWEEN_RE,
    WORD_RE,
    display,
)
from tui.analysis.entities.tokens import Classifier, TokInfo, clitic_len, strip_prefix
from tui.analysis.gazetteer import name_tokens, slug
from tui.analysis.model import Mention
from tui.text.normalize import normalize_with_map, original_span, strip_clitics

# candidate: (norm_start, norm_end, type, id, name_or_None, rank); rank 0 gazetteer, 1 trigger, 2 surname
Cand = tuple[int, int, str, str, "str | None", int]


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

    def mentions(self) -> list[Mention]:
        if not self.n:
            return []
        self.gazetteer_names()
        self.cued_names()
        self.triggers()
        self.people_and_surnames()
        return self.resolve()

    def triggers(self) -> None:
        """Each trigger token tries the first rule its class allows."""
        words, n, infos, joined = self.words, self.n, self.infos, self.joined
        for i, inf in enumerate(infos):
            if not inf.trigger or i < self.resume:
                continue
            if inf.title:
                self.title(i)
            elif inf.nisba and i + 1 < n and joined(i + 1) and not infos[i + 1].definite:
                self.nisba(i)
            elif inf.first == 2 and not (i > 0 and joined(i) and infos[i - 1].first == 2 and i - 1 >= self.resume):
                self.first_name(i)
            elif inf.first == 1 and words[i] != ALI and i + 2 < n and joined(i + 1) and words[i + 1] in BIN \
                    and joined(i + 2) and not infos[i + 2].stop and i >= self.resume:
                self.bin_chain(i)
            elif words[i] == ABD and i + 1 < n and joined(i + 1) and words[i + 1] in DIVINE_NAMES and not (
                i > 0 and joined(i) and infos[i - 1].first and i - 1 >= self.resume
            ):
                self.abd_chain(i)
            elif inf.loc_head and i + 1 < n and joined(i + 1):
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
            if k > j and not joined(k):
                break
            inf = infos[k]
            if words[k] == ALI and k > j and infos[k - 1].first and k + 1 < n and joined(k + 1) and (
                    infos[k + 1].first or infos[k + 1].particle) and text_of(k).endswith("ي"):
                k += 1  # "محمد علي ياسين": the name علي, written with ي, not the preposition على
                continue
            if inf.stop or words[k] in NOT_NAMES or words[k].isdigit() or len(words[k]) < 2 and not inf.particle:
                break
            if k > j and inf.pre:
                break  # "عبدالله عطيف وياسر القحطاني": two people
            g = gaz_at.get(k)
            if g is not None:
                if gaz_entries[g[2]].type != "PER":
                    break
                if k > j and not infos[k - 1].first and not infos[k - 1].particle:
                    return j  # "نظام بشار الأسد": a noun before a known person
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
                if k + 1 < n and joined(k + 1) and not infos[k + 1].stop:
                    k += 2
                    parts += 1
                    if k < n and joined(k) and infos[k].definite and not infos[k].stop and k - j < MAX_CHAIN + parts \
                            and k not in gaz_at and not infos[k].title and words[k] not in NOT_NAMES:
                        k += 1  # "أحمد بن قران الغامدي"
                        break
                    continue
                break
            if inf.first and not (k == j and inf.first == 1 and not strong_start):
                if k > j and inf.conj:
                    break
                k += 1
                continue
            if inf.conj and k > j and infos[k - 1].first and not (k + 1 < n and joined(k + 1)) \
                    and not (inf.title or inf.head or inf.gaz):
                k += 1  # "مايكل فالون:": a surname that starts like و/ف, at a phrase end
                break
            if inf.conj or inf.clitic_article or inf.title or inf.head or has_tanween(k):
                break
            if parts and not inf.definite:
                break  # "فيصل بن خالد لاستثمار": after "بن X" only a family name follows
            if k > j and len(words[k]) >= 5 and words[k].startswith(("لاست", "لإ", "لا", "لم", "لت")):
                break  # ل + a verbal noun ("لاستثمار", "لتطوير"): the name has ended
            if inf.definite and (k == j or not (infos[k - 1].first or (
                    title_ctx and unknown == 1 and words[k] not in NISBA and words[k] not in ORG_ADJ))):
                break
            w = words[k]
            if k == j and len(w) > 4 and (w[0] == "ل" or w.startswith(("بم", "بت", "بإ", "با"))):
                break  # "المدير العام لجهاز …", "بمناسبة": a preposition, not a name
            if k == j and len(w) >= 5 and w[0] == "م" and w.endswith("ا") and not inf.first:
                break  # "اللاعب مرتبطا بعقد": an accusative participle
            if k == j and len(w) >= 5 and w.startswith(("سي", "ست", "سن")) and not inf.first:
                break  # "اللاعب سيقدم كشفا": a future verb
            if len(w) >= 4 and w[0] in "يت" and (w[1] in "تسن" or len(w) == 4):
                break  # imperfect verbs (تترقب، يستمر، تزور)
            if len(w) >= 6 and w[0] == "م" and w.endswith(("ون", "ين")):
                break  # plural participles (مبتعثون، مسؤولين)
            if unknown == 1:
                # a second unknown word: at a phrase end, or when it cannot be a verb
                if k + 1 < n and joined(k + 1) and words[k][0] in "يتنس":
                    break
                k += 1
                break
            unknown += 1
            k += 1
            if inf.definite:
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
        words, ms, n, infos, gaz_entries = self.words, self.ms, self.n, self.infos, self.gaz_entries
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
            f = e  # "اللجنة العليا للحد الجنوبي": ل and a place complete the name
            while f < n and ms[f].start() < g[1]:
                f += 1
            return f
        if w.startswith("لل") and len(w) >= 4 and not w.endswith(("ين", "ون")):
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
                gaz_at[i] = m
                e = gaz_entries[m[2]]
                start = m[0]
                k = i
                # An alias may carry its title ("الملك سلمان"); the span still covers the name only.
                while ms[k].end() < m[1] and (infos[k].title or (k > i and infos[k - 1].title and infos[k].definite)):
                    k += 1
                if k > i:
                    start = ms[k].start()
                cands.append((start, m[1], e.type, e.id, None, 0))

    def cued_names(self) -> None:
        """Names that count only in context: clubs in sports text, common-word places after a place word."""
        words, ms, n, infos, cands = self.words, self.ms, self.n, self.infos, self.cands
        gaz_entries, gaz_at, joined, comma_joined = self.gaz_entries, self.gaz_at, self.joined, self.comma_joined
        ctx_at = [i for i, inf in enumerate(infos) if inf.ctx is not None]
        if ctx_at:
            sports = sum(1 for w in words if w in SPORTS_CUES) >= 3
            loc_tok: set[int] = set()
            for i0, (a0, b0, eid0) in gaz_at.items():
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
            if nf.title or (nf.definite and not nf.stop and (j not in gaz_at or gaz_entries[gaz_at[j][2]].type != "PER")):
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
        if j < n and not joined(j) and comma_joined(j) and mods:
            start = j
        elif j < n and not joined(j):
            start = n
        if start < n:
            end = name_chain(start, strong_start=True, title_ctx=True)
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
        known = infos[i + 1].first or (i + 1) in gaz_at
        if end == i + 2 and not known and not words[i].endswith("ه"):
            # One unknown word after a nationality names a person when it is quoted
            # ('مدرب اللياقة اليوناني "جريجوريس"') or when the nationality starts the
            # phrase or follows a title ("اللاعب الألماني X"), rather than qualifying a
            # noun ("الجيش الروسي سيطرته").
            w1 = words[i + 1]
            starts = not (i > 0 and joined(i)) or infos[i - 1].title or infos[i - 1].stop or (
                i > 0 and infos[i - 1].say)
            plain = len(w1) >= 3 and not w1.endswith(("ه", "ات", "ون", "ين", "ان")) and not infos[i + 1].conj \
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

    def first_name(self, i: int) -> None:
        words, infos, people, joined, name_chain = self.words, self.infos, self.people, self.joined, self.name_chain
        # A weak first name (also a common word: جمال، صالح) starts the chain
        # when a strong one follows it ("جمال محمد …"); علي is also the
        # preposition على, so it never does.
        s0 = i
        if i > 0 and joined(i) and infos[i - 1].first == 1 and i - 1 >= self.resume and not infos[i - 1].stop and words[i - 1] != ALI:
            s0 = i - 1
        end = name_chain(s0, strong_start=True)
        if end - s0 >= 2:
            people.append((s0, end))
            self.resume = end
            return

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
        if j in gaz_at or nf.stop or nf.adjective or nf.conj or nf.clitic_article or nf.title or nf.head:
            return
        if nf.first or len(w) < 3 or w.isdigit() or w in PLAIN_ADJ or has_tanween(j):
            return
        if nf.definite:
            if w.endswith(COMMON_ENDINGS[:3]) or (j + 1 < n and joined(j + 1) and infos[j + 1].adjective):
                return
        elif w.endswith(COMMON_ENDINGS[:-2]) or (len(w) >= 4 and w[0] in "يتن" and w[1] in "تسن"):
            return
        cands.append((ms[j].start(), ms[j].end(), "LOC", f"LOC:{slug(w)}", None, 1))
        self.resume = j + 1

    def saying(self, i: int) -> None:
        norm, words, ms, n, infos = self.norm, self.words, self.ms, self.n, self.infos
        gaz_at, people, joined, name_chain = self.gaz_at, self.people, self.joined, self.name_chain
        j = i + 1
        if words[j] in GENERIC_SPEAKERS or infos[j].first or j in gaz_at:
            return  # a first name or known name is found by its own rule
        end = name_chain(j, strong_start=True)
        if any(words[k].endswith(("يه", "ات")) for k in range(j, end)):
            return  # "كشفت دراسة بريطانية أن", "مصادر اتحادية": a noun and its adjective
        one = end - j == 1 and not infos[j].definite and not words[j].endswith(COMMON_ENDINGS)
        if (2 <= end - j <= 3 or one) and end < n and (
            (joined(end) and words[end] in SAY_NEXT)
            or norm[ms[end - 1].end() : ms[end].start()].strip(JOIN) == ":"
        ) and not any(infos[k].definite and k == j for k in range(j, end)):
            people.append((j, end))
            self.resume = end
            return

    def definite_body(self, i: int) -> None:
        words, ms, cands, adjectives, lam_tail = self.words, self.ms, self.cands, self.adjectives, self.lam_tail
        # "الرئاسة العامة للأرصاد وحماية البيئة": a definite head, an adjective and a
        # ل-complement; without the complement it is a common noun ("الهيئة العامة").
        e = adjectives(i + 1, 2, org=True)
        if e == i + 1:
            return
        e2 = lam_tail(e)
        if e2 == e:
            return
        w = words[i]
        off = 1 if w.startswith("لل") else next(
            (len(p_) for p_, st in strip_clitics(w) if st in DEF_ORG_HEADS), 0)
        key_toks = name_tokens(" ".join([w[off:] if off != 1 or not w.startswith("لل") else "ا" + w[1:]] + words[i + 1 : e2]))
        cands.append((ms[i].start() + off, ms[e2 - 1].end(), "ORG", f"ORG:{slug(' '.join(key_toks))}", None, 1))
        self.resume = e2

    def construct(self, i: int) -> None:
        norm, words, ms, n, infos = self.norm, self.words, self.ms, self.n, self.infos
        cands, gaz_at, joined, has_tanween, name_chain = self.cands, self.gaz_at, self.joined, self.has_tanween, self.name_chain
        adjectives, lam_tail = self.adjectives, self.lam_tail
        inf = self.infos[i]
        j = i + 1
        g = gaz_at.get(j)
        stem = strip_prefix(words[i])
        if g is None and infos[j].ctx is not None and infos[j].ctx[0] == "club":
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
            end = adjectives(end, 2, org=inf.head == "ORG")
            if inf.head == "ORG" and g is None and not royal and end < n and joined(end) and end not in gaz_at \
                    and stem not in NO_LAM_HEADS:
                w2 = words[end]
                after = end + 1 < n and joined(end + 1) and words[end + 1] in PREPS
                if w2.startswith("وال") and len(w2) >= 6 and not infos[end].stop and not infos[end].adjective \
                        and not after:
                    end = adjectives(end + 1, 2, org=True)  # "جمعية الثقافة والفنون"; not "… والتنسيق مع"
            if stem not in NO_LAM_HEADS and g is None:
                end = lam_tail(end)
            hs = ms[i].start() + clitic_len(words[i])
            ne = ms[end - 1].end()
            while ne < len(norm) and norm[ne].isdigit():
                ne += 1  # "مؤتمر جنيف1"
            phrase = " ".join(words[i:end])
            key_toks = name_tokens(phrase)
            key = " ".join((strip_prefix(key_toks[0]),) + key_toks[1:])
            cands.append((hs, ne, inf.head, f"{inf.head}:{slug(key)}", None, 1))
            if royal:
                self.resume = end



    # -- people, surnames, overlaps ------------------------------------------------

    def people_and_surnames(self) -> None:
        """People found by triggers; their surnames mark later bare mentions."""
        words, ms, n, infos, cands = self.words, self.ms, self.n, self.infos, self.cands
        gaz_at, people = self.gaz_at, self.people
        surnames: dict[str, str] = {}
        for a, b in people:
            if b - a >= 2 and not infos[b - 1].particle and not infos[b - 2].particle:
                last = words[b - 1]
                li = infos[b - 1]
                if len(last) >= 3 and not (li.stop or li.title or li.head or li.nisba or last in NOT_NAMES
                                           or last in ORDINALS):  # "عبدالله الثاني" ≠ later "والثاني"
                    surnames.setdefault(last, f"PER:{slug(' '.join([words[a][infos[a].pre:]] + words[a + 1 : b]))}")
        for a, b in people:
            s0 = ms[a].start() + infos[a].pre
            g = gaz_at.get(a)
            if g is not None:
                s0 = g[0]
            key = " ".join([words[a][infos[a].pre:]] + words[a + 1 : b])
            if b - a == 1 and g is not None:
                continue
            pid = surnames.get(key, f"PER:{slug(key)}") if b - a == 1 else f"PER:{slug(key)}"
            cands.append((s0, ms[b - 1].end(), "PER", pid, None, 1))
        if surnames:
            tails = {x[-3:] for x in surnames}
            for i in range(n):
                tok = words[i]
                if tok[-3:] not in tails or i in gaz_at:
                    continue
                for k in (0, 1, 2):
                    pid = surnames.get(tok[k:])
                    if pid is not None and (k == 0 or tok[:k] in NAME_PREFIXES):
                        cands.append((ms[i].start() + k, ms[i].end(), "PER", pid, None, 2))
                        break

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
        for ns, ne, type_, eid, _, _ in chosen:
            s, e = original_span(imap, ns, ne, len(text))
            surface = text[s:e].strip()
            e = s + len(text[s:e].rstrip())
            if eid in gaz_entries:
                name = gaz_entries[eid].name
            else:
                name = names.setdefault(eid, display(surface))
            out.append(Mention(s, e, text[s:e], type_, eid, name))
        return out
