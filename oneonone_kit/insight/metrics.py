"""How the one-on-one log develops over time: cadence, needs, agenda, talk share and more.

Pure functions over :mod:`oneonone_kit.model` records: records in, small frozen dataclasses
out. No widgets, no store, no matplotlib, and no hidden clock: where time matters the caller
passes ``today`` (usually :func:`oneonone_kit.env.today`), and meetings dated after ``today``
are left out. ``person=None`` means everyone together; rolling windows count held meetings
(or resolved commitments), not calendar weeks. :func:`summarise` computes everything at once.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..model import EXPERIMENT_METRICS, NEEDS, Commitment, Experiment, Meeting
from .outcomes import (
    LOWER_IS_BETTER,
    MIN_CHANGE,
    VERDICTS,
    ExperimentEffect,
    FollowThrough,
    PerceptionGap,
    Tally,
    commitment_state,
    experiment_effect,
    follow_through,
    metric_points,
    perception_gap,
)
from .selection import (
    AGENDA_TARGET,
    FOUR_WEEKS,
    INTERVAL_DAYS,
    MIN_SIDE,
    NEGLECT_AFTER,
    TALK_IDEAL,
    TALK_MAX,
    TOLERANCE_DAYS,
    WINDOW,
    Intervals,
    Selected,
    Trend,
    held,
    interval_for,
    mean,
    people,
    rolling_mean,
    select,
    trend,
)

# ---------------------------------------------------------------- cadence


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
    today: _dt.date,
    interval_days: Intervals = INTERVAL_DAYS,
    person: str | None = None,
    tolerance_days: int = TOLERANCE_DAYS,
) -> Cadence:
    """Cadence of one person, or of everyone (gaps are always judged per person).

    ``interval_days`` is the intended interval: one number for everyone, or a mapping
    person -> days (people missing from it get :data:`INTERVAL_DAYS`).
    """
    ms = select(meetings, person, today)
    groups: dict[str, list[Meeting]] = {}
    for m in ms:
        groups.setdefault(m.person, []).append(m)
    held_total = on_time = judged = 0
    gaps: list[Gap] = []
    rates, expected = [], []
    for name, group in groups.items():
        interval = interval_for(interval_days, name)
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
        expected_per_four_weeks=mean(expected) or FOUR_WEEKS / interval_for(interval_days, person),
        gaps=tuple(gaps),
        consistency=consistency,
        on_time=on_time,
        judged=judged,
    )


# ---------------------------------------------------------------- needs


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
    neglect_after: int = NEGLECT_AFTER,
    person: str | None = None,
    today: _dt.date | None = None,
) -> NeedsRotation:
    """For each need in :data:`model.NEEDS`: count, share, last covered, neglected or not."""
    rows = held(select(meetings, person, today))
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
    meetings: Iterable[Meeting], person: str | None = None, today: _dt.date | None = None
) -> NeedsByMonth:
    """Need × month coverage, for the heatmap."""
    rows = held(select(meetings, person, today))
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


# ---------------------------------------------------------------- agenda and talk share


@dataclass(frozen=True)
class AgendaOwnership:
    """Who set the agenda of held meetings. ``trend`` values are 1.0 when the employee set it
    or shared it, 0.0 when the leader did; meetings without ``agenda_by`` are left out."""

    counts: dict[str, int]
    trend: Trend


def agenda_ownership(
    meetings: Iterable[Meeting],
    window: int = WINDOW,
    person: str | None = None,
    today: _dt.date | None = None,
) -> AgendaOwnership:
    """Share of held meetings whose agenda the employee set or co-set, rolling."""
    rows = [m for m in held(select(meetings, person, today)) if m.agenda_by]
    counts = {"employee": 0, "shared": 0, "leader": 0}
    for m in rows:
        counts[m.agenda_by] = counts.get(m.agenda_by, 0) + 1
    pairs = [(m.date, 0.0 if m.agenda_by == "leader" else 1.0) for m in rows]
    return AgendaOwnership(counts, trend(pairs, window))


def talk_band(share: float | None) -> str | None:
    """``ideal`` (20-35%), ``ok`` (up to 50%), ``high`` (over 50%) or ``low`` (under 20%)."""
    if share is None:
        return None
    if share > TALK_MAX:
        return "high"
    if share > TALK_IDEAL[1]:
        return "ok"
    return "ideal" if share >= TALK_IDEAL[0] else "low"


def talk_share(
    meetings: Iterable[Meeting],
    window: int = WINDOW,
    person: str | None = None,
    today: _dt.date | None = None,
) -> Trend:
    """The leader's estimated share of talking (0-100%) in held meetings, rolling.

    Judge ``trend.latest`` with :func:`talk_band`.
    """
    pairs = [
        (m.date, float(m.talk_share))
        for m in held(select(meetings, person, today))
        if m.talk_share is not None
    ]
    return trend(pairs, window)


# ---------------------------------------------------------------- summary


@dataclass(frozen=True)
class Summary:
    """Every metric for one person or for everyone."""

    cadence: Cadence
    needs: NeedsRotation
    agenda: AgendaOwnership
    talk: Trend
    follow: FollowThrough
    perception: PerceptionGap


def _summary(ms, cs, today, interval_days, window, neglect_after) -> Summary:
    return Summary(
        cadence=cadence(ms, today, interval_days),
        needs=needs_rotation(ms, neglect_after, today=today),
        agenda=agenda_ownership(ms, window, today=today),
        talk=talk_share(ms, window, today=today),
        follow=follow_through(cs, today, ms, window),
        perception=perception_gap(ms, window, today=today),
    )


def summarise(
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment] = (),
    experiments: Iterable[Experiment] = (),
    *,
    today: _dt.date,
    interval_days: Intervals = INTERVAL_DAYS,
    window: int = WINDOW,
    neglect_after: int = NEGLECT_AFTER,
) -> dict:
    """All metrics: ``{"overall": Summary, "people": {name: Summary}, "experiments": [...]}``."""
    ms = select(meetings, today=today)
    cs = list(commitments)
    by_person: dict[str, Selected] = {}
    for m in ms:
        if m.person not in by_person:
            by_person[m.person] = Selected((), m.person, today)
        by_person[m.person].append(m)
    cs_by_person: dict[str, list[Commitment]] = {}
    for c in cs:
        cs_by_person.setdefault(c.person, []).append(c)
    return {
        "overall": _summary(ms, cs, today, interval_days, window, neglect_after),
        "people": {
            name: _summary(
                by_person[name],
                cs_by_person.get(name, []),
                today,
                interval_days,
                window,
                neglect_after,
            )
            for name in people(ms)
        },
        "experiments": [
            experiment_effect(e, ms, today, commitments=cs, interval_days=interval_days)
            for e in experiments
        ],
    }


__all__ = [
    "AGENDA_TARGET",
    "EXPERIMENT_METRICS",
    "INTERVAL_DAYS",
    "Intervals",
    "LOWER_IS_BETTER",
    "MIN_CHANGE",
    "MIN_SIDE",
    "NEGLECT_AFTER",
    "TALK_IDEAL",
    "TALK_MAX",
    "TOLERANCE_DAYS",
    "VERDICTS",
    "WINDOW",
    "AgendaOwnership",
    "Cadence",
    "ExperimentEffect",
    "FollowThrough",
    "Gap",
    "NeedUse",
    "NeedsByMonth",
    "NeedsRotation",
    "PerceptionGap",
    "Selected",
    "Summary",
    "Tally",
    "Trend",
    "agenda_ownership",
    "cadence",
    "commitment_state",
    "experiment_effect",
    "follow_through",
    "interval_for",
    "metric_points",
    "needs_by_month",
    "needs_rotation",
    "people",
    "perception_gap",
    "rolling_mean",
    "summarise",
    "talk_band",
    "talk_share",
]
