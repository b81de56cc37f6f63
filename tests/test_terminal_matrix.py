"""The screenshot matrix's comparison (benchmarks/terminal_matrix.py) tells a right screen from a
wrong one without OCR: checked here on synthetic cell grids, no terminal needed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

# Loaded by file path: putting benchmarks/ on sys.path would shadow python-bidi with benchmarks/bidi.py.
_spec = importlib.util.spec_from_file_location(
    "qari_terminal_matrix", Path(__file__).resolve().parents[1] / "benchmarks" / "terminal_matrix.py")
tm = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = tm  # its dataclasses look their module up there
_spec.loader.exec_module(tm)


def _screen(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    glyphs = rng.integers(0, 2, size=(40, tm.CELL_H, tm.CELL_W)) * 200.0  # 40 distinct "glyphs"
    text = rng.integers(0, 40, size=(tm.ROWS, tm.COLS))
    text[:, 60:] = -1  # blank margin
    g = np.full((tm.ROWS * tm.CELL_H, tm.COLS * tm.CELL_W), 30.0)
    for r in range(tm.ROWS):
        for c in range(tm.COLS):
            if text[r, c] >= 0:
                g[r * tm.CELL_H:(r + 1) * tm.CELL_H, c * tm.CELL_W:(c + 1) * tm.CELL_W] = 30 + glyphs[text[r, c]]
    return g


def test_same_screen_scores_one_and_reversed_words_score_low() -> None:
    right = _screen(1)
    assert tm.similarity(right, right) > 0.99
    # Reverse each 5-cell "word": what kitty shows for text already in visual order.
    wrong = right.copy()
    for c in range(0, 60, 5):
        cols = slice(c * tm.CELL_W, (c + 5) * tm.CELL_W)
        block = right[:, cols].reshape(right.shape[0], 5, tm.CELL_W)[:, ::-1, :]
        wrong[:, cols] = block.reshape(right.shape[0], 5 * tm.CELL_W)
    assert tm.similarity(wrong, right) + tm.MARGIN < tm.similarity(right, right)
    # A different antialiasing/colour (an affine change of intensities) does not count.
    assert tm.similarity(right * 0.6 + 40, right) > 0.99


def test_grid_finds_the_cells_inside_black_padding() -> None:
    screen = _screen(2)
    padded = np.zeros((screen.shape[0] + 14, screen.shape[1] + 6))
    padded[7:-7, 3:-3] = screen
    assert tm.similarity(tm.grid(padded), screen) > 0.99


def test_loading_the_matrix_leaves_sys_path_alone() -> None:
    assert not any(p.rstrip("/").endswith("benchmarks") for p in sys.path)
