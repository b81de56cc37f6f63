"""WCAG contrast of what Qari draws, after the colour downgrade a terminal of each depth sees.

Every text/background pair comes from the running app: each widget's own style and each of its
component classes (Textual's and ours, as the stylesheet and theme resolve them), the prompt styles
the panels put inside their rows (dim snippets), and every highlight kind of the article view
(``tui.reader.highlight.KINDS``) alone and combined with the chosen-entity stress, the flash and the
current paragraph. Nothing is listed by hand, so a new style is checked the day it appears.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich._palettes import EIGHT_BIT_PALETTE, STANDARD_PALETTE
from rich.color import Color, ColorSystem, ColorType
from rich.style import Style
from textual.color import Color as TColor
from textual.constants import DIM_FACTOR
from rich.text import Text
from textual.widgets import OptionList

from tui.ui.article_view import ArticleView
from tui.reader.highlight import KINDS
from tui.ui.panel_list import PanelList, chosen_prompt
from tui.ui.sidebar import Entry

MINIMUM = 4.5
SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "16": ColorSystem.STANDARD}
ROWS_CHECKED = 60  # options per list whose prompts are checked (a corpus list can hold hundreds)
# Not text: the rule between multi-line options (a line glyph; WCAG asks 3:1 of such, not 4.5).
NOT_TEXT = {"option-list--separator"}


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(color: Color, system: ColorSystem, no_color: bool) -> tuple[int, int, int] | None:
    """The colour the terminal shows: Textual's NO_COLOR filter (monochrome), then Rich's downgrade,
    then the palette Rich assumes for the index it picked (the VGA one for 16 colours)."""
    if color.type == ColorType.DEFAULT:
        return None  # the terminal's own colour: unknowable
    if no_color:
        t = TColor.from_rich_color(color).monochrome
        color = Color.from_rgb(t.r, t.g, t.b)
    color = color.downgrade(system)
    if color.type == ColorType.TRUECOLOR:
        return tuple(color.triplet)
    if color.type == ColorType.STANDARD:
        return tuple(STANDARD_PALETTE[color.number])
    if color.type == ColorType.EIGHT_BIT:
        return tuple(STANDARD_PALETTE[color.number] if color.number < 16 else EIGHT_BIT_PALETTE[color.number])
    return tuple(color.get_truecolor())


def drawn(style: Style, system: ColorSystem, no_color: bool) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """(text, background) as seen, reverse and dim applied (dim as Textual models it: the text
    colour DIM_FACTOR of the way from the background). None: a colour is the terminal's default."""
    if style.color is None or style.bgcolor is None:
        return None
    fg, bg = _rgb(style.color, system, no_color), _rgb(style.bgcolor, system, no_color)
    if fg is None or bg is None:
        return None
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = tuple(round(b + (f - b) * DIM_FACTOR) for f, b in zip(fg, bg))
    return fg, bg


def _component_classes(widget) -> set[str]:
    names: set[str] = set()
    for cls in type(widget).__mro__:
        names |= set(getattr(cls, "COMPONENT_CLASSES", ()) or ())
    return names


def pairs(app) -> Iterator[tuple[str, Style]]:
    """Every (where, full style) the app's widgets would draw text in, as styled now."""
    for widget in app.screen.walk_children(with_self=True):
        name = type(widget).__name__ + (f"#{widget.id}" if widget.id else "")
        yield name, widget.rich_style
        for component in sorted(_component_classes(widget)):
            if component.startswith("scrollbar") or component in NOT_TEXT:
                continue
            yield f"{name} .{component}", widget.get_component_rich_style(component)
        if isinstance(widget, OptionList):
            yield from _option_pairs(widget, name)
        if isinstance(widget, ArticleView):
            yield from _article_pairs(widget, name)


def _span_styles(prompt) -> Iterator[tuple[str, Style]]:
    if isinstance(prompt, Entry):  # a sidebar entry: the styles of its title and metadata lines
        for n, (_, style) in enumerate(prompt.lines(30)):
            yield f"line {n}", _style(style)
        return
    if not isinstance(prompt, Text):
        return
    base = _style(prompt.style)
    yield "prompt", base
    for span in prompt.spans:
        yield f"span {span.style}", base + _style(span.style)


def _style(style) -> Style:
    if not style:
        return Style()
    return Style.parse(style) if isinstance(style, str) else style


def _option_pairs(widget: OptionList, name: str) -> Iterator[tuple[str, Style]]:
    """Each option's prompt, span by span, on the row style it is drawn with: the chosen row as it
    is drawn (a PanelList draws it through ``chosen_prompt``), every other row as itself and as it
    would be drawn if chosen."""
    rows = {c: widget.get_component_rich_style(c) for c in
            ("option-list--option", "option-list--option-highlighted", "option-list--option-disabled")}
    for i in range(min(widget.option_count, ROWS_CHECKED)):
        option = widget.get_option_at_index(i)
        shown = rows["option-list--option-disabled" if option.disabled else "option-list--option"]
        own = widget.prompts[i] if isinstance(widget, PanelList) and i < len(widget.prompts) else option.prompt
        if i != widget.highlighted:
            for label, style in _span_styles(own):
                yield f"{name} row {i} {label}", shown + style
        if option.disabled:
            continue
        chosen = chosen_prompt(own) if isinstance(widget, PanelList) and isinstance(own, Text) else option.prompt
        for label, style in _span_styles(chosen):
            yield f"{name} chosen row {i} {label}", rows["option-list--option-highlighted"] + style


def _article_pairs(view: ArticleView, name: str) -> Iterator[tuple[str, Style]]:
    base = view.rich_style + view.get_component_rich_style("article-view--text", partial=True)
    current = view.get_component_rich_style("article-view--current", partial=True)
    # Drawn on top of a type's kind, in this order (the cursor last, and never with the flash).
    overlays = ("emphasis", "flash", "cursor")
    kinds = [k for k in KINDS if k not in overlays]
    for kind in ("", *kinds):
        for extra in ((), ("emphasis",), ("flash",), ("emphasis", "flash"), ("cursor",), ("emphasis", "cursor")):
            for cur in (False, True):
                style = base + (current if cur else Style())
                for k in ((kind,) if kind else ()) + extra:
                    style += view.get_component_rich_style(f"article--{k}", partial=True)
                label = "+".join(((kind,) if kind else ("text",)) + extra) + (" (current)" if cur else "")
                yield f"{name} {label}", style
    yield f"{name} fold label", base + Style(dim=True)


def failures(app, system: str, no_color: bool) -> list[str]:
    out = []
    seen = set()
    for where, style in pairs(app):
        colours = drawn(style, SYSTEMS[system], no_color)
        if colours is None:
            continue
        r = ratio(*colours)
        if r < MINIMUM and (where, colours) not in seen:
            seen.add((where, colours))
            out.append(f"{where}: {r:.2f}:1 ({'#%02x%02x%02x' % colours[0]} on {'#%02x%02x%02x' % colours[1]})")
    return out
