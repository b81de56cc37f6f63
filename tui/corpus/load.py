"""Loading articles from files and folders. Never raises for bad input; never writes anything.

Every file either becomes :class:`Article` objects (``.error`` set when it could not be read, so the
sidebar can show it marked) or a ``(path, reason)`` skip entry for things that are not articles at
all: missing paths, hidden files, unsupported extensions inside a folder, symlink loops.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.corpus import boilerplate, encoding, formats, manifest, metadata
from tui.corpus.markup import match_key
from tui.corpus.model import Article
from tui.corpus.repair import repair_text

MAX_BYTES = 20 * 1024 * 1024  # any file: refused after a stat, before reading
# One article's text. The reader holds about 95 MB of memory per MB of text once an article is laid
# out and analysed (and spends ~5 s of CPU per MB in the background), so a 15 MB article took
# 1.5 GB and a minute; 4 MB stays near 0.4 GB. Collections (.json/.jsonl) may be larger files: the
# limit then applies to each record. README, Loading.
MAX_TEXT_BYTES = 4 * 1024 * 1024
LONG_LINE = 100_000

# Runs, not single letters: far fewer match objects on a long sample.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+")
_LTR = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+")

Skip = tuple[str, str]


@dataclass(slots=True)
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)  # (path, one-line reason)


# -- helpers ---------------------------------------------------------------------------------------

def direction_of(text: str) -> str:
    sample = text[:1500]
    rtl = sum(map(len, _RTL.findall(sample)))
    ltr = sum(map(len, _LTR.findall(sample)))
    return "ltr" if ltr > rtl else "rtl"


def _mb(n: int) -> str:
    mb = n / (1024 * 1024)
    if mb >= 10:
        return f"{mb:.0f} MB"
    # One decimal below 10 MB, so a refusal never reads "4 MB > 4 MB".
    return f"{mb:.1f}".removesuffix(".0") + " MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link points back to itself)"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EISDIR:
        return "is a folder"
    return (exc.strerror or type(exc).__name__).lower()


class _Ids:
    """Article ids unique within one load: the stem, then parent/stem, then a counter."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, path: Path) -> str:
        candidates = [path.stem or path.name, f"{path.parent.name}/{path.stem or path.name}"]
        for c in candidates:
            if c not in self.used:
                self.used.add(c)
                return c
        n = 2
        while f"{candidates[1]}~{n}" in self.used:
            n += 1
        self.used.add(f"{candidates[1]}~{n}")
        return f"{candidates[1]}~{n}"


def _error_article(art_id: str, path: str, reason: str, content_hash: str = "") -> Article:
    return Article(id=art_id, path=path, text="", title=Path(path).name, error=reason, content_hash=content_hash)


# -- one file --------------------------------------------------------------------------------------


def _too_large(size: int | None, limit: int) -> str:
    what = "limit for one article" if limit == MAX_TEXT_BYTES else "limit"
    return f"file too large ({f'{_mb(size)} ' if size is not None else ''}> {_mb(limit)} {what})"


def _read(path: Path, limit: int = MAX_BYTES) -> bytes:
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise encoding.NotText("is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise encoding.NotText("not a regular file (device, pipe or socket)")
    if st.st_size > limit:
        raise encoding.NotText(_too_large(st.st_size, limit))
    with open(path, "rb") as fh:
        # Read one byte past the limit: a file that grew since stat() is still refused.
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise encoding.NotText(_too_large(None, limit))
    return data


def _build(art_id: str, path: str, rec: formats.Record, dec: encoding.Decoded, digest: str, repair: bool) -> Article:
    raw = encoding.normalise_newlines(rec.text)
    if rec.raw is not None:
        # Text rendered from the file (Markdown, HTML): the analysis cache, keyed by this hash,
        # must not serve offsets into an older rendering of the same bytes.
        digest = hashlib.sha256(f"{digest}:render{formats.RENDER_VERSION}".encode()).hexdigest()[:16]
    art = Article(id=art_id, path=path, text=raw, raw=raw, encoding=dec.encoding,
                  encoding_guessed=dec.guessed, content_hash=digest)
    if rec.raw is not None:
        art.raw = encoding.normalise_newlines(rec.raw)  # the file as it is: what R shows
    art.problems.extend(dec.problems)
    art.problems.extend(rec.problems)
    if rec.error:
        art.text = art.raw = ""
        art.error = rec.error
        art.title = rec.meta.get("title") or art_id
        return art
    if not raw.strip():
        art.text = art.raw = ""
        art.error = "empty file" if not raw else "no text (only blank space)"
        art.title = rec.meta.get("title") or Path(path).name
        return art
    if len(raw) * 4 > MAX_TEXT_BYTES and len(raw.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        size = len(raw.encode("utf-8", "surrogatepass"))
        art.text = art.raw = ""
        art.error = f"article too long ({_mb(size)} of text > {_mb(MAX_TEXT_BYTES)} limit for one article)"
        art.title = rec.meta.get("title") or Path(path).name
        return art
    if repair:
        try:
            art.text = repair_text(raw).text
        except Exception as exc:  # a repair bug must not cost the reader the article
            art.problems.append(f"repair failed, showing the text as extracted ({type(exc).__name__})")
    longest = max((len(x) for x in art.text.split("\n")), default=0)
    if longest > LONG_LINE:
        art.problems.append(f"very long line ({longest:,} characters without a line break)")

    header = metadata.find_header_date(art.text)
    ls = boilerplate.lines(art.text)
    art.folds = boilerplate.find_folds(art.text, date_line=header[0] if header else None, ls=ls)
    found = metadata.extract(art.text, art.folds, header=header, ls=ls)
    meta = rec.meta
    art.title = meta.get("title") or found.title or Path(path).stem
    art.author = meta.get("author") or found.author
    art.source = meta.get("source") or found.source
    if not art.source and art.text is not raw:
        # Repair drops PDF page furniture from the view; the journal's running head that names the
        # source is still in the raw extraction.
        raw_folds = boilerplate.find_folds(raw)
        art.source = metadata.running_head_source(boilerplate.running_head_lines(raw, raw_folds), art.author)
    art.url = meta.get("url")
    if meta.get("date"):
        art.date = formats.normalise_date(meta["date"]) or metadata.header_date(meta["date"])
        if art.date:
            art.date_source = _META_SOURCE.get(Path(path.split("#", 1)[0]).suffix.lower(), "metadata")
        else:
            art.problems.append(f"date not understood: {meta['date'][:40]}")
    if not art.date and found.date:
        art.date, art.date_source = found.date, "header" if header else "text"
    _outside_metadata(art, path)
    art.direction = direction_of(art.text)
    art.headings = heading_spans(art.text, rec.headings, art.title, [(f.start, f.end) for f in art.folds])
    return art


HEADLINE_REACH = 3  # the headline is one of the first paragraphs (a masthead or a kicker may come first)
HEADLINE_MAX = 200  # characters; a title as long as a paragraph, or ending a sentence, is the opening sentence


def heading_spans(text: str, headings: Sequence[str], title: str,
                  folded: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` that are headings: those the markup marked (matched by their
    words, so that repair or a byline put back does not lose them) and the headline, the first
    of the opening paragraphs that reads as the title (folded boilerplate, such as a masthead,
    does not count as an opening paragraph)."""
    keys = {k for k in map(match_key, headings) if k}
    title_key = match_key(title)
    spans: list[tuple[int, int]] = []
    seen = 0
    pos = 0
    headline_found = False
    for para in text.split("\n"):
        end = pos + len(para)
        if para.strip() and not any(a <= pos and end <= b for a, b in folded):
            seen += 1
            opening = not headline_found and seen <= HEADLINE_REACH
            key = match_key(para) if keys or opening else ""
            headline = (opening and key == title_key
                        and len(para) <= HEADLINE_MAX and not para.rstrip().endswith((".", "،", ":")))
            if key and (key in keys or headline):
                spans.append((pos, end))
                headline_found = headline_found or headline
            elif not keys and seen >= HEADLINE_REACH:
                break  # nothing further can be a heading
        pos = end + 1
    return spans


_META_SOURCE = {".md": "front matter", ".markdown": "front matter", ".json": "json", ".jsonl": "json",
                ".ndjson": "json", ".html": "html", ".htm": "html", ".xhtml": "html"}


def _outside_metadata(art: Article, path: str) -> None:
    """What the collection says about the file from outside it: a manifest row, else the day its
    name or folders spell. Only fills what the file itself left empty."""
    if art.date and art.source and art.url:
        return
    try:
        found = manifest.lookup(path.split("#", 1)[0]) if "#" not in path else None
    except Exception:  # a strange manifest must not cost the reader the article
        found = None
    if found is not None:
        row, _ = found
        if not art.date and row.get("date"):
            iso = formats.normalise_date(row["date"])
            if iso:
                art.date, art.date_source = iso, "manifest"
        art.source = art.source or row.get("source") or None
        art.url = art.url or row.get("url") or None
    if not art.date:
        named = metadata.date_from_path(path)
        if named:
            art.date, art.date_source = named


def _load(path: Path, ids: _Ids, repair: bool) -> list[Article]:
    shown = str(path)
    # A text file is one article: its size is its text's. Collections and HTML pages are limited
    # per record, after extraction.
    whole_file_is_text = path.suffix.lower() not in formats.HTML_SUFFIXES | formats.JSON_SUFFIXES
    try:
        data = _read(path, MAX_TEXT_BYTES if whole_file_is_text else MAX_BYTES)
    except encoding.NotText as exc:
        return [_error_article(ids.take(path), shown, str(exc))]
    except OSError as exc:
        return [_error_article(ids.take(path), shown, _os_reason(exc))]
    digest = hashlib.sha256(data).hexdigest()[:16]
    if not data:
        return [_error_article(ids.take(path), shown, "empty file", digest)]
    try:
        dec = encoding.decode(data)
    except encoding.NotText as exc:
        return [_error_article(ids.take(path), shown, str(exc), digest)]
    try:
        records = formats.parse(path.suffix, dec.text)
    except formats.FormatError as exc:
        return [_error_article(ids.take(path), shown, str(exc), digest)]
    except Exception as exc:  # a parser library's own failure on hostile input
        return [_error_article(ids.take(path), shown, f"could not parse {path.suffix or 'file'}: {type(exc).__name__}", digest)]
    base = ids.take(path)
    out = []
    for rec in records:
        if rec.key:
            rec_hash = hashlib.sha256(f"{digest}{rec.key}{rec.text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
            out.append(_build(base + rec.key, shown + rec.key, rec, dec, rec_hash, repair))
        else:
            out.append(_build(base, shown, rec, dec, digest, repair))
    return out


def load_file(path: str | Path, *, repair: bool = True) -> list[Article]:
    """Articles of one file (several for .json/.jsonl); problems become ``Article.error``, never raised."""
    return _load(Path(path), _Ids(), repair)


# -- folders ---------------------------------------------------------------------------------------


MAX_DEPTH = 64  # folders below a folder given on the command line; deeper ones are listed as skipped


# A collection's README or licence describes the folder; read as an article it would head the list
# and link to nothing. Only skipped in a folder walk: named on the command line, it opens.
_FOLDER_DOCS = re.compile(r"(?:source_)?(?:readme|licen[cs]e|copying|changelog|contributing)(?:\.(?:md|markdown|txt|rst))?$", re.I)


def _walk(root: Path, ancestors: list[tuple[int, int]], seen_dirs: dict[tuple[int, int], str]) -> Iterator[Path | Skip]:
    """Files under ``root`` in name order, depth first, with an explicit stack: a tree a thousand
    folders deep used to exhaust Python's recursion limit and sink the whole load."""
    stack: list[tuple[Iterator[os.DirEntry[str]], list[tuple[int, int]]]] = []
    first = _entries(root)
    if isinstance(first, tuple):
        yield first
        return
    stack.append((iter(first), ancestors))
    while stack:
        entries, chain = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue  # hidden: editor swap files, .git, .DS_Store — silently, as a file manager would
        p = Path(entry.path)
        try:
            st = entry.stat(follow_symlinks=True)
        except OSError as exc:
            if entry.is_symlink():
                reason = "symlink loop" if exc.errno == errno.ELOOP else "broken symlink (target missing)"
                yield (str(p), reason)
            else:
                yield (str(p), _os_reason(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in chain:
                yield (str(p), "symlink loop (links back to a folder above it); not followed")
                continue
            if key in seen_dirs:
                yield (str(p), f"same folder as {seen_dirs[key]}; not loaded twice")
                continue
            if len(chain) > MAX_DEPTH:
                yield (str(p), f"folder more than {MAX_DEPTH} levels deep; not read")
                continue
            seen_dirs[key] = str(p)
            sub = _entries(p)
            if isinstance(sub, tuple):
                yield sub
            else:
                stack.append((iter(sub), chain + [key]))
        elif stat.S_ISREG(st.st_mode):
            if entry.name.lower() in manifest.NAMES:
                yield (str(p), "manifest: read for the articles' dates and sources, not an article")
            elif _FOLDER_DOCS.match(entry.name):
                yield (str(p), "the folder's own documentation, not an article (open it by name to read it)")
            elif p.suffix.lower() in formats.KNOWN_SUFFIXES:
                yield p
            else:
                yield (str(p), f"unsupported file type {p.suffix or '(no extension)'}")
        else:
            yield (str(p), "not a regular file (device, pipe or socket)")


def _entries(folder: Path) -> list[os.DirEntry[str]] | Skip:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return (str(folder), f"folder not readable: {_os_reason(exc)}")


def iter_articles(paths: Sequence[str | Path], *, repair: bool = True) -> Iterator[Article | Skip]:
    """Stream articles (or ``(path, reason)`` skips) from files and folders, folders in name order."""
    ids = _Ids()
    seen_files: dict[tuple[int, int], str] = {}
    seen_dirs: dict[tuple[int, int], str] = {}
    for given in paths:
        root = Path(given)
        try:
            st = os.stat(root)
        except OSError as exc:
            yield (str(root), _os_reason(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                yield (str(root), f"same folder as {seen_dirs[key]}; not loaded twice")
                continue
            seen_dirs[key] = str(root)
            files: Iterator[Path | Skip] = _walk(root, [key], seen_dirs)
        else:
            files = iter([root])  # named explicitly: any extension is tried as text
        for item in files:
            if isinstance(item, tuple):
                yield item
                continue
            try:
                fst = os.stat(item)
                fkey = (fst.st_dev, fst.st_ino)
            except OSError:
                fkey = None
            if fkey is not None and fkey in seen_files:
                yield (str(item), f"same file as {seen_files[fkey]}; not loaded twice")
                continue
            if fkey is not None:
                seen_files[fkey] = str(item)
            yield from _load(item, ids, repair)


def load_paths(paths: Sequence[str | Path], *, repair: bool = True) -> LoadResult:
    result = LoadResult()
    for item in iter_articles(paths, repair=repair):
        if isinstance(item, Article):
            result.articles.append(item)
        else:
            result.skipped.append(item)
    return result


def load_embedded(*, repair: bool = True) -> LoadResult:
    from tui import embedded_corpus_dir

    return load_paths([embedded_corpus_dir()], repair=repair)
