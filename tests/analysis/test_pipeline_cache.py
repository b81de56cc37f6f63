"""The pipeline with its cache: hits, misses, a changed article, a corrupt cache file, JSON."""

import json

from tui.analysis.dates import extract_dates
from tui.analysis.model import Mention
from tui.analysis.pipeline import Extractors, analyze_corpus, to_json
from tui.corpus.model import Article
from tui.store.cache import AnalysisCache

CALLS: list[str] = []


def counting_entities(text):
    CALLS.append(text[:20])
    out = []
    for name, eid in (("ترامب", "trump"), ("بوتين", "putin"), ("الرياض", "riyadh")):
        i = text.find(name)
        while i >= 0:
            out.append(Mention(i, i + len(name), name, "PER" if eid != "riyadh" else "LOC", eid, name))
            i = text.find(name, i + 1)
    return out


EX = Extractors(entities=counting_entities, dates=lambda t, article_date=None, **kw: extract_dates(t, "2025-01-01", **kw), version="t1")


def articles():
    return [
        Article("a", "a.txt", "عنوان أول\nالتقى ترامب بوتين في الرياض يوم 18 فبراير 2025 لبحث إنهاء الحرب في أوكرانيا.", content_hash="ha"),
        Article("b", "b.txt", "عنوان ثان\nاجتمع وفدا ترامب وبوتين في الرياض في 18 فبراير 2025 وبحثا إنهاء الحرب في أوكرانيا.", content_hash="hb"),
        Article("c", "c.txt", "عنوان ثالث\nارتفعت أسعار القمح في الأسواق المحلية بسبب الجفاف الذي أصاب الحقول.", content_hash="hc"),
    ]


def test_second_run_does_no_per_article_analysis(tmp_path):
    with AnalysisCache(tmp_path / "c.sqlite3") as cache:
        CALLS.clear()
        first = analyze_corpus(articles(), cache=cache, extractors=EX)
        assert len(CALLS) == 3
        CALLS.clear()
        second = analyze_corpus(articles(), cache=cache, extractors=EX)
        assert CALLS == []
    assert to_json(articles(), first) == to_json(articles(), second)
    assert any(l.target == "b" for l in first["a"].links)


def test_changed_article_is_reanalysed_alone(tmp_path):
    with AnalysisCache(tmp_path / "c.sqlite3") as cache:
        analyze_corpus(articles(), cache=cache, extractors=EX)
        arts = articles()
        arts[2] = Article("c", "c.txt", arts[2].text + "\nوقال ترامب إن الرياض مكان مناسب.", content_hash="hc2")
        CALLS.clear()
        res = analyze_corpus(arts, cache=cache, extractors=EX)
    assert len(CALLS) == 1 and CALLS[0] == arts[2].text[:20]
    assert [m.text for m in res["c"].entities] == ["ترامب", "الرياض"]


def test_analyser_version_change_is_a_miss(tmp_path):
    with AnalysisCache(tmp_path / "c.sqlite3") as cache:
        analyze_corpus(articles(), cache=cache, extractors=EX)
        CALLS.clear()
        analyze_corpus(articles(), cache=cache, extractors=Extractors(entities=counting_entities, version="t2"))
    assert len(CALLS) == 3


def test_corrupt_cache_file_is_rebuilt_and_reported(tmp_path):
    p = tmp_path / "c.sqlite3"
    p.write_bytes(b"this is not sqlite" * 100)
    with AnalysisCache(p) as cache:
        res = analyze_corpus(articles(), cache=cache, extractors=EX)
        assert any("moved" in n for n in cache.notices)
    assert set(res) == {"a", "b", "c"}
    with AnalysisCache(p) as cache:
        CALLS.clear()
        analyze_corpus(articles(), cache=cache, extractors=EX)
        assert CALLS == [] and cache.notices == []


def test_unloadable_articles_are_left_out():
    arts = articles() + [Article("bad", "bad.txt", "", error="not a text file")]
    res = analyze_corpus(arts, extractors=EX)
    assert "bad" not in res


def test_json_document_schema_and_offsets():
    arts = articles()
    doc = to_json(arts, analyze_corpus(arts, extractors=EX))
    json.dumps(doc, ensure_ascii=False)  # serialisable
    assert doc["version"] == 1 and len(doc["articles"]) == 3
    keys = {
        "passages": {"start", "end"},
        "entities": {"start", "end", "text", "type", "id", "name"},
        "dates": {"start", "end", "text", "value", "calendar", "gregorian"},
        "links": {"start", "end", "target", "target_start", "target_end", "score", "reason", "conflict", "strength"},
    }
    ids = {a["id"] for a in doc["articles"]}
    by_id = {a["id"]: a for a in doc["articles"]}
    for a in doc["articles"]:
        # date_source (issue 12) is the one field added to an article since the contract was set.
        assert set(a) == {"id", "path", "title", "source", "date", "date_source", "text", *keys}
        optional = {"dates": {"year_inferred", "note", "granularity", "relative", "resolved"}}
        for k, want in keys.items():
            for item in a[k]:
                assert want <= set(item) <= want | optional.get(k, set())
                assert isinstance(item["start"], int) and isinstance(item["end"], int)
                assert 0 <= item["start"] < item["end"] <= len(a["text"])
        for m in a["entities"] + a["dates"]:
            assert a["text"][m["start"] : m["end"]] == m["text"]
        for l in a["links"]:
            assert l["target"] in ids and l["target"] != a["id"]
            assert isinstance(l["score"], float) and isinstance(l["reason"], str) and l["reason"]
            assert l["conflict"] is None or isinstance(l["conflict"], str)
            assert l["strength"] in ("strong", "related")
            t = by_id[l["target"]]
            assert {"start": l["target_start"], "end": l["target_end"]} in t["passages"]
            assert {"start": l["start"], "end": l["end"]} in a["passages"]
    assert by_id["a"]["links"], "the two Riyadh passages link"


def test_process_pool_and_single_process_agree():
    # 200+ uncached articles use worker processes; the result must not depend on it.
    base = articles()
    many = [
        Article(f"{a.id}{i}", a.path, a.text + f"\nفقرة رقم {i} عن موضوع مختلف تماما.", content_hash=f"{a.content_hash}{i}")
        for i in range(70)
        for a in base
    ]
    ex = Extractors(entities=None, dates=extract_dates, version="pool")
    pooled = analyze_corpus(many, extractors=ex)
    single = analyze_corpus(many, extractors=ex, workers=1)
    assert to_json(many, pooled) == to_json(many, single)


def test_the_cyclic_collector_pauses_during_analysis_and_comes_back() -> None:
    import gc

    from tui.analysis.pipeline import analyze_corpus
    from tui.corpus.load import load_embedded

    seen: list[bool] = []
    assert gc.isenabled()
    analyze_corpus(load_embedded().articles, workers=1, progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)  # no full collection can stall a reader's UI thread meanwhile
    assert gc.isenabled()
    gc.disable()
    try:
        analyze_corpus(load_embedded().articles[:1], workers=1)
        assert not gc.isenabled()  # a caller's own choice is left alone
    finally:
        gc.enable()
