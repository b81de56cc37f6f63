"""Where the reader goes next: browser-like history, linked passages, entity mentions.

Pure data over ``ArticleAnalysis``; the UI asks, moves the cursor, and shows
``PassageNavigator.status`` in its status line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tui.analysis.model import ArticleAnalysis, Link, Passage
from tui.corpus.model import Fold

__all__ = [
    "Location", "History", "PassageNavigator", "PassageStatus", "MentionNavigator", "MentionRef", "MentionStep",
    "passage_index", "MAX_LINKS", "ranked",
]

# Links a passage offers: its best ones. A passage of a close-knit corpus can be tied to a dozen
# others; a cross-reference list longer than this is skimmed, not read.
MAX_LINKS = 5


def ranked(links: Iterable[Link]) -> list[Link]:
    """Best first, at most ``MAX_LINKS``; ties in a fixed order (target, then place), so the list,
    the status line and ``enter`` agree from run to run."""
    return sorted(links, key=lambda l: (-l.score, l.target, l.target_start))[:MAX_LINKS]


@dataclass(frozen=True, slots=True)
class Location:
    article_id: str
    offset: int  # into Article.text


class History:
    """Back/forward like a browser. ``visit`` records where the reader is now
    going; a new visit drops the forward entries. Bounded: the oldest entries
    fall off once ``maxlen`` is reached."""

    def __init__(self, maxlen: int = 200) -> None:
        if maxlen < 1:
            raise ValueError("History needs room for at least one location")
        self.maxlen = maxlen
        self._items: list[Location] = []
        self._pos = -1  # index of the current location

    @property
    def current(self) -> Location | None:
        return self._items[self._pos] if self._pos >= 0 else None

    def visit(self, loc: Location) -> None:
        del self._items[self._pos + 1 :]
        if self._items and self._items[-1] == loc:
            return  # re-visiting where we are adds no step
        self._items.append(loc)
        if len(self._items) > self.maxlen:
            del self._items[: len(self._items) - self.maxlen]
        self._pos = len(self._items) - 1

    def update_current(self, loc: Location) -> None:
        """Move the current entry (the reader scrolled) without adding a step,
        so going back later returns to where they actually were."""
        if self._pos >= 0:
            self._items[self._pos] = loc
        else:
            self.visit(loc)

    def can_back(self) -> bool:
        return self._pos > 0

    def can_forward(self) -> bool:
        return self._pos < len(self._items) - 1

    def back(self) -> Location | None:
        if not self.can_back():
            return None
        self._pos -= 1
        return self._items[self._pos]

    def forward(self) -> Location | None:
        if not self.can_forward():
            return None
        self._pos += 1
        return self._items[self._pos]

    def __len__(self) -> int:
        return len(self._items)


def passage_index(passages: list[Passage], offset: int) -> int | None:
    """Index of the passage holding ``offset``; between passages, the next one;
    past the last, the last. ``None`` when there are no passages."""
    if not passages:
        return None
    i = bisect_right([p.start for p in passages], offset) - 1
    if i < 0:
        return 0
    if offset >= passages[i].end and i + 1 < len(passages):
        return i + 1
    return i


@dataclass(frozen=True, slots=True)
class PassageStatus:
    article_id: str
    index: int  # 1-based: "passage n/N"
    total: int
    links: int  # links from this passage (its best ``MAX_LINKS``)
    strong: int = 0  # of which strong (the same event or fact)
    best: Link | None = None  # the first of them: what ``enter`` follows

    def __str__(self) -> str:
        return f"{self.index}/{self.total} · {self.links}"


class PassageNavigator:
    """Passages of one article and which of them have links."""

    def __init__(self, analysis: ArticleAnalysis) -> None:
        self.analysis = analysis
        self.passages = sorted(analysis.passages, key=lambda p: p.start)
        self._starts = [p.start for p in self.passages]
        every: dict[int, list[Link]] = {}
        for link in analysis.links:
            i = passage_index(self.passages, link.start)
            if i is not None:
                every.setdefault(i, []).append(link)
        self._top = {i: ranked(links) for i, links in every.items()}  # passage index → its best links
        self._links = {i: len(links) for i, links in self._top.items()}
        self._strong = {i: n for i, links in self._top.items() if (n := sum(l.strength == "strong" for l in links))}
        self._linked = sorted(self._links)
        self._linked_strong = sorted(self._strong)

    def passage_at(self, offset: int) -> tuple[int, Passage] | None:
        i = passage_index(self.passages, offset)
        return None if i is None else (i, self.passages[i])

    def links_at(self, offset: int) -> int:
        i = passage_index(self.passages, offset)
        return 0 if i is None else self._links.get(i, 0)

    def links_of(self, offset: int) -> list[Link]:
        """The best links of the passage holding ``offset`` (``ranked``)."""
        i = passage_index(self.passages, offset)
        return [] if i is None else list(self._top.get(i, []))

    def next_linked(self, offset: int, *, wrap: bool = False, strong: bool = False) -> tuple[int, Passage] | None:
        """The first passage after the one at ``offset`` that has links (strong links only
        with ``strong``)."""
        linked = self._linked_strong if strong else self._linked
        cur = passage_index(self.passages, offset)
        if cur is None or not linked:
            return None
        # Before the first passage, that passage itself counts as "next".
        if offset < self.passages[cur].start:
            cur -= 1
        k = bisect_right(linked, cur)
        if k < len(linked):
            i = linked[k]
        elif wrap:
            i = linked[0]
        else:
            return None
        return i, self.passages[i]

    def prev_linked(self, offset: int, *, wrap: bool = False, strong: bool = False) -> tuple[int, Passage] | None:
        """The last passage before the one at ``offset`` that has links."""
        linked = self._linked_strong if strong else self._linked
        cur = passage_index(self.passages, offset)
        if cur is None or not linked:
            return None
        k = bisect_left(linked, cur) - 1
        if k >= 0:
            i = linked[k]
        elif wrap:
            i = linked[-1]
        else:
            return None
        return i, self.passages[i]

    def status(self, offset: int) -> PassageStatus:
        i = passage_index(self.passages, offset)
        if i is None:
            return PassageStatus(self.analysis.article_id, 0, 0, 0)
        top = self._top.get(i, [])
        return PassageStatus(self.analysis.article_id, i + 1, len(self.passages), len(top), self._strong.get(i, 0),
                             top[0] if top else None)


@dataclass(frozen=True, slots=True)
class MentionRef:
    article_id: str
    start: int
    end: int

    @property
    def location(self) -> Location:
        return Location(self.article_id, self.start)


@dataclass(frozen=True, slots=True)
class MentionStep:
    """Where ``*`` / ``#`` goes, and what to tell the reader about it."""

    entity_id: str
    name: str  # the entity's display name (Arabic, logical order)
    source: MentionRef  # the mention the step started from (the one "under the cursor")
    target: MentionRef
    index: int  # 1-based place of ``target`` among the entity's mentions in its article
    count: int  # the entity's mentions in ``target``'s article
    crossed: bool  # ``target`` is in another article than ``source``
    wrapped: bool  # the step went past the last mention in corpus order (the first, going back)


class MentionNavigator:
    """Mentions of one entity across the corpus, in the given article order then text order."""

    def __init__(self, analyses: Mapping[str, ArticleAnalysis], article_order: Iterable[str]) -> None:
        self.order = [a for a in dict.fromkeys(article_order) if a in analyses]
        rank = {aid: i for i, aid in enumerate(self.order)}
        self._rank = rank
        self._mentions: dict[str, list[tuple[int, int, int]]] = {}
        self._by_article: dict[str, list[tuple[int, int, str]]] = {}
        self._names: dict[str, str] = {}
        for aid in self.order:
            spans = sorted((m.start, m.end, m.id) for m in analyses[aid].entities)
            self._by_article[aid] = spans
            for m in analyses[aid].entities:
                self._names.setdefault(m.id, m.name or m.text)
            for s, e, eid in spans:
                self._mentions.setdefault(eid, []).append((rank[aid], s, e))

    def name(self, entity_id: str) -> str:
        return self._names.get(entity_id, entity_id)

    def entity_at(self, article_id: str, offset: int) -> str | None:
        """Entity whose mention covers ``offset`` (its end counts too, so a
        cursor just after the name still finds it)."""
        spans = self._by_article.get(article_id, [])
        # Mentions never overlap: only the last one starting at or before offset can cover it.
        i = bisect_right(spans, (offset, float("inf"), "")) - 1
        if i >= 0 and spans[i][0] <= offset <= spans[i][1]:
            return spans[i][2]
        return None

    def mention_under(self, article_id: str, offset: int, passage: tuple[int, int] | None = None) -> tuple[str, MentionRef] | None:
        """The mention "under the cursor": the one covering ``offset`` (end included), else the
        first in ``passage`` (start, end) at or after ``offset``, else the last in it before
        ``offset``. Without a passage only a covering mention counts."""
        spans = self._by_article.get(article_id, [])
        i = bisect_right(spans, (offset, float("inf"), "")) - 1
        if i >= 0 and spans[i][0] <= offset <= spans[i][1]:
            s, e, eid = spans[i]
            return eid, MentionRef(article_id, s, e)
        if passage is None:
            return None
        lo, hi = passage
        after = i + 1
        if after < len(spans) and lo <= spans[after][0] < hi:
            s, e, eid = spans[after]
            return eid, MentionRef(article_id, s, e)
        if i >= 0 and spans[i][0] >= lo:
            s, e, eid = spans[i]
            return eid, MentionRef(article_id, s, e)
        return None

    def mentions(self, entity_id: str) -> list[MentionRef]:
        return [MentionRef(self.order[k], s, e) for k, s, e in self._mentions.get(entity_id, [])]

    def place(self, entity_id: str, ref: MentionRef) -> tuple[int, int]:
        """(1-based index of ``ref`` among the entity's mentions in its article, how many there are);
        the index is 0 when ``ref`` is not one of them."""
        k = self._rank.get(ref.article_id, -1)
        ms = self._mentions.get(entity_id, [])
        lo = bisect_left(ms, (k, -1, -1))
        hi = bisect_left(ms, (k + 1, -1, -1))
        j = bisect_left(ms, (k, ref.start, ref.end), lo, hi)
        found = j < hi and ms[j] == (k, ref.start, ref.end)
        return (j - lo + 1 if found else 0), hi - lo

    def step(self, article_id: str, offset: int, passage: tuple[int, int] | None = None, *,
             forward: bool = True) -> MentionStep | None:
        """From the mention under the cursor (see ``mention_under``) to its entity's next
        (``forward``) or previous mention, across articles and wrapping; ``None`` when there is
        no mention under the cursor."""
        found = self.mention_under(article_id, offset, passage)
        if found is None:
            return None
        eid, here = found
        move = self.next_mention if forward else self.prev_mention
        target = move(eid, here.article_id, here.start)
        assert target is not None  # ``here`` is one of its mentions
        k_here, k_to = self._rank[here.article_id], self._rank[target.article_id]
        key_here, key_to = (k_here, here.start), (k_to, target.start)
        index, count = self.place(eid, target)
        return MentionStep(eid, self.name(eid), here, target, index, count, crossed=k_here != k_to,
                           wrapped=key_to <= key_here if forward else key_to >= key_here)

    def _current(self, entity_id: str, article_id: str, offset: int) -> tuple[int, int]:
        """Key of the reader's position; inside a mention, that mention's start."""
        k = self._rank.get(article_id, -1)
        ms = self._mentions.get(entity_id, [])
        # Mentions never overlap: only the last one starting at or before offset can hold it.
        i = bisect_right(ms, (k, offset, float("inf"))) - 1
        if i >= 0 and ms[i][0] == k and ms[i][1] <= offset < ms[i][2]:
            return k, ms[i][1]
        return k, offset

    def next_mention(self, entity_id: str, article_id: str, offset: int) -> MentionRef | None:
        """The entity's next mention after ``offset``, crossing into later
        articles and wrapping to the first; ``None`` if it has no mentions."""
        ms = self._mentions.get(entity_id)
        if not ms:
            return None
        k, pos = self._current(entity_id, article_id, offset)
        i = bisect_right(ms, (k, pos, float("inf")))
        k2, s, e = ms[i] if i < len(ms) else ms[0]
        return MentionRef(self.order[k2], s, e)

    def prev_mention(self, entity_id: str, article_id: str, offset: int) -> MentionRef | None:
        """The entity's previous mention before ``offset`` (or before the
        mention the cursor is in), wrapping to the last."""
        ms = self._mentions.get(entity_id)
        if not ms:
            return None
        k, pos = self._current(entity_id, article_id, offset)
        i = bisect_left(ms, (k, pos, -1)) - 1
        k2, s, e = ms[i] if i >= 0 else ms[-1]
        return MentionRef(self.order[k2], s, e)


def past_folds(text: str, folds: Iterable[Fold], offset: int) -> int:
    """``offset``, or when it lies in folded boilerplate, the first visible character after it (and
    after any folds that follow, blank lines between them included). The top of an article is often
    a folded "breaking" tag and masthead: never seen, so never the passage "under the cursor"."""
    spans = sorted((f.start, f.end) for f in folds)
    while (end := next((e for s, e in spans if s <= offset < e), None)) is not None:
        offset = end
        while offset < len(text) and text[offset].isspace():
            offset += 1
    return offset
