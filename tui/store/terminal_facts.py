"""What this machine says about the terminal beyond the environment: parent process names, kitty's
command line and kitty.conf (``force_ltr``), Konsole's default profile (bi-directional rendering).

All local reads, each allowed to fail: over SSH, in a container or on another OS there is simply
less to go on, and :func:`tui.text.terminals.detect` decides from what there is.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from pathlib import Path

from tui.text.terminals import Decision, TerminalInfo, decide, detect


def parent_processes(limit: int = 12) -> list[str]:
    """Names (``comm``) of this process's ancestors, nearest first; empty where /proc is absent."""
    names: list[str] = []
    pid = os.getppid()
    while pid > 1 and len(names) < limit:
        try:
            names.append(Path(f"/proc/{pid}/comm").read_text().strip())
            stat = Path(f"/proc/{pid}/stat").read_text()
            pid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return names


def _read(path: Path) -> str | None:
    try:
        if path.stat().st_size > 1_000_000:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _home(env: Mapping[str, str]) -> Path:
    return Path(env.get("HOME") or os.path.expanduser("~"))


def kitty_config(env: Mapping[str, str]) -> str | None:
    """The text of kitty.conf where kitty looks for it first, or None."""
    base = env.get("KITTY_CONFIG_DIRECTORY") or os.path.join(
        env.get("XDG_CONFIG_HOME") or str(_home(env) / ".config"), "kitty")
    return _read(Path(base) / "kitty.conf")


def kitty_cmdline(env: Mapping[str, str]) -> list[str]:
    pid = env.get("KITTY_PID", "")
    if not pid.isdigit():
        return []
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [a.decode("utf-8", "replace") for a in raw.split(b"\0") if a]


def konsole_bidi(env: Mapping[str, str]) -> bool | None:
    """Bi-directional rendering of Konsole's default profile: False when the profile turns it off,
    True when it is on (Konsole's default, also with no profile file), None when unreadable."""
    config = Path(env.get("XDG_CONFIG_HOME") or _home(env) / ".config")
    data = Path(env.get("XDG_DATA_HOME") or _home(env) / ".local" / "share")
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    text = _read(config / "konsolerc")
    if text is None:
        return True if not config.exists() else None
    try:
        parser.read_string(text)
        profile = parser.get("Desktop Entry", "DefaultProfile", fallback="")
    except configparser.Error:
        return None
    if not profile:
        return True
    text = _read(data / "konsole" / profile)
    if text is None:
        return None
    profile_parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        profile_parser.read_string(text)
        value = profile_parser.get("Terminal Features", "BidiRenderingEnabled", fallback="true")
    except configparser.Error:
        return None
    return value.strip().lower() not in ("false", "0", "no")


def look(environ: Mapping[str, str] | None = None, xtversion: str | None = None) -> tuple[TerminalInfo, Decision]:
    """Detect the terminal with everything readable here and decide what ``--bidi auto`` does."""
    env = os.environ if environ is None else environ
    remote = bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))
    local = not remote
    info = detect(
        env, xtversion,
        processes=parent_processes() if local else (),
        kitty_config=kitty_config(env) if local and (env.get("KITTY_WINDOW_ID") or env.get("KITTY_PID")) else None,
        kitty_cmdline=kitty_cmdline(env) if local else (),
    )
    return info, decide(info, konsole_bidi(env) if info.name == "konsole" and local else None)

