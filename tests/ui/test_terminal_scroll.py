"""Scrolling by moving terminal rows: the escapes, the cell bookkeeping, and whole frames replayed
on a small terminal emulator against a full repaint of the same state."""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import termios
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from rich.cells import cell_len
from textual.app import App
from textual.geometry import Region

from tui.store.state import StateStore
from tui.ui.app import QariApp
from tui.ui.article_view import ArticleView
from tui.corpus.startup import load
from tui.ui.terminal_scroll import (DA1, DECRQM_MARGINS, TerminalScrollApp, detect_mode, mode_from_env,
                                   probe_left_right_margins, scroll_escape, trusted_cells, uncovered)

CORPUS = load([])
LONGEST = max(range(len(CORPUS.articles)), key=lambda i: len(CORPUS.articles[i].text))
# The hook lives in QariApp's bases; until it is there, the tests add it themselves.
ScrollingApp = QariApp if issubclass(QariApp, TerminalScrollApp) else type("ScrollingApp", (TerminalScrollApp, QariApp), {})


# -- a terminal, just enough of one ---------------------------------------------------------------
TOKEN = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b([DM78])|([\r\n])|([^\x1b\r\n])", re.S)


class Terminal:
    """Cells of (text, SGR in force). Knows CUP, SGR, DECSTBM, DECLRMM/DECSLRM, IND, RI, CR, LF."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[(" ", "")] * width for _ in range(height)]
        self.x = self.y = 0
        self.sgr = ""
        self.top, self.bottom = 0, height - 1
        self.lr_mode = False
        self.left, self.right = 0, width - 1

    def _scroll(self, n: int) -> None:
        """Move rows top..bottom (columns left..right) up by n (down when negative)."""
        left, right = (self.left, self.right) if self.lr_mode else (0, self.width - 1)
        rows = range(self.top, self.bottom + 1)
        old = {y: self.cells[y][left:right + 1] for y in rows}
        blank = [("?", "")] * (right - left + 1)  # scrolled-in cells: anything not repainted shows up
        for y in rows:
            src = y + n
            self.cells[y][left:right + 1] = list(old[src]) if src in old else list(blank)

    def feed(self, data: str) -> None:
        for m in TOKEN.finditer(data):
            params, final, esc, ctl, ch = m.groups()
            if final:
                self._csi(params, final)
            elif esc == "D":
                if self.y == self.bottom:
                    self._scroll(1)
                else:
                    self.y = min(self.height - 1, self.y + 1)
            elif esc == "M":
                if self.y == self.top:
                    self._scroll(-1)
                else:
                    self.y = max(0, self.y - 1)
            elif ctl == "\r":
                self.x = 0
            elif ctl == "\n":
                if self.y == self.bottom:
                    self._scroll(1)
                else:
                    self.y = min(self.height - 1, self.y + 1)
            elif ch:
                if cell_len(ch) == 0:
                    if self.x > 0:
                        text, sgr = self.cells[self.y][self.x - 1]
                        self.cells[self.y][self.x - 1] = (text + ch, sgr)
                    continue
                if self.x < self.width:
                    self.cells[self.y][self.x] = (ch, self.sgr)
                self.x += 1

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?"):
            if params == "?69":
                self.lr_mode = final == "h"
                if not self.lr_mode:
                    self.left, self.right = 0, self.width - 1
            return
        nums = [int(p) if p else 0 for p in params.split(";")] if params else []
        if final == "H":
            row, col = (nums + [1, 1])[:2]
            self.y, self.x = max(1, row) - 1, max(1, col) - 1
        elif final == "m":
            self.sgr = "" if params in ("", "0") else self.sgr + params + ";"
        elif final == "r":
            top, bottom = (nums + [0, 0])[:2]
            self.top = (top or 1) - 1
            self.bottom = (bottom or self.height) - 1
            self.x = self.y = 0
        elif final == "s" and self.lr_mode:
            left, right = (nums + [0, 0])[:2]
            self.left, self.right = (left or 1) - 1, (right or self.width) - 1
            self.x = self.y = 0

    def text(self) -> list[str]:
        return ["".join(c[0] for c in row) for row in self.cells]


def _frames(monkeypatch) -> list[str]:
    """What the app would write, frame by frame (headless apps write nothing)."""
    frames: list[str] = []
    original = App._display

    def display(self, screen, renderable):
        from textual._compositor import CompositorUpdate

        if isinstance(renderable, CompositorUpdate) and not self._batch_count:
            frames.append(renderable.render_segments(self.console))
        return original(self, screen, renderable)

    monkeypatch.setattr(App, "_display", display)
    return frames


def _truth(app) -> Terminal:
    """The screen as a full repaint of the current state would leave it."""
    from textual._compositor import LayoutUpdate

    compositor = app.screen._compositor
    strips = compositor.render_strips()
    term = Terminal(*app.size)
    term.feed(LayoutUpdate([[s] for s in strips], compositor.size.region).render_segments(app.console))
    return term


def make_app(tmp_path: Path):
    return ScrollingApp(CORPUS.articles, CORPUS.skipped, store=StateStore(tmp_path / "state.json"),
                        keymap_path=tmp_path / "none.toml")


async def _replay(tmp_path, monkeypatch, size, keys, mode="rows"):
    """Press ``keys`` one at a time; after each, the emulated terminal must equal a full repaint.
    Returns the escapes sent with each key's frames."""
    frames = _frames(monkeypatch)
    app = make_app(tmp_path)
    app.scroll_region_mode = mode
    escapes = []
    async with app.run_test(size=size) as pilot:
        app.open_article(LONGEST, save=False)
        app.query_one(ArticleView).finish_layout()  # a steady scroll range: the thumb moves only by scrolling
        await pilot.pause()
        term = Terminal(*size)
        for i, key in enumerate(keys, 1):
            await pilot.press(key)
            await pilot.pause()
            sent = "".join(frames)
            frames.clear()
            term.feed(sent)
            escapes.append("\x1b[r" in sent)
            assert term.cells == _truth(app).cells, f"screen differs from a full repaint after {key!r}"
            if i % 7 == 0 or i == len(keys):
                await _assert_repaint_changes_nothing(app, pilot, term, frames)
    return escapes


async def _assert_repaint_changes_nothing(app, pilot, term: Terminal, frames: list[str]) -> None:
    """Every widget renders afresh and the whole screen is resent: the terminal must not change
    (catches a widget whose cached rendering went stale along with the screen, e.g. a scrollbar)."""
    before = [row[:] for row in term.cells]
    for widget in app.screen.walk_children(with_self=True):
        widget.refresh()
        if widget.show_vertical_scrollbar:  # scrollbars are not children
            widget.vertical_scrollbar.refresh()
    await pilot.pause()
    term.feed("".join(frames))
    frames.clear()
    assert term.cells == before, "a full repaint changed the screen: it was wrong before"


# -- escapes and bookkeeping ------------------------------------------------------------------------
def test_escape_moves_rows_with_vt100_controls() -> None:
    assert scroll_escape(1, 38, 1) == "\x1b[2;39r\x1b[39;1H\x1bD\x1b[r"
    assert scroll_escape(1, 38, -2) == "\x1b[2;39r\x1b[2;1H\x1bM\x1bM\x1b[r"
    assert scroll_escape(1, 38, 1, 0, 82) == "\x1b[?69h\x1b[1;83s\x1b[2;39r\x1b[39;1H\x1bD\x1b[r\x1b[?69l"
    assert scroll_escape(1, 38, 0) == ""


@pytest.mark.parametrize("env, mode", [
    ({}, "rows"),
    ({"QARI_SCROLL_REGION": "off"}, "off"),
    ({"QARI_SCROLL_REGION": "bogus"}, "rows"),
    ({"XTERM_VERSION": "XTerm(379)", "TERM": "xterm-256color"}, "margins"),
    ({"XTERM_VERSION": "XTerm(379)", "TERM": "screen", "TMUX": "/tmp/x"}, "rows"),
    ({"XTERM_VERSION": "XTerm(379)", "TERM": "xterm-256color", "TMUX": "/tmp/x"}, "rows"),
    ({"QARI_SCROLL_REGION": "margins"}, "margins"),
])
def test_mode_from_environment(env, mode) -> None:
    assert mode_from_env(env) == mode


def _terminal_answering(reply: bytes | None):
    """A pty whose far end answers the probe like a terminal would (``None``: not at all)."""
    master, slave = os.openpty()

    def answer() -> None:
        data = b""
        while not data.endswith(DA1):
            data += os.read(master, 64)
        assert data == DECRQM_MARGINS + DA1
        if reply is not None:
            os.write(master, reply[:5])  # in two pieces, as a slow link would deliver it
            os.write(master, reply[5:])

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    return master, slave, thread


@pytest.mark.parametrize("reply, has_margins", [
    (b"\x1b[?69;2$y\x1b[?64;1;2;6;9;15;16;17;18;21;22;28c", True),  # xterm 379
    (b"\x1b[?69;2$y\x1b[?63;1;2;3;4;6;7;15;18;22;29c", True),  # mlterm 3.9
    (b"\x1b[?69;4$y\x1b[?65;1;9c", False),  # VTE 0.70: permanently reset
    (b"\x1b[?1;2c", False),  # tmux: no answer to DECRQM at all
    (None, False),  # says nothing: give up after the timeout
])
def test_probe_reads_the_terminals_answer(reply, has_margins) -> None:
    master, slave, thread = _terminal_answering(reply)
    try:
        before = termios.tcgetattr(slave)
        assert probe_left_right_margins(slave, timeout=0.3 if reply is None else 10) is has_margins
        assert termios.tcgetattr(slave) == before, "the terminal's modes were not restored"
        thread.join(5)
    finally:
        os.close(master)
        os.close(slave)


def test_detect_mode_asks_the_terminal_unless_told() -> None:
    master, slave, thread = _terminal_answering(b"\x1b[?69;2$y\x1b[?62c")
    try:
        assert detect_mode({}, tty_path=os.ttyname(slave)) == "margins"
    finally:
        os.close(master)
        os.close(slave)
    # Told, or inside a multiplexer, or without a terminal: no question asked.
    assert detect_mode({"QARI_SCROLL_REGION": "off"}, tty_path="/nonexistent") == "off"
    assert detect_mode({"TMUX": "/tmp/tmux-0/default,1,0"}, tty_path="/nonexistent") == "rows"
    assert detect_mode({}, tty_path="/nonexistent") == "rows"


def test_overlay_cells_and_their_old_place_are_not_trusted() -> None:
    view = Region(0, 1, 10, 6)  # rows 1..6
    trusted = trusted_cells(view, 1, [Region(6, 4, 4, 1)])  # a toast on row 4, columns 6..9
    assert 6 not in trusted  # the row scrolled in
    assert trusted[3] == [(0, 6)]  # shows what was on row 4, under the toast
    assert trusted[4] == [(0, 6)]  # is under the toast now
    assert trusted[1] == [(0, 10)]


@settings(max_examples=300, deadline=None)
@given(
    width=st.integers(4, 14), height=st.integers(4, 12), data=st.data(),
)
def test_move_plus_frame_plus_repairs_equals_the_new_screen(width, height, data) -> None:
    """A model: a view that scrolls, a fixed widget beside it, overlays above; random frame spans."""
    vx = data.draw(st.integers(0, width - 2))
    vw = data.draw(st.integers(1, width - vx))
    vy = data.draw(st.integers(0, height - 2))
    vh = data.draw(st.integers(2, height - vy))
    delta = data.draw(st.integers(-(vh - 1), vh - 1))
    margins = data.draw(st.booleans())
    view = Region(vx, vy, vw, vh)
    overlays = data.draw(st.lists(st.builds(Region, st.integers(0, width - 1), st.integers(0, height - 1),
                                            st.integers(1, 4), st.integers(1, 3)), max_size=2))
    text = [[f"t{r}.{c}" for c in range(width)] for r in range(height + 2 * vh)]
    base = vh  # text row shown on the view's first row before the move

    def screen(top: int) -> list[list[str]]:
        cells = [[f"w{y}.{x}" for x in range(width)] for y in range(height)]  # the fixed widget
        for y in range(vy, vy + vh):
            for x in range(vx, vx + vw):
                cells[y][x] = text[top + y - vy][x]
        for i, o in enumerate(overlays):
            for y in range(o.y, min(height, o.bottom)):
                for x in range(o.x, min(width, o.right)):
                    cells[y][x] = f"o{i}"
        return cells

    old, new = screen(base), screen(base + delta)
    term = [row[:] for row in old]
    rect = view if margins else Region(0, vy, width, vh)
    for y in range(rect.y, rect.bottom):  # what the terminal does with the escape
        src = y + delta
        term[y][rect.x:rect.right] = old[src][rect.x:rect.right] if rect.y <= src < rect.bottom else ["?"] * rect.width
    exposed = Region(vx, vy + vh - delta, vw, delta) if delta > 0 else Region(vx, vy, vw, -delta)
    spans = [(y, exposed.x, exposed.right) for y in range(exposed.y, exposed.bottom)]
    spans += data.draw(st.lists(st.tuples(st.integers(0, height - 1), st.integers(0, width - 1), st.integers(1, width)),
                                max_size=4))
    spans = [(y, x1, max(x1, x2)) for y, x1, x2 in spans]
    clipped = [o.intersection(Region(0, 0, width, height)) for o in overlays]
    missing = uncovered(rect, trusted_cells(view, delta, clipped), spans)
    for y, x1, x2 in spans:
        term[y][x1:x2] = new[y][x1:x2]
    for r in missing:
        term[r.y][r.x:r.right] = new[r.y][r.x:r.right]
    assert term == new


# -- whole frames, replayed ---------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(120, 40), (100, 30)], ids=["120x40", "100x30"])
@pytest.mark.parametrize("mode", ["rows", "margins"])
async def test_line_scrolls_move_rows_and_match_a_full_repaint(tmp_path, monkeypatch, size, mode) -> None:
    keys = ["j"] * 12 + ["k"] * 8 + ["down", "up", "j", "j"]
    moved = await _replay(tmp_path, monkeypatch, size, keys, mode)
    assert sum(moved) >= len(keys) // 2, "the fast path was hardly ever taken"


async def test_long_runs_across_paragraphs_keep_moving_rows(tmp_path, monkeypatch) -> None:
    """The marked paragraph changes as paragraphs leave the top: only their rows are repainted."""
    keys = ["j"] * 45 + ["k"] * 25
    moved = await _replay(tmp_path, monkeypatch, (100, 30), keys)
    assert sum(moved) == len(keys)


async def test_mixed_keys_match_a_full_repaint(tmp_path, monkeypatch) -> None:
    keys = ["j", "j", "space", "j", "k", "b", "k", "right_curly_bracket", "j", "J", "j", "K", "j", "G", "k", "g", "j",
            "S", "j", "k", "tab", "j", "tab", "j"]
    await _replay(tmp_path, monkeypatch, (120, 40), keys)


@settings(max_examples=4, deadline=None)
@given(keys=st.lists(st.sampled_from(["j", "j", "j", "k", "k", "down", "up", "space", "b", "right_curly_bracket",
                                      "left_curly_bracket", "J", "K", "H", "G", "g"]), min_size=6, max_size=14),
       mode=st.sampled_from(["rows", "margins"]))
def test_random_keys_match_a_full_repaint(keys, mode) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as monkeypatch:
        asyncio.run(_replay(Path(tmp), monkeypatch, (100, 30), keys, mode))


async def test_page_scroll_and_off_switch_repaint_normally(tmp_path, monkeypatch) -> None:
    assert await _replay(tmp_path, monkeypatch, (100, 30), ["space", "b"]) == [False, False]
    assert await _replay(tmp_path, monkeypatch, (100, 30), ["j", "k"], mode="off") == [False, False]


async def test_escape_goes_out_with_the_frame_and_is_right(tmp_path, monkeypatch) -> None:
    frames = _frames(monkeypatch)
    app = make_app(tmp_path)
    app.scroll_region_mode = "rows"
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(LONGEST, save=False)
        view = app.query_one(ArticleView)
        view.finish_layout()  # no background layout tick may repaint the view in the same frame
        await pilot.pause()
        region = view.scrollable_content_region
        frames.clear()
        await pilot.press("j")
        await pilot.pause()
        moving = [f for f in frames if "\x1b[r" in f]
        assert len(moving) == 1
        # The move comes first in its frame: nothing painted before it can be moved by it.
        assert moving[0].startswith(scroll_escape(region.y, region.bottom - 1, 1))
        # The frame repaints the row scrolled in, not the rows moved.
        after = moving[0][len(scroll_escape(region.y, region.bottom - 1, 1)):]
        painted = {int(m) for m in re.findall(r"\x1b\[(\d+);1H", after)}
        assert region.bottom in painted and region.y + 1 not in painted


async def test_toast_over_the_view_is_repainted_not_moved(tmp_path, monkeypatch) -> None:
    frames = _frames(monkeypatch)
    app = make_app(tmp_path)
    app.scroll_region_mode = "margins"
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article(LONGEST, save=False)
        await pilot.pause()
        app.notify("a message that stays a while " * 2, timeout=30)
        await pilot.pause()
        term = Terminal(100, 30)
        term.feed("".join(frames))
        frames.clear()
        for key in ["j", "j", "k", "j"]:
            await pilot.press(key)
            await pilot.pause()
            term.feed("".join(frames))
            frames.clear()
            assert term.cells == _truth(app).cells


async def test_help_screen_resize_and_theme_keep_the_screen_right(tmp_path, monkeypatch) -> None:
    frames = _frames(monkeypatch)
    app = make_app(tmp_path)
    app.scroll_region_mode = "rows"
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article(LONGEST, save=False)
        await pilot.pause()
        view = app.query_one(ArticleView)
        term = Terminal(100, 30)

        def check(what: str) -> str:
            sent = "".join(frames)
            frames.clear()
            term.feed(sent)
            assert term.cells == _truth(app).cells, f"screen differs from a full repaint after {what}"
            return sent

        check("start")
        view.scroll_to(y=view.scroll_y + 1, animate=False)  # a move, then a resize before any frame
        app.theme = "qari-light" if app.theme != "qari-light" else "qari-dark"
        await pilot.pause()
        check("move + theme change")
        await pilot.resize_terminal(90, 30)
        term = Terminal(90, 30)
        view.scroll_to(y=view.scroll_y + 1, animate=False)
        await pilot.pause()
        check("resize + move")
        await pilot.press("question_mark")
        await pilot.pause()
        check("help screen")
        await pilot.press("j")
        await pilot.pause()
        assert "\x1b[r" not in check("j under the help screen")
        await pilot.press("escape")
        await pilot.pause()
        check("help closed")
        await pilot.press("j")
        await pilot.pause()
        check("j after help")
