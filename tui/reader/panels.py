"""View models for the side panels (Entities, Dates, Links), the corpus
timeline and the corpus-wide view of one entity.

Plain data, logical text: the UI shapes and lays it out. Offsets index
``Article.text`` of the article named next to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.analysis.dates import sortable
from tui.analysis.model import ENTITY_TYPES, ArticleAnalysis, DateMention
from tui.corpus.model import Article
from tui.reader.navigation import passage_index, ranked

__all__ = [
    "TYPE_LABELS",
    "EntityItem",
    "EntityGroup",
    "EntityArticle",
    "DateItem",
    "TimelineItem",
    "LinkItem",
    "entity_panel",
    "entity_corpus_view",
    "dates_panel",
    "corpus_timeline",
    "links_panel",
    "text_start",
    "text_around",
]

TYPE_LABELS = {"PER": "People", "LOC": "Places", "ORG": "Organisations", "EVENT": "Events", "MISC": "Other"}


@dataclass(frozen=True, slots=True)
class EntityItem:
    id: str
    name: str  # display name (Arabic)
    count: int  # mentions in this article
    first_offset: int


@dataclass(frozen=True, slots=True)
class EntityGroup:
    type: str
    label: str
    items: list[EntityItem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EntityArticle:
    article_id: str
    title: str
    count: int
    first_offset: int
    first_end: int = 0
    snippet: str = ""  # one line of text around the first mention, the mention near its start


@dataclass(frozen=True, slots=True)
class DateItem:
    start: int
    end: int
    text: str
    iso: str | None  # the value in the calendar it was written in (None: a relative date not placed)
    calendar: str
    gregorian: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class TimelineItem:
    gregorian: str
    article_id: str
    title: str
    start: int  # the dated passage
    end: int
    text: str  # the start of the passage (logical, one line)
    date_text: str = ""  # the date as written
    date_start: int = 0
    date_end: int = 0
    context: str = ""  # one line around the date, the date near its start


@dataclass(frozen=True, slots=True)
class LinkItem:
    target_article_id: str
    target_title: str
    target_start: int
    target_end: int
    snippet: str  # the start of the target passage
    reason: str
    score: float
    conflict: str | None = None
    strength: str = "related"  # "strong": the same event or fact; "related": the same topic
    target_source: str = ""  # who published the target article (empty when unknown)


def _articles_by_id(articles: Mapping[str, Article] | Iterable[Article]) -> dict[str, Article]:
    if isinstance(articles, Mapping):
        return dict(articles)
    return {a.id: a for a in articles}


def text_start(text: str, start: int, end: int, width: int = 80) -> str:
    """The first ~``width`` characters of ``text[start:end]`` on one line, cut
    at a space when one is near the limit, with "…" when cut."""
    s = " ".join(text[start:end].split())
    if len(s) <= width:
        return s
    cut = s.rfind(" ", 0, width)
    if cut < width * 2 // 3:
        cut = width
    return s[:cut].rstrip() + "…"


def text_around(text: str, start: int, end: int, before: int = 16, width: int = 80) -> str:
    """One line of ``text`` holding ``[start, end)`` near its beginning: from a word start at most
    ``before`` characters earlier (never across a line break) for ~``width`` characters, with "…"
    where it was cut. A panel cuts the line at its own width, so the mention must come early."""
    line_start = text.rfind("\n", 0, start) + 1
    lo = max(line_start, start - before)
    if lo > line_start and not text[lo - 1].isspace():
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else start
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return ("…" if lo > line_start else "") + text_start(text, lo, line_end, width)


def _title(art: Article | None, fallback: str) -> str:
    return (art.title if art and art.title else "") or fallback


def entity_panel(analysis: ArticleAnalysis) -> list[EntityGroup]:
    """Entities of one article grouped by type (PER, LOC, ORG, EVENT, MISC; empty
    groups left out), most mentioned first, ties by first appearance."""
    counts: dict[str, list[Any]] = {}  # id → [type, name, count, first]
    for m in analysis.entities:
        row = counts.get(m.id)
        if row is None:
            counts[m.id] = [m.type, m.name, 1, m.start]
        else:
            row[2] += 1
            row[3] = min(row[3], m.start)
    groups = []
    known: list[str] = list(ENTITY_TYPES) + sorted({r[0] for r in counts.values()} - set(ENTITY_TYPES))
    for t in known:
        items = [EntityItem(eid, r[1], r[2], r[3]) for eid, r in counts.items() if r[0] == t]
        if items:
            items.sort(key=lambda it: (-it.count, it.first_offset))
            groups.append(EntityGroup(t, TYPE_LABELS.get(t, t), items))
    return groups


def entity_corpus_view(
    entity_id: str, analyses: Mapping[str, ArticleAnalysis], articles: Mapping[str, Article] | Iterable[Article]
) -> list[EntityArticle]:
    """Every article mentioning the entity, in the order of ``articles``, with its mention count
    and a snippet around the first mention."""
    by_id = _articles_by_id(articles)
    order = list(by_id) + [aid for aid in analyses if aid not in by_id]
    out = []
    for aid in order:
        an = analyses.get(aid)
        if an is None:
            continue
        spans = sorted((m.start, m.end) for m in an.entities if m.id == entity_id)
        if spans:
            art = by_id.get(aid)
            start, end = spans[0]
            snippet = text_around(art.text, start, end) if art is not None else ""
            out.append(EntityArticle(aid, _title(art, aid), len(spans), start, end, snippet))
    return out


def _date_key(d: DateMention) -> tuple[bool, str, int]:
    return (d.gregorian is None, sortable(d.gregorian), d.start)


def dates_panel(analysis: ArticleAnalysis) -> list[DateItem]:
    """Dates of one article, chronological by Gregorian value; undated last (in text order)."""
    return [
        DateItem(d.start, d.end, d.text, d.value, d.calendar, d.gregorian, d.note)
        for d in sorted(analysis.dates, key=_date_key)
    ]


def corpus_timeline(
    analyses: Mapping[str, ArticleAnalysis], articles: Mapping[str, Article] | Iterable[Article]
) -> list[TimelineItem]:
    """Every dated passage of every article, chronological (ties: article
    order, then position). A passage with two dates appears under each; the
    same date written twice in a passage (Gregorian + Hijri) appears once."""
    by_id = _articles_by_id(articles)
    rank = {aid: i for i, aid in enumerate(by_id)}
    items: list[tuple[tuple[str, int, int], TimelineItem]] = []
    for aid, an in analyses.items():
        art = by_id.get(aid)
        if art is None:
            continue
        passages = sorted(an.passages, key=lambda p: p.start)
        seen: set[tuple[int, str]] = set()
        for d in an.dates:
            if not d.gregorian:
                continue
            i = passage_index(passages, d.start)
            ps, pe = (passages[i].start, passages[i].end) if i is not None else (d.start, d.end)
            if (ps, d.gregorian) in seen:
                continue
            seen.add((ps, d.gregorian))
            item = TimelineItem(
                d.gregorian, aid, _title(art, aid), ps, pe, text_start(art.text, ps, pe, 100), d.text, d.start, d.end,
                text_around(art.text, d.start, d.end),
            )
            items.append(((sortable(d.gregorian), rank.get(aid, len(rank)), ps), item))
    items.sort(key=lambda t: t[0])
    return [it for _, it in items]


def links_panel(
    analysis: ArticleAnalysis, passage_offset: int, articles: Mapping[str, Article] | Iterable[Article]
) -> list[LinkItem]:
    """The best links of the passage holding ``passage_offset`` (``navigation.ranked``: at most
    ``MAX_LINKS``, best score first)."""
    passages = sorted(analysis.passages, key=lambda p: p.start)
    i = passage_index(passages, passage_offset)
    if i is None:
        return []
    p = passages[i]
    by_id = _articles_by_id(articles)
    out = []
    for link in ranked(l for l in analysis.links if p.start <= l.start < p.end):
        art = by_id.get(link.target)
        snippet = text_start(art.text, link.target_start, link.target_end) if art is not None else ""
        out.append(
            LinkItem(
                link.target, _title(art, link.target), link.target_start, link.target_end,
                snippet, link.reason, link.score, link.conflict, link.strength,
                (art.source or "") if art is not None else "",
            )
        )
    return out
