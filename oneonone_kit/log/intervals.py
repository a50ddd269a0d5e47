"""Each person's intended cadence as the store keeps it: a setting ``person:<name>:interval_days``.

Stored values come from this package, an import or a hand-edited file, so they are read
forgivingly: :func:`split` keeps the usable ones and names the rest, and views fall back to
the default (7 days) with a note instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable

INTERVAL_RANGE = (1, 92)  # days between one-on-ones a person's cadence may be set to
PREFIX, SUFFIX = "person:", ":interval_days"


def key(person: str) -> str:
    """The settings key of ``person``'s cadence."""
    return f"{PREFIX}{person}{SUFFIX}"


def check(days: int) -> int:
    """``days`` as an int, or ``ValueError`` when it is outside :data:`INTERVAL_RANGE`."""
    low, high = INTERVAL_RANGE
    if not low <= int(days) <= high:
        raise ValueError(f"An interval of {days} days is outside {low}..{high}.")
    return int(days)


def usable(value: str) -> bool:
    """Whether a stored value is a whole number of days in :data:`INTERVAL_RANGE`."""
    text = str(value).strip()
    return text.isdigit() and INTERVAL_RANGE[0] <= int(text) <= INTERVAL_RANGE[1]


def split(rows: Iterable[tuple[str, str]]) -> tuple[dict[str, int], dict[str, str]]:
    """Settings rows ``(key, value)`` -> (usable days per person, unusable text per person)."""
    good: dict[str, int] = {}
    bad: dict[str, str] = {}
    for name, value in rows:
        person = name[len(PREFIX) : -len(SUFFIX)]
        if usable(value):
            good[person] = int(str(value).strip())
        else:
            bad[person] = value
    return good, bad
