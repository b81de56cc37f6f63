"""Nothing Qari prints reaches the terminal as a control or escape sequence, and the reader never
starts without a terminal.

Real processes (``python -m tui``) against a folder holding a file whose *name* is an attack:
``f_<C1 CSI>31m_<ESC>]52;c;…<BEL>.unknownext`` sets the clipboard when printed raw. stderr, stdout
rows (``--repairs``) and the JSON document (``--json``) are checked byte by byte.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import embedded_corpus_dir
from tui.text.sanitize import json_terminal_safe, terminal_safe

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_NAME = "f_\x9b31m_\x1b]52;c;UFdOQ0xJUA==\x07.unknownext"
SHOWN_NAME = "f_\ufffd31m_\u241b]52;c;UFdOQ0xJUA==\u2407.unknownext"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# What no byte stream Qari writes may hold: C0 but LF/TAB (ESC, BEL, …), DEL, C1 as UTF-8 (U+0080–
# U+009F), and the bidi controls as UTF-8.
RAW_BAD = [bytes([c]) for c in range(0x20) if c not in (0x09, 0x0A)] + [b"\x7f"]
RAW_BAD += [chr(c).encode() for c in range(0x80, 0xA0)] + [ch.encode() for ch in BIDI]


def raw_bad(data: bytes) -> list[bytes]:
    return [b for b in RAW_BAD if b in data]


def qari(*args: str, env_dir: Path, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, QARI_DATA_DIR=str(env_dir / "data"), QARI_CONFIG_DIR=str(env_dir / "config"),
               QARI_CACHE_DIR=str(env_dir / "cache"))
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, env=env, capture_output=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, **kw)


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    d = tmp_path / "dir"
    d.mkdir()
    (d / HOSTILE_NAME).write_text("x", encoding="utf-8")
    return d


# -- the sanitiser itself --------------------------------------------------------------------------

def test_terminal_safe_policy() -> None:
    assert terminal_safe(HOSTILE_NAME) == SHOWN_NAME
    assert terminal_safe("a\nb\tc\r") == "a\u240ab\u2409c\u240d"
    assert terminal_safe("a\r\nb\tc", multiline=True) == "a\nb\tc"
    assert terminal_safe("gpj\u202eexe.txt") == "gpj\u2194exe.txt"  # the override is undone, and marked
    assert terminal_safe("\u200fبوتين\u2067x\u2069\ufeff") == "بوتينx"
    assert terminal_safe("bad \udcff byte") == "bad \ufffd byte"
    assert terminal_safe("عنوان [/red] ﻻ ✓") == "عنوان [/red] ﻻ ✓"  # printable text is untouched


@settings(max_examples=300, deadline=None)
@given(text=st.text(), multiline=st.booleans())
def test_terminal_safe_output_holds_nothing_a_terminal_acts_on(text: str, multiline: bool) -> None:
    out = terminal_safe(text, multiline=multiline)
    for ch in out:
        assert unicodedata.category(ch) not in ("Cc", "Cs") or (multiline and ch in "\n\t"), repr(ch)
        assert ch not in BIDI and ch not in "\u2028\u2029\ufeff", repr(ch)
    assert terminal_safe(out, multiline=multiline) == out  # idempotent
    out.encode("utf-8")  # encodable: lone surrogates are gone


@settings(max_examples=300, deadline=None)
@given(value=st.recursive(st.text() | st.integers() | st.none(),
                          lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4),
                          max_leaves=12))
def test_json_escaping_is_lossless_and_safe(value) -> None:
    doc = json_terminal_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(doc) == value
    assert not raw_bad(doc.encode("utf-8")) and not any("\ud800" <= c <= "\udfff" for c in doc)


# -- real processes ---------------------------------------------------------------------------------

def test_analyze_json_writes_the_hostile_name_harmlessly(hostile_dir: Path, tmp_path: Path) -> None:
    shutil.copy(embedded_corpus_dir() / "000_09e1d80d0ae30e8d.txt", hostile_dir / "ok\u202e\x9b.txt")
    text = "نص \x1b]0;title\x07 فيه \x9b31m و\u202eevil\u202c سطر\u2028ثان.\n"
    (hostile_dir / "controls.txt").write_text("عنوان\n\n" + text, encoding="utf-8")
    out = qari("analyze", str(hostile_dir), "--json", env_dir=tmp_path)
    assert out.returncode == 0, out.stderr.decode()
    assert not raw_bad(out.stderr), out.stderr
    assert not raw_bad(out.stdout), raw_bad(out.stdout)
    err = out.stderr.decode("utf-8")
    assert err == f"qari analyze: skipped {hostile_dir}/{SHOWN_NAME}: unsupported file type .unknownext\n"
    doc = json.loads(out.stdout)  # the same data for a JSON reader: escapes, not losses
    by_path = {a["path"]: a for a in doc["articles"]}
    assert str(hostile_dir / "ok\u202e\x9b.txt") in by_path
    assert text in by_path[str(hostile_dir / "controls.txt")]["text"]
    assert b"\\u009b" in out.stdout and b"\\u202e" in out.stdout


def test_analyze_repairs_rows_start_with_a_safe_path(tmp_path: Path) -> None:
    d = tmp_path / "pdf"
    d.mkdir()
    name = "x\x1b]0;pwned\x07.txt"
    shutil.copy(embedded_corpus_dir() / "002_f42cc997617dfbe4.txt", d / name)
    out = qari("analyze", str(d), "--repairs", env_dir=tmp_path)
    assert out.returncode == 0, out.stderr.decode()
    rows = out.stdout.decode("utf-8").splitlines()
    assert len(rows) > 100  # corpus/002 is a PDF extraction with hundreds of repairs
    assert not raw_bad(out.stdout) and not raw_bad(out.stderr)
    assert all(row.startswith(f"{d}/x\u241b]0;pwned\u2407.txt\t") for row in rows)


def test_reader_messages_are_safe_and_need_a_terminal(hostile_dir: Path, tmp_path: Path) -> None:
    """Under a pty (a terminal): a folder with nothing readable is one safe line, exit 2."""
    master, slave = os.openpty()
    env = dict(os.environ, QARI_DATA_DIR=str(tmp_path / "d"), QARI_CONFIG_DIR=str(tmp_path / "c"),
               QARI_CACHE_DIR=str(tmp_path / "k"), TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "tui", str(hostile_dir)], cwd=ROOT, env=env,
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    data = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the pty
                break
            if not chunk:
                break
            data += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    assert proc.wait(timeout=30) == 2
    text = data.decode("utf-8").replace("\r\n", "\n")
    assert text == f"qari: {hostile_dir}/{SHOWN_NAME}: unsupported file type .unknownext\n"


def test_no_terminal_is_refused_in_one_line(tmp_path: Path) -> None:
    """stdout a pipe: the full interface used to start in it and spin at 99 % CPU."""
    out = qari(env_dir=tmp_path, timeout=60)
    assert out.returncode == 2
    assert out.stdout == b""
    err = out.stderr.decode()
    assert err.count("\n") == 1 and "not a terminal" in err and "qari analyze" in err


def test_what_only_prints_still_works_in_a_pipe(tmp_path: Path) -> None:
    assert qari("--version", env_dir=tmp_path).stdout.startswith(b"qari ")
    assert b"usage: qari" in qari("--help", env_dir=tmp_path).stdout
    assert qari("analyze", "--help", env_dir=tmp_path).returncode == 0


@pytest.mark.parametrize("theme", ["nope", "[/red]"])
def test_an_unknown_theme_is_a_usage_error(tmp_path: Path, theme: str) -> None:
    out = qari("--theme", theme, env_dir=tmp_path, timeout=60)
    assert out.returncode == 2 and out.stdout == b""
    last = out.stderr.decode().strip().splitlines()[-1]
    assert last.startswith(f"qari: error: argument --theme: invalid choice: '{theme}'")


def test_argument_errors_quote_what_was_given_safely(tmp_path: Path) -> None:
    out = qari("--\x1b]0;pwned\x07", env_dir=tmp_path, timeout=60)
    assert out.returncode == 2 and not raw_bad(out.stderr)
    assert "--\u241b]0;pwned\u2407" in out.stderr.decode()
