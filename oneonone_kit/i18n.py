"""Strings and content in the learner's language.

Catalogues are JSON files in ``oneonone_kit/content/<lang>/*.json`` (one file per area: core,
cli, charts, ...), each a flat mapping of keys to strings with ``{named}`` placeholders; a key
may appear in only one file. A missing key raises ``KeyError``; tests check that both
languages carry the same keys and placeholders, so a gap is a test failure, never a silent
fallback to English.
"""

from __future__ import annotations

import datetime as _dt
import json
import string
from functools import cache
from importlib import resources

from .env import DEFAULT_LANG, LANGUAGES


class UnknownLanguageError(ValueError):
    """A language code we do not ship."""


def check_lang(lang: str | None) -> str:
    """Return a supported language code (``None`` means the default)."""
    if lang is None:
        return DEFAULT_LANG
    code = str(lang).strip().lower()
    if code not in LANGUAGES:
        raise UnknownLanguageError(
            f"Unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}."
        )
    return code


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All strings of one language, loaded once."""
    code = check_lang(lang)
    merged: dict[str, str] = {}
    folder = resources.files(__package__).joinpath("content", code)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        for key, value in json.loads(entry.read_text("utf-8")).items():
            if key.startswith("_"):
                continue
            if key in merged:
                raise ValueError(
                    f"Key {key!r} appears twice in the {code} catalogue ({entry.name})."
                )
            merged[key] = value
    return merged


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in.

    Raises ``KeyError`` when the key is missing in that language.
    """
    template = catalogue(check_lang(lang))[key]
    return template.format(**values) if values else template


def has(key: str, lang: str | None = None) -> bool:
    """True when ``key`` exists in ``lang``."""
    return key in catalogue(check_lang(lang))


def placeholders(template: str) -> set[str]:
    """The ``{named}`` fields of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


_DAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
}
_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
}


def format_date(value: _dt.date, lang: str | None = None, weekday: bool = True) -> str:
    """A date for people: ``Tue 3 Mar 2026`` / ``di 3 mrt 2026``."""
    code = check_lang(lang)
    text = f"{value.day} {_MONTHS[code][value.month - 1]} {value.year}"
    return f"{_DAYS[code][value.weekday()]} {text}" if weekday else text


def month_label(value: _dt.date, lang: str | None = None) -> str:
    """A short month label for charts: ``Mar 2026`` / ``mrt 2026``."""
    return f"{_MONTHS[check_lang(lang)][value.month - 1]} {value.year}"


def format_number(value: float, lang: str | None = None, decimals: int = 1) -> str:
    """A number for people: ``1,234.5`` in English, ``1.234,5`` in Dutch."""
    text = f"{value:,.{decimals}f}"
    if check_lang(lang) == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_percent(share: float, lang: str | None = None, decimals: int = 0) -> str:
    """A share (0..1) as a percentage: ``65%`` / ``65%``; decimals use the language's comma."""
    return f"{format_number(share * 100, lang, decimals)}%"
