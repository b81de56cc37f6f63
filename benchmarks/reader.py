"""Reader responsiveness: start-up to first paint, key-to-repaint latency, peak memory.

Runs Qari's reader and, as a baseline, Textual's own ``Log`` widget showing the same text, each in
a fresh headless process at 120x40, and prints the figures and the Qari/Log ratios.

    python benchmarks/reader.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _since_process_start() -> float:
    """Seconds since this process was created (Linux /proc; falls back to interpreter start)."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start
    except (OSError, ValueError, IndexError):
        return time.perf_counter()


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


async def _measure(app, pilot, keys_for, rounds: int) -> dict:
    out: dict[str, list[float]] = {}

    async def timed(name: str, action) -> None:
        t = time.perf_counter()
        await action()
        await pilot.pause()
        out.setdefault(name, []).append((time.perf_counter() - t) * 1000)

    for i in range(rounds):
        await timed("line down", lambda: pilot.press(keys_for["line"]))
        await timed("page down", lambda: pilot.press(keys_for["page"]))
        await timed("next article", keys_for["next"])
        await timed("resize", lambda i=i: pilot.resize_terminal(*((100, 40) if i % 2 == 0 else (120, 40))))
        await keys_for["back"]()
        await pilot.pause()
    return {k: {"p50": _percentile(v, 0.5), "p95": _percentile(v, 0.95)} for k, v in out.items()}


def _widget_cost(widget, step, rounds: int) -> dict:
    """Action plus rendering every visible line, without the event loop: the widget's own share."""
    height = widget.scrollable_content_region.height
    times = []
    for _ in range(rounds * 5):
        t = time.perf_counter()
        step()
        for y in range(height):
            widget.render_line(y)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50": _percentile(times, 0.5), "p95": _percentile(times, 0.95)}


def child(kind: str, rounds: int) -> None:
    import asyncio
    import resource

    sys.path.insert(0, str(ROOT))
    from tui.corpus.startup import load

    corpus = load([])
    big = max(range(len(corpus.articles)), key=lambda i: len(corpus.articles[i].text))

    if kind == "qari":
        from tui.store.state import StateStore
        from tui.ui.app import QariApp

        tmp = tempfile.mkdtemp()
        app = QariApp(corpus.articles, corpus.skipped, store=StateStore(Path(tmp) / "state.json"),
                      keymap_path=Path(tmp) / "none.toml")

        async def run() -> dict:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                first_paint = _since_process_start()
                app._open(big, save=False)
                await pilot.pause()

                async def nxt() -> None:
                    app._open(big + 1, save=False)

                async def back() -> None:
                    app._open(big, save=False)

                figures = await _measure(app, pilot, {"line": "j", "page": "space", "next": nxt, "back": back}, rounds)
                await back()
                await pilot.pause()
                view = app.view
                view.action_go_top()
                figures["line down, widget only"] = _widget_cost(view, view.action_line_down, rounds)
                view.action_go_top()
                figures["page down, widget only"] = _widget_cost(
                    view, lambda: (view.action_page_down() if view.scroll_y < view.max_scroll_y else view.action_go_top()),
                    rounds)
                return {"first_paint_s": first_paint, "latency_ms": figures}
    else:
        from textual.app import App, ComposeResult
        from textual.widgets import Log

        class LogApp(App):
            def compose(self) -> ComposeResult:
                yield Log()

            def on_mount(self) -> None:
                self.show(corpus.articles[0].text)
                self.query_one(Log).focus()

            def show(self, text: str) -> None:
                log = self.query_one(Log)
                log.clear()
                log.write(text)
                log.scroll_home(animate=False)

        app = LogApp()

        async def run() -> dict:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                first_paint = _since_process_start()
                app.show(corpus.articles[big].text)
                await pilot.pause()

                async def nxt() -> None:
                    app.show(corpus.articles[(big + 1) % len(corpus.articles)].text)

                async def back() -> None:
                    app.show(corpus.articles[big].text)

                figures = await _measure(app, pilot, {"line": "down", "page": "pagedown", "next": nxt, "back": back}, rounds)
                await back()
                await pilot.pause()
                log = app.query_one(Log)
                log.scroll_home(animate=False, immediate=True)
                figures["line down, widget only"] = _widget_cost(
                    log, lambda: log.scroll_to(y=log.scroll_y + 1, animate=False, immediate=True), rounds)
                log.scroll_home(animate=False, immediate=True)
                figures["page down, widget only"] = _widget_cost(
                    log, lambda: log.scroll_to(y=(log.scroll_y + log.size.height - 1)
                                               if log.scroll_y < log.max_scroll_y else 0,
                                               animate=False, immediate=True), rounds)
                return {"first_paint_s": first_paint, "latency_ms": figures}

    result = asyncio.run(run())
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--child", choices=("qari", "log"))
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rounds)
        return
    results = {}
    for kind in ("qari", "log"):
        out = subprocess.run([sys.executable, __file__, "--child", kind, "--rounds", str(args.rounds)],
                             capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            sys.exit(f"{kind} run failed:\n{out.stderr[-2000:]}")
        results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    q, b = results["qari"], results["log"]
    print(f"Reader benchmark: 120x40, headless, {args.rounds} rounds, largest article for latency")
    print("(key rows: pilot press + repaint through the event loop; 'widget only': action + render_line of the view)")
    print(f"{'':34}{'Qari':>10}{'Log':>10}{'ratio':>8}")
    print(f"{'first paint since process start (s)':34}{q['first_paint_s']:>10.3f}{b['first_paint_s']:>10.3f}"
          f"{q['first_paint_s'] / b['first_paint_s']:>8.2f}")
    for name in q["latency_ms"]:
        for p in ("p50", "p95"):
            a, c = q["latency_ms"][name][p], b["latency_ms"][name][p]
            print(f"{name + ' ' + p + ' (ms)':34}{a:>10.2f}{c:>10.2f}{a / c:>8.2f}")
    print(f"{'peak RSS (MB)':34}{q['peak_rss_mb']:>10.1f}{b['peak_rss_mb']:>10.1f}"
          f"{q['peak_rss_mb'] / b['peak_rss_mb']:>8.2f}")


if __name__ == "__main__":
    main()
