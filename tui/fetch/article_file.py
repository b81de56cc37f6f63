"""An extracted article as a Markdown file with YAML front matter, written atomically.

The corpus loader reads these like any ``.md`` article (``tui.corpus.formats.parse_markdown``). The
body is the extracted text, one paragraph per line, each line but the last ending in a hard break
(two spaces) and Markdown's own characters escaped: rendered again it is the very text the page's
extraction gave, character for character (tests/fetch/test_article_file.py checks it with
hypothesis), so offsets, search and links see what the page said.
"""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.parse
from pathlib import Path

from tui.store import atomic, paths

SUFFIX = ".md"
# Markdown-significant anywhere in a line: emphasis, code, links, HTML and entities, tables,
# strikethrough, and the backslash itself.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>&|~#])")
# Significant only at the start of a line: list bullets, setext underlines, ordered-list numbers.
_LINE_START = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def articles_dir() -> Path:
    return paths.data_dir() / "articles"


def escape_line(text: str) -> str:
    text = _ANYWHERE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def markdown_body(paragraphs: list[str]) -> str:
    return "  \n".join(escape_line(p) for p in paragraphs) + "\n"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def render(meta: dict[str, str], paragraphs: list[str]) -> str:
    import yaml

    fields = {k: _one_line(v) for k, v in meta.items() if v and _one_line(v)}
    head = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    return f"---\n{head}---\n\n{markdown_body(paragraphs)}"


def file_for(url: str, root: Path | None = None) -> Path:
    """Where the article from ``url`` lives: ``articles/HOST/SLUG-HASH.md``. The hash (base32:
    letters and 2-7, never a year) keeps two addresses apart; the slug is for people listing the
    folder."""
    parts = urllib.parse.urlsplit(url)
    host = re.sub(r"[^a-z0-9.\-]+", "_", (parts.netloc or "unknown").lower()).strip("._") or "unknown"
    last = urllib.parse.unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    last = re.sub(r"\.(html?|php|aspx?|jsp|xhtml)$", "", last, flags=re.IGNORECASE)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", last).strip("-")[:40].strip("-") or "article"
    digest = base64.b32encode(hashlib.sha256(url.encode("utf-8")).digest()).decode("ascii")[:10].lower()
    return (root or articles_dir()) / host / f"{slug}-{digest}{SUFFIX}"


def write_atomic(path: Path, text: str) -> None:
    """``text`` as UTF-8 into ``path``, its folder made if needed, atomically (``tui.store.atomic``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_atomic(path, text.encode("utf-8"))
