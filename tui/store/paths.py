"""Where Qari keeps its files: XDG/platform directories, each overridable by an environment variable.

The overrides (``QARI_DATA_DIR``, ``QARI_CONFIG_DIR``, ``QARI_CACHE_DIR``) let tests and people with
unusual setups point Qari elsewhere without touching the real home directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "qari"


def _dir(env: str, default: str) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser() if value else Path(default)


def data_dir() -> Path:
    """Reading state (positions, last article, settings)."""
    return _dir("QARI_DATA_DIR", platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    """User configuration (``keymap.toml``)."""
    return _dir("QARI_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME))


def cache_dir() -> Path:
    """Derived data that can be rebuilt (analysis cache)."""
    return _dir("QARI_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME))


def state_file() -> Path:
    return data_dir() / "state.json"


def keymap_file() -> Path:
    return config_dir() / "keymap.toml"
