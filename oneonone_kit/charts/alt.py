"""One-sentence descriptions of each chart, for the ``alt`` of its image (no matplotlib).

One ``describe_*`` per chart, the ``describe`` of its spec in :mod:`.specs`: each takes the
:class:`~.data.ChartInput`, the data the spec computed and the chart's title, and returns one
sentence in ``d.lang``.
"""

from __future__ import annotations

from ..i18n import format_date
from ..insight import metrics as M
from ..labels import METRIC_KEY, NEED_KEY, PERCEPTION_ALT_KEY
from .data import CadenceData, ChartInput, NeedsData
from .experiment import ExperimentData, value_text, verdict_text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _empty_key(d: ChartInput, title: str, key: str) -> str:
    return d.tr("chart.alt.empty", chart=title, reason=d.tr(key))


def _no_held(d: ChartInput, title: str) -> str | None:
    """The empty sentence when no meeting was logged or none was held, else None."""
    if not d.meetings or not any(m.held for m in d.meetings):
        return d.tr("chart.alt.empty", chart=title, reason=d.no_data_text())
    return None


def _describe_cadence(key: str, d: ChartInput, c: M.Cadence) -> str:
    ms = d.meetings
    return d.tr(
        key,
        total=len(ms),
        people=len(M.people(ms)),
        held=c.held,
        rescheduled=c.rescheduled,
        cancelled=c.cancelled,
        gaps=len(c.gaps),
        start=format_date(ms[0].date, d.lang, weekday=False),
        end=format_date(d.today, d.lang, weekday=False),
    )


def describe_dashboard(d: ChartInput, data: dict[str, object], title: str) -> str:
    """The dashboard: the log's size and cadence (its panels have their own views)."""
    empty = _no_held(d, title)
    if empty is not None:
        return empty
    return _describe_cadence("chart.alt.dashboard", d, data["cadence"].overall)


def describe_cadence(d: ChartInput, data: CadenceData, title: str) -> str:
    if not d.meetings:  # a log of only cancelled meetings still has a cadence
        return d.tr("chart.alt.empty", chart=title, reason=d.no_data_text())
    return _describe_cadence("chart.alt.cadence", d, data.overall)


def describe_needs(d: ChartInput, data: NeedsData, title: str) -> str:
    empty = _no_held(d, title)
    if empty is not None:
        return empty
    rotation, months = data.rotation, len(data.by_month.months)
    if not rotation.neglected:
        return d.tr("chart.alt.needs_all", months=months, count=rotation.neglect_after)
    neglected = ", ".join(d.tr(NEED_KEY[n]) for n in rotation.neglected)
    return d.tr("chart.alt.needs", months=months, neglected=neglected, count=rotation.neglect_after)


def describe_agenda(d: ChartInput, data: M.AgendaOwnership, title: str) -> str:
    empty = _no_held(d, title)
    if empty is not None:
        return empty
    agenda = data.trend
    if not agenda.n:
        return _empty_key(d, title, "chart.empty.no_agenda")
    return d.tr("chart.alt.agenda", n=agenda.n, latest=d.pct(agenda.latest), window=agenda.window)


def describe_talk_share(d: ChartInput, talk: M.Trend, title: str) -> str:
    empty = _no_held(d, title)
    if empty is not None:
        return empty
    if not talk.n:
        return _empty_key(d, title, "chart.empty.no_talk")
    low, high = M.TALK_IDEAL
    return d.tr(
        "chart.alt.talk_share",
        n=talk.n,
        latest=d.pct(talk.latest / 100),
        low=low,
        high=high,
        limit=M.TALK_MAX,
    )


def describe_follow_through(d: ChartInput, data: M.FollowThrough, title: str) -> str:
    follow = data.total
    if not follow.due:
        key = "chart.empty.none_due" if d.commitments else "chart.empty.no_commitments"
        return _empty_key(d, title, key)
    return d.tr(
        "chart.alt.follow_through",
        kept=follow.kept,
        count=follow.due,
        rate=d.pct(follow.rate),
        overdue=follow.overdue,
    )


def describe_perception(d: ChartInput, gap: M.PerceptionGap, title: str) -> str:
    empty = _no_held(d, title)
    if empty is not None:
        return empty
    if not gap.n:
        return _empty_key(d, title, "chart.empty.no_ratings")
    mean_gap = gap.mean_gap or 0.0
    return d.tr(PERCEPTION_ALT_KEY[gap.direction], count=gap.n, gap=d.num(abs(mean_gap)))


def describe_experiment(d: ChartInput, data: ExperimentData, title: str) -> str:
    effect = data.effect
    if effect is None:
        return _empty_key(d, title, "chart.empty.no_experiment")
    return d.tr(
        "chart.alt.experiment",
        metric=d.tr(METRIC_KEY[effect.metric]),
        what=effect.what.rstrip(". "),
        before=value_text(d, effect.metric, effect.before),
        before_n=effect.before_n,
        during=value_text(d, effect.metric, effect.during),
        during_n=effect.during_n,
        verdict=_lower_first(verdict_text(d, effect)),
    )
