"""A collection's own list of its articles: ``manifest.tsv`` / ``.csv`` / ``.jsonl`` beside them.

Real collections keep each article's date (and often source, URL, title) in one table next to
the files — SaudiNewsNet has ``manifest.tsv`` (id, source, date_extracted, url, title) one folder
above ``articles/``. A row belongs to a file when its id/file/path column names the file (its
stem, its name, or the end of its path). The table is read once per folder and kept while its
size and modification time stay the same; a table that cannot be read is ignored (the articles
load as before), never fatal.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

NAMES = ("manifest.tsv", "manifest.csv", "manifest.jsonl")
MAX_BYTES = 64 * 1024 * 1024
ID_KEYS = ("id", "article_id", "doc_id", "docid", "file", "filename", "file_name", "path", "name")
DATE_KEYS = ("date", "date_published", "datepublished", "published", "pub_date", "publication_date",
             "published_at", "date_extracted", "created", "timestamp")
FIELDS = {"date": DATE_KEYS, "source": ("source", "site", "publisher", "newspaper"), "url": ("url", "link"),
          "title": ("title", "headline")}

Row = dict[str, str]
_CACHE: dict[str, tuple[tuple[int, int], dict[str, Row] | None]] = {}


def _rows(path: Path, data: str) -> list[dict[str, str]]:
    if path.suffix == ".jsonl":
        out = []
        for line in data.splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                out.append({str(k): "" if v is None else str(v) for k, v in obj.items()})
        return out
    delim = "\t" if path.suffix == ".tsv" else ","
    csv.field_size_limit(1 << 20)
    return [dict(r) for r in csv.DictReader(io.StringIO(data), delimiter=delim)]


def _index(path: Path) -> dict[str, Row] | None:
    try:
        st = os.stat(path)
        if st.st_size > MAX_BYTES:
            return None
        key = (st.st_mtime_ns, st.st_size)
        hit = _CACHE.get(str(path))
        if hit and hit[0] == key:
            return hit[1]
        data = path.read_bytes().decode("utf-8-sig", errors="replace")
        rows = _rows(path, data)
    except (OSError, csv.Error, ValueError):
        return None
    index: dict[str, Row] = {}
    for r in rows:
        low = {str(k).strip().lower(): (v or "").strip() for k, v in r.items() if k is not None}
        ident = next((low[k] for k in ID_KEYS if low.get(k)), None)
        if not ident:
            continue
        row = {f: next((low[k] for k in keys if low.get(k)), "") for f, keys in FIELDS.items()}
        row["_date_key"] = next((k for k in DATE_KEYS if low.get(k)), "")
        ident = ident.replace("\\", "/")
        index.setdefault(ident, row)
        index.setdefault(ident.rsplit("/", 1)[-1], row)
        stem = ident.rsplit("/", 1)[-1]
        if "." in stem:
            index.setdefault(stem.rsplit(".", 1)[0], row)
    _CACHE[str(path)] = (key, index)
    return index


def lookup(path: str | Path) -> tuple[Row, str] | None:
    """The manifest row naming this file (from its folder or the one above), and the manifest's path."""
    p = Path(path)
    for folder in (p.parent, p.parent.parent):
        for name in NAMES:
            m = folder / name
            if not m.is_file():
                continue
            index = _index(m)
            if not index:
                continue
            row = index.get(p.stem) or index.get(p.name)
            if row is None:
                try:
                    row = index.get(str(p.relative_to(folder)).replace(os.sep, "/"))
                except ValueError:
                    row = None
            if row is not None:
                return row, str(m)
    return None
