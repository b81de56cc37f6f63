"""File formats → records: (text, metadata from the format itself).

Each parser takes decoded text and returns a list of :class:`Record`; a record whose ``error`` is set
could not be read (one bad line of a .jsonl file does not sink its neighbours).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tui.corpus.markup import BYLINE_CUE as _BYLINE_CUE
from tui.corpus.markup import html_text as _html_body
from tui.corpus.markup import render_markdown

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

META_KEYS = ("title", "source", "author", "date", "url")
# Bumped when the text rendered from Markdown/HTML changes for the same bytes (cache keys use it).
RENDER_VERSION = "1"


@dataclass(slots=True)
class Record:
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    key: str | None = None  # "#n" suffix for several records from one file
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    # The file as it is, when ``text`` is rendered from it (Markdown, HTML): what ``R`` shows.
    raw: str | None = None
    headings: list[str] = field(default_factory=list)  # the text of each heading the markup marks


class FormatError(Exception):
    """The file's content is not what its extension promises; ``str(exc)`` is the reason."""


def _meta_value(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()[:10]
    if isinstance(value, list):  # several authors in front matter
        parts = [str(v).strip() for v in value if str(v).strip()]
        return "، ".join(parts) or None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
        return _meta_value(value)
    s = re.sub(r"\s+", " ", str(value)).strip()
    return s or None


def normalise_date(value: str | None) -> str | None:
    """ISO YYYY, YYYY-MM or YYYY-MM-DD from a metadata date; None when it is not one."""
    if not value:
        return None
    m = re.match(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?", value)
    if not m:
        return None
    y, mo, d = m.groups()
    if mo and not 1 <= int(mo) <= 12 or d and not 1 <= int(d) <= 31:
        return None
    return "-".join([y] + [f"{int(p):02d}" for p in (mo, d) if p])


def pick_meta(obj: dict[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    lowered = {str(k).lower(): v for k, v in obj.items()}
    aliases = {"author": ("author", "authors", "byline"), "source": ("source", "site", "publisher", "sitename"),
               "url": ("url", "link"), "title": ("title", "headline"), "date": ("date", "published", "date_published", "date_extracted")}
    for key in META_KEYS:
        for alias in aliases[key]:
            v = _meta_value(lowered.get(alias))
            if v:
                out[key] = v
                break
    return out


_FRONT = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?P=fence)[ \t]*(?:\n|\Z)", re.S)


class FrontMatterError(ValueError):
    """Front matter Qari will not read; ``str(exc)`` says why."""


def _load_yaml(body: str) -> object:
    """``yaml.safe_load`` without aliases: ``&a [*b, *b, …]`` nine levels deep is 500 bytes that
    stand for 9**9 strings once anything walks them (a "billion laughs"). Front matter has no
    use for aliases, so the loader refuses them at the first ``*``.

    With libyaml (PyYAML's wheels carry it) the events are read in C first, and the first alias
    event refuses the document before anything is built; then the C safe loader builds it. That
    is a sixth of the pure-Python loader's time, which was 40 % of reading a fetched collection."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None:
        return yaml.load(body, Loader=_no_alias_loader())  # noqa: S506 - a SafeLoader subclass
    for event in yaml.parse(body, Loader=fast):
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterError("YAML aliases (*name) are not allowed in front matter")
    return yaml.load(body, Loader=fast)  # noqa: S506 - libyaml's SafeLoader


@lru_cache(maxsize=1)
def _no_alias_loader() -> type:
    import yaml  # only front matter needs it

    class NoAliasLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML has no types
        def compose_node(self, parent: object, index: object) -> object:
            if self.check_event(yaml.events.AliasEvent):
                raise FrontMatterError("YAML aliases (*name) are not allowed in front matter")
            return super().compose_node(parent, index)

    return NoAliasLoader


def parse_markdown(text: str) -> list[Record]:
    m = _FRONT.match(text)
    headings: list[str] = []
    if not m:
        return [Record(render_markdown(text, headings), raw=text, headings=headings)]
    body, rest = m.group("body"), text[m.end():]
    problems: list[str] = []
    data: object = None
    try:
        if m.group("fence") == "---":
            data = _load_yaml(body)
        else:
            import tomllib

            data = tomllib.loads(body)
    except Exception as exc:  # any parser error: keep the text, say the header was unreadable
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        problems.append(f"front matter unreadable, shown as text: {first}")
        return [Record(text, problems=problems)]
    if not isinstance(data, dict):
        problems.append("front matter is not a table of fields; ignored")
        data = {}
    rendered = render_markdown(rest.lstrip("\n"), headings)
    return [Record(rendered, pick_meta(data), problems=problems, raw=text, headings=headings)]


def parse_html(text: str) -> list[Record]:
    try:
        import trafilatura
    except ImportError as exc:  # declared dependency, but say so rather than crash
        # (trafilatura's justext needs lxml_html_clean with lxml >= 5.2; the message names it)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:90]
        raise FormatError(f"HTML support unavailable: trafilatura could not be imported ({first})") from None
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=True,
                                      include_formatting=True)
    headings: list[str] = []
    body = _html_body(doc, text, headings) if doc is not None else ""
    if not body:
        raise FormatError("HTML page without recognisable article text (trafilatura found no main content)")
    meta = {}
    for key, attr in (("title", "title"), ("author", "author"), ("date", "date"), ("url", "url"), ("source", "sitename")):
        v = _meta_value(getattr(doc, attr, None))
        if v:
            meta[key] = v
    if meta.get("author"):
        meta["author"] = _BYLINE_CUE.sub("", meta["author"]).strip() or meta["author"]
    return [Record(body, meta, raw=text, headings=headings)]


def _record(obj: object, key: str | None) -> Record:
    if isinstance(obj, str):
        return Record(obj, key=key)
    if not isinstance(obj, dict):
        return Record("", key=key, error=f"record is a JSON {type(obj).__name__}, not an object with a text field")
    lowered = {str(k).lower(): v for k, v in obj.items()}
    body = next((lowered[k] for k in ("text", "content", "body", "article") if isinstance(lowered.get(k), str)), None)
    if body is None:
        return Record("", pick_meta(obj), key=key, error="record has no text field (text/content/body)")
    return Record(body.replace("\r\n", "\n").replace("\r", "\n"), pick_meta(obj), key=key)


def parse_json(text: str) -> list[Record]:
    stripped = text.strip()
    if not stripped:
        raise FormatError("empty JSON file")
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        return parse_jsonl(text)
    except RecursionError:
        raise FormatError("JSON nested too deeply to be an article") from None
    if isinstance(data, list):
        if not data:
            raise FormatError("JSON array without records")
        return [_record(obj, f"#{n}") for n, obj in enumerate(data, 1)]
    if isinstance(data, dict):
        for container in ("articles", "records", "items", "data"):
            if isinstance(data.get(container), list) and "text" not in data:
                return [_record(obj, f"#{n}") for n, obj in enumerate(data[container], 1)]
        return [_record(data, None)]
    raise FormatError(f"JSON {type(data).__name__} is not an article record")


def parse_jsonl(text: str) -> list[Record]:
    out: list[Record] = []
    n = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        n += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Record("", key=f"#{n}", error=f"line {lineno}: invalid JSON ({exc.msg})"))
            continue
        except RecursionError:
            out.append(Record("", key=f"#{n}", error=f"line {lineno}: JSON nested too deeply"))
            continue
        out.append(_record(obj, f"#{n}"))
    if not out:
        raise FormatError("no JSON records")
    if len(out) == 1 and out[0].key == "#1" and not out[0].error:
        out[0].key = None
    return out


def parse(suffix: str, text: str) -> list[Record]:
    suffix = suffix.lower()
    if suffix in {".md", ".markdown"}:
        return parse_markdown(text)
    if suffix in HTML_SUFFIXES:
        return parse_html(text)
    if suffix == ".json":
        return parse_json(text)
    if suffix in {".jsonl", ".ndjson"}:
        return parse_jsonl(text)
    return [Record(text)]
