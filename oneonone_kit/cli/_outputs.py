"""Commands that turn the log into files to keep or share: a report and single charts."""

from __future__ import annotations

import argparse
import datetime as _dt
from pathlib import Path

from .. import env
from ..errors import Text
from ..i18n import t
from ..insight.cadence import unusable_intervals
from ..log.store import Store
from ..model import parse_date
from ._common import CliError, UsageError, option_error, say, suffix_of, warn, write_private
from ._records import warn_bad_settings

NAME_STYLES = ("keep", "initials", "pseudonyms")


def _date_option(value: str | None, option: str, lang: str) -> _dt.date | None:
    if value is None or not value.strip():
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise option_error(option, Text("error.date_format", {"value": value}))
    return parsed


def _records(store: Store, include_demo: bool = True) -> tuple[list, list, list]:
    return (
        store.meetings(include_demo=include_demo),
        [c for c in store.commitments() if include_demo or not c.demo],
        [e for e in store.experiments() if include_demo or not e.demo],
    )


def _demo_note(meetings: list, commitments: list, experiments: list, lang: str) -> None:
    """Say when made-up demo records went into a chart or report (never silently)."""
    if any(r.demo for r in (*meetings, *commitments, *experiments)):
        warn(t("cli.demo_included", lang))


def cmd_report(args: argparse.Namespace, lang: str) -> int:
    """Write a report of the log (PDF or Markdown) for a period, with names as chosen."""
    start = _date_option(args.start, "--from", lang)
    end = _date_option(args.end, "--to", lang)
    if start and end and end < start:
        raise UsageError("cli.report.range", start=start.isoformat(), end=end.isoformat())
    names = (args.names or "keep").strip().lower()
    if names not in NAME_STYLES:
        raise option_error(
            "--names",
            Text("error.unknown_choice", {"value": args.names, "options": ", ".join(NAME_STYLES)}),
        )
    out = Path(args.out).expanduser()
    suffix_of(out, (".pdf", ".md"), "cli.report.bad_suffix")
    from ..charts import report  # matplotlib and friends load only for this command

    include_demo = not args.no_demo
    with Store.open() as store:
        meetings, commitments, experiments = _records(store, include_demo)
        intervals, bad = store.intervals(), unusable_intervals(store.bad_settings())
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        written = report.write_report(
            out,
            meetings,
            commitments,
            experiments,
            lang=lang,
            start=start,
            end=end,
            names=names,
            today=env.today(),
            interval_days=intervals,
            include_demo=include_demo,
            bad_intervals=bad,
        )
    except OSError as exc:
        raise CliError("cli.cannot_write", path=str(out), detail=exc.strerror or str(exc)) from None
    say(t("cli.report.done", lang, path=Path(written).resolve()))
    _demo_note(meetings, commitments, experiments, lang)
    if names == "keep":
        say(t("cli.report.names_hint", lang))
    return 0


def cmd_chart(args: argparse.Namespace, lang: str) -> int:
    """Draw one chart of the log to a PNG file."""
    from ..charts import figures as charts  # matplotlib loads only for this command

    names = ", ".join(charts.CHART_NAMES)
    if not args.name:
        raise UsageError("cli.chart.which", names=names)
    if args.name not in charts.CHART_NAMES:
        raise UsageError("cli.chart.unknown", name=args.name, names=names)
    if not args.out:
        raise option_error("--out", Text("error.required"))
    out = Path(args.out).expanduser()
    suffix_of(out, (".png",), "cli.chart.bad_suffix")
    with Store.open() as store:
        meetings, commitments, experiments = _records(store, not args.no_demo)
        people = store.people()
        intervals = store.intervals()  # a damaged one is left out, and said so here
        warn_bad_settings(store, lang)
    if args.person is not None and args.person not in people:
        raise CliError("cli.unknown_person", person=args.person, people=", ".join(people) or "-")
    figure = charts.figure_by_name(
        args.name,
        meetings,
        commitments,
        experiments,
        lang=lang,
        today=env.today(),
        person=args.person,
        interval_days=intervals,
    )
    png = charts.figure_to_png(figure)
    try:
        write_private(out, png)
    except OSError as exc:
        raise CliError("cli.cannot_write", path=str(out), detail=exc.strerror or str(exc)) from None
    say(t("cli.chart.done", lang, name=args.name, path=out.resolve()))
    _demo_note([m for m in meetings if args.person in (None, m.person)], [], [], lang)
    return 0
