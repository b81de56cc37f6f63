"""Known names: CLDR country names (via babel), curated TSV files shipped in
``tui/analysis/data``, and the user's own ``entities.tsv``.

TSV columns (tab-separated; ``#`` starts a comment line)::

    canonical Arabic name <TAB> type <TAB> English name <TAB> aliases separated by |

``type`` is one of PER LOC ORG EVENT MISC. An entity's id is ``TYPE:slug`` of its
English name (or of the matching form of its Arabic name when there is none),
so a row whose English name equals a CLDR country adds aliases to that country,
and a user row can add aliases to a shipped entity by repeating its English name.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tui.analysis.model import ENTITY_TYPES
from tui.text.normalize import normalize, tokenize

log = logging.getLogger(__name__)
# Warnings are kept in Gazetteer.warnings for the UI; never let logging's last-resort
# handler print them over a running terminal UI.
log.addHandler(logging.NullHandler())

DATA_DIR = Path(__file__).with_name("data")
SHIPPED_FILES = ("people.tsv", "places.tsv", "organisations.tsv")

# CLDR territories that are not places, or whose Arabic name is also a common word.
_SKIP_TERRITORIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001", "ML", "BJ"}
_REGIONS = {"002", "009", "019", "142", "150", "419", "003", "005", "021", "145"}


@dataclass(slots=True)
class Entry:
    id: str
    name: str  # canonical Arabic display name
    type: str
    english: str = ""
    aliases: set[str] = field(default_factory=set)  # matching-form token strings, space-joined


def slug(text: str) -> str:
    s = re.sub(r"[^0-9a-z\u0600-\u06ff]+", "_", normalize(text)).strip("_")
    return s or "x"


def entity_id(type_: str, english: str, arabic: str) -> str:
    return f"{type_}:{slug(english) if english.strip() else slug(arabic)}"


@lru_cache(maxsize=1 << 16)
def name_tokens(text: str) -> tuple[str, ...]:
    # Cached: grouping a corpus asks for the same few thousand names tens of thousands of times.
    return tuple(t for _, _, t in tokenize(normalize(text)))


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    # first token of a name (matching form) -> [(remaining tokens, entry id, needs article)],
    # longest names first. A name starting with ال is also filed under its first
    # token without the article; that key only matches after a prefix ending in ال/لل.
    first: dict[str, list[tuple[tuple[str, ...], str, bool]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, name: str, type_: str, english: str = "", aliases: list[str] | tuple[str, ...] = ()) -> Entry:
        eid = entity_id(type_, english, name)
        entry = self.entries.get(eid)
        if entry is None:
            entry = self.entries[eid] = Entry(eid, name.strip(), type_, english.strip())
        for alias in (name, *aliases):
            toks = name_tokens(alias)
            if not toks:
                continue
            key = " ".join(toks)
            if key in entry.aliases:
                continue
            entry.aliases.add(key)
            self._file(toks, eid)
        return entry

    def _file(self, toks: tuple[str, ...], eid: str) -> None:
        head, rest = toks[0], toks[1:]
        self.first.setdefault(head, []).append((rest, eid, False))
        if head.startswith("ال") and len(head) >= 4:
            self.first.setdefault(head[2:], []).append((rest, eid, True))

    def finish(self) -> "Gazetteer":
        for cands in self.first.values():
            cands.sort(key=lambda c: -len(c[0]))
        return self

    def english_names(self) -> dict[str, str]:
        """Lower-case English names (full, and a person's surname when it is
        unambiguous) → entity id, for searching ``putin`` and finding بوتين."""
        out: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        for e in self.entries.values():
            if not e.english:
                continue
            out[e.english.lower()] = e.id
            if e.type == "PER" and " " in e.english:
                surnames.setdefault(e.english.lower().split()[-1], set()).add(e.id)
        for sur, ids in surnames.items():
            if len(ids) == 1:
                out.setdefault(sur, next(iter(ids)))
        return out

    # -- loading -----------------------------------------------------------------

    def load_tsv(self, path: Path, *, source: str | None = None) -> int:
        """Add the rows of ``path``; malformed rows are skipped with a warning."""
        source = source or str(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self._warn(f"{source}: cannot read ({exc.__class__.__name__}: {exc})")
            return 0
        added = 0
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) < 2 or not cols[0]:
                self._warn(f"{source}:{lineno}: expected 'name<TAB>type[<TAB>english<TAB>aliases]', skipped")
                continue
            type_ = cols[1].upper()
            if type_ == "PERS":
                type_ = "PER"
            if type_ not in ENTITY_TYPES:
                self._warn(f"{source}:{lineno}: unknown type {cols[1]!r} (use one of {' '.join(ENTITY_TYPES)}), skipped")
                continue
            if not name_tokens(cols[0]):
                self._warn(f"{source}:{lineno}: name {cols[0]!r} has no letters, skipped")
                continue
            english = cols[2] if len(cols) > 2 else ""
            aliases = [a.strip() for a in cols[3].split("|")] if len(cols) > 3 else []
            self.add(cols[0], type_, english, [a for a in aliases if a])
            added += 1
        return added

    def load_cldr(self) -> None:
        try:
            from babel import Locale

            ar, en = Locale("ar").territories, Locale("en").territories
        except Exception as exc:  # babel missing or its data broken: curated lists still work
            self._warn(f"CLDR territory names unavailable ({exc.__class__.__name__})")
            return
        for code, name in ar.items():
            if code in _SKIP_TERRITORIES or (code.isdigit() and code not in _REGIONS):
                continue
            english = en.get(code, code)
            name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
            self.add(name, "LOC", english)

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        log.warning("%s", message)


def user_entities_path() -> Path:
    from tui.store.paths import config_dir

    return config_dir() / "entities.tsv"


def build_gazetteer(user_file: Path | None | bool = True) -> Gazetteer:
    """CLDR countries + shipped lists + (``user_file=True``: the user's file, if any)."""
    g = Gazetteer()
    g.load_cldr()
    for name in SHIPPED_FILES:
        g.load_tsv(DATA_DIR / name, source=f"data/{name}")
    path = user_entities_path() if user_file is True else (user_file or None)
    if path is not None and path.is_file():
        g.load_tsv(path)
    return g.finish()
