"""What a stored setting may hold, so a bad one is refused on import and ignored when read.

Settings are text key/value pairs in the store. The kit knows three kinds; any other key is
kept as short, clean text (a newer workbook may add some). Imports the ground floor only.
"""

from __future__ import annotations

import re

from ..env import LANGUAGES
from ..model import MAX_NAME
from ..validate import Invalid, integer, key, text

MAX_VALUE = 2_000
INTERVAL_DAYS = (1, 92)
_INTERVAL = re.compile(r"person:(.*):interval_days", re.DOTALL)
TOKEN_KEY = "summary.token"  # the key insight.summary.TOKEN_SETTING uses (log cannot import it)
_TOKEN = re.compile(r"[0-9a-f]{8,64}")


def interval_key(person: str) -> str:
    """The setting key of the intended days between one-on-ones with ``person``."""
    return f"person:{person}:interval_days"


def interval_person(setting_key: str) -> str | None:
    """The person an interval setting is about, or None for any other key."""
    found = _INTERVAL.fullmatch(setting_key)
    return found.group(1) if found else None


def check_setting(raw_key: object, raw_value: object) -> tuple[str, str]:
    """The setting as it may be stored; raises :class:`Invalid` naming what is wrong."""
    name = key(raw_key)
    if not isinstance(raw_value, str):
        raise Invalid("error.not_text", value=type(raw_value).__name__)
    value = text(raw_value, MAX_VALUE)
    person = interval_person(name)
    if person is not None:
        text(person, MAX_NAME, required=True)
        return name, str(integer(value, *INTERVAL_DAYS))
    if name == "lang" and value not in LANGUAGES:
        raise Invalid("error.unknown_choice", value=value, options=", ".join(LANGUAGES))
    if name == TOKEN_KEY and not _TOKEN.fullmatch(value):
        raise Invalid("error.bad_token")
    return name, value


def bad_settings_text(bad: dict[str, str], lang: str | None = None) -> str:
    """The warning for damaged stored settings (key = value, values cut short), or ""."""
    from ..i18n import t

    if not bad:
        return ""
    items = ", ".join(f"{name} = {value[:40]!r}" for name, value in sorted(bad.items()))
    return t("settings.bad", lang, items=items)


def bad_settings(settings: dict[str, str]) -> dict[str, Invalid]:
    """The stored settings that break the rules above, with why."""
    out: dict[str, Invalid] = {}
    for name, value in settings.items():
        try:
            check_setting(name, value)
        except Invalid as refused:
            out[name] = refused
    return out


__all__ = ["bad_settings", "bad_settings_text", "check_setting", "interval_key", "interval_person"]
