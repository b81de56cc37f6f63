"""Bytes written to the terminal: Qari against ``less -R`` on the same text, over a real pty.

Each program runs on its own pseudo-terminal (TERM=xterm-256color, 120x40 unless told otherwise).
After every key the output is read until the program has been quiet for ``--quiet`` ms, and the bytes
are attributed to that key: first paint, line scroll (``j`` ×20), page scroll (space ×5), article
switch (Qari ``J`` ×4, less ``:n`` ×4 over the same articles as separate files).

less shows the *logical* text (Arabic unshaped, not reordered): it is only a byte reference for a
program that repaints the least it can.

    python benchmarks/bandwidth.py [--size 120x40] [--quiet 300] [--dump DIR]
        [--scroll-region auto|rows|margins|off] [--no-sidebar] [--via pty|tmux] [--matrix]

After the first paint the programs get ``--settle`` ms of quiet (analysis results and background
layout arrive then; their bytes are reported apart), so a scroll's figure is the scroll's.

``--scroll-region`` sets QARI_SCROLL_REGION (see tui/ui/terminal_scroll.py): ``rows`` moves whole
terminal rows and repaints what shares them (the sidebar), ``margins`` moves only the view's
columns (what Qari picks inside xterm), ``off`` repaints every row as Textual does. ``--no-sidebar``
hides the sidebar (the view then spans the width). ``--via tmux`` runs both programs inside tmux
on the recording pty and counts what tmux writes to it (tmux redraws its own way). ``--matrix``
runs the combinations and prints one line each.

With ``--dump`` the raw output of every step is saved, and for Qari the screen rows each step
rewrote are printed, which is how to see *why* a scroll costs what it costs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pty import ROOT, STARTUP_LIMIT, pct, read_until_quiet, spawn, stop  # noqa: E402

MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")
SGR = re.compile(rb"\x1b\[[0-9;:]*m")
ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_=>78])")


@dataclass
class Step:
    label: str
    key: bytes
    data: bytes = b""


@dataclass
class Session:
    name: str
    first_paint: bytes = b""
    settle: bytes = b""
    steps: list[Step] = field(default_factory=list)


# Qari with its sidebar hidden (the reader has no switch for it): for --no-sidebar only.
NO_SIDEBAR = """
import sys
from tui.ui import app as m
mount = m.QariApp.on_mount
def on_mount(self):
    mount(self)
    self.sidebar.display = False
m.QariApp.on_mount = on_mount
from tui.__main__ import main
sys.exit(main(sys.argv[1:]))
"""
TMUX_CONF = "set -g status off\nset -g default-terminal screen-256color\n"


def run(name: str, argv: list[str], keys: list[tuple[str, bytes]], env: dict[str, str], cwd: Path,
        cols: int, rows: int, quiet: float, settle: float = 0.0, phases: int = 1) -> Session:
    """``phases``: how many bursts the first paint takes (2 under tmux: tmux's empty screen, then the
    program's own first paint once it has started)."""
    proc, fd = spawn(argv, env, cwd, cols, rows)
    session = Session(name)
    try:
        session.first_paint = b"".join(read_until_quiet(fd, quiet, STARTUP_LIMIT) for _ in range(phases))
        if not session.first_paint:
            raise SystemExit(f"{name}: no output within {STARTUP_LIMIT:.0f} s ({' '.join(argv)})")
        if settle > quiet:
            session.settle = read_until_quiet(fd, settle)
        for label, key in keys:
            os.write(fd, key)
            session.steps.append(Step(label, key, read_until_quiet(fd, quiet)))
    finally:
        stop(proc, fd)
    return session





def _stats(session: Session, label: str) -> tuple[float, float, int]:
    sizes = [len(s.data) for s in session.steps if s.label == label]
    return (sum(sizes) / len(sizes) if sizes else 0.0), pct(sizes, 0.95), len(sizes)


def rows_touched(data: bytes) -> list[int]:
    """Screen rows (1-based) that a chunk of output moved the cursor to, i.e. the rows it rewrote."""
    return sorted({int(m.group(1)) for m in MOVE.finditer(data)})


def passes(data: bytes) -> int:
    """How many top-to-bottom paint passes a chunk holds (the cursor going back up starts a new one)."""
    count, last = 0, 10**9
    for m in MOVE.finditer(data):
        row = int(m.group(1))
        if row < last:
            count += 1
        last = row
    return count


def anatomy(data: bytes) -> dict[str, int]:
    """Where the bytes go: SGR (colour) sequences, other escapes, and printable text."""
    sgr = sum(len(m.group()) for m in SGR.finditer(data))
    esc = sum(len(m.group()) for m in ESCAPE.finditer(data)) - sgr
    return {"sgr": sgr, "other escapes": esc, "text": len(data) - sgr - esc}


def by_region(data: bytes) -> dict[tuple[str, int], int]:
    """Bytes per (row kind, start column) of each cursor-addressed run: shows which widget costs what."""
    out: dict[tuple[str, int], int] = {}
    marks = list(MOVE.finditer(data))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(data)
        key = ("row 1" if m.group(1) == b"1" else "rows 2+", int(m.group(2)))
        out[key] = out.get(key, 0) + end - m.start()
    return out


def merge_same_style(data: bytes) -> bytes:
    """The output as it would be if a reset followed by the style already in force were left out
    (what ``Strip.simplify()`` on the view's strips would give): an estimate of the saving."""
    out = bytearray()
    current = None
    pos = 0
    while (m := SGR.search(data, pos)) is not None:
        out += data[pos:m.start()]
        seq = m.group()
        pos = m.end()
        if seq == b"\x1b[0m":
            nxt = SGR.match(data, pos)
            if nxt is not None and nxt.group() == current:
                pos = nxt.end()  # drop the reset and the identical style after it
                continue
            current = None
        else:
            current = seq
        out += seq
    out += data[pos:]
    return bytes(out)


def _corpus(tmpd: Path, more: Path | None = None, more_count: int = 0) -> Path:
    """A copy of corpus/ with the longest article first, so twenty line and five page scrolls stay
    inside one article (the embedded ones are 2.7k–28k characters); with ``more``, the first
    ``more_count`` files of that folder after them, so the sidebar is full (as for a real reader)."""
    src = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_file())
    longest = max(src, key=lambda p: p.stat().st_size)
    ordered = [longest] + [p for p in src if p != longest]
    if more is not None:
        ordered += sorted(p for p in more.iterdir() if p.is_file() and p.suffix == ".txt")[:more_count]
    folder = tmpd / "corpus"
    folder.mkdir()
    for i, p in enumerate(ordered):
        (folder / f"{i:03d}_{p.name}").write_bytes(p.read_bytes())
    return folder


def _articles(folder: Path) -> list:
    from tui.corpus.load import load_paths

    result = load_paths([folder])
    return [a for a in result.articles if a.ok]


def _wrap(argv: list[str], via: str, tmpd: Path, cols: int, rows: int, tag: str) -> list[str]:
    """The command line that runs ``argv`` directly on the pty or inside a fresh tmux server on it."""
    if via == "pty":
        return argv
    conf = tmpd / "tmux.conf"
    conf.write_text(TMUX_CONF)
    command = " ".join("'" + a.replace("'", "'\"'\"'") + "'" for a in argv)
    return ["tmux", "-L", f"qari-bw-{os.getpid()}-{tag}", "-f", str(conf), "new-session", "-x", str(cols),
            "-y", str(rows), command]


def measure(args, tmpd: Path, folder: Path, articles: list, *, mode: str | None, sidebar: bool, via: str,
            with_less: bool = True) -> tuple[Session, Session | None]:
    cols, rows = (int(x) for x in args.size.lower().split("x"))
    quiet, settle = args.quiet / 1000, args.settle / 1000
    switches = min(4, len(articles) - 1)
    # Nothing from the caller's terminal decides the scrolling mode: only --scroll-region.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QARI_", "TEXTUAL")) and k not in ("XTERM_VERSION", "TMUX", "STY", "NO_COLOR")}
    # Fresh state each run: a remembered reading position or a warm analysis cache would change the steps.
    state = Path(tempfile.mkdtemp(prefix="state-", dir=tmpd))
    env.update(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows), LANG="C.UTF-8", LC_ALL="C.UTF-8",
               QARI_DATA_DIR=str(state / "data"), QARI_CONFIG_DIR=str(state / "config"),
               QARI_CACHE_DIR=str(state / "cache"), LESSHISTFILE="-", LESS="", PYTHONPATH=str(ROOT))
    if via == "tmux":
        env.pop("COLUMNS")
        env.pop("LINES")
    if mode is not None:
        env["QARI_SCROLL_REGION"] = mode
    # less gets the same logical text as the reader, one file per article, in the reader's order.
    files = []
    for i, a in enumerate(articles):
        f = tmpd / f"{i:03d}.txt"
        f.write_text(a.text, encoding="utf-8", errors="surrogatepass")
        files.append(str(f))

    scroll = [("line", b"j")] * args.lines + [("page", b" ")] * 5
    phases = 2 if via == "tmux" else 1
    launch = [sys.executable, "-m", "tui"] if sidebar else [sys.executable, "-c", NO_SIDEBAR]
    qari = run("Qari", _wrap([*launch, "--bidi", args.bidi, str(folder)], via, tmpd, cols, rows, "q"),
               scroll + [("switch", b"J")] * switches + [("quit", b"q")], env, ROOT, cols, rows, quiet, settle,
               phases)
    less = None
    if with_less:
        less = run("less", _wrap(["less", "-R", *files], via, tmpd, cols, rows, "l"),
                   scroll + [("switch", b":n")] * switches + [("quit", b"q")], env, tmpd, cols, rows, quiet, settle,
                   phases)
    return qari, less


def _describe(mode: str | None, sidebar: bool, via: str) -> str:
    return f"{via}, sidebar {'shown' if sidebar else 'hidden'}, scroll region {mode or 'auto'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="120x40", help="COLSxROWS (default 120x40)")
    ap.add_argument("--quiet", type=int, default=300, help="ms of silence that ends a step (default 300)")
    ap.add_argument("--settle", type=int, default=2500, help="ms of silence after the first paint (default 2500)")
    ap.add_argument("--lines", type=int, default=20, help="line scrolls (default 20)")
    ap.add_argument("--bidi", choices=("app", "terminal", "off"), default="app", help="Qari's reorder mode")
    ap.add_argument("--scroll-region", choices=("auto", "rows", "margins", "off"), default=None,
                    help="QARI_SCROLL_REGION for Qari (default: unset, i.e. auto)")
    ap.add_argument("--no-sidebar", action="store_true", help="hide Qari's sidebar")
    ap.add_argument("--via", choices=("pty", "tmux"), default="pty", help="run directly on the pty or inside tmux")
    ap.add_argument("--matrix", action="store_true", help="every combination, one line each")
    ap.add_argument("--more", type=Path, default=None,
                    help="a folder of .txt articles to add after the embedded ones (a full sidebar), "
                         "e.g. /work/shared/data/saudinewsnet/articles")
    ap.add_argument("--more-count", type=int, default=60, help="how many of --more (default 60)")
    ap.add_argument("--dump", type=Path, default=None, help="save raw output of every step here")
    args = ap.parse_args(argv)
    if args.more is not None and not args.more.is_dir():
        print(f"bandwidth: --more {args.more} is not a folder", file=sys.stderr)
        return 2
    cols, rows = (int(x) for x in args.size.lower().split("x"))

    if shutil.which("less") is None:
        print("bandwidth: less is not installed; it is the reference (apt-get install less)", file=sys.stderr)
        return 2
    if (args.via == "tmux" or args.matrix) and shutil.which("tmux") is None:
        print("bandwidth: tmux is not installed (apt-get install tmux)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="qari-bw-") as tmp:
        tmpd = Path(tmp)
        folder = _corpus(tmpd, args.more, args.more_count)
        articles = _articles(folder)
        if len(articles) < 2:
            print("bandwidth: need at least two loadable articles in corpus/", file=sys.stderr)
            return 2
        if args.matrix:
            return _matrix(args, tmpd, folder, articles)
        qari, less = measure(args, tmpd, folder, articles, mode=args.scroll_region, sidebar=not args.no_sidebar,
                             via=args.via)
    assert less is not None

    sessions = [qari, less]
    print(f"Bytes written to the {'pty' if args.via == 'pty' else 'pty by tmux'} at {cols}x{rows} "
          f"(TERM=xterm-256color, step ends after {args.quiet} ms quiet, Qari --bidi {args.bidi}, "
          f"{_describe(args.scroll_region, not args.no_sidebar, args.via)})")
    print(f"{'':22}" + "".join(f"{s.name + ' KB':>14}{'p95':>8}" for s in sessions) + f"{'Qari/less':>11}")
    print(f"{'first paint':22}" + "".join(f"{len(s.first_paint) / 1024:14.2f}{'':>8}" for s in sessions)
          + f"{len(qari.first_paint) / max(1, len(less.first_paint)):11.1f}")
    print(f"{'settling (analysis)':22}" + "".join(f"{len(s.settle) / 1024:14.2f}{'':>8}" for s in sessions))
    for label, title in (("line", "per line scroll"), ("page", "per page scroll"), ("switch", "per article switch")):
        cells = []
        means = []
        for s in sessions:
            mean, p95, n = _stats(s, label)
            means.append(mean)
            cells.append(f"{mean / 1024:14.2f}{p95 / 1024:8.2f}")
        n = _stats(qari, label)[2]
        print(f"{title + f' (×{n})':22}" + "".join(cells) + f"{means[0] / max(1.0, means[1]):11.1f}")

    silent = [f"{s.name} {st.label}" for s in sessions for st in s.steps if not st.data and st.label != "quit"]
    if silent:
        print(f"note: {len(silent)} steps wrote nothing (end of text?): {', '.join(sorted(set(silent)))}")
    print()
    print("Qari, where the bytes of each kind of step go (mean per step):")
    for label in ("line", "page", "switch"):
        steps = [s for s in qari.steps if s.label == label]
        if not steps:
            continue
        parts = [anatomy(s.data) for s in steps]
        touched = [rows_touched(s.data) for s in steps]
        mean_rows = sum(len(t) for t in touched) / len(touched)
        mean_passes = sum(passes(s.data) for s in steps) / len(steps)
        kinds = ", ".join(f"{k} {sum(p[k] for p in parts) / len(parts):.0f} B" for k in parts[0])
        print(f"  {label:7} rows rewritten {mean_rows:4.1f} of {rows} in {mean_passes:.1f} passes; {kinds}")
    print(f"  first paint: {passes(qari.first_paint)} passes, {len(qari.first_paint) / 1024:.1f} KB")
    line_steps = [s for s in qari.steps if s.label == "line"]
    if line_steps:
        sample = line_steps[len(line_steps) // 2]
        print(f"  a typical line scroll rewrites rows {_ranges(rows_touched(sample.data))}")
        regions: dict[tuple[str, int], int] = {}
        for st in line_steps:
            for k, v in by_region(st.data).items():
                regions[k] = regions.get(k, 0) + v
        top = sorted(regions.items(), key=lambda kv: -kv[1])[:4]
        print("  line scroll bytes by where they are written: " + "; ".join(
            f"{kind} from column {col}: {v / len(line_steps):.0f} B" for (kind, col), v in top))
        merged = sum(len(merge_same_style(st.data)) for st in line_steps) / len(line_steps)
        mean = sum(len(st.data) for st in line_steps) / len(line_steps)
        print(f"  same-style neighbours merged (Strip.simplify): {merged / 1024:.2f} KB per line scroll "
              f"instead of {mean / 1024:.2f} KB")

    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for s in sessions:
            (args.dump / f"{s.name}-00-first-paint.bin").write_bytes(s.first_paint)
            for i, step in enumerate(s.steps, 1):
                (args.dump / f"{s.name}-{i:02d}-{step.label}.bin").write_bytes(step.data)
        print(f"raw output saved in {args.dump}")
    return 0


def _matrix(args, tmpd: Path, folder: Path, articles: list) -> int:
    """Qari in each scrolling mode, sidebar shown and hidden, on the pty and through tmux; less once per way."""
    print(f"KB written at {args.size} (means; line p95 in brackets). 'pty': Qari's own output; 'tmux': what tmux "
          f"sends to its terminal. Run 2-3 times: the machine is shared.")
    print(f"{'':44}{'first':>8}{'line':>16}{'page':>8}{'switch':>8}")
    for via in ("pty", "tmux"):
        configs = [(None, True), ("rows", True), ("margins", True), ("off", True), ("rows", False), ("off", False)]
        if via == "tmux":  # tmux has no left/right margins: auto picks rows there, margins would be wrong
            configs = [(None, True), ("off", True), (None, False), ("off", False)]
        for i, (mode, sidebar) in enumerate(configs):
            qari, less = measure(args, tmpd, folder, articles, mode=mode, sidebar=sidebar, via=via, with_less=i == 0)
            rows = [("Qari, " + _describe(mode, sidebar, via), qari)]
            if less is not None:
                rows.append((f"less -R, {via}", less))
            for title, s in rows:
                line, p95, _ = _stats(s, "line")
                print(f"{title:44}{len(s.first_paint) / 1024:8.2f}{line / 1024:9.2f} [{p95 / 1024:4.1f}]"
                      f"{_stats(s, 'page')[0] / 1024:8.2f}{_stats(s, 'switch')[0] / 1024:8.2f}")
    return 0


def _ranges(values: list[int]) -> str:
    out = []
    for v in values:
        if out and v == out[-1][1] + 1:
            out[-1][1] = v
        else:
            out.append([v, v])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in out) or "none"


if __name__ == "__main__":
    sys.exit(main())
