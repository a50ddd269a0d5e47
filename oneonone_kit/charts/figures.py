"""Charts of the one-on-one log: records in, ``matplotlib.figure.Figure`` out.

Figures are built with ``matplotlib.figure.Figure`` directly (never pyplot), so they work
on any backend and nothing stays registered after use; matplotlib is imported inside the
functions, so ``import oneonone_kit.charts.figures`` stays cheap. Colours follow the Okabe-Ito
palette and every series also differs in marker, line style or hatch (greyscale-safe).
Empty and tiny logs get a friendly sentence inside the figure instead of an error.

The UI and CLI call :func:`figure_by_name`, :func:`figure_to_png` and :func:`alt_text`.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..i18n import check_lang, format_date, t
from ..insight import metrics as M
from ..model import Commitment, Experiment, Meeting

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .parts import ChartInput

CHART_NAMES: tuple[str, ...] = (
    "dashboard",
    "cadence",
    "needs",
    "agenda",
    "talk_share",
    "follow_through",
    "perception",
    "experiment",
)
_TITLE_KEYS = {
    "dashboard": "chart.dashboard.title",
    "cadence": "chart.cadence.title",
    "needs": "chart.needs.title",
    "agenda": "chart.agenda.title",
    "talk_share": "chart.talk.title",
    "follow_through": "chart.follow.title",
    "perception": "chart.perception.title",
    "experiment": "chart.experiment.title",
}
# The dashboard's panels, in reading order (two rows of three).
DASHBOARD_PANELS = ("cadence", "talk_share", "agenda", "needs", "follow_through", "perception")


def _check_name(name: str) -> str:
    if name not in CHART_NAMES:
        raise ValueError(f"Unknown chart {name!r}: choose one of {', '.join(CHART_NAMES)}.")
    return name


def chart_input(
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment] = (),
    experiments: Iterable[Experiment] = (),
    lang: str | None = "en",
    today: _dt.date | None = None,
    person: str | None = None,
    *,
    interval_days: M.Intervals = M.INTERVAL_DAYS,
    experiment: str | None = None,
    compact: bool = False,
) -> ChartInput:
    """Narrow the records to ``person`` and ``today`` once, for any chart."""
    from .. import env
    from .parts import ChartInput

    day = today or env.today()
    return ChartInput(
        meetings=tuple(M.select(meetings, person, day)),
        commitments=tuple(c for c in commitments if person is None or c.person == person),
        experiments=tuple(experiments),
        today=day,
        lang=check_lang(lang),
        person=person,
        interval_days=interval_days,
        experiment=experiment,
        compact=compact,
    )


def _drawer(name: str):
    from . import experiment as e
    from . import parts as p

    return {
        "cadence": p.draw_cadence,
        "needs": p.draw_needs,
        "agenda": p.draw_agenda,
        "talk_share": p.draw_talk_share,
        "follow_through": p.draw_follow_bars,
        "perception": p.draw_perception,
        "experiment": e.draw_experiment,
    }[name]


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained", facecolor="white")


def _single(name: str, d: ChartInput) -> Figure:
    from .parts import MAX_ROWS, draw_follow_trend

    if name == "cadence":
        rows = min(len(M.people(d.meetings)), MAX_ROWS)
        fig = _new_figure(10, 2.2 + 0.75 * max(rows, 1))
    elif name == "follow_through":
        fig = _new_figure(11, 4.4)
        left, right = fig.subplots(1, 2, width_ratios=(1.1, 1))
        _drawer(name)(left, d)
        draw_follow_trend(right, d)
        return fig
    else:
        fig = _new_figure(9, 5.4 if name in ("needs", "experiment") else 4.6)
    _drawer(name)(fig.add_subplot(), d)
    return fig


def _dashboard(d: ChartInput) -> Figure:
    from dataclasses import replace

    from . import style as s

    heading = t("chart.dashboard.title", d.lang)
    if d.person:
        heading += f" · {d.person}"
    if not d.meetings:
        fig = _new_figure(10, 3.6)
        s.message(fig.add_subplot(), d.no_data_text(), heading)
        return fig
    fig = _new_figure(16, 9.6)
    period = t(
        "chart.dashboard.period",
        d.lang,
        start=format_date(d.meetings[0].date, d.lang, weekday=False),
        end=format_date(d.today, d.lang, weekday=False),
    )
    fig.suptitle(f"{heading} — {period}", fontsize=14, fontweight="bold", x=0.01, ha="left")
    panel = replace(d, compact=True)
    for ax, name in zip(fig.subplots(2, 3).flat, DASHBOARD_PANELS, strict=True):
        _drawer(name)(ax, panel)
    return fig


def figure_by_name(
    name: str,
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment] = (),
    experiments: Iterable[Experiment] = (),
    lang: str | None = "en",
    today: _dt.date | None = None,
    person: str | None = None,
    **options: Any,
) -> Figure:
    """The chart ``name`` (one of :data:`CHART_NAMES`) as a new Figure.

    ``options`` go to :func:`chart_input`: ``interval_days`` (days, or person -> days) and
    ``experiment`` (uid of the experiment to show; default the latest one started).
    Raises ``ValueError`` for an unknown name.
    """
    _check_name(name)
    d = chart_input(meetings, commitments, experiments, lang, today, person, **options)
    return _dashboard(d) if name == "dashboard" else _single(name, d)


def dashboard(
    meetings, commitments=(), experiments=(), lang="en", today=None, person=None, **options
) -> Figure:
    """The six most telling charts on one figure."""
    return figure_by_name(
        "dashboard", meetings, commitments, experiments, lang, today, person, **options
    )


def cadence_chart(meetings, lang="en", today=None, person=None, **options) -> Figure:
    """Timeline per person: held, rescheduled, cancelled; gaps hatched."""
    return figure_by_name("cadence", meetings, (), (), lang, today, person, **options)


def needs_rotation_chart(meetings, lang="en", today=None, person=None) -> Figure:
    """Heatmap need × month."""
    return figure_by_name("needs", meetings, (), (), lang, today, person)


def agenda_chart(meetings, lang="en", today=None, person=None) -> Figure:
    """Rolling agenda ownership with its target band."""
    return figure_by_name("agenda", meetings, (), (), lang, today, person)


def talk_share_chart(meetings, lang="en", today=None, person=None) -> Figure:
    """Leader's talk share with the ideal band and the 50% limit."""
    return figure_by_name("talk_share", meetings, (), (), lang, today, person)


def follow_through_chart(meetings, commitments, lang="en", today=None, person=None) -> Figure:
    """Commitments kept by owner, and kept over time."""
    return figure_by_name("follow_through", meetings, commitments, (), lang, today, person)


def perception_chart(meetings, lang="en", today=None, person=None) -> Figure:
    """Leader's and employee's ratings side by side over time."""
    return figure_by_name("perception", meetings, (), (), lang, today, person)


def experiment_chart(
    meetings, experiments, commitments=(), lang="en", today=None, person=None, **options
) -> Figure:
    """One experiment's metric before and during it."""
    return figure_by_name(
        "experiment", meetings, commitments, experiments, lang, today, person, **options
    )


def figure_to_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (for an ``<img>`` or ``ipywidgets.Image``)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def alt_text(
    name: str,
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment] = (),
    experiments: Iterable[Experiment] = (),
    lang: str | None = "en",
    today: _dt.date | None = None,
    person: str | None = None,
    **options: Any,
) -> str:
    """One sentence saying what the chart ``name`` shows, for the image's ``alt``."""
    from .alt import describe

    _check_name(name)
    d = chart_input(meetings, commitments, experiments, lang, today, person, **options)
    return describe(name, d, t(_TITLE_KEYS[name], d.lang))


__all__ = [
    "CHART_NAMES",
    "DASHBOARD_PANELS",
    "agenda_chart",
    "alt_text",
    "cadence_chart",
    "chart_input",
    "dashboard",
    "experiment_chart",
    "figure_by_name",
    "figure_to_png",
    "follow_through_chart",
    "needs_rotation_chart",
    "perception_chart",
    "talk_share_chart",
]
