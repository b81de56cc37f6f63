"""Corpus loading speed on SaudiNewsNet (5,000 articles): first 50, all, peak RSS, title agreement.

    python benchmarks/corpus.py [FOLDER] [--no-repair]

The data set lives outside the repository (/work/shared/data/saudinewsnet); nothing is copied.
Titles are compared with manifest.tsv, whose title column is each file's first line.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.corpus.load import iter_articles, load_embedded  # noqa: E402
from tui.corpus.model import Article  # noqa: E402

DEFAULT = Path("/work/shared/data/saudinewsnet/articles")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _manifest_title(t: str) -> str:
    # The manifest quotes fields CSV-style when they contain quotes; the loader collapses spaces.
    t = t.strip()
    if len(t) > 1 and t[0] == t[-1] == '"':
        t = t[1:-1].replace('""', '"')
    return " ".join(t.split())


def run(folder: Path, repair: bool) -> None:
    manifest = {}
    mpath = folder.parent / "manifest.tsv"
    if mpath.exists():
        with open(mpath, encoding="utf-8", newline="") as fh:
            manifest = {row["id"]: row for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}

    t0 = time.perf_counter()
    c0 = time.process_time()
    t50 = None
    articles: list[Article] = []
    skipped = 0
    for item in iter_articles([folder], repair=repair):
        if isinstance(item, Article):
            articles.append(item)
            if len(articles) == 50:
                t50 = time.perf_counter() - t0
        else:
            skipped += 1
    total = time.perf_counter() - t0
    cpu = time.process_time() - c0
    errors = sum(1 for a in articles if not a.ok)
    same = sum(1 for a in articles if a.id in manifest and a.title == _manifest_title(manifest[a.id]["title"]))
    with_date = sum(1 for a in articles if a.date)
    with_author = sum(1 for a in articles if a.author)
    print(f"folder: {folder}  repair={'on' if repair else 'off'}")
    print(f"first 50 articles: {t50 * 1000:.0f} ms" if t50 is not None else "fewer than 50 articles")
    print(f"all {len(articles):,} articles: {total:.2f} s ({total / max(len(articles), 1) * 1e3:.2f} ms each), "
          f"{skipped} skipped, {errors} with errors; CPU {cpu:.2f} s")
    if manifest:
        print(f"title = manifest title: {same:,}/{len(articles):,}")
    print(f"with a date: {with_date:,}; with an author: {with_author:,}")
    print(f"peak RSS: {_peak_rss_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--no-repair", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    load_embedded(repair=not args.no_repair)
    print(f"embedded corpus (5 articles): {(time.perf_counter() - t0) * 1000:.0f} ms")
    if not args.folder.is_dir():
        print(f"{args.folder}: not found; skipping the large-collection figures")
        return
    run(args.folder, repair=not args.no_repair)


if __name__ == "__main__":
    main()
