"""Settings saved in the reading state: checked on start, each wrong one named and replaced."""

from __future__ import annotations

from tui.text.layout import MODES

SIDEBAR_SIDES = ("auto", "left", "right")
WIDTHS = (30, 400)  # the text column's width, least and most
DEFAULT_WIDTH = 100
_SETTINGS: dict[str, tuple[tuple[str, ...], str]] = {
    "bidi": (MODES, "app"), "harakat": (("show", "hide"), "show"), "sidebar": (SIDEBAR_SIDES, "auto"),
}


def check_settings(saved: dict[str, object], default_theme: str) -> list[str]:
    """A wrong saved setting is replaced by its default and named, in one line (it is saved
    corrected, so it is reported once)."""
    wrong = []
    for name, (allowed, default) in _SETTINGS.items():
        if name in saved and saved[name] not in allowed:
            wrong.append(f"{name}={shown(saved[name])} is not {' or '.join(allowed)}")
            saved[name] = default
    if "max_width" in saved and clamp_int(saved["max_width"], -1, *WIDTHS) == -1:
        wrong.append(f"max_width={shown(saved['max_width'])} is not a number from {WIDTHS[0]} to {WIDTHS[1]}")
        saved["max_width"] = DEFAULT_WIDTH
    if "theme" in saved and not isinstance(saved["theme"], str):
        wrong.append(f"theme={shown(saved['theme'])} is not a theme name")
        saved["theme"] = default_theme
    return [f"Reading state: {'; '.join(wrong)}; using the default."] if wrong else []


def shown(value: object, limit: int = 40) -> str:
    """``value`` as a message names it: its repr, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pick(value: object, allowed: tuple[str, ...], default: str) -> str:
    return value if isinstance(value, str) and value in allowed else default


def clamp_int(value: object, default: int, lo: int, hi: int) -> int:
    """``value`` if it is an int from ``lo`` to ``hi`` (a bool is not), else ``default``."""
    return value if isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi else default
