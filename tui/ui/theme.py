"""Qari's two themes. Colours live here and in Textual variables only; widgets use ``$variables``.

Chosen so that the 256- and 16-colour approximations Textual makes stay readable: strong
foreground/background contrast, and an accent that differs from the text in hue *and* lightness.
"""

from __future__ import annotations

from textual.theme import Theme

QARI_DARK = Theme(
    name="qari-dark",
    primary="#5fafd7",
    secondary="#87af87",
    accent="#d7af5f",
    foreground="#e4e4e4",
    background="#1c1c1c",
    surface="#262626",
    panel="#303030",
    success="#87af5f",
    warning="#d7af5f",
    error="#d75f5f",
    dark=True,
    variables={"footer-key-foreground": "#d7af5f", "block-cursor-text-style": "bold"},
)

QARI_LIGHT = Theme(
    name="qari-light",
    primary="#005f87",
    secondary="#5f8700",
    accent="#af5f00",
    foreground="#1c1c1c",
    background="#fafaf5",
    surface="#eeeeea",
    panel="#e4e4de",
    success="#5f8700",
    warning="#af5f00",
    error="#af0000",
    dark=False,
    variables={"footer-key-foreground": "#af5f00", "block-cursor-text-style": "bold"},
)

THEMES = (QARI_DARK, QARI_LIGHT)
DEFAULT_THEME = QARI_DARK.name
