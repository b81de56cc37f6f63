"""Reversal detection on synthetic PDF extractions, where forward multi-run lines exist too.

Article 002 has no multi-run line in logical order, so its precision says little; here the
truth paragraphs are re-wrapped with random justification gaps and half the lines reversed,
giving true negatives to measure false alarms against.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.corpus.repair import REVERSAL_THRESHOLD, looks_like_pdf_extraction, repair_text, reversal_scores, simulate_pdf_extraction

ROOT = Path(__file__).resolve().parents[2]
TRUTH = json.loads((ROOT / "tests/data/repair_002_truth.json").read_text(encoding="utf-8"))
TEXT = "\n".join(TRUTH["paragraphs"])


@pytest.mark.parametrize("seed", [0, 1])
def test_synthetic_precision_recall(seed):
    raw, truth = simulate_pdf_extraction(TEXT, seed=seed)
    assert looks_like_pdf_extraction(raw)
    assert sum(truth.values()) > 100 and sum(not v for v in truth.values()) > 100
    scores = reversal_scores(raw)
    predicted = {n for n, s in scores.items() if s > REVERSAL_THRESHOLD}
    gold = {n for n, v in truth.items() if v}
    tp = len(predicted & gold)
    assert tp / len(predicted) >= 0.92
    assert tp / len(gold) >= 0.85


def test_synthetic_repair_restores_most_text():
    raw, _ = simulate_pdf_extraction(TEXT, seed=3)
    got = repair_text(raw).text.split()
    want = TEXT.split()
    # word multiset survives exactly (only order may differ where a line was misjudged)
    assert sorted(got) == sorted(w for w in want if w)
    pairs_want = set(zip(want, want[1:]))
    pairs_got = list(zip(got, got[1:]))
    assert sum(p in pairs_want for p in pairs_got) / len(pairs_got) >= 0.95
