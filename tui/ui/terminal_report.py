"""``qari --terminal-report``: which terminal Qari finds itself in and what ``--bidi auto`` does there."""

from __future__ import annotations

import sys

from tui.store import paths
from tui.store.state import StateStore
from tui.store.terminal_facts import look
from tui.text.sanitize import terminal_safe
from tui.text.terminals import choose, parse_xtversion, report
from tui.ui.terminal_scroll import detect_terminal


def print_report(args) -> int:
    """``qari --terminal-report``: what was detected and what Qari would choose, on stdout. Asks the
    terminal (XTVERSION) only when there is one; works with no tty at all (then from the
    environment alone)."""
    xtversion = None
    if sys.stdin.isatty() and sys.stdout.isatty():
        xtversion = parse_xtversion(detect_terminal()[1])
    info, decision = look(xtversion=xtversion)
    try:
        saved = StateStore(paths.state_file()).load().state.settings
    except Exception:  # an unreadable state changes nothing here; the reader reports it itself
        saved = {}
    bidi = getattr(args, "bidi", None)
    harakat = getattr(args, "harakat", None)
    choice = choose(decision, info.name, None if bidi == "auto" else bidi, harakat, saved)
    # The report quotes the environment and the terminal's own XTVERSION reply: both are foreign text.
    sys.stdout.write(terminal_safe(report(info, decision, choice), multiline=True))
    sys.stdout.flush()
    return 0
