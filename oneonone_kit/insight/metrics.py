"""How the one-on-one log develops over time: the metrics' public face, agenda and talk share.

Pure functions over :mod:`oneonone_kit.model` records: records in, small frozen dataclasses
out. This module holds agenda ownership, talk share and :func:`summarise`, and re-exports the
rest: :mod:`.cadence` (cadence and gaps), :mod:`.needs` (the seven needs), :mod:`.outcomes`
(follow-through, ratings, experiment effects) and :mod:`.selection` (defaults, selection,
rolling series). ``today``, ``person`` and ``window`` are keyword-only everywhere. No widgets, no store, no matplotlib, and no hidden clock: where time matters the caller
passes ``today`` (usually :func:`oneonone_kit.env.today`), and meetings dated after ``today``
are left out. ``person=None`` means everyone together; rolling windows count held meetings
(or resolved commitments), not calendar weeks. :func:`summarise` computes everything at once.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import EXPERIMENT_METRICS, NEEDS, Commitment, Experiment, Meeting
from .cadence import Cadence, Gap, cadence
from .needs import NeedsByMonth, NeedsRotation, NeedUse, needs_by_month, needs_rotation
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
    INTERVAL_DAYS,
    MIN_SIDE,
    NEGLECT_AFTER,
    TALK_IDEAL,
    TALK_MAX,
    TOLERANCE_DAYS,
    WINDOW,
    Intervals,
    Point,
    Selected,
    Trend,
    held,
    interval_for,
    people,
    rolling_mean,
    select,
    trend,
)

# ---------------------------------------------------------------- agenda and talk share


@dataclass(frozen=True)
class AgendaOwnership:
    """Who set the agenda of held meetings. ``trend`` values are 1.0 when the employee set it
    or shared it, 0.0 when the leader did; meetings without ``agenda_by`` are left out."""

    counts: dict[str, int]
    trend: Trend


def agenda_ownership(
    meetings: Iterable[Meeting],
    *,
    window: int = WINDOW,
    person: str | None = None,
    today: _dt.date | None = None,
) -> AgendaOwnership:
    """Share of held meetings whose agenda the employee set or co-set, rolling."""
    rows = [m for m in held(select(meetings, person=person, today=today)) if m.agenda_by]
    counts = {"employee": 0, "shared": 0, "leader": 0}
    for m in rows:
        counts[m.agenda_by] = counts.get(m.agenda_by, 0) + 1
    pairs = [(m.date, 0.0 if m.agenda_by == "leader" else 1.0) for m in rows]
    return AgendaOwnership(counts, trend(pairs, window=window))


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
    *,
    window: int = WINDOW,
    person: str | None = None,
    today: _dt.date | None = None,
) -> Trend:
    """The leader's estimated share of talking (0-100%) in held meetings, rolling.

    Judge ``trend.latest`` with :func:`talk_band`.
    """
    pairs = [
        (m.date, float(m.talk_share))
        for m in held(select(meetings, person=person, today=today))
        if m.talk_share is not None
    ]
    return trend(pairs, window=window)


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


@dataclass(frozen=True)
class LogSummary:
    """Every metric of the log: ``overall``, per person (``people``, sorted by name) and per
    experiment (``experiments``, in the order given)."""

    overall: Summary
    people: dict[str, Summary]
    experiments: tuple[ExperimentEffect, ...]


def _summary(ms, cs, *, today, interval_days, window, neglect_after) -> Summary:
    return Summary(
        cadence=cadence(ms, today=today, interval_days=interval_days),
        needs=needs_rotation(ms, neglect_after=neglect_after, today=today),
        agenda=agenda_ownership(ms, window=window, today=today),
        talk=talk_share(ms, window=window, today=today),
        follow=follow_through(cs, today=today, meetings=ms, window=window),
        perception=perception_gap(ms, window=window, today=today),
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
) -> LogSummary:
    """All metrics at once, overall, per person and per experiment."""
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
    options = dict(
        today=today, interval_days=interval_days, window=window, neglect_after=neglect_after
    )
    return LogSummary(
        overall=_summary(ms, cs, **options),
        people={
            name: _summary(by_person[name], cs_by_person.get(name, []), **options)
            for name in people(ms)
        },
        experiments=tuple(
            experiment_effect(e, ms, today=today, commitments=cs, interval_days=interval_days)
            for e in experiments
        ),
    )


__all__ = [
    "AGENDA_TARGET",
    "EXPERIMENT_METRICS",
    "INTERVAL_DAYS",
    "Intervals",
    "LOWER_IS_BETTER",
    "MIN_CHANGE",
    "MIN_SIDE",
    "NEEDS",
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
    "LogSummary",
    "NeedUse",
    "NeedsByMonth",
    "NeedsRotation",
    "PerceptionGap",
    "Point",
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
