"""Short Arabic strings (titles, metadata, hints) rendered through the layout engine.

Textual's stock widgets print strings in logical order, which a terminal shows reversed and
unjoined; everything Arabic on screen therefore passes through here first and reaches Textual
as already-visual ``rich.text.Text``.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui.text.layout import DocumentLayout, LayoutOptions
from tui.text.terminals import for_terminal

ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


def _one_paragraph(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def visual_lines(text: str, width: int, options: LayoutOptions = LayoutOptions(), max_lines: int = 1,
                 style: Style | str = "", align: str | None = None) -> list[Text]:
    """Lay out ``text`` as one paragraph at ``width`` cells; at most ``max_lines`` lines.

    A cut is marked with an ellipsis at the logical end (the left for right-to-left text). Lines are
    padded to ``width``: right-aligned for right-to-left text unless ``align`` says otherwise.
    """
    width = max(2, width)
    flat = _one_paragraph(text)
    if not flat:
        return [Text(" " * width, style=style)]
    para = DocumentLayout(flat, width, options).paragraph(0)
    lines = para.lines
    cut = len(lines) > max_lines
    if cut:
        # Re-lay out the last kept line one cell narrower so the ellipsis fits beside it.
        keep_end = lines[max_lines - 1].start
        tail = DocumentLayout(flat[keep_end:], width - 1, options).paragraph(0).lines[0]
        lines = list(lines[: max_lines - 1]) + [tail]
    out: list[Text] = []
    for n, line in enumerate(lines):
        rtl = line.rtl
        glyphs = list(line.glyphs)
        if cut and n == len(lines) - 1:
            glyphs = [ELLIPSIS, *glyphs] if rtl else [*glyphs, ELLIPSIS]
        body = "".join(for_terminal(glyphs, options))
        pad = max(0, width - cell_len(body))
        side = align or ("right" if rtl else "left")
        if side == "right":
            body = " " * pad + body
        elif side == "center":
            body = " " * (pad // 2) + body + " " * (pad - pad // 2)
        else:
            body = body + " " * pad
        out.append(Text(body, style=style, no_wrap=True, end=""))
    return out


def visual_line(text: str, width: int, options: LayoutOptions = LayoutOptions(), style: Style | str = "",
                align: str | None = None) -> Text:
    return visual_lines(text, width, options, 1, style, align)[0]


def visual_inline(text: str, options: LayoutOptions = LayoutOptions(), max_width: int = 200) -> Text:
    """``text`` in visual order at its natural width (no padding), cut at ``max_width`` cells."""
    line = visual_line(text, max_width, options, align="left")
    return Text(line.plain.rstrip(" "), no_wrap=True, end="")
