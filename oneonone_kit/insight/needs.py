"""The seven needs in :mod:`oneonone_kit.insight.metrics`: rotation over held meetings, and by month.

Holds :class:`NeedUse`, :class:`NeedsRotation` and :func:`needs_rotation` (which need was
covered when, which is neglected), and :class:`NeedsByMonth` with :func:`needs_by_month`
(the heatmap's need x month shares).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import NEEDS, Meeting
from .selection import NEGLECT_AFTER, held, select


@dataclass(frozen=True)
class NeedUse:
    """One need: how often it was covered, when last, and how many held meetings ago."""

    need: str
    count: int
    share: float | None
    last_covered: _dt.date | None
    meetings_since: int  # all held meetings when it was never covered
    neglected: bool


@dataclass(frozen=True)
class NeedsRotation:
    """The seven needs over held meetings; a need is neglected after ``neglect_after`` misses."""

    held: int
    uses: tuple[NeedUse, ...]
    neglect_after: int

    @property
    def neglected(self) -> tuple[str, ...]:
        return tuple(u.need for u in self.uses if u.neglected)

    def use(self, need: str) -> NeedUse:
        return next(u for u in self.uses if u.need == need)


def needs_rotation(
    meetings: Iterable[Meeting],
    *,
    neglect_after: int = NEGLECT_AFTER,
    person: str | None = None,
    today: _dt.date | None = None,
) -> NeedsRotation:
    """For each need in :data:`model.NEEDS`: count, share, last covered, neglected or not."""
    rows = held(select(meetings, person=person, today=today))
    last_index: dict[str, int] = {}
    counts = dict.fromkeys(NEEDS, 0)
    for i, m in enumerate(rows):
        for need in m.needs:
            counts[need] += 1
            last_index[need] = i
    uses = []
    for need in NEEDS:
        index = last_index.get(need)
        since = len(rows) if index is None else len(rows) - 1 - index
        uses.append(
            NeedUse(
                need=need,
                count=counts[need],
                share=counts[need] / len(rows) if rows else None,
                last_covered=None if index is None else rows[index].date,
                meetings_since=since,
                neglected=since >= neglect_after,
            )
        )
    return NeedsRotation(held=len(rows), uses=tuple(uses), neglect_after=neglect_after)


@dataclass(frozen=True)
class NeedsByMonth:
    """Per calendar month (first day of each, no month skipped): held meetings and, per need,
    the share of them that covered it (None in a month without held meetings)."""

    months: tuple[_dt.date, ...]
    held: tuple[int, ...]
    shares: dict[str, tuple[float | None, ...]]


def needs_by_month(
    meetings: Iterable[Meeting], *, person: str | None = None, today: _dt.date | None = None
) -> NeedsByMonth:
    """Need × month coverage, for the heatmap."""
    rows = held(select(meetings, person=person, today=today))
    if not rows:
        return NeedsByMonth((), (), {need: () for need in NEEDS})
    first, last = rows[0].date, rows[-1].date
    months, index = [], {}
    y, mo = first.year, first.month
    while (y, mo) <= (last.year, last.month):
        index[(y, mo)] = len(months)
        months.append(_dt.date(y, mo, 1))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    totals = [0] * len(months)
    hits = {need: [0] * len(months) for need in NEEDS}
    for m in rows:
        i = index[(m.date.year, m.date.month)]
        totals[i] += 1
        for need in m.needs:
            hits[need][i] += 1
    shares = {
        need: tuple(h / n if n else None for h, n in zip(hits[need], totals, strict=True))
        for need in NEEDS
    }
    return NeedsByMonth(tuple(months), tuple(totals), shares)


__all__ = ["NeedUse", "NeedsByMonth", "NeedsRotation", "needs_by_month", "needs_rotation"]
