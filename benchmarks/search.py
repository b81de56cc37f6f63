"""Search figures: time per keystroke while a query is typed letter by letter.

Run: ``python benchmarks/search.py [N]`` — the embedded corpus, then N (default 1,000)
SaudiNewsNet articles from /work/shared/data/saudinewsnet/articles (skipped when absent;
``QARI_SNN`` points elsewhere). Target: ≤ 100 ms per keystroke (p95) on 1,000 articles.
Each keystroke runs ``CorpusSearch.search(prefix, limit=200)``, ``count(prefix)`` and
``find_in(open article, prefix)`` — what the prompt shows — on a warm index (built once, timed separately). The English-name queries need the
analysis, which is computed once (cached in a temporary directory) and not part of the figures.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.analysis.pipeline import analyze_corpus  # noqa: E402
from tui.analysis.search import CorpusSearch  # noqa: E402
from tui.corpus.load import load_embedded, load_paths  # noqa: E402

SNN = Path(os.environ.get("QARI_SNN", "/work/shared/data/saudinewsnet/articles"))
QUERIES = ["ترامب", "بوتين", "putin", "الرياض", "المملكة العربية", "trump"]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def run(label: str, articles) -> None:
    chars = sum(len(a.text) for a in articles)
    print(f"\n{label}: {len(articles)} articles, {chars / 1e6:.2f} M characters")
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QARI_CACHE_DIR"] = tmp
        analyses = analyze_corpus(articles)
    print(f"  analysis (not part of search)      {time.perf_counter() - t:7.2f} s")
    t = time.perf_counter()
    cs = CorpusSearch(articles, analyses)
    print(f"  index build                        {(time.perf_counter() - t) * 1000:7.1f} ms")
    all_times: list[float] = []
    for q in QUERIES:
        times = []
        hits = total = 0
        for k in range(1, len(q) + 1):
            prefix = q[:k]
            t = time.perf_counter()
            hits = len(cs.search(prefix, limit=200))
            total = cs.count(prefix)
            cs.find_in(articles[0].id, prefix)  # the open article's count
            times.append((time.perf_counter() - t) * 1000)
        all_times += times
        print(
            f"  {q!r:<20} keystrokes {len(times):2d}  p50 {statistics.median(times):6.2f} ms  "
            f"p95 {pct(times, 95):6.2f} ms  max {max(times):6.2f} ms  hits {hits} (text matches {total})"
        )
    print(f"  all keystrokes: p50 {statistics.median(all_times):.2f} ms, p95 {pct(all_times, 95):.2f} ms, max {max(all_times):.2f} ms")
    # A fresh index (nothing mapped yet) pays for the offset maps of the articles with hits.
    cs = CorpusSearch(articles, analyses)
    t = time.perf_counter()
    cs.search("ا", limit=200)
    print(f"  first keystroke on a fresh index   {(time.perf_counter() - t) * 1000:7.1f} ms")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    run("embedded corpus", load_embedded().articles)
    if not SNN.is_dir():
        print(f"\nSaudiNewsNet not found at {SNN}: skipped")
        return 0
    files = sorted(SNN.iterdir())[:n]
    t = time.perf_counter()
    loaded = load_paths(files).articles
    print(f"\nloaded {len(loaded)} SaudiNewsNet articles in {time.perf_counter() - t:.1f} s")
    run(f"SaudiNewsNet {n}", loaded)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
