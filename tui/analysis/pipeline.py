"""The analysis pipeline: per-article analysis (cached), corpus-wide entity grouping, links.

Extractors are passed in (``Extractors``) so the pipeline does not depend on which of them
exist yet; ``default_extractors()`` picks up the real ones when they import.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable

from tui.analysis.links import LINKS_VERSION, PassageInfo, attach_entities, base_from_json, base_to_json, compute_links, passage_base
from tui.analysis.model import ArticleAnalysis, DateMention, Link, Mention, Passage
from tui.analysis.passages import split_passages
from tui.corpus.model import Article

# Bump when any analyser changes its output: old cache entries are then ignored.
PIPELINE_VERSION = "2"

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
    """The real extractors, each only if its module imports cleanly."""
    ex = Extractors()
    parts = [PIPELINE_VERSION]
    try:
        from tui.analysis import entities as _ent

        ex.entities = getattr(_ent, "extract_entities", None)
        for name in ("group_entities", "group_corpus_entities", "link_entities", "assign_ids", "group_mentions"):
            if callable(getattr(_ent, name, None)):
                ex.group = getattr(_ent, name)
                break
        parts.append("e" + str(getattr(_ent, "VERSION", getattr(_ent, "__version__", "0"))))
    except Exception:  # a helper module mid-edit must not take the pipeline down
        pass
    try:
        from tui.analysis import dates as _dates

        ex.dates = getattr(_dates, "extract_dates", None)
        ex.article_date = getattr(_dates, "article_date_from_header", None)
        parts.append("d" + str(getattr(_dates, "VERSION", getattr(_dates, "__version__", "0"))))
    except Exception:
        pass
    if ex.dates is None:
        ex.dates = fallback_dates
        parts.append("fd")
    ex.version = "-".join(parts)
    return ex


def _full_version(ex: Extractors) -> str:
    return f"{ex.version}+l{LINKS_VERSION}"


_GREG_MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        (
            "يناير كانون الثاني",
            "فبراير شباط",
            "مارس آذار",
            "أبريل ابريل نيسان",
            "مايو أيار",
            "يونيو حزيران",
            "يوليو تموز",
            "أغسطس اغسطس آب",
            "سبتمبر أيلول",
            "أكتوبر تشرين",
            "نوفمبر",
            "ديسمبر",
        )
    )
    for m in ms.split()
    if m not in ("كانون", "الثاني", "تشرين")
}
_FALLBACK_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_GREG_MONTHS) + r")(?:\s+(\d{4}))?")


def fallback_dates(text: str, article_date: str | None = None) -> list[DateMention]:
    """Minimal "12 فبراير 2025" dates, used only while tui.analysis.dates is absent."""
    out = []
    year_default = article_date[:4] if article_date else None
    for m in _FALLBACK_DATE.finditer(text):
        day, month, year = int(m.group(1)), _GREG_MONTHS[m.group(2)], m.group(3)
        if not 1 <= day <= 31:
            continue
        y = year or year_default
        if y is None:
            continue
        iso = f"{y}-{month:02d}-{day:02d}"
        out.append(DateMention(m.start(), m.end(), m.group(), iso, "gregorian", iso, "day", year is None))
    return out


def content_key(article: Article) -> str:
    if article.content_hash:
        return article.content_hash
    return hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()


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
            res.dates = sorted(ex.dates(text, article_date=art_date), key=lambda d: (d.start, d.end))
        except Exception as exc:
            res.notes.append(f"dates: {type(exc).__name__}: {exc}")
    return res


def analysis_to_dict(a: ArticleAnalysis) -> dict:
    return {
        "article_id": a.article_id,
        "passages": [[p.start, p.end] for p in a.passages],
        "entities": [asdict(m) for m in a.entities],
        "dates": [asdict(d) for d in a.dates],
        "article_date": a.article_date,
        "notes": list(a.notes),
    }


def analysis_from_dict(d: dict) -> ArticleAnalysis:
    return ArticleAnalysis(
        d["article_id"],
        passages=[Passage(s, e) for s, e in d["passages"]],
        entities=[Mention(**m) for m in d["entities"]],
        dates=[DateMention(**x) for x in d["dates"]],
        article_date=d.get("article_date"),
        notes=list(d.get("notes", [])),
    )


# Worker state for the process pool (fork keeps the extractors without pickling them).
_POOL_EX: Extractors | None = None


def article_blob(article: Article, ex: Extractors) -> dict:
    """What the cache keeps per article: the analysis plus the passages' link terms."""
    an = analyze_article(article, ex)
    d = analysis_to_dict(an)
    d["link_base"] = [base_to_json(passage_base(article.id, article.text, p, an.entities, an.dates)) for p in an.passages]
    return d


def _pool_work(article: Article) -> dict:
    return article_blob(article, _POOL_EX)


def _analyze_many(
    articles: list[Article], ex: Extractors, progress: Progress | None, done0: int, total: int, workers: int | None = None
) -> list[dict]:
    global _POOL_EX
    workers = min(os.cpu_count() or 1, 4) if workers is None else workers
    out: list[dict] = []
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


def _start_methods() -> list[str]:
    import multiprocessing as mp

    return mp.get_all_start_methods()


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
    ``(hash, version)`` keys, e.g. ``tui.store.cache.AnalysisCache``. ``progress(done, total)``
    is called now and then. ``timings``, if given, receives seconds per phase. ``workers``:
    processes for per-article analysis of 200+ uncached articles (default: up to 4, by
    fork); pass 1 from a process whose threads must not be forked (a running UI).
    """
    import time

    t0 = time.perf_counter()
    ex = extractors if extractors is not None else default_extractors()
    arts = [a for a in articles if a.ok]
    total = len(arts)
    version = _full_version(ex)
    keys = {a.id: (content_key(a), version) for a in arts}
    cached: dict = {}
    if cache is not None:
        if hasattr(cache, "get_many"):
            cached = cache.get_many(list(keys.values()))
        else:
            cached = {k: v for k in keys.values() if (v := cache.get(k)) is not None}
    results: dict[str, ArticleAnalysis] = {}
    bases: dict[str, list[PassageInfo]] = {}
    misses: list[Article] = []

    def take(a: Article, d: dict) -> None:
        an = analysis_from_dict(d)
        an.article_id = a.id
        base = [base_from_json(a.id, row) for row in d["link_base"]]
        results[a.id] = an
        bases[a.id] = base

    for a in arts:
        d = cached.get(keys[a.id])
        if d is not None:
            try:
                take(a, d)
                continue
            except (KeyError, TypeError, ValueError):
                pass
        misses.append(a)
    if progress:
        progress(total - len(misses), total)
    t_cache = time.perf_counter()
    fresh = _analyze_many(misses, ex, progress, total - len(misses), total, workers)
    t_articles = time.perf_counter()
    for a, d in zip(misses, fresh):
        take(a, d)
    if cache is not None and fresh:
        items = [(keys[a.id], d) for a, d in zip(misses, fresh)]
        if hasattr(cache, "put_many"):
            cache.put_many(items)
        else:
            for k, v in items:
                cache.put(k, v)

    if ex.group is not None:
        try:
            grouped = ex.group({aid: an.entities for aid, an in results.items()})
            for aid, ms in (grouped or {}).items():
                if aid in results:
                    results[aid].entities = sorted(ms, key=lambda m: (m.start, m.end))
        except Exception as exc:
            for an in results.values():
                an.notes.append(f"entity grouping: {type(exc).__name__}: {exc}")

    t_group = time.perf_counter()
    texts = {a.id: a.text for a in arts}
    sig = _corpus_signature(keys, version)
    links = None
    if cache is not None:
        got = cache.get((sig, "links-" + version))
        if got is not None:
            links = {aid: [Link(*l) for l in ls] for aid, ls in got.get("links", {}).items()}
    if links is None:
        infos = []
        for a in arts:
            for info in bases.get(a.id, ()):
                attach_entities(info, results[a.id].entities)
                infos.append(info)
        links = compute_links(infos, texts)
        if cache is not None:
            cache.put(
                (sig, "links-" + version),
                {"links": {aid: [list(_link_tuple(l)) for l in ls] for aid, ls in links.items()}},
            )
    for aid, ls in links.items():
        if aid in results:
            results[aid].links = ls
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


def _link_tuple(l: Link) -> tuple:
    return (l.start, l.end, l.target, l.target_start, l.target_end, l.score, l.reason, l.conflict)


def _corpus_signature(keys: dict[str, tuple[str, str]], version: str) -> str:
    h = hashlib.sha256(version.encode())
    for aid in sorted(keys):
        h.update(f"{aid}\0{keys[aid][0]}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def passage_infos(articles: list[Article], results: dict[str, ArticleAnalysis]) -> list[PassageInfo]:
    """Link inputs of every passage (for tools and tests; analyze_corpus uses cached bases)."""
    infos: list[PassageInfo] = []
    for a in articles:
        an = results.get(a.id)
        if an is None:
            continue
        for p in an.passages:
            info = passage_base(a.id, a.text, p, an.entities, an.dates)
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
                "text": a.text,
                "passages": [{"start": p.start, "end": p.end} for p in an.passages],
                "entities": [
                    {"start": m.start, "end": m.end, "text": m.text, "type": m.type, "id": m.id, "name": m.name}
                    for m in an.entities
                ],
                "dates": [
                    {"start": d.start, "end": d.end, "text": d.text, "value": d.value, "calendar": d.calendar, "gregorian": d.gregorian}
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
                    }
                    for l in an.links
                ],
            }
        )
    return {"version": 1, "articles": out}


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=None)
