"""Results of analysis. All offsets index ``Article.text`` (Python string indices)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

ENTITY_TYPES = ("PER", "LOC", "ORG", "EVENT", "MISC")


@dataclass(frozen=True, slots=True)
class Passage:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str  # one of ENTITY_TYPES
    id: str  # entity id, shared by every mention of the same entity across the corpus
    name: str  # display name of the entity (Arabic)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    # ISO YYYY, YYYY-MM or YYYY-MM-DD in the calendar it was written in; YYYY-Www for a week,
    # YYYY-21…24 (ISO 8601-2 spring…winter) for a season; None for a relative date that could
    # not be placed (the article has no date).
    value: str | None
    calendar: str  # "gregorian" or "hijri"
    gregorian: str | None  # ISO Gregorian value (YYYY, YYYY-MM or YYYY-MM-DD), None when unknown
    granularity: str = "day"  # "year", "month" or "day"
    inferred_year: bool = False  # the year came from the article's date or nearby dates
    note: str = ""  # e.g. "year from article date", "hijri/gregorian mismatch"
    # Counted from the article's date: "day" (أمس), "weekday" (الجمعة الماضية), "week", "month",
    # "year" (العام الماضي), "season"; "" for a date written out. Resolved when value is set.
    relative: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    start: int  # passage in this article
    end: int
    target: str  # article id
    target_start: int
    target_end: int
    score: float
    reason: str
    conflict: str | None = None  # human-readable disagreement, e.g. "18 فبراير ≠ 19 فبراير"
    strength: str = "related"  # "strong": the same event or fact; "related": the same topic


@dataclass(slots=True)
class ArticleAnalysis:
    article_id: str
    passages: list[Passage] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    article_date: str | None = None  # from a dated header, if any
    notes: list[str] = field(default_factory=list)
    # A callable giving ``links`` when they are first read (see ``defer_links``).
    _pending: Callable[[], list[Link]] | None = field(default=None, init=False, repr=False, compare=False)

    def defer_links(self, load: Callable[[], list[Link]]) -> None:
        """Let ``links`` be ``load()``, called when they are first read: the links of 5,000
        articles come from the cache as bytes, and a reader looks at one article's at a time."""
        self._pending = load


# ``links`` reads through the pending loader; the dataclass's own slot (a member descriptor,
# which the type checker cannot see through) still holds the list.
_LINKS_SLOT: Any = ArticleAnalysis.__dict__["links"]


def _get_links(self: ArticleAnalysis) -> list[Link]:
    load = self._pending
    if load is not None:
        _LINKS_SLOT.__set__(self, load())
        self._pending = None
    return _LINKS_SLOT.__get__(self, ArticleAnalysis)


def _set_links(self: ArticleAnalysis, value: list[Link]) -> None:
    self._pending = None
    _LINKS_SLOT.__set__(self, value)


setattr(ArticleAnalysis, "links", property(_get_links, _set_links))  # noqa: B010 - over the slot
