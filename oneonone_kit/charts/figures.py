"""Charts of the one-on-one log by name: records in, ``matplotlib.figure.Figure`` or alt text out.

Every chart is one spec in :mod:`.specs`; this module narrows the records once
(:func:`chart_input`) and runs a spec: :func:`figure_by_name` draws it, :func:`alt_text`
describes it, :func:`figure_to_png` turns a figure into bytes. Figures are built with
``matplotlib.figure.Figure`` directly (never pyplot), so they work on any backend and nothing
stays registered after use; matplotlib is imported inside the functions, so importing this
module stays cheap. Colours follow the Okabe-Ito palette and every series also differs in
marker, line style or hatch (greyscale-safe). Empty and tiny logs get a friendly sentence
inside the figure instead of an error.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..i18n import check_lang, t
from ..insight import metrics as M
from ..model import Commitment, Experiment, Meeting
from .specs import CHART_NAMES, DASHBOARD_PANELS, narrow_size, spec_for

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .data import ChartInput


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
    from .data import ChartInput

    day = today or env.today()
    return ChartInput(
        meetings=tuple(M.select(meetings, person=person, today=day)),
        commitments=tuple(c for c in commitments if person is None or c.person == person),
        experiments=tuple(experiments),
        today=day,
        lang=check_lang(lang),
        person=person,
        interval_days=interval_days,
        experiment=experiment,
        compact=compact,
    )


def figure_by_name(
    name: str,
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment] = (),
    experiments: Iterable[Experiment] = (),
    lang: str | None = "en",
    today: _dt.date | None = None,
    person: str | None = None,
    *,
    narrow: bool = False,
    **options: Any,
) -> Figure:
    """The chart ``name`` (one of :data:`CHART_NAMES`) as a new Figure.

    ``narrow`` draws it for a phone-wide column (:func:`.specs.narrow_size`; a chart with a
    panel form draws just that panel), so its text stays readable when the image is shrunk.

    ``options`` go to :func:`chart_input`: ``interval_days`` (days, or person -> days) and
    ``experiment`` (uid of the experiment to show; default the latest one started).
    Raises ``ValueError`` for an unknown name.
    """
    from matplotlib.figure import Figure

    spec = spec_for(name)
    if narrow:
        options["compact"] = True
    d = chart_input(meetings, commitments, experiments, lang, today, person, **options)
    data = spec.compute(d)
    if narrow and spec.panel is not None:
        fig = Figure(figsize=narrow_size(spec, d, data), layout="constrained", facecolor="white")
        spec.panel(fig.add_subplot(), d, data)
        return fig
    fig = Figure(figsize=spec.size(d, data), layout="constrained", facecolor="white")
    spec.draw(fig, d, data)
    return fig


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
    spec = spec_for(name)
    d = chart_input(meetings, commitments, experiments, lang, today, person, **options)
    return spec.describe(d, spec.compute(d), t(spec.title_key, d.lang))


__all__ = [
    "CHART_NAMES",
    "DASHBOARD_PANELS",
    "alt_text",
    "chart_input",
    "figure_by_name",
    "figure_to_png",
]
