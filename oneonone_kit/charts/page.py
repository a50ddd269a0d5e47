"""The report's one printable page: key figures and questions on top, six charts below."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from . import style as s
from .data import ChartInput

if TYPE_CHECKING:
    from .report_data import ReportData

PAGE = (8.27, 11.69)  # A4 portrait, inches
PANELS = ("cadence", "needs", "talk_share", "agenda")  # the other figures are in the text
WRAP = 112  # characters per line of the text block at its font size


def _text_block(ax, r: ReportData) -> None:
    from .report_data import NAMES_NOTE_KEY, facts, notes, questions

    ax.set_axis_off()
    y = 1.0

    def line(text: str, size: float, gap: float, **kw) -> None:
        nonlocal y
        ax.text(0, y, text, fontsize=size, va="top", ha="left", transform=ax.transAxes, **kw)
        y -= gap

    line(r.tr("report.title"), 15, 0.11, fontweight="bold")
    line(
        r.tr("report.period", start=r.date(r.start), end=r.date(r.day))
        + "   "
        + r.tr(NAMES_NOTE_KEY[r.names]),
        8.5,
        0.09,
        color="#333333",
    )
    line(r.tr("report.private"), 8, 0.085, color="#555555", style="italic")
    for note in notes(r):
        for part in textwrap.wrap(note, WRAP):
            line(part, 8.5, 0.062, fontweight="bold")
    line(r.tr("report.section.glance"), 10.5, 0.075, fontweight="bold")
    for fact in facts(r):
        for i, part in enumerate(textwrap.wrap(fact, WRAP)):
            line(("•  " if i == 0 else "    ") + part, 8.5, 0.062)
    y -= 0.025
    line(r.tr("report.section.questions"), 10.5, 0.075, fontweight="bold")
    for question in questions(r)[:4]:
        for i, part in enumerate(textwrap.wrap(question, WRAP)):
            line(("•  " if i == 0 else "    ") + part, 8.5, 0.062)


def render_pdf(r: ReportData, path: Path) -> None:
    """Draw the page and save it as a one-page PDF at ``path``."""
    from matplotlib.figure import Figure

    from .specs import CHARTS

    fig = Figure(figsize=PAGE, layout="constrained", facecolor="white")
    top, bottom = fig.subfigures(2, 1, height_ratios=(1.0, 2.2))
    _text_block(top.add_subplot(), r)
    d = ChartInput(
        r.meetings,
        r.commitments,
        r.experiments,
        r.day,
        r.lang,
        interval_days=r.intervals,
        compact=True,
    )
    if not r.meetings:
        s.message(bottom.add_subplot(), d.no_data_text())
    else:
        for ax, name in zip(bottom.subplots(2, 2).flat, PANELS, strict=True):
            spec = CHARTS[name]
            spec.panel(ax, d, spec.compute(d))
    metadata = {"Title": r.tr("report.title"), "Creator": "oneonone_kit", "CreationDate": None}
    fig.savefig(path, format="pdf", metadata=metadata)
