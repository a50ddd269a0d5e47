"""Strings and content in the learner's language, and the one place that decides that language.

Catalogues are JSON files in ``oneonone_kit/content/<lang>/*.json`` (one file per area: core,
cli, charts, ...), each a flat mapping of keys to strings with ``{named}`` placeholders; a key
may appear in only one file. A value may instead be plural forms, ``{"one": ..., "other": ...}``,
chosen by the ``count`` value. A missing key raises ``KeyError``; tests check that both
languages carry the same keys and placeholders, so a gap is a test failure, never a silent
fallback to English.

:class:`KitError`, the base of every error the learner may see, is defined here (and exported
by :mod:`oneonone_kit.errors`) because choosing a language can itself fail with one, and this is
the bottom of the ground floor: it imports no module of the package.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import string
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

LANGUAGES = ("en", "nl")
DEFAULT_LANG = "en"
LANG_SETTING = "ONEONONE_LANG"
PLURAL_FORMS = ("one", "other")


class Text(NamedTuple):
    """A catalogue string not yet put into words: a value of another string, rendered with it."""

    key: str
    values: dict[str, Any] = {}  # noqa: RUF012 (never mutated)


class KitError(Exception):
    """A problem the learner must read: ``key`` + ``values``, in words by ``message(lang)``.

    A value that is a :class:`Text` or another KitError is put into words in the same language.
    ``details(lang)`` gives extra lines (one per field or row); ``exit_code`` is the CLI's status.
    """

    exit_code = 1  # the CLI's exit status for this error (2 means wrong usage)

    def __init__(self, key: str, **values: Any):
        self.key = key
        self.values = values
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.values)

    def details(self, lang: str | None = None) -> list[str]:
        """Lines that go under the message (none by default)."""
        return []

    def __str__(self) -> str:
        return self.message(DEFAULT_LANG)


class UnknownLanguageError(KitError, ValueError):
    """A language code we do not ship; ``source`` says where it came from (``--lang``, ...)."""

    exit_code = 2

    def __init__(self, value: object, source: str = "lang"):
        super().__init__(
            "error.unknown_lang", value=str(value), source=source, options=", ".join(LANGUAGES)
        )


def check_lang(lang: str | None, source: str = "lang") -> str:
    """Return a supported language code (``None`` means the default)."""
    if lang is None:
        return DEFAULT_LANG
    code = str(lang).strip().lower()
    if code not in LANGUAGES:
        raise UnknownLanguageError(lang, source)
    return code


def choose_lang(
    *,
    flag: str | None = None,
    query: str | None = None,
    folder: str | None = None,
    setting: str | None = None,
    strict_setting: bool = True,
) -> str:
    """The learner's language; the one place that decides it, for the kernel, server and CLI.

    First the explicit choice (the CLI's ``--lang`` or the page's ``?lang=``), then the notebook
    folder (``notebooks/nl``), then ``ONEONONE_LANG`` (``setting`` overrides reading it), then
    English. A folder that is not a language name is just a folder; any other value that is set
    but not a language we ship raises :class:`UnknownLanguageError`, even when an earlier source
    already decided, so a wrong setting is found the same way everywhere. With
    ``strict_setting=False`` (pages, where nobody can fix the server's setting) an unusable
    ``ONEONONE_LANG`` is passed over instead; :func:`setting_note` says so on the page.
    """
    if setting is None:
        setting = os.environ.get(LANG_SETTING, "")
    given = [(flag, "--lang"), (query, "?lang=")]
    if strict_setting or unusable_setting(setting) is None:
        given.append((setting, LANG_SETTING))
    checked = {
        source: check_lang(value, source) for value, source in given if value and value.strip()
    }
    folder_code = (folder or "").strip().lower()
    for candidate in (
        checked.get("--lang"),
        checked.get("?lang="),
        folder_code if folder_code in LANGUAGES else None,
        checked.get(LANG_SETTING),
    ):
        if candidate:
            return candidate
    return DEFAULT_LANG


def unusable_setting(setting: str | None = None) -> UnknownLanguageError | None:
    """The refusal a set but unusable ``ONEONONE_LANG`` meets (``setting`` overrides reading
    it), or None when it is a language we ship or not set."""
    value = os.environ.get(LANG_SETTING, "") if setting is None else setting
    try:
        check_lang(value if value.strip() else None, LANG_SETTING)
    except UnknownLanguageError as refusal:
        return refusal
    return None


def setting_note(lang: str, setting: str | None = None) -> str | None:
    """The note a page shows when ``ONEONONE_LANG`` is unusable and passed over, or None."""
    if unusable_setting(setting) is None:
        return None
    value = os.environ.get(LANG_SETTING, "") if setting is None else setting
    return t("error.lang_setting_ignored", lang, value=value, options=", ".join(LANGUAGES))


@cache
def catalogue(lang: str) -> dict[str, str | dict[str, str]]:
    """All strings of one language, loaded once (plural forms as a dict)."""
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


def plural_form(count: object) -> str:
    """``one`` for a count of exactly 1, ``other`` for any other (English and Dutch agree)."""
    return "one" if count == 1 else "other"


def template(key: str, lang: str | None = None, count: object = None) -> str:
    """The raw string ``key`` in ``lang``; of plural forms, the one ``count`` asks for."""
    value = catalogue(check_lang(lang))[key]
    if isinstance(value, dict):
        if count is None:
            raise KeyError(f"{key} has plural forms: give it a count")
        return value[plural_form(count)]
    return value


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in.

    Plural strings pick their form by the ``count`` value; a :class:`Text`, a :class:`KitError`
    or any value with a ``message(lang)`` method is put into words in the same language first. Raises ``KeyError`` when the key is
    missing in that language.
    """
    code = check_lang(lang)
    text = template(key, code, values.get("count"))
    if not values:
        return text
    filled = {name: _words(value, code) for name, value in values.items()}
    return text.format(**filled)


def _words(value: object, lang: str) -> object:
    if isinstance(value, Text):
        return t(value.key, lang, **value.values)
    if isinstance(value, KitError) or callable(getattr(value, "message", None)):
        return value.message(lang)  # an error, or a place in a file (a JSON section's item)
    return value


def has(key: str, lang: str | None = None) -> bool:
    """True when ``key`` exists in ``lang``."""
    return key in catalogue(check_lang(lang))


def placeholders(text: str | dict[str, str]) -> set[str]:
    """The ``{named}`` fields of a template (of all its plural forms)."""
    forms = text.values() if isinstance(text, dict) else [text]
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


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
