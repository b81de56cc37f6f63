"""``feeds.toml`` in the config folder, and RSS/Atom documents → their items (feedparser).

::

    # ~/.config/qari/feeds.toml
    [[feed]]
    url = "https://example.com/rss.xml"
    name = "مثال"            # optional: shown in progress lines

    [fetch]
    per_host_interval = 1.0  # seconds between two requests to one host (default 1)

feedparser is only given bytes: it never fetches anything itself.
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tui.fetch.http import FetchError, check_url
from tui.store import paths

_TAG = re.compile(r"<[^>]{0,2000}>")


def feeds_file() -> Path:
    return paths.config_dir() / "feeds.toml"


@dataclass(slots=True)
class Feed:
    url: str
    name: str = ""


@dataclass(slots=True)
class Config:
    feeds: list[Feed] = field(default_factory=list)
    per_host_interval: float | None = None
    problems: list[str] = field(default_factory=list)  # one line each; the rest of the file still counts


def load_config(path: Path | None = None) -> Config:
    path = path or feeds_file()
    out = Config()
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return out
    except OSError as exc:
        out.problems.append(f"{path}: cannot be read ({exc.strerror})")
        return out
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        out.problems.append(f"{path}: not valid TOML ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})")
        return out
    entries = data.get("feed", [])
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        out.problems.append(f"{path}: [[feed]] entries must be tables with a url")
        entries = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        url = entry.get("url") if isinstance(entry, dict) else entry if isinstance(entry, str) else None
        if not isinstance(url, str):
            out.problems.append(f"{path}: feed {n} has no url")
            continue
        try:
            url = check_url(url)
        except FetchError as exc:
            out.problems.append(f"{path}: feed {n}: {exc}")
            continue
        if url in seen:
            continue
        seen.add(url)
        name = entry.get("name", "") if isinstance(entry, dict) else ""
        out.feeds.append(Feed(url, name if isinstance(name, str) else ""))
    settings = data.get("fetch", {})
    if isinstance(settings, dict) and "per_host_interval" in settings:
        value = settings["per_host_interval"]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 3600:
            out.per_host_interval = float(value)
        else:
            out.problems.append(f"{path}: [fetch] per_host_interval must be seconds (0 to 3600)")
    return out


def _toml_string(s: str) -> str:
    # A JSON string is a TOML basic string: the same escapes, and non-ASCII kept as it is.
    return json.dumps(s, ensure_ascii=False)


def save_feeds(feeds: list[Feed], path: Path | None = None, interval: float | None = None) -> None:
    from tui.fetch.article_file import write_atomic

    path = path or feeds_file()
    lines = ["# Qari's feeds: qari feeds add URL / qari feeds remove URL, or edit by hand.", ""]
    for feed in feeds:
        lines.append("[[feed]]")
        lines.append(f"url = {_toml_string(feed.url)}")
        if feed.name:
            lines.append(f"name = {_toml_string(feed.name)}")
        lines.append("")
    if interval is not None:
        lines += ["[fetch]", f"per_host_interval = {interval!r}", ""]
    write_atomic(path, "\n".join(lines))


def plain(value: object) -> str:
    """A feed's title as text: tags dropped, entities decoded, white space collapsed. Escape
    sequences stay (the terminal side makes them visible and harmless)."""
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(_TAG.sub(" ", value)).split())


@dataclass(slots=True)
class Item:
    url: str
    title: str = ""
    date: str | None = None  # ISO YYYY-MM-DD


@dataclass(slots=True)
class Parsed:
    title: str
    items: list[Item]


def parse_feed(body: bytes, base_url: str) -> Parsed:
    """Items with an http(s) link, in the feed's order; FetchError when it is no feed at all."""
    import urllib.parse

    import feedparser

    try:
        doc = feedparser.parse(body, response_headers={"content-location": base_url})
    except Exception as exc:  # feedparser's own failure on hostile bytes
        raise FetchError(f"not a feed ({type(exc).__name__})") from None
    version = getattr(doc, "version", "") or ""
    entries = list(getattr(doc, "entries", []) or [])
    if not version and not entries:
        reason = getattr(doc, "bozo_exception", None)
        first = " ".join(str(reason).split())[:60] if reason else "no RSS or Atom items"
        raise FetchError(f"not a feed ({first})")
    items: list[Item] = []
    seen: set[str] = set()
    for entry in entries:
        link = entry.get("link") or ""
        if not link:
            continue
        try:
            url = check_url(urllib.parse.urljoin(base_url, link.strip()))
        except FetchError:
            continue
        if url in seen:
            continue
        seen.add(url)
        date = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            try:
                date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
            except AttributeError:
                date = None
        items.append(Item(url, plain(entry.get("title")), date))
    return Parsed(plain(doc.feed.get("title") if hasattr(doc, "feed") else ""), items)
