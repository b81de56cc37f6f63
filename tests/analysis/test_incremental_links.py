"""A changed, added or removed article updates the link index; the result equals a full
computation with the same corpus statistics (see ``LinkIndex.update``), and a full one with
fresh statistics once the changes pass REFRESH_FRACTION."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.analysis.test_links_constructed import FAKE, FILLER
from tui.analysis import pipeline
from tui.analysis.links import LinkIndex, compute_links, load_index, save_index
from tui.analysis.links import index as link_index
from tui.analysis.links import storage as link_storage
from tui.analysis.pipeline import analyze_corpus, passage_infos
from tui.corpus.model import Article
from tui.store.cache import AnalysisCache

SENTENCES = FILLER + [
    "عقدت قمة الرياض في 18 فبراير 2025 بين وفدين من الولايات المتحدة وروسيا لبحث إنهاء الحرب في أوكرانيا.",
    "شارك مبعوثو ترامب ووفد بوتين في قمة الرياض يوم 19 فبراير 2025 وناقشوا إنهاء الحرب في أوكرانيا.",
    "استغرقت المكالمة الهاتفية بين ترامب وبوتين 90 دقيقة وتناولت إنهاء الحرب في أوكرانيا وتبادل الأسرى.",
    "استغرقت المكالمة الهاتفية بين ترامب وبوتين 60 دقيقة وتناولت إنهاء الحرب في أوكرانيا وتبادل الأسرى.",
    "سجل ميسي هدفين في المباراة النهائية وسط احتفالات الجماهير في الملعب الكبير.",
    "ارتفعت أسعار القمح والشعير في الأسواق المحلية بعد موسم جاف وقلة الأمطار في الحقول الشمالية.",
    "أعلنت وزارة الصحة عن حملة تطعيم واسعة للأطفال في المدارس الحكومية خلال الشهر المقبل.",
    "افتتح ميسي أكاديمية كرة القدم الجديدة للأطفال بحضور جماهيري لافت ومشاركة المدربين.",
]


def make_article(rng: random.Random, aid: str) -> Article:
    paras = ["عنوان " + aid]
    for _ in range(rng.randint(1, 4)):
        paras.append(" ".join(rng.sample(SENTENCES, rng.randint(1, 2))))
    return Article(aid, f"{aid}.txt", "\n".join(paras), title=paras[0])


def corpus(seed: int, n: int = 14) -> list[Article]:
    rng = random.Random(seed)
    return [make_article(rng, f"a{i:02d}") for i in range(n)]


def as_sets(directed):
    # A passage's own links are kept in the order they were scored; only the set matters.
    return {aid: set(ls) for aid, ls in directed.items()}


def link_map(res):
    return {aid: an.links for aid, an in res.items() if an.links}


@pytest.fixture
def always_incremental(monkeypatch):
    """Updates however small the corpus and however much changes; yields the list of full builds."""
    monkeypatch.setattr(link_index, "INCREMENTAL_MIN", 0)
    monkeypatch.setattr(link_index, "REFRESH_FRACTION", 100.0)
    builds = []
    real = LinkIndex.build.__func__
    monkeypatch.setattr(LinkIndex, "build", classmethod(lambda cls, *a, **k: builds.append(1) or real(cls, *a, **k)))
    return builds


def edit(arts: list[Article], seed: int, kind: str) -> list[Article]:
    rng = random.Random(seed)
    arts = list(arts)
    i = rng.randrange(len(arts))
    if kind == "edit":
        a = arts[i]
        arts[i] = Article(a.id, a.path, a.text + "\n" + rng.choice(SENTENCES), title=a.title)
    elif kind == "add":
        arts.insert(i, make_article(rng, f"new{seed}"))
    else:
        del arts[i]
    return arts


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000),
    kinds=st.lists(st.sampled_from(["edit", "add", "remove"]), min_size=1, max_size=3),
    next_start=st.booleans(),
)
def test_update_equals_full_computation_with_the_same_statistics(tmp_path_factory, always_incremental, seed, kinds, next_start):
    path = tmp_path_factory.mktemp("c") / "c.sqlite3"
    arts = corpus(seed)
    with AnalysisCache(path) as cache:
        analyze_corpus(arts, cache=cache, extractors=FAKE)
        stats = link_storage._INDEX[str(path)][1].stats
        for step, kind in enumerate(kinds):
            arts = edit(arts, seed + step, kind)
            builds = len(always_incremental)
            if next_start:  # nothing in memory: the index and its chunks come from the file
                link_storage._INDEX.pop(str(path), None)
                pipeline._DECODED.pop(str(path), None)
            res = analyze_corpus(arts, cache=cache, extractors=FAKE)
            index = link_storage._INDEX[str(path)][1]
            # Kept statistics (or, when the steps undo each other, the first index as cached).
            assert (index.stats.terms, index.stats.n, index.stats.avgdl) == (stats.terms, stats.n, stats.avgdl)
            assert len(always_incremental) == builds, "updated, not built again"
            full = compute_links(passage_infos(arts, res), {a.id: a.text for a in arts}, stats=stats)
            assert link_map(res) == full


def test_small_corpus_change_equals_fresh_full_computation(tmp_path):
    # Below INCREMENTAL_MIN passages there is no approximation at all.
    arts = corpus(7)
    with AnalysisCache(tmp_path / "c.sqlite3") as cache:
        analyze_corpus(arts, cache=cache, extractors=FAKE)
        for step, kind in enumerate(["edit", "add", "remove"]):
            arts = edit(arts, 100 + step, kind)
            res = analyze_corpus(arts, cache=cache, extractors=FAKE)
            assert link_map(res) == link_map(analyze_corpus(arts, extractors=FAKE))


def test_refresh_once_changes_add_up(tmp_path, monkeypatch):
    monkeypatch.setattr(link_index, "INCREMENTAL_MIN", 0)
    monkeypatch.setattr(link_index, "REFRESH_FRACTION", 0.2)
    path = tmp_path / "c.sqlite3"
    arts = corpus(3, n=20)
    with AnalysisCache(path) as cache:
        analyze_corpus(arts, cache=cache, extractors=FAKE)
        first = link_storage._INDEX[str(path)][1].stats
        arts = edit(arts, 1, "edit")
        analyze_corpus(arts, cache=cache, extractors=FAKE)
        assert link_storage._INDEX[str(path)][1].stats is first
        for step in range(12):
            arts = edit(arts, 10 + step, "edit")
            res = analyze_corpus(arts, cache=cache, extractors=FAKE)
        index = link_storage._INDEX[str(path)][1]
    assert index.stats is not first and index.drift < 0.2 * index.stats.n
    assert link_map(res) == compute_links(passage_infos(arts, res), {a.id: a.text for a in arts}, stats=index.stats)


def test_next_process_updates_from_the_cached_index(tmp_path, always_incremental, monkeypatch):
    path = tmp_path / "c.sqlite3"
    arts = corpus(11)
    with AnalysisCache(path) as cache:
        analyze_corpus(arts, cache=cache, extractors=FAKE)
        stats = link_storage._INDEX[str(path)][1].stats
    # A new process: nothing in memory, everything from the cache file.
    monkeypatch.setattr(link_storage, "_INDEX", {})
    monkeypatch.setattr(pipeline, "_DECODED", {})
    builds = len(always_incremental)
    arts = edit(arts, 5, "edit")
    with AnalysisCache(path) as cache:
        res = analyze_corpus(arts, cache=cache, extractors=FAKE)
    assert len(always_incremental) == builds
    assert link_map(res) == compute_links(passage_infos(arts, res), {a.id: a.text for a in arts}, stats=stats)


def test_damaged_index_is_rebuilt(tmp_path, monkeypatch):
    path = tmp_path / "c.sqlite3"
    arts = corpus(5)
    with AnalysisCache(path) as cache:
        want = link_map(analyze_corpus(arts, cache=cache, extractors=FAKE))
        cache._db.execute("UPDATE raw SET data = ?", (b"PK\x03\x04 not an npz",))
    monkeypatch.setattr(link_storage, "_INDEX", {})
    with AnalysisCache(path) as cache:
        assert link_map(analyze_corpus(arts, cache=cache, extractors=FAKE)) == want
        assert link_map(analyze_corpus(arts, cache=cache, extractors=FAKE)) == want


def test_index_saved_in_chunks_and_loaded_back(always_incremental):
    arts = corpus(9)
    res = analyze_corpus(arts, extractors=FAKE)
    infos = passage_infos(arts, res)
    per = {}
    for p in infos:
        per.setdefault(p.article, []).append(p)

    def infos_for(ids):
        return {i: per.get(i, []) for i in ids}

    texts = {a.id: a.text for a in arts}
    store: dict[str, bytes] = {}
    idx = LinkIndex.build([(a.id, "k" + a.id) for a in arts], infos_for, texts)
    image = save_index(idx, store.__setitem__)
    back = load_index(image, store.get)
    assert back is not None and len(store) == 1
    assert back.packed and not back.links and not back.directed, "links stay bytes until asked for"
    whole = load_index(image, store.get).unpack_all()
    assert whole.links == idx.links and as_sets(whole.directed) == as_sets(idx.directed)
    assert all(back.links_of(aid) == ls for aid, ls in idx.links.items())
    back = load_index(image, store.get)  # packed again: the update below starts from bytes
    assert back.keys == idx.keys and back.stats.terms == idx.stats.terms and back.stats.common == idx.stats.common
    # An update saves one more chunk with only what changed; the result reads back whole.
    keys = [(a.id, "k" + a.id) for a in arts]
    keys[3] = (keys[3][0], "changed")
    newer = back.update(keys, infos_for, texts)
    size = len(store)
    image2 = save_index(newer, store.__setitem__)
    assert len(store) == size + 1
    added = [store[c] for c in newer.chunks if c not in back.chunks]
    assert len(added) == 1 and len(added[0]) < len(store[back.chunks[0]])
    # An update from packed links equals one from decoded links.
    eager = whole.update(keys, infos_for, texts)
    newer.unpack_all()
    assert newer.links == eager.links and as_sets(newer.directed) == as_sets(eager.directed)
    again = load_index(image2, store.get)
    assert again is not None and again.unpack_all().links == newer.links and as_sets(again.directed) == as_sets(newer.directed)
    for got, want in ((back, idx), (again, newer)):
        got._matrices()
        assert (got.dmat != want.dmat).nnz == 0 and (got.qmat != want.qmat).nnz == 0
        assert (got.cand == want.cand).all() and (got.selfs == want.selfs).all()
    assert load_index(b"garbage", store.get) is None
    assert load_index(image2, {}.get) is None  # chunks missing


def test_base_is_the_kept_index_sharing_most_articles(tmp_path, always_incremental, monkeypatch):
    # The reader links the first articles at start, then the whole collection: after an
    # edit, the whole collection's index is the base, not the most recent (partial) one.
    path = tmp_path / "c.sqlite3"
    arts = corpus(13, n=16)
    with AnalysisCache(path) as cache:
        analyze_corpus(arts, cache=cache, extractors=FAKE)
        whole = link_storage._INDEX[str(path)][1]
        analyze_corpus(arts[:4], cache=cache, extractors=FAKE)
    monkeypatch.setattr(link_storage, "_INDEX", {})
    bases = []
    real = LinkIndex.update
    monkeypatch.setattr(LinkIndex, "update", lambda self, *a, **k: bases.append(len(self.articles)) or real(self, *a, **k))
    arts = edit(arts, 8, "edit")
    builds = len(always_incremental)
    with AnalysisCache(path) as cache:
        res = analyze_corpus(arts, cache=cache, extractors=FAKE)
    assert bases == [16] and len(always_incremental) == builds
    assert link_map(res) == compute_links(passage_infos(arts, res), {a.id: a.text for a in arts}, stats=whole.stats)


def test_chunks_no_kept_index_names_are_deleted(tmp_path, monkeypatch):
    monkeypatch.setattr(link_index, "INCREMENTAL_MIN", 0)
    monkeypatch.setattr(link_index, "REFRESH_FRACTION", 0.3)
    path = tmp_path / "c.sqlite3"
    arts = corpus(21, n=20)
    with AnalysisCache(path) as cache:
        for step in range(12):  # past REFRESH_FRACTION: a new epoch; the old one's chunks go
            arts = edit(arts, 50 + step, "edit")
            analyze_corpus(arts, cache=cache, extractors=FAKE)
        kind = "linkindex-" + pipeline._full_version(FAKE)
        manifest = cache.get(("recent", kind))
        rows = cache._db.execute("SELECT hash FROM raw WHERE version=?", (kind + "/chunk",)).fetchall()
    assert len(manifest["sigs"]) == link_storage.KEEP_INDEXES
    live = {c for cs in manifest["chunks"].values() for c in cs}
    assert {h for (h,) in rows} == live
    assert len({c.split(".")[0] for c in live}) <= 2  # at most the epochs of the kept indexes
