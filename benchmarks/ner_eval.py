"""Entity extraction: precision/recall/F1 on ANERcorp (test split) and AQMAR, and speed.

Prints figures; it is not a test. Evaluation only: nothing here feeds the gazetteers.

Scoring: exact token span and type, PER/LOC/ORG only (gold PERS counts as PER).
Our EVENT and MISC mentions are dropped before scoring (gold MISC is ignored too),
because the gold sets' MISC (nationalities, languages, works) is not what our
EVENT/MISC mean. Text is rebuilt by joining a sentence's tokens with spaces; a
token is inside a mention when the mention overlaps it.

    python benchmarks/ner_eval.py [--data ../shared/data] [--articles 5000] [--no-speed] [-v [TYPE]]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.analysis.entities import extract_entities, get_gazetteer  # noqa: E402

TYPES = ("PER", "LOC", "ORG")


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if cur:
                sents.append(cur)
                cur = []
            continue
        tag = parts[-1] if len(parts) > 1 else "O"
        cur.append((parts[0], tag.replace("PERS", "PER")))
    if cur:
        sents.append(cur)
    return sents


def spans_from_bio(tags: list[str]) -> set[tuple[int, int, str]]:
    out = set()
    start, typ = None, None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("I-") and typ == t[2:]:
            continue
        if start is not None:
            out.add((start, i, typ))
            start, typ = None, None
        if t.startswith(("B-", "I-")):
            start, typ = i, t[2:]
    return {s for s in out if s[2] in TYPES}


def predicted_spans(tokens: list[str]) -> set[tuple[int, int, str]]:
    text = " ".join(tokens)
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    out = set()
    for m in extract_entities(text):
        if m.type not in TYPES:
            continue
        first = last = None
        for i, s in enumerate(starts):
            e = s + len(tokens[i])
            if s < m.end and m.start < e:
                first = i if first is None else first
                last = i
        if first is not None:
            out.add((first, last + 1, m.type))
    return out


def chunks(sents: list[list[tuple[str, str]]], size: int) -> list[list[tuple[str, str]]]:
    """Consecutive sentences joined into one text of ``size`` sentences: the sets keep
    their articles' sentence order, so a chunk reads like running news text (a name in
    full, then its surname alone), which is what the reader gives the rules."""
    if size <= 1:
        return sents
    return [[tok for s in sents[i : i + size] for tok in s] for i in range(0, len(sents), size)]


def evaluate(name: str, sents: list[list[tuple[str, str]]], context: int = 1, verbose: str | None = None) -> None:
    """``verbose``: a type whose misses and false positives are listed by frequency."""
    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    tp: dict[str, int] = {t: 0 for t in TYPES}
    fp = dict(tp)
    fn = dict(tp)
    chars = 0
    t0 = time.perf_counter()
    for sent in chunks(sents, context):
        tokens = [w for w, _ in sent]
        chars += sum(map(len, tokens)) + len(tokens)
        gold = spans_from_bio([t for _, t in sent])
        pred = predicted_spans(tokens)
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1
        if verbose:
            for s in gold - pred:
                if s[2] == verbose:
                    near = [p for p in pred if p[0] < s[1] and s[0] < p[1]]
                    how = "cut/other: " + " | ".join(f"{' '.join(tokens[p[0]:p[1]])} {p[2]}" for p in near) if near else "none"
                    misses[f"{' '.join(tokens[s[0]:s[1]])}  ({how})"] += 1
            for s in pred - gold:
                if s[2] == verbose:
                    near = [g for g in gold if g[0] < s[1] and s[0] < g[1]]
                    how = "gold: " + " | ".join(f"{' '.join(tokens[g[0]:g[1]])} {g[2]}" for g in near) if near else "none"
                    lo = max(0, s[0] - 3)
                    wrong[f"{' '.join(tokens[s[0]:s[1]])}  ({how}) … {' '.join(tokens[lo:s[1] + 2])}"] += 1
    dt = time.perf_counter() - t0
    how = "one sentence at a time" if context <= 1 else f"{context} consecutive sentences at a time"
    print(f"\n{name}: {len(sents)} sentences, {how}, {chars:,} chars, {dt:.2f} s")
    print(f"  {'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for t in TYPES + ("all",):
        a = sum(tp.values()) if t == "all" else tp[t]
        b = sum(fp.values()) if t == "all" else fp[t]
        c = sum(fn.values()) if t == "all" else fn[t]
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {t:5} {p:6.1%} {r:6.1%} {f:6.1%} {a + c:6d} {a + b:6d}")
    if verbose:
        for title, c in ((f"{verbose} missed", misses), (f"{verbose} false", wrong)):
            print(f"\n  {title} ({sum(c.values())}):")
            for k, v in c.most_common():
                print(f"    {v:3d}  {k}")


def speed(articles_dir: Path, limit: int) -> None:
    files = sorted(articles_dir.glob("*.txt"))[:limit]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    chars = sum(map(len, texts))
    for label in ("cold cache", "warm cache"):
        t0, c0 = time.perf_counter(), time.process_time()
        count = sum(len(extract_entities(t)) for t in texts)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"  {label}: {len(texts)} articles, {chars:,} chars, {count:,} mentions;"
              f" wall {dt:.2f} s = {chars / dt / 1e6:.2f} M chars/s, CPU {cpu:.2f} s = {chars / cpu / 1e6:.2f} M chars/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = (ROOT.parent / "shared" / "data", ROOT.parents[1] / "shared" / "data")
    ap.add_argument("--data", type=Path, default=next((p for p in shared if p.is_dir()), shared[0]))
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--context", type=int, default=20, help="sentences per text in the second run (running text)")
    ap.add_argument("-v", "--verbose", nargs="?", const="PER", metavar="TYPE",
                    help="list the running-text run's misses and false positives of TYPE (default PER) by frequency")
    ap.add_argument("--no-speed", action="store_true", help="skip the SaudiNewsNet speed run")
    args = ap.parse_args()
    t0 = time.perf_counter()
    g = get_gazetteer()
    print(f"gazetteer: {len(g.entries)} entities loaded in {time.perf_counter() - t0:.2f} s")
    aner = args.data / "anercorp_camellab" / "ANERCorp_CamelLab_test.txt"
    aqmar = args.data / "aqmar" / "aqmar_all_normalized.conll"
    news = args.data / "saudinewsnet" / "articles"
    if news.is_dir() and not args.no_speed:
        print("\nspeed (SaudiNewsNet):")
        speed(news, args.articles)
    for name, path in (("ANERcorp test", aner), ("AQMAR", aqmar)):
        if path.is_file():
            sents = read_conll(path)
            evaluate(name, sents)
            evaluate(name, sents, args.context, args.verbose if name.startswith("ANERcorp") else None)
        else:
            print(f"\n{name}: {path} not found, skipped")


if __name__ == "__main__":
    main()
