"""User key remapping: ``keymap.toml`` in the config folder, ``[keymap] binding_id = "keys"``."""

from __future__ import annotations

import tomllib
from pathlib import Path


def load_keymap(path: Path, known_ids: set[str]) -> tuple[dict[str, str], list[str]]:
    """Returns (binding id → comma-separated keys, one-line problems). Never raises."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: cannot be read ({exc.strerror})"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: not valid TOML ({str(exc).splitlines()[0]})"]
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, [f"{path}: [keymap] must be a table"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if binding_id not in known_ids:
            problems.append(f"{path}: unknown binding id {binding_id!r}")
        elif isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keymap[binding_id] = ",".join(k.strip() for k in keys)
        elif isinstance(keys, str) and keys.strip():
            keymap[binding_id] = ",".join(k.strip() for k in keys.split(","))
        else:
            problems.append(f"{path}: keys for {binding_id!r} must be a string like \"j,down\"")
    return keymap, problems
