"""``qari --terminal-report`` prints foreign text (environment values): no raw control reaches stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_terminal_report_escapes_hostile_environment(tmp_path):
    env = dict(os.environ)
    env.update(
        TERM_PROGRAM="evil\x1b]52;c;UFdOQ0xJUA==\x07",
        TERM="xterm\x9b31m",
        QARI_DATA_DIR=str(tmp_path / "d"),
        QARI_CONFIG_DIR=str(tmp_path / "c"),
        QARI_CACHE_DIR=str(tmp_path / "k"),
    )
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--terminal-report"],
        cwd=ROOT, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode("utf-8", "replace")
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
