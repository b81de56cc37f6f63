"""The link index: BM25 rows of every linkable passage, each one's candidates and links,
built from scratch or updated in proportion to what changed (see the package docstring)."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field, fields
from typing import Any, Callable

import numpy as np

from tui.analysis.links.scoring import (
    CALIBRATE_MIN,
    KEEP_QUANTILE,
    MAX_KEEP,
    MAX_SAME,
    MAX_STRONG,
    MIN_KEEP,
    MIN_SAME,
    MIN_STRONG,
    SAME_QUANTILE,
    STRONG_QUANTILE,
    _score_candidates,
    number_conflict,
)
from tui.analysis.links.terms import PassageInfo, _substantive, concept_scale
from tui.analysis.model import Link

CANDIDATES = 8  # BM25 candidates re-scored per passage (for the best five)
COMMON_FRACTION = 0.04  # an entity in more passages than this is "common" (no event/bonus)
COMMON_MIN = 6
QUERY_TERMS = 24  # most distinctive terms of a passage used as its query
# Both limits are for cost. A corpus of fewer passages than SMALL affords SMALL_CANDIDATES
# candidates and every term of a passage as its query (embedded corpus: top-link precision
# 0.58 → 0.65 judged, recall@5 unchanged); 50,000 passages keep the limits.
SMALL = 2000
SMALL_CANDIDATES = 16
QUERY_TERMS_SMALL: int | None = None  # every term


def candidates_for(n: int) -> int:
    """Candidates kept per passage in a corpus of ``n`` passages."""
    return SMALL_CANDIDATES if n < SMALL else CANDIDATES
BATCH = 512

K1 = 1.2
B = 0.75


@dataclass(slots=True)
class LinkStats:
    """The corpus statistics BM25 weights depend on: which terms exist, in how many passages
    each occurs, how many passages there are and how long they are on average.

    They are taken from the whole corpus on a full computation and then *kept* while the
    corpus changes a little (see ``LinkIndex.update``): weights, query terms and scores are
    a pure function of (statistics, passage), so a passage that did not change keeps its
    scores exactly. A term the statistics do not know counts as occurring once.
    """

    terms: list[str]  # sorted, so that term ids (and float sums over them) have one order
    df: np.ndarray  # passages containing each term
    n: int
    avgdl: float
    common: frozenset[str]  # entity ids found in too many passages to count as evidence
    ids: dict[str, int] = field(default_factory=dict)
    # (keep, strong, same) similarity thresholds taken from the corpus's candidates on a full
    # computation (``LinkIndex.build``) and kept with the statistics.
    cuts: tuple[float, float, float] | None = None

    def __post_init__(self) -> None:
        if not self.ids:
            self.ids = {t: i for i, t in enumerate(self.terms)}

    def idf(self, df: np.ndarray) -> np.ndarray:
        return np.log(1 + (self.n - df + 0.5) / (df + 0.5))

    @property
    def df_cap(self) -> int:
        # Terms in too many passages carry little and cost most: they are left out of queries.
        # In a small corpus on one story the story's own words are in a third of the
        # passages and still tell pairs apart; costs nothing at that size.
        small = self.n // 3 if self.n < SMALL else 0
        return max(30, int(0.01 * self.n), small)

    @classmethod
    def of(cls, docs: list[list[str]]) -> LinkStats:
        from scipy import sparse

        first: dict[str, int] = {}
        lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        ids = np.fromiter((first.setdefault(t, len(first)) for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
        rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        tf = sparse.csr_matrix((np.ones(len(ids), dtype=np.float32), (rows, ids)), shape=(len(docs), len(first)))
        tf.sum_duplicates()
        counts = np.bincount(tf.indices, minlength=len(first))
        terms = sorted(first)
        df = counts[np.fromiter((first[t] for t in terms), dtype=np.int64, count=len(terms))].astype(np.int64)
        n = len(docs)
        limit = max(COMMON_MIN, COMMON_FRACTION * n)
        return cls(
            terms,
            df,
            n,
            max(float(lengths.sum()) / n, 1e-9) if n else 1.0,
            frozenset(t[1:] for t, c in zip(terms, df.tolist()) if t[0] == "@" and c > limit),
        )


def _weigh(docs: list[list[str]], stats: LinkStats):
    """(docs × known terms CSR of BM25 weights, each doc's weight over all its terms).

    Lucene's formula, as bm25s computes it by default, vectorised (bm25s.BM25.index builds it
    in a Python loop). Every number depends only on the doc and ``stats``, never on the
    other docs of the batch: that is what lets an update weigh only the changed passages.
    """
    from scipy import sparse

    m = len(docs)
    v = len(stats.terms)
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=m)
    unknown: list[str] = []
    try:
        ids = np.fromiter((stats.ids[t] for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
    except KeyError:
        unknown = sorted({t for d in docs for t in d if t not in stats.ids})
        lookup = {**stats.ids, **{t: v + i for i, t in enumerate(unknown)}}
        ids = np.fromiter((lookup[t] for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(m, dtype=np.int64), lengths)
    tf = sparse.csr_matrix((np.ones(len(ids), dtype=np.float32), (rows, ids)), shape=(m, v + len(unknown)))
    tf.sum_duplicates()
    df = stats.df if not unknown else np.concatenate([stats.df, np.ones(len(unknown), dtype=np.int64)])
    idf = concept_scale(stats.idf(df), stats.terms, unknown)
    row_of = np.repeat(np.arange(m), np.diff(tf.indptr))
    f = tf.data.astype(np.float64)
    w = (idf[tf.indices] * f / (f + K1 * (1 - B + B * lengths[row_of] / stats.avgdl))).astype(np.float32)
    # Squared norm: similarities are cosines of BM25 vectors, which ranked the hand-checked
    # pairs of the embedded corpus better (recall@5 of pure ranking 0.48 → 0.61) than a
    # binary query over the sum of weights did.
    selfs = np.bincount(row_of, weights=np.square(w.astype(np.float64)), minlength=m)
    known = tf.indices < v
    if known.all():
        dmat = sparse.csr_matrix((w, tf.indices, tf.indptr), shape=(m, v))
    else:
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of[known], minlength=m))])
        dmat = sparse.csr_matrix((w[known], tf.indices[known], indptr), shape=(m, v))
    return dmat, selfs


def bm25_matrix(docs: list[list[str]], k1: float = K1, b: float = B):
    """(vocab, docs × terms CSR of BM25 weights) with the statistics of ``docs`` themselves.
    tests/analysis/test_links_bm25.py checks it against bm25s."""
    assert (k1, b) == (K1, B)
    stats = LinkStats.of(docs)
    return stats.ids, _weigh(docs, stats)[0]


def _queries(dmat, stats: LinkStats):
    """Binary docs × terms CSR: each doc's most distinctive terms (frequent in it, rare
    elsewhere), the ones its neighbours are looked up by."""
    from scipy import sparse

    df = stats.df
    cap = stats.df_cap
    limit = QUERY_TERMS if stats.n >= SMALL else QUERY_TERMS_SMALL
    indptr, indices, data = dmat.indptr, dmat.indices, dmat.data
    out_ptr = [0]
    out_ids: list[np.ndarray] = []
    out_w: list[np.ndarray] = []
    for r in range(dmat.shape[0]):
        lo, hi = indptr[r], indptr[r + 1]
        ids = indices[lo:hi]
        w = data[lo:hi]
        dfs = df[ids]
        ok = (dfs > 1) & (dfs <= cap)
        ids, w = ids[ok], w[ok]
        if limit is not None and len(ids) > limit:
            pick = np.sort(np.argpartition(-w, limit)[:limit])
            ids, w = ids[pick], w[pick]
        out_ids.append(ids)
        out_w.append(w)
        out_ptr.append(out_ptr[-1] + len(ids))
    cols = np.concatenate(out_ids) if out_ids else np.zeros(0, dtype=np.int32)
    vals = np.concatenate(out_w).astype(np.float32) if out_w else np.zeros(0, dtype=np.float32)
    return sparse.csr_matrix(
        (vals, cols, np.array(out_ptr, dtype=np.int64)), shape=(dmat.shape[0], len(stats.terms))
    )


def _top(cand: np.ndarray, vals: np.ndarray, own: int, art_of: np.ndarray, rank: np.ndarray, k: int = CANDIDATES):
    """The ``k`` best-scoring docs of other articles; equal scores go in a fixed order
    (article id, offset), so the choice does not depend on where a doc sits in the index."""
    keep = art_of[cand] != own
    cand, vals = cand[keep], vals[keep]
    if len(cand) > k:
        kth = np.partition(vals, len(vals) - k)[len(vals) - k]
        sel = vals >= kth
        cand, vals = cand[sel], vals[sel]
    order = np.lexsort((rank[cand], -vals))[:k]
    return cand[order], vals[order]


_LINK_FIELDS = tuple(f.name for f in fields(Link))


def _link_order(l: Link) -> tuple:
    return (l.start, -l.score, l.target, l.target_start)


def _finish(aid: str, directed: dict[str, list[Link]], sources) -> list[Link]:
    """Make every link walkable both ways.

    Each passage keeps only its few best links, so B can be in A's top three while A is not in
    B's (B has closer neighbours). A reader who followed A → B must still find the way back from
    B's links panel, so the missing reverse links are added with the same score and reason.
    ``sources``: the articles that may link to ``aid``.
    """
    own = directed.get(aid, [])
    have = {(l.start, l.target, l.target_start) for l in own}
    extra = []
    for src in sources:
        for l in directed.get(src, ()):
            if l.target == aid and (l.target_start, src, l.start) not in have:
                extra.append(Link(l.target_start, l.target_end, src, l.start, l.end, l.score, l.reason,
                                  reversed_conflict(l.conflict), l.strength))
    return sorted(own + extra, key=_link_order)


def reversed_conflict(conflict: str | None) -> str | None:
    """A conflict as read from the other passage: ``العدد: 15 ≠ 20`` seen from the passage that
    says 20 is ``العدد: 20 ≠ 15`` (each side is always the reader's own passage first)."""
    if not conflict or " ≠ " not in conflict:
        return conflict
    label, sep, values = conflict.rpartition(": ")
    ours, theirs = values.split(" ≠ ", 1)
    return f"{label}{sep}{theirs} ≠ {ours}"


def _take_rows(ptr: np.ndarray, idx: np.ndarray, val: np.ndarray | None, rows: np.ndarray):
    """Rows ``rows`` of a CSR given as arrays (numpy only: no scipy import for this)."""
    starts = ptr[rows].astype(np.int64)
    lens = ptr[rows + 1].astype(np.int64) - starts
    new_ptr = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
    pos = np.repeat(starts - new_ptr[:-1], lens) + np.arange(int(new_ptr[-1]), dtype=np.int64)
    return new_ptr, idx[pos], (val[pos] if val is not None else None)


InfosFor = Callable[[list[str]], dict[str, list[PassageInfo]]]

# Below this many passages a build runs in one process: forking costs more than it saves.
PARALLEL_MIN = 8000
_TASK: Callable[..., Any] | None = None  # what a forked helper runs (set before the fork)


def _forked(args: tuple) -> Any:
    assert _TASK is not None
    return _TASK(*args)


def _halves(n: int, procs: int) -> list[tuple[int, int]]:
    cut = [n * i // procs for i in range(procs + 1)]
    return [(cut[i], cut[i + 1]) for i in range(procs) if cut[i] < cut[i + 1]]


def _in_parallel(task: Callable[[int, int], Any], n: int, procs: int) -> list[Any]:
    """``task(lo, hi)`` over ``procs`` contiguous slices of range(n): the first slice in this
    process, the others in forked copies of it (which see every object this one holds, so
    nothing but the results is pickled). One process, or no fork, runs them in turn."""
    global _TASK
    parts = _halves(n, max(1, procs))
    if len(parts) > 1:
        import multiprocessing as mp

        if "fork" in mp.get_all_start_methods():
            _TASK = task
            try:
                with mp.get_context("fork").Pool(len(parts) - 1) as pool:
                    rest = pool.map_async(_forked, parts[1:], chunksize=1)
                    first = task(*parts[0])
                    return [first, *rest.get()]
            except (OSError, RuntimeError):
                pass  # no processes available here: do it in this one
            finally:
                _TASK = None
    return [task(lo, hi) for lo, hi in parts]

_MATRICES_LOCK = threading.Lock()
_UNPACK_LOCK = threading.Lock()

REFRESH_FRACTION = 0.05  # statistics are taken afresh once this share of passages has changed
INCREMENTAL_MIN = 2000  # below this many passages a full computation is cheap: always do it


def _yield_gil() -> None:
    """Let another thread run now. Linking in a reader's background thread made many short
    numpy calls, each dropping and at once retaking the GIL, and the UI thread could wait
    seconds for its turn; a real sleep, however short, hands it over."""
    if threading.current_thread() is not threading.main_thread():
        time.sleep(0.0005)


@dataclass(slots=True)
class LinkIndex:
    """Every linkable passage of a corpus, its BM25 row, query and candidates, and the links.

    Kept in the analysis cache so that a changed article costs work in proportion to what it
    touches (``update``) rather than to the corpus. ``keys[i]`` says what article i's
    passages were computed from (its text and its grouped entities): an article whose key
    differs is taken out and put back.
    """

    stats: LinkStats
    articles: list[str]
    keys: list[str]
    ptr: np.ndarray  # article i owns passages ptr[i]:ptr[i + 1]
    starts: np.ndarray
    ends: np.ndarray
    selfs: np.ndarray
    dmat: Any
    qmat: Any
    cand: np.ndarray  # passages × candidates_for(stats.n), -1 where fewer
    cval: np.ndarray
    directed: dict[str, list[Link]]  # each passage's own best links
    links: dict[str, list[Link]]  # the above plus reverses: what the reader sees
    drift: int = 0  # passages taken out or put in since the statistics were taken
    # Where the index lives in the cache (see ``save_index``): a statistics epoch, the chunks
    # holding its BM25 rows and links, each passage's row in them (-1: not saved yet) and
    # each article's links (absent: not saved yet). Saving an update writes only what is new.
    epoch: str = ""
    chunks: list[str] = field(default_factory=list)
    store_row: np.ndarray | None = None
    n_store: int = 0
    link_at: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    # As read from the cache: the rows of every chunk, made matrices only when an update
    # needs them (a start where nothing changed then never imports scipy).
    raw: dict[str, np.ndarray] | None = None
    # As read from the cache: each article's links still as bytes (an object whose
    # ``decode()`` gives (links, own links)), decoded when an update or a reader asks for
    # them. An article's links are either here or in ``links``/``directed``, never both.
    packed: dict[str, Any] = field(default_factory=dict)

    def _unpack(self, aids) -> None:
        """Decode the packed links of ``aids`` into ``links`` and ``directed``."""
        with _UNPACK_LOCK:  # an index held in memory may be updated from two threads at once
            for aid in aids:
                rec = self.packed.get(aid)
                if rec is None:
                    continue
                ls, own = rec.decode()
                if ls:
                    self.links[aid] = ls
                if own:
                    self.directed[aid] = own
                del self.packed[aid]

    def links_of(self, aid: str) -> list[Link]:
        """What the reader sees of ``aid``'s links (decoded if still packed)."""
        if aid in self.packed:
            self._unpack((aid,))
        return self.links.get(aid, [])

    def unpack_all(self) -> LinkIndex:
        self._unpack(list(self.packed))
        return self

    def _matrices(self) -> None:
        # An index held in memory may be updated from two analysis threads at once.
        with _MATRICES_LOCK:
            if self.raw is None:
                return
            from scipy import sparse

            a = self.raw
            shape = (len(self.starts), len(self.stats.terms))
            rows = self.store_row
            d_ptr, d_idx, d_val = _take_rows(a["d_ptr"], a["d_idx"], a["d_val"], rows)
            q_ptr, q_idx, q_val = _take_rows(a["q_ptr"], a["q_idx"], a["q_val"], rows)
            self.dmat = sparse.csr_matrix((d_val, d_idx, d_ptr), shape=shape)
            self.qmat = sparse.csr_matrix((q_val, q_idx, q_ptr), shape=shape)
            self.raw = None

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        articles: list[tuple[str, str]],
        infos_for: InfosFor,
        texts: dict[str, str],
        stats: LinkStats | None = None,
        procs: int = 1,
    ) -> LinkIndex:
        """Index and link ``articles`` ((id, key) pairs) from scratch; statistics are taken
        from them unless ``stats`` is given. ``procs`` > 1: candidates and scores of a large
        corpus are computed in that many processes (by fork; the result is the same)."""
        ids = [aid for aid, _ in articles]
        infos = infos_for(ids)
        per = [[p for p in infos.get(aid, ()) if _substantive(p.terms)] for aid in ids]
        flat = [p for ps in per for p in ps]
        if stats is None:
            stats = LinkStats.of([p.terms for p in flat])
        dmat, selfs = _weigh([p.terms for p in flat], stats)
        qmat = _queries(dmat, stats)
        ptr = np.concatenate([[0], np.cumsum([len(ps) for ps in per])]).astype(np.int64)
        n = len(flat)
        idx = cls(
            stats,
            ids,
            [k for _, k in articles],
            ptr,
            np.array([p.start for p in flat], dtype=np.int32),
            np.array([p.end for p in flat], dtype=np.int32),
            selfs,
            dmat,
            qmat,
            np.full((n, candidates_for(stats.n)), -1, dtype=np.int32),
            np.zeros((n, candidates_for(stats.n)), dtype=np.float32),
            {},
            {},
            epoch=uuid.uuid4().hex,
        )
        procs = procs if n >= PARALLEL_MIN else 1
        if n >= 2:
            idx._retrieve_parallel(n, procs)
        if stats.cuts is None:
            stats.cuts = idx._calibrate()
        idx.directed = {}
        idx._link_parallel(n, flat.__getitem__, texts, procs)
        idx.links = {}
        incoming: dict[str, set[str]] = {}
        for src, ls in idx.directed.items():
            for l in ls:
                incoming.setdefault(l.target, set()).add(src)
        for aid in ids:
            got = _finish(aid, idx.directed, sorted(incoming.get(aid, ())))
            if got:
                idx.links[aid] = got
        return idx

    def _sims(self) -> np.ndarray:
        """Normalised similarity of every (passage, candidate), 0 where there is none."""
        c = self.cand
        ok = c >= 0
        norm = np.sqrt(self.selfs)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(ok & (norm > 0), self.cval / np.where(norm > 0, norm, 1), 0.0)

    def _calibrate(self) -> tuple[float, float, float]:
        """Thresholds from this corpus's own distribution of candidate similarities: what
        counts as close depends on what the corpus has to offer (five articles on one story
        are all somewhat alike; 5,000 news articles mostly are not)."""
        v = self._sims()[self.cand >= 0]
        if len(v) < CALIBRATE_MIN:
            return (MIN_KEEP, MIN_STRONG, MIN_SAME)
        q = np.quantile(v, [KEEP_QUANTILE, STRONG_QUANTILE, SAME_QUANTILE]).tolist()
        return tuple(round(min(hi, max(lo, x)), 4) for x, lo, hi in zip(q, (MIN_KEEP, MIN_STRONG, MIN_SAME), (MAX_KEEP, MAX_STRONG, MAX_SAME)))

    def _art_of(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.articles)), np.diff(self.ptr))

    def _rank(self, art_of: np.ndarray) -> np.ndarray:
        order = sorted(range(len(self.articles)), key=self.articles.__getitem__)
        art_rank = np.empty(len(self.articles), dtype=np.int64)
        art_rank[order] = np.arange(len(order))
        key = art_rank[art_of] * (int(self.ends.max(initial=0)) + 1) + self.starts
        rank = np.empty(len(key), dtype=np.int64)
        rank[np.argsort(key, kind="stable")] = np.arange(len(key))
        return rank

    def _retrieve(self, queries: np.ndarray) -> None:
        """Candidates of the passages ``queries`` against the whole index."""
        art_of = self._art_of()
        rank = self._rank(art_of)
        dt = self.dmat.T.tocsr()
        inv = self._inv_root()
        for b0 in range(0, len(queries), BATCH):
            _yield_gil()
            qs = queries[b0 : b0 + BATCH]
            s = (self.qmat[qs] @ dt).tocsr()
            s.data *= inv[s.indices]
            for r, qi in enumerate(qs):
                self._set_candidates(qi, s.indices[s.indptr[r] : s.indptr[r + 1]], s.data[s.indptr[r] : s.indptr[r + 1]], art_of, rank)

    def _retrieve_parallel(self, n: int, procs: int) -> None:
        def task(lo: int, hi: int):
            self._retrieve(np.arange(lo, hi))
            return lo, hi, self.cand[lo:hi], self.cval[lo:hi]

        for lo, hi, c, v in _in_parallel(task, n, procs):
            self.cand[lo:hi] = c
            self.cval[lo:hi] = v

    def _link_parallel(self, n: int, info_of: Callable[[int], PassageInfo], texts: dict[str, str], procs: int) -> None:
        """``_link`` of every passage, in ``procs`` slices; each article's links end up in
        query order, as one process would have made them."""
        if procs <= 1:
            self._link(range(n), info_of, texts)
            return

        def task(lo: int, hi: int):
            saved, self.directed = self.directed, {}
            try:
                self._link(range(lo, hi), info_of, texts)
                # Plain tuples: a frozen dataclass pickles field by field, several times slower.
                return {aid: [tuple(getattr(l, f) for f in _LINK_FIELDS) for l in ls] for aid, ls in self.directed.items()}
            finally:
                self.directed = saved

        for part in _in_parallel(task, n, procs):
            for aid, rows in part.items():
                self.directed.setdefault(aid, []).extend(Link(*r) for r in rows)

    def _inv_root(self) -> np.ndarray:
        """1/√(self weight) of every passage. Candidates are chosen by the product divided by
        the candidate's own weight: a raw product favours long passages, which match some of
        any query's terms, over a short one that tells the same thing."""
        w = self.selfs.astype(np.float32)
        return np.where(w > 0, 1 / np.sqrt(np.where(w > 0, w, 1)), 0).astype(np.float32)

    def _set_candidates(self, qi: int, cand: np.ndarray, vals: np.ndarray, art_of: np.ndarray, rank: np.ndarray) -> None:
        self.cand[qi] = -1
        self.cval[qi] = 0
        if not len(cand) or self.selfs[qi] <= 0:
            return
        c, v = _top(cand, vals, art_of[qi], art_of, rank, self.cand.shape[1])
        self.cand[qi, : len(c)] = c
        self.cval[qi, : len(v)] = v

    def _link(self, queries, info_of: Callable[[int], PassageInfo], texts: dict[str, str]) -> None:
        """Score the candidates of ``queries`` into ``directed`` links."""
        common = self.stats.common
        ids, df = self.stats.ids, self.stats.df

        def df_of(term: str) -> int:
            i = ids.get(term)
            return int(df[i]) if i is not None else 1

        art_of = self._art_of()

        for k, qi in enumerate(queries):
            if not k % 256:
                _yield_gil()
            row = self.cand[qi]
            row = row[row >= 0]
            if not len(row):
                continue
            # cval is already divided by the candidate's √(self weight) (see _inv_root).
            norm = float(np.sqrt(self.selfs[qi]))
            pairs = [(info_of(int(c)), float(x) / norm) for c, x in zip(row, self.cval[qi, : len(row)])]
            a = info_of(int(qi))
            _score_candidates(a, pairs, texts, self.directed, common, self.stats.cuts, df_of, self._neighbours(qi, row, a, info_of, art_of), self.stats.n)

    def _neighbours(
        self, qi: int, row: np.ndarray, a: PassageInfo, info_of: Callable[[int], PassageInfo], art_of: np.ndarray
    ) -> list[tuple[PassageInfo, float]]:
        """The passages next to ``qi``'s candidates (two either side, same article) whose count
        contradicts one of ``qi``'s, with their similarity to ``qi``: a report often tells a
        fact over two paragraphs, and the one that contradicts a count (اصطدمت بـ15 سيارة
        against وتحطم 20 سيارة) may sit next to the one that words alone found."""
        if not a.numbers:
            return []
        n = len(self.starts)
        seen = set(row.tolist())
        out = []
        for c in row.tolist():
            for nb in (c - 2, c - 1, c + 1, c + 2):
                if nb in seen or not 0 <= nb < n or art_of[nb] != art_of[c]:
                    continue
                seen.add(nb)
                b = info_of(nb)
                if not b.numbers or not (a.numbers.keys() & b.numbers.keys()):
                    continue
                # The similarity costs a sparse product: only for the rare pair that disagrees.
                if number_conflict(a, b, self.stats.common, beside=True) is None:
                    continue
                self._matrices()
                dot = float((self.qmat[qi] @ self.dmat[nb].T).sum())
                w = float(np.sqrt(self.selfs[qi] * self.selfs[nb]))
                out.append((b, dot / w if w > 0 else 0.0))
        return out

    # -- updating ---------------------------------------------------------------------------
    def update(self, articles: list[tuple[str, str]], infos_for: InfosFor, texts: dict[str, str], procs: int = 1) -> LinkIndex:
        """The index of ``articles`` ((id, key) pairs), reusing this one where keys agree.

        Equal to ``LinkIndex.build(articles, infos_for, texts, stats=self.stats)``: the kept
        passages keep their weights and queries (they depend on the statistics and the
        passage alone); a kept passage is re-queried only when one of its candidates went
        away, and otherwise meets just the new passages; links are re-scored only where a
        candidate list changed. Once the changes add up to REFRESH_FRACTION of the corpus, or
        for a small corpus, it is a full ``build`` with fresh statistics instead.
        """
        from scipy import sparse

        new_keys = dict(articles)
        kept = [i for i, aid in enumerate(self.articles) if new_keys.get(aid, None) == self.keys[i]]
        kept_ids = {self.articles[i] for i in kept}
        added = [(aid, k) for aid, k in articles if aid not in kept_ids]
        gone = [i for i in range(len(self.articles)) if self.articles[i] not in kept_ids]
        n_gone = int(sum(self.ptr[i + 1] - self.ptr[i] for i in gone))
        if not added and not gone:
            return self
        self._matrices()
        infos = infos_for([aid for aid, _ in added])
        add_per = [[p for p in infos.get(aid, ()) if _substantive(p.terms)] for aid, _ in added]
        add_flat = [p for ps in add_per for p in ps]
        drift = self.drift + n_gone + len(add_flat)
        if self.stats.n < INCREMENTAL_MIN or drift > REFRESH_FRACTION * self.stats.n:
            return LinkIndex.build(articles, infos_for, texts, procs=procs)

        old_gids = np.concatenate([np.arange(self.ptr[i], self.ptr[i + 1]) for i in kept] or [np.zeros(0, dtype=np.int64)]).astype(np.int64)
        n_kept = len(old_gids)
        remap = np.full(len(self.starts) + 1, -1, dtype=np.int32)  # index -1 (no candidate) stays -1
        remap[old_gids] = np.arange(n_kept)
        add_d, add_selfs = _weigh([p.terms for p in add_flat], self.stats)
        add_q = _queries(add_d, self.stats)
        counts = [self.ptr[i + 1] - self.ptr[i] for i in kept] + [len(ps) for ps in add_per]
        new = LinkIndex(
            self.stats,
            [self.articles[i] for i in kept] + [aid for aid, _ in added],
            [self.keys[i] for i in kept] + [k for _, k in added],
            np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
            np.concatenate([self.starts[old_gids], [p.start for p in add_flat]]).astype(np.int32),
            np.concatenate([self.ends[old_gids], [p.end for p in add_flat]]).astype(np.int32),
            np.concatenate([self.selfs[old_gids], add_selfs]),
            sparse.vstack([self.dmat[old_gids], add_d], format="csr"),
            sparse.vstack([self.qmat[old_gids], add_q], format="csr"),
            np.concatenate([remap[self.cand[old_gids]], np.full((len(add_flat), self.cand.shape[1]), -1, dtype=np.int32)]),
            np.concatenate([self.cval[old_gids], np.zeros((len(add_flat), self.cand.shape[1]), dtype=np.float32)]),
            {},
            {},
            drift,
            self.epoch,
            list(self.chunks),
            np.concatenate([self._store_rows()[old_gids], np.full(len(add_flat), -1, dtype=np.int64)]),
            self.n_store,
        )
        n = len(new.starts)
        new_rows = np.arange(n_kept, n)
        art_of = new._art_of()
        rank = new._rank(art_of)
        # A kept passage whose candidate went away may have a seventh-best that now moves up:
        # only a new query can tell. The others meet just the new passages.
        lost = (new.cand[:n_kept] < 0) & (self.cand[old_gids] >= 0)
        requery = np.flatnonzero(lost.any(axis=1))
        before = new.cand.copy()
        if len(add_flat) and n >= 2:
            s = (new.qmat[:n_kept] @ new.dmat[new_rows].T).tocsr()
            s.data *= new._inv_root()[n_kept + s.indices]
            hit = np.diff(s.indptr) > 0
            hit[requery] = False
            # A full list whose sixth score beats every new score cannot change: most rows.
            best = np.zeros(n_kept, dtype=np.float32)
            best[hit] = np.maximum.reduceat(s.data, s.indptr[:-1][hit])
            hit &= (new.cand[:n_kept, -1] < 0) | (best >= new.cval[:n_kept, -1])
            for qi in np.flatnonzero(hit):
                if new.selfs[qi] <= 0:
                    continue
                row = new.cand[qi]
                have = row >= 0
                lo, hi = s.indptr[qi], s.indptr[qi + 1]
                cand = np.concatenate([row[have], n_kept + s.indices[lo:hi]])
                vals = np.concatenate([new.cval[qi][have], s.data[lo:hi]])
                new._set_candidates(qi, cand, vals, art_of, rank)
        queries = np.concatenate([requery, new_rows]).astype(np.int64)
        if len(queries) and n >= 2:
            new._retrieve_some(queries, art_of, rank)
        changed = set(queries.tolist()) | set(
            np.flatnonzero((new.cand[:n_kept] != before[:n_kept]).any(axis=1) | (new.cval[:n_kept] != self.cval[old_gids]).any(axis=1)).tolist()
        )

        # Old links leaving re-scored or removed passages: their targets must be finished again.
        touched: set[str] = set()
        redo_starts: dict[str, set[int]] = {}
        for qi in changed:
            aid = new.articles[art_of[qi]]
            redo_starts.setdefault(aid, set()).add(int(new.starts[qi]))
        # Links still packed are decoded only where this update reads them: the articles taken
        # out, those re-scored, and (below) those whose links must be finished again.
        self._unpack([aid for aid in self.packed if aid not in kept_ids or aid in redo_starts])
        for aid, ls in self.directed.items():
            if aid not in kept_ids:
                touched.update(l.target for l in ls)
                continue
            starts = redo_starts.get(aid)
            keep_ls = ls if not starts else [l for l in ls if l.start not in starts]
            if starts:
                touched.update(l.target for l in ls if l.start in starts)
                touched.add(aid)
            if keep_ls:
                new.directed[aid] = keep_ls if keep_ls is not ls else list(ls)

        need = sorted({new.articles[art_of[c]] for qi in changed for c in [qi, *new.cand[qi][new.cand[qi] >= 0]]})
        got = {aid: infos[aid] for aid, _ in added if aid in infos}
        got.update(infos_for([aid for aid in need if aid not in got]))
        by_art = {
            aid: [p for p in got.get(aid, ()) if _substantive(p.terms)] for aid in need
        }
        first = {aid: int(new.ptr[i]) for i, aid in enumerate(new.articles)}

        def info_of(gid: int) -> PassageInfo:
            aid = new.articles[art_of[gid]]
            return by_art[aid][gid - first[aid]]

        fresh: dict[str, list[Link]] = {}
        saved, new.directed = new.directed, fresh
        new._link(sorted(changed), info_of, texts)
        new.directed = saved
        for aid, ls in fresh.items():
            new.directed.setdefault(aid, []).extend(ls)
            touched.add(aid)
            touched.update(l.target for l in ls)
        touched.update(aid for aid, _ in added)

        alive = set(new.articles)
        redo = touched & alive
        sources_of: dict[str, set[str]] = {}
        late = [aid for aid in redo if aid in self.packed]
        self._unpack(late)
        for aid in redo:
            sources = {l.target for l in self.links.get(aid, ())}
            sources.update(src for src, ls in fresh.items() if any(l.target == aid for l in ls))
            sources_of[aid] = sources & alive
        late += [src for ss in sources_of.values() for src in ss if src in self.packed]
        self._unpack(late)
        for aid in late:  # kept and not re-scored: their own links are as they were
            if aid in self.directed and aid in kept_ids:
                new.directed[aid] = list(self.directed[aid])
        new.links = {aid: ls for aid, ls in self.links.items() if aid in alive and aid not in touched}
        new.packed = {aid: rec for aid, rec in self.packed.items() if aid in alive and aid not in touched}
        new.link_at = {aid: at for aid, at in self.link_at.items() if aid in new.links or aid in new.packed}
        for aid in redo:
            got_links = _finish(aid, new.directed, sorted(sources_of[aid]))
            if got_links:
                new.links[aid] = got_links
        return new

    def _store_rows(self) -> np.ndarray:
        if self.store_row is None:
            return np.full(len(self.starts), -1, dtype=np.int64)
        return self.store_row

    def _retrieve_some(self, queries: np.ndarray, art_of: np.ndarray, rank: np.ndarray) -> None:
        # docs × queries rather than queries × docs: no transpose of the whole index. Each
        # score is the same float32 sum, over the same terms in the same (term id) order.
        s = (self.dmat @ self.qmat[queries].T).T.tocsr()
        s.data *= self._inv_root()[s.indices]
        for r, qi in enumerate(queries):
            lo, hi = s.indptr[r], s.indptr[r + 1]
            self._set_candidates(int(qi), s.indices[lo:hi], s.data[lo:hi], art_of, rank)


def compute_links(infos: list[PassageInfo], texts: dict[str, str], stats: LinkStats | None = None) -> dict[str, list[Link]]:
    """Links for every passage in ``infos`` to passages of other articles."""
    per: dict[str, list[PassageInfo]] = {}
    for p in infos:
        per.setdefault(p.article, []).append(p)
    idx = LinkIndex.build([(aid, "") for aid in per], lambda ids: {aid: per[aid] for aid in ids if aid in per}, texts, stats)
    return idx.links


