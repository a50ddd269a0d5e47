"""A one-page report of the one-on-one log: PDF to print, Markdown to paste or share.

Both cover a chosen period in English or Dutch and can replace people's names (initials or
pseudonyms) before anything is computed, so charts, tables and experiment texts carry only
the replacement. Private notes (``Meeting.notes``, ``Experiment.notes``) and commitment
texts are never part of a report.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..insight import metrics as M
from ..labels import EFFECT_KEY, METRIC_KEY, NEED_KEY, VERDICT_KEY
from ..log.transfer import write_private
from ..model import Commitment, Experiment, Meeting
from .report_data import (
    NAME_MODES,
    NAMES_NOTE_KEY,
    ReportData,
    facts,
    name_map,
    notes,
    prepare,
    questions,
)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")  # only user text is escaped


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _people_table(r: ReportData) -> list[str]:
    head = [
        r.tr(k)
        for k in (
            "report.col.person",
            "report.col.every",
            "report.col.held",
            "report.col.rate",
            "report.col.on_time",
            "report.col.agenda",
            "report.col.talk",
            "report.col.kept",
            "report.col.neglected",
        )
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for person in M.people(r.meetings):
        ms = [m for m in r.meetings if m.person == person]
        c = M.cadence(ms, today=r.day, interval_days=r.intervals)
        talk = M.talk_share(ms).latest
        follow = M.follow_through(r.commitments, today=r.day, meetings=ms, person=person).total
        neglected = M.needs_rotation(ms).neglected
        cells = [
            _md(person),
            str(r.every(person)),
            str(c.held),
            r.num(c.per_four_weeks),
            r.pct(c.consistency),
            r.pct(M.agenda_ownership(ms).trend.latest),
            r.pct(None if talk is None else talk / 100),
            r.pct(follow.rate),
            ", ".join(r.tr(NEED_KEY[n]) for n in neglected) or "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _needs_table(r: ReportData) -> list[str]:
    rotation = M.needs_rotation(r.meetings)
    head = [
        r.tr(k)
        for k in ("report.col.need", "report.col.count", "report.col.share", "report.col.last")
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for use in rotation.uses:
        last = r.date(use.last_covered) if use.last_covered else r.tr("report.never")
        lines.append(f"| {r.tr(NEED_KEY[use.need])} | {use.count} | {r.pct(use.share)} | {last} |")
    return lines


def _experiment_lines(r: ReportData) -> list[str]:
    from .data import ChartInput
    from .experiment import value_text

    d = ChartInput((), (), (), r.day, r.lang)
    lines = []
    for e in r.experiments:
        effect = M.experiment_effect(
            e, r.history, today=r.day, commitments=r.commitments, interval_days=r.intervals
        )
        lines += [
            f"### {_md(e.what)}",
            "",
            r.tr(
                "report.experiment.line",
                start=r.date(e.start),
                end=r.date(e.end),
                metric=r.tr(METRIC_KEY[e.metric]),
            ),
            "",
            r.tr(
                "report.experiment.result",
                before=value_text(d, e.metric, effect.before),
                before_n=effect.before_n,
                during=value_text(d, e.metric, effect.during),
                during_n=effect.during_n,
                verdict=r.tr(EFFECT_KEY[effect.verdict], min_n=M.MIN_SIDE),
            ),
        ]
        if e.verdict:
            lines += [
                "",
                r.tr("report.experiment.own_verdict", verdict=r.tr(VERDICT_KEY[e.verdict])),
            ]
        lines.append("")
    return lines


def _render_markdown(r: ReportData) -> str:
    lines = [
        f"# {r.tr('report.title')}",
        "",
        r.tr("report.period", start=r.date(r.start), end=r.date(r.day)),
        "",
        r.tr(NAMES_NOTE_KEY[r.names]),
        "",
        *[f"**{line}**\n" for line in notes(r)],
        f"## {r.tr('report.section.glance')}",
        "",
        *[f"- {line}" for line in facts(r)],
        "",
    ]
    if r.meetings:
        lines += [f"## {r.tr('report.section.people')}", "", *_people_table(r), ""]
        lines += [f"## {r.tr('report.section.needs')}", "", *_needs_table(r), ""]
    if r.experiments:
        lines += [f"## {r.tr('report.section.experiments')}", "", *_experiment_lines(r)]
    lines += [f"## {r.tr('report.section.questions')}", ""]
    lines += [f"- {q}" for q in questions(r)]
    lines += ["", f"*{r.tr('report.private')}*", ""]
    return "\n".join(lines)


def markdown_report(
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment] = (),
    experiments: Iterable[Experiment] = (),
    lang: str | None = "en",
    start: _dt.date | None = None,
    end: _dt.date | None = None,
    names: str = "keep",
    today: _dt.date | None = None,
    **options: Any,
) -> str:
    """The report as Markdown text (figures, tables, experiments, coaching questions).

    ``options`` go to :func:`~.report_data.prepare`: ``interval_days`` (person -> days),
    ``include_demo`` and ``bad_intervals``.
    """
    return _render_markdown(
        prepare(meetings, commitments, experiments, lang, start, end, names, today, **options)
    )


def write_report(
    path: str | Path,
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment] = (),
    experiments: Iterable[Experiment] = (),
    lang: str | None = "en",
    start: _dt.date | None = None,
    end: _dt.date | None = None,
    names: str = "keep",
    today: _dt.date | None = None,
    **options: Any,
) -> Path:
    """Write the report to ``path``: a one-page PDF for ``.pdf``, Markdown for ``.md``.

    Raises ``ValueError`` for any other suffix or an unknown ``names`` option; ``options``
    as for :func:`markdown_report`.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".md"):
        raise ValueError(f"Cannot write a report as {target.name!r}: use a .pdf or .md file name.")
    data = prepare(meetings, commitments, experiments, lang, start, end, names, today, **options)
    if suffix == ".md":
        payload = _render_markdown(data).encode("utf-8")
    else:
        from .page import render_pdf

        buffer = io.BytesIO()
        render_pdf(data, buffer)  # drawn in memory, so the file is created private (0600)
        payload = buffer.getvalue()
    write_private(target, payload)  # a report holds real names by default
    return target


__all__ = ["NAME_MODES", "markdown_report", "name_map", "prepare", "write_report"]
