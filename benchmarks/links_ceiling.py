"""How far lexical matching can go on the embedded corpus: recall of the hand-checked pairs
when every passage ranks *all* passages of the other articles by one similarity, with no
threshold, no cap but the five shown and no evidence bonus.

Run: ``python benchmarks/links_ceiling.py``.

Issue 11 asks for recall@5 >= 0.9 on tests/data/links_pairs_embedded.json and suggests root or
lemma matching to get there. This prints what each representation reaches on its own, beside
the link index itself in the same run, so that a claim about the ceiling is a figure and not
a guess. Representations: folded words, the link index's light stems, stems plus the news
thesaurus' concept terms, character 2-3-grams of the stems, their sum, and that sum with a
share of the neighbouring passages' vectors (a passage often refers back to the one before:
"وصفوا الاجتماع بأنه إيجابي" is about the summit named a passage earlier). Roots from
nltk's ISRI stemmer, tashaphyne and snowball are added when those packages are installed
(they are not project dependencies: ``pip install nltk tashaphyne snowballstemmer``).
"""

from __future__ import annotations

import collections
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import links_eval  # noqa: E402
from links_eval import PAIRS, half, passage_at  # noqa: E402

from tui.analysis import stem  # noqa: E402
from tui.analysis.cli import load  # noqa: E402
from tui.analysis.links.terms import _substantive  # noqa: E402
from tui.analysis.pipeline import analyze_corpus  # noqa: E402


def tfidf(docs: list[list[str]]) -> np.ndarray:
    """Row-normalised TF-IDF vectors (log tf, smoothed idf over these passages)."""
    df: collections.Counter[str] = collections.Counter()
    for d in docs:
        df.update(set(d))
    n = len(docs)
    col = {w: i for i, w in enumerate(df)}
    m = np.zeros((n, max(1, len(col))))
    for i, d in enumerate(docs):
        for w, f in collections.Counter(d).items():
            m[i, col[w]] = (1 + math.log(f)) * math.log((n + 1) / (df[w] + 0.5))
    return m / (np.linalg.norm(m, axis=1, keepdims=True) + 1e-12)


def with_context(m: np.ndarray, art: list[str], before: float = 0.2, after: float = 0.1) -> np.ndarray:
    out = m.copy()
    for i in range(len(m)):
        if i and art[i - 1] == art[i]:
            out[i] += before * m[i - 1]
        if i + 1 < len(m) and art[i + 1] == art[i]:
            out[i] += after * m[i + 1]
    return out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-12)


def grams(terms: list[str]) -> list[str]:
    out = []
    for t in terms:
        w = f"<{t}>"
        out += [w[i : i + n] for n in (2, 3) for i in range(len(w) - n + 1)]
    return out


def optional_roots(words: list[list[str]]) -> dict[str, list[list[str]]]:
    got: dict[str, list[list[str]]] = {}
    try:
        from nltk.stem.isri import ISRIStemmer

        isri = ISRIStemmer()
        got["ISRI roots (nltk)"] = [[isri.stem(w) for w in ws] for ws in words]
    except ImportError:
        pass
    try:
        from tashaphyne.stemming import ArabicLightStemmer

        ta = ArabicLightStemmer()

        def root(w: str) -> str:
            ta.light_stem(w)
            return ta.get_root()

        got["tashaphyne roots"] = [[root(w) for w in ws] for ws in words]
    except ImportError:
        pass
    try:
        import snowballstemmer

        sb = snowballstemmer.stemmer("arabic")
        got["snowball stems"] = [sb.stemWords(ws) for ws in words]
    except ImportError:
        pass
    return got


def main() -> None:
    arts, _ = load([])
    res = analyze_corpus(arts)
    by = {a.id[:3]: a for a in arts}
    rows = []  # (article prefix, passage start, text)
    for a in arts:
        for p in res[a.id].passages:
            text = a.text[p.start : p.end]
            if _substantive(stem.index_terms(text)):
                rows.append((a.id[:3], p.start, text))
    at = {(r[0], r[1]): i for i, r in enumerate(rows)}
    pairs = []
    for pr in json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]:
        pa = passage_at(res[by[pr["a"]].id], by[pr["a"]].text, pr["qa"])
        pb = passage_at(res[by[pr["b"]].id], by[pr["b"]].text, pr["qb"])
        pairs.append((at[(pr["a"], pa.start)], at[(pr["b"], pb.start)], half(pr)))
    art = [r[0] for r in rows]
    other = np.array([[x != y for y in art] for x in art])

    def report(name: str, sim: np.ndarray) -> None:
        s = np.where(other, sim, -np.inf)
        order = np.argsort(-s, axis=1, kind="stable")
        hit = {"A": [0, 0, 0], "B": [0, 0, 0]}
        for i, j, h in pairs:
            for x, y in ((i, j), (j, i)):
                r = int(np.where(order[x] == y)[0][0]) + 1
                hit[h][0] += r == 1
                hit[h][1] += r <= 5
                hit[h][2] += 1
        n = hit["A"][2] + hit["B"][2]
        r1 = (hit["A"][0] + hit["B"][0]) / n
        r5 = (hit["A"][1] + hit["B"][1]) / n
        print(f"  {name:44s} recall@1 {r1:.2f}  recall@5 {r5:.2f}  (A {hit['A'][1] / hit['A'][2]:.2f}, B {hit['B'][1] / hit['B'][2]:.2f})")

    texts = [r[2] for r in rows]
    words = [[w for w in (stem.fold(t) for t in stem.TOKEN_RE.findall(x)) if len(w) > 1 and w not in stem.STOPWORDS] for x in texts]
    stems = [stem.index_terms(x) for x in texts]
    concepts = [stem.with_concepts(t) for t in stems]
    print(f"embedded corpus: {len(rows)} substantive passages, {len(pairs)} pairs ({2 * len(pairs)} directions), no thresholds:")
    report("folded words", tfidf(words) @ tfidf(words).T)
    for name, docs in optional_roots(words).items():
        m = tfidf(docs)
        report(name, m @ m.T)
    m_st = tfidf(stems)
    report("light stems (the link index's terms)", m_st @ m_st.T)
    m_c = tfidf(concepts)
    report("light stems + concept terms", m_c @ m_c.T)
    m_g = tfidf([grams(t) for t in stems])
    report("character 2-3-grams of the stems", m_g @ m_g.T)
    report("stems + concepts, plus 2-3-grams", m_c @ m_c.T + m_g @ m_g.T)
    c2, g2 = with_context(m_c, art), with_context(m_g, art)
    report("the same with neighbouring passages (0.2/0.1)", c2 @ c2.T + g2 @ g2.T)
    df: collections.Counter[str] = collections.Counter()
    for t in stems:
        df.update(set(t))
    for rare in (3, 5, len(rows) // 10):
        bare = sum(1 for i, j, _ in pairs if not {t for t in set(stems[i]) & set(stems[j]) if df[t] <= rare})
        print(f"  pairs sharing no stem that at most {rare} of the {len(rows)} passages have: {bare} of {len(pairs)}")
    print("the link index (thresholds, evidence, cap of five):")
    links_eval.embedded(show=False)
    tradeoff(arts, res)


def tradeoff(arts, res) -> None:
    """Precision against coverage: the link index's links with a higher floor on the score.
    Raising the floor is the one lever lexical scores give precision; this prints what it
    costs in passages and articles with links and in recall@5."""
    by = {a.id[:3]: a for a in arts}
    data = json.loads(PAIRS.read_text(encoding="utf-8"))
    judged = json.loads(links_eval.JUDGED.read_text(encoding="utf-8"))
    good = set()
    directions = []
    for pr in data["pairs"]:
        pa = passage_at(res[by[pr["a"]].id], by[pr["a"]].text, pr["qa"])
        pb = passage_at(res[by[pr["b"]].id], by[pr["b"]].text, pr["qb"])
        ka, kb = f"{pr['a']}@{pa.start}", f"{pr['b']}@{pb.start}"
        good.add(frozenset((ka, kb)))
        directions += [(ka, kb), (kb, ka)]
    right = {frozenset(x) for x in judged["right"]} | good
    wrong = {frozenset(x) for x in judged["wrong"]}
    print("raising the floor on link scores (top-link precision over judged top links):")
    for floor in (0.0, 0.1, 0.12, 0.15, 0.2, 0.25):
        ok = bad = unj = passages = 0
        arts_linked = set()
        top5: dict[str, set[str]] = {}
        for a in arts:
            an = res[a.id]
            for p in an.passages:
                ls = [x for x in links_eval.ranked(an, p) if x.score >= floor]
                if not ls:
                    continue
                passages += 1
                arts_linked.add(a.id)
                src = f"{a.id[:3]}@{p.start}"
                top5[src] = {f"{x.target[:3]}@{x.target_start}" for x in ls[:5]}
                pair = frozenset((src, f"{ls[0].target[:3]}@{ls[0].target_start}"))
                ok += pair in right
                bad += pair in wrong
                unj += pair not in right and pair not in wrong
        r5 = sum(1 for x, y in directions if y in top5.get(x, ())) / len(directions)
        prec = ok / (ok + bad) if ok + bad else 0.0
        print(
            f"  floor {floor:.2f}: precision {prec:.2f} ({ok} right, {bad} wrong, {unj} not judged),"
            f" {passages} passages and {len(arts_linked)}/5 articles with links, recall@5 {r5:.2f}"
        )


if __name__ == "__main__":
    main()
