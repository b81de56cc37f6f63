"""Let the terminal move the article's rows on a small scroll instead of resending them.

Textual repaints every row of a widget that scrolled: about 38 rows × 260 bytes at 120x40 for one
line of Arabic (presentation forms are 3 bytes each). A terminal can move rows itself: a scroll
region (DECSTBM ``CSI top;bottom r``) and IND/RI (``ESC D`` / ``ESC M``, VT100) shift the rows
between the margins, after which only the rows scrolled in need painting.

How it fits into Textual: the view asks :meth:`TerminalScrollApp.request_terminal_scroll`, then
marks only the exposed rows dirty. The escape travels with the *next frame*, immediately before its
bytes and inside the same synchronised update (``App._display`` is the one place frames are
written), so no update computed before the scroll can land after it. At that point the frame is
checked cell by cell: every cell of the moved rectangle must be either the view's own text, moved
intact (not under or next to an overlay), or repainted by the frame; whatever is neither (the
sidebar sharing those rows, the scrollbar, a toast) is added to the frame. If anything is not as
expected (layout changed since the last frame, a full repaint, another screen on top, a resize,
a frame Textual will not write) the escape is dropped and the whole view is repainted.

Modes (``QARI_SCROLL_REGION``): ``rows`` (default) scrolls whole terminal rows with DECSTBM, so
widgets sharing the rows are repainted; ``margins`` also sets left/right margins (DECLRMM
``CSI ? 69 h`` + DECSLRM ``CSI left;right s``) so only the view's columns move; ``off`` turns the
whole thing off. ``auto`` (unset) asks the terminal before the app starts (:func:`detect_mode`:
DECRQM for mode 69; xterm and mlterm say yes, VTE says no, tmux does not answer) and takes
``margins`` only on a yes; without a terminal to ask it takes ``margins`` only inside xterm itself
(``XTERM_VERSION`` set, not under tmux or screen).
"""

from __future__ import annotations

import os
import re
import select
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from math import ceil

from rich.console import Console
from textual._compositor import ChopsUpdate, CompositorUpdate
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

ENV = "QARI_SCROLL_REGION"
MODES = ("auto", "rows", "margins", "off")


def mode_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The scrolling mode to use, ``rows``, ``margins`` or ``off``, from the environment alone."""
    env = os.environ if environ is None else environ
    mode = env.get(ENV, "auto").strip().lower() or "auto"
    if mode not in MODES:
        mode = "auto"
    if mode == "auto":
        # Left/right margins only where they are known to work: xterm itself, not a multiplexer in it
        # (tmux inherits XTERM_VERSION from the terminal that started its server).
        in_xterm = bool(env.get("XTERM_VERSION")) and not env.get("TMUX") and not env.get("STY")
        mode = "margins" if in_xterm and env.get("TERM", "").startswith("xterm") else "rows"
    return mode


DECRQM_MARGINS = b"\x1b[?69$p"  # "is left/right margin mode (DECLRMM) known?"
DA1 = b"\x1b[c"  # every terminal answers this one: it ends the wait
XTVERSION = b"\x1b[>q"  # "name and version?" (answered as DCS > | text ST)
_DECRPM = re.compile(rb"\x1b\[\?69;(\d+)\$y")
_DA1_REPLY = re.compile(rb"\x1b\[\?[0-9;]*c")


def probe_left_right_margins(fd: int, timeout: float = 1.0) -> bool:
    """Ask the terminal on ``fd`` whether it has left/right margins (DECRQM for mode 69).

    Answers seen: xterm and mlterm ``69;2`` (known, reset), VTE ``69;4`` (permanently off), tmux
    nothing (only the DA1 reply). DA1, sent after, is answered by every terminal, so the wait ends
    as soon as the terminal has said all it will. Must run before Textual owns the terminal.
    """
    return probe_terminal(fd, timeout, version=False)[0]


def probe_terminal(fd: int, timeout: float = 1.0, version: bool = True) -> tuple[bool, bytes]:
    """:func:`probe_left_right_margins`, asking XTVERSION (``CSI > q``) first in the same round
    trip: (has margins, the raw reply). xterm, kitty, Konsole, foot, WezTerm and tmux answer
    XTVERSION with their name and version (also over SSH); VTE and Alacritty ignore it."""
    import termios
    import tty

    old = termios.tcgetattr(fd)
    reply = b""
    try:
        tty.setraw(fd)
        os.write(fd, (XTVERSION if version else b"") + DECRQM_MARGINS + DA1)
        deadline = time.monotonic() + timeout
        while not _DA1_REPLY.search(reply):
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                break
            chunk = os.read(fd, 1024)
            if not chunk:
                break
            reply += chunk
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, old)
    found = _DECRPM.search(reply)
    return found is not None and found.group(1) in (b"1", b"2", b"3"), reply


def detect_mode(environ: Mapping[str, str] | None = None, tty_path: str = "/dev/tty") -> str:
    """The mode for this terminal: QARI_SCROLL_REGION when set, otherwise ``margins`` if the terminal
    says it has left/right margins, else ``rows``. Call before the app starts (it reads the tty)."""
    return detect_terminal(environ, tty_path, version=False)[0]


def detect_terminal(environ: Mapping[str, str] | None = None, tty_path: str = "/dev/tty",
                    version: bool = True) -> tuple[str, bytes | None]:
    """:func:`detect_mode` and, when the terminal was asked, its raw reply to XTVERSION (for
    :func:`tui.text.terminals.parse_xtversion`); one round trip for both."""
    env = os.environ if environ is None else environ
    requested = env.get(ENV, "auto").strip().lower()
    asking = version
    if env.get("TMUX") or env.get("STY"):  # multiplexers have no margins (tmux does not even answer)
        requested = "rows" if requested not in ("margins", "off") else requested
        asking = False  # and tmux answers XTVERSION itself: it would only name tmux
    if requested in ("rows", "margins", "off") and not asking:
        return requested, None
    try:
        fd = os.open(tty_path, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return (requested if requested in ("rows", "margins", "off") else mode_from_env(env)), None
    try:
        if not os.isatty(fd):
            return mode_from_env(env), None
        margins, reply = probe_terminal(fd, version=asking)
        if requested in ("rows", "margins", "off"):
            return requested, reply
        return ("margins" if margins else "rows"), reply
    except OSError:
        return mode_from_env(env), None
    finally:
        os.close(fd)


def scroll_escape(top: int, bottom: int, delta: int, left: int | None = None, right: int | None = None) -> str:
    """Move screen rows ``top..bottom`` (0-based, inclusive) up by ``delta`` (down when negative).

    With ``left``/``right`` (0-based, inclusive) only those columns move (DECLRMM + DECSLRM). The
    margins are reset afterwards; the cursor is left anywhere (every frame positions it itself).
    """
    if delta == 0 or bottom <= top:
        return ""
    steps = min(abs(delta), bottom - top + 1)
    out = []
    if left is not None and right is not None:
        out.append(f"\x1b[?69h\x1b[{left + 1};{right + 1}s")
    out.append(f"\x1b[{top + 1};{bottom + 1}r")
    column = 1 if left is None else left + 1
    if delta > 0:  # IND at the bottom margin scrolls the region up
        out.append(f"\x1b[{bottom + 1};{column}H" + "\x1bD" * steps)
    else:  # RI at the top margin scrolls it down
        out.append(f"\x1b[{top + 1};{column}H" + "\x1bM" * steps)
    out.append("\x1b[r")
    if left is not None and right is not None:
        out.append("\x1b[?69l")
    return "".join(out)


def _subtract(intervals: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    a, b = cut
    out = []
    for x1, x2 in intervals:
        if b <= x1 or a >= x2:
            out.append((x1, x2))
            continue
        if x1 < a:
            out.append((x1, a))
        if b < x2:
            out.append((b, x2))
    return out


def trusted_cells(view: Region, delta: int, obscured: Iterable[Region]) -> dict[int, list[tuple[int, int]]]:
    """Per screen row, the column intervals ``[x1, x2)`` of ``view`` that are right after the move.

    A cell is right when it shows the view's text both before and after: not a row scrolled in, and
    neither its new place nor its old place (``delta`` rows further down) under another widget.
    """
    obscured = [r for r in obscured if r]
    out: dict[int, list[tuple[int, int]]] = {}
    first, last = view.y, view.bottom  # last is exclusive
    keep = range(first, last - delta) if delta >= 0 else range(first - delta, last)
    for y in keep:
        intervals = [(view.x, view.right)]
        for r in obscured:
            if r.y <= y < r.bottom or r.y <= y + delta < r.bottom:
                intervals = _subtract(intervals, (r.x, r.right))
        if intervals:
            out[y] = intervals
    return out


def uncovered(rect: Region, trusted: Mapping[int, list[tuple[int, int]]],
              spans: Iterable[tuple[int, int, int]]) -> list[Region]:
    """Cells of ``rect`` that the move leaves wrong and the frame (``spans``: y, x1, x2) does not paint."""
    painted: dict[int, list[tuple[int, int]]] = {}
    for y, x1, x2 in spans:
        painted.setdefault(y, []).append((x1, x2))
    missing: list[Region] = []
    for y in range(rect.y, rect.bottom):
        intervals = [(rect.x, rect.right)]
        for cut in (*trusted.get(y, ()), *painted.get(y, ())):
            intervals = _subtract(intervals, cut)
        missing.extend(Region(x1, y, x2 - x1, 1) for x1, x2 in intervals if x2 > x1)
    return missing


def thumb_ends(bar, position: float) -> tuple[int, int] | None:
    """Rows holding the two ends of a vertical scrollbar's thumb at ``position`` (the rows whose
    glyph changes when the thumb moves a little; the rows between look alike), or None when the
    bar has no thumb. Follows textual.scrollbar.ScrollBarRender.render_bar."""
    size = bar.size.height
    virtual = ceil(bar.window_virtual_size)
    window = ceil(bar.window_size) if bar.window_size < bar.window_virtual_size else 0
    if not (window and size and virtual and size != virtual) or virtual == window:
        return None
    steps = len(bar.renderer.VERTICAL_BARS)
    thumb = max(1, window / (virtual / size))
    top = (size - thumb) * (position / (virtual - window))
    start = int(top * steps)
    end = start + ceil(thumb * steps)
    return max(0, start) // steps, max(0, end) // steps


class _Joined(CompositorUpdate):
    """Several updates (and raw escapes) written as one frame."""

    def __init__(self, parts: list[str | CompositorUpdate]) -> None:
        self.parts = parts

    def render_segments(self, console: Console) -> str:
        return "".join(p if isinstance(p, str) else p.render_segments(console) for p in self.parts)


@dataclass
class PendingScroll:
    view: Widget
    region: Region  # the view's text area on screen when the scroll was asked for
    delta: int  # rows the text moved up (negative: down)
    exposed: list[Region]  # regions (widget coordinates) the view marked dirty for it


def _fingerprint(screen) -> tuple:
    """Which widget is where on screen: when it differs from the last frame's, rows cannot be moved."""
    return tuple((id(w), region, clip) for w, (region, clip) in screen._compositor.visible_widgets.items())


class TerminalScrollApp:
    """App mixin: carries a pending row move into the next frame (see the module docstring).

    Put it before ``App`` in the bases; it overrides ``App._display``.
    """

    _scroll_mode: str | None = None
    _scroll_pending: PendingScroll | None = None
    _scroll_last_frame: tuple | None = None  # fingerprint of the last frame written
    last_scroll_escape: str = ""  # the escape sent with the last frame ("" when none), for tests

    @property
    def scroll_region_mode(self) -> str:
        """``rows``, ``margins`` or ``off``; from ``QARI_SCROLL_REGION`` unless set."""
        if self._scroll_mode is None:
            self._scroll_mode = mode_from_env()
        return self._scroll_mode

    @scroll_region_mode.setter
    def scroll_region_mode(self, mode: str) -> None:
        if mode not in ("rows", "margins", "off"):
            raise ValueError(f"scroll region mode must be rows, margins or off, not {mode!r}")
        self._scroll_mode = mode
        self.cancel_terminal_scroll()

    def request_terminal_scroll(self, view: Widget, delta: int) -> int | None:
        """The view's text moved ``delta`` rows (up when positive). Returns the total the terminal
        will move with the next frame (the view then repaints only the rows scrolled in), or None:
        the view must repaint itself whole."""
        if self.scroll_region_mode == "off" or self.is_inline or delta == 0:  # type: ignore[attr-defined]
            self.cancel_terminal_scroll()
            return None
        screen = view.screen
        region = view.scrollable_content_region
        pending = self._scroll_pending
        if pending is not None and (pending.view is not view or pending.region != region):
            self.cancel_terminal_scroll()
            return None
        total = delta + (pending.delta if pending is not None else 0)
        ours = set(pending.exposed) if pending is not None else set()
        geometry = screen._compositor.visible_widgets.get(view)
        ok = (
            screen is self.screen  # type: ignore[attr-defined]
            and self._scroll_last_frame is not None
            and geometry is not None
            and geometry[1].contains_region(geometry[0])  # wholly on screen
            and region.height >= 4
            and abs(total) <= region.height // 2
            # A repaint asked for before the move would land on the wrong rows.
            and set(view._repaint_regions) <= ours
        )
        if not ok:
            self.cancel_terminal_scroll()
            return None
        if pending is None:
            pending = self._scroll_pending = PendingScroll(view, region, 0, [])
        pending.delta = total
        return total

    def note_scroll_repaint(self, region: Region) -> None:
        """The view marked ``region`` (its own coordinates) dirty for the pending move."""
        if self._scroll_pending is not None:
            self._scroll_pending.exposed.append(region)

    def cancel_terminal_scroll(self) -> None:
        pending, self._scroll_pending = self._scroll_pending, None
        if pending is not None and pending.view.is_mounted:
            pending.view.refresh()

    def _display(self, screen, renderable) -> None:
        pending, self._scroll_pending = self._scroll_pending, None
        self.last_scroll_escape = ""
        if pending is not None:
            renderable = self._with_scroll(screen, renderable, pending)
        super()._display(screen, renderable)  # type: ignore[misc]
        try:
            self._scroll_last_frame = _fingerprint(screen) if screen is self.screen else None  # type: ignore[attr-defined]
        except Exception:  # no compositor map yet
            self._scroll_last_frame = None

    def _with_scroll(self, screen, renderable, pending: PendingScroll):
        view = pending.view
        compositor = screen._compositor
        if renderable is None or not isinstance(renderable, ChopsUpdate):
            # A full repaint (or nothing to write): moving rows would only be undone.
            if renderable is None and view.is_mounted:
                view.refresh()
            return renderable
        writes = (self._running and not self._closed and self._driver is not None  # type: ignore[attr-defined]
                  and not self._batch_count)  # type: ignore[attr-defined]
        fine = (
            view.is_mounted
            and view.screen is screen
            and screen is self.screen  # type: ignore[attr-defined]
            and view.scrollable_content_region == pending.region
            and self._scroll_last_frame is not None
            and _fingerprint(screen) == self._scroll_last_frame
        )
        if not writes:
            # Textual drops this frame: paint the whole view with the next one.
            if view.is_mounted:
                view.refresh()
            return renderable
        if not fine:
            return self._repaint_view(compositor, renderable, view)
        if pending.delta == 0:
            return renderable
        region = pending.region
        width = compositor.size.width
        margins = self.scroll_region_mode == "margins"
        rect = Region(region.x, region.y, region.width, region.height) if margins else \
            Region(0, region.y, width, region.height)
        obscured = []
        for widget, (wregion, clip) in compositor.visible_widgets.items():
            if widget is view:
                break  # what follows is drawn beneath the view
            shown = wregion.intersection(clip)
            if shown.overlaps(region):
                obscured.append(shown)
        trusted = trusted_cells(region, pending.delta, obscured)
        missing = uncovered(rect, trusted, renderable.spans)
        if missing:
            missing = self._unchanged_by_move(compositor, missing, pending.delta, rect, region, renderable.spans)
        escape = scroll_escape(rect.y, rect.bottom - 1, pending.delta,
                               rect.x if margins else None, rect.right - 1 if margins else None)
        parts: list[str | CompositorUpdate] = [escape, renderable]
        if missing:
            compositor._dirty_regions.update(missing)
            extra = compositor.render_partial_update()
            if extra is not None:
                parts.append(extra)
        self.last_scroll_escape = escape
        return _Joined(parts)

    def _unchanged_by_move(self, compositor, missing: list[Region], delta: int, rect: Region, view: Region,
                           spans: list[tuple[int, int, int]]) -> list[Region]:
        """Drop the cells that the move leaves right because the row ``delta`` below already shows
        the same thing there (blank sidebar rows, a scrollbar's track): no need to send them again.

        Outside the view, a cell the frame does not paint shows what is rendered there now, so the
        cell that moves into ``region`` is known; inside the view it is not (that is the point)."""
        painted: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in spans:
            painted.setdefault(y, []).append((x1, x2))

        def clean(y: int, x1: int, x2: int) -> bool:
            if not rect.y <= y < rect.bottom:
                return False
            if view.y <= y < view.bottom and x1 < view.right and view.x < x2:
                return False
            return not any(a < x2 and x1 < b for a, b in painted.get(y, ()))

        # One piece per widget, so the scrollbar's track is not resent because the sidebar beside it changed.
        cuts = compositor.cuts
        pieces: list[Region] = []
        for r in missing:
            edges = [x for x in cuts[r.y] if r.x < x < r.right]
            bounds = [r.x, *edges, r.right]
            pieces.extend(Region(a, r.y, b - a, 1) for a, b in zip(bounds, bounds[1:]))
        missing = pieces
        candidates = [r for r in missing if clean(r.y + delta, r.x, r.right)]
        if not candidates:
            return missing
        needed = {r.y for r in candidates} | {r.y + delta for r in candidates}
        chops = compositor._render_chops(compositor.size.region, needed.__contains__)
        console = self.console  # type: ignore[attr-defined]
        rows: dict[int, Strip] = {}

        def cells(y: int, x1: int, x2: int) -> str:
            if y not in rows:
                rows[y] = Strip.join(strip for strip in chops[y].values() if strip is not None)
            return rows[y].crop(x1, x2).render(console)

        same = {id(r) for r in candidates if cells(r.y, r.x, r.right) == cells(r.y + delta, r.x, r.right)}
        return [r for r in missing if id(r) not in same]

    @staticmethod
    def _repaint_view(compositor, renderable, view: Widget):
        """No move: the rows the frame does not paint get the view's current text."""
        if not view.is_mounted:
            return renderable
        geometry = compositor.visible_widgets.get(view)
        if geometry is None:
            view.refresh()
            return renderable
        compositor._dirty_regions.add(geometry[0].intersection(geometry[1]))
        extra = compositor.render_partial_update()
        return _Joined([renderable, extra]) if extra is not None else renderable
