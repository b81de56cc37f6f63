"""Layout engine figures (prints, never asserts): python benchmarks/layout.py

- chars/s for a full layout of each corpus article at widths 40, 80, 120;
- time to lay out the first screen (40 lines) and the whole of the largest article at a new width
  (targets: first screen <= 16 ms, whole largest article <= 100 ms);
- where GNU FriBidi (libfribidi.so.0) is installed: the same paragraphs through ``fribidi_log2vis``
  (shaping + reordering in C) as a reference — speed ratio, and how many single-line paragraphs show
  a different visual string, by kind of difference.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.text.layout import DocumentLayout, LayoutOptions, layout_paragraph  # noqa: E402

CORPUS = ROOT / "corpus"
WIDTHS = (40, 80, 120)


def _best(fn, repeat: int = 5, clock=time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times)


def _cpu(fn, repeat: int = 5) -> float:
    """Process CPU time: the figure to trust when other jobs share the machine's two cores."""
    return _best(fn, repeat, time.process_time)


def _articles() -> list[tuple[str, str]]:
    return [(p.name[:3], p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


def full_layouts() -> None:
    print("Full layout (all lines), best of 5:")
    print(f"  {'article':8} {'chars':>7} " + " ".join(f"{'w=' + str(w):>16}" for w in WIDTHS))
    for name, text in _articles():
        cells = []
        for w in WIDTHS:
            t = _best(lambda text=text, w=w: DocumentLayout(text, w).lines())
            cells.append(f"{len(text) / t / 1e3:8.0f} kch/s{t * 1e3:5.0f}ms"[:16].rjust(16))
        print(f"  {name:8} {len(text):7d} " + " ".join(cells))


def new_width() -> None:
    name, text = max(_articles(), key=lambda a: len(a[1]))
    print(f"Largest article {name} ({len(text)} chars) at a new width, best of 5:")
    for w in WIDTHS:
        def first_screen(w: int = w) -> None:
            doc = DocumentLayout(text, w)
            shown, p = 0, 0
            while shown < 40 and p < len(doc.paragraphs):
                shown += len(doc.paragraph(p).lines)
                p += 1

        first = _best(first_screen)
        whole = _best(lambda w=w: DocumentLayout(text, w).lines())
        first_cpu = _cpu(first_screen)
        whole_cpu = _cpu(lambda w=w: DocumentLayout(text, w).lines())
        print(f"  w={w:3d}: first screen (40 lines) {first * 1e3:6.2f} ms wall {first_cpu * 1e3:6.2f} ms cpu "
              f"(target 16)   whole article {whole * 1e3:6.1f} ms wall {whole_cpu * 1e3:6.1f} ms cpu (target 100)")
    # where the time goes, for the whole article at 80 columns
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    DocumentLayout(text, 80).lines()
    prof.disable()
    stats = pstats.Stats(prof)
    print("  share of time (cProfile, w=80):", end="")
    wanted = {"sanitize_paragraph": "sanitize", "shape": "shape", "resolve_levels": "bidi levels",
              "reorder": "bidi reorder", "layout_paragraph": "layout total"}
    cum = {}
    for (file, _, func), v in stats.stats.items():
        if func in wanted and "tui/text" in file:
            cum[wanted[func]] = cum.get(wanted[func], 0) + v[3]
    whole_t = cum.get("layout total") or 1
    print("  ".join(f" {k} {v / whole_t:4.0%}" for k, v in cum.items() if k != "layout total"))


class FriBidi:
    def __init__(self) -> None:
        name = ctypes.util.find_library("fribidi") or "libfribidi.so.0"
        self.lib = ctypes.CDLL(name)
        self.lib.fribidi_log2vis.restype = ctypes.c_int8
        self.version = ctypes.c_char_p.in_dll(self.lib, "fribidi_version_info").value.decode().split("\n")[0]

    def log2vis(self, text: str) -> str:
        n = len(text)
        src = (ctypes.c_uint32 * n)(*map(ord, text))
        out = (ctypes.c_uint32 * n)()
        base = ctypes.c_uint32(0x00000040)  # FRIBIDI_PAR_ON: first strong character decides
        self.lib.fribidi_log2vis(src, n, ctypes.byref(base), out, None, None, None)
        return "".join(map(chr, out))


LAM_ALEF = set("\ufef5\ufef6\ufef7\ufef8\ufef9\ufefa\ufefb\ufefc")


def _kind_of_difference(ours: str, theirs: str) -> str:
    if ours == theirs.replace("\ufeff", ""):
        # fribidi keeps a U+FEFF filler where the alef of a lam-alef ligature was; we leave the alef
        # inside the ligature's cluster. Same glyphs on screen otherwise.
        return "only fribidi's U+FEFF lam-alef filler"
    theirs = theirs.replace("\ufeff", "")
    if sum(c in LAM_ALEF for c in ours) != sum(c in LAM_ALEF for c in theirs):
        return "lam + harakah + alef: one ligature here (as arabic-reshaper), two letters in fribidi"
    if sorted(ours) == sorted(theirs):
        return "same glyphs, different order"
    if ours.replace("\ufe80", "\u0621") == theirs.replace("\ufe80", "\u0621"):
        return "hamza form U+0621 vs U+FE80"
    if ours.strip() == theirs.strip():
        return "blanks past the width: hung here (no cells), drawn by fribidi (no width limit)"
    return "different glyphs"


def fribidi_reference() -> None:
    try:
        fb = FriBidi()
    except OSError:
        print("GNU FriBidi: libfribidi.so.0 not installed (apt-get install libfribidi0); reference skipped")
        return
    print(f"GNU FriBidi reference ({fb.version}), every non-empty paragraph of the corpus:")
    paras = [p for _, text in _articles() for p in text.split("\n") if p.strip()]
    chars = sum(map(len, paras))
    ours_t = _best(lambda: [layout_paragraph(p, 0, len(p), 10**6) for p in paras], 3)
    theirs_t = _best(lambda: [fb.log2vis(p) for p in paras], 3)
    print(f"  ours {chars / ours_t / 1e3:7.0f} kch/s   fribidi (incl. ctypes marshalling) "
          f"{chars / theirs_t / 1e3:7.0f} kch/s   ratio {theirs_t / ours_t:5.2f}x (fribidi time / ours)")
    for width in WIDTHS:
        kinds: Counter[str] = Counter()
        single = 0
        example: dict[str, tuple[str, str]] = {}
        for p in paras:
            layout = layout_paragraph(p, 0, len(p), width, LayoutOptions())
            if len(layout.lines) != 1:
                continue
            single += 1
            ours = layout.lines[0].text
            theirs = fb.log2vis(p)
            if ours != theirs:
                kind = _kind_of_difference(ours, theirs)
                kinds[kind] += 1
                example.setdefault(kind, (ours, theirs))
        print(f"  w={width}: {single} single-line paragraphs, {sum(kinds.values())} differ"
              + ("".join(f"\n      {k}: {v}" for k, v in kinds.most_common())))
        for kind, (ours, theirs) in example.items():
            i = next((k for k, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
            print(f"      e.g. {kind}: ours {ours[max(0, i - 8):i + 8]!r} fribidi {theirs[max(0, i - 8):i + 8]!r}")


def main() -> None:
    full_layouts()
    new_width()
    fribidi_reference()


if __name__ == "__main__":
    main()
