"""``qari analyze [PATH...] [--json] [--repairs] [--no-cache]``: the analysis as one JSON document."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from tui.corpus.load import load_embedded, load_paths
from tui.corpus.model import Article
from tui.corpus.repair import repair_text, repairs_report
from tui.text.sanitize import json_terminal_safe, terminal_safe


def load(paths: list[str]) -> tuple[list[Article], list[tuple[str, str]]]:
    res = load_paths(paths) if paths else load_embedded()
    return list(res.articles), list(res.skipped)


def repairs_of(article: Article) -> list[dict]:
    """Every repair made to the article's text."""
    raw = article.raw or article.text
    return repairs_report(raw, repair_text(raw))


def _err(msg: str) -> None:
    # File names and reasons come from the folder being read: never raw on the terminal.
    print(f"qari analyze: {terminal_safe(msg)}", file=sys.stderr)


def run_analyze(args: Any) -> int:
    paths = [str(p) for p in (getattr(args, "paths", None) or [])]
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        _err(f"no such file or folder: {missing[0]}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
        return 2
    try:
        articles, skipped = load(paths)
    except Exception as exc:  # a loader bug must still end in one line, not a traceback
        _err(f"could not load articles: {type(exc).__name__}: {exc}")
        return 2
    for path, reason in skipped:
        _err(f"skipped {path}: {reason}")
    bad = [a for a in articles if not a.ok]
    for a in bad:
        _err(f"skipped {a.path}: {a.error}")
    articles = [a for a in articles if a.ok]
    if not articles:
        _err("no readable articles" + (f" in {', '.join(paths)}" if paths else ""))
        return 2

    from tui.analysis.pipeline import analyze_corpus, to_json

    cache = None
    if not getattr(args, "no_cache", False):
        try:
            from tui.store.cache import AnalysisCache

            cache = AnalysisCache()
        except Exception as exc:
            _err(f"analysis cache unavailable ({exc}); continuing without it")
    try:
        analyses = analyze_corpus(articles, cache=cache)
    except Exception as exc:
        _err(f"analysis failed: {type(exc).__name__}: {exc}")
        return 1
    finally:
        if cache is not None:
            for n in cache.notices:  # e.g. a corrupt cache moved aside
                _err(n)
            cache.close()

    doc = to_json(articles, analyses)
    repairs_wanted = getattr(args, "repairs", False)
    if repairs_wanted:
        rows_by_id = {a.id: repairs_of(a) for a in articles}
        if any(v is None for v in rows_by_id.values()):
            _err("the text repairer is not available; no repairs listed")
        if not getattr(args, "json", False):
            out = []
            for a in articles:
                for r in rows_by_id.get(a.id) or []:
                    loc = f"line {r.get('line')}" + (f", col {r['column']}" if r.get("column") is not None else "")
                    fields = (a.path, r.get("kind"), loc, r.get("detail", ""))
                    out.append("\t".join(terminal_safe(f) for f in fields))
            _write("\n".join(out) + ("\n" if out else ""))
            return 0
        for entry in doc["articles"]:
            entry["repairs"] = rows_by_id.get(entry["id"]) or []
    _write(json_terminal_safe(json.dumps(doc, ensure_ascii=False)) + "\n")
    return 0


def _write(s: str) -> None:
    # UTF-8 whatever the locale says: the document is Arabic.
    sys.stdout.buffer.write(s.encode("utf-8", "surrogatepass")) if hasattr(sys.stdout, "buffer") else sys.stdout.write(s)
    sys.stdout.flush()
