"""Search in one article and across the corpus, on matching forms.

Matching happens on ``tui.text.normalize`` forms of both the text and the
query, so harakat, tatweel, alef/hamza seats, alef maqsura/ya and ta marbuta
never stop a match (``أوكرانيا`` finds ``اوكرانيا``, ``ترامب`` finds ``ترامْب``).
Every span returned indexes the ORIGINAL ``Article.text``; a match's span
ends after any harakat/tatweel that follow its last letter, so highlighting
covers the whole written word.

Substring, not whole-word, is the default: Arabic attaches clitics to the
word (``وترامب``, ``لبوتين``, ``بالرياض``), so a whole-word match would miss
most mentions. ``whole_word=True`` is there for short queries that would
otherwise hit inside other words.

A query in Latin letters that the gazetteer knows as an English name
(``putin``, ``Putin``, ``PUTIN``) also finds that entity: its mentions from
the analysis and the text matches of the Arabic spellings used for it.

Speed: ``CorpusSearch`` keeps the whole corpus as one normalised string with
an offset table, so a keystroke is a handful of ``str.find`` calls in C; the
per-article offset maps (needed only to map hits back) are built lazily, for
the articles that actually have hits, and cached. They hold only the points
where offsets shift (a dropped mark, an expanded ligature), found by one
regex scan, so mapping a fresh article costs little (first search on 1,000
articles 73 → 13 ms).

``count`` and ``find_in`` answer what the prompt shows beside the results
(hits in the corpus, hits in the open article, ``n``/``N``); they agree with
``search`` for English names too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tui.analysis.model import ArticleAnalysis
from tui.corpus.model import Article
from tui.text.normalize import QURANIC, TASHKEEL, TATWEEL, normalize

__all__ = ["ArticleSearchIndex", "CorpusSearch", "Hit", "normalize_query", "make_snippet"]

# Marks that ride on the last letter of a match and belong to its highlight.
_TRAILING = set(TASHKEEL + TATWEEL + QURANIC)
# Spaces that look alike to a reader; folded to " " (one char for one, so
# offsets keep their meaning). "\n" stays: a match never crosses paragraphs.
_SPACES = "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SEP = "\x00"  # between articles in the corpus string; no query contains it


def normalize_query(query: str) -> str:
    """The matching form of a query: normalised, spaces folded and collapsed,
    trimmed. ``""`` means "nothing to search for"."""
    return " ".join(normalize(query).replace(_SEP, "").split())


def _fold_spaces(norm: str) -> str:
    # str.translate with a dict walks every character in Python-level lookups;
    # a few C-level scans are ~10x faster on a corpus-sized string.
    for ch in _SPACES:
        if ch in norm:
            norm = norm.replace(ch, " ")
    return norm


def _shifting_chars() -> str:
    # Characters whose matching form is not exactly one character (dropped marks, expanded
    # ligatures): only they move offsets. Found by asking ``normalize`` itself over the blocks it
    # folds, so this stays right when its table changes.
    blocks = [range(0x0600, 0x0700), range(0x0750, 0x0780), range(0x08A0, 0x0900), range(0x2000, 0x2070),
              range(0xFB50, 0xFE00), range(0xFE70, 0xFF00)]
    return "".join(chr(c) for r in blocks for c in r if len(normalize(chr(c))) != 1)


_SHIFTS = re.compile("[" + re.escape(_shifting_chars()) + "]")


class _OffsetMap:
    """Matching-form index → original index, kept as the points where their difference changes
    (after a dropped mark, inside and after an expanded ligature): a few entries an article, none
    for text whose characters each fold to one, where a full map would hold one a character and
    cost a Python-level pass over the text to build."""

    __slots__ = ("_at", "_delta")

    def __init__(self, text: str) -> None:
        at, delta = [0], [0]  # from matching index at[k] on, original = index + delta[k]
        d = 0

        def point(i: int, value: int) -> None:
            if at[-1] == i:
                delta[-1] = value
            else:
                at.append(i)
                delta.append(value)

        for m in _SHIFTS.finditer(text):
            s = m.start()
            n0 = s - d  # where this character's matching form starts
            k = len(normalize(m.group()))
            for j in range(1, k):  # every character of an expansion comes from s
                point(n0 + j, s - n0 - j)
            d = s + 1 - (n0 + k)
            point(n0 + k, d)
        self._at, self._delta = at, delta

    def __getitem__(self, i: int) -> int:
        return i + self._delta[bisect_right(self._at, i) - 1]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


class ArticleSearchIndex:
    """Matching form of one article's text, with the map back to the original.

    Build once per article and reuse: ``find`` is then a ``str.find`` loop.
    """

    __slots__ = ("text", "norm", "_map")

    def __init__(self, text: str, norm: str | None = None) -> None:
        self.text = text
        # ``norm``: the folded form when the caller has it already (a slice of the corpus string).
        self.norm = norm if norm is not None else _fold_spaces(normalize(text))
        self._map = _OffsetMap(text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the matching-form span ``[start, end)``, extended
        over the harakat/tatweel that follow its last letter."""
        m = self._map
        if start >= end:
            o = m[start] if start < len(self.norm) else len(self.text)
            return o, o
        o_start, o_end = m[start], m[end - 1] + 1
        text = self.text
        n = len(text)
        while o_end < n and text[o_end] in _TRAILING:
            o_end += 1
        return o_start, o_end

    def find_normalized(self, nq: str, *, whole_word: bool = False, limit: int | None = None) -> list[tuple[int, int]]:
        """Spans (in the matching form) of an already-normalised query."""
        out: list[tuple[int, int]] = []
        if not nq:
            return out
        norm = self.norm
        find = norm.find
        k = len(nq)
        i = find(nq)
        while i >= 0:
            if not whole_word or (
                (i == 0 or not _is_word_char(norm[i - 1])) and (i + k >= len(norm) or not _is_word_char(norm[i + k]))
            ):
                out.append((i, i + k))
                if limit is not None and len(out) >= limit:
                    break
            i = find(nq, i + k)
        return out

    def find(self, query: str, *, whole_word: bool = False, limit: int | None = None) -> list[tuple[int, int]]:
        """Non-overlapping spans ``(start, end)`` of ``query`` in the original
        text, in text order."""
        return [self.to_original(s, e) for s, e in self.find_normalized(normalize_query(query), whole_word=whole_word, limit=limit)]


@dataclass(frozen=True, slots=True)
class Hit:
    article_id: str
    start: int  # span in Article.text
    end: int
    snippet: str  # logical original text around the hit, newlines as spaces
    snippet_span: tuple[int, int]  # the hit inside ``snippet``
    entity_id: str | None = None  # set when the hit is a mention of the entity the query named


def make_snippet(text: str, start: int, end: int, width: int = 60) -> tuple[str, tuple[int, int]]:
    """About ``width`` characters of ``text`` around ``[start, end)``, cut at
    spaces where one is near, with the span's offsets inside the snippet.

    The window depends on ``start`` alone (unless the hit runs past it): a hit that
    survives the next key typed in the search prompt keeps its snippet, so the shaped
    line can be reused rather than laid out again."""
    side = width // 2
    a = max(0, start - side)
    b = min(len(text), max(end, start + width - side))
    # Do not start or end in the middle of a word when a space is close by.
    if a > 0:
        sp = text.find(" ", a, start)
        if 0 <= sp < a + 12:
            a = sp + 1
    if b < len(text):
        sp = text.rfind(" ", start, b)
        if sp > b - 12 and sp >= end:
            b = sp
    snippet = text[a:b].replace("\n", " ").replace("\r", " ")
    return snippet, (start - a, end - a)


def _is_latin(q: str) -> bool:
    return any("a" <= c <= "z" for c in q) and all(c.isascii() for c in q)


class CorpusSearch:
    """Search across articles (in the given order, which is the sidebar order).

    ``analyses`` (article id → ArticleAnalysis) is optional; without it an
    English name finds nothing beyond its literal text.
    """

    def __init__(self, articles: Iterable[Article], analyses: Mapping[str, ArticleAnalysis] | None = None) -> None:
        self.articles: list[Article] = [a for a in articles if a.ok]
        self._by_id = {a.id: a for a in self.articles}
        self._order = {a.id: i for i, a in enumerate(self.articles)}
        self._indexes: dict[str, ArticleSearchIndex] = {}
        parts: list[str] = []
        self._starts: list[int] = []
        pos = 0
        for a in self.articles:
            # normalize() is exactly the letter content of the folded form;
            # the offset map is only built for articles with hits.
            norm = _fold_spaces(normalize(a.text))
            self._starts.append(pos)
            parts.append(norm)
            pos += len(norm) + 1
        self._big = _SEP.join(parts)
        self._lens = [len(p) for p in parts]
        # Entity id → [(article order, start, end)], and the Arabic spellings used.
        self._mentions: dict[str, list[tuple[int, int, int]]] = {}
        self._surfaces: dict[str, set[str]] = {}
        forms: dict[str, str] = {}  # mention text → matching form: names repeat a lot
        for aid, an in (analyses or {}).items():
            k = self._order.get(aid)
            if k is None:
                continue
            for m in an.entities:
                self._mentions.setdefault(m.id, []).append((k, m.start, m.end))
                form = forms.get(m.text)
                if form is None:
                    form = forms[m.text] = normalize_query(m.text)
                self._surfaces.setdefault(m.id, set()).add(form)
        for lst in self._mentions.values():
            lst.sort()
        self._english: dict[str, str] | None = None
        self._per_article: tuple[str, list[tuple[str, int]]] | None = None

    # -- pieces ------------------------------------------------------------------

    def index(self, article_id: str) -> ArticleSearchIndex:
        """The (cached) in-article index, e.g. for highlighting every match in the open article."""
        idx = self._indexes.get(article_id)
        if idx is None:
            art = self._by_id[article_id]
            k = self._order[article_id]
            norm = self._big[self._starts[k] : self._starts[k] + self._lens[k]]
            idx = self._indexes[article_id] = ArticleSearchIndex(art.text, norm)
        return idx

    def english_entity(self, query: str) -> str | None:
        """Entity id that a Latin-letter query names (case-insensitive), if this corpus mentions it."""
        q = " ".join(query.split()).lower()
        if not q or not _is_latin(q):
            return None
        if self._english is None:
            try:
                from tui.analysis.entities import english_names

                self._english = english_names()
            except Exception:  # a broken user gazetteer must not break search
                self._english = {}
        eid = self._english.get(q)
        return eid if eid in self._mentions else None

    def count(self, query: str) -> int:
        """How many hits ``search`` would give without a limit: text matches (one C-level
        count), or for an English name the merged mentions and spellings of its entity."""
        nq = normalize_query(query)
        if not nq:
            return 0
        eid = self.english_entity(query)
        return self._big.count(nq) if eid is None else len(self._entity_spans(eid, nq, None))

    def find_in(self, article_id: str, query: str, *, whole_word: bool = False) -> list[tuple[int, int]]:
        """Spans of ``query``'s hits in one article, in text order: what ``search`` finds
        there (English names included), for counting and stepping with ``n``/``N``."""
        nq = normalize_query(query)
        if not nq:
            return []
        idx = self.index(article_id)
        eid = self.english_entity(query)
        if eid is None:
            return [idx.to_original(s, e) for s, e in idx.find_normalized(nq, whole_word=whole_word)]
        k = self._order[article_id]
        mentions = self._mentions[eid]
        lo = bisect_left(mentions, (k,))
        hi = bisect_left(mentions, (k + 1,))
        found: list[tuple[int, int, int, str | None]] = [(k, s, e, eid) for _, s, e in mentions[lo:hi]]
        for surface in self._surfaces.get(eid, ()):
            found.extend((k, *idx.to_original(s, e), eid) for s, e in idx.find_normalized(surface))
        found.extend((k, *idx.to_original(s, e), None) for s, e in idx.find_normalized(nq))
        return [(s, e) for _, s, e, _ in _merge(found, None)]

    def hits_per_article(self, query: str) -> list[tuple[str, int]]:
        """``(article id, hits)`` for every article with a hit, in corpus order; the counts sum to
        ``count(query)`` and each equals ``len(find_in(...))``. What ``n``/``N`` walk across the
        corpus and count ("hit 3/8 · article 2/4"). One ``find`` and one ``count`` per article
        with hits, all in C; the last answer is kept (``n`` asks again at every step)."""
        cached = self._per_article
        if cached is not None and cached[0] == query:
            return cached[1]
        nq = normalize_query(query)
        out: list[tuple[str, int]] = []
        if nq:
            eid = self.english_entity(query)
            if eid is None:
                big, starts, lens = self._big, self._starts, self._lens
                i = big.find(nq)
                while i >= 0:
                    a = bisect_right(starts, i) - 1
                    end = starts[a] + lens[a]
                    out.append((self.articles[a].id, big.count(nq, starts[a], end)))
                    i = big.find(nq, end)
            else:
                counts: dict[int, int] = {}
                for a, _, _, _ in self._entity_spans(eid, nq, None):
                    counts[a] = counts.get(a, 0) + 1
                out = [(self.articles[a].id, n) for a, n in sorted(counts.items())]
        self._per_article = (query, out)
        return out

    def next_article_with_hits(self, query: str, article_id: str, forward: bool = True) -> tuple[str, bool] | None:
        """The first article after ``article_id`` (before it, ``forward=False``) in corpus order
        that has hits, and whether the walk went past the corpus's end to get there; the article
        itself, wrapped, when it is the only one. ``None`` when nothing has hits."""
        per = self.hits_per_article(query)
        if not per:
            return None
        here = self._order.get(article_id, -1)
        orders = [self._order[aid] for aid, _ in per]
        if forward:
            k = bisect_right(orders, here)
            return (per[k][0], False) if k < len(per) else (per[0][0], True)
        k = bisect_left(orders, here) - 1
        return (per[k][0], False) if k >= 0 else (per[-1][0], True)

    def position(self, query: str, article_id: str) -> tuple[int, int, int, int]:
        """``(hits before this article, hits in the corpus, this article's rank among the
        articles with hits (1-based; 0 without hits here), articles with hits)``."""
        per = self.hits_per_article(query)
        before, rank = 0, 0
        for k, (aid, n) in enumerate(per):
            if aid == article_id:
                rank = k + 1
                break
            before += n
        return before, sum(n for _, n in per), rank, len(per)

    def _text_spans(self, nq: str, limit: int) -> list[tuple[int, int, int]]:
        """(article order, original start, end) of text matches, in order."""
        out: list[tuple[int, int, int]] = []
        big, starts, k = self._big, self._starts, len(nq)
        i = big.find(nq)
        while i >= 0 and len(out) < limit:
            a = bisect_right(starts, i) - 1
            local = i - starts[a]
            idx = self.index(self.articles[a].id)
            s, e = idx.to_original(local, local + k)
            out.append((a, s, e))
            i = big.find(nq, i + k)
        return out

    # -- the search --------------------------------------------------------------

    def search(self, query: str, limit: int = 200, *, whole_word: bool = False, snippet_width: int = 60) -> list[Hit]:
        """Hits ordered by article (sidebar order) then offset, at most ``limit``, each with
        about ``snippet_width`` characters of text around it."""
        nq = normalize_query(query)
        if not nq or limit <= 0:
            return []
        eid = self.english_entity(query)
        spans: list[tuple[int, int, int, str | None]] = []
        if eid is None:
            if whole_word:
                for a, art in enumerate(self.articles):
                    if len(spans) >= limit:
                        break
                    if nq not in self._big[self._starts[a] : self._starts[a] + self._lens[a]]:
                        continue
                    idx = self.index(art.id)
                    for s, e in idx.find_normalized(nq, whole_word=True, limit=limit - len(spans)):
                        spans.append((a, *idx.to_original(s, e), None))
            else:
                spans = [(a, s, e, None) for a, s, e in self._text_spans(nq, limit)]
        else:
            spans = self._entity_spans(eid, nq, limit)
        hits = []
        for a, s, e, ent in spans[:limit]:
            art = self.articles[a]
            snippet, sspan = make_snippet(art.text, s, e, snippet_width)
            hits.append(Hit(art.id, s, e, snippet, sspan, ent))
        return hits

    def _entity_spans(self, eid: str, nq: str, limit: int | None) -> list[tuple[int, int, int, str | None]]:
        """Mentions of the entity, the text matches of its Arabic spellings and
        of the Latin query itself, merged (a match inside a mention is the mention)."""
        found: list[tuple[int, int, int, str | None]] = [(a, s, e, eid) for a, s, e in self._mentions[eid]]
        many = 10 * limit if limit is not None else len(self._big)
        for surface in sorted(self._surfaces.get(eid, ())):
            found.extend((a, s, e, eid) for a, s, e in self._text_spans(surface, many))
        found.extend((a, s, e, None) for a, s, e in self._text_spans(nq, many if limit is None else limit))
        return _merge(found, limit)


def _merge(found: list[tuple[int, int, int, str | None]], limit: int | None) -> list[tuple[int, int, int, str | None]]:
    """Spans ``(article, start, end, entity)`` in order, each dropped when it starts inside
    the previous one (the longest span at a start wins), at most ``limit``."""
    found.sort(key=lambda t: (t[0], t[1], -t[2]))
    merged: list[tuple[int, int, int, str | None]] = []
    for t in found:
        if merged and merged[-1][0] == t[0] and t[1] < merged[-1][2]:
            continue  # inside (or overlapping) the previous span
        merged.append(t)
        if limit is not None and len(merged) >= limit:
            break
    return merged
