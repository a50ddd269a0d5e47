"""The experiment chart: a metric before and during an experiment, the period marked.

Holds what it computes (:class:`ExperimentData`, :func:`compute_experiment`), how it draws
(:func:`draw_experiment`) and the words for its values and verdict; its spec is in :mod:`.specs`.
"""

from __future__ import annotations

import datetime as _dt
import textwrap
from dataclasses import dataclass

from ..insight import metrics as M
from ..labels import EFFECT_KEY, METRIC_KEY
from ..model import Experiment
from . import style as s
from .data import ChartInput

# How each experiment metric is drawn: (scale to the axis, axis kind).
_SCALE = {
    "talk_share": (1.0, "percent"),
    "agenda_ownership": (100.0, "percent"),
    "cadence": (100.0, "percent"),
    "follow_through": (100.0, "percent"),
    "needs_rotation": (1.0, "count"),
    "employee_rating": (1.0, "rating"),
    "leader_rating": (1.0, "rating"),
}
_BINARY = {"agenda_ownership", "cadence", "follow_through"}


def pick_experiment(
    experiments: tuple[Experiment, ...], today: _dt.date, uid: str | None = None
) -> Experiment | None:
    """The experiment with ``uid``; else the latest one already started; else the next one."""
    if uid is not None:
        return next((e for e in experiments if e.uid == uid), None)
    started = [e for e in experiments if e.start <= today]
    if started:
        return max(started, key=lambda e: (e.start, e.end))
    return min(experiments, key=lambda e: e.start, default=None)


@dataclass(frozen=True)
class ExperimentData:
    """The effect of the experiment shown (None when there is none), and its metric over the
    whole history (for the rolling line; empty when the experiment has no points)."""

    effect: M.ExperimentEffect | None
    history: tuple[M.Point, ...] = ()


def compute_experiment(d: ChartInput) -> ExperimentData:
    """The chosen experiment's effect, and its metric's points over the whole log."""
    chosen = pick_experiment(d.experiments, d.today, d.experiment)
    if chosen is None:
        return ExperimentData(None)
    effect = M.experiment_effect(
        chosen,
        d.meetings,
        today=d.today,
        commitments=d.commitments,
        interval_days=d.interval_days,
    )
    if not effect.points:
        return ExperimentData(effect)
    history = M.metric_points(
        effect.metric,
        d.meetings,
        today=d.today,
        commitments=d.commitments,
        interval_days=d.interval_days,
    )
    return ExperimentData(effect, tuple(history))


def value_text(d: ChartInput, metric: str, value: float | None) -> str:
    """A metric value for people: a percentage, a rating or a count."""
    if value is None:
        return "–"
    scale, kind = _SCALE[metric]
    if kind == "percent":
        return d.pct(value * scale / 100)
    return d.num(value)


def verdict_text(d: ChartInput, effect: M.ExperimentEffect) -> str:
    return d.tr(EFFECT_KEY[effect.verdict], min_n=M.MIN_SIDE)


def draw_experiment(ax, d: ChartInput, data: ExperimentData) -> None:
    """The chosen metric around one experiment: before window, experiment period, means."""
    heading_key = "chart.experiment.title"
    effect = data.effect
    if effect is None:
        return s.message(ax, d.tr("chart.empty.no_experiment"), d.heading(heading_key))
    metric_name = d.tr(METRIC_KEY[effect.metric])
    what = textwrap.shorten(effect.what, 70 if not d.compact else 45, placeholder="…")
    heading = d.tr(heading_key) + f": {metric_name}\n“{what}”"
    if not effect.points:
        return s.message(ax, d.tr("chart.empty.no_experiment_data", metric=metric_name), heading)
    scale, kind = _SCALE[effect.metric]
    ax.axvspan(
        s.to_num(effect.baseline_start),
        s.to_num(effect.start),
        facecolor=s.LIGHT,
        alpha=0.6,
        linewidth=0,
        label=d.tr("chart.experiment.before_window"),
    )
    ax.axvspan(
        s.to_num(effect.start),
        s.to_num(effect.end),
        label=d.tr("chart.experiment.period"),
        **s.PERIOD,
    )
    dates = [p[0] for p in effect.points]
    xs = [s.to_num(x) for x in dates]
    values = [p[1] * scale for p in effect.points]
    if effect.metric not in _BINARY:
        ax.plot(
            xs,
            values,
            linestyle="none",
            marker="o",
            markerfacecolor="none",
            markersize=4,
            color=s.GREY,
            label=d.tr("chart.each_meeting"),
        )
    # The rolling mean runs over the whole history, so its first points are not artefacts.
    history = data.history
    rolling = M.rolling_mean([v * scale for _, v in history])
    shown = [
        (s.to_num(day), r)
        for (day, _), r in zip(history, rolling, strict=True)
        if day >= effect.baseline_start
    ]
    ax.plot(
        [x for x, _ in shown],
        [r for _, r in shown],
        color=s.BLUE,
        linewidth=1.6,
        label=d.tr("chart.rolling", window=M.WINDOW),
    )
    sides = (
        (
            effect.before,
            effect.before_n,
            effect.baseline_start,
            effect.start,
            "chart.experiment.before",
            s.BLACK,
            "--",
        ),
        (
            effect.during,
            effect.during_n,
            effect.start,
            min(effect.end, d.today),
            "chart.experiment.during",
            s.VERMILLION,
            "-",
        ),
        (
            effect.after,
            effect.after_n,
            effect.end,
            d.today,
            "chart.experiment.after",
            s.PURPLE,
            ":",
        ),
    )
    for mean, n, x0, x1, side_key, colour, style in sides:
        if mean is not None and x1 > x0:
            label = d.tr(side_key, value=value_text(d, effect.metric, mean), n=n)
            ax.hlines(
                mean * scale,
                s.to_num(x0),
                s.to_num(x1),
                colors=colour,
                linestyles=style,
                linewidth=3,
                label=label,
            )
    s.style_axes(ax)
    s.date_axis(
        ax, effect.baseline_start, max(effect.end, dates[-1]), d.lang, 3 if d.compact else 7
    )
    if kind == "percent":
        s.percent_axis(ax)
    elif kind == "rating":
        ax.set_ylim(0.8, 5.2)
        ax.set_yticks([1, 2, 3, 4, 5])
    else:
        ax.set_ylim(-0.3, len(M.NEEDS) + 0.3)
    ax.set_ylabel(metric_name, fontsize=s.LABEL_SIZE)
    ax.set_xlabel(verdict_text(d, effect), fontsize=s.LABEL_SIZE, fontweight="bold")
    s.legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2 if d.compact else 3)
    s.title(ax, heading)
