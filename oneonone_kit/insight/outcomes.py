"""Outcome metrics of :mod:`oneonone_kit.insight.metrics`: follow-through, ratings, experiment effects."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import COMMITMENT_OWNERS, EXPERIMENT_METRICS, Commitment, Experiment, Meeting
from .selection import (
    INTERVAL_DAYS,
    MIN_SIDE,
    TOLERANCE_DAYS,
    WINDOW,
    Intervals,
    Point,
    Trend,
    held,
    interval_for,
    mean,
    rolling_mean,
    select,
    trend,
)

# The smallest change an experiment verdict treats as real, in each metric's own unit.
MIN_CHANGE = {
    "talk_share": 5.0,
    "agenda_ownership": 0.1,
    "cadence": 0.1,
    "follow_through": 0.1,
    "needs_rotation": 0.5,
    "employee_rating": 0.3,
    "leader_rating": 0.3,
}
LOWER_IS_BETTER = frozenset({"talk_share"})
VERDICTS = ("too_few", "better", "worse", "no_clear_change")
# Which way leader and employee ratings differ; a mean gap within GAP_SAME_WITHIN points (1-5
# scale) reads as the same.
GAP_DIRECTIONS = ("higher", "lower", "same")
GAP_SAME_WITHIN = 0.05


@dataclass(frozen=True)
class Tally:
    """Commitments by state; ``due`` = kept + not kept + overdue.

    Decision: a commitment still open after its due date is *overdue*, and overdue counts as
    not kept in ``rate`` (an agreement that slid past its date was not kept on time). A
    commitment marked kept or not kept is judged even before its due date. Open ones that
    are not due yet, or have no due date, are not judged.
    """

    kept: int = 0
    not_kept: int = 0
    overdue: int = 0
    open: int = 0

    @property
    def due(self) -> int:
        return self.kept + self.not_kept + self.overdue

    @property
    def rate(self) -> float | None:
        return self.kept / self.due if self.due else None


@dataclass(frozen=True)
class FollowThrough:
    """Commitments kept out of those due, overall and by owner, and a rolling series over
    judged commitments, dated by due date (or their meeting's date when undated)."""

    total: Tally
    by_owner: dict[str, Tally]
    trend: Trend


def commitment_state(c: Commitment, *, today: _dt.date) -> str:
    """``kept``, ``not_kept``, ``overdue`` (open, due on or before today) or ``open``."""
    if c.kept is not None:
        return "kept" if c.kept else "not_kept"
    return "overdue" if c.due is not None and c.due <= today else "open"


def _tally(states: Iterable[str]) -> Tally:
    counts = dict.fromkeys(("kept", "not_kept", "overdue", "open"), 0)
    for state in states:
        counts[state] += 1
    return Tally(**counts)


def _judged_points(commitments, today, meetings) -> list[Point]:
    made: dict[str, _dt.date] | None = None  # built only if a commitment has no due date
    pairs = []
    for c in commitments:
        state = commitment_state(c, today=today)
        when = c.due
        if when is None and c.meeting is not None:
            if made is None:
                made = {m.uid: m.date for m in meetings}
            when = made.get(c.meeting)
        if state != "open" and when is not None:
            pairs.append(Point(min(when, today), 1.0 if state == "kept" else 0.0))
    pairs.sort(key=lambda p: p.date)
    return pairs


def follow_through(
    commitments: Iterable[Commitment],
    *,
    today: _dt.date,
    meetings: Iterable[Meeting] = (),
    window: int = WINDOW,
    person: str | None = None,
) -> FollowThrough:
    """Kept / due, by owner and rolling; ``meetings`` only date commitments without a due date."""
    chosen = [c for c in commitments if person is None or c.person == person]
    states = [(c.owner, commitment_state(c, today=today)) for c in chosen]
    by_owner = {owner: _tally(s for o, s in states if o == owner) for owner in COMMITMENT_OWNERS}
    pairs = _judged_points(chosen, today, meetings)
    return FollowThrough(_tally(s for _, s in states), by_owner, trend(pairs, window=window))


@dataclass(frozen=True)
class PerceptionGap:
    """Leader's rating minus employee's rating, over held meetings rated by both (1-5 scale).

    A positive ``mean_gap`` means the leader rates the meetings higher than the employee.
    """

    dates: tuple[_dt.date, ...]
    leader: tuple[int, ...]
    employee: tuple[int, ...]
    gaps: tuple[int, ...]
    rolling_gap: tuple[float, ...]
    leader_only: int  # held meetings the leader rated but the employee did not

    @property
    def n(self) -> int:
        return len(self.gaps)

    @property
    def mean_gap(self) -> float | None:
        return mean(self.gaps)

    @property
    def direction(self) -> str:
        """``"higher"`` (the leader rates the meetings higher), ``"lower"`` or ``"same"``."""
        gap = self.mean_gap or 0.0
        return "higher" if gap > GAP_SAME_WITHIN else "lower" if gap < -GAP_SAME_WITHIN else "same"

    @property
    def mean_leader(self) -> float | None:
        return mean(self.leader)

    @property
    def mean_employee(self) -> float | None:
        return mean(self.employee)


def perception_gap(
    meetings: Iterable[Meeting],
    *,
    window: int = WINDOW,
    person: str | None = None,
    today: _dt.date | None = None,
) -> PerceptionGap:
    """Compare the two ratings where both exist."""
    rows = held(select(meetings, person=person, today=today))
    both = [m for m in rows if m.leader_rating is not None and m.employee_rating is not None]
    gaps = tuple(m.leader_rating - m.employee_rating for m in both)
    return PerceptionGap(
        dates=tuple(m.date for m in both),
        leader=tuple(m.leader_rating for m in both),
        employee=tuple(m.employee_rating for m in both),
        gaps=gaps,
        rolling_gap=rolling_mean(gaps, window=window),
        leader_only=sum(m.leader_rating is not None and m.employee_rating is None for m in rows),
    )


def _on_time_points(ms: list[Meeting], interval_days: Intervals) -> list[Point]:
    last: dict[str, _dt.date] = {}
    pairs = []
    for m in held(ms):
        before = last.get(m.person)
        if before is not None:
            limit = interval_for(interval_days, person=m.person) + TOLERANCE_DAYS
            pairs.append(Point(m.date, 1.0 if (m.date - before).days <= limit else 0.0))
        last[m.person] = m.date
    return pairs


def metric_points(
    metric: str,
    meetings: Iterable[Meeting],
    *,
    today: _dt.date,
    commitments: Iterable[Commitment] = (),
    interval_days: Intervals = INTERVAL_DAYS,
    person: str | None = None,
) -> list[Point]:
    """One :class:`Point` ``(date, value)`` per item for an experiment metric, oldest first.

    Held meetings carry ``talk_share`` (%), ``agenda_ownership`` (1 employee/shared, 0
    leader), ``needs_rotation`` (needs covered), ``leader_rating``/``employee_rating``, and
    ``cadence`` (1 when the meeting came on time after the person's previous held meeting).
    ``follow_through`` uses judged commitments instead (1 kept, 0 not kept or overdue).
    """
    if metric not in EXPERIMENT_METRICS:
        raise ValueError(
            f"Unknown metric {metric!r}: choose one of {', '.join(EXPERIMENT_METRICS)}."
        )
    ms = select(meetings, person=person, today=today)
    if metric == "follow_through":
        chosen = [c for c in commitments if person is None or c.person == person]
        return _judged_points(chosen, today, ms)
    if metric == "cadence":
        return _on_time_points(ms, interval_days)
    pairs = []
    for m in held(ms):
        if metric == "agenda_ownership":
            value = None if m.agenda_by is None else float(m.agenda_by != "leader")
        elif metric == "needs_rotation":
            value = float(len(m.needs))
        else:
            value = getattr(m, metric)
        if value is not None:
            pairs.append(Point(m.date, float(value)))
    return pairs


@dataclass(frozen=True)
class ExperimentEffect:
    """A metric before an experiment and during it (and after it, for information).

    *Before* is a window as long as the experiment, ending the day before ``start``; *during*
    runs from ``start`` to ``end`` (or ``today`` if sooner); *after* from ``end`` to
    ``today``. ``verdict`` is ``too_few`` when before or during has fewer than ``min_n``
    items, else ``better``/``worse`` when the change is at least :data:`MIN_CHANGE` for the
    metric in the good/bad direction (lower talk share is better), else ``no_clear_change``.
    """

    uid: str
    what: str
    metric: str
    baseline_start: _dt.date
    start: _dt.date
    end: _dt.date
    before_n: int
    during_n: int
    after_n: int
    before: float | None
    during: float | None
    after: float | None
    verdict: str
    points: tuple[Point, ...]

    @property
    def change(self) -> float | None:
        if self.before is None or self.during is None:
            return None
        return self.during - self.before


def experiment_effect(
    experiment: Experiment,
    meetings: Iterable[Meeting],
    *,
    today: _dt.date,
    commitments: Iterable[Commitment] = (),
    person: str | None = None,
    min_n: int = MIN_SIDE,
    interval_days: Intervals = INTERVAL_DAYS,
) -> ExperimentEffect:
    """Compare ``experiment.metric`` before and during ``experiment``."""
    start, end = experiment.start, experiment.end
    baseline_start = start - (end - start)
    chosen = select(meetings, person=person, today=today)
    if experiment.metric != "cadence":  # other values do not depend on earlier meetings
        chosen = [m for m in chosen if m.date >= baseline_start]
    points = [
        p
        for p in metric_points(
            experiment.metric,
            chosen,
            today=today,
            commitments=commitments,
            interval_days=interval_days,
            person=person,
        )
        if p.date >= baseline_start
    ]
    before = [p.value for p in points if p.date < start]
    during = [p.value for p in points if start <= p.date <= end]
    after = [p.value for p in points if p.date > end]
    b, d = mean(before), mean(during)
    if len(before) < min_n or len(during) < min_n:
        verdict = "too_few"
    elif abs(d - b) < MIN_CHANGE[experiment.metric]:
        verdict = "no_clear_change"
    else:
        lower = experiment.metric in LOWER_IS_BETTER
        verdict = "better" if (d < b) == lower else "worse"
    return ExperimentEffect(
        uid=experiment.uid,
        what=experiment.what,
        metric=experiment.metric,
        baseline_start=baseline_start,
        start=start,
        end=end,
        before_n=len(before),
        during_n=len(during),
        after_n=len(after),
        before=b,
        during=d,
        after=mean(after),
        verdict=verdict,
        points=tuple(points),
    )


PACE_WEEKS = 8  # people met in this many weeks before today set the expected pace


def expected_per_day(
    meetings: Iterable[Meeting], *, today: _dt.date, interval_days: Intervals = INTERVAL_DAYS
) -> float:
    """Meetings to expect per day at each person's cadence, over the people met lately.

    The people with a held meeting in the :data:`PACE_WEEKS` weeks up to ``today`` count (all
    people in the log when none has); with nobody in the log, one person weekly.
    """
    ms = held(select(meetings, today=today))
    since = today - _dt.timedelta(weeks=PACE_WEEKS)
    recent = {m.person for m in ms if m.date >= since} or {m.person for m in ms}
    if not recent:
        return 1 / interval_for(interval_days, person=None)
    return sum(1 / interval_for(interval_days, person=p) for p in recent)


@dataclass(frozen=True)
class Readiness:
    """What an experiment review still needs before it can judge.

    ``before_needed`` and ``during_needed`` are the items each side is short of ``min_n``.
    ``judge_from`` is the first day the during side can have enough at the expected pace
    (``today`` when it has enough already); ``too_late`` when that day is after the end.
    """

    before_needed: int
    during_needed: int
    judge_from: _dt.date
    too_late: bool

    @property
    def ready(self) -> bool:
        return not (self.before_needed or self.during_needed)


def readiness(
    effect: ExperimentEffect, *, today: _dt.date, per_day: float, min_n: int = MIN_SIDE
) -> Readiness:
    """How many items each side of ``effect`` still needs, and from which day it can judge.

    Missing *before* items can be logged from memory at once (past dates); missing *during*
    items come at ``per_day`` (see :func:`expected_per_day`) from the start or today.
    """
    before = max(0, min_n - effect.before_n)
    during = max(0, min_n - effect.during_n)
    judge_from = today
    if during:
        base = max(today, effect.start)
        judge_from = base + _dt.timedelta(days=math.ceil(during / per_day))
    return Readiness(before, during, judge_from, during > 0 and judge_from > effect.end)
