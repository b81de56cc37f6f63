"""Hostile text through the whole pure pipeline: file → loader → analysis → layout → glyphs.

Whatever bytes an article file holds, loading, analysing and laying it out must not raise, and no
glyph the layout produces may carry a character that a terminal would act on or that would make
the terminal reorder text behind Qari's back. The forbidden set is defined once, below.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.analysis.pipeline import analyze_article
from tui.corpus.load import load_file
from tui.corpus.model import Article
from tui.text.layout import DocumentLayout, LayoutOptions

# Bidi formatting characters (UAX #9 table 4 plus the marks): LRE RLE PDF LRO RLO, LRI RLI FSI PDI,
# LRM RLM ALM.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
JOINERS = frozenset("\u200d\u200c\ufeff")  # ZWJ, ZWNJ, BOM / ZWNBSP
# Categories a terminal must never receive from article text: controls (C0, DEL, C1 incl. ESC and
# the 8-bit CSI U+009B), format characters (bidi controls, joiners, soft hyphen, Arabic number
# signs: all invisible and some of them steer the terminal's own bidi), and surrogates (not even
# encodable). Line/paragraph separators would break a terminal row.
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def forbidden(ch: str) -> bool:
    return ch in BIDI_CONTROLS or ch in JOINERS or unicodedata.category(ch) in FORBIDDEN_CATEGORIES


C0 = "".join(chr(c) for c in range(0x20)) + "\x7f"
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
ESCAPES = [
    "\x1b[2J", "\x1b[H", "\x1b[31m", "\x1b[?1049h", "\x1b[6n", "\x9b2J", "\x9b31m",
    "\x1b]52;c;aGVsbG8=\x07", "\x1b]0;pwned\x07", "\x1b]2;x\x1b\\", "\x9d0;t\x9c",
    "\x1bP+q544e\x1b\\", "\x90q\x9c", "\x1b8", "\x1bc", "\x1b[8l", "\x1b[1 k",
]
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
COMBINING = HARAKAT + "\u0300\u0301\u0308\u20dd\u0489\u0653\u0654\u0655\u06ed"
LATIN = "abcXYZ"
DIGITS = "0123456789٠١٢٣۴"
PUNCT = "()[]{}<>.,:;!?%-/«»،؛ "
ODD = "\u00ad\u0600\u0605\u06dd\u200b\u2028\u2029\u2060\ue000\U0001f600\u4e2d\ufdfd\ufffd"
LONE_SURROGATES = "\udc80\udcff\udce9\ud800\udfff"

chunk = st.one_of(
    st.text(alphabet=ARABIC, min_size=1, max_size=8),
    st.text(alphabet=ARABIC + HARAKAT, min_size=1, max_size=8),
    st.text(alphabet=LATIN + DIGITS + PUNCT, min_size=1, max_size=8),
    st.text(alphabet=C0 + C1, min_size=1, max_size=3),
    st.sampled_from(ESCAPES),
    st.text(alphabet="".join(BIDI_CONTROLS), min_size=1, max_size=4),
    st.text(alphabet="".join(JOINERS), min_size=1, max_size=3),
    st.text(alphabet=COMBINING, min_size=1, max_size=30),  # piles of marks, possibly with no base
    st.text(alphabet=ODD, min_size=1, max_size=3),
    st.text(alphabet=LONE_SURROGATES, min_size=1, max_size=2),
    st.text(max_size=6),  # anything hypothesis likes, including unassigned and private use
)
hostile_text = st.lists(chunk, max_size=30).map("".join)
WIDTHS = st.integers(min_value=10, max_value=200)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"])


def check_layout(text: str, width: int, harakat: bool) -> None:
    """Lay out every paragraph in every mode; every glyph is safe and offsets stay in range."""
    for mode in ("app", "terminal", "off"):
        doc = DocumentLayout(text, width, LayoutOptions(mode=mode, harakat=harakat))
        for p, (start, end) in enumerate(doc.paragraphs):
            for line in doc.paragraph(p).lines:
                assert len(line.glyphs) == len(line.widths) == len(line.starts) == len(line.ends)
                for glyph in line.glyphs:
                    bad = [f"U+{ord(c):04X}" for c in glyph if forbidden(c)]
                    assert not bad, f"mode={mode} width={width}: glyph {glyph!r} carries {bad}"
                for s, e in zip(line.starts, line.ends):
                    assert start <= s <= e <= end


def check_article(article: Article, width: int, harakat: bool) -> None:
    analysis = analyze_article(article)
    n = len(article.text)
    for m in [*analysis.entities, *analysis.dates, *analysis.passages]:
        assert 0 <= m.start <= m.end <= n
    check_layout(article.text, width, harakat)
    for field in (article.title, article.source or "", article.author or ""):
        assert isinstance(field, str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text, width=WIDTHS, harakat=st.booleans())
def test_hostile_text_in_memory(text: str, width: int, harakat: bool) -> None:
    """Strings straight into analysis and layout, lone surrogates included (as bad decoding leaves them)."""
    check_article(Article(id="x", path="x.txt", text=text, raw=text, title=text[:40]), width, harakat)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=hostile_text, suffix=SUFFIXES, width=WIDTHS, harakat=st.booleans())
def test_hostile_text_in_files(tmp_path: Path, text: str, suffix: str, width: int, harakat: bool) -> None:
    """The same text as a file; surrogateescape turns the lone surrogates back into invalid UTF-8 bytes."""
    path = tmp_path / f"article{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogateescape") if _escapable(text) else
                     text.encode("utf-8", "surrogatepass"))
    for article in load_file(path):
        assert article.error is None or article.text == ""
        check_article(article, width, harakat)


def _escapable(text: str) -> bool:
    return all(not ("\ud800" <= c <= "\udfff") or "\udc80" <= c <= "\udcff" for c in text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=SUFFIXES, width=WIDTHS, harakat=st.booleans())
def test_random_bytes_files(tmp_path: Path, data: bytes, suffix: str, width: int, harakat: bool) -> None:
    path = tmp_path / f"blob{suffix}"
    path.write_bytes(data)
    for article in load_file(path):
        check_article(article, width, harakat)
    # What a naive reader would make of the same bytes, laid out directly.
    check_layout(data.decode("utf-8", "surrogateescape"), width, harakat)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(seed=st.lists(chunk, min_size=1, max_size=12).map("".join), width=WIDTHS, harakat=st.booleans())
def test_huge_single_line(tmp_path: Path, seed: str, width: int, harakat: bool) -> None:
    """A 50k-character paragraph of hostile text: one paragraph, many lines, still nothing unsafe."""
    filler = " كلمة word ١٢٣ "
    line = ((seed + filler) * (50_000 // (len(seed) + len(filler)) + 1))[:50_000]
    path = tmp_path / "huge.txt"
    path.write_bytes(line.encode("utf-8", "surrogatepass"))
    articles = load_file(path)
    assert articles
    for article in articles:
        check_article(article, width, harakat)


def test_forbidden_set_is_what_it_says() -> None:
    """Guard the oracle itself: a bug here would make every test above vacuous."""
    for ch in "\x00\x07\x1b\x7f\x9b\x9c\x9d\u202e\u2066\u200e\u061c\u200d\u200c\ufeff\udc80\u2028":
        assert forbidden(ch), repr(ch)
    for ch in "ا a ٣ ﻻ ␛ ␇ \ufffd ↔ ◌ 中".split() + ["\u064e", " "]:
        assert not forbidden(ch), repr(ch)


def test_escape_sequences_become_visible_pictures() -> None:
    """Each known sequence leaves a visible trace (␛ or U+FFFD) in every mode, not silence."""
    for seq in ESCAPES:
        text = f"قبل {seq} بعد"
        for mode in ("app", "terminal", "off"):
            doc = DocumentLayout(text, 80, LayoutOptions(mode=mode))
            shown = "".join(g for line in doc.lines() for g in line.glyphs)
            assert ("\u241b" in shown) or ("\ufffd" in shown), (seq, mode, shown)
            assert not any(forbidden(c) for c in shown)



# -- hostile configuration and state files ---------------------------------------------------------
# Every file Qari reads besides articles (state.json, keymap.toml) and every name it prints: never
# an exception, a message of one line, and nothing a terminal acts on once it is shown.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(hostile_text, kids, max_size=4),
    max_leaves=15,
)


def _message_safe(message: str | None) -> None:
    from tui.text.sanitize import terminal_safe

    if message is None:
        return
    assert "\n" not in message and len(message) < 2000
    shown = terminal_safe(message)
    assert not any(forbidden(c) for c in shown if c not in "\u200c\u200d"), repr(shown)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(value=json_values, wrap=st.booleans())
def test_hostile_state_files_load_or_explain_themselves(tmp_path: Path, value, wrap: bool) -> None:
    import json

    from tui.store.state import StateStore

    doc = {"version": 2, "last_article": value, "positions": value, "settings": value, "read_at": value} if wrap else value
    path = tmp_path / "state.json"
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    outcome = StateStore(path).load()
    _message_safe(outcome.message)
    for key, offset in outcome.state.positions.items():
        assert isinstance(key, str) and type(offset) is int and offset >= 0
    StateStore(path).save(outcome.state)  # what was kept can be written back
    for p in tmp_path.iterdir():
        if p.name != "state.json.lock":
            p.unlink()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.dictionaries(hostile_text, hostile_text, max_size=5).map(
                          lambda d: ("[keymap]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in d.items()))
                          .encode("utf-8", "surrogatepass"))))
def test_hostile_keymap_files_load_or_explain_themselves(tmp_path: Path, data: bytes) -> None:
    from tui.reader.keymap import load_keymap

    path = tmp_path / "keymap.toml"
    path.write_bytes(data)
    keymap, problems = load_keymap(path, {"scroll_down", "quit"})
    assert set(keymap) <= {"scroll_down", "quit"}
    for problem in problems:
        _message_safe(problem)


NAME_CHARS = "".join(chr(c) for c in range(1, 0x20) if chr(c) != "/") + C1 + "".join(BIDI_CONTROLS) + "ab[]/_."
file_names = st.text(alphabet=NAME_CHARS.replace("/", ""), min_size=1, max_size=20).filter(lambda n: n not in (".", ".."))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(name=file_names, suffix=st.sampled_from([".unknownext", ".txt", ".md", ""]))
def test_hostile_file_names_print_safely(tmp_path_factory, name: str, suffix: str, capsysbinary) -> None:
    """``qari analyze`` names skipped and unreadable files on stderr: through the sanitiser."""
    import argparse

    from tui.analysis.cli import run_analyze

    d = tmp_path_factory.mktemp("names")
    (d / (name + suffix)).write_bytes(b"")  # empty, or of an unknown type: always named
    (d / "ok.txt").write_text("عنوان\n\nنص قصير.\n", encoding="utf-8")
    run_analyze(argparse.Namespace(paths=[str(d)], json=True, repairs=False, no_cache=True))
    out = capsysbinary.readouterr()
    for stream in (out.err, out.out):
        text = stream.decode("utf-8")
        bad = [f"U+{ord(c):04X}" for c in text if c != "\n" and forbidden(c) and c not in "\u200c\u200d"]
        assert not bad, (name, bad)
