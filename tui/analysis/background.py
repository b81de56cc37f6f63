"""Nouns that begin with ل, for the stemmer: للقاء is ل + لقاء, not ل + ال + قاء.

``data/lam_nouns.txt`` is derived from the Arabic word list of the ``wordfreq`` package (Robyn
Speer; data CC BY-SA 4.0: Wikipedia, subtitles, news, web text): a noun ``لX`` is listed when
``اللX`` is a common word (Zipf ≥ 3) and clearly commoner than ``الX``. wordfreq is needed only
to rebuild it: ``python -m tui.analysis.background``.

Background word rarity from the same list was tried in BM25's IDF (the corpus plus N
pseudo-passages of ordinary Arabic, so that a close-knit corpus's topic words keep weight):
on the hand-checked pairs of the embedded corpus it made ranking worse (recall@5 0.45 with
the corpus alone, 0.39 with 300 pseudo-passages, 0.35 with 5,000), because words every
passage shares then add the same to every pair. Scores are made comparable across corpora
by calibrated thresholds instead (``links.LinkIndex._calibrate``).
"""

from __future__ import annotations

import math
from pathlib import Path

DATA = Path(__file__).with_name("data")
LAM = DATA / "lam_nouns.txt"


def lam_nouns() -> frozenset[str]:
    try:
        return frozenset(LAM.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


def build() -> None:  # pragma: no cover - run by hand when the stemmer changes
    import wordfreq

    from tui.analysis import stem

    words: dict[str, float] = {}
    for w, fr in wordfreq.get_frequency_dict("ar").items():
        fw = stem.fold(w)
        words[fw] = words.get(fw, 0.0) + fr

    def f(w: str) -> float:
        return words.get(w, 0.0)

    # ل + ال + لX is written للX, like ل + ال + X: keep the noun's own lam when the word list
    # knows الل X better than ال X.
    lam = sorted(
        w[3:] for w, fr in words.items()
        if w.startswith("الل") and len(w) >= 5 and math.log10(fr) + 9 >= 3.0 and fr > 1.5 * f("ال" + w[3:])
    )
    LAM.write_text("\n".join("ل" + x for x in lam) + "\n", encoding="utf-8")
    print(f"{LAM}: {len(lam)} nouns")


if __name__ == "__main__":  # pragma: no cover
    build()
