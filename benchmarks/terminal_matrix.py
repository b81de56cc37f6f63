"""Screenshot matrix: is Qari's first screen right in each real terminal? OCR-free.

    python benchmarks/terminal_matrix.py [--out DIR] [--only kitty,konsole] [--delay 12]

For each terminal (under its own Xvfb, see ``xshots.py``) it shoots the default ``qari`` on the
embedded corpus, and compares that with two references drawn by xterm, which draws every cell as
written and so shows exactly what Qari computed:

- RIGHT: ``qari --bidi app`` with the harakat setting the terminal's decision chose;
- WRONG: the same with every right-to-left run written reversed (``QARI_TERMINAL=kitty``): letters
  reversed inside each word, which is what a terminal that reorders runs itself shows.

Screens are compared cell by cell: each image is cut to its cell grid (the bounding box of
everything that is not the terminal's own black padding), resampled to 10x20 pixels per cell, and
every cell that has ink in either image contributes the correlation of its pixels (intensity
normalised per cell, so colours and antialiasing of different terminals do not count, the shapes
of glyphs do). ``right`` and ``wrong`` are the mean correlations with the two references; a screen
passes when ``right`` beats ``wrong`` by a clear margin. Konsole's default (every line mirrored)
and kitty without Qari's adaptation (``--bidi app``) are shot as well, as the negative controls
the comparison must fail.

The measure is about glyph order; a haraka one cell off hardly moves it (Alacritty's harakat were
checked by eye on the ``--harakat show`` shot). A terminal that is not installed is skipped with
the reason. Figures are printed, nothing is
asserted on time. Look at the PNGs in ``--out``: the figures say where to look, not what is there.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np


def _xshots():
    # By file path, not through sys.path: a benchmarks/ folder on sys.path would shadow packages
    # (benchmarks/bidi.py is not python-bidi) for whatever imports next, the tests included.
    spec = importlib.util.spec_from_file_location("qari_xshots", Path(__file__).with_name("xshots.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_shots = _xshots()
missing, shoot, version = _shots.missing, _shots.shoot, _shots.version

ROOT = Path(__file__).resolve().parents[1]
COLS, ROWS = 100, 30
CELL_W, CELL_H = 10, 20
MARGIN = 0.15  # right must beat wrong by this much (correlations are in [-1, 1])


@dataclass(frozen=True)
class Case:
    name: str
    terminal: str
    args: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    harakat: str = "show"  # what the RIGHT reference shows
    expect: bool = True  # a negative control expects to fail


CASES = [
    Case("xterm", "xterm"),
    Case("sakura (VTE)", "sakura"),
    Case("mlterm", "mlterm"),
    Case("kitty", "kitty", harakat="hide"),
    Case("kitty --bidi app (control)", "kitty", args=("--bidi", "app"), harakat="hide", expect=False),
    Case("kitty force_ltr --bidi app", "kitty", args=("--bidi", "app"), extra=("-o", "force_ltr=yes")),
    Case("Konsole (control: profile default)", "konsole", expect=False),
    Case("Konsole, bidi rendering off", "konsole", extra=("-p", "BidiRenderingEnabled=false")),
    Case("Alacritty", "alacritty", harakat="hide"),
    Case("Alacritty --harakat show", "alacritty", args=("--harakat", "show")),
]


def qari_command(state: Path, args: tuple[str, ...], env: dict[str, str]) -> list[str]:
    base = {"QARI_DATA_DIR": str(state / "data"), "QARI_CONFIG_DIR": str(state / "config"),
            "QARI_CACHE_DIR": str(state / "cache"), **env}
    return ["env", *(f"{k}={v}" for k, v in base.items()), sys.executable, "-m", "tui", *args]


def load_gray(png: Path) -> np.ndarray:
    size = subprocess.run(["identify", "-format", "%w %h", str(png)], capture_output=True, text=True, check=True)
    w, h = map(int, size.stdout.split())
    raw = subprocess.run(["convert", str(png), "-colorspace", "Gray", "-depth", "8", "gray:-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.uint8).reshape(h, w).astype(np.float32)


def grid(img: np.ndarray) -> np.ndarray:
    """The cell grid, resampled to CELL_W x CELL_H per cell. Rows that are mostly light are left
    out first (a toolbar, like Konsole's); then the grid is the box of the pixels that are not
    black (the terminal's padding is its own black background) when that box is a whole number of
    cells, and otherwise (the app's own background is black at an edge) the centred box of
    COLS x ROWS cells of the size the window implies."""
    light_rows = (img > 150).mean(axis=1) > 0.5
    keep = np.nonzero(~light_rows)[0]
    if len(keep) == 0:
        raise ValueError("blank screenshot")
    # The terminal area is the longest stretch of rows that are not light.
    breaks = np.nonzero(np.diff(keep) > 1)[0]
    starts = np.r_[0, breaks + 1]
    ends = np.r_[breaks, len(keep) - 1]
    k = int(np.argmax(ends - starts))
    img = img[keep[starts[k]]: keep[ends[k]] + 1]
    h, w = img.shape
    ys, xs = np.nonzero(img > 12)
    if len(xs) == 0:
        raise ValueError("blank screenshot")

    def span(lo: int, hi: int, size: int, count: int) -> tuple[int, int]:
        cell = size // count
        if abs((hi - lo) - cell * count) <= cell // 2:
            return lo, hi
        lo = (size - cell * count) // 2
        return lo, lo + cell * count

    x0, x1 = span(int(xs.min()), int(xs.max()) + 1, w, COLS)
    y0, y1 = span(int(ys.min()), int(ys.max()) + 1, h, ROWS)
    box = img[y0:y1, x0:x1]
    h, w = box.shape
    yi = (np.arange(ROWS * CELL_H) * h / (ROWS * CELL_H)).astype(int)
    xi = (np.arange(COLS * CELL_W) * w / (COLS * CELL_W)).astype(int)
    return box[yi][:, xi]


def cells(g: np.ndarray) -> np.ndarray:
    return g.reshape(ROWS, CELL_H, COLS, CELL_W).transpose(0, 2, 1, 3).reshape(ROWS, COLS, -1)


def similarity(a: np.ndarray, b: np.ndarray, rows: slice = slice(1, ROWS - 1)) -> float:
    """Mean per-cell correlation over the cells with ink in either screen (header and footer rows
    left out: the status line changes while analysis runs)."""
    ca, cb = cells(a)[rows], cells(b)[rows]
    sa, sb = ca.std(axis=2), cb.std(axis=2)
    inked = (sa > 8) | (sb > 8)
    za = (ca - ca.mean(axis=2, keepdims=True)) / np.maximum(sa, 1e-3)[..., None]
    zb = (cb - cb.mean(axis=2, keepdims=True)) / np.maximum(sb, 1e-3)[..., None]
    corr = np.abs((za * zb).mean(axis=2))  # abs: a highlighted (reversed) cell is still its glyph
    return float(corr[inked].mean()) if inked.any() else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "qari-terminal-matrix")
    ap.add_argument("--only", default="", help="comma-separated terminal names (xterm,sakura,mlterm,kitty,konsole,alacritty)")
    ap.add_argument("--delay", type=float, default=12.0, help="seconds before the shot (start-up hints last 8 s)")
    opts = ap.parse_args()
    out = opts.out
    out.mkdir(parents=True, exist_ok=True)
    only = {t for t in opts.only.split(",") if t}
    why = missing("xterm")
    if why:
        print(f"skipped: the xterm references need xterm ({why})")
        return 0
    state = Path(tempfile.mkdtemp(prefix="qari-matrix-state-"))
    refs: dict[tuple[str, str], np.ndarray] = {}

    def reference(kind: str, harakat: str) -> np.ndarray:
        key = (kind, harakat)
        if key not in refs:
            png = out / f"ref-{kind}-{harakat}.png"
            env = {"QARI_TERMINAL": "kitty"} if kind == "wrong" else {}
            args = ("--harakat", harakat) + (() if kind == "wrong" else ("--bidi", "app"))
            shoot("xterm", png, qari_command(state / f"ref-{kind}-{harakat}", args, env), delay=opts.delay)
            refs[key] = grid(load_gray(png))
        return refs[key]

    print(f"{'case':40} {'version':34} {'right':>6} {'wrong':>6}  verdict")
    failures = 0
    for case in CASES:
        if only and case.terminal not in only:
            continue
        why = missing(case.terminal)
        if why:
            print(f"{case.name:40} skipped: {why}")
            continue
        slug = "".join(c if c.isalnum() else "-" for c in case.name.lower()).strip("-")
        png = out / f"{slug}.png"
        try:
            shoot(case.terminal, png, qari_command(state / slug, case.args, dict(case.env)),
                  delay=opts.delay, extra=list(case.extra))
            shot = grid(load_gray(png))
            right = similarity(shot, reference("right", case.harakat))
            wrong = similarity(shot, reference("wrong", case.harakat))
        except (RuntimeError, ValueError, subprocess.CalledProcessError) as exc:
            print(f"{case.name:40} error: {' '.join(str(exc).split())[:200]}")
            failures += 1
            continue
        ok = right > wrong + MARGIN
        verdict = ("right" if ok else "WRONG") + ("" if ok == case.expect else "  <-- unexpected")
        failures += ok != case.expect
        print(f"{case.name:40} {version(case.terminal):34} {right:6.3f} {wrong:6.3f}  {verdict}   {png}")
    print(f"screenshots in {out}; look at them.")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
