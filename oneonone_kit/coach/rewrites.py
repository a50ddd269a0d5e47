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
    return t(f"coach.rewrite.{key}", lang, **values)


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
