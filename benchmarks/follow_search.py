"""Following a link and searching, timed over a real pty: key → the answer painted.

The real ``qari`` process runs on a pseudo-terminal (120x40 unless told otherwise) with temporary
data and cache directories. A first run fills the analysis cache; the measured run starts again on
that cache and waits until the analysis is in (the status line shows ``¶n/N``, every article of a
folder has loaded, and the process has gone idle), so links and search work on real analyses.

Timing is latency.py's: from writing a key's bytes to the end of a burst of output (a burst ends
after ``--gap`` ms of silence); after every key the benchmark reads until ``--settle`` ms of quiet,
so one key's background work never counts for the next. A small screen model (cursor moves and
text; enough for Textual's output) finds the burst that paints the answer, which is not always
the first one (Textual often echoes a key first and paints what it caused a frame later):

* **follow (enter)** — ``enter`` in the article view on the passage ``]`` selected opens the target:
  painted once half the article area has been rewritten and the status line changed. Each follow
  is undone by ``backspace`` (timed as well), so every sample is a real move between two articles.
* **panel follow** — the same from the Links panel (``l`` on the selected passage, ``down`` every
  other time for a second link, ``enter``).
* **search key** — each keystroke of a query typed into the ``/`` prompt (UTF-8 bytes). Two rows:
  **search key → results** (the target) is painted when every row of the results list that the key
  changed has been rewritten (rows below the "N here · M in corpus" line, in its columns; when the
  key changed no row of the list, the first burst); **search key → count** when the count line is
  rewritten (when the count did not change, when the key's echo is). ``enter``, which lists more
  hits when there are more than a page, is timed on its own ("search enter → list").

Beside wall-clock time each answer reports the CPU time qari's threads used until it was painted
and the time they waited for a CPU (/proc/PID/task/*/schedstat): on a shared machine the wall
time moves with other programs' load, the CPU time much less.

    python benchmarks/follow_search.py [--size 120x40] [--articles 1000] [--follows 20]
                                       [--skip-folder | --skip-embedded] [--no-search] [--verbose]

Corpora: the embedded one (``qari`` with no arguments) and the first ``--articles`` files of
SaudiNewsNet (``QARI_SNN`` or /work/shared/data/saudinewsnet/articles; skipped when absent),
linked into a temporary folder. Targets (issue 5): p95 ≤ 50 ms for following a link and ≤ 100 ms
from a keystroke in the search prompt to its results.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pty import ROOT, pct, qari_env, read_some, spawn  # noqa: E402

SNN = Path(os.environ.get("QARI_SNN", "/work/shared/data/saudinewsnet/articles"))
QUERIES = ["ترامب", "الرياض", "putin", "بوتين", "موسكو", "trump"]
ENTER, BACKSPACE, DOWN, CLEAR = b"\r", b"\x7f", b"\x1b[B", b"\x15"  # ctrl+u empties the Input
STARTUP_LIMIT = 60.0
ANALYSIS_LIMIT = 1800.0  # a cold analysis of 1,000 articles on a busy two-core machine is slow

ESC = re.compile(r"\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_=>78])")


class Screen:
    """Just enough of a terminal to see what Textual painted: absolute and relative cursor moves,
    erase, text (combining marks take no cell, wide characters two), and the scroll region and
    left/right margins with IND/RI that tui/ui/terminal_scroll.py uses to move rows."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.y = self.x = 0
        self.top, self.bottom, self.left, self.right = 0, rows - 1, 0, cols - 1
        self.lrmm = False  # DECLRMM: CSI s sets left/right margins instead of saving the cursor
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""
        self.cells: set[tuple[int, int]] = set()  # cells written since the last ``reset_touched``

    def reset_touched(self) -> None:
        self.cells = set()

    @property
    def touched(self) -> set[int]:
        return {y for y, _ in self.cells}

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        cut = text.rfind("\x1b")
        if cut >= 0 and ESC.match(text, cut) is None and len(text) - cut < 64:
            text, self._pending = text[:cut], text[cut:]  # an escape split between two reads
        else:
            self._pending = ""
        pos = 0
        for m in ESC.finditer(text):
            self._put(text[pos:m.start()])
            pos = m.end()
            if m.group(2):
                self._csi(m.group(1), m.group(2))
            elif m.group() == "\x1bD":  # IND: down a row, scrolling the region at its bottom
                if self.y == self.bottom:
                    self._scroll(1)
                else:
                    self.y = min(self.rows - 1, self.y + 1)
            elif m.group() == "\x1bM":  # RI: up a row, scrolling the region at its top
                if self.y == self.top:
                    self._scroll(-1)
                else:
                    self.y = max(0, self.y - 1)
        self._put(text[pos:])

    def _scroll(self, delta: int) -> None:
        """Move the rows of the scroll region (within the margins) up by ``delta``, down when negative."""
        rows = list(range(self.top, self.bottom + 1))
        lo, hi = self.left, self.right + 1
        old = {y: self.grid[y][lo:hi] for y in rows}
        for y in rows:
            src = y + delta
            self.grid[y][lo:hi] = old[src] if src in old else [" "] * (hi - lo)
            self.cells.update((y, x) for x in range(lo, hi))

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?"):
            if params[1:] == "69" and final in "hl":
                self.lrmm = final == "h"
                if not self.lrmm:
                    self.left, self.right = 0, self.cols - 1
            return
        nums = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        n = nums[0] if nums and nums[0] else 1
        if final in "Hf":
            self.y = (nums[0] if nums and nums[0] else 1) - 1
            self.x = (nums[1] if len(nums) > 1 and nums[1] else 1) - 1
        elif final == "A":
            self.y -= n
        elif final == "B":
            self.y += n
        elif final == "C":
            self.x += n
        elif final == "D":
            self.x -= n
        elif final == "G":
            self.x = n - 1
        elif final == "K" and 0 <= self.y < self.rows:
            mode = nums[0] if nums else 0
            lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1)}.get(mode, (0, self.cols))
            for i in range(max(0, lo), min(self.cols, hi)):
                self.grid[self.y][i] = " "
                self.cells.add((self.y, i))
        elif final == "J" and (nums[0] if nums else 0) == 2:
            self.grid = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "r":  # DECSTBM: the scroll region; the cursor goes home
            self.top = (nums[0] if nums and nums[0] else 1) - 1
            self.bottom = (nums[1] if len(nums) > 1 and nums[1] else self.rows) - 1
            self.y = self.x = 0
        elif final == "s" and self.lrmm:  # DECSLRM
            self.left = (nums[0] if nums and nums[0] else 1) - 1
            self.right = (nums[1] if len(nums) > 1 and nums[1] else self.cols) - 1
        self.y = max(0, min(self.rows - 1, self.y))
        self.x = max(0, min(self.cols - 1, self.x))

    def _put(self, text: str) -> None:
        for ch in text:
            if ch == "\r":
                self.x = 0
            elif ch == "\n":
                self.y = min(self.rows - 1, self.y + 1)
            elif ch < " " or unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\u200e\u200f":
                continue
            else:
                if 0 <= self.y < self.rows and 0 <= self.x < self.cols:
                    self.grid[self.y][self.x] = ch
                    self.cells.add((self.y, self.x))
                self.x += 2 if unicodedata.east_asian_width(ch) in "WF" else 1

    def row(self, y: int) -> str:
        return "".join(self.grid[y])

    def text(self) -> str:
        return "\n".join(self.row(y) for y in range(self.rows))

    def find(self, needle: str) -> int | None:
        return next((y for y in range(self.rows) if needle in self.row(y)), None)


@dataclass
class Burst:
    end: float  # seconds after the key
    cells: set[tuple[int, int]]  # (row, column) written in this burst
    screen: str  # the screen after it
    cpu: float = 0.0  # seconds qari's threads ran on a CPU since the key
    queued: float = 0.0  # seconds they were ready but waited for a CPU (other programs' load)


@dataclass
class Answer:
    before: str
    key: bytes = b""
    bursts: list[Burst] = field(default_factory=list)

    @property
    def first(self) -> float | None:
        return self.bursts[0].end if self.bursts else None

    @property
    def last(self) -> float:
        return self.bursts[-1].end if self.bursts else 0.0

    @property
    def after(self) -> str:
        return self.bursts[-1].screen if self.bursts else self.before

    def burst(self, painted) -> Burst | None:
        """The burst after which ``painted(cells written so far, screen)`` first holds."""
        seen: set[tuple[int, int]] = set()
        for b in self.bursts:
            seen |= b.cells
            if painted(seen, b.screen):
                return b
        return None


class Qari:
    def __init__(self, argv: list[str], env: dict[str, str], cols: int, rows: int) -> None:
        self.proc, self.fd = spawn(argv, env, ROOT, cols, rows)
        self.screen = Screen(cols, rows)

    def _read(self, wait: float) -> bool:
        data = read_some(self.fd, wait)
        if data:
            self.screen.feed(data)
        return bool(data)

    def quiet(self, settle: float, limit: float = 30.0) -> None:
        end = time.monotonic() + limit
        while self._read(settle) and time.monotonic() < end:
            pass

    def wait_for(self, test, limit: float, what: str) -> None:
        end = time.monotonic() + limit
        while not test(self.screen):
            if self.proc.poll() is not None:
                raise SystemExit(f"qari exited ({self.proc.returncode}) while waiting for {what}:\n{self.screen.text()}")
            if time.monotonic() > end:
                raise SystemExit(f"gave up after {limit:.0f} s waiting for {what}; the screen:\n{self.screen.text()}")
            self._read(0.2)

    def sched(self) -> tuple[float, float]:
        """Seconds all of qari's threads have run, and waited ready for a CPU (/proc schedstat)."""
        run = wait = 0
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            try:
                fields = (task / "schedstat").read_text().split()
            except OSError:  # the thread ended
                continue
            run += int(fields[0])
            wait += int(fields[1])
        return run / 1e9, wait / 1e9

    def cpu(self) -> float:
        """CPU seconds the process (all its threads) has used."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_idle(self, span: float = 1.5, share: float = 0.1, limit: float = ANALYSIS_LIMIT) -> None:
        """Until the process used under ``share`` of a core for ``span`` seconds (background work done)."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            c0, t0 = self.cpu(), time.monotonic()
            while time.monotonic() - t0 < span:
                self._read(0.05)
            if self.cpu() - c0 < share * span:
                return
        raise SystemExit(f"qari stayed busy for {limit:.0f} s")

    def key(self, data: bytes, gap: float, settle: float) -> Answer:
        """Write a key and read every burst of output until ``settle`` seconds of quiet."""
        answer = Answer(self.screen.text(), data)
        run0, wait0 = self.sched()
        os.write(self.fd, data)
        start = time.perf_counter()
        wait = 5.0  # the first answer may be slow; after it, a burst ends at ``gap`` of silence
        while True:
            self.screen.reset_touched()
            if not self._read(wait):
                break
            while self._read(gap):
                pass
            end = time.perf_counter() - start
            run, wait = self.sched()
            answer.bursts.append(Burst(end, self.screen.cells, self.screen.text(), run - run0, wait - wait0))
            wait = settle
        return answer

    def close(self) -> None:
        try:
            os.write(self.fd, b"q")
            self.quiet(0.3, 5)
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        os.close(self.fd)


def _analysed(s: Screen) -> bool:
    return "¶" in s.row(0) or "¶" in s.row(1)


def start(argv: list[str], env: dict[str, str], cols: int, rows: int, folder: bool) -> Qari:
    q = Qari(argv, env, cols, rows)
    q.wait_for(lambda s: s.find("Qari") is not None or _analysed(s), STARTUP_LIMIT, "the first screen")
    if folder:
        # The analysis started at mount covers the first batch; the one that follows the load
        # covers the folder, and only its end matters here.
        q.wait_for(lambda s: s.find("Loaded") is not None, ANALYSIS_LIMIT, "the folder to load")
    q.wait_for(_analysed, ANALYSIS_LIMIT, "the analysis (¶ in the status line)")
    q.wait_idle()
    q.quiet(0.3)
    return q




def _status(screen_text: str) -> str:
    return screen_text.split("\n", 2)[0] + screen_text.split("\n", 2)[1]


LINKS = re.compile(r"(\d+) links?\b")


def _links_here(s: Screen) -> bool:
    return LINKS.search(s.row(0) + s.row(1)) is not None


def _to_linked(q: Qari, gap: float, settle: float, articles: int) -> bool:
    """Select a passage that has links: ``]`` from here, else from the top, else in the next article."""
    for _ in range(articles + 1):
        q.key(b"]", gap, settle)
        if _links_here(q.screen):
            return True
        q.key(b"g", gap, settle)
        q.key(b"]", gap, settle)
        if _links_here(q.screen):
            return True
        q.key(b"J", gap, settle)
    return False


def measure(q: Qari, follows: int, gap: float, settle: float, articles: int, search: bool = True) -> dict[str, list[Answer]]:
    out: dict[str, list[Answer]] = {}
    # -- follow from the view: ] (untimed) then enter / backspace ---------------------------
    for _ in range(follows):
        if not _to_linked(q, gap, settle, articles):
            print("  no passage with links anywhere: follow not measured")
            break
        out.setdefault("follow (enter)", []).append(q.key(ENTER, gap, settle))
        out.setdefault("back (backspace)", []).append(q.key(BACKSPACE, gap, settle))
    # -- follow from the Links panel: open it on a linked passage, pick a link, enter ---------
    if out:
        for i in range(follows):
            if not _to_linked(q, gap, settle, articles):
                break
            q.key(b"l", gap, settle)
            if i % 2:
                q.key(DOWN, gap, settle)  # the second link where there is one
            if q.screen.find("No links from this passage") is not None:
                out.setdefault("panel: no links shown", []).append(Answer(q.screen.text()))
            else:
                out.setdefault("panel follow", []).append(q.key(ENTER, gap, settle))
                q.key(BACKSPACE, gap, settle)
            q.key(b"\x1b", gap, settle)  # close the panel: the view takes the keys again
    # -- search -----------------------------------------------------------------------------
    if not search:
        return out
    out["open search (/)"] = [q.key(b"/", gap, settle)]
    for query in QUERIES:
        for ch in query:
            out.setdefault("search key", []).append(q.key(ch.encode(), gap, settle))
        out.setdefault("search enter", []).append(q.key(ENTER, gap, settle))
        # enter hands the keys back to the article (as in less): "/" opens the prompt again.
        q.key(b"/", gap, settle)
        q.key(CLEAR, gap, settle)
    q.key(b"\x1b", gap, settle)
    return out


COUNT = re.compile(r"(\d+) here · (\d+) in corpus")


def _count_at(screen: str) -> tuple[int, int] | None:
    """(row, column) where the "N here · M in corpus" line starts."""
    for y, line in enumerate(screen.split("\n")):
        m = COUNT.search(line)
        if m:
            return y, m.start()
    return None


def _count_painted(a: Answer):
    """The count line was rewritten; when the key left the count as it was (Textual then sends
    nothing for it), the echo of the key is all there is to paint: the first burst."""
    def count_text(screen: str) -> str | None:
        at = _count_at(screen)
        return None if at is None else COUNT.search(screen.split("\n")[at[0]]).group()  # type: ignore[union-attr]

    if count_text(a.before) is not None and count_text(a.before) == count_text(a.after):
        return lambda seen, screen: bool(seen)

    def test(seen: set[tuple[int, int]], screen: str) -> bool:
        at = _count_at(screen)
        return at is not None and any((at[0], x) in seen for x in range(at[1], at[1] + 10))

    return test


def _list_rows(screen: str, at: tuple[int, int]) -> list[str]:
    """The results list's rows (below the count line, in its first 30 columns)."""
    y0, x0 = at
    return [line[x0 : x0 + 30] for line in screen.split("\n")[y0 + 1 :]]


def _results_painted(a: Answer):
    """Every row of the results list that the key changed was rewritten; when it changed none
    (the same hits), the first burst. Without a count line after the key, never."""
    at = _count_at(a.after)
    if at is None:
        return lambda seen, screen: False
    y0, x0 = at
    before, after = _list_rows(a.before, at), _list_rows(a.after, at)
    changed = {y0 + 1 + n for n, (b, c) in enumerate(zip(before, after)) if b != c}
    if not changed:
        return lambda seen, screen: bool(seen)
    return lambda seen, screen: changed <= {y for y, x in seen if x0 <= x < x0 + 30}


def report(name: str, results: dict[str, list[Answer]], rows: int, verbose: bool = False) -> None:
    body = set(range(2, rows - 2))

    def moved(a: Answer):
        return lambda seen, screen: (len({y for y, _ in seen} & body) >= len(body) // 2
                                     and _status(screen) != _status(a.before))

    # What "painted" means for each kind of key; None: the first burst.
    painted = {"follow (enter)": moved, "back (backspace)": moved, "panel follow": moved,
               "search key → count": _count_painted, "search key → results": _results_painted,
               "search enter → list": _results_painted}
    targets = {"follow (enter)": 50, "back (backspace)": 50, "panel follow": 50, "search key → results": 100,
               "search enter → list": 100}
    print(f"\n{name}: key → answer painted (end of the output burst that shows it), ms; 'cpu' is the CPU"
          " time qari used until then, 'queued' the time it waited for a CPU (other programs)")
    print(f"{'':20}{'p50':>8}{'p95':>8}{'max':>8}{'painted':>9}{'cpu p50':>9}{'cpu p95':>9}{'queued p95':>11}"
          f"{'1st burst p95':>15}{'settled p95':>13}  target p95")
    for label, answers in results.items():
        if label == "panel: no links shown":
            print(f"{label:20}{len(answers):>8} times the Links panel showed no link where the status line counted some")
            continue
        if label == "search key":
            rows_of = [("search key → results", answers), ("search key → count", answers)]
        elif label == "search enter":
            rows_of = [("search enter → list", answers)]
        else:
            rows_of = [(label, answers)]
        for shown, group in rows_of:
            test = painted.get(shown)
            found = [a.burst(test(a)) if test else (a.bursts[0] if a.bursts else None) for a in group]
            times = [b.end if b is not None else None for b in found]
            cpu = [1000 * b.cpu for b in found if b is not None]
            queued = [1000 * b.queued for b in found if b is not None]
            if verbose:
                for a, t in zip(group, times):
                    if t is None:
                        print(f"  never painted: {shown} key {a.key!r}, bursts at "
                              f"{[round(1000 * b.end) for b in a.bursts]} ms, rows {[sorted({y for y, _ in b.cells}) for b in a.bursts]}")
                        print("  before:\n" + a.before + "\n  after:\n" + a.after)
            ms = [1000 * t for t in times if t is not None]
            first = [1000 * a.first for a in group if a.first is not None]
            settled = [1000 * a.last for a in group if a.bursts]
            t = targets.get(shown)
            verdict = "" if t is None or not ms else (f"≤ {t}: met" if pct(ms, .95) <= t else f"≤ {t}: MISSED")
            if not ms:
                print(f"{shown:20}{'never':>24}{f'0/{len(group)}':>9}{'':29}"
                      f"{(pct(first, .95) if first else 0):15.1f}{(pct(settled, .95) if settled else 0):13.1f}  {t or ''}")
                continue
            print(f"{shown:20}{pct(ms, .5):8.1f}{pct(ms, .95):8.1f}{max(ms):8.1f}{f'{len(ms)}/{len(group)}':>9}"
                  f"{pct(cpu, .5):9.1f}{pct(cpu, .95):9.1f}{pct(queued, .95):11.1f}"
                  f"{pct(first, .95):15.1f}{pct(settled, .95):13.1f}  {verdict}")


def run_corpus(name: str, paths: list[str], tmpd: Path, args, cols: int, rows: int) -> None:
    env = qari_env(tmpd)
    argv = [sys.executable, "-m", "tui", *paths]
    folder = bool(paths)
    t = time.monotonic()
    warm = start(argv, dict(env, QARI_DATA_DIR=str(tmpd / "data-warm")), cols, rows, folder)
    warm.close()
    print(f"\n{name}: analysis cache filled in {time.monotonic() - t:.0f} s", flush=True)
    t = time.monotonic()
    q = start(argv, dict(env, QARI_DATA_DIR=str(tmpd / "data")), cols, rows, folder)
    print(f"{name}: measured run ready (analyses from the cache) in {time.monotonic() - t:.1f} s", flush=True)
    try:
        results = measure(q, args.follows, args.gap / 1000, args.settle / 1000, 30 if folder else 5,
                          not args.no_search)
    finally:
        q.close()
    report(name, results, rows, args.verbose)
    print(f"(load average at the end: {os.getloadavg()[0]:.1f})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="120x40")
    ap.add_argument("--articles", type=int, default=1000, help="SaudiNewsNet files to open (default 1000)")
    ap.add_argument("--follows", type=int, default=20, help="link follows per way (default 20)")
    ap.add_argument("--gap", type=int, default=8, help="ms of silence that ends an answer burst (default 8)")
    ap.add_argument("--settle", type=int, default=300, help="ms of silence between keys (default 300)")
    ap.add_argument("--skip-folder", action="store_true", help="only the embedded corpus")
    ap.add_argument("--no-search", action="store_true", help="time following links only")
    ap.add_argument("--verbose", action="store_true", help="show the screens of answers never seen painted")
    ap.add_argument("--skip-embedded", action="store_true", help="only the SaudiNewsNet folder")
    args = ap.parse_args(argv)
    cols, rows = (int(x) for x in args.size.lower().split("x"))
    print(f"qari over a real pty at {cols}x{rows}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(timings move with the load: run 2–3 times)")
    if not args.skip_embedded:
        with tempfile.TemporaryDirectory(prefix="qari-fs-") as tmp:
            run_corpus("embedded corpus", [], Path(tmp), args, cols, rows)
    if args.skip_folder:
        return 0
    if not SNN.is_dir():
        print(f"\nSaudiNewsNet not found at {SNN}: skipped")
        return 0
    with tempfile.TemporaryDirectory(prefix="qari-fs-") as tmp:
        tmpd = Path(tmp)
        folder = tmpd / "snn"
        folder.mkdir()
        for f in sorted(SNN.iterdir())[: args.articles]:
            (folder / f.name).symlink_to(f)
        run_corpus(f"SaudiNewsNet {args.articles}", [str(folder)], tmpd, args, cols, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
