"""The corpus data model: articles as logical text plus metadata.

Everything downstream (analysis, layout, the UI) addresses an article by offsets into
``Article.text``. ``text`` is a *view* computed at load time (decoded, line ends normalised,
repaired where the loader knows how); the file on disk is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Fold:
    """A span of ``Article.text`` that is boilerplate (folded in the view, never deleted)."""

    start: int
    end: int
    kind: str  # e.g. "breaking", "masthead", "read-also", "share", "follow", "page-number", "running-head"


@dataclass(slots=True)
class Article:
    id: str  # stable within a corpus: the file stem, or stem#n for records of a .jsonl/.json file
    path: str  # where it came from (a file path; "path#n" for records)
    text: str  # the text the reader shows and every offset indexes; "\n" separates paragraphs
    raw: str = ""  # the decoded file as it is (only line ends normalised) — for the raw/repaired toggle
    title: str = ""
    source: str | None = None
    author: str | None = None
    date: str | None = None  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    # Where the date came from: "front matter", "json", "html" (meta/JSON-LD), "header" (a dated
    # line at the top), "text" (اليوم، 7 مايو 2025), "manifest", "file name", "path"; None if undated.
    date_source: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    encoding_guessed: bool = False
    direction: str = "rtl"  # dominant direction of the article: "rtl" or "ltr"
    folds: list[Fold] = field(default_factory=list)
    # The headline and the markup's headings, as [start, end) spans of whole paragraphs of ``text``.
    headings: list[tuple[int, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # non-fatal, human-readable notes
    error: str | None = None  # one-line reason when the article could not be loaded (then text == "")
    content_hash: str = ""  # hash of the file bytes: the analysis cache key

    @property
    def ok(self) -> bool:
        return self.error is None
