"""Links between passages of different articles: BM25 retrieval plus shared evidence.

Every passage is turned into *terms* (``terms``: folded, light-stemmed, stopwords out,
entity tokens unstemmed, plus ``@entity-id`` terms), weighted by BM25 (Lucene's formula, as
bm25s); retrieval is a batched sparse product restricted to each query's most distinctive
terms, so 50 000 passages cost seconds, not minutes (``index``). Candidates are then
re-scored with evidence the bag of words cannot see — shared entities, dates and numbers —
and explained in a short reason (``scoring``). Whether a candidate is close enough, and
whether it is *strong* (the same event or fact) or merely *related* (the same topic), is
judged against quantiles of the corpus's own candidate similarities
(``LinkIndex._calibrate``), so that five articles on one story and 5,000 news articles both
get the links a reader expects. Two linked passages that tell the same event with a
different day (or a different count of the same unit) get a ``conflict``.

All of it lives in a ``LinkIndex``, kept in the analysis cache (``storage``), so that a
changed article costs what it touches: its passages are taken out and put back, and only
passages whose candidates change are scored again. BM25 depends on corpus statistics (IDF,
average length) that every edit shifts a little; they are *kept* from the last full
computation until 5% of the passages have changed (``REFRESH_FRACTION``), which makes an
update exactly equal to a full computation with those statistics
(tests/analysis/test_incremental_links.py) and, on SaudiNewsNet after five edits, left the
same 81 862 links (LINKS_VERSION 7) as fresh statistics would, 0.3% of their scores
different (by up to 0.28, on the edited passages themselves).
"""

from tui.analysis.links.index import (
    CANDIDATES,
    INCREMENTAL_MIN,
    REFRESH_FRACTION,
    LinkIndex,
    LinkStats,
    bm25_matrix,
    compute_links,
)
from tui.analysis.links.scoring import (
    TOP_LINKS,
    _event_phrase,
    _evidence,
    _reason,
    _same_fact,
    _score_candidates,
    date_conflict,
    number_conflict,
)
from tui.analysis.links.storage import corpus_signature, linked, load_index, save_index
from tui.analysis.links.terms import (
    LINKS_VERSION,
    PassageInfo,
    _num_units,
    attach_entities,
    base_from_json,
    base_to_json,
    passage_base,
    passage_info,
)

__all__ = [
    "CANDIDATES",
    "INCREMENTAL_MIN",
    "LINKS_VERSION",
    "REFRESH_FRACTION",
    "TOP_LINKS",
    "LinkIndex",
    "LinkStats",
    "PassageInfo",
    "_event_phrase",
    "_evidence",
    "_num_units",
    "_reason",
    "_same_fact",
    "_score_candidates",
    "attach_entities",
    "base_from_json",
    "base_to_json",
    "bm25_matrix",
    "compute_links",
    "corpus_signature",
    "date_conflict",
    "linked",
    "load_index",
    "number_conflict",
    "passage_base",
    "passage_info",
    "save_index",
]
