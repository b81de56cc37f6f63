"""qari in a real pty: the right glyphs in the right order reach the screen, keys work, exit is clean.

The expected strings below were derived by hand, letter by letter, from the Unicode joining rules
(not computed by Qari's engine): e.g. «يشهد مسار» is ي-initial ش-medial ه-medial د-final,
م-initial س-medial ا-final ر-isolated, then the whole run is reversed for a left-to-right screen.
"""

from __future__ import annotations

import pytest

from .conftest import qari_command

pytestmark = pytest.mark.e2e

# First words of corpus/000, as a person reading the screen left to right sees them.
FIRST_WORDS_VISUAL = "\ufead\ufe8e\ufeb4\ufee3 \ufeaa\ufeec\ufeb8\ufef3"  # ﺭﺎﺴﻣ ﺪﻬﺸﻳ  = «يشهد مسار»
FIRST_WORDS_LOGICAL = "يشهد مسار"
# «مع عودة», the first words of corpus/001's body (م-initial ع-final, ع-initial و-final د ة isolated).
BODY_001_VISUAL = "\ufe93\ufea9\ufeee\ufecb \ufeca\ufee3"
# In --bidi terminal mode: shaped, but left in logical order for a terminal that reorders itself.
FIRST_WORDS_SHAPED_LOGICAL = "\ufef3\ufeb8\ufeec\ufeaa \ufee3\ufeb4\ufe8e\ufead"
# «ترمب» (spelled without alef: ت-initial ر-final م-initial ب-final) appears only in the pull quote
# near the end of corpus/000.
LAST_PARAGRAPH_WORD = "\ufe90\ufee3\ufeae\ufe97"


def test_first_article_reads_correctly_and_keys_move(tmux) -> None:
    pane = tmux(qari_command(), width=100, height=30)
    screen = pane.wait_for(lambda s: FIRST_WORDS_VISUAL in s)
    assert FIRST_WORDS_LOGICAL not in screen, "logical (unreordered) Arabic reached the screen"

    assert LAST_PARAGRAPH_WORD not in screen
    pane.send("G")
    pane.wait_for(lambda s: LAST_PARAGRAPH_WORD in s)
    pane.send("g")
    pane.wait_for(lambda s: LAST_PARAGRAPH_WORD not in s)

    pane.send("J")  # next article: corpus/001 with its caption line
    pane.wait_for(lambda s: BODY_001_VISUAL in s)
    pane.send("K")
    pane.wait_for(lambda s: FIRST_WORDS_VISUAL in s)


def test_quitting_restores_implicit_bidi_mode(tmux) -> None:
    pane = tmux(qari_command(), width=100, height=30)
    pane.wait_for(lambda s: FIRST_WORDS_VISUAL in s)
    pane.send("q")
    pane.wait_for(lambda s: FIRST_WORDS_VISUAL not in s)
    pane.wait_for(lambda s: not pane.alive())  # the last bytes come after the screen is restored
    out = pane.output_bytes()
    assert b"\x1b[8l" in out, "explicit mode (BDSM reset) was never sent"
    assert out.rfind(b"\x1b[8h") > out.rfind(b"\x1b[8l"), "implicit mode not restored on exit"


@pytest.mark.parametrize(
    "env",
    [{"TERM": "xterm-256color"}, {"TERM": "xterm"}, {"NO_COLOR": "1"}, {"TERM": "screen"}],
    ids=["256", "xterm16", "no-color", "screen"],
)
def test_text_reads_correctly_in_every_colour_setting(tmux, env) -> None:
    pane = tmux(qari_command(), width=60, height=20, env=env)
    pane.wait_for(lambda s: FIRST_WORDS_VISUAL in s)


def test_terminal_mode_leaves_order_to_the_terminal(tmux) -> None:
    pane = tmux(qari_command("--bidi", "terminal"), width=100, height=30)
    pane.wait_for(lambda s: FIRST_WORDS_SHAPED_LOGICAL in s)
    assert b"\x1b[8l" not in pane.output_bytes()


def test_over_a_real_ssh_session(tmux, sshd) -> None:
    remote = "cd {root} && QARI_DATA_DIR={data} LANG=C.UTF-8 {cmd}".format(
        root=__import__("shlex").quote(str(__import__("pathlib").Path(__file__).resolve().parents[2])),
        data="$(mktemp -d)",
        cmd=qari_command(),
    )
    pane = tmux(sshd(remote), width=100, height=30)
    pane.wait_for(lambda s: FIRST_WORDS_VISUAL in s, timeout=40)
    pane.send("J")
    pane.wait_for(lambda s: BODY_001_VISUAL in s)
    pane.send("q")
    pane.wait_for(lambda s: BODY_001_VISUAL not in s)
