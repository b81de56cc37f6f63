"""The analysis pipeline: per-article analysis (cached), corpus-wide entity grouping, links.

Extractors are passed in (``Extractors``) so that tests can count calls or fake a date;
``default_extractors()`` gives the real ones.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Callable, Iterable, TypeVar

from tui.analysis.dates import VERSION as DATES_VERSION
from tui.analysis.dates import article_date_from_header, extract_dates
from tui.analysis.entities import VERSION as ENTITIES_VERSION
from tui.analysis.entities import extract_entities, link_corpus_entities
from tui.analysis.links import (
    LINKS_VERSION,
    PassageInfo,
    attach_entities,
    base_from_json,
    base_to_json,
    passage_base,
)
from tui.analysis.links.storage import corpus_signature as _corpus_signature
from tui.analysis.links.storage import linked as _linked
from tui.analysis.model import ArticleAnalysis, DateMention, Link, Mention, Passage
from tui.analysis.passages import split_passages
from tui.corpus.model import Article

# Bump when any analyser changes its output: old cache entries are then ignored.
PIPELINE_VERSION = "3"

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Extractors:
    entities: Callable[[str], list[Mention]] | None = None
    dates: Callable[..., list[DateMention]] | None = None
    article_date: Callable[[str], tuple[str | None, list[str]]] | None = None
    # Corpus-wide: {article_id: [Mention]} -> {article_id: [Mention]} with shared ids.
    group: Callable[[dict[str, list[Mention]]], dict[str, list[Mention]]] | None = None
    version: str = PIPELINE_VERSION


def default_extractors() -> Extractors:
    """The real extractors; the version names each one's, so a change to any is a cache miss."""
    return Extractors(
        entities=extract_entities,
        dates=extract_dates,
        article_date=article_date_from_header,
        group=link_corpus_entities,
        version=f"{PIPELINE_VERSION}-e{ENTITIES_VERSION}-d{DATES_VERSION}",
    )


def _full_version(ex: Extractors) -> str:
    return f"{ex.version}+l{LINKS_VERSION}"


def _link_dates(dates) -> list[DateMention]:
    # Links compare written days, months and years. Relative dates (أمس) stay out for now: with a
    # crawl date for the article's date, "yesterday" in two reports of one event can land a day
    # apart and would read as a date conflict; weeks (2015-W32) and seasons are no day either.
    return [d for d in dates if d.gregorian and not d.relative and d.granularity in ("day", "month", "year")]


def content_key(article: Article) -> str:
    key = article.content_hash or hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
    # Relative dates (أمس، الشهر الماضي) are counted from the article's date, which may come from
    # outside the file (its name, a manifest): the same text with another date is another analysis.
    return f"{key}@{article.date}" if article.date else key


def analyze_article(article: Article, extractors: Extractors | None = None) -> ArticleAnalysis:
    """Passages, entities, dates and the article's own date. Links come later, corpus-wide."""
    ex = extractors if extractors is not None else default_extractors()
    text = article.text
    res = ArticleAnalysis(article.id, passages=split_passages(text))
    art_date = article.date
    if ex.article_date is not None:
        try:
            found, notes = ex.article_date(text)
            res.notes.extend(notes or [])
            art_date = art_date or found
        except Exception as exc:
            res.notes.append(f"article date: {type(exc).__name__}: {exc}")
    res.article_date = art_date
    if ex.entities is not None:
        try:
            res.entities = sorted(ex.entities(text), key=lambda m: (m.start, m.end))
        except Exception as exc:
            res.notes.append(f"entities: {type(exc).__name__}: {exc}")
    if ex.dates is not None:
        try:
            # Relative dates that cannot be placed (no article date) are listed without a value.
            found_dates = ex.dates(text, article_date=art_date, unresolved=True)
            res.dates = sorted(found_dates, key=lambda d: (d.start, d.end))
        except Exception as exc:
            res.notes.append(f"dates: {type(exc).__name__}: {exc}")
    return res


def _row(an: ArticleAnalysis) -> dict:
    """The cached form of one analysis: lists, not objects with named fields (half the
    bytes, and a warm start parses thousands of them)."""
    return {
        "p": [x for p in an.passages for x in (p.start, p.end)],
        "e": [[m.start, m.end, m.text, m.type, m.id, m.name] for m in an.entities],
        "d": [[d.start, d.end, d.text, d.value, d.calendar, d.gregorian, d.granularity, d.inferred_year, d.note, d.relative] for d in an.dates],
        "ad": an.article_date,
        "n": list(an.notes),
    }


# What a cached row decodes to: every part immutable, so one decoding serves every run.
_Decoded = tuple  # (passages, entities, dates, article_date, notes), each a tuple


def _decode(d: dict) -> _Decoded:
    p = d["p"]
    return (
        tuple(Passage(p[i], p[i + 1]) for i in range(0, len(p), 2)),
        tuple(Mention(*m) for m in d["e"]),
        tuple(DateMention(*x) for x in d["d"]),
        d["ad"],
        tuple(d["n"]),
    )


def _fits(dec: _Decoded, n: int) -> bool:
    """Whether a cached row can belong to a text of ``n`` characters: every span an integer range
    inside it, every label a string. A row edited or damaged on disk (offsets ``1e9``, ``-3``)
    would otherwise reach the view and ``qari analyze --json`` unchecked; such a row is analysed
    again instead. (38 ms for the 5,000 SaudiNewsNet rows, 67,000 entities.)"""
    def span(x) -> bool:
        s, e = x.start, x.end
        return type(s) is int and type(e) is int and 0 <= s <= e <= n

    passages, entities, dates, art_date, notes = dec
    return (all(map(span, passages))
            and all(span(m) and type(m.text) is str and type(m.type) is str and type(m.id) is str
                    and type(m.name) is str for m in entities)
            and all(span(d) and type(d.text) is str and type(d.value) is str for d in dates)
            and (art_date is None or type(art_date) is str) and all(type(x) is str for x in notes))


def article_blob(article: Article, ex: Extractors) -> tuple[dict, dict]:
    """What the cache keeps per article: the analysis, and apart from it the passages' link
    terms (read only when the article's links have to be scored)."""
    an = analyze_article(article, ex)
    base = [base_to_json(passage_base(article.id, article.text, p, an.entities, _link_dates(an.dates), article.folds)) for p in an.passages]
    return _row(an), {"b": base}


# Worker state for the process pool (fork keeps the extractors without pickling them).
_POOL_EX: Extractors | None = None


def _pool_work(article: Article) -> tuple[dict, dict]:
    assert _POOL_EX is not None  # set before the pool forks
    return article_blob(article, _POOL_EX)


def _analyze_many(
    articles: list[Article], ex: Extractors, progress: Progress | None, done0: int, total: int, workers: int | None = None
) -> list[tuple[dict, dict]]:
    global _POOL_EX
    workers = _workers(workers)
    out: list[tuple[dict, dict]] = []
    if len(articles) >= 200 and workers > 1 and "fork" in _start_methods():
        import multiprocessing as mp

        _POOL_EX = ex
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                for i, d in enumerate(pool.imap(_pool_work, articles, chunksize=16)):
                    out.append(d)
                    if progress and i % 50 == 0:
                        progress(done0 + i + 1, total)
            return out
        except (OSError, RuntimeError):
            out = []  # no processes available here: do it in this one
        finally:
            _POOL_EX = None
    for i, art in enumerate(articles):
        out.append(article_blob(art, ex))
        if progress:
            progress(done0 + i + 1, total)
    return out


def _workers(workers: int | None) -> int:
    return min(os.cpu_count() or 1, 4) if workers is None else workers


def _start_methods() -> list[str]:
    import multiprocessing as mp

    return mp.get_all_start_methods()


# Per cache file, what the last run decoded and linked. Rows are immutable and keyed by
# content, so a second run in the same process (the reader analyses the first articles
# at mount, then the whole collection) need not parse them again.
_DECODED: dict[str, dict[tuple[str, str], _Decoded]] = {}


def _cache_id(cache: Any) -> str | None:
    path = getattr(cache, "path", None)
    return str(path) if path is not None else None


def _get_many(cache: Any, keys: list[tuple[str, str]]) -> dict:
    if cache is None or not keys:
        return {}
    if hasattr(cache, "get_many"):
        return cache.get_many(keys)
    return {k: v for k in keys if (v := cache.get(k)) is not None}


def _put_many(cache: Any, items: list) -> None:
    if cache is None or not items:
        return
    if hasattr(cache, "put_many"):
        cache.put_many(items)
    else:
        for k, v in items:
            cache.put(k, v)


def _entity_digest(mentions: list[Mention]) -> str:
    """What linking sees of an article's grouped entities: when another article's change
    regroups them (a new full name claims a bare surname), its passages are linked again.
    (Spans and surface text are fixed by the article's content key.)"""
    h = hashlib.blake2b(digest_size=8)
    for field in (_ID, _NAME, _TYPE):
        h.update("\x1f".join(map(field, mentions)).encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()


_ID, _NAME, _TYPE = attrgetter("id"), attrgetter("name"), attrgetter("type")


T = TypeVar("T")


def _collector_paused(run: Callable[..., T]) -> Callable[..., T]:
    """Pause the cyclic garbage collector while ``run`` runs.

    The analysis builds hundreds of thousands of acyclic objects, and each full collection they
    trigger held the GIL for 0.1–0.6 s, which froze a reader analysing in a background thread.
    Reference counting still frees them. What the run kept (analyses, the link index) would make
    the first full collection after it walk millions of objects — a pause of seconds — so it is
    frozen out of the collector's view before the collector comes back.
    """

    @functools.wraps(run)
    def paused(*args: Any, **kwargs: Any) -> T:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return run(*args, **kwargs)
        finally:
            if was_enabled:
                gc.freeze()
                gc.enable()

    return paused


def _cached_rows(cache: Any, where: str | None, keys: dict[str, tuple[str, str]],
                 arts: list[Article]) -> dict[tuple[str, str], _Decoded]:
    """The analyses already made: decoded by an earlier run in this process, else read from the
    cache, each checked against its text (a row that does not fit is analysed again)."""
    memo = _DECODED.get(where, {}) if where else {}
    decoded: dict[tuple[str, str], _Decoded] = {k: memo[k] for k in keys.values() if k in memo}
    length = {keys[a.id]: len(a.text) for a in arts}  # one content key, one text length
    for k, d in _get_many(cache, [k for k in dict.fromkeys(keys.values()) if k not in decoded]).items():
        try:
            row = _decode(d)
        except (KeyError, TypeError, ValueError, IndexError):
            continue  # a row of another layout: analyse again
        if _fits(row, length[k]):
            decoded[k] = row
    return decoded


def _group_entities(group: Callable[[dict[str, list[Mention]]], dict[str, list[Mention]]],
                    results: dict[str, ArticleAnalysis]) -> None:
    """Corpus-wide entity ids; a failure leaves each article's own and says so in its notes."""
    try:
        grouped = group({aid: an.entities for aid, an in results.items()})
        for aid, ms in (grouped or {}).items():
            if aid in results:
                results[aid].entities = sorted(ms, key=lambda m: (m.start, m.end))
    except Exception as exc:
        for an in results.values():
            an.notes.append(f"entity grouping: {type(exc).__name__}: {exc}")


def _infos_loader(cache: Any, keys: dict[str, tuple[str, str]], base_version: str, fresh_bases: dict[str, list],
                  results: dict[str, ArticleAnalysis], by_id: dict[str, Article]
                  ) -> Callable[[list[str]], dict[str, list[PassageInfo]]]:
    """What the link index calls for the passages of the articles it has to (re)link: their link
    terms from this run or the cache, rebuilt where missing, with the grouped entities attached."""

    def infos_for(ids: list[str]) -> dict[str, list[PassageInfo]]:
        want = [aid for aid in ids if aid not in fresh_bases]
        got = _get_many(cache, [(keys[aid][0], base_version) for aid in want])
        out: dict[str, list[PassageInfo]] = {}
        for aid in ids:
            an = results[aid]
            rows = fresh_bases.get(aid)
            if rows is None:
                rows = (got.get((keys[aid][0], base_version)) or {}).get("b")
            try:
                infos = [base_from_json(aid, row) for row in rows] if rows is not None else None
            except (TypeError, ValueError):
                infos = None
            if infos is None or len(infos) != len(an.passages):
                # Not cached (or damaged): the terms cost little for one article.
                a = by_id[aid]
                infos = [passage_base(aid, a.text, p, an.entities, _link_dates(an.dates), a.folds) for p in an.passages]
            for info in infos:
                attach_entities(info, an.entities)
            out[aid] = infos
        return out

    return infos_for


def _own_links(rec: Any) -> list[Link]:
    """An article's own links, decoded from the index's kept bytes (a ``_Packed`` record)."""
    links: list[Link] = rec.decode()[0]
    return links


@_collector_paused
def analyze_corpus(
    articles: Iterable[Article],
    *,
    cache: Any = None,
    progress: Progress | None = None,
    extractors: Extractors | None = None,
    timings: dict[str, float] | None = None,
    workers: int | None = None,
) -> dict[str, ArticleAnalysis]:
    """Analyse every loaded article, group entities corpus-wide, then link passages.

    ``cache`` is anything with ``get_many``/``put_many`` (or ``get``/``put``) over
    ``(hash, version)`` keys, e.g. ``tui.store.cache.AnalysisCache``; with ``get_bytes``/
    ``put_bytes`` as well, the corpus-wide link index is kept too, so that a changed article
    costs only the links it touches (see ``LinkIndex.update``). ``progress(done, total)``
    is called now and then. ``timings``, if given, receives seconds per phase. ``workers``:
    processes for per-article analysis of 200+ uncached articles and for building the
    link index of a large corpus (default: up to 4, by fork); pass 1 from a process whose
    threads must not be forked (a running UI).
    """
    import time

    t0 = time.perf_counter()
    ex = extractors if extractors is not None else default_extractors()
    arts = list({a.id: a for a in articles if a.ok}.values())
    total = len(arts)
    version = _full_version(ex)
    base_version = version + "/links"
    keys = {a.id: (content_key(a), version) for a in arts}
    where = _cache_id(cache) if cache is not None else None
    decoded = _cached_rows(cache, where, keys, arts)
    misses = [a for a in arts if keys[a.id] not in decoded]
    if progress:
        progress(total - len(misses), total)
    t_cache = time.perf_counter()
    fresh = _analyze_many(misses, ex, progress, total - len(misses), total, workers)
    t_articles = time.perf_counter()
    fresh_bases: dict[str, list] = {}
    for a, (row, base) in zip(misses, fresh):
        decoded[keys[a.id]] = _decode(row)
        fresh_bases[a.id] = base["b"]
    _put_many(cache, [item for a, (row, base) in zip(misses, fresh) for item in ((keys[a.id], row), ((keys[a.id][0], base_version), base))])
    if where:
        _DECODED[where] = {k: decoded[k] for k in keys.values()}

    results: dict[str, ArticleAnalysis] = {}
    for a in arts:
        ps, es, ds, art_date, notes = decoded[keys[a.id]]
        results[a.id] = ArticleAnalysis(a.id, list(ps), list(es), list(ds), [], art_date, list(notes))
    if ex.group is not None:
        _group_entities(ex.group, results)

    t_group = time.perf_counter()
    texts = {a.id: a.text for a in arts}
    infos_for = _infos_loader(cache, keys, base_version, fresh_bases, results, {a.id: a for a in arts})
    link_keys = [(a.id, f"{keys[a.id][0]}/{_entity_digest(results[a.id].entities)}") for a in arts]
    sig = _corpus_signature(keys, version)
    index = _linked(cache, where, sig, version, link_keys, infos_for, texts, _workers(workers))
    for aid, ls in index.links.items():
        if aid in results:
            results[aid].links = list(ls)
    for aid, rec in index.packed.items():
        if aid in results:
            # Decoded from the kept bytes when read, without touching the index (which may
            # be updated from another thread meanwhile).
            results[aid].defer_links(functools.partial(_own_links, rec))
    if timings is not None:
        t_end = time.perf_counter()
        timings.update(
            cache_read=t_cache - t0,
            articles=t_articles - t_cache,
            analysed=float(len(misses)),
            store_and_group=t_group - t_articles,
            links=t_end - t_group,
        )
    return results


def passage_infos(articles: list[Article], results: dict[str, ArticleAnalysis]) -> list[PassageInfo]:
    """Link inputs of every passage (for tools and tests; analyze_corpus uses cached bases)."""
    infos: list[PassageInfo] = []
    for a in articles:
        an = results.get(a.id)
        if an is None:
            continue
        for p in an.passages:
            info = passage_base(a.id, a.text, p, an.entities, _link_dates(an.dates), a.folds)
            attach_entities(info, an.entities)
            infos.append(info)
    return infos


def to_json(articles: Iterable[Article], analyses: dict[str, ArticleAnalysis]) -> dict:
    """The ``qari analyze --json`` document (key names are a public contract)."""
    out = []
    for a in articles:
        an = analyses.get(a.id) or ArticleAnalysis(a.id)
        out.append(
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "source": a.source,
                "date": a.date or an.article_date,
                "date_source": a.date_source or ("header" if an.article_date else None),
                "text": a.text,
                "passages": [{"start": p.start, "end": p.end} for p in an.passages],
                "entities": [
                    {"start": m.start, "end": m.end, "text": m.text, "type": m.type, "id": m.id, "name": m.name}
                    for m in an.entities
                ],
                "dates": [
                    {"start": d.start, "end": d.end, "text": d.text, "value": d.value, "calendar": d.calendar, "gregorian": d.gregorian}
                    # Beyond the stable fields: say when the year was supplied, and why a date is odd.
                    | ({"year_inferred": True} if d.inferred_year else {})
                    | ({"granularity": d.granularity} if d.granularity in ("week", "season") else {})
                    # Counted from the article's date (أمس، الشهر الماضي): resolved when it has one.
                    | ({"relative": d.relative, "resolved": d.value is not None} if d.relative else {})
                    | ({"note": d.note} if d.note else {})
                    for d in an.dates
                ],
                "links": [
                    {
                        "start": l.start,
                        "end": l.end,
                        "target": l.target,
                        "target_start": l.target_start,
                        "target_end": l.target_end,
                        "score": l.score,
                        "reason": l.reason,
                        "conflict": l.conflict,
                        "strength": l.strength,
                    }
                    for l in an.links
                ],
            }
        )
    return {"version": 1, "articles": out}


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=None)
