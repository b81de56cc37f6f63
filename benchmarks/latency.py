"""Key-to-paint latency of the real `qari` process on a real pty, beside ``less -R`` as a reference.

Pilot-driven timings include Pilot's own waiting; this measures what a person feels: the time from
writing a key's bytes to the pty to the end of the first burst of screen output that answers it
(a burst ends when the terminal side has been silent for ``--gap`` ms). After each key the
benchmark also waits for silence, so background layout work of one key never counts for the next.

    python benchmarks/latency.py [--size 120x40] [--lines 40] [--pages 15] [--switches 8] [--resizes 10]

Keys on the largest corpus article (corpus/002, opened first): line down ``j``, page down
``space``, next article ``J`` (alternating with ``K`` so it stays on large articles), and resize
(TIOCSWINSZ between two widths, SIGWINCH). Targets (issue 3): p95 ≤ 16 ms for scrolling and
≤ 50 ms for opening another article.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pty import ROOT, STARTUP_LIMIT, answer, pct, qari_env, read_until_quiet, resize, spawn, stop  # noqa: E402
from bandwidth import _corpus  # noqa: E402


def measure(argv: list[str], env: dict[str, str], cwd: Path, cols: int, rows: int, plan: list[tuple[str, object]],
            gap: float, settle: float) -> dict[str, list[float]]:
    proc, fd = spawn(argv, env, cwd, cols, rows)
    results: dict[str, list[float]] = {}
    try:
        if not read_until_quiet(fd, settle, STARTUP_LIMIT):
            raise SystemExit(f"no output within {STARTUP_LIMIT:.0f} s: {' '.join(argv)}")
        width = cols
        for label, key in plan:
            if label == "resize":
                width = cols - 10 if width == cols else cols
                resize(proc, fd, width, rows)
            else:
                os.write(fd, key)  # type: ignore[arg-type]
            took, _ = answer(fd, gap)
            if took is not None:
                results.setdefault(label, []).append(took)
            read_until_quiet(fd, settle)  # let background work finish before the next key
        os.write(fd, b"q")
        read_until_quiet(fd, settle)
    finally:
        stop(proc, fd)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="120x40")
    ap.add_argument("--lines", type=int, default=40)
    ap.add_argument("--pages", type=int, default=15)
    ap.add_argument("--switches", type=int, default=8)
    ap.add_argument("--resizes", type=int, default=10)
    ap.add_argument("--gap", type=int, default=8, help="ms of silence that ends an answer burst (default 8)")
    ap.add_argument("--settle", type=int, default=250, help="ms of silence between keys (default 250)")
    args = ap.parse_args(argv)
    cols, rows = (int(x) for x in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="qari-lat-") as tmp:
        tmpd = Path(tmp)
        folder = _corpus(tmpd)
        env = qari_env(tmpd)
        plan: list[tuple[str, object]] = [("line down", b"j")] * args.lines + [("page down", b" ")] * args.pages
        for i in range(args.switches):
            plan.append(("next article", b"J" if i % 2 == 0 else b"K"))
        plan += [("resize", None)] * args.resizes
        qari = measure([sys.executable, "-m", "tui", str(folder)], env, ROOT, cols, rows, plan,
                       args.gap / 1000, args.settle / 1000)
        text = tmpd / "article.txt"
        from tui.corpus.load import load_paths

        first = load_paths([folder]).articles[0]
        text.write_text(first.text, encoding="utf-8")
        less_plan = [p for p in plan if p[0] in ("line down", "page down")]
        less = measure(["less", "-R", str(text)], env, tmpd, cols, rows, less_plan, args.gap / 1000,
                       args.settle / 1000)
    print(f"key-to-paint over a real pty at {cols}x{rows} (first output burst after the key), ms")
    print(f"{'':14}{'qari p50':>10}{'qari p95':>10}{'n':>5}{'less p50':>10}{'less p95':>10}   target p95")
    targets = {"line down": 16, "page down": 16, "next article": 50, "resize": None}
    for label in ("line down", "page down", "next article", "resize"):
        q = [1000 * v for v in qari.get(label, [])]
        lv = [1000 * v for v in less.get(label, [])]
        if not q:
            print(f"{label:14}{'no answer':>20}")
            continue
        lp = f"{pct(lv, .5):10.1f}{pct(lv, .95):10.1f}" if lv else f"{'–':>10}{'–':>10}"
        t = targets[label]
        print(f"{label:14}{pct(q, .5):10.1f}{pct(q, .95):10.1f}{len(q):5d}{lp}   {('≤ %d' % t) if t else '–'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
