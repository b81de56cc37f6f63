"""Line-reversal detection against the hand-checked truth for corpus article 002.

Prints precision / recall / F1, the count of each repair kind and the time taken.
Run: python benchmarks/repair_eval.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.corpus.repair import (  # noqa: E402
    REVERSAL_THRESHOLD,
    WordPairStats,
    default_stats,
    looks_like_pdf_extraction,
    repair_text,
    reversal_scores,
    simulate_pdf_extraction,
)


def evaluate(raw: str, truth: dict, stats=None) -> tuple[float, float, float, Counter]:
    res = repair_text(raw, stats=stats)
    predicted = {r.line for r in res.repairs if r.kind == "reversed-line"}
    gold = {int(k) for k, v in truth["reversed_lines"].items() if v}
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    paras = res.text.split("\n")
    exact = sum(a == b for a, b in zip(paras, truth["paragraphs"]))
    print(f"  missed lines: {sorted(gold - predicted)}  false alarms: {sorted(predicted - gold)}")
    print(f"  paragraphs: {len(paras)} (truth {truth['paragraph_count']}), exact {exact}/{len(truth['paragraphs'])}")
    return p, r, f, Counter(x.kind for x in res.repairs)


def main() -> None:
    truth = json.loads((ROOT / "tests/data/repair_002_truth.json").read_text(encoding="utf-8"))
    raw = (ROOT / truth["file"]).read_text(encoding="utf-8")
    t0 = time.perf_counter()
    default_stats()
    t1 = time.perf_counter()
    print(f"default statistics from the other corpus articles: {(t1 - t0) * 1000:.1f} ms")
    for label, stats in (("document + corpus statistics", None), ("document statistics only", WordPairStats())):
        print(label)
        t0 = time.perf_counter()
        p, r, f, counts = evaluate(raw, truth, stats)
        dt = time.perf_counter() - t0
        print(f"  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  ({dt * 1000:.0f} ms incl. report)")
        for kind, n in sorted(counts.items()):
            print(f"    {kind:16} {n}")
    # Synthetic extractions of the truth paragraphs: these have forward multi-run lines too, so
    # precision is measured against real negatives (002 itself has none). The share of reversed
    # lines varies because the document prior follows it.
    for share in (0.1, 0.5, 0.9):
        tp = fp = fn = 0
        for seed in range(5):
            sim, sim_truth = simulate_pdf_extraction("\n".join(truth["paragraphs"]), seed=seed, reverse_share=share)
            scores = reversal_scores(sim)
            for no, rev in sim_truth.items():
                pred = scores.get(no, float("-inf")) > REVERSAL_THRESHOLD
                tp += pred and rev
                fp += pred and not rev
                fn += rev and not pred
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(
            f"synthetic extractions of the 002 text, {share:.0%} reversed (5 seeds, {tp + fn} reversed lines):"
            f" precision {p:.3f}  recall {r:.3f}  F1 {2 * p * r / (p + r):.3f}"
        )
    t0 = time.perf_counter()
    n = 5
    for _ in range(n):
        repair_text(raw)
    print(f"repair_text on {len(raw)} chars: {(time.perf_counter() - t0) / n * 1000:.1f} ms per run")
    shared = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles"
    if shared.is_dir():
        # evaluation only: how the decision scales with more word-pair data, and whether the
        # gate stays shut on thousands of ordinary articles
        paths = sorted(shared.glob("*.txt"))
        t0 = time.perf_counter()
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
        gated = [p.name for p, t in zip(paths, texts) if looks_like_pdf_extraction(t)]
        dt = time.perf_counter() - t0
        print(f"gate on {len(texts)} SaudiNewsNet articles: {len(gated)} flagged {gated[:5]} ({dt:.1f} s)")
        changed = sum(repair_text(t).text != t.replace("\r\n", "\n") for t in texts[:500])
        print(f"  repair_text changed {changed} of the first 500 (must be 0)")
        # the detector on its own: forward lines that hold a double space, scored without the gate
        multi = rev = 0
        for t in texts:
            if re.search(r"\S[^\S\n]{2,}\S", t):
                scores = reversal_scores(t, gate=False)
                multi += sum(s != float("-inf") for s in scores.values())
                rev += sum(s > REVERSAL_THRESHOLD for s in scores.values())
        print(f"  gate bypassed: {rev} of {multi} double-spaced forward lines called reversed ({rev / max(multi, 1):.1%})")
        big = default_stats().merged(WordPairStats.from_texts(texts))
        print("document + corpus + SaudiNewsNet statistics (evaluation only)")
        p, r, f, _ = evaluate(raw, truth, big)
        print(f"  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    else:
        print("(../shared/data/saudinewsnet absent: skipping the large-corpus figures)")


if __name__ == "__main__":
    main()
