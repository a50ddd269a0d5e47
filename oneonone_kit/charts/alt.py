"""One-sentence descriptions of each chart, for the ``alt`` of its image (no matplotlib)."""

from __future__ import annotations

from ..i18n import format_date
from ..insight import metrics as M
from .parts import ChartInput


def _empty(d: ChartInput, title: str) -> str:
    return d.tr("chart.alt.empty", chart=title, reason=d.no_data_text())


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def describe(name: str, d: ChartInput, title: str) -> str:
    """What chart ``name`` shows for input ``d``, in one sentence in ``d.lang``."""
    ms = d.meetings
    if name == "experiment":
        from .experiment import effect_for, value_text, verdict_text

        effect = effect_for(d)
        if effect is None:
            return d.tr("chart.alt.empty", chart=title, reason=d.tr("chart.empty.no_experiment"))
        return d.tr(
            "chart.alt.experiment",
            metric=d.tr(f"metric.{effect.metric}"),
            what=effect.what.rstrip(". "),
            before=value_text(d, effect.metric, effect.before),
            before_n=effect.before_n,
            during=value_text(d, effect.metric, effect.during),
            during_n=effect.during_n,
            verdict=_lower_first(verdict_text(d, effect)),
        )
    if name == "follow_through":
        follow = M.follow_through(d.commitments, d.today, ms).total
        if not follow.due:
            key = "chart.empty.none_due" if d.commitments else "chart.empty.no_commitments"
            return d.tr("chart.alt.empty", chart=title, reason=d.tr(key))
        return d.tr(
            "chart.alt.follow_through",
            kept=follow.kept,
            due=follow.due,
            rate=d.pct(follow.rate),
            overdue=follow.overdue,
        )
    if not ms or (name != "cadence" and not any(m.held for m in ms)):
        return _empty(d, title)
    if name in ("dashboard", "cadence"):
        c = M.cadence(ms, d.today, d.interval_days)
        values = dict(
            total=len(ms),
            people=len(M.people(ms)),
            held=c.held,
            rescheduled=c.rescheduled,
            cancelled=c.cancelled,
            gaps=len(c.gaps),
            start=format_date(ms[0].date, d.lang, weekday=False),
            end=format_date(d.today, d.lang, weekday=False),
        )
        return d.tr(f"chart.alt.{name}", **values)
    if name == "needs":
        rotation = M.needs_rotation(ms, today=d.today)
        months = len(M.needs_by_month(ms, today=d.today).months)
        if not rotation.neglected:
            return d.tr("chart.alt.needs_all", months=months, count=rotation.neglect_after)
        neglected = ", ".join(d.tr(f"need.{n}") for n in rotation.neglected)
        return d.tr(
            "chart.alt.needs", months=months, neglected=neglected, count=rotation.neglect_after
        )
    if name == "agenda":
        agenda = M.agenda_ownership(ms, today=d.today).trend
        if not agenda.n:
            return _empty_key(d, title, "chart.empty.no_agenda")
        return d.tr(
            "chart.alt.agenda", n=agenda.n, latest=d.pct(agenda.latest), window=agenda.window
        )
    if name == "talk_share":
        talk = M.talk_share(ms, today=d.today)
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
    gap = M.perception_gap(ms, today=d.today)
    if not gap.n:
        return _empty_key(d, title, "chart.empty.no_ratings")
    mean_gap = gap.mean_gap or 0.0
    key = "higher" if mean_gap > 0.05 else "lower" if mean_gap < -0.05 else "same"
    return d.tr(f"chart.alt.perception_{key}", n=gap.n, gap=d.num(abs(mean_gap)))


def _empty_key(d: ChartInput, title: str, key: str) -> str:
    return d.tr("chart.alt.empty", chart=title, reason=d.tr(key))
