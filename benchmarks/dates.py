"""Date extraction throughput and yield.

Run: ``python benchmarks/dates.py`` — SaudiNewsNet (5,000 articles, needs
/work/shared/data/saudinewsnet or $QARI_SNN; skipped otherwise), the embedded corpus, and a
date-free text. Target: ≥ 5 M chars/s on news text (dates share a 60 s budget for 5,000 articles).
"""

from __future__ import annotations

import collections
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.analysis.dates import extract_dates  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SNN = Path(os.environ.get("QARI_SNN", "/work/shared/data/saudinewsnet/articles"))


def run(label: str, texts: list[str], repeat: int = 1) -> None:
    chars = sum(map(len, texts)) * repeat
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        found = [extract_dates(t) for t in texts]
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    kinds = collections.Counter((m.calendar, m.granularity) for r in found for m in r)
    total = sum(kinds.values())
    print(f"{label}: {len(texts)} texts, {chars / repeat:,.0f} chars, {dt:.2f} s, "
          f"{chars / dt / 1e6:.1f} M chars/s wall, {chars / cpu / 1e6:.1f} M chars/s CPU, "
          f"{total} dates {dict(kinds)}")


def main() -> None:
    extract_dates("في 12 فبراير 2025")  # build the matcher outside the timing
    if SNN.is_dir():
        run("SaudiNewsNet", [p.read_text(encoding="utf-8") for p in sorted(SNN.glob("*.txt"))])
    else:
        print(f"SaudiNewsNet: skipped ({SNN} not found)")
    corpus = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    run("embedded corpus x20", corpus, repeat=20)
    no_digits = "".join(c for c in "\n".join(corpus) if not c.isdigit())
    run("corpus without digits x20", [no_digits], repeat=20)


if __name__ == "__main__":
    main()
