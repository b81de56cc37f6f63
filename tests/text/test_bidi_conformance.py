"""Every case of the Unicode 15.0 bidi conformance files (BidiTest.txt, BidiCharacterTest.txt)."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest

from tui.text import bidi

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_REPORTED = 10


def _lines(name: str) -> list[str]:
    with lzma.open(DATA / name, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def _fmt_levels(levels: list[int]) -> str:
    return " ".join("x" if lv < 0 else str(lv) for lv in levels)


def run_bidi_test() -> tuple[int, int, list[str]]:
    """(passed, total, failure descriptions) over every (line, paragraph direction) of BidiTest.txt."""
    passed = total = 0
    failures: list[str] = []
    expected_levels: list[str] = []
    expected_order: list[str] = []
    codes = {name: i for i, name in enumerate(bidi.CLASS_NAMES)}
    for lineno, line in enumerate(_lines("BidiTest-15.0.0.txt.xz"), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@Levels:"):
            expected_levels = line[len("@Levels:"):].split()
            continue
        if line.startswith("@Reorder:"):
            expected_order = line[len("@Reorder:"):].split()
            continue
        if line.startswith("@"):
            continue
        classes, bitset = line.split(";")
        # The class string feeds the same dispatcher as resolve_levels: fast path or general one.
        cs = "".join(bidi._CHARS[codes[c]] for c in classes.split())
        bits = int(bitset)
        results = {}  # the auto case always equals the LTR or the RTL one: compute each level once
        for bit, direction in ((1, "auto"), (2, "ltr"), (4, "rtl")):
            if not bits & bit:
                continue
            total += 1
            base = bidi._paragraph_level_str(cs, direction)
            if base not in results:
                levels = bidi._resolve_str(cs, base, None)
                line_lv = bidi._l1(levels, cs, 0, len(cs), base)
                order = bidi._l2(line_lv, 0)
                results[base] = (["x" if v < 0 else str(v) for v in line_lv], [str(i) for i in order])
            got_levels, got_order = results[base]
            if lineno % 4 == 0 and bidi._NEEDS_GENERAL.search(cs):
                # Short paragraphs take the loop version of the general path; run every 4th case
                # through the regex version long paragraphs take as well.
                other = bidi._resolve_explicit(cs, base, None)
                other_l1 = bidi._l1(other, cs, 0, len(cs), base)
                if ["x" if v < 0 else str(v) for v in other_l1] != got_levels:
                    got_levels = ["(regex path)"] + ["x" if v < 0 else str(v) for v in other_l1]
            if got_levels == expected_levels and got_order == expected_order:
                passed += 1
            elif len(failures) < MAX_REPORTED:
                failures.append(
                    f"BidiTest line {lineno}: {classes.strip()} ({direction}): levels {' '.join(got_levels)}"
                    f" want {' '.join(expected_levels)}; order {' '.join(got_order)} want {' '.join(expected_order)}"
                )
    return passed, total, failures


def run_bidi_character_test() -> tuple[int, int, list[str]]:
    """(passed, total, failure descriptions) over every line of BidiCharacterTest.txt."""
    passed = total = 0
    failures: list[str] = []
    directions = {"0": "ltr", "1": "rtl", "2": "auto"}
    for lineno, line in enumerate(_lines("BidiCharacterTest-15.0.0.txt.xz"), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cps, para_dir, para_level, want_levels, want_order = line.split(";")
        text = "".join(chr(int(cp, 16)) for cp in cps.split())
        total += 1
        direction = directions[para_dir]
        base = bidi.paragraph_level(text, direction)
        levels = bidi.resolve_levels(text, base)
        got_levels = _fmt_levels(bidi.line_levels(levels, 0, len(text), base, text))
        got_order = " ".join(map(str, bidi.reorder(levels, 0, len(text), base, text)))
        visual = " ".join(map(str, bidi.visual_order(text, direction)))
        if (base == int(para_level) and got_levels == want_levels.strip() and got_order == want_order.strip()
                and visual == got_order):
            passed += 1
        elif len(failures) < MAX_REPORTED:
            failures.append(
                f"BidiCharacterTest line {lineno}: {cps} ({direction}): base {base} want {para_level}; "
                f"levels {got_levels} want {want_levels}; order {got_order} want {want_order}; visual_order {visual}"
            )
    return passed, total, failures


@pytest.mark.slow
def test_bidi_test_txt_all_cases() -> None:
    passed, total, failures = run_bidi_test()
    assert total > 700_000  # the whole file was read
    assert passed == total, f"{passed}/{total} passed; first failures:\n" + "\n".join(failures)


@pytest.mark.slow
def test_bidi_character_test_txt_all_cases() -> None:
    passed, total, failures = run_bidi_character_test()
    assert total == 91_707
    assert passed == total, f"{passed}/{total} passed; first failures:\n" + "\n".join(failures)


if __name__ == "__main__":  # python tests/text/test_bidi_conformance.py: print the figures
    import time

    for run in (run_bidi_test, run_bidi_character_test):
        t0 = time.perf_counter()
        p, t, f = run()
        print(f"{run.__name__}: {p}/{t} passed in {time.perf_counter() - t0:.1f} s")
        for msg in f:
            print("  ", msg)
