"""Speed without a different answer: a next start reads each article's links from the cache
only when they are read, and a large corpus's index built in two processes; both give the
links one eager, single-process computation gives."""

from tests.analysis.test_incremental_links import corpus, edit, link_map
from tests.analysis.test_links_constructed import FAKE
from tui.analysis import pipeline
from tui.analysis.links import LinkIndex
from tui.analysis.links import index as link_index
from tui.analysis.links import storage as link_storage
from tui.analysis.pipeline import analyze_corpus, passage_infos
from tui.store.cache import AnalysisCache


def test_next_start_links_read_per_article_equal_the_eager_ones(tmp_path, monkeypatch):
    path = tmp_path / "c.sqlite3"
    arts = corpus(21, n=16)
    with AnalysisCache(path) as cache:
        want = link_map(analyze_corpus(arts, cache=cache, extractors=FAKE))
    assert want
    for changed in (arts, edit(arts, 3, "edit")):
        monkeypatch.setattr(link_storage, "_INDEX", {})
        monkeypatch.setattr(pipeline, "_DECODED", {})
        with AnalysisCache(path) as cache:
            res = analyze_corpus(changed, cache=cache, extractors=FAKE)
        index = link_storage._INDEX[str(path)][1]
        if changed is arts:
            # Nothing changed: no article's links were decoded to answer.
            assert index.packed and not index.links
            assert all(an._pending is not None for aid, an in res.items() if aid in index.packed)
        eager = link_map(analyze_corpus(changed, extractors=FAKE))  # no cache at all
        assert link_map(res) == eager
        if changed is arts:
            assert eager == want


def test_parallel_build_equals_one_process(monkeypatch):
    monkeypatch.setattr(link_index, "PARALLEL_MIN", 0)
    arts = corpus(4, n=24)
    res = analyze_corpus(arts, extractors=FAKE)
    infos = passage_infos(arts, res)
    per: dict = {}
    for p in infos:
        per.setdefault(p.article, []).append(p)
    texts = {a.id: a.text for a in arts}
    keys = [(a.id, "k") for a in arts]
    one = LinkIndex.build(keys, lambda ids: {i: per.get(i, []) for i in ids}, texts, procs=1)
    two = LinkIndex.build(keys, lambda ids: {i: per.get(i, []) for i in ids}, texts, procs=2)
    assert one.links and two.links == one.links and two.directed == one.directed
    assert (two.cand == one.cand).all() and (two.cval == one.cval).all()
    assert two.stats.cuts == one.stats.cuts
