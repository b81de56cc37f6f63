"""Drive the real `qari` in tmux (and through a real sshd) and read the screen back."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _need(binary: str) -> None:
    if shutil.which(binary) is None:
        pytest.skip(f"{binary} is not installed (.ci/run installs it with apt when it can)")


@dataclass
class Pane:
    """One tmux session running a command; `screen()` is what a person would see."""

    name: str
    log: Path

    def cmd(self, *args: str) -> list[str]:
        """A tmux command line for this pane's own server (one server per pane: see ``tmux``)."""
        return ["tmux", "-L", self.name, *args]

    def send(self, *keys: str) -> None:
        subprocess.run(self.cmd("send-keys", "-t", self.name, *keys), check=True)

    def screen(self) -> str:
        out = subprocess.run(self.cmd("capture-pane", "-t", self.name, "-p"), capture_output=True, text=True)
        return out.stdout

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> str:
        """Poll the screen until `predicate` holds (an event wait, not a sleep-for-timing)."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"screen never matched within {timeout}s; last screen:\n{screen}")

    def alive(self) -> bool:
        out = subprocess.run(
            self.cmd("list-panes", "-t", self.name, "-F", "#{pane_dead}"), capture_output=True, text=True
        )
        return out.returncode == 0 and out.stdout.strip() == "0"

    def output_bytes(self) -> bytes:
        return self.log.read_bytes() if self.log.exists() else b""


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., Pane]]:
    _need("tmux")
    started: list[Pane] = []

    def start(command: str, *, width: int = 100, height: int = 30, env: dict[str, str] | None = None) -> Pane:
        name = f"qari-e2e-{uuid.uuid4().hex[:8]}"
        log = tmp_path / f"{name}.out"
        full_env = {
            "QARI_DATA_DIR": str(tmp_path / "data"),
            "QARI_CONFIG_DIR": str(tmp_path / "config"),
            "QARI_CACHE_DIR": str(tmp_path / "cache"),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        }
        full_env.update(env or {})
        # COLUMNS/LINES leak in from the test process (pytest plugins set them to 80x24) and would
        # override the pane's real size, since Textual honours them; a tmux server started by the
        # tests inherits them, so drop them for the program under test.
        exports = "-u COLUMNS -u LINES " + " ".join(f"{k}={_quote(v)}" for k, v in full_env.items())
        pane = Pane(name, log)
        # Each pane gets its own tmux server (-L): with tests in parallel, a shared server exits when
        # one test kills the last session just as another test's new-session tries to reach it.
        # remain-on-exit keeps the pane readable after qari quits, so the test can inspect the end.
        subprocess.run(
            pane.cmd("-f", "/dev/null", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
                     f"cd {_quote(str(ROOT))} && env {exports} {command}"),
            check=True,
        )
        subprocess.run(pane.cmd("set-option", "-t", name, "remain-on-exit", "on"), check=True)
        subprocess.run(pane.cmd("pipe-pane", "-t", name, "-o", f"cat >> {_quote(str(log))}"), check=True)
        started.append(pane)
        return pane

    yield start
    for pane in started:
        subprocess.run(pane.cmd("kill-server"), capture_output=True)


def _quote(s: str) -> str:
    return "'" + s.replace("'", "'\"'\"'") + "'"


def qari_command(*args: str) -> str:
    return " ".join([_quote(sys.executable), "-m", "tui", *map(_quote, args)])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """A throwaway sshd on 127.0.0.1; yields a function turning a remote command into an `ssh -tt` line."""
    sshd_bin = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)
    if sshd_bin is None:
        pytest.skip("sshd is not installed (.ci/run installs openssh-server with apt when it can)")
    _need("ssh")
    _need("ssh-keygen")
    d = tmp_path / "ssh"
    d.mkdir(mode=0o700)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(d / "host")], check=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(d / "user")], check=True)
    (d / "authorized_keys").write_text((d / "user.pub").read_text())
    os.chmod(d / "authorized_keys", 0o600)
    port = _free_port()
    user = os.environ.get("USER") or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    config = d / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {d / 'host'}\nPidFile {d / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {d / 'authorized_keys'}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\n"
        "AcceptEnv LANG LC_*\nPrintMotd no\n"
    )
    os.makedirs("/run/sshd", exist_ok=True)
    proc = subprocess.Popen([sshd_bin, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.skip(f"sshd could not start: {proc.stderr.read().decode(errors='replace')[:300]}")
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.skip("sshd did not start listening within 10 s")

    def ssh_line(remote: str) -> str:
        opts = (
            f"-tt -p {port} -i {d / 'user'} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
            "-o LogLevel=ERROR -o SendEnv=LANG"
        )
        return f"ssh {opts} {user}@127.0.0.1 {_quote(remote)}"

    yield ssh_line
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
