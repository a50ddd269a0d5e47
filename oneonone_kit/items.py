"""Content items per language: beliefs, behaviours, needs, safety items, experiments, cases.

Items live in ``oneonone_kit/content/<lang>/items/<collection>.json`` as a list of dicts. Every
item has a ``key``; keys, list order and the language-neutral fields (``reverse``, ``metric``,
``answer``, ``needs``...) are the same in both languages, which tests check. Only the text differs.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .i18n import check_lang

COLLECTIONS = (
    "beliefs",  # the three beliefs of the mindset
    "behaviours",  # the four "X over Y" behaviours
    "needs",  # the seven needs, with examples and questions
    "safety",  # psychological-safety items (Edmondson's topics, our wording), reverse flags
    "experiments",  # the experiment catalogue
    "whose_meeting",  # example agendas: whose meeting was it?
    "baseline",  # the short baseline self-assessment of 00_start_here
    "practice_questions",  # closed / leading / advice questions to rewrite (question lab)
    "scenarios",  # role-play trio scenarios with the three role cards
    "need_cases",  # "which need is this?" cases
)


@cache
def items(collection: str, lang: str = "en") -> tuple[dict[str, Any], ...]:
    """All items of ``collection`` in ``lang`` (read once; treat as read-only)."""
    if collection not in COLLECTIONS:
        raise KeyError(
            f"Unknown content collection {collection!r}; known: {', '.join(COLLECTIONS)}"
        )
    code = check_lang(lang)
    path = resources.files(__package__).joinpath("content", code, "items", f"{collection}.json")
    return tuple(json.loads(path.read_text("utf-8")))


def item(collection: str, key: str, lang: str = "en") -> dict[str, Any]:
    """One item by key; KeyError when missing."""
    for entry in items(collection, lang):
        if entry["key"] == key:
            return entry
    raise KeyError(f"No item {key!r} in {collection} ({lang})")
