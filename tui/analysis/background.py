"""How common a link term is in Arabic at large, not only in the corpus at hand.

BM25's IDF comes from the corpus alone. On five articles about one story, the story's own
words (روسيا، قمة، العقوبات) are in most passages and weigh nothing, while on 5,000 news
articles the same words are rare and weigh a lot: the same pair of passages would score
differently depending on what else was opened. A background frequency, the same whatever
the corpus, fixes that (see ``links.LinkStats.idf``).

``data/background_ar.tsv.xz`` holds, for every link term (light stem, as ``stem.light_stem``
makes it) whose Zipf frequency is at least 2, that frequency ×10: log10 of occurrences per
billion words, summed over the word forms that share the stem. It is derived from the Arabic
word list of the ``wordfreq`` package (Robyn Speer; data CC BY-SA 4.0: Wikipedia, subtitles,
news, web text), which is only needed to rebuild it: ``python -m tui.analysis.background``.
``data/lam_nouns.txt`` lists nouns that begin with ل, for which للقاء is ل + لقاء, not ل + ال +
قاء (from the same word list: اللقاء is commoner than القاء).
"""

from __future__ import annotations

import lzma
import math
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
TABLE = DATA / "background_ar.tsv.xz"
LAM = DATA / "lam_nouns.txt"
FLOOR = 1.5  # Zipf frequency of a term the table does not know: rare (names, typos, Latin)
MIN_ZIPF = 2.0


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    try:
        raw = lzma.decompress(TABLE.read_bytes()).decode("utf-8")
    except (OSError, lzma.LZMAError, UnicodeDecodeError):
        return {}  # without the table every term counts as rare: the corpus statistics decide
    out: dict[str, float] = {}
    for line in raw.splitlines():
        term, _, z = line.partition("\t")
        if z:
            out[term] = int(z) / 10
    return out


def zipf(term: str) -> float:
    """Zipf frequency of a link term (a folded stem or word); FLOOR when unknown."""
    return table().get(term, FLOOR)


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
    stem._LAM_NOUNS = frozenset("ل" + x for x in lam)
    stem._STEMS.clear()
    stem._FORMS.clear()
    agg: dict[str, float] = {}
    for w, fr in words.items():
        if not w or w[0] < "\u0600":
            continue
        s = stem.light_stem(w)
        agg[s] = agg.get(s, 0.0) + fr
    rows = sorted(((s, math.log10(fr) + 9) for s, fr in agg.items()), key=lambda x: (-x[1], x[0]))
    text = "\n".join(f"{s}\t{round(z * 10)}" for s, z in rows if z >= MIN_ZIPF) + "\n"
    TABLE.write_bytes(lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))
    print(f"{TABLE}: {sum(1 for s, z in rows if z >= MIN_ZIPF)} terms; {LAM}: {len(lam)} nouns")


if __name__ == "__main__":  # pragma: no cover
    build()
