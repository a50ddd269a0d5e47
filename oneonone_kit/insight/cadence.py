"""Cadence of :mod:`oneonone_kit.insight.metrics`: how regularly one-on-ones happen, and the gaps.

Holds :class:`Gap`, :class:`Cadence` and :func:`cadence`; gaps are always judged per person.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from ..model import Meeting
from .selection import (
    FOUR_WEEKS,
    INTERVAL_DAYS,
    TOLERANCE_DAYS,
    Intervals,
    interval_for,
    mean,
    select,
)


@dataclass(frozen=True)
class Gap:
    """A stretch between two held meetings longer than the intended interval plus tolerance.

    ``end`` is the next held meeting, or ``today`` for a gap still open (``open=True``).
    """

    person: str
    start: _dt.date
    end: _dt.date
    days: int
    open: bool = False


@dataclass(frozen=True)
class Cadence:
    """How regularly one-on-ones happen.

    ``consistency`` is the share of intervals between consecutive held meetings that were no
    longer than ``interval_days + tolerance_days``; a running interval since the last held
    meeting counts too once it is already too long. It is 0.0 when meetings were logged but
    none was held, and None when nothing can be judged yet (no meetings, or one recent one).
    ``per_four_weeks`` is held meetings per 28 days from the first logged meeting to
    ``today`` (at least to one interval after the last one); None while that period is
    shorter than four weeks; with several people it is the average per person.
    """

    held: int
    rescheduled: int
    cancelled: int
    per_four_weeks: float | None
    expected_per_four_weeks: float
    gaps: tuple[Gap, ...]
    consistency: float | None
    on_time: int
    judged: int


def _person_cadence(ms: list[Meeting], today: _dt.date, interval: int, tolerance: int):
    dates = [m.date for m in ms if m.status == "held"]
    limit = interval + tolerance
    gaps, on_time, judged = [], 0, 0
    for before, after in pairwise(dates):
        judged += 1
        if (after - before).days > limit:
            gaps.append(Gap(ms[0].person, before, after, (after - before).days))
        else:
            on_time += 1
    since = dates[-1] if dates else (ms[0].date if ms else None)
    if since is not None and (today - since).days > limit:
        gaps.append(Gap(ms[0].person, since, today, (today - since).days, open=True))
        judged += 1
    rate = None
    if ms:
        span = max((today - ms[0].date).days, (ms[-1].date - ms[0].date).days + interval)
        if not dates:
            rate = 0.0
        elif span >= FOUR_WEEKS:  # a shorter log would make the rate a guess
            rate = len(dates) * FOUR_WEEKS / span
    return dates, gaps, on_time, judged, rate


def cadence(
    meetings: Iterable[Meeting],
    *,
    today: _dt.date,
    interval_days: Intervals = INTERVAL_DAYS,
    person: str | None = None,
    tolerance_days: int = TOLERANCE_DAYS,
) -> Cadence:
    """Cadence of one person, or of everyone (gaps are always judged per person).

    ``interval_days`` is the intended interval: one number for everyone, or a mapping
    person -> days (people missing from it get :data:`INTERVAL_DAYS`).
    """
    ms = select(meetings, person=person, today=today)
    groups: dict[str, list[Meeting]] = {}
    for m in ms:
        groups.setdefault(m.person, []).append(m)
    held_total = on_time = judged = 0
    gaps: list[Gap] = []
    rates, expected = [], []
    for name, group in groups.items():
        interval = interval_for(interval_days, person=name)
        expected.append(FOUR_WEEKS / interval)
        dates, g, ok, n, rate = _person_cadence(group, today, interval, tolerance_days)
        held_total += len(dates)
        gaps += g
        on_time += ok
        judged += n
        rates.append(rate)
    consistency = on_time / judged if judged else (0.0 if ms and not held_total else None)
    gaps.sort(key=lambda g: (g.start, g.person))
    return Cadence(
        held=held_total,
        rescheduled=sum(m.status == "rescheduled" for m in ms),
        cancelled=sum(m.status == "cancelled" for m in ms),
        per_four_weeks=mean([r for r in rates if r is not None]),
        expected_per_four_weeks=mean(expected)
        or FOUR_WEEKS / interval_for(interval_days, person=person),
        gaps=tuple(gaps),
        consistency=consistency,
        on_time=on_time,
        judged=judged,
    )


def unusable_intervals(bad_settings: Mapping[str, str]) -> dict[str, str]:
    """Per person, the stored cadence text that cannot be used (read as the default 7 days).

    ``bad_settings`` is ``Store.bad_settings()`` (key -> value of every damaged setting).
    """
    from ..log.setting_rules import interval_person

    return {
        person: value
        for key, value in bad_settings.items()
        if (person := interval_person(key)) is not None
    }


__all__ = ["Cadence", "Gap", "cadence", "unusable_intervals"]
