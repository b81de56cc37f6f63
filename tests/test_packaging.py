"""A plain (non-editable) install carries its stylesheets and the embedded corpus."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS_FILES = [
    "000_09e1d80d0ae30e8d.txt",
    "001_5dc817420f166037.txt",
    "002_f42cc997617dfbe4.txt",
    "003_3396751731bab268.txt",
    "004_ab5600c6edec7629.txt",
]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "tui").rglob("__init__.py")
    }
    assert found <= listed, f"missing from pyproject packages: {sorted(found - listed)}"


def test_embedded_corpus_holds_the_five_articles() -> None:
    names = sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))
    assert names == CORPUS_FILES


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_embedded_corpus_is_byte_identical_to_the_seeds() -> None:
    for name in CORPUS_FILES:
        a = hashlib.sha256((ROOT / "corpus" / name).read_bytes()).hexdigest()
        b = hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()
        assert a == b, name


@pytest.mark.slow
def test_plain_install_finds_styles_and_corpus(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps",
         "--target", str(target), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    code = (
        "import tui, sys\n"
        "assert 'site' in tui.__file__, tui.__file__\n"
        "s = tui.styles_dir(); c = tui.embedded_corpus_dir()\n"
        "print(len(list(s.glob('*.tcss'))), len(list(c.glob('*.txt'))))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    n_styles, n_articles = map(int, out.stdout.split())
    assert n_styles >= 1 and n_articles == 5


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    command = ci_lines[-1].strip()
    readme = (ROOT / "README.md").read_text()
    assert f"```sh\n{command}\n```" in readme, f"README does not show .ci/run's command: {command}"
