import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.analysis.links import bm25_matrix

words = st.sampled_from(["قمه", "رياض", "ترامب", "بوتين", "حرب", "سلام", "90", "دقيق"])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=12), min_size=2, max_size=12))
def test_weights_match_bm25s(docs):
    import bm25s

    vocab, m = bm25_matrix(docs)
    ref = bm25s.BM25(k1=1.2, b=0.75)
    ref.index(docs, show_progress=False)
    for q in {t for d in docs for t in d}:
        expected = ref.get_scores([q])
        got = m[:, vocab[q]].toarray().ravel()
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
