"""Entities across a corpus: one id and display name per entity in every
article, and the index the reader looks entities up in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tui.analysis.entities.lexicon import display
from tui.analysis.entities.registry import english_names, get_gazetteer
from tui.analysis.gazetteer import Gazetteer, name_tokens
from tui.analysis.model import Mention


@dataclass(slots=True)
class EntityInfo:
    id: str
    name: str
    type: str
    english: str = ""
    count: int = 0
    articles: list[str] = field(default_factory=list)


def _fold_map(per_article: dict[str, list[Mention]], gaz: Gazetteer) -> dict[str, str]:
    """id → id: a bare surname found by a trigger folds into the one multi-token
    person name (found anywhere in the corpus) that ends with it."""
    tokens: dict[str, tuple[str, ...]] = {}
    for ms in per_article.values():
        for m in ms:
            if m.type == "PER" and m.id not in gaz.entries:
                # an id's longest mention: "الغامدي" first seen, then "سعد الغامدي", is سعد's
                toks = name_tokens(m.text)
                if len(toks) > len(tokens.get(m.id, ())):
                    tokens[m.id] = toks
    by_last: dict[str, set[str]] = {}
    for eid, toks in tokens.items():
        if len(toks) >= 2:
            by_last.setdefault(toks[-1], set()).add(eid)
    fold: dict[str, str] = {}
    for eid, toks in tokens.items():
        if len(toks) == 1:
            owners = by_last.get(toks[0], set())
            if len(owners) == 1:
                fold[eid] = next(iter(owners))
    return fold


def link_corpus_entities(per_article: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Give every mention of one entity the same id and display name across the
    corpus (article id → mentions, same order and spans)."""
    gaz = get_gazetteer()
    fold = _fold_map(per_article, gaz)
    # Display name: the canonical gazetteer name, else the longest surface seen.
    seen: dict[str, Counter] = {}
    for ms in per_article.values():
        for m in ms:
            eid = fold.get(m.id, m.id)
            if eid not in gaz.entries:
                # a span cut out of "للمجلس …" keeps the name the rules gave it (with the article)
                own = fold.get(m.id) is not None or (m.text[:1] == "ل" and m.name == display("ا" + m.text))
                seen.setdefault(eid, Counter())[m.name if own else display(m.text)] += 1
    names: dict[str, str] = {}
    for eid, counter in seen.items():
        names[eid] = max(counter, key=lambda s: (len(name_tokens(s)), counter[s], len(s)))
    out: dict[str, list[Mention]] = {}
    for aid, ms in per_article.items():
        new = []
        for m in ms:
            eid = fold.get(m.id, m.id)
            name = gaz.entries[eid].name if eid in gaz.entries else names.get(eid, m.name)
            new.append(Mention(m.start, m.end, m.text, m.type, eid, name) if (eid, name) != (m.id, m.name) else m)
        out[aid] = new
    return out



class EntityIndex:
    """Corpus-wide entities: ids, names, counts, which articles, and lookup by
    Arabic (any alias, clitics and spelling variants folded) or English name."""

    def __init__(self, per_article: dict[str, list[Mention]]) -> None:
        gaz = get_gazetteer()
        self.mentions = link_corpus_entities(per_article)
        self.entities: dict[str, EntityInfo] = {}
        for aid, ms in self.mentions.items():
            for m in ms:
                info = self.entities.get(m.id)
                if info is None:
                    e = gaz.entries.get(m.id)
                    info = self.entities[m.id] = EntityInfo(m.id, m.name, m.type, e.english if e else "")
                info.count += 1
                if not info.articles or info.articles[-1] != aid:
                    info.articles.append(aid)
        self._english = english_names()

    def lookup(self, query: str) -> list[str]:
        """Ids of entities in this corpus that ``query`` names."""
        q = query.strip()
        if not q:
            return []
        eid = self._english.get(q.lower())
        if eid is not None:
            return [eid] if eid in self.entities else []
        key = " ".join(name_tokens(q))
        gaz = get_gazetteer()
        hits = []
        for eid, info in self.entities.items():
            e = gaz.entries.get(eid)
            aliases = e.aliases if e else {" ".join(name_tokens(info.name))}
            if key in aliases or key == " ".join(name_tokens(info.name)):
                hits.append(eid)
        return hits
