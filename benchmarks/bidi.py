"""Throughput of tui.text.bidi (resolve_levels + reorder) beside python-bidi's get_display.

Run from the repository root: ``python benchmarks/bidi.py [corpus_dir]``. Paragraphs are the
corpus files split at "\\n"; each is reordered as one line (the layout reorders per display line,
which costs about the same in total).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# This file is named bidi.py: drop its own folder from the path so python-bidi imports as "bidi".
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.text import bidi  # noqa: E402


def paragraphs(corpus: Path) -> list[str]:
    paras: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        paras.extend(p for p in path.read_text(encoding="utf-8").split("\n") if p)
    return paras


def best_of(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "corpus"
    paras = paragraphs(corpus)
    if not paras:
        sys.exit(f"no paragraphs under {corpus}")
    chars = sum(map(len, paras))
    bases = [bidi.paragraph_level(p) for p in paras]

    def ours() -> None:
        for p, base in zip(paras, bases):
            bidi.reorder(bidi.resolve_levels(p, base), 0, len(p), base, p)

    def ours_general() -> None:  # as if every paragraph had an explicit embedding or isolate
        for p, base in zip(paras, bases):
            levels = bidi._resolve_explicit(bidi._class_string(p), base, p)
            bidi.reorder(levels, 0, len(p), base, p)

    def ours_lines(width: int = 80) -> None:  # the layout's use: levels once, reorder per line
        for p, base in zip(paras, bases):
            levels = bidi.resolve_levels(p, base)
            for start in range(0, len(p), width):
                bidi.reorder(levels, start, min(len(p), start + width), base, p)

    article = " ".join(paras)  # one long paragraph, about the size of the largest articles
    article_base = bidi.paragraph_level(article)

    def ours_article() -> None:
        bidi.reorder(bidi.resolve_levels(article, article_base), 0, len(article), article_base, article)

    def ours_visual() -> None:
        for p in paras:
            bidi.visual_order(p)

    print(f"{len(paras)} paragraphs, {chars} chars from {corpus}")
    ours()  # load the tables before timing
    for name, fn in (("resolve_levels+reorder", ours), ("visual_order", ours_visual),
                     ("reorder per 80-char line", ours_lines),
                     ("general path (forced)", ours_general)):
        t = best_of(fn)
        print(f"  tui.text.bidi {name:28s} {chars / t / 1e6:6.2f} M chars/s  ({t * 1e3:.1f} ms)")
    t = best_of(ours_article)
    print(f"  tui.text.bidi one {len(article)}-char paragraph {len(article) / t / 1e6:6.2f} M chars/s  ({t * 1e3:.1f} ms)")
    try:
        from bidi import get_display
    except ImportError:
        print("  python-bidi not installed")
        return
    t = best_of(lambda: [get_display(p) for p in paras])
    print(f"  python-bidi get_display{'':19s} {chars / t / 1e6:6.2f} M chars/s  ({t * 1e3:.1f} ms)")


if __name__ == "__main__":
    main()
