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
# Stems of everyday Arabic (Zipf ≥ COMMON_ZIPF in wordfreq, summed over the words that fold
# and stem to them) with their Zipf value: words any news passage may use (توتر، تعاون،
# مستوى). Two passages sharing only these share a register, not a fact (links.scoring).
COMMON = DATA / "common_stems.tsv"
COMMON_ZIPF = 4.0


def lam_nouns() -> frozenset[str]:
    try:
        return frozenset(LAM.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


_zipf: dict[str, float] | None = None


def zipf(stem: str) -> float:
    """Background Zipf frequency of a stem (index_terms' form); a stem not listed is rarer
    than COMMON_ZIPF and counts as 3.5."""
    global _zipf
    if _zipf is None:
        got: dict[str, float] = {}
        try:
            for line in COMMON.read_text(encoding="utf-8").splitlines():
                w, _, z = line.partition("\t")
                got[w] = float(z)
        except (OSError, ValueError):
            pass
        _zipf = got
    return _zipf.get(stem, 3.5)


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
    stems: dict[str, float] = {}
    for w, fr in words.items():
        for tok in stem.TOKEN_RE.findall(w):
            st = stem.light_stem(tok)
            stems[st] = stems.get(st, 0.0) + fr
    common = sorted((st, math.log10(fr) + 9) for st, fr in stems.items() if math.log10(fr) + 9 >= COMMON_ZIPF)
    COMMON.write_text("".join(f"{st}\t{z:.1f}\n" for st, z in common), encoding="utf-8")
    print(f"{COMMON}: {len(common)} stems")


if __name__ == "__main__":  # pragma: no cover
    build()
