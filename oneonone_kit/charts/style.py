"""Looks shared by every chart: palette, hatches, date axes and the friendly empty message.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies); every
series also differs in marker, line style or hatch, so the charts still read in greyscale.
Import only from functions that already imported matplotlib.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import textwrap

from ..i18n import format_date, month_label

# Okabe & Ito (2008), "Color Universal Design".
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#8C8C8C"
LIGHT = "#E6E6E6"

TITLE_SIZE = 11
LABEL_SIZE = 9
TICK_SIZE = 8
PHONE_MAX_WIDTH = 4.0  # inches: a figure this narrow is drawn for a phone (specs.NARROW_WIDTH)

STYLE = {
    "held": {"marker": "o", "color": BLUE, "markerfacecolor": BLUE, "markersize": 6},
    "rescheduled": {"marker": "^", "color": ORANGE, "markerfacecolor": "white", "markersize": 7},
    "cancelled": {
        "marker": "X",
        "color": VERMILLION,
        "markerfacecolor": VERMILLION,
        "markersize": 7,
    },
}
GAP = {"facecolor": LIGHT, "edgecolor": GREY, "hatch": "///", "linewidth": 0.6}
TARGET = {"facecolor": GREEN, "alpha": 0.15, "edgecolor": GREEN, "hatch": "..", "linewidth": 0}
PERIOD = {"facecolor": SKY, "alpha": 0.18, "edgecolor": BLUE, "hatch": "//", "linewidth": 0}


def style_axes(ax) -> None:
    """Quiet frame and readable ticks."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=TICK_SIZE)
    ax.grid(True, axis="y", color=LIGHT, linewidth=0.8)
    ax.set_axisbelow(True)


def title(ax, text: str, size: int = TITLE_SIZE) -> None:
    ax.set_title(text, fontsize=size, loc="left", fontweight="bold", wrap=True)


def message(ax, text: str, heading: str | None = None) -> None:
    """Replace a chart by a friendly sentence (empty or too little data)."""
    ax.clear()
    ax.set_axis_off()
    if heading:
        title(ax, heading)
    wrapped = "\n".join(textwrap.wrap(text, 52))
    ax.text(
        0.5,
        0.5,
        wrapped,
        ha="center",
        va="center",
        fontsize=LABEL_SIZE + 2,
        color="#333333",
        transform=ax.transAxes,
        bbox={"boxstyle": "round,pad=0.8", "facecolor": "#F7F7F7", "edgecolor": GREY},
    )


def to_num(day: _dt.date) -> float:
    """A date as a matplotlib date number (days since matplotlib's epoch).

    Same value as ``matplotlib.dates.date2num`` but about a hundred times faster per date,
    which matters for logs with thousands of meetings.
    """
    return float(day.toordinal() - _epoch_ordinal())


@functools.cache
def _epoch_ordinal() -> int:
    from matplotlib.dates import get_epoch

    return _dt.date.fromisoformat(get_epoch()[:10]).toordinal()


def date_axis(ax, first: _dt.date, last: _dt.date, lang: str, max_ticks: int = 6) -> None:
    """An x axis from ``first`` to ``last`` labelled in the learner's language."""
    from matplotlib.dates import AutoDateLocator, MonthLocator, num2date
    from matplotlib.ticker import FuncFormatter

    span = (last - first).days
    pad = _dt.timedelta(days=max(4, round(span * 0.03)))
    ax.set_xlim(to_num(first - pad), to_num(last + pad))
    if span > 75:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        ax.xaxis.set_major_locator(MonthLocator(interval=max(1, math.ceil(months / max_ticks))))
        label = month_label
    else:
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=max(3, max_ticks - 1)))

        def label(day: _dt.date, code: str) -> str:
            return format_date(day, code, weekday=False)

    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: label(num2date(x).date(), lang)))


def percent_axis(ax, low: float = 0, high: float = 100) -> None:
    """A y axis in percent (values are already 0..100)."""
    from matplotlib.ticker import FuncFormatter

    ax.set_ylim(low - 2, high + 2)  # a line at 0% or 100% stays visible
    ax.set_yticks([v for v in (0, 25, 50, 75, 100) if low <= v <= high])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: f"{y:.0f}%"))


def on_phone(ax) -> bool:
    """True when ``ax`` sits on a figure drawn for a phone (text must wrap to fit)."""
    figure = ax.figure
    while figure is not None and getattr(figure, "figure", figure) is not figure:
        figure = figure.figure  # a subfigure's figure is the page it sits on
    return figure is not None and figure.get_figwidth() <= PHONE_MAX_WIDTH


def legend(ax, **kwargs) -> None:
    """A compact legend with a white background so it stays readable over data."""
    options = {"fontsize": TICK_SIZE, "frameon": True, "framealpha": 0.92, "edgecolor": LIGHT}
    options.update(kwargs)
    if on_phone(ax):
        # A chart drawn for a phone: one entry per line, long ones wrapped, so the legend
        # stays inside the chart's width and the chart need not shrink.
        handles = options.pop("handles", None)
        labels = options.pop("labels", None)
        if handles is None:
            handles, labels = ax.get_legend_handles_labels()
        options["ncol"] = 1
        anchor = options.get("bbox_to_anchor")
        if anchor and anchor[1] < 0 and ax.get_xlabel():  # below the axes: clear the x label
            lines = ax.get_xlabel().count("\n") + 1
            options["bbox_to_anchor"] = (anchor[0], anchor[1] - 0.09 * lines)
        wrapped = [textwrap.fill(str(label), 30) for label in labels]
        ax.legend(handles=handles, labels=wrapped, **options)
        return
    ax.legend(**options)
