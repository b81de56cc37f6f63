"""Unicode 15.0 bidi data for :mod:`tui.text.bidi`, loaded lazily from ``tui/text/data``.

Python 3.11's ``unicodedata`` is Unicode 14.0: its ``bidirectional()`` returns ``''`` for
characters added in 15.0 (they would be misclassified as L instead of, say, AL or NSM) and it
knows nothing of the default classes of unassigned code points in right-to-left blocks. So we ship
our own range table, generated from the UCD's ``extracted/DerivedBidiClass.txt`` 15.0.0 (which
includes the ``@missing`` defaults) by running this module::

    python -m tui.text._bidi_data /usr/share/unicode/extracted/DerivedBidiClass.txt

(Debian's ``unicode-data`` package, version 15.0.0, installs that file.) BidiBrackets.txt and
BidiMirroring.txt are shipped verbatim, xz-compressed.
"""

from __future__ import annotations

import lzma
import sys
from bisect import bisect_right
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
CLASS_TABLE = DATA_DIR / "BidiClass-15.0.0.txt.xz"
BRACKETS_FILE = DATA_DIR / "BidiBrackets-15.0.0.txt.xz"
MIRRORING_FILE = DATA_DIR / "BidiMirroring-15.0.0.txt.xz"

_LONG_NAMES = {
    "Left_To_Right": "L", "Right_To_Left": "R", "Arabic_Letter": "AL", "European_Number": "EN",
    "European_Separator": "ES", "European_Terminator": "ET", "Arabic_Number": "AN",
    "Common_Separator": "CS", "Nonspacing_Mark": "NSM", "Boundary_Neutral": "BN",
    "Paragraph_Separator": "B", "Segment_Separator": "S", "White_Space": "WS", "Other_Neutral": "ON",
    "Left_To_Right_Embedding": "LRE", "Left_To_Right_Override": "LRO", "Right_To_Left_Embedding": "RLE",
    "Right_To_Left_Override": "RLO", "Pop_Directional_Format": "PDF", "Left_To_Right_Isolate": "LRI",
    "Right_To_Left_Isolate": "RLI", "First_Strong_Isolate": "FSI", "Pop_Directional_Isolate": "PDI",
}


def _lines(path: Path) -> list[str]:
    try:
        with lzma.open(path, "rt", encoding="utf-8") as fh:
            return fh.read().splitlines()
    except (OSError, lzma.LZMAError) as exc:  # a broken install, not a user error: say which file
        raise RuntimeError(f"bidi data file missing or corrupt: {path} ({exc})") from None


@cache
def class_ranges() -> tuple[list[int], list[str]]:
    """``(starts, classes)``: code point ``cp`` has ``classes[bisect_right(starts, cp) - 1]``."""
    starts: list[int] = []
    classes: list[str] = []
    for line in _lines(CLASS_TABLE):
        if not line or line.startswith("#"):
            continue
        first, cls = line.split()
        starts.append(int(first, 16))
        classes.append(cls)
    return starts, classes


def lookup_class(cp: int) -> str:
    starts, classes = class_ranges()
    return classes[bisect_right(starts, cp) - 1]


def _pairs(path: Path) -> list[list[str]]:
    rows = []
    for line in _lines(path):
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([field.strip() for field in line.split(";")])
    return rows


@cache
def brackets() -> dict[int, tuple[int, bool]]:
    """Code point -> (paired bracket, is_opening) from BidiBrackets.txt."""
    return {int(a, 16): (int(b, 16), kind == "o") for a, b, kind in _pairs(BRACKETS_FILE)}


@cache
def mirrors() -> dict[int, int]:
    """Bidi_Mirroring_Glyph from BidiMirroring.txt."""
    return {int(a, 16): int(b, 16) for a, b in _pairs(MIRRORING_FILE)}


def build_class_table(derived_bidi_class: str) -> str:
    """Text of the range table: one ``START CLASS`` line per run of equal classes over 0..10FFFF."""
    table = ["L"] * 0x110000
    with open(derived_bidi_class, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    # @missing lines first (later ones override earlier, more general ones), explicit lines after.
    for missing_pass in (True, False):
        for line in lines:
            if missing_pass:
                if not line.startswith("# @missing:"):
                    continue
                body = line[len("# @missing:"):]
            else:
                if not line or line.startswith("#"):
                    continue
                body = line.split("#", 1)[0]
            rng, value = (part.strip() for part in body.split(";")[:2])
            cls = _LONG_NAMES.get(value, value)
            lo, _, hi = rng.partition("..")
            a = int(lo, 16)
            b = int(hi or lo, 16)
            table[a:b + 1] = [cls] * (b - a + 1)
    out = ["# Bidi_Class ranges, Unicode 15.0.0, from DerivedBidiClass.txt: START(hex) CLASS"]
    prev = None
    for cp, cls in enumerate(table):
        if cls != prev:
            out.append(f"{cp:X} {cls}")
            prev = cls
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # regenerate the shipped table
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tui.text._bidi_data path/to/DerivedBidiClass.txt")
    text = build_class_table(sys.argv[1])
    with lzma.open(CLASS_TABLE, "wt", encoding="utf-8", preset=9 | lzma.PRESET_EXTREME) as fh:
        fh.write(text)
    print(f"wrote {CLASS_TABLE} ({text.count(chr(10)) - 1} ranges)")
