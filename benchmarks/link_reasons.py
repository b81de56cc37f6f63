"""What link reasons and conflicts say over SaudiNewsNet, for a reader to judge.

Run: ``python benchmarks/link_reasons.py [--sample N] [--seed S] [--dump FILE]`` (needs
/work/shared/data/saudinewsnet; skipped otherwise). It analyses the 5,000 articles (no cache)
and prints:

- the most frequent reasons and the most frequent names/words after ``مشترك:``;
- the 30 most frequent ``الحدث نفسه`` phrases;
- every link with a conflict, both passages' snippets, and the verdict kept in
  ``tests/data/link_conflicts_snn.tsv`` (real / false, with why) when the pair is listed there;
- a sample of kept links (each pair drawn by a keyed hash of itself, fixed seed) with both snippets, and the verdicts kept in
  ``tests/data/link_sample_snn.tsv``;
- with ``--against OLD`` (a ``--dump`` of an earlier run): how many pairs a change added and
  removed, and a hash-drawn sample of each with the verdicts of ``tests/data/link_changes_snn.tsv``.

Figures only: the verdicts are a careful reader's, written by hand after reading each pair.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.analysis.cli import load  # noqa: E402
from tui.analysis.pipeline import analyze_corpus  # noqa: E402

SNN = Path(os.environ.get("QARI_SNN", "/work/shared/data/saudinewsnet/articles"))
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def snippet(text: str, s: int, e: int, width: int = 260) -> str:
    t = re.sub(r"\s+", " ", text[s:e])
    return t if len(t) <= width else t[:width] + "…"


def verdicts(name: str) -> dict[tuple, tuple[str, str]]:
    """(source, start, target, target_start) -> (verdict, why) from a hand-written TSV."""
    out: dict[tuple, tuple[str, str]] = {}
    path = DATA / name
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        src, start, tgt, tstart, verdict, why = (line.split("\t") + [""] * 6)[:6]
        out[(src, int(start), tgt, int(tstart))] = (verdict, why)
    return out


def judged(v: dict, key: tuple) -> tuple[str, str] | None:
    # A pair is the same judgement read either way round.
    return v.get(key) or v.get((key[2], key[3], key[0], key[1]))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", default="11", help="one seed, or several: 11,2")
    ap.add_argument("--verdicts", default="link_sample_snn.tsv", help="hand-written verdicts in tests/data, one file per seed")
    ap.add_argument("--dump", help="write every directed link as JSON lines here")
    ap.add_argument("--quiet", action="store_true", help="figures only, no snippets")
    ap.add_argument("--changes", type=int, default=20, help="pairs sampled of each kind with --against")
    ap.add_argument("--against", help="a --dump of an earlier run: sample the pairs linked now and not then, and the reverse")
    args = ap.parse_args()
    if not SNN.is_dir():
        print(f"{SNN} absent: skipped")
        return 0
    arts, _ = load([str(SNN)])
    texts = {a.id: a.text for a in arts}
    res = analyze_corpus(arts)
    links = [(aid, l) for aid in sorted(res) for l in res[aid].links]
    # Each pair appears twice (a link and its way back): count pairs once.
    seen: set[tuple] = set()
    pairs = []
    for aid, l in links:
        key = tuple(sorted([(aid, l.start), (l.target, l.target_start)]))
        if key not in seen:
            seen.add(key)
            pairs.append((aid, l))
    print(f"{len(links)} links, {len(pairs)} linked pairs")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for aid, l in links:
                f.write(json.dumps([aid, l.start, l.end, l.target, l.target_start, l.target_end, l.score, l.reason, l.conflict], ensure_ascii=False) + "\n")

    reasons = Counter(l.reason for _, l in pairs)
    shared = Counter()
    events = Counter()
    for _, l in pairs:
        for part in l.reason.split("؛ "):
            if part.startswith("مشترك: "):
                shared.update(part[len("مشترك: ") :].split("، "))
            elif part.startswith("الحدث نفسه: "):
                events[part[len("الحدث نفسه: ") :]] += 1
    print("\n== most frequent reasons (pairs) ==")
    for r, c in reasons.most_common(15):
        print(f"{c:5d}  {r}")
    print("\n== most frequent shared names/words ==")
    for r, c in shared.most_common(20):
        print(f"{c:5d}  {r}")
    print(f"\n== event phrases: {sum(events.values())} pairs, {len(events)} phrases; top 30 ==")
    for r, c in events.most_common(30):
        print(f"{c:5d}  {r}")

    cv = verdicts("link_conflicts_snn.tsv")
    conflicts = [(aid, l) for aid, l in pairs if l.conflict]
    real = false = unjudged = 0
    print(f"\n== conflicts: {len(conflicts)} pairs ==")
    for aid, l in conflicts:
        v = judged(cv, (aid, l.start, l.target, l.target_start))
        if v is None:
            unjudged += 1
        elif v[0] == "real":
            real += 1
        else:
            false += 1
        if not args.quiet:
            print(f"\n{aid}\t{l.start}\t{l.target}\t{l.target_start}\t{l.conflict}\t[{v[0] + ': ' + v[1] if v else 'not judged'}]")
            print(f"  reason: {l.reason}   score {l.score}")
            print(f"  A: {snippet(texts[aid], l.start, l.end)}")
            print(f"  B: {snippet(texts[l.target], l.target_start, l.target_end)}")
    print(f"\nconflicts: {len(conflicts)}; judged real {real}, false {false}, not judged {unjudged}")

    for seed, vfile in zip(str(args.seed).split(","), args.verdicts.split(",")):
        sample_report(args, pairs, texts, int(seed), vfile)
    if args.against:
        changes(args, links, texts)
    return 0


def sample_report(args, pairs, texts, seed: int, vfile: str) -> None:
    sv = verdicts(vfile)
    # A pair's place in the sample depends on the pair alone (a keyed hash), not on the other
    # pairs: a change elsewhere in the links does not reshuffle what was judged.
    def draw(item):
        aid, l = item
        key = f"{seed}\0{min((aid, l.start), (l.target, l.target_start))}\0{max((aid, l.start), (l.target, l.target_start))}"
        return hashlib.blake2b(key.encode(), digest_size=8).digest()

    sample = sorted(pairs, key=draw)[: args.sample]
    good = bad = unj = 0
    print(f"\n== random sample of {len(sample)} linked pairs (seed {seed}) ==")
    for aid, l in sample:
        v = judged(sv, (aid, l.start, l.target, l.target_start))
        if v is None:
            unj += 1
        elif v[0] in ("ok", "real"):
            good += 1
        else:
            bad += 1
        if not args.quiet:
            print(f"\n{aid}\t{l.start}\t{l.target}\t{l.target_start}\t[{v[0] + ': ' + v[1] if v else 'not judged'}]")
            print(f"  reason: {l.reason}   score {l.score}   conflict {l.conflict}")
            print(f"  A: {snippet(texts[aid], l.start, l.end)}")
            print(f"  B: {snippet(texts[l.target], l.target_start, l.target_end)}")
    n = good + bad
    for lo, hi in ((0.0, 0.35), (0.35, 9.0)):
        band = [judged(sv, (aid, l.start, l.target, l.target_start)) for aid, l in sample if lo <= l.score < hi]
        g = sum(1 for v in band if v and v[0] in ("ok", "real"))
        j = sum(1 for v in band if v)
        print(f"  score {lo:.2f}–{hi if hi < 9 else '':<4}: {len(band)} pairs, {g} of {j} judged related")
    print(f"\nsample: {len(sample)} pairs; related {good}, unrelated {bad}, not judged {unj}; precision {good / n if n else float('nan'):.2f}")


def _pair_set(rows) -> set[tuple]:
    return {tuple(sorted([(aid, s, e), (t, ts, te)])) for aid, s, e, t, ts, te in rows}


def changes(args, links, texts) -> None:
    """What a change to linking added and removed, judged in tests/data/link_changes_snn.tsv:
    a kept-link sample hardly moves when 1 % of 55,000 pairs change, these do."""
    with open(args.against, encoding="utf-8") as f:
        old = _pair_set(tuple(json.loads(line)[:6]) for line in f)
    new = _pair_set((aid, l.start, l.end, l.target, l.target_start, l.target_end) for aid, l in links)
    cv = verdicts("link_changes_snn.tsv")
    for label, got in (("added", new - old), ("removed", old - new)):
        pick = sorted(got, key=lambda k: hashlib.blake2b(repr(k).encode(), digest_size=8).digest())[: args.changes]
        ok = bad = 0
        print(f"\n== {label}: {len(got)} pairs; sample of {len(pick)} ==")
        for (a, s, e), (t, ts, te) in pick:
            v = judged(cv, (a, s, t, ts))
            ok += bool(v and v[0] == "ok")
            bad += bool(v and v[0] != "ok")
            if not args.quiet:
                print(f"\n{a}\t{s}\t{t}\t{ts}\t[{v[0] + ': ' + v[1] if v else 'not judged'}]")
                print(f"  A: {snippet(texts[a], s, e)}")
                print(f"  B: {snippet(texts[t], ts, te)}")
        print(f"{label}: related {ok}, unrelated {bad}, not judged {len(pick) - ok - bad}")


if __name__ == "__main__":
    sys.exit(main())
