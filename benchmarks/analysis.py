"""Analysis figures: the SaudiNewsNet 5,000 articles cold, warm, one changed article; the embedded corpus.

Run: ``python benchmarks/analysis.py [--changes N] [--dump FILE]`` (needs
/work/shared/data/saudinewsnet; skipped otherwise). Targets (issue 11): 5,000 articles cold
≤ 15 s and ≤ 1 GB; one changed article ≤ 1 s on the next start; embedded cold ≤ 2 s.
``--dump FILE`` writes the cold run's passages, entities, dates and links (the
``qari analyze --json`` document without the texts): two dumps from before and after a
speed change must be byte-identical.

"Same process" is the reader analysing again while it runs (it does so once the whole
collection has loaded); "next start" is a new process with only the cache file, which is
what a user who edited a file and reopened Qari waits for. Timings on a shared machine are
noisy: run it two or three times and read the range.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.analysis.cli import load  # noqa: E402
from tui.analysis.pipeline import analyze_corpus, dumps, to_json  # noqa: E402
from tui.store.cache import AnalysisCache  # noqa: E402

SNN = Path(os.environ.get("QARI_SNN", "/work/shared/data/saudinewsnet/articles"))


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def cpu_s() -> float:
    """User + system time of this process and its finished children (worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(label: str, fn):
    t, c = time.perf_counter(), cpu_s()
    out = fn()
    dt, dc = time.perf_counter() - t, cpu_s() - c
    print(f"{label:<52} {dt:7.2f} s  (CPU {dc:6.2f} s)   peak RSS {peak_rss_mb():6.0f} MB", flush=True)
    return out


def changed_corpus(arts, which: int, stamp: str):
    out = list(arts)
    a = out[which]
    out[which] = replace(a, text=a.text + f"\nفقرة أضيفت للتو {stamp}.", content_hash=f"{a.content_hash}+{stamp}")
    return out


def phases(p: dict[str, float]) -> str:
    return (
        f"  of which: cache read {p['cache_read']:.2f} s, analysis of {int(p['analysed'])} article(s) {p['articles']:.2f} s, "
        f"cache write + entity grouping {p['store_and_group']:.2f} s, links {p['links']:.2f} s"
    )


def child(cache_path: str, which: int, stamp: str, label: str) -> int:
    """A next start: a new process, the corpus loaded, then one analysis from the cache."""
    arts, _ = load([str(SNN)])
    if which >= 0:
        arts = changed_corpus(arts, which, stamp)
    p: dict[str, float] = {}
    with AnalysisCache(cache_path) as c:
        t, cpu = time.perf_counter(), cpu_s()
        analyze_corpus(arts, cache=c, timings=p)
        dt, dc = time.perf_counter() - t, cpu_s() - cpu
    print(f"saudinewsnet: {label:<38} {dt:7.2f} s  (CPU {dc:6.2f} s)   peak RSS {peak_rss_mb():6.0f} MB")
    print(phases(p), flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=3, help="changed-article runs of each kind (default 3)")
    ap.add_argument("--dump", metavar="FILE", help="write the cold run's analyses (no texts) to FILE")
    ap.add_argument("--child", nargs=4, metavar=("CACHE", "WHICH", "STAMP", "LABEL"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.child[0], int(args.child[1]), args.child[2], args.child[3])
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
            if args.dump:
                doc = to_json(arts, res)
                for a in doc["articles"]:
                    del a["text"]
                Path(args.dump).write_text(dumps(doc), encoding="utf-8")
            timed("saudinewsnet: same process, nothing changed", lambda: analyze_corpus(arts, cache=c))
            for k in range(args.changes):
                p: dict[str, float] = {}
                changed = changed_corpus(arts, k, f"s{k}")
                timed(f"saudinewsnet: same process, article {k} changed", lambda changed=changed, p=p: analyze_corpus(changed, cache=c, timings=p))
                print(phases(p))
        cmd = [sys.executable, __file__, "--child", str(cache_path)]
        # The corpus as the last same-process run left it: the index kept for it is used as is.
        last = ([str(args.changes - 1), f"s{args.changes - 1}"] if args.changes else ["-1", "-"])
        subprocess.run(cmd + last + ["next start, nothing changed"], check=True)
        for k in range(args.changes):
            subprocess.run(cmd + [str(100 + k), f"n{k}", f"next start, article {100 + k} changed"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
