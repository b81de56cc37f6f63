"""The pure core never imports Textual: layout, corpus, analysis and storage stay UI-free."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE = ["tui/text", "tui/corpus", "tui/analysis", "tui/store", "tui/reader", "tui/fetch"]
# Floors: each package may import only those below it.
ALLOWED = {
    "tui.text": {"tui.text"},
    "tui.corpus": {"tui.text", "tui.corpus"},
    "tui.store": {"tui.text", "tui.corpus", "tui.store"},
    "tui.analysis": {"tui.text", "tui.corpus", "tui.analysis", "tui.store"},
    "tui.reader": {"tui.text", "tui.corpus", "tui.analysis", "tui.store", "tui.reader"},
    "tui.fetch": {"tui.text", "tui.corpus", "tui.analysis", "tui.store", "tui.fetch"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_never_import_textual_statically(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        bad = {n for n in _imports(path) if n == "textual" or n.startswith("textual.")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_respect_floors(package: str) -> None:
    dotted = package.replace("/", ".")
    for path in (ROOT / package).rglob("*.py"):
        for name in _imports(path):
            if name.startswith("tui.") and name.split(".")[1] in {"text", "corpus", "analysis", "store", "reader", "fetch", "ui"}:
                top = ".".join(name.split(".")[:2])
                assert top in ALLOWED[dotted], f"{path.relative_to(ROOT)} imports {name} (above its floor)"


def test_importing_the_whole_core_does_not_load_textual() -> None:
    modules = []
    for package in PURE:
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules.append(".".join(parts))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing the core loaded: {out.stdout.strip()}"
