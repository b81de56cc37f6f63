"""Running a program on a real pty for the benchmarks: spawn, read, answer timing, resize, stop.

Shared by bandwidth.py, latency.py, follow_search.py and large_folder.py, which measure what a
terminal sees (bytes, key-to-paint times) rather than what Pilot reports.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STARTUP_LIMIT = 30.0  # seconds: a program that has said nothing by then is broken, not slow


def spawn(argv: list[str], env: dict[str, str], cwd: Path, cols: int, rows: int) -> tuple[subprocess.Popen[bytes], int]:
    """``argv`` on a new pty of ``cols`` x ``rows`` as its controlling terminal; the master's fd."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def child_setup() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # the pty becomes the controlling terminal (SIGWINCH, /dev/tty)

    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                            preexec_fn=child_setup, close_fds=True)
    os.close(slave)
    return proc, master


def read_some(fd: int, wait: float) -> bytes:
    """What ``fd`` has within ``wait`` seconds (one read); b"" when nothing came or the child closed it."""
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the child closed the pty
        return b""


def read_until_quiet(fd: int, quiet: float, first_byte_limit: float | None = None) -> bytes:
    """Everything ``fd`` produces until ``quiet`` seconds pass with no byte (after the first one,
    for which up to ``first_byte_limit`` seconds are allowed)."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + first_byte_limit if first_byte_limit else None
    while True:
        wait = quiet
        if not chunks and deadline is not None:
            wait = max(quiet, deadline - time.monotonic())
        data = read_some(fd, wait)
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def answer(fd: int, gap: float, limit: float = 5.0) -> tuple[float | None, int]:
    """Seconds until the end of the first output burst (``gap`` seconds of silence end it), and its
    size in bytes; None when nothing came within ``limit``."""
    start = time.perf_counter()
    data = read_some(fd, limit)
    if not data:
        return None, 0
    size = 0
    last = start
    while data:
        size += len(data)
        last = time.perf_counter()
        data = read_some(fd, gap)
    return last - start, size


def resize(proc: subprocess.Popen[bytes], fd: int, cols: int, rows: int) -> None:
    """What a terminal does when its window changes: the new size, then SIGWINCH to the program."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.killpg(os.getpgid(proc.pid), signal.SIGWINCH)


def stop(proc: subprocess.Popen[bytes], fd: int, timeout: float = 5.0) -> None:
    """Wait for the program to end (it was asked to quit), kill it after ``timeout``; close the pty."""
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    os.close(fd)


def qari_env(state: Path, *, keep: tuple[str, ...] = ()) -> dict[str, str]:
    """The environment for a measured ``qari``: this one without Qari's and Textual's settings,
    a UTF-8 xterm, its own state folders under ``state``, and the source tree importable.

    This pty answers no terminal queries, so the scrolling mode is said up front
    (``QARI_SCROLL_REGION=rows``: what a terminal without left/right margins answers) rather than
    left for Qari to wait for a reply (tui/ui/terminal_scroll.py). ``keep`` names variables of the
    caller's to leave as they are (none by default: COLUMNS, LINES and NO_COLOR go).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QARI_", "TEXTUAL"))}
    for k in ("NO_COLOR", "COLUMNS", "LINES"):
        if k not in keep:
            env.pop(k, None)
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", QARI_SCROLL_REGION="rows",
               QARI_DATA_DIR=str(state / "data"), QARI_CONFIG_DIR=str(state / "config"),
               QARI_CACHE_DIR=str(state / "cache"), PYTHONPATH=str(ROOT), LESSHISTFILE="-")
    return env


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (nearest rank) of ``values``; 0.0 for none."""
    s = sorted(values)
    return float(s[min(len(s) - 1, int(round(q * (len(s) - 1))))]) if s else 0.0
