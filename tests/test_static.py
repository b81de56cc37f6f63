"""Static checks with ratchets: mypy, ruff and blind exception handlers.

The core packages below the UI are held at zero; the rest of the tree has a recorded number that
may only go down. When you fix findings, lower the number here in the same commit, so that it
cannot creep back up. mypy and ruff come with the ``[test]`` extra (``pip install -e .[test]``);
their settings are in pyproject.toml.
"""

from __future__ import annotations

import ast
import hashlib
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Packages type-checked with the strict flags (pyproject [tool.mypy]) and held at zero errors.
# tui/reader is new (issue 16): it is checked once it exists.
STRICT = ("tui/text", "tui/corpus", "tui/store", "tui/reader", "tui/fetch")

# mypy errors allowed in the rest of tui/ (analysis and ui). Only ever lower it.
MYPY_BUDGET = 19

# ruff findings allowed per file (pyproject [tool.ruff]); every file not listed must be clean.
# Most are unsorted imports (I001) and unused names, which `ruff check --fix PATH` mends.
RUFF_ALLOWED: dict[str, int] = {}

# Handlers in tui/ that catch everything (bare, Exception, BaseException) and neither re-raise,
# use the exception (report or log it) nor say why on the except line. Only ever lower it.
BLIND_EXCEPT_BUDGET = 0

_ERROR = re.compile(r"^(?P<path>[^:\n]+\.py):\d+(?::\d+)?: error: ", re.M)


def _tool(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    module = args[0]
    try:
        __import__(module)
    except ImportError:
        pytest.fail(f"{module} is not installed: it comes with the test extra (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def _package(path: str) -> str:
    return "/".join(Path(path).parts[:2])


def test_mypy_strict_core_is_clean_and_the_rest_does_not_grow() -> None:
    # The cache lives outside the tree, one per checkout (two worktrees must not share one).
    cache = Path(tempfile.gettempdir()) / f"qari-mypy-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]}"
    run = _tool("mypy", "--cache-dir", str(cache), "--no-pretty", "--show-error-codes")
    if run.returncode not in (0, 1) or "error: " in run.stderr:
        pytest.fail(f"mypy did not run:\n{run.stderr or run.stdout}")
    errors = [m.group("path").replace("\\", "/") for m in _ERROR.finditer(run.stdout)]
    strict = [line for line in run.stdout.splitlines() if _ERROR.match(line) and _package(line.split(":")[0]) in STRICT]
    assert not strict, "mypy errors in the strictly checked core:\n" + "\n".join(strict)
    rest = Counter(_package(p) for p in errors)
    total = sum(rest.values())
    assert total <= MYPY_BUDGET, (
        f"{total} mypy errors outside the strict core, more than the {MYPY_BUDGET} recorded in tests/test_static.py "
        f"(by package: {dict(rest)}); fix the new ones (run `python -m mypy`)"
    )


def test_ruff_findings_do_not_grow() -> None:
    run = _tool("ruff", "check", "--no-cache", "--output-format", "concise", "--exit-zero", ".")
    if run.returncode != 0:
        pytest.fail(f"ruff did not run:\n{run.stderr or run.stdout}")
    found = Counter(m.group(1).replace("\\", "/") for m in re.finditer(r"^([^:\n]+\.py):\d+:\d+: ", run.stdout, re.M))
    worse = {path: n for path, n in found.items() if n > RUFF_ALLOWED.get(path, 0)}
    lines = [line for line in run.stdout.splitlines() if line.split(":")[0] in worse]
    assert not worse, (
        "ruff findings above what tests/test_static.py allows "
        + ", ".join(f"{p}: {n} > {RUFF_ALLOWED.get(p, 0)}" for p, n in sorted(worse.items()))
        + "\n" + "\n".join(lines)
    )


def _catches_everything(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(n is None or (isinstance(n, ast.Name) and n.id in ("Exception", "BaseException")) for n in names)


def blind_handlers(source: str) -> list[int]:
    """Line numbers of catch-all handlers that swallow the exception without a word: no raise in
    the handler, the exception unused, and no comment on the ``except`` line."""
    lines = source.splitlines()
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ExceptHandler) or not _catches_everything(node):
            continue
        body = [n for stmt in node.body for n in ast.walk(stmt)]
        if any(isinstance(n, ast.Raise) for n in body):
            continue
        if node.name and any(isinstance(n, ast.Name) and n.id == node.name for n in body):
            continue
        if "#" in lines[node.lineno - 1]:
            continue
        out.append(node.lineno)
    return out


def test_blind_exception_handlers_do_not_grow() -> None:
    found = [f"{p.relative_to(ROOT)}:{line}" for p in sorted((ROOT / "tui").rglob("*.py"))
             for line in blind_handlers(p.read_text(encoding="utf-8"))]
    assert len(found) <= BLIND_EXCEPT_BUDGET, (
        f"{len(found)} catch-all handlers swallow their exception silently (allowed: {BLIND_EXCEPT_BUDGET}); "
        "catch what can happen, report it, or say on the except line why nothing is lost:\n" + "\n".join(found)
    )


def test_the_blind_handler_check_tells_them_apart() -> None:
    source = """
try:
    pass
except Exception:
    pass
try:
    pass
except:
    x = 1
try:
    pass
except Exception:  # the reason
    pass
try:
    pass
except BaseException:
    raise
try:
    pass
except Exception as exc:
    notes.append(str(exc))
try:
    pass
except (ValueError, Exception) as exc:
    pass
try:
    pass
except ValueError:
    pass
"""
    assert blind_handlers(source) == [4, 8, 24]
