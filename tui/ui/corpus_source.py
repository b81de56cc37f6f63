"""Where the reader gets its articles: ``tui.corpus.load`` when present, else a minimal reader.

The fallback exists only so the reader works before the corpus loader lands; it reads ``.txt``
files as UTF-8 with the first non-empty line as the title and no repairs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui import embedded_corpus_dir
from tui.corpus.model import Article

FIRST_BATCH = 50


@dataclass
class Loaded:
    articles: list[Article] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)


def load(paths: list[str]) -> Loaded:
    try:
        from tui.corpus import load as loader  # type: ignore[attr-defined]
    except ImportError:
        loader = None
    if loader is not None:
        result = loader.load_paths(paths) if paths else loader.load_embedded()
        return Loaded(list(result.articles), list(result.skipped))
    return _fallback(paths or [str(embedded_corpus_dir())])


def _fallback(paths: list[str]) -> Loaded:
    out = Loaded()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix.lower() == ".txt" and f.is_file())
            if not files:
                out.skipped.append((raw, "folder holds no .txt articles"))
            for f in files:
                _read(f, out)
        elif p.exists():
            _read(p, out)
        else:
            out.skipped.append((raw, "no such file or folder"))
    return out


def _read(path: Path, out: Loaded) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.skipped.append((str(path), exc.strerror or "cannot be read"))
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        out.skipped.append((str(path), "not UTF-8 text"))
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        out.skipped.append((str(path), "empty file"))
        return
    title = next((line.strip() for line in text.split("\n") if line.strip()), path.stem)
    out.articles.append(
        Article(id=path.stem, path=str(path), text=text, raw=text, title=title,
                content_hash=hashlib.sha256(data).hexdigest())
    )


@dataclass
class Started:
    """The first articles of a load, and the rest still to come (``pending``) with a size estimate."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    pending: Iterator | None = None
    expected: int = 0  # files found under the given paths: the progress bar's total


def start(paths: list[str], first: int = FIRST_BATCH) -> Started:
    """Load up to ``first`` readable articles now; the iterator in ``pending`` yields the rest.

    Lets ``qari FOLDER`` paint its first screen without reading thousands of files first. Without
    paths (the embedded corpus) everything is loaded at once: it is small.
    """
    try:
        from tui.corpus.load import iter_articles
    except ImportError:
        iter_articles = None
    if not paths or iter_articles is None:
        loaded = load(paths)
        return Started(loaded.articles, loaded.skipped)
    out = Started(expected=_count_files(paths))
    stream = iter_articles(paths)
    for item in stream:
        if isinstance(item, Article):
            if item.ok:
                out.articles.append(item)
            else:
                out.skipped.append((item.path, item.error or ""))
        else:
            out.skipped.append(item)
        if len(out.articles) >= first:
            out.pending = stream
            break
    return out


def _count_files(paths: list[str]) -> int:
    n = 0
    for raw in paths:
        if os.path.isdir(raw):
            for _, dirs, files in os.walk(raw):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                n += sum(1 for f in files if not f.startswith("."))
        else:
            n += 1
    return n
