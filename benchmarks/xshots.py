"""Screenshots of real terminal emulators under Xvfb (used by ``terminal_matrix.py``).

``shoot(terminal, out_png, command)`` starts its own Xvfb on a free display, runs ``command`` in the
terminal (100x30 cells, DejaVu Sans Mono, black background, configs in a throw-away HOME), waits,
takes a screenshot of the terminal window with ImageMagick ``import`` and then ends only the
processes it started, by pid. The command's environment is the terminal's own (``TERM``,
``KITTY_WINDOW_ID``, ``KONSOLE_VERSION``, ``VTE_VERSION`` …, set by the terminal); the variables of
the shell that runs this script (``TMUX``, ``COLORTERM``, ``TERM_PROGRAM``) are removed first.

kitty and Alacritty draw with OpenGL: under Xvfb they run on Mesa's software renderer
(``LIBGL_ALWAYS_SOFTWARE=1``).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

FONT = "DejaVu Sans Mono"
TERMINALS = ("xterm", "sakura", "mlterm", "kitty", "konsole", "alacritty")
NEEDS = ("Xvfb", "import", "xdotool")


def missing(terminal: str) -> str | None:
    """Why ``terminal`` cannot be shot here, or None."""
    for tool in (*NEEDS, terminal):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


def version(terminal: str) -> str:
    """The installed version, as the package manager reports it (the terminals' own flags differ)."""
    package = {"sakura": "libvte-2.91-0"}.get(terminal, terminal)
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True)
    v = out.stdout.strip() if out.returncode == 0 else "?"
    if terminal == "sakura":
        s = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "sakura"], capture_output=True, text=True)
        return f"sakura {s.stdout.strip()} (VTE {v})"
    return f"{terminal} {v}"


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    found: list[int] = []
    for c in map(int, out):
        found.append(c)
        found.extend(_descendants(c))
    return found


def _kill(pids: list[int]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for p in pids:
            try:
                os.kill(p, sig)
            except ProcessLookupError:
                pass
        time.sleep(0.3)


def _command(terminal: str, home: Path, inner: Path, cols: int, rows: int, size: int,
             extra: list[str]) -> list[str]:
    if terminal == "xterm":
        return ["xterm", "-geometry", f"{cols}x{rows}+0+0", "-fa", FONT, "-fs", str(size), "-u8",
                "-bg", "black", "-fg", "grey90", "-xrm", "XTerm*scrollBar: false", *extra, "-e", str(inner)]
    if terminal == "sakura":
        conf = home / ".config" / "sakura"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "sakura.conf").write_text(
            f"[sakura]\nfont={FONT} {size}\nshow_tab_bar=never\nscrollbar=false\nshow_scrollbar=false\n"
            "closebutton=false\nless_questions=true\n")
        return ["sakura", "-c", str(cols), "-r", str(rows), "-f", f"{FONT} {size}", "-e", str(inner)]
    if terminal == "mlterm":
        (home / ".mlterm").mkdir(parents=True, exist_ok=True)
        (home / ".mlterm" / "aafont").write_text(
            f"DEFAULT = {FONT}\nISO10646_UCS4_1 = {FONT}\nISO10646_UCS4_1_BIDI = {FONT}\n")
        return ["mlterm", "-g", f"{cols}x{rows}+0+0", "-w", str(size + 4), "--type=cairo", "-fg", "grey90",
                "-bg", "black", "--sb=false", "--restart=false", "--logmsg=false", *extra, "-e", str(inner)]
    if terminal == "kitty":
        return ["kitty", "--config", "NONE", "-o", f"font_family={FONT}", "-o", f"font_size={size}",
                "-o", "remember_window_size=no", "-o", f"initial_window_width={cols}c",
                "-o", f"initial_window_height={rows}c", "-o", "window_padding_width=0",
                "-o", "background=#000000", "-o", "foreground=#e5e5e5", "-o", "cursor_blink_interval=0",
                "-o", "enable_audio_bell=no", "-o", "placement_strategy=top-left", "-o", "update_check_interval=0",
                *extra, str(inner)]
    if terminal == "alacritty":
        return ["alacritty", "--config-file", "/dev/null", "-o", f"font.normal.family={FONT}",
                "-o", f"font.size={size}", "-o", f"window.dimensions.columns={cols}",
                "-o", f"window.dimensions.lines={rows}", "-o", "colors.primary.background='#000000'",
                "-o", "colors.primary.foreground='#e5e5e5'", *extra, "-e", str(inner)]
    if terminal == "konsole":
        return ["konsole", "--nofork", "--hide-menubar", "--hide-tabbar", "--separate",
                "-p", f"Font={FONT},{size},-1,5,50,0,0,0,0,0", "-p", f"TerminalColumns={cols}",
                "-p", f"TerminalRows={rows}", "-p", "ColorScheme=WhiteOnBlack", "-p", "ScrollBarPosition=2", *extra, "-e", str(inner)]
    raise ValueError(f"unknown terminal {terminal!r}; one of {', '.join(TERMINALS)}")


def shoot(terminal: str, out: Path, command: list[str], *, cols: int = 100, rows: int = 30, size: int = 12,
          delay: float = 6.0, extra: list[str] | None = None, env: dict[str, str] | None = None,
          keys: str = "") -> Path:
    """Run ``command`` in ``terminal`` and write a screenshot of its window to ``out``."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="qari-xshot-"))
    home = work / "home"
    home.mkdir()
    inner = work / "inner.sh"
    exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in (env or {}).items())
    inner.write_text("#!/bin/bash\n" + exports + shlex.join(command) + "\nexec sleep 86400\n")
    inner.chmod(0o755)
    xvfb = term = None
    try:
        r, w = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1920x1080x24", "-nolisten", "tcp",
                                 "+extension", "GLX", "-noreset"], pass_fds=(w,), stdout=subprocess.DEVNULL,
                                stderr=open(work / "xvfb.log", "wb"))
        os.close(w)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(r, 16)
            if not chunk:
                raise RuntimeError("Xvfb did not start: " + (work / "xvfb.log").read_text()[-500:])
            number += chunk
        os.close(r)
        tenv = {k: v for k, v in os.environ.items()
                if k not in ("TMUX", "TMUX_PANE", "COLORTERM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION",
                             "VTE_VERSION", "KITTY_WINDOW_ID", "KONSOLE_VERSION", "WT_SESSION", "STY")}
        tenv.update(DISPLAY=f":{number.decode().strip()}", LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=str(home),
                    XDG_CONFIG_HOME=str(home / ".config"), XDG_RUNTIME_DIR=str(work),
                    LIBGL_ALWAYS_SOFTWARE="1", NO_AT_BRIDGE="1", GTK_A11Y="none",
                    DBUS_SESSION_BUS_ADDRESS=f"unix:path={work}/no-bus", QT_QPA_PLATFORM="xcb")
        (work / "run").mkdir(mode=0o700)
        tenv["XDG_RUNTIME_DIR"] = str(work / "run")
        argv = _command(terminal, home, inner, cols, rows, size, list(extra or []))
        term = subprocess.Popen(argv, env=tenv, stdout=subprocess.DEVNULL, stderr=open(work / "term.log", "wb"),
                                start_new_session=True)
        wid = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not wid:
            for how in (["--pid", str(term.pid)], ["--class", terminal]):
                found = subprocess.run(["xdotool", "search", "--onlyvisible", *how], env=tenv,
                                       capture_output=True, text=True).stdout.split()
                if found:
                    wid = found[-1]
                    break
            if term.poll() is not None:
                raise RuntimeError(f"{terminal} exited: " + (work / "term.log").read_text()[-800:])
            time.sleep(0.2)
        if not wid:
            raise RuntimeError(f"no {terminal} window appeared: " + (work / "term.log").read_text()[-800:])
        time.sleep(delay)
        if keys:
            subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=tenv, capture_output=True)
            subprocess.run(["xdotool", "key", "--clearmodifiers", *keys.split()], env=tenv, capture_output=True)
            time.sleep(2.0)
        subprocess.run(["import", "-window", wid, str(out)], env=tenv, check=True, capture_output=True)
        return out
    finally:
        if term is not None:
            _kill([*_descendants(term.pid), term.pid])
            term.wait()
        if xvfb is not None:
            _kill([xvfb.pid])
            xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)
