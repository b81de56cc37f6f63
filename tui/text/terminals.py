"""Which terminal Qari runs in, and what it must write there for Arabic to read correctly.

Pure: everything comes in as arguments (the environment, the terminal's XTVERSION answer, the
names of the parent processes, readable config text), so each terminal's case is a unit test.

What each terminal does with the cells Qari writes (screenshots under Xvfb, ``benchmarks/
terminal_matrix.py``; versions in the README's table):

- xterm, urxvt, VTE (after ``ESC[8l``), mlterm (after its ``use_ctl`` switch), WezTerm, mintty:
  draw the cells as written. Qari's own shaping and reordering (``app``) is right.
- kitty shapes each run of non-blank cells of one font face with HarfBuzz and lets HarfBuzz guess
  the run's direction: a run that starts with Arabic is drawn right to left, so text already in
  visual order comes out with every word's letters reversed. kitty has no switch an application can
  send; ``force_ltr yes`` in kitty.conf turns this off. Without it, Qari writes each such run
  reversed (and its brackets mirrored), and kitty's reversal puts it back (:func:`prereverse_runs`).
  Harakat do not survive that round trip (kitty puts a mark a cell off in a right-to-left run), so
  they are hidden there by default.
- Konsole (and QTerminal, both on Qt's text layout) reorder every line when the profile's
  bi-directional rendering is on (the default), and nothing can switch it off from inside.
- Alacritty draws harakat one cell to the right, st drops them, foot loses a lam-alef ligature
  when a haraka goes with it: there harakat are hidden unless asked for (``h`` shows them). In
  Alacritty (0.11) a mark written one cell left of its letter lands on it (:func:`marks_left`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.text import bidi
from tui.text.layout import MODES

if TYPE_CHECKING:  # layout imports nothing from here, but the options are its
    from tui.text.layout import LayoutOptions

# Human names, as the report and the hints print them.
NAMES = {
    "xterm": "xterm", "vte": "VTE", "mlterm": "mlterm", "kitty": "kitty", "konsole": "Konsole",
    "qterminal": "QTerminal", "alacritty": "Alacritty", "st": "st", "foot": "foot", "wezterm": "WezTerm",
    "iterm2": "iTerm2", "apple-terminal": "Terminal.app", "windows-terminal": "Windows Terminal",
    "mintty": "mintty", "urxvt": "urxvt", "putty": "PuTTY", "tmux": "tmux", "screen": "GNU screen",
    "unknown": "an unrecognised terminal",
}
# Parent-process names (local sessions only) → terminal; the environment says more when it is set.
_PROCESSES = {
    "xterm": "xterm", "kitty": "kitty", "konsole": "konsole", "qterminal": "qterminal",
    "alacritty": "alacritty", "st": "st", "foot": "foot", "footclient": "foot", "wezterm-gui": "wezterm",
    "mlterm": "mlterm", "urxvt": "urxvt", "rxvt": "urxvt", "gnome-terminal-": "vte", "sakura": "vte",
    "terminator": "vte", "xfce4-terminal": "vte", "lxterminal": "vte", "tilix": "vte", "mate-terminal": "vte",
    "mintty": "mintty", "putty": "putty",
}
_XTVERSION = (
    (re.compile(r"^kitty\(([^)]*)\)"), "kitty"),
    (re.compile(r"^XTerm\((\d+)\)"), "xterm"),
    (re.compile(r"^Konsole\s+(\S+)"), "konsole"),
    (re.compile(r"^foot\(([^)]*)\)"), "foot"),
    (re.compile(r"^WezTerm\s+(\S+)"), "wezterm"),
    (re.compile(r"^tmux\s+(\S+)"), "tmux"),
    (re.compile(r"^mlterm\(([^)]*)\)"), "mlterm"),
    (re.compile(r"^VTE\(([^)]*)\)"), "vte"),
    (re.compile(r"^iTerm2\s+(\S+)"), "iterm2"),
    (re.compile(r"^(?:alacritty|Alacritty)\s*\(?([^)\s]*)"), "alacritty"),
)
HARAKAT_TROUBLE = {
    "alacritty": "Alacritty draws harakat one cell to the right of their letter",
    "st": "st does not draw harakat",
    "foot": "foot drops a lam-alef when a haraka goes with it",
}
KONSOLE_HINT = ("Konsole mirrors each line: turn off Settings → Edit Current Profile → Advanced → "
                "Bi-Directional text rendering")
QTERMINAL_HINT = "QTerminal mirrors each line: turn off bi-directional text in its preferences"
KITTY_HINT = ("kitty: harakat hidden, kitty's shaper puts them a cell off (h shows them; all exact with "
              "force_ltr yes in kitty.conf and qari --bidi app)")


@dataclass(frozen=True)
class TerminalInfo:
    """What the environment says about the terminal."""

    name: str  # a key of NAMES
    version: str = ""
    evidence: tuple[str, ...] = ()
    multiplexer: str = ""  # "tmux" / "screen" when inside one (the name is then the outer terminal's)
    remote: bool = False  # an SSH session: only what SSH forwards (TERM, LANG) is seen
    force_ltr: bool | None = None  # kitty's force_ltr, when a config that says it could be read

    @property
    def label(self) -> str:
        name = NAMES.get(self.name, self.name)
        return f"{name} {self.version}".strip()


@dataclass(frozen=True)
class Decision:
    """What Qari does there: the reorder mode, kitty's pre-reversed runs, harakat, one hint."""

    bidi: str = "app"
    prereverse: bool = False
    harakat: bool | None = None  # None: the saved setting (or shown); False: hidden by default
    hint: str = ""
    notes: tuple[str, ...] = field(default=())
    marks_left: bool = False  # write each mark one cell left of its letter (Alacritty)


def parse_xtversion(reply: bytes | str | None) -> str | None:
    """The text of an XTVERSION answer (``DCS > | text ST``), or None."""
    if not reply:
        return None
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    m = re.search(r"\x1bP>\|([^\x1b\x07]*)(?:\x1b\\|\x07)", text)
    return m.group(1).strip() if m else None


def _from_xtversion(text: str) -> tuple[str, str] | None:
    for pattern, name in _XTVERSION:
        m = pattern.match(text)
        if m:
            return name, m.group(1)
    return None


def _vte_version(raw: str) -> str:
    # VTE_VERSION is major*10000 + minor*100 + micro (7006 = 0.70.6).
    if not raw.isdigit():
        return raw
    n = int(raw)
    return f"{n // 10000}.{n // 100 % 100}.{n % 100}"


def _konsole_version(raw: str) -> str:
    # KONSOLE_VERSION is yymmpp (221203 = 22.12.3).
    if len(raw) == 6 and raw.isdigit():
        return f"{int(raw[:2])}.{int(raw[2:4])}.{int(raw[4:])}"
    return raw


def detect(environ: Mapping[str, str], xtversion: str | None = None, processes: Sequence[str] = (),
           kitty_config: str | None = None, kitty_cmdline: Sequence[str] = ()) -> TerminalInfo:
    """Name the terminal from the environment, its XTVERSION answer and the parent processes.

    The terminal's own variables decide first (``KITTY_WINDOW_ID``, ``KONSOLE_VERSION``,
    ``VTE_VERSION``, ``WT_SESSION``, ``TERM_PROGRAM``, ``ALACRITTY_*``), then the XTVERSION answer
    (it crosses SSH), then ``TERM``, then the parent processes (local sessions only). Inside tmux the
    outer terminal's variables are those the tmux server inherited: a guess, and said to be one.
    """
    env = environ
    evidence: list[str] = []
    multiplexer = "tmux" if env.get("TMUX") else ("screen" if env.get("STY") else "")
    if multiplexer:
        evidence.append(f"{multiplexer.upper() if multiplexer == 'tmux' else 'STY'} set")
    remote = bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"))
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    name = ""
    version = ""

    def found(n: str, v: str, why: str) -> None:
        nonlocal name, version
        if not name:
            name, version = n, v
            evidence.append(why)

    forced = env.get("QARI_TERMINAL", "").strip().lower()
    if forced in NAMES:  # what detection cannot see (over SSH, or a terminal that sets nothing)
        found(forced, "", f"QARI_TERMINAL={forced}")
    if env.get("KITTY_WINDOW_ID") or env.get("KITTY_PID"):
        found("kitty", "", "KITTY_WINDOW_ID set")
    if env.get("KONSOLE_VERSION"):
        found("konsole", _konsole_version(env["KONSOLE_VERSION"]), f"KONSOLE_VERSION={env['KONSOLE_VERSION']}")
    if env.get("WT_SESSION"):
        found("windows-terminal", "", "WT_SESSION set")
    if env.get("ALACRITTY_WINDOW_ID") or env.get("ALACRITTY_SOCKET") or env.get("ALACRITTY_LOG"):
        found("alacritty", "", "ALACRITTY_* set")
    programs = {"iTerm.app": "iterm2", "Apple_Terminal": "apple-terminal", "WezTerm": "wezterm",
                "mintty": "mintty", "vscode": "vscode"}
    if program in programs and program != "tmux":
        found(programs[program], env.get("TERM_PROGRAM_VERSION", ""), f"TERM_PROGRAM={program}")
    if env.get("VTE_VERSION"):
        found("vte", _vte_version(env["VTE_VERSION"]), f"VTE_VERSION={env['VTE_VERSION']}")
    if env.get("MLTERM"):
        found("mlterm", env["MLTERM"], f"MLTERM={env['MLTERM']}")
    if xtversion:
        known = _from_xtversion(xtversion)
        if known and known[0] != "tmux":
            if name == known[0] and not version:
                version = known[1]
                evidence.append(f"XTVERSION {xtversion}")
            else:
                found(known[0], known[1], f"XTVERSION {xtversion}")
    if env.get("XTERM_VERSION") and not multiplexer:
        m = re.match(r"XTerm\((\d+)\)", env["XTERM_VERSION"])
        found("xterm", m.group(1) if m else "", f"XTERM_VERSION={env['XTERM_VERSION']}")
    by_term = (("xterm-kitty", "kitty"), ("alacritty", "alacritty"), ("st", "st"), ("foot", "foot"),
               ("mlterm", "mlterm"), ("rxvt-unicode", "urxvt"), ("wezterm", "wezterm"), ("putty", "putty"),
               ("konsole", "konsole"))
    for prefix, n in by_term:  # "st" matches st and st-256color, not stterm-like names
        if term == prefix or term.startswith(prefix + "-"):
            found(n, "", f"TERM={term}")
            break
    if not name and not remote and not multiplexer:
        for proc in processes:
            by_proc = _PROCESSES.get(proc) or next((v for k, v in _PROCESSES.items() if k.endswith("-")
                                                    and proc.startswith(k)), None)
            if by_proc:
                found(by_proc, "", f"parent process {proc}")
                break
    if not name:
        name = multiplexer or "unknown"
        evidence.append(f"TERM={term or '(unset)'}")
    force_ltr = None
    if name == "kitty":
        force_ltr = kitty_force_ltr(kitty_config, kitty_cmdline)
    return TerminalInfo(name, version, tuple(evidence), multiplexer, remote, force_ltr)


def kitty_force_ltr(config: str | None, cmdline: Sequence[str] = ()) -> bool | None:
    """kitty's ``force_ltr`` from its command line (``-o force_ltr=yes``) and kitty.conf text, or
    None when neither was readable (over SSH)."""
    value: bool | None = None
    if config is not None:
        value = False
        for line in config.splitlines():
            m = re.match(r"\s*force_ltr\s+(\S+)", line)
            if m:
                value = m.group(1).lower() in ("yes", "y", "true")
    args = list(cmdline)
    for i, arg in enumerate(args):
        if arg in ("-o", "--override"):
            opt = args[i + 1] if i + 1 < len(args) else ""
        elif arg.startswith("--override="):
            opt = arg[len("--override="):]
        elif arg.startswith("-o"):
            opt = arg[2:]
        else:
            continue
        m = re.match(r"force_ltr[=\s]+(\S+)", opt)
        if m:
            value = m.group(1).lower() in ("yes", "y", "true")
    if value is None and args:
        value = False  # the command line was read and had no override; no config file either
    return value


def decide(info: TerminalInfo, konsole_bidi: bool | None = None) -> Decision:
    """What ``--bidi auto`` chooses for ``info``. ``konsole_bidi`` is the profile's
    bi-directional rendering when it could be read (local Konsole), None otherwise."""
    name = info.name
    notes: list[str] = []
    if info.multiplexer:
        outer = "guessed from the inherited environment" if name not in ("tmux", "screen") else "unknown"
        notes.append(f"inside {info.multiplexer}: the outer terminal is {outer}")
    if name == "kitty":
        if info.force_ltr:
            notes.append("kitty's force_ltr is on: cells are drawn as written")
            return Decision("app", False, None, "", tuple(notes))
        notes.append("each right-to-left run is written reversed; kitty's own shaping turns it back")
        return Decision("app", True, False, KITTY_HINT, tuple(notes))
    if name == "konsole":
        if konsole_bidi is False:
            notes.append("the profile's bi-directional rendering is off")
            return Decision("app", False, None, "", tuple(notes))
        return Decision("app", False, None, KONSOLE_HINT, tuple(notes))
    if name == "qterminal":
        return Decision("app", False, None, QTERMINAL_HINT, tuple(notes))
    if name == "alacritty":
        notes.append("harakat, when shown (h), are written one cell left of their letter, which "
                     "Alacritty 0.11 draws in the right place")
        return Decision("app", False, False, "Alacritty: harakat hidden (it draws them a cell off); h shows "
                        "them, placed to land right", tuple(notes), marks_left=True)
    if name in HARAKAT_TROUBLE:
        return Decision("app", False, False, f"{HARAKAT_TROUBLE[name]}: harakat hidden (h shows them)", tuple(notes))
    if name in ("apple-terminal", "putty"):
        hint = f"{NAMES[name]} reorders Arabic itself and has no switch: using --bidi terminal"
        return Decision("terminal", False, None, hint, tuple(notes))
    return Decision("app", False, None, "", tuple(notes))


def report(info: TerminalInfo, decision: Decision, choice: Choice) -> str:
    """The text of ``qari --terminal-report``."""
    lines = [
        f"terminal:   {info.label}" + (f" (inside {info.multiplexer})" if info.multiplexer else "")
        + (" over SSH" if info.remote else ""),
        f"detected:   {', '.join(info.evidence) or 'nothing'}",
        f"bidi:       {choice.bidi} ({choice.bidi_source})"
        + ("; right-to-left runs written reversed for kitty's shaper" if choice.prereverse else ""),
        f"harakat:    {'show' if choice.harakat else 'hide'} ({choice.harakat_source})"
        + ("; when shown, written one cell left of their letter" if choice.marks_left else ""),
    ]
    if info.name == "kitty":
        state = {True: "on", False: "off", None: "unknown (kitty's config is not readable here)"}[info.force_ltr]
        lines.append(f"force_ltr:  {state}")
    for note in decision.notes:
        lines.append(f"note:       {note}")
    lines.append(f"hint:       {choice.hint or '(none)'}")
    return "\n".join(lines) + "\n"


def _strong(glyph: str) -> str:
    for ch in glyph:
        d = unicodedata.bidirectional(ch)
        if d == "L":
            return "L"
        if d in ("R", "AL"):
            return "R"
    return ""


def prereverse_runs(glyphs: Sequence[str], faces: Sequence[object] | None = None) -> list[str]:
    """``glyphs`` (one per cell, visual order) rewritten for kitty: every run of non-blank cells of
    one face (kitty shapes bold and regular cells separately) that holds right-to-left letters and no
    left-to-right ones is reversed, its mirrored characters mirrored back, so that kitty, which draws
    such a run right to left, shows the visual order Qari computed. Colours stay where they are:
    kitty paints a cell's colours at the cell, only the glyphs move. Runs with Latin letters in them
    are left alone (kitty's direction guess is then not reliable)."""
    out = list(glyphs)
    n = len(out)
    i = 0
    while i < n:
        if not out[i].strip():
            i += 1
            continue
        face = faces[i] if faces is not None else None
        j = i
        has_r = has_l = False
        while j < n and out[j].strip() and (faces is None or faces[j] == face):
            s = _strong(out[j])
            has_r |= s == "R"
            has_l |= s == "L"
            j += 1
        if has_r and not has_l and j - i > 1:
            run = out[i:j]
            out[i:j] = [(bidi.mirror(g[0]) or g[0]) + g[1:] if g else g for g in reversed(run)]
        i = j
    return out


BIDI_MODES = MODES  # the layout engine's modes: one list


@dataclass(frozen=True)
class Choice:
    """The settings Qari starts with: the decision, unless the command line or a setting saved in
    this same terminal says otherwise."""

    bidi: str
    prereverse: bool
    harakat: bool
    hint: str
    bidi_source: str
    harakat_source: str
    marks_left: bool = False


def choose(decision: Decision, terminal: str, bidi: str | None = None, harakat: str | None = None,
           saved: Mapping[str, object] | None = None) -> Choice:
    """``bidi``/``harakat`` are the command line's (None or "auto": not given). A saved reorder mode
    or harakat setting applies in the terminal it was chosen in (``bidi_terminal``/
    ``harakat_terminal``; a harakat setting saved before those existed applies everywhere)."""
    saved = saved or {}
    if bidi in BIDI_MODES:
        mode, bidi_source = bidi, "--bidi"
    elif saved.get("bidi") in BIDI_MODES and saved.get("bidi_terminal") == terminal:
        mode, bidi_source = str(saved["bidi"]), "saved in this terminal (r)"
    else:
        mode, bidi_source = decision.bidi, "auto"
    # An explicit --bidi app writes the cells exactly as laid out (kitty with force_ltr).
    prereverse = decision.prereverse and mode == "app" and bidi_source != "--bidi"
    saved_h = saved.get("harakat")
    if harakat in ("show", "hide"):
        show, harakat_source = harakat == "show", "--harakat"
    elif saved_h in ("show", "hide") and saved.get("harakat_terminal", terminal) == terminal:
        show, harakat_source = saved_h == "show", "saved (h)"
    elif decision.harakat is False:
        show, harakat_source = False, "auto: hidden in this terminal"
    else:
        show, harakat_source = True, "default"
    if decision.harakat is False:  # the hint says harakat are hidden: only when they are
        hint = decision.hint if harakat_source.startswith("auto") else ""
    else:  # the hint is about the reorder mode the decision chose
        hint = decision.hint if mode == decision.bidi else ""
    return Choice(mode, prereverse, show, hint, bidi_source, harakat_source,
                  decision.marks_left and mode == "app" and bidi_source != "--bidi")


def marks_left(glyphs: Sequence[str]) -> list[str]:
    """``glyphs`` with each cell's combining marks moved to the cell on its left, for Alacritty,
    which draws a mark one cell to the right of the cell it is written in (checked on 0.11.0 with
    DejaVu Sans Mono: the shadda of البنّاء then sits on its nūn again). The marks of the first
    cell are written before its letter, so they join whatever cell the line is written after (the
    blank margin or indent on Qari's screens)."""
    out = list(glyphs)
    for i, g in enumerate(glyphs):  # the original cells: each mark moves exactly once
        if len(g) > 1 and not unicodedata.combining(g[0]):
            out[i] = g[0]  # cell i + 1 moves its marks in only after this
            if i:
                out[i - 1] = out[i - 1] + g[1:]
            else:
                out[0] = g[1:] + out[0]
    return out


def for_terminal(glyphs: Sequence[str], options: LayoutOptions, faces: Sequence[object] | None = None,
                 prereverse: bool | None = None) -> Sequence[str]:
    """The cells a line's ``glyphs`` (visual order) are written as in this terminal: unchanged,
    kitty's pre-reversed runs, or Alacritty's marks one cell left (``options`` is a LayoutOptions;
    ``prereverse=False`` when the caller reverses runs over a wider row itself)."""
    if options.mode != "app":
        return glyphs
    if options.prereverse if prereverse is None else prereverse:
        glyphs = prereverse_runs(glyphs, faces)
    if options.marks_left and options.harakat:
        glyphs = marks_left(glyphs)
    return glyphs


def split_cells(text: str) -> list[str]:
    """``text`` cut into cells: each character with the combining marks and zero-width characters
    that follow it (they belong to its cell on a terminal)."""
    cells: list[str] = []
    for ch in text:
        if cells and (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")):
            cells[-1] += ch
        else:
            cells.append(ch)
    return cells
