"""A large folder in the reader: first paint, time until every article is listed and analysed, peak
memory, a second start on the warm cache, and the stalls of sidebar work at that size.

    python benchmarks/large_folder.py [FOLDER] [--rounds N] [--no-pty] [--no-analysis]

(default FOLDER: /work/shared/data/saudinewsnet/articles)

Two parts:

* **In process** (Pilot, headless, 120x40): timings of the start, and for every sidebar action the
  time until the screen has been repainted (``press`` + ``pause``) and the longest event-loop stall
  while it ran. The stall comes from a task that asks to wake every millisecond: the gap between two
  wake-ups is how long the loop was blocked, i.e. how long no key, timer or repaint could run. Then
  the analysis is timed from the start, and again on a second app over the same (now warm) cache.
* **Real pty** (the ``qari`` process, its own XDG folders): time to the first painted frame, peak
  RSS (VmHWM), and key-to-paint — from writing a key's bytes (or SIGWINCH) to the end of the first
  output burst that answers it, as ``latency.py`` measures it — once loading has finished.

The machine may be shared: run it two or three times and report the range. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pty import ROOT, STARTUP_LIMIT, answer, pct, qari_env, read_until_quiet, resize, spawn, stop  # noqa: E402
from textual.events import Key, Resize  # noqa: E402
from textual.geometry import Size  # noqa: E402

from tui.store.cache import AnalysisCache  # noqa: E402
from tui.store.state import StateStore  # noqa: E402
from tui.ui.app import QariApp  # noqa: E402
from tui.corpus.startup import start  # noqa: E402
from tui.ui.sidebar import Sidebar  # noqa: E402

DEFAULT = "/work/shared/data/saudinewsnet/articles"
FILTER_KEYS = "الرياض"


class LoopLag:
    """Longest gap between wake-ups of a task that sleeps 1 ms at a time, per measured window."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.worst = max(self.worst, now - last)
            last = now

    def __enter__(self) -> LoopLag:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *exc) -> None:
        if self._task is not None:
            self._task.cancel()

    def reset(self) -> None:
        self.worst = 0.0


def _app(started, tmp: Path, analyze: bool, cache: AnalysisCache | None) -> QariApp:
    app = QariApp(started.articles, started.skipped, store=StateStore(tmp / "state.json"),
                  keymap_path=tmp / "none.toml", analyze=analyze, analysis_cache=cache)
    if started.pending is not None:
        app.pending_load = (started.pending, started.expected)
    return app


async def _wait_loaded(app, pilot, started) -> None:
    if started.pending is not None:
        while not app.loading:  # the load starts after the first refresh
            await asyncio.sleep(0.005)
    while app.loading:
        await asyncio.sleep(0.01)
    await pilot._wait_for_screen()


async def _wait_analysed(app) -> None:
    while len(app.analyses) < len(app.articles) or app.loading:
        await asyncio.sleep(0.02)


def _row(label: str, walls: list[float], gaps: list[float], cpus: list[float]) -> str:
    w = [1000 * v for v in walls]
    g = [1000 * v for v in gaps]
    c = [1000 * v for v in cpus]
    return (f"  {label:22}{len(w):4d}{pct(w, .5):9.0f}{pct(w, .95):9.0f}{max(w):9.0f}"
            f"{pct(g, .95):9.0f}{max(g):9.0f}{pct(c, .5):9.0f}{max(c):9.0f}")


async def in_process(folder: str, rounds: int, analysis: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="qari-large-") as tmpname:
        tmp = Path(tmpname)
        t0 = time.perf_counter()
        started = start([folder])
        t_start = time.perf_counter() - t0
        app = _app(started, tmp, False, None)
        paints: list[float] = []
        display = app._display

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)  # headless: the frame is composed, then not written
            if renderable is not None:
                paints.append(time.perf_counter())

        app._display = timed_display
        with LoopLag() as lag:
            async with app.run_test(size=(120, 40)) as pilot:
                t_ready = time.perf_counter() - t0  # mounted
                while not paints:
                    await asyncio.sleep(0.005)
                t_paint = paints[0] - t0
                lag.reset()  # from here on, a stall is background work getting in the reader's way
                await _wait_loaded(app, pilot, started)
                t_all = time.perf_counter() - t0
                load_stall = lag.worst
                sidebar = app.query_one(Sidebar)
                print(f"in process, 120x40: {len(app.articles):,} articles listed, {len(app.skipped):,} skipped")
                print(f"  first batch read (start)    {t_start * 1000:7.0f} ms")
                print(f"  app mounted                 {t_ready * 1000:7.0f} ms")
                print(f"  first frame composed        {t_paint * 1000:7.0f} ms")
                print(f"  all listed                  {t_all * 1000:7.0f} ms  (longest loop stall after the first frame "
                      f"{load_stall * 1000:.0f} ms)")
                results: dict[str, tuple[list[float], list[float], list[float]]] = {}

                async def measure(label: str, step) -> None:
                    await asyncio.sleep(0.05)
                    lag.reset()
                    paints.clear()
                    t = time.perf_counter()
                    cpu = time.process_time()
                    step()
                    # Until the last frame of the burst that answers the event (a resize paints at
                    # once, then again when the sidebar has re-laid out its entries).
                    while time.perf_counter() - t < 10:
                        n = len(paints)
                        await asyncio.sleep(0.15)
                        if n and len(paints) == n:
                            break
                    walls, gaps, cpus = results.setdefault(label, ([], [], []))
                    walls.append((paints[-1] if paints else time.perf_counter()) - t)
                    gaps.append(lag.worst)
                    cpus.append(time.process_time() - cpu)

                def key(name: str):
                    char = name if len(name) == 1 else {"tab": "\t", "backspace": "\x7f"}.get(name)
                    return lambda: app._driver.send_message(Key(name, char))

                def resize(size: tuple[int, int]) -> None:
                    app._driver._size = Size(*size)
                    app.post_message(Resize(Size(*size), Size(*size)))

                await pilot.press("tab")
                assert app.focused is sidebar
                for _ in range(rounds):
                    for _ in range(5):
                        await measure("page down", key("pagedown"))
                    await measure("end", key("end"))
                    await measure("home", key("home"))
                    for _ in range(4):
                        await measure("sort o", key("o"))
                    await measure("filter open f", key("f"))
                    for ch in FILTER_KEYS:
                        await measure("filter keystroke", key(ch))
                    for _ in FILTER_KEYS:
                        await measure("filter backspace", key("backspace"))
                    await pilot.press("escape")
                    await pilot.pause()
                    sidebar.focus()
                    for size in ((100, 40), (120, 40), (120, 30), (120, 40)):
                        await measure("resize", lambda size=size: resize(size))
                print(f"  sidebar actions over {rounds} round(s), ms: key to the last frame of its answer (the"
                      " screen settled) and the longest event-loop stall")
                print("  (cpu: process CPU time per action, which a busy machine inflates far less than wall"
                      " time; the 1 ms ticker adds ~4 % of the wall time)")
                print(f"  {'':22}{'n':>4}{'p50':>9}{'p95':>9}{'max':>9}{'stall95':>9}{'stallmax':>9}"
                      f"{'cpu50':>9}{'cpumax':>9}")
                for label, (walls, gaps, cpus) in results.items():
                    print(_row(label, walls, gaps, cpus))
        if not analysis:
            return
        for label in ("first start (cold cache)", "second start (warm cache)"):
            cache = AnalysisCache(tmp / "cache" / "analysis.sqlite")
            t0 = time.perf_counter()
            started = start([folder])
            app = _app(started, tmp, True, cache)
            with LoopLag() as lag:
                async with app.run_test(size=(120, 40)) as pilot:
                    await pilot._wait_for_screen()
                    lag.reset()
                    await _wait_loaded(app, pilot, started)
                    t_all = time.perf_counter() - t0
                    await _wait_analysed(app)
                    t_an = time.perf_counter() - t0
                    stall = lag.worst  # not the app's shutdown: quitting may take its time
            print(f"  {label}: all listed {t_all:6.1f} s, all analysed {t_an:6.1f} s, "
                  f"longest loop stall after mounting {stall * 1000:.0f} ms")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak RSS of this process (both starts, whole benchmark): {peak:.0f} MB")


def _vm_hwm(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _first_frame(fd: int, gap: float) -> float | None:
    """Seconds until the end of the first output burst that is a full frame (a few KB)."""
    start = time.perf_counter()
    size = 0
    while time.perf_counter() - start < STARTUP_LIMIT:
        took, n = answer(fd, gap, STARTUP_LIMIT)
        if took is None:
            return None
        size += n
        if size > 4000:
            return time.perf_counter() - start
    return None


def pty_session(folder: str, cols: int, rows: int, rounds: int, env: dict[str, str], label: str) -> None:
    proc, fd = spawn([sys.executable, "-m", "tui", folder], env, ROOT, cols, rows)
    results: dict[str, list[float]] = {}
    try:
        paint = _first_frame(fd, 0.03)
        # Loading and analysis repaint the progress line and toasts: wait for a quiet screen.
        t = time.perf_counter()
        while read_until_quiet(fd, 1.5) and time.perf_counter() - t < 300:
            pass
        plan: list[tuple[str, bytes | None]] = []
        for _ in range(rounds):
            plan += [("focus sidebar", b"\t")]  # the escape that closes the filter focuses the article
            plan += [("page down", b"\x1b[6~")] * 5 + [("end", b"\x1b[F"), ("home", b"\x1b[H")]
            plan += [("sort o", b"o")] * 4
            plan += [("filter open f", b"f")] + [("filter keystroke", ch.encode()) for ch in FILTER_KEYS]
            plan += [("filter backspace", b"\x7f")] * len(FILTER_KEYS) + [("filter escape", b"\x1b")]
            plan += [("resize", None)] * 4
        width = cols
        for name, key in plan:
            if key is None:
                width = cols - 20 if width == cols else cols
                resize(proc, fd, width, rows)
            else:
                os.write(fd, key)
            took, _ = answer(fd, 0.008)
            if took is not None:
                results.setdefault(name, []).append(took)
            read_until_quiet(fd, 0.3)
        hwm = _vm_hwm(proc.pid)
        os.write(fd, b"q")
        read_until_quiet(fd, 0.3)
    finally:
        stop(proc, fd, timeout=10)
    print(f"real pty, {cols}x{rows}, {label}: first frame "
          f"{'none' if paint is None else f'{paint * 1000:.0f} ms'}, peak RSS (VmHWM) {hwm:.0f} MB")
    print(f"  key-to-paint, ms       {'n':>4}{'p50':>9}{'p95':>9}{'max':>9}")
    for name, vals in results.items():
        v = [1000 * x for x in vals]
        print(f"  {name:22}{len(v):4d}{pct(v, .5):9.1f}{pct(v, .95):9.1f}{max(v):9.1f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-pty", action="store_true")
    ap.add_argument("--no-analysis", action="store_true")
    ap.add_argument("--no-inprocess", action="store_true")
    args = ap.parse_args(argv)
    if not Path(args.folder).exists():
        print(f"large_folder: {args.folder} not found; nothing to measure")
        return 0
    if not args.no_inprocess:
        asyncio.run(in_process(args.folder, args.rounds, not args.no_analysis))
    if not args.no_pty:
        with tempfile.TemporaryDirectory(prefix="qari-large-pty-") as tmp:
            env = qari_env(Path(tmp))
            # The first start's keys come once loading is over, while the analysis still runs.
            pty_session(args.folder, 120, 40, args.rounds, env, "first start, analysis running")
            pty_session(args.folder, 120, 40, 1, env, "second start (warm cache)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
