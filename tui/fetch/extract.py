"""A fetched page → its article: the same trafilatura path ``qari page.html`` takes
(``tui.corpus.formats.parse_html``), so a fetched page reads as the saved page would."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from tui.corpus import formats
from tui.fetch.http import FetchError

MIN_WORDS = 10  # a one-line breaking-news item has more; a page's menu, extracted, has fewer


@dataclass(slots=True)
class Extracted:
    paragraphs: list[str]
    meta: dict[str, str] = field(default_factory=dict)  # title, author, date, source (site name)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def content_hash(self) -> str:
        """Of the text alone: the same article under two addresses (or with other page furniture
        around it) is one article."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def extract(html: str) -> Extracted:
    try:
        record = formats.parse_html(html)[0]
    except formats.FormatError as exc:
        raise FetchError(str(exc)) from None
    except Exception as exc:  # trafilatura/lxml failing on a hostile page
        raise FetchError(f"could not extract the article ({type(exc).__name__})") from None
    paragraphs = [p for p in record.text.split("\n") if p.strip()]
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_WORDS:
        # What trafilatura falls back to on a page without an article: a menu item, a cookie line.
        raise FetchError(f"HTML page without recognisable article text (only {words} word{'s' if words != 1 else ''})")
    meta = {k: v for k, v in record.meta.items() if k in ("title", "author", "date", "source")}
    return Extracted(paragraphs, meta)
