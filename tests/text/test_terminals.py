"""Terminal detection and what ``--bidi auto`` decides, one environment per terminal.

The environments are those the terminals set themselves (read inside each one under Xvfb:
xterm 379, sakura/VTE 0.70.6, mlterm 3.9.0, kitty 0.26.5, Konsole 22.12.3, Alacritty 0.11.0),
with the XTVERSION answers they gave.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.store import terminal_facts
from tui.text.layout import LayoutOptions
from tui.text.terminals import (
    KONSOLE_HINT,
    Decision,
    choose,
    decide,
    detect,
    for_terminal,
    kitty_force_ltr,
    marks_left,
    parse_xtversion,
    prereverse_runs,
    report,
)

# (environment, XTVERSION answer or None, expected name, expected version)
SEEN = {
    "xterm": ({"TERM": "xterm", "XTERM_VERSION": "XTerm(379)"}, "XTerm(379)", "xterm", "379"),
    "vte": ({"TERM": "xterm-256color", "VTE_VERSION": "7006", "COLORTERM": "truecolor"}, None, "vte", "0.70.6"),
    "mlterm": ({"TERM": "mlterm", "MLTERM": "3.9.0"}, None, "mlterm", "3.9.0"),
    "kitty": ({"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1", "KITTY_PID": "15788"}, "kitty(0.26.5)",
              "kitty", "0.26.5"),
    "konsole": ({"TERM": "xterm-256color", "KONSOLE_VERSION": "221203"}, "Konsole 22.12.3", "konsole", "22.12.3"),
    "alacritty": ({"TERM": "alacritty", "ALACRITTY_SOCKET": "/tmp/a.sock", "ALACRITTY_WINDOW_ID": "2"}, None,
                  "alacritty", ""),
    "st": ({"TERM": "st-256color"}, None, "st", ""),
    "foot": ({"TERM": "foot"}, "foot(1.13.1)", "foot", "1.13.1"),
    "wezterm": ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm", "TERM_PROGRAM_VERSION": "20230712"}, None,
                "wezterm", "20230712"),
    "apple": ({"TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}, None, "apple-terminal", ""),
    "windows": ({"TERM": "xterm-256color", "WT_SESSION": "abc"}, None, "windows-terminal", ""),
    "iterm2": ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, None, "iterm2", ""),
}


@pytest.mark.parametrize("case", sorted(SEEN))
def test_each_terminal_is_named_from_what_it_sets(case: str) -> None:
    env, xtversion, name, version = SEEN[case]
    info = detect(env, xtversion)
    assert (info.name, info.version) == (name, version)
    assert info.evidence, "the report must say what the name came from"


def test_xtversion_alone_names_the_terminal_over_ssh() -> None:
    # SSH forwards TERM (and LANG) only; the terminal still answers XTVERSION through it.
    ssh = {"TERM": "xterm-256color", "SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"}
    info = detect(ssh, parse_xtversion(b"\x1bP>|Konsole 22.12.3\x1b\\"))
    assert (info.name, info.version, info.remote) == ("konsole", "22.12.3", True)
    assert detect(ssh, None).name == "unknown"
    # Parent processes say nothing about the terminal over SSH (they are sshd and a shell).
    assert detect(ssh, None, processes=["bash", "sshd", "kitty"]).name == "unknown"


def test_qari_terminal_names_it_when_nothing_else_can() -> None:
    ssh = {"TERM": "xterm-256color", "SSH_CONNECTION": "x", "QARI_TERMINAL": "kitty"}
    assert detect(ssh, None).name == "kitty"
    assert detect({"QARI_TERMINAL": "nonsense", "TERM": "foot"}, None).name == "foot"


def test_parent_processes_name_a_local_terminal_that_sets_nothing() -> None:
    assert detect({"TERM": "xterm-256color"}, None, processes=["bash", "qterminal"]).name == "qterminal"
    assert detect({"TERM": "xterm-256color"}, None, processes=["bash", "gnome-terminal-server"]).name == "vte"


def test_inside_tmux_the_outer_terminal_is_a_guess_and_tmux_own_answer_is_ignored() -> None:
    env = {"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "3"}
    info = detect(env, "tmux 3.3a")
    assert (info.name, info.multiplexer) == ("kitty", "tmux")
    assert any("guessed" in n for n in decide(info).notes)
    bare = detect({"TERM": "screen", "TMUX": "x"}, "tmux 3.3a")
    assert bare.name == "tmux" and decide(bare).bidi == "app"


def test_parse_xtversion_reads_only_a_dcs_answer() -> None:
    assert parse_xtversion(b"\x1bP>|XTerm(379)\x1b\\\x1b[?69;2$y\x1b[?64;1c") == "XTerm(379)"
    assert parse_xtversion(b"\x1b[?69;4$y\x1b[?65;1;9c") is None  # VTE: no answer
    assert parse_xtversion(None) is None


@pytest.mark.parametrize("case, bidi, prereverse, harakat, hint", [
    ("xterm", "app", False, None, ""),
    ("vte", "app", False, None, ""),
    ("mlterm", "app", False, None, ""),
    ("kitty", "app", True, False, "force_ltr yes"),
    ("konsole", "app", False, None, "Bi-Directional text rendering"),
    ("alacritty", "app", False, False, "h shows them"),
    ("st", "app", False, False, "h shows them"),
    ("foot", "app", False, False, "lam-alef"),
    ("apple", "terminal", False, None, "--bidi terminal"),
    ("windows", "app", False, None, ""),
])
def test_auto_decides_per_terminal(case, bidi, prereverse, harakat, hint) -> None:
    env, xtversion, _, _ = SEEN[case]
    d = decide(detect(env, xtversion, kitty_config=""))
    assert (d.bidi, d.prereverse, d.harakat) == (bidi, prereverse, harakat)
    assert (hint in d.hint) if hint else d.hint == ""
    assert "\n" not in d.hint and len(d.hint) < 160, "the hint is one line"


def test_kitty_force_ltr_from_its_command_line_or_config_turns_the_reversal_off() -> None:
    assert kitty_force_ltr(None, ["kitty", "-o", "force_ltr=yes"]) is True
    assert kitty_force_ltr(None, ["kitty", "--override=force_ltr=yes"]) is True
    assert kitty_force_ltr("font_size 12\nforce_ltr yes\n", []) is True
    assert kitty_force_ltr("force_ltr no\n", ["kitty"]) is False
    assert kitty_force_ltr(None, []) is None  # over SSH: nothing readable
    env = SEEN["kitty"][0]
    forced = decide(detect(env, None, kitty_config="force_ltr yes\n"))
    assert (forced.prereverse, forced.harakat, forced.hint) == (False, None, "")


def test_konsole_with_bidi_rendering_off_in_its_profile_gets_no_hint() -> None:
    info = detect(SEEN["konsole"][0], None)
    assert decide(info, konsole_bidi=False).hint == ""
    assert decide(info, konsole_bidi=True).hint == KONSOLE_HINT
    assert decide(info, konsole_bidi=None).hint == KONSOLE_HINT


def test_konsole_profile_is_read_from_konsolerc(tmp_path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data")}
    assert terminal_facts.konsole_bidi(env) is True  # no config at all: Konsole's default
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "konsolerc").write_text("[Desktop Entry]\nDefaultProfile=Reader.profile\n")
    (tmp_path / "data" / "konsole").mkdir(parents=True)
    (tmp_path / "data" / "konsole" / "Reader.profile").write_text(
        "[General]\nName=Reader\n\n[Terminal Features]\nBidiRenderingEnabled=false\n")
    assert terminal_facts.konsole_bidi(env) is False


def test_choose_command_line_then_setting_saved_in_this_terminal_then_auto() -> None:
    kitty = Decision("app", True, False, "kitty hint")
    auto = choose(kitty, "kitty")
    assert (auto.bidi, auto.prereverse, auto.harakat, auto.hint) == ("app", True, False, "kitty hint")
    # --bidi app is the escape hatch for a force_ltr kitty: cells exactly as laid out.
    assert choose(kitty, "kitty", bidi="app").prereverse is False
    # Harakat shown on request: then the hint that says they are hidden is not shown.
    shown = choose(kitty, "kitty", harakat="show")
    assert shown.harakat and shown.hint == ""
    assert choose(kitty, "kitty", saved={"harakat": "show", "harakat_terminal": "kitty"}).harakat is True
    assert choose(kitty, "kitty", saved={"harakat": "show", "harakat_terminal": "xterm"}).harakat is False
    # A reorder mode saved in another terminal does not follow the user into this one.
    saved = {"bidi": "terminal", "bidi_terminal": "konsole"}
    assert choose(Decision(), "xterm", saved=saved).bidi == "app"
    assert choose(Decision(), "konsole", saved=saved).bidi == "terminal"


def test_report_says_what_was_detected_and_chosen() -> None:
    env, xtversion, _, _ = SEEN["alacritty"]
    info = detect(env, xtversion)
    d = decide(info)
    text = report(info, d, choose(d, info.name))
    assert "Alacritty" in text and "ALACRITTY_* set" in text
    assert "harakat:    hide (auto" in text and "h shows them" in text


def _strip_marks(glyphs):
    return ["".join(ch for ch in g if not ch.isspace()) for g in glyphs]


def test_prereverse_reverses_each_rtl_run_and_mirrors_its_brackets() -> None:
    # Visual cells for «(بوتين) قال 2025» laid out for a left-to-right terminal.
    cells = list("ﻝﺎﻗ (ﻦﻴﺗﻮﺑ)")
    out = prereverse_runs(cells)
    assert "".join(out) == "ﻗﺎﻝ (ﺑﻮﺗﻴﻦ)"[:0] + "ﻗﺎﻝ " + "(" + "ﺑﻮﺗﻴﻦ" + ")"
    # kitty draws a right-to-left run reversed with its brackets mirrored: that gives the input back.
    def kitty(glyphs):
        return prereverse_runs(glyphs)
    assert kitty(out) == cells


def test_prereverse_leaves_latin_and_digit_runs_and_splits_at_face_changes() -> None:
    cells = list("2025 abc ﻦﻴﺗﻮﺑﻭ")
    faces = ["r"] * 9 + ["b"] * 5 + ["r"]
    out = prereverse_runs(cells, faces)
    assert out[:9] == cells[:9]
    assert out[9:14] == cells[9:14][::-1]  # the bold name alone
    assert out[14] == cells[14]  # the regular و clitic is a run of its own
    # A cell keeps its marks when it moves.
    assert prereverse_runs(["ﺏ\u0651", "ﺕ"]) == ["ﺕ", "ﺏ\u0651"]


def test_terminal_report_runs_without_a_tty(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "TERM": "alacritty", "HOME": str(tmp_path),
           "QARI_DATA_DIR": str(tmp_path / "d"), "QARI_CONFIG_DIR": str(tmp_path / "c"),
           "QARI_CACHE_DIR": str(tmp_path / "k")}
    out = subprocess.run([sys.executable, "-m", "tui", "--terminal-report"], env=env, capture_output=True,
                         text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("terminal:   Alacritty") and "hint:" in out.stdout


def test_alacritty_marks_go_one_cell_left_only_when_harakat_are_shown() -> None:
    # Visual cells of البنّاء: the shadda is on the nūn (third cell from the left).
    cells = ["\ufe80", "\ufe8e", "\ufee8\u0651", "\ufe92", "\ufedf", "\ufe8d"]
    moved = marks_left(cells)
    assert moved[1] == "\ufe8e\u0651" and moved[2] == "\ufee8"
    assert "".join(moved).replace("\u0651", "") == "".join(cells).replace("\u0651", "")
    # The first cell's marks go before it: they join the cell the line is written after.
    assert marks_left(["\ufefc\u064b", "\ufea9"]) == ["\u064b\ufefc", "\ufea9"]
    # Two marked cells side by side: each mark moves exactly one cell.
    assert marks_left(["\ufe8e", "\ufe92\u064e", "\ufee8\u0651"]) == ["\ufe8e\u064e", "\ufe92\u0651", "\ufee8"]
    d = decide(detect(SEEN["alacritty"][0], None))
    c = choose(d, "alacritty")
    assert d.marks_left and c.marks_left and not c.harakat
    shown = LayoutOptions(harakat=True, marks_left=True)
    assert list(for_terminal(cells, shown)) == moved
    assert list(for_terminal(cells, LayoutOptions(harakat=True, marks_left=True, mode="terminal"))) == cells
    assert choose(d, "alacritty", bidi="app").marks_left is False  # --bidi app: cells as laid out
