"""Open rewrites for closed and "why" questions, with the learner's own words filled in.

:func:`closed_rewrite` and :func:`why_rewrite` take the main clause of a question (lower-cased
text and the original) and return a catalogue string (``coach.rewrite.*``) from the patterns in
:mod:`.rules`; :mod:`.questions` decides when a rewrite is wanted.
"""

from __future__ import annotations

import re

from ..i18n import t
from .rules import CLOSED_REWRITES, PARTICIPLE_NL, WHY_REWRITES
from .words import PREPOSITIONS

# Each rewrite a rule may name (coach.rules), with its catalogue key written out in full.
REWRITE_KEY = {
    "any": "coach.rewrite.any",
    "cause": "coach.rewrite.cause",
    "feel_about": "coach.rewrite.feel_about",
    "feel_it": "coach.rewrite.feel_it",
    "feeling": "coach.rewrite.feeling",
    "going_now": "coach.rewrite.going_now",
    "going_past": "coach.rewrite.going_past",
    "hard": "coach.rewrite.hard",
    "help": "coach.rewrite.help",
    "help_you": "coach.rewrite.help_you",
    "how_you": "coach.rewrite.how_you",
    "matters": "coach.rewrite.matters",
    "options": "coach.rewrite.options",
    "things": "coach.rewrite.things",
    "topic": "coach.rewrite.topic",
    "tried": "coach.rewrite.tried",
    "try": "coach.rewrite.try",
    "unclear": "coach.rewrite.unclear",
    "view": "coach.rewrite.view",
    "what_else": "coach.rewrite.what_else",
    "why_find": "coach.rewrite.why_find",
    "why_generic": "coach.rewrite.why_generic",
    "why_made": "coach.rewrite.why_made",
    "why_makes": "coach.rewrite.why_makes",
    "why_think": "coach.rewrite.why_think",
    "workload": "coach.rewrite.workload",
}

_CLOSED_REWRITES = {
    k: tuple((re.compile(p), key) for p, key in v) for k, v in CLOSED_REWRITES.items()
}
_WHY_REWRITES = {k: tuple((re.compile(p), key) for p, key in v) for k, v in WHY_REWRITES.items()}


def _fill(key: str, lang: str, match: re.Match | None = None, original: str = "", **extra) -> str:
    values = dict(extra)
    if match is not None:
        for name, value in match.groupdict().items():
            if value is None:
                continue
            start, end = match.span(name)
            values[name.rstrip("2")] = original[start:end] if original else value
    return t(REWRITE_KEY[key], lang, **values)


def closed_rewrite(clause: tuple[str, str], lang: str) -> str | None:
    low, orig = clause
    for pattern, key in _CLOSED_REWRITES[lang]:
        match = pattern.search(low)
        if not match:
            continue
        if key == "any":
            # Keep "about the reorganisation", drop tails that would not fit the new question.
            start, end = match.span("rest")
            rest = orig[start:end]
            keep = rest.split()[:1] and rest.split()[0].lower() in PREPOSITIONS[lang]
            start, end = match.span("things")
            return t("coach.rewrite.any", lang, things=orig[start:end], rest=rest if keep else "")
        return _fill(key, lang, match, orig)
    return None


def why_rewrite(clause: tuple[str, str], lang: str) -> str:
    low, orig = clause
    for pattern, key in _WHY_REWRITES[lang]:
        match = pattern.search(low)
        if not match:
            continue
        if key == "why_made" and lang == "nl":
            # "Waarom heb je de deadline gemist" -> "... dat je de deadline hebt gemist"
            start, end = match.span("rest")
            words = orig[start:end].split()
            found = [i for i, word in enumerate(words) if PARTICIPLE_NL.fullmatch(word.lower())]
            if not found:
                continue  # "Waarom ben je zo stil?": no participle, another rewrite fits
            aux = {"heb": "hebt", "ben": "bent"}[match["aux"]]
            words.insert(found[-1], aux)
            return t("coach.rewrite.why_made", lang, rest=" ".join(words))
        return _fill(key, lang, match, orig)
    return t("coach.rewrite.why_generic", lang)
