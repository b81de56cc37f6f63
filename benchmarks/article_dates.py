"""Real news: how many articles get their own date, and how many "… من <month>" dates get a day.

Run: ``python benchmarks/article_dates.py`` — loads the SaudiNewsNet folder as ``qari FOLDER``
does (``../shared/data/saudinewsnet``, or $QARI_SNN_DIR; skipped when absent) and prints

* articles with a date, by where it came from (``date_source``);
* "… من <month>" phrases (a day — ordinal word, number or ``الـ12`` — then ``من`` then a month
  name, ``من شهر`` too) and how many of them the dates analyser gives a day-level date;
* relative mentions (اليوم، أمس، الأسبوع الماضي …) found, and how many have an ISO value.
"""

from __future__ import annotations

import collections
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.analysis.pipeline import analyze_article  # noqa: E402
from tui.corpus.load import load_paths  # noqa: E402
from tui.text import calendar_names as names  # noqa: E402

SNN = Path(os.environ.get("QARI_SNN_DIR", "/work/shared/data/saudinewsnet"))
_ORD = ("الاول|الاولي|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع|العاشر|العشرين|"
        "الثلاثين|عشر|والعشرين|والعشرون|والثلاثين|والثلاثون")


def _min_month() -> re.Pattern[str]:
    ms = sorted(set(names.gregorian_months()) | set(names.hijri_months()), key=len, reverse=True)
    alt = "|".join(re.escape(m).replace(r"\ ", " +") for m in ms)
    return re.compile(rf"(?<!\w)[وفبل]?(?:(?:{_ORD})|(?:الـ?|لـ?)?\d{{1,2}}) +من +(?:شهر +)?(?P<m>{alt})(?!\w)")


def main() -> int:
    if not SNN.is_dir():
        print(f"article dates: skipped ({SNN} not found)")
        return 0
    t0, c0 = time.perf_counter(), time.process_time()
    res = load_paths([SNN])
    arts = [a for a in res.articles if a.ok]
    t1 = time.perf_counter()
    sources = collections.Counter(getattr(a, "date_source", None) or ("?" if a.date else "none") for a in arts)
    print(f"articles: {len(arts)} loaded in {t1 - t0:.1f} s; with a date {sum(1 for a in arts if a.date)}, "
          f"by source {dict(sources)}")
    pat = _min_month()
    phrases = with_day = 0
    rel = rel_iso = 0
    for a in arts:
        an = analyze_article(a)
        norm = names.normalise(a.text)
        days = [d for d in an.dates if d.granularity == "day" and d.value]
        for m in pat.finditer(norm):
            phrases += 1
            with_day += any(d.start <= m.start("m") < d.end for d in days)
        for d in an.dates:
            if getattr(d, "relative", ""):
                rel += 1
                rel_iso += bool(d.value)
    print(f"'… من <month>' phrases: {phrases}, with their day: {with_day}")
    print(f"relative mentions: {rel}, with an ISO value: {rel_iso}")
    print(f"total {time.perf_counter() - t0:.1f} s wall, {time.process_time() - c0:.1f} s CPU (machine shared)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
