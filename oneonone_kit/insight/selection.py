"""Shared pieces of :mod:`oneonone_kit.insight.metrics`: defaults, selection and rolling series."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from ..model import Meeting

INTERVAL_DAYS = 7  # weekly is the cadence rated best in Rogelberg's surveys
TOLERANCE_DAYS = 2  # a meeting moved by a day or two is not a gap
WINDOW = 6  # rolling windows: the last six held meetings
NEGLECT_AFTER = 6  # a need not covered in six held meetings is neglected
MIN_SIDE = 4  # fewer meetings than this on either side of an experiment: too few to tell
TALK_IDEAL = (20, 35)  # leader's share when the employee talks 65-80% of the time
TALK_MAX = 50  # the employee should talk at least half the time
AGENDA_TARGET = 0.5  # the employee (co-)sets at least half of the agendas
FOUR_WEEKS = 28
_BY_DATE = attrgetter("date")

Intervals = int | Mapping[str, int]  # days for everyone, or per person


class Point(NamedTuple):
    """One item of a metric series: its date and its value (still a plain ``(date, value)``)."""

    date: _dt.date
    value: float


def interval_for(interval_days: Intervals, *, person: str | None) -> int:
    """The intended interval in days for ``person`` (a mapping falls back to 7 days)."""
    if isinstance(interval_days, int):
        days = interval_days
    else:
        days = interval_days.get(person, INTERVAL_DAYS) if person is not None else INTERVAL_DAYS
    if days < 1:
        raise ValueError("an intended interval must be at least 1 day")
    return days


def people(meetings: Iterable[Meeting]) -> list[str]:
    """Every person in the log, sorted by name (case-insensitive)."""
    return sorted({m.person for m in meetings}, key=lambda p: (p.casefold(), p))


class Selected(list):
    """Meetings already narrowed by :func:`select`: selecting them again costs nothing."""

    def __init__(self, items: Iterable[Meeting], person: str | None, today: _dt.date | None):
        super().__init__(items)
        self.person = person
        self.today = today


def select(
    meetings: Iterable[Meeting], *, person: str | None = None, today: _dt.date | None = None
) -> Selected:
    """Meetings of ``person`` (everyone for None) dated up to ``today``, oldest first."""
    if (
        isinstance(meetings, Selected)
        and person in (None, meetings.person)
        and (today is None or (meetings.today is not None and today >= meetings.today))
    ):
        return meetings
    out = [
        m
        for m in meetings
        if (person is None or m.person == person) and (today is None or m.date <= today)
    ]
    out.sort(key=_BY_DATE)  # stable: same-day meetings keep the caller's order
    return Selected(out, person, today)


def held(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Only the meetings that took place."""
    return [m for m in meetings if m.status == "held"]


def rolling_mean(values: Sequence[float], *, window: int = WINDOW) -> tuple[float, ...]:
    """Mean of the last ``window`` values at each position (fewer at the start)."""
    if window < 1:
        raise ValueError("window must be at least 1")
    out, total = [], 0.0
    for count, value in enumerate(values[:window], start=1):
        total += value
        out.append(total / count)
    for i in range(window, len(values)):
        total += values[i] - values[i - window]
        out.append(total / window)
    return tuple(out)


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean, or None for no values."""
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class Trend:
    """One value per item (held meeting or judged commitment), oldest first, with its rolling
    mean over ``window`` items. ``latest`` is the last rolling mean, ``mean`` the mean of all."""

    dates: tuple[_dt.date, ...]
    values: tuple[float, ...]
    rolling: tuple[float, ...]
    window: int

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def latest(self) -> float | None:
        return self.rolling[-1] if self.rolling else None

    @property
    def mean(self) -> float | None:
        return mean(self.values)


def trend(pairs: Sequence[tuple[_dt.date, float]], *, window: int = WINDOW) -> Trend:
    """A :class:`Trend` from ``(date, value)`` pairs already in date order."""
    values = tuple(v for _, v in pairs)
    return Trend(tuple(d for d, _ in pairs), values, rolling_mean(values, window=window), window)
