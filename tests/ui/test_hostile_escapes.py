"""An article carrying terminal escape sequences is shown harmlessly by the real reader.

Each sequence goes into a file in a temporary corpus folder (title line and body), the reader is run
on it through Textual's pilot, and every strip of the article view, plus the whole composed screen
(header, sidebar, footer), is checked: no ESC, BEL, NUL, C1 or bidi control reaches a segment, and the
sequence left a visible trace where it was.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.corpus.load import load_paths
from tui.corpus.model import Article
from tui.store.state import StateStore
from tui.text.layout import LayoutOptions
from tui.ui.app import QariApp
from tui.ui.article_view import ArticleView
from tui.ui.bidi_text import visual_inline, visual_lines

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def unsafe(ch: str) -> bool:
    # Cc covers C0 (ESC, BEL, NUL), DEL and C1 (U+0080–U+009F, the 8-bit CSI U+009B among them).
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI_CONTROLS or ch in "\u200d\u200c\ufeff"


# (id, sequence, a word of it that must stay readable or None)
CASES = [
    ("osc52-clipboard", "\x1b]52;c;aGVsbG8=\x07", "aGVsbG8"),
    ("osc0-title", "\x1b]0;pwned\x07", "pwned"),
    ("osc2-title-st", "\x1b]2;x\x1b\\", None),
    ("csi-clear-screen", "\x1b[2J", "2J"),
    ("csi-home", "\x1b[H", "H"),
    ("c1-csi", "\x9b2J", "2J"),
    ("nul", "\x00", None),
    ("bel", "\x07", None),
    ("rlo-override", "\u202eevil.exe\u202c", None),
]
# What each dangerous character must turn into on screen (one visible cell each).
PICTURES = {"\x1b": "\u241b", "\x07": "\u2407", "\x00": "\u2400", "\x9b": "\ufffd", "\u202e": "\u2194"}

BODY = "هذا نص عربي قبل التسلسل {seq} ثم نص بعده في الفقرة نفسها."


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("QARI_DATA_DIR", "QARI_CONFIG_DIR", "QARI_CACHE_DIR"):
        d = tmp_path / name.lower()
        d.mkdir()
        monkeypatch.setenv(name, str(d))
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


def make_app(folder: Path, tmp_path: Path) -> QariApp:
    # As run_reader does: unloadable files are listed (by path) beside the articles.
    result = load_paths([folder])
    articles = [a for a in result.articles if a.ok]
    assert articles, [a.error for a in result.articles]
    skipped = list(result.skipped) + [(a.path, a.error or "") for a in result.articles if not a.ok]
    return QariApp(articles, skipped, store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml")


def strip_texts(strips) -> list[str]:
    return ["".join(seg.text for seg in strip) for strip in strips]


def assert_safe(texts: list[str], where: str) -> None:
    for y, text in enumerate(texts):
        bad = [f"U+{ord(c):04X}" for c in text if unsafe(c)]
        assert not bad, f"{where} row {y} carries {bad}: {text!r}"


@pytest.mark.parametrize("seq,word", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
async def test_escape_sequence_is_shown_harmlessly(corpus: Path, tmp_path: Path, seq: str, word: str | None):
    text = f"عنوان {seq} الخبر\n\n{BODY.format(seq=seq)}\n"
    (corpus / "hostile.txt").write_bytes(text.encode("utf-8"))
    app = make_app(corpus, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        shown = view.article.text
        problems = list(view.article.problems)
        view.finish_layout()
        await pilot.pause()
        rows = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
        for strip in rows:
            for seg in strip:
                assert not any(unsafe(c) for c in seg.text), f"article view segment {seg.text!r}"
        view_text = strip_texts(rows)
        screen_text = strip_texts(app.screen._compositor.render_strips())
    assert_safe(view_text, "article view")
    assert_safe(screen_text, "screen")
    joined = "\n".join(view_text)
    # Title and body are both on screen, so every dangerous character has left exactly one picture.
    # (Reordering moves neutrals and mirrors brackets, so counts are compared rather than substrings.)
    # The loader drops a stray NUL from the view (with a note), so counts follow the loaded text.
    for ch, picture in PICTURES.items():
        assert joined.count(picture) == shown.count(ch), f"{picture!r} for {ch!r} in:\n{joined}"
    if seq == "\x00":
        assert "\x00" not in shown and any("NUL" in p for p in problems)
    else:
        assert sum(shown.count(ch) for ch in PICTURES) > 0
    if word is not None:
        assert word in joined


async def test_every_c0_and_c1_control_reaching_the_view(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Articles that bypass the loader (NUL included) still come out as pictures, never as controls."""
    for name in ("QARI_DATA_DIR", "QARI_CONFIG_DIR", "QARI_CACHE_DIR"):
        monkeypatch.setenv(name, str(tmp_path))
    controls = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\n\r\t")
    text = f"عنوان\n\nقبل {controls} بعد"
    article = Article(id="c", path="c.txt", text=text, raw=text, title="عنوان " + controls)
    app = QariApp([article], [], store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "none.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        texts = strip_texts(view.render_line(y) for y in range(view.scrollable_content_region.height))
        screen = strip_texts(app.screen._compositor.render_strips())
    assert_safe(texts, "article view")
    assert_safe(screen, "screen")
    joined = "\n".join(texts)
    for c in range(0x20):
        if chr(c) not in "\n\r\t":
            assert chr(0x2400 + c) in joined, hex(c)
    assert joined.count("\ufffd") == 32  # one per C1 control


async def test_override_cannot_disguise_text_silently(corpus: Path, tmp_path: Path):
    """U+202E reverses what follows; the marker shows there is an override even though it takes effect."""
    (corpus / "disguise.txt").write_text("invoice\n\nopen the file gpj\u202eexe.txt now\n", encoding="utf-8")
    app = make_app(corpus, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        texts = strip_texts(view.render_line(y) for y in range(view.scrollable_content_region.height))
    assert_safe(texts, "article view")
    body = next(t for t in texts if "open the file" in t)
    assert "\u2194" in body
    assert body.index("\u2194") > body.index("gpj")  # the marker sits where the override was


async def test_all_sequences_in_one_article_and_switching(corpus: Path, tmp_path: Path):
    """Every sequence in one article, next to a clean one; switching between them stays safe."""
    body = "\n\n".join(BODY.format(seq=c[1]) for c in CASES)
    (corpus / "a_hostile.txt").write_bytes(f"كل التسلسلات\n\n{body}\n".encode("utf-8"))
    (corpus / "b_clean.txt").write_text("خبر عادي\n\nنص عادي تماما.\n", encoding="utf-8")
    app = make_app(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("J", "K", "space", "j", "r", "j", "r", "h"):
            await pilot.press(key)
            await pilot.pause()
            assert_safe(strip_texts(app.screen._compositor.render_strips()), f"screen after {key!r}")


HOSTILE_CHARS = ("".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]) + "".join(BIDI_CONTROLS)
                 + "\u200d\u200c\ufeff\u2028\u2029\udc80\udcff\u0651\u064e\u0301")
title_text = st.lists(st.one_of(st.sampled_from([c[1] for c in CASES]), st.text(alphabet=HOSTILE_CHARS, max_size=3),
                                st.text(alphabet="ابتثلامنهوي لا abc 123", max_size=10)), max_size=12).map("".join)


@settings(max_examples=80, deadline=None)
@given(text=title_text, width=st.integers(10, 120), max_lines=st.integers(1, 3),
       mode=st.sampled_from(["app", "terminal", "off"]), harakat=st.booleans())
def test_titles_and_metadata_are_safe(text: str, width: int, max_lines: int, mode: str, harakat: bool) -> None:
    """Header, sidebar and panels draw titles through ``visual_lines``: same guarantee as the article."""
    options = LayoutOptions(mode=mode, harakat=harakat)
    lines = visual_lines(text, width, options, max_lines)
    assert 1 <= len(lines) <= max_lines
    for line in lines:
        assert not any(unsafe(c) for c in line.plain), repr(line.plain)
        assert cell_len(line.plain) <= width
    inline = visual_inline(text, options, width).plain
    assert not any(unsafe(c) for c in inline), repr(inline)


async def test_hostile_file_names_are_shown_harmlessly(corpus: Path, tmp_path: Path):
    """File names reach the screen too (ids of untitled articles, the list of unloadable files)."""
    (corpus / "x\x1b]0;pwned\x07\u202e.txt").write_text("", encoding="utf-8")  # empty: listed as unloadable
    (corpus / "y\x1b[2J\u202egpj.txt").write_text("\n\nنص فقط\n", encoding="utf-8")
    (corpus / "z\x9b.txt").write_bytes(b"\x00" * 500)  # binary: listed with its reason
    (corpus / "ok.txt").write_text("عنوان\n\nنص\n", encoding="utf-8")
    app = make_app(corpus, tmp_path)
    assert len(app.skipped) == 2
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ("J", "J"):
            assert_safe(strip_texts(app.screen._compositor.render_strips()), "screen")
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("s")  # the list of skipped files, with their names and reasons
        await pilot.pause()
        screen = "\n".join(strip_texts(app.screen._compositor.render_strips()))
    assert_safe(screen.split("\n"), "screen")
    assert "2 files skipped" in screen and screen.count(" — ") >= 2


async def test_toasts_show_hostile_names_harmlessly(corpus: Path, tmp_path: Path):
    """Toasts are drawn by Textual, not by the layout engine: a theme name from state.json and a
    binding id from keymap.toml reach them, and ``notify`` used to pass controls (and markup) on."""
    import json

    (corpus / "ok.txt").write_text("عنوان\n\nنص\n", encoding="utf-8")
    (tmp_path / "state.json").write_text(json.dumps({"settings": {"theme": "\x1b]0;pwned\x07[/red]\u202e"}}))
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"x\\u001b[2J\\u009b" = "j"\n', encoding="utf-8")
    result = load_paths([corpus])
    app = QariApp(result.articles, [], store=StateStore(tmp_path / "state.json"), keymap_path=keymap)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for _ in range(50):  # toasts mount a few refreshes after the first paint
            await pilot.pause(0.05)
            screen = strip_texts(app.screen._compositor.render_strips())
            if "pwned" in "".join(screen) and "2J" in "".join(screen):
                break
    assert_safe(screen, "screen with toasts")
    joined = "\n".join(screen)
    # Named with repr (escapes spelled out), and the markup shown as text.
    assert "\\x1b]0;pwned\\x07[/red]" in joined
    assert "'x\\x1b[2J\\x9b'" in joined
