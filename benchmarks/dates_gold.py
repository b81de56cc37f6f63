"""Dates on real news against a hand-annotated gold set (issue 12).

Run: ``python benchmarks/dates_gold.py [-v]`` — reads ``tests/data/snn_gold_dates.json`` (every
date expression in 20 SaudiNewsNet articles, read by hand) and the article files from
``../shared/data/saudinewsnet/articles`` (or $QARI_SNN); skipped when they are absent.

Each article is loaded and analysed as ``qari analyze`` does (so its own date comes from wherever
the loader finds it), and every gold expression is looked up among the dates found:

* recall: the gold span is overlapped by a date mention;
* exact ISO: an overlapping mention has the gold value (the Gregorian day/month/year, ISO week
  ``2015-W32`` or ISO 8601-2 season ``2014-22``);
* precision: mentions that overlap a gold span, among all mentions (the gold lists every date
  expression in these articles, so the rest are false alarms).
Goals (issue 12): recall ≥ 0.9, exact ISO ≥ 0.85.
"""

from __future__ import annotations

import collections
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.analysis.pipeline import analyze_article  # noqa: E402
from tui.corpus.load import load_file  # noqa: E402

GOLD = ROOT / "tests/data/snn_gold_dates.json"
SNN = Path(os.environ.get("QARI_SNN", ROOT.parent.parent / "shared/data/saudinewsnet/articles"))
if not SNN.is_dir():
    SNN = Path("/work/shared/data/saudinewsnet/articles")


def _value(d) -> str | None:
    # Week and season values have no Gregorian day: compare what was written.
    return d.gregorian if d.gregorian else d.value


def main(verbose: bool = False) -> int:
    if not SNN.is_dir():
        print(f"dates gold: skipped ({SNN} not found)")
        return 0
    doc = json.loads(GOLD.read_text(encoding="utf-8"))
    score(doc["articles"], [g for g in doc["dates"] if g.get("set") not in ("check", "check2")], "dates gold", verbose)
    score(doc.get("check_articles", []), [g for g in doc["dates"] if g.get("set") == "check"],
          "check set (annotated after the rules)", verbose)
    score(doc.get("check2_articles", []), [g for g in doc["dates"] if g.get("set") == "check2"],
          "second check set (read in session 5, one article per source)", verbose)
    return 0


def score(articles: list[str], dates: list[dict], label: str, verbose: bool) -> None:
    gold = {"articles": articles, "dates": dates}
    by_id = collections.defaultdict(list)
    for g in gold["dates"]:
        by_id[g["id"]].append(g)
    found = exact = predicted = matched_pred = 0
    kinds = collections.defaultdict(lambda: [0, 0, 0])
    dated = 0
    for aid in gold["articles"]:
        (art,) = load_file(SNN / f"{aid}.txt")
        dated += bool(art.date)
        an = analyze_article(art)
        text = art.text
        predicted += len(an.dates)
        spans = [(g["start"], g["start"] + len(g["text"])) for g in by_id[aid]]
        matched_pred += sum(1 for d in an.dates if any(d.start < e and s < d.end for s, e in spans))
        for g, (s, e) in zip(by_id[aid], spans):
            assert text[s:e] == g["text"], (aid, g["text"], text[s:e])
            over = [d for d in an.dates if d.start < e and s < d.end]
            k = kinds[g["kind"]]
            k[0] += 1
            ok_found = bool(over)
            ok_exact = any(_value(d) == g["value"] for d in over)
            found += ok_found
            exact += ok_exact
            k[1] += ok_found
            k[2] += ok_exact
            if verbose and not ok_exact:
                got = ", ".join(f"{d.text!r}={_value(d)}" for d in over) or "nothing"
                print(f"  miss {aid} {g['text']!r} want {g['value']} got {got}")
        if verbose:
            extra = [d for d in an.dates if not any(d.start < e and s < d.end for s, e in spans)]
            for d in extra:
                print(f"  extra {aid} {d.text!r}={_value(d)} {d.note}")
    n = len(gold["dates"])
    print(f"{label}: {len(gold['articles'])} articles ({dated} with their own date), {n} date expressions")
    print(f"  recall {found / n:.2f} ({found}/{n})   exact ISO {exact / n:.2f} ({exact}/{n})   "
          f"precision {matched_pred / predicted if predicted else 0:.2f} ({matched_pred}/{predicted} mentions)")
    for kind, (t, f, x) in sorted(kinds.items()):
        print(f"  {kind:<20} {t:>3}  recall {f / t:.2f}  exact {x / t:.2f}")


if __name__ == "__main__":
    raise SystemExit(main("-v" in sys.argv))
