"""Named entities in Arabic news: people, places, organisations, events.

Offline and rule-based, three sources, resolved longest-span-first without overlaps:

1. **Gazetteer** (``gazetteer.py``): CLDR country names from babel, curated
   ``data/*.tsv`` and the user's ``entities.tsv``; matched token by token on the
   matching form, through attached clitics (``وبوتين`` → ``بوتين``).
2. **Triggers**: a title (``الرئيس``، ``وزير الخارجية``، ``المتحدثة باسم …``،
   ``الدكتورة`` …) followed by a name chain → PER; a construct-state head
   (``وزارة``، ``مجلس``، ``قمة``، ``حرب`` …) with a definite or known complement
   and its adjectives → ORG or EVENT; a known first name starting a chain of at
   least two name tokens → PER (a weak first name such as ``جمال`` starts it only
   before a strong one; ``عبد`` + a divine name is a first name); a verb of saying
   followed by a two- or three-token chain and ``إن``/``أن`` or a colon → PER.
3. **Surnames**: within an article, the last token of a multi-token name found
   by a trigger also marks later bare mentions (``لانا بدفان`` … ``بدفان``).

Spans cover the name only: never the title (``الرئيس الروسي``), never a
conjunction or preposition clitic (``و``/``ب``/``ل``…). A name written with the
article keeps it (``والرياض`` → ``الرياض``); after ``لل`` the span starts at the
second lam, the article's own (its alef is elided after the preposition ل):
``للولايات المتحدة`` → ``لولايات المتحدة``. Nisba adjectives (``الروسية``، ``الأمريكي``) are never entities on
their own: they are cues inside titles and organisation names.

One entity, one id: ``TYPE:slug`` of the English name for gazetteer entries,
``TYPE:`` + the matching form for names found by triggers;
``link_corpus_entities`` then folds bare surnames into the one full name that
ends with them across the corpus.

The package: ``lexicon`` (word lists), ``tokens`` (what each token may be),
``rules`` (one method per rule over one article), ``registry`` (the shared
gazetteer, ``extract_entities``), ``corpus`` (ids and names across articles).
"""

from __future__ import annotations

from tui.analysis.entities.corpus import EntityIndex, EntityInfo, link_corpus_entities
from tui.analysis.entities.registry import (
    english_names,
    extract_entities,
    gazetteer_warnings,
    get_gazetteer,
    reload_gazetteer,
)

__all__ = [
    "VERSION",
    "extract_entities",
    "link_corpus_entities",
    "EntityIndex",
    "EntityInfo",
    "english_names",
    "gazetteer_warnings",
    "get_gazetteer",
    "reload_gazetteer",
]

VERSION = "15"  # issue 12 round 4: persons, organisations/places, a ministry's portfolios
