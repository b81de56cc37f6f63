"""Qari's two themes. Colours live here and in Textual variables only; widgets use ``$variables``.

Every text/background pair Qari draws reads at 4.5:1 (WCAG AA) in truecolor and after Rich's
downgrade to 256 and 16 colours (``tests/ui/test_contrast.py`` walks the real styles). Two things
follow from the 16-colour palette Rich matches against (VGA): on the dark theme most colours here
become grey 7 (places stay green 10: events would otherwise look like places), and the panel background must stay below
#2c2c2c to become black rather than grey 8, on which dim text falls under 4.5:1. The chosen row of a
list is dark text on the primary colour, and its prompt is drawn without its own colours (see
``PanelList``), so nothing baked into a row can sink into the cursor.
"""

from __future__ import annotations

from textual.theme import Theme

QARI_DARK = Theme(
    name="qari-dark",
    primary="#5fafd7",
    secondary="#87d75f",
    accent="#d7af5f",
    foreground="#e4e4e4",
    background="#1c1c1c",
    surface="#262626",
    panel="#2a2a2a",
    success="#87af5f",
    warning="#d7af5f",
    error="#ff8787",
    dark=True,
    variables={
        "footer-key-foreground": "#d7af5f",
        "block-cursor-foreground": "#1c1c1c",
        "block-cursor-background": "#5fafd7",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#e4e4e4",
        "block-cursor-blurred-background": "#4e4e4e",
        "block-cursor-blurred-text-style": "bold",
        "screen-selection-foreground": "#1c1c1c",
        "screen-selection-background": "#87afd7",
        "input-selection-background": "#5fafd7 40%",
    },
)

QARI_LIGHT = Theme(
    name="qari-light",
    primary="#005f87",
    secondary="#4e7000",
    accent="#9c5400",
    foreground="#1c1c1c",
    background="#fafaf5",
    surface="#eeeeea",
    panel="#e4e4de",
    success="#3f6b00",
    warning="#8a4b00",
    error="#af0000",
    dark=False,
    variables={
        "footer-key-foreground": "#005f87",
        "block-cursor-foreground": "#fafaf5",
        "block-cursor-background": "#005f87",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#1c1c1c",
        "block-cursor-blurred-background": "#c6c6c0",
        "block-cursor-blurred-text-style": "bold",
        "screen-selection-foreground": "#fafaf5",
        "screen-selection-background": "#005f87",
    },
)

THEMES = (QARI_DARK, QARI_LIGHT)
DEFAULT_THEME = QARI_DARK.name
