"""Entity errors on ANERcorp (test split) or AQMAR, by frequency: for one type, the
false positives (with what the gold has there: another type, an overlapping span, or
nothing) and the misses (with what Qari found over them). Scoring as in
``ner_eval.py`` (exact token span and type; running text of ``--context`` sentences).

Prints to the terminal only; it is not a test. Evaluation only: read the errors for
general rules and general vocabulary, never copy names from them into the project.

    python benchmarks/ner_errors.py [ORG|LOC|PER] [--set aner|aqmar] [--top 60] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ner_eval import chunks, predicted_spans, read_conll, spans_from_bio  # noqa: E402


def errors(sents: list[list[tuple[str, str]]], type_: str, context: int) -> tuple[Counter, Counter]:
    fp: Counter = Counter()
    fn: Counter = Counter()
    for sent in chunks(sents, context):
        toks = [w for w, _ in sent]
        gold = spans_from_bio([t for _, t in sent])
        pred = predicted_spans(toks)
        by_span = {(a, b): t for a, b, t in gold}
        for a, b, t in pred - gold:
            if t != type_:
                continue
            other = by_span.get((a, b))
            note = f"[gold {other}]" if other else "[overlap]" if any(x < b and a < y for x, y, _ in gold) else ""
            fp[f"{' '.join(toks[a:b])} {note}".strip()] += 1
        for a, b, t in gold - pred:
            if t != type_:
                continue
            over = [f"{pt}:{' '.join(toks[x:y])}" for x, y, pt in pred if x < b and a < y]
            note = f"[found {', '.join(over)}]" if over else ""
            fn[f"{' '.join(toks[a:b])} {note}".strip()] += 1
    return fp, fn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = (ROOT.parent / "shared" / "data", ROOT.parents[1] / "shared" / "data")
    ap.add_argument("type", nargs="?", default="ORG", choices=("PER", "LOC", "ORG"))
    ap.add_argument("--set", default="aner", choices=("aner", "aqmar"))
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--context", type=int, default=20, help="sentences per text (running text)")
    ap.add_argument("--data", type=Path, default=next((p for p in shared if p.is_dir()), shared[0]))
    args = ap.parse_args()
    path = args.data / ("anercorp_camellab/ANERCorp_CamelLab_test.txt" if args.set == "aner"
                        else "aqmar/aqmar_all_normalized.conll")
    if not path.is_file():
        print(f"{path} not found, skipped")
        return
    fp, fn = errors(read_conll(path), args.type, args.context)
    for title, counter in (("false positives", fp), ("misses", fn)):
        print(f"\n{args.type} {title}: {sum(counter.values())}")
        for text, count in counter.most_common(args.top):
            print(f"  {count:3d}  {text}")


if __name__ == "__main__":
    main()
