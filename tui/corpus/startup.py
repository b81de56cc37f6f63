"""What the reader opens with: the first articles of a load now, the rest as an iterator.

``qari FOLDER`` paints its first screen after ``FIRST_BATCH`` readable articles instead of
reading thousands of files first; the reader reads the rest in a thread (``pending``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tui.corpus.load import LoadResult, Skip, iter_articles, load_embedded, load_paths
from tui.corpus.model import Article

FIRST_BATCH = 50


def load(paths: list[str]) -> LoadResult:
    """Everything at once: ``paths``, or the embedded corpus without any. Articles that could not
    be read are among ``articles`` (``ok`` false), as ``tui.corpus.load`` gives them."""
    return load_paths(paths) if paths else load_embedded()


def sort_into(item: Article | Skip, articles: list[Article], skipped: list[Skip]) -> None:
    """One item of a load into the reader's two lists: a readable article into ``articles``; an
    article that could not be read, or a path that holds none, into ``skipped`` as (path, reason)."""
    if isinstance(item, Article):
        if item.ok:
            articles.append(item)
        else:
            skipped.append((item.path, item.error or ""))
    else:
        skipped.append(item)


def split(items: Iterable[Article | Skip]) -> tuple[list[Article], list[Skip]]:
    """``sort_into`` for every item: (readable articles, skipped)."""
    articles: list[Article] = []
    skipped: list[Skip] = []
    for item in items:
        sort_into(item, articles, skipped)
    return articles, skipped


@dataclass
class Started:
    """The first articles of a load, and the rest still to come (``pending``) with a size estimate.

    ``articles`` are all readable; those that were not are in ``skipped`` with their reason."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    pending: Iterator[Article | Skip] | None = None
    expected: int = 0  # files found under the given paths: the progress bar's total


def start(paths: list[str], first: int = FIRST_BATCH) -> Started:
    """Load up to ``first`` readable articles now; the iterator in ``pending`` yields the rest.

    Without paths (the embedded corpus) everything is loaded at once: it is small.
    """
    if not paths:
        loaded = load_embedded()
        articles, unreadable = split(loaded.articles)
        return Started(articles, [*loaded.skipped, *unreadable])
    out = Started(expected=_count_files(paths))
    stream = iter_articles(paths)
    for item in stream:
        sort_into(item, out.articles, out.skipped)
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
