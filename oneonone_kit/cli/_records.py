"""Commands that read or change the learner's log: log add/edit/delete/list, export, import,
forget, demo."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import env, fieldspec
from ..errors import ImportProblem
from ..i18n import format_date, t
from ..labels import AGENDA_KEY, NEED_KEY, STATUS_KEY
from ..log import edits, transfer
from ..log.setting_rules import bad_settings_text
from ..log.store import Store
from ..model import Meeting, RecordError
from ._common import (
    CliError,
    FlagsRefused,
    UsageError,
    confirm,
    counts_summary,
    format_table,
    say,
    suffix_of,
    warn,
)

# The flag that fills each Meeting field (from its spec), so an error can say what to retype.
MEETING_FLAGS = fieldspec.flags(Meeting)
# The columns of ``log list``: the Meeting spec's table fields, in field order.
TABLE_FIELDS = fieldspec.names(Meeting, "table")
# Minutes show "actual/planned", so that column gets its own heading.
TABLE_HEADINGS = {"actual_minutes": "cli.list.minutes"}
DEFAULT_LIMIT = 20


def cmd_log_add(args: argparse.Namespace, lang: str) -> int:
    """Validate one meeting from the flags and save it to the local store."""
    raw = {name: getattr(args, name) for name in MEETING_FLAGS}  # each flag's dest is its field
    try:
        meeting = Meeting.create(today=env.today(), **raw)
    except RecordError as error:
        # Validate before opening the store, so a typo never creates or touches the file.
        raise FlagsRefused("cli.log.not_saved", error, MEETING_FLAGS) from None
    with Store.open() as store:
        same = edits.duplicates(store, meeting)
        if same and not args.again:
            short = edits.short_ids(m.uid for m in store.meetings())[same[0].uid]
            raise UsageError(  # run again with --again to log it anyway
                "cli.log.duplicate",
                person=meeting.person,
                date=format_date(meeting.date, lang),
                id=short,
            )
        store.add_meeting(meeting)
        count = len(store.meetings())
    say(
        t(
            "log.saved",
            lang,
            person=meeting.person,
            date=format_date(meeting.date, lang),
            count=count,
        )
    )
    return 0


def cmd_log_edit(args: argparse.Namespace, lang: str) -> int:
    """Change the given fields of one meeting (found by its short id); the rest stay."""
    given = {name: getattr(args, name) for name in MEETING_FLAGS}
    changes = {name: value for name, value in given.items() if value is not None}
    if not changes:
        raise UsageError("cli.log_edit.nothing")
    with Store.open() as store:
        before = edits.find_meeting(store, args.id)
        raw = {**before.to_dict(), **changes}
        raw.pop("schema_version", None)
        if (
            changes.get("status", before.status) != before.status
            and "actual_minutes" not in changes
        ):
            raw["actual_minutes"] = None  # let the model fill it for the new status
        try:
            meeting = Meeting.create(today=env.today(), **raw)
        except RecordError as error:
            raise FlagsRefused("cli.log.not_saved", error, MEETING_FLAGS) from None
        edits.update_meeting(store, meeting)
    say(t("cli.log.changed", lang, person=meeting.person, date=format_date(meeting.date, lang)))
    return 0


def cmd_log_delete(args: argparse.Namespace, lang: str) -> int:
    """Delete one meeting (found by its short id) and the commitments made in it, after a
    confirmation at a terminal (``--yes`` skips it; without a terminal it is needed)."""
    with Store.open() as store:
        meeting = edits.find_meeting(store, args.id)
        made = sum(1 for c in store.commitments() if c.meeting == meeting.uid)
        shown = {"person": meeting.person, "date": format_date(meeting.date, lang)}
        question = (
            t("cli.log.ask_delete_with", lang, count=made, **shown)
            if made
            else t("cli.log.ask_delete", lang, **shown)
        )
        if not confirm(question, lang, args.yes):
            say(t("cli.forget.kept", lang))
            return 0
        removed = edits.delete_meeting(store, meeting.uid)
    meeting = removed.meeting
    values = {"person": meeting.person, "date": format_date(meeting.date, lang)}
    if removed.commitments:
        say(t("cli.log.deleted_with", lang, count=len(removed.commitments), **values))
    else:
        say(t("cli.log.deleted", lang, **values))
    return 0


def _meeting_row(meeting: Meeting, lang: str, with_marker: bool, short: str) -> list[str]:
    actual = "-" if meeting.actual_minutes is None else str(meeting.actual_minutes)
    cells = {
        "date": format_date(meeting.date, lang),
        "person": meeting.person,
        "actual_minutes": f"{actual}/{meeting.planned_minutes}",
        "status": t(STATUS_KEY[meeting.status], lang),
        "agenda_by": t(AGENDA_KEY[meeting.agenda_by], lang) if meeting.agenda_by else "-",
        "needs": ", ".join(t(NEED_KEY[n], lang) for n in meeting.needs) or "-",
    }
    row = [short, *(cells[name] for name in TABLE_FIELDS)]
    if with_marker:
        row.insert(0, t("log.demo_marker", lang) if meeting.demo else "")
    return row


def table_heading(name: str, lang: str) -> str:
    """The heading of one ``log list`` column: the field's label unless it has its own."""
    return t(TABLE_HEADINGS.get(name) or fieldspec.meta(Meeting, name)["label"], lang)


def cmd_log_list(args: argparse.Namespace, lang: str) -> int:
    """Print the latest meetings as a table (all of them with ``--limit 0``)."""
    with Store.open() as store:
        meetings = store.meetings()
        people = store.people()
    if not meetings:
        say(t("cli.list.empty", lang))
        return 0
    if args.person is not None:
        wanted = args.person.strip()
        exact = [m for m in meetings if m.person == wanted]
        # Forgiving about case here (a read-only view); forget stays exact.
        meetings = exact or [m for m in meetings if m.person.casefold() == wanted.casefold()]
        if not meetings:
            say(t("cli.list.no_person", lang, person=wanted, people=", ".join(people)))
            return 0
    shown = meetings[-args.limit :] if args.limit else meetings
    with_marker = any(m.demo for m in shown)
    headers = [t("field.uid", lang), *(table_heading(name, lang) for name in TABLE_FIELDS)]
    if with_marker:
        headers.insert(0, "")
    short = edits.short_ids(m.uid for m in meetings)
    rows = [_meeting_row(m, lang, with_marker, short[m.uid]) for m in shown]
    say(format_table(headers, rows))
    say()
    if len(shown) < len(meetings):
        say(t("cli.list.some", lang, shown=len(shown), count=len(meetings)))
    else:
        say(t("cli.list.all", lang, count=len(meetings)))
    if with_marker:
        say(t("cli.list.demo_hint", lang))
    return 0


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    """Write everything (.json) or the meetings (.csv) to a file only the user can read."""
    path = Path(args.path).expanduser()
    suffix = suffix_of(path, (".json", ".csv"), "cli.export.bad_suffix")
    with Store.open() as store:
        try:
            if suffix == ".json":
                transfer.export_json(store, path)
                message = t(
                    "cli.export.done_json",
                    lang,
                    summary=counts_summary(store.counts(), lang),
                    path=path.resolve(),
                )
            else:
                transfer.export_csv(store, path)
                message = t(
                    "cli.export.done_csv", lang, count=len(store.meetings()), path=path.resolve()
                )
        except OSError as exc:
            raise CliError(
                "cli.cannot_write", path=str(path), detail=exc.strerror or str(exc)
            ) from None
        warn_bad_settings(store, lang)  # they are not in the export
    say(message)
    say(t("cli.export.private", lang))
    return 0


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    """Check a whole .json or .csv file, then add it in one go (or add nothing).

    Records already in the log are skipped, or replaced with ``--replace``; the command says
    how many before writing, and afterwards prints the counts actually written.
    """
    path = Path(args.path).expanduser()
    suffix = suffix_of(path, (".json", ".csv"), "cli.import.bad_suffix")
    try:
        payload = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(
            "import.cannot_read", path=str(path), detail=exc.strerror or str(exc)
        ) from None
    replace = bool(getattr(args, "replace", False))
    parsed = transfer.read_file(f"import{suffix}", payload, today=env.today())
    with Store.open() as store:
        found = transfer.already_there(store, parsed)
        if found:
            key = "cli.import.existing_replace" if replace else "cli.import.existing"
            say(t(key, lang, count=found))
        counts = transfer.write(store, parsed, replace=replace)
        warn_bad_settings(store, lang)
    say(transfer.summary(counts, lang))
    return 0


def warn_bad_settings(store: Store, lang: str) -> None:
    """Say on stderr which stored settings are damaged (they are ignored) and how to repair."""
    text = bad_settings_text(store.bad_settings(), lang)
    if text:
        warn(f"{text} (oneonone repair)")


def cmd_repair(args: argparse.Namespace, lang: str) -> int:
    """Remove stored settings that break the rules, so the defaults apply again."""
    with Store.open() as store:
        removed = store.repair_settings()
    if removed:
        say(t("cli.repair.done", lang, count=len(removed), keys=", ".join(removed)))
    else:
        say(t("cli.repair.nothing", lang))
    return 0


def _backups_note(store: Store, lang: str) -> None:
    if store.path is None:
        return
    folder = Store.backup_dir(store.path)
    if folder.is_dir() and any(folder.iterdir()):
        warn(t("cli.forget.backups_note", lang, folder=folder))


def cmd_forget(args: argparse.Namespace, lang: str) -> int:
    """Delete one person's records, or everything, after a confirmation."""
    if args.everything and args.person:
        raise UsageError("cli.forget.both")
    if not args.everything and not args.person:
        raise UsageError("cli.forget.what")
    with Store.open() as store:
        if args.everything:
            total = sum(store.counts().values())
            question = t("cli.forget.ask_everything", lang, count=total, path=store.path)
            if not confirm(question, lang, args.yes):
                say(t("cli.forget.kept", lang))
                return 0
            removed = store.delete_everything()
            say(t("cli.forget.everything_done", lang, count=removed))
            return 0
        person = args.person
        total = len(store.meetings(person=person)) + len(store.commitments(person=person))
        if not total:
            near = [p for p in store.people() if p.casefold() == person.strip().casefold()]
            say(t("cli.forget.nobody", lang, person=person))
            if near:
                say(t("cli.forget.did_you_mean", lang, names=", ".join(near)))
            return 0
        question = t("cli.forget.ask_person", lang, person=person, count=total)
        if not confirm(question, lang, args.yes):
            say(t("cli.forget.kept", lang))
            return 0
        removed = store.forget_person(person)
        say(t("cli.forget.person_done", lang, person=person, count=removed))
        _backups_note(store, lang)
    return 0


def cmd_demo(args: argparse.Namespace, lang: str) -> int:
    """Load the made-up demo log, or remove it again (own records stay)."""
    from ..log.demo import load_demo, remove_demo

    with Store.open() as store:
        if args.remove:
            say(t("demo.removed", lang, count=remove_demo(store)))
        elif store.has_demo():  # loading it again would only replace it: say so instead
            say(t("cli.demo.already", lang))
        else:
            say(t("demo.loaded", lang, count=load_demo(store, today=env.today(), lang=lang)))
            say(t("cli.demo.hint", lang))
    return 0


def cmd_person_set(args: argparse.Namespace, lang: str) -> int:
    """Set how often the learner means to meet one person (every N days)."""
    name = (args.name or "").strip()
    if not name:
        raise UsageError("cli.person.name_needed")
    with Store.open() as store:
        known = store.people()
        store.set_interval(name, args.every)
    say(t("cadence.saved", lang, person=name, count=args.every))
    if name not in known:
        near = [p for p in known if p.casefold() == name.casefold()]
        say(t("cli.person.not_in_log", lang, person=name))
        if near:
            say(t("cli.forget.did_you_mean", lang, names=", ".join(near)))
    return 0


def cmd_person_list(args: argparse.Namespace, lang: str) -> int:
    """Everyone in the log (or with a cadence set): cadence, meetings logged, last one."""
    from ..insight.cadence import unusable_intervals
    from ..insight.selection import INTERVAL_DAYS

    with Store.open() as store:
        intervals = store.intervals()
        bad = unusable_intervals(store.bad_settings())
        meetings = store.meetings()
        people = sorted(set(store.people()) | set(intervals) | set(bad), key=str.casefold)
    if not people:
        say(t("cli.person.none", lang))
        return 0
    rows = []
    for person in people:
        own = [m for m in meetings if m.person == person]
        every = str(intervals.get(person, INTERVAL_DAYS))
        if person not in intervals:
            every += " *"
        last = format_date(own[-1].date, lang) if own else "-"
        rows.append([person, every, str(len(own)), last])
    columns = ("cli.person.col.person", "cli.person.col.every", "cli.person.col.meetings")
    headers = [t(key, lang) for key in (*columns, "cli.person.col.last")]
    say(format_table(headers, rows))
    say()
    if any(p not in intervals for p in people):
        say(t("cli.person.default_note", lang, days=INTERVAL_DAYS))
    if bad:
        warn(t("cadence.bad_note", lang, people=", ".join(sorted(bad)), days=INTERVAL_DAYS))
    return 0
