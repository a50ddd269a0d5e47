"""One spec per chart of the log, in one registry: :data:`CHARTS` (name -> :class:`ChartSpec`).

A spec says everything about a chart once: its name, its title, its size, what it computes
from the records, how it draws and how it reads aloud (alt text). :mod:`.figures`
(``figure_by_name``, ``alt_text``, ``CHART_NAMES``), the dashboard view, the CLI
``oneonone chart`` and the report page all read the registry. To add a chart, write its
compute, draw and describe functions and add one spec below. No matplotlib at import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..i18n import format_date
from . import alt
from . import data as c
from . import experiment as e
from . import parts as p
from . import style as s
from .data import ChartInput

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Size = Callable[[ChartInput, Any], tuple[float, float]]  # (input, data) -> inches
Panel = Callable[["Axes", ChartInput, Any], None]


@dataclass(frozen=True)
class ChartSpec:
    """Everything about one chart.

    ``compute(d)`` turns the narrowed records into the chart's data; ``draw(fig, d, data)``
    draws the whole chart on an empty figure of ``size(d, data)`` inches; ``panel(ax, d,
    data)`` draws it in one axes of a bigger page (dashboard, report; None for the dashboard
    itself); ``describe(d, data, title)`` is the one-sentence alt text. ``legend_key`` names
    the catalogue line that explains the chart's legend terms, shown right under the chart.
    """

    name: str
    title_key: str
    size: Size
    compute: Callable[[ChartInput], Any]
    draw: Callable[[Figure, ChartInput, Any], None]
    describe: Callable[[ChartInput, Any, str], str]
    panel: Panel | None = None
    legend_key: str | None = None


# A chart for a phone is this wide (inches): shrunk into a 374 px column, its 8 pt ticks still
# show at 8 pt * 374 px / (72 pt/in * 3.6 in) = 11.5 CSS px, if legends stay inside it.
NARROW_WIDTH = 3.6


def narrow_size(spec: ChartSpec, d: ChartInput, data: Any) -> tuple[float, float]:
    """The chart's size on a phone: NARROW_WIDTH wide, taller in proportion than on a desktop."""
    width, height = spec.size(d, data)
    return NARROW_WIDTH, min(max(height * NARROW_WIDTH / width * 1.8, 2.6), 8.0)


def _fixed(width: float, height: float) -> Size:
    return lambda d, data: (width, height)


def _alone(panel: Panel) -> Callable[[Figure, ChartInput, Any], None]:
    """Draw a one-axes chart on its own figure."""
    return lambda fig, d, data: panel(fig.add_subplot(), d, data)


def _draw_follow_through(fig: Figure, d: ChartInput, data: Any) -> None:
    left, right = fig.subplots(1, 2, width_ratios=(1.1, 1))
    p.draw_follow_bars(left, d, data)
    p.draw_follow_trend(right, d, data)


# The dashboard's panels, in reading order (two rows of three).
DASHBOARD_PANELS = ("cadence", "talk_share", "agenda", "needs", "follow_through", "perception")


def _compute_dashboard(d: ChartInput) -> dict[str, object]:
    return {name: CHARTS[name].compute(d) for name in DASHBOARD_PANELS}


def _dashboard_size(d: ChartInput, data: Any) -> tuple[float, float]:
    return (16, 9.6) if d.meetings else (10, 3.6)


def _draw_dashboard(fig: Figure, d: ChartInput, data: dict[str, object]) -> None:
    heading = d.tr("chart.dashboard.title")
    if d.person:
        heading += f" · {d.person}"
    if not d.meetings:
        return s.message(fig.add_subplot(), d.no_data_text(), heading)
    period = d.tr(
        "chart.dashboard.period",
        start=format_date(d.meetings[0].date, d.lang, weekday=False),
        end=format_date(d.today, d.lang, weekday=False),
    )
    fig.suptitle(f"{heading} — {period}", fontsize=14, fontweight="bold", x=0.01, ha="left")
    panel = replace(d, compact=True)
    for ax, name in zip(fig.subplots(2, 3).flat, DASHBOARD_PANELS, strict=True):
        CHARTS[name].panel(ax, panel, data[name])


def _cadence_size(d: ChartInput, data: c.CadenceData) -> tuple[float, float]:
    return 10, 2.2 + 0.75 * max(len(data.rows), 1)


_SPECS = (
    ChartSpec(
        name="dashboard",
        title_key="chart.dashboard.title",
        size=_dashboard_size,
        compute=_compute_dashboard,
        draw=_draw_dashboard,
        describe=alt.describe_dashboard,
    ),
    ChartSpec(
        name="cadence",
        title_key="chart.cadence.title",
        size=_cadence_size,
        compute=c.compute_cadence,
        draw=_alone(p.draw_cadence),
        describe=alt.describe_cadence,
        panel=p.draw_cadence,
        legend_key="chart.cadence.legend",
    ),
    ChartSpec(
        name="needs",
        title_key="chart.needs.title",
        size=_fixed(9, 5.4),
        compute=c.compute_needs,
        draw=_alone(p.draw_needs),
        describe=alt.describe_needs,
        panel=p.draw_needs,
    ),
    ChartSpec(
        name="agenda",
        title_key="chart.agenda.title",
        size=_fixed(9, 4.6),
        compute=c.compute_agenda,
        draw=_alone(p.draw_agenda),
        describe=alt.describe_agenda,
        panel=p.draw_agenda,
        legend_key="chart.agenda.legend",
    ),
    ChartSpec(
        name="talk_share",
        title_key="chart.talk.title",
        size=_fixed(9, 4.6),
        compute=c.compute_talk_share,
        draw=_alone(p.draw_talk_share),
        describe=alt.describe_talk_share,
        panel=p.draw_talk_share,
        legend_key="chart.talk.legend",
    ),
    ChartSpec(
        name="follow_through",
        title_key="chart.follow.title",
        size=_fixed(11, 4.4),
        compute=c.compute_follow_through,
        draw=_draw_follow_through,
        describe=alt.describe_follow_through,
        panel=p.draw_follow_bars,  # the trend beside it only fits the full-size chart
        legend_key="chart.follow.legend",
    ),
    ChartSpec(
        name="perception",
        title_key="chart.perception.title",
        size=_fixed(9, 4.6),
        compute=c.compute_perception,
        draw=_alone(p.draw_perception),
        describe=alt.describe_perception,
        panel=p.draw_perception,
        legend_key="chart.perception.legend",
    ),
    ChartSpec(
        name="experiment",
        title_key="chart.experiment.title",
        size=_fixed(9, 5.4),
        compute=e.compute_experiment,
        draw=_alone(e.draw_experiment),
        describe=alt.describe_experiment,
        panel=e.draw_experiment,
    ),
)
CHARTS: dict[str, ChartSpec] = {spec.name: spec for spec in _SPECS}
CHART_NAMES: tuple[str, ...] = tuple(CHARTS)


def spec_for(name: str) -> ChartSpec:
    """The spec of chart ``name``; ``ValueError`` naming the choices for an unknown name."""
    if name not in CHARTS:
        raise ValueError(f"Unknown chart {name!r}: choose one of {', '.join(CHART_NAMES)}.")
    return CHARTS[name]


__all__ = [
    "CHARTS",
    "CHART_NAMES",
    "DASHBOARD_PANELS",
    "NARROW_WIDTH",
    "ChartSpec",
    "narrow_size",
    "spec_for",
]
