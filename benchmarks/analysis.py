"""Analysis figures: the SaudiNewsNet 5,000 articles cold, one changed article, the embedded corpus.

Run: ``python benchmarks/analysis.py`` (needs /work/shared/data/saudinewsnet; skipped otherwise).
Targets: 5,000 articles cold ≤ 60 s and ≤ 1 GB; one changed article ≤ 1 s; embedded cold ≤ 2 s.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.analysis.cli import load  # noqa: E402
from tui.analysis.pipeline import analyze_corpus  # noqa: E402
from tui.store.cache import AnalysisCache  # noqa: E402

SNN = Path(os.environ.get("QARI_SNN", "/work/shared/data/saudinewsnet/articles"))


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def timed(label: str, fn):
    t = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t
    print(f"{label:<48} {dt:7.2f} s   peak RSS {peak_rss_mb():6.0f} MB", flush=True)
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        cache_path = Path(tmp) / "bench.sqlite3"
        arts, _ = timed("embedded corpus: load", lambda: load([]))
        with AnalysisCache(Path(tmp) / "embedded.sqlite3") as c:
            timed("embedded corpus: analyse cold (empty cache)", lambda: analyze_corpus(arts, cache=c))
            timed("embedded corpus: analyse warm", lambda: analyze_corpus(arts, cache=c))
        if not SNN.is_dir():
            print(f"{SNN} absent: large-corpus figures skipped")
            return 0
        arts, skipped = timed("saudinewsnet: load", lambda: load([str(SNN)]))
        chars = sum(len(a.text) for a in arts)
        print(f"  {len(arts)} articles, {chars / 1e6:.1f} M chars, {len(skipped)} skipped")
        with AnalysisCache(cache_path) as c:
            res = timed("saudinewsnet: analyse cold", lambda: analyze_corpus(arts, cache=c))
            n_links = sum(len(a.links) for a in res.values())
            n_pass = sum(len(a.passages) for a in res.values())
            print(f"  {n_pass} passages, {n_links} links, {sum(1 for a in res.values() for l in a.links if l.conflict)} with a conflict")
            timed("saudinewsnet: analyse warm (nothing changed)", lambda: analyze_corpus(arts, cache=c))
            changed = list(arts)
            a0 = changed[0]
            changed[0] = replace(a0, text=a0.text + "\nفقرة أضيفت للتو.", content_hash=a0.content_hash + "x")
            phases: dict[str, float] = {}
            timed("saudinewsnet: re-analyse one changed article", lambda: analyze_corpus(changed, cache=c, timings=phases))
            print(
                f"  of which: cache read {phases['cache_read']:.2f} s, per-article analysis of "
                f"{int(phases['analysed'])} article(s) {phases['articles']:.3f} s, cache write + entity grouping "
                f"{phases['store_and_group']:.2f} s, corpus-wide links {phases['links']:.2f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
