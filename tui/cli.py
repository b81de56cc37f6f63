"""Starting the reader: ``qari [PATH...]`` loads the first articles, asks the terminal what it is,
runs the app and puts the terminal's bidi mode back afterwards."""

from __future__ import annotations

import argparse
import logging
import sys

from tui.corpus.startup import start
from tui.store import paths
from tui.store.state import StateStore
from tui.text.sanitize import terminal_safe
from tui.text.terminals import Decision, TerminalInfo

log = logging.getLogger(__name__)


def look_at_terminal(xtversion: bytes | None = None) -> tuple[TerminalInfo, Decision]:
    from tui.store.terminal_facts import look
    from tui.text.terminals import parse_xtversion

    return look(xtversion=parse_xtversion(xtversion))


def _say(message: str) -> None:
    """One line on stderr; paths and reasons come from the folder being read, so never raw."""
    print(f"qari: {terminal_safe(message)}", file=sys.stderr)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def run_reader(args: argparse.Namespace) -> int:
    """Entry point for ``qari [PATH...]``; returns the exit status."""
    from tui.ui.app import BIDI_IMPLICIT, QariApp
    from tui.ui.terminal_scroll import detect_terminal

    paths_given = list(getattr(args, "paths", []) or [])
    try:
        loaded = start(paths_given)
    except Exception as exc:  # a loader bug must still end in one line, not a traceback
        log.debug("loading failed", exc_info=True)
        _say(f"could not load articles: {_one_line(exc)}")
        return 2
    articles, skipped = loaded.articles, loaded.skipped
    if not articles:
        if skipped:
            path, reason = skipped[0]
            more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
            _say(f"{path}: {_one_line(reason)}{more}")
        elif paths_given:
            _say(f"{' '.join(paths_given)}: no articles found")
        else:
            _say("the embedded corpus is missing; reinstall Qari")
        return 2
    scroll_mode, xtversion = None, None
    if sys.stdin.isatty() and sys.stdout.isatty():
        # Ask the terminal itself whether it has left/right margins (xterm does, also over SSH where
        # XTERM_VERSION is not forwarded): then a line scroll moves only the article's columns. The
        # same round trip asks its name (XTVERSION) for --bidi auto.
        scroll_mode, xtversion = detect_terminal()
    app = QariApp(
        articles, skipped, store=StateStore(paths.state_file()), analyze=True,
        bidi=getattr(args, "bidi", None), harakat=getattr(args, "harakat", None),
        sidebar=getattr(args, "sidebar", None), theme=getattr(args, "theme", None),
        terminal=look_at_terminal(xtversion),
    )
    if loaded.pending is not None:
        app.pending_load = (loaded.pending, loaded.expected)  # read in a thread after the first paint
    if scroll_mode is not None:
        app.scroll_region_mode = scroll_mode
    try:
        status = app.run()
    finally:
        if app.bidi_sent:
            stream = sys.__stderr__ or sys.stdout
            try:
                stream.write(BIDI_IMPLICIT)
                stream.flush()
            except OSError:
                pass
    try:
        app.save_state()
    except Exception:  # the app may have failed before mounting; nothing to save then
        log.debug("no state saved at exit", exc_info=True)
    return status if isinstance(status, int) else (app.return_code or 0)
