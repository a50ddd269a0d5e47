"""One-on-ones from a calendar file (.ics exported from Outlook, Google or Apple Calendar).

:func:`parse_ics` reads the timed events in a date window, expands recurring series (RRULE,
RDATE, EXDATE, moved and cancelled instances), leaves out all-day entries, and guesses which
events are one-on-ones and with whom. The learner confirms the guesses; then
:func:`events_to_meetings` turns the chosen events into meetings whose uids follow from the
calendar, so importing the same file twice adds nothing.

The series are expanded in :mod:`oneonone_kit.log.calendar.expand` and the guesses are made in
:mod:`oneonone_kit.log.calendar.guess`. icalendar and dateutil are imported inside the functions
that need them, so importing this module stays cheap.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ...errors import ImportProblem
from ...model import MAX_MINUTES, FieldProblem, Meeting, RecordError
from .events import (
    MAX_BYTES,
    MAX_INSTANCES,
    CalendarEvent,
    CalendarProblem,
    bad_event,
    event_uid,
    meeting_uid,
)
from .guess import first_name, owner_key


def parse_ics(
    payload: bytes, start: _dt.date, end: _dt.date, tz: _dt.tzinfo | None = None
) -> list[CalendarEvent]:
    """The timed events from ``start`` to ``end`` (both included), sorted by date and time.

    Times are converted to ``tz``; without it, to the calendar's own zone (Google's
    X-WR-TIMEZONE, else the zone most events use), else to this computer's zone. Raises
    :class:`CalendarProblem` for a file that is not a readable calendar, an event that
    cannot be read, no timed events in the window, or more than MAX_INSTANCES of them.
    """
    from .expand import Reader  # imported here: it is needed only when a file is read

    if start > end:
        raise CalendarProblem("calendar.bad_window", start=start, end=end)
    calendars = _read_calendars(payload)
    components = [c for cal in calendars for c in cal.walk("VEVENT")]
    reader = Reader(start, end, tz or _calendar_zone(calendars, components))
    masters: dict[str, list[Any]] = defaultdict(list)
    overrides: dict[str, list[Any]] = defaultdict(list)
    for comp in components:
        if comp.get("DTSTART") is None:
            continue  # RFC 5545 allows it in a method-less file, but it cannot be placed
        group = overrides if comp.get("RECURRENCE-ID") is not None else masters
        group[event_uid(comp)].append(comp)
    reader.owner = owner_key(calendars, components)
    for uid, comps in masters.items():
        for comp in comps:
            with _one_event(comp):
                reader.expand(uid, comp, overrides.get(uid, []))
    for uid, comps in overrides.items():
        master = masters[uid][0] if masters.get(uid) else None
        for comp in comps:
            with _one_event(comp):
                reader.single(uid, comp, master)
    if not reader.found:
        raise CalendarProblem("calendar.no_events", start=start, end=end)
    return sorted(reader.found, key=lambda e: (e.date, e.start, e.title.casefold(), e.uid))


@contextlib.contextmanager
def _one_event(comp: Any):
    """Any other failure while reading one event refuses that event by name (never a crash)."""
    try:
        yield
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError):
        # e.g. DTEND given twice, or a DURATION that is a date: the file breaks RFC 5545.
        raise bad_event(comp, "calendar.reason_unreadable", "") from None


def _read_calendars(payload: bytes) -> list[Any]:
    import icalendar

    if len(payload) > MAX_BYTES:
        raise CalendarProblem("calendar.too_large", limit=MAX_BYTES // (1024 * 1024))
    try:
        text = bytes(payload).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CalendarProblem("calendar.not_utf8") from None
    if not re.search(r"^BEGIN:VCALENDAR\s*$", text, re.IGNORECASE | re.MULTILINE):
        raise CalendarProblem("calendar.not_ics")
    try:
        # Bytes, not str: icalendar reads a one-line str as a file path.
        parsed = icalendar.Calendar.from_ical(text.encode("utf-8"), multiple=True)
    except (ValueError, TypeError, KeyError, IndexError):
        raise CalendarProblem("calendar.not_ics") from None
    calendars = [c for c in parsed if c.name == "VCALENDAR"]
    if not calendars:
        raise CalendarProblem("calendar.not_ics")
    return calendars


def _calendar_zone(calendars: list[Any], components: list[Any]) -> _dt.tzinfo | None:
    """The zone the learner's calendar lives in, or None (then this computer's zone)."""
    from icalendar.timezone import tzp

    names = [str(c.get("X-WR-TIMEZONE", "")).strip() for c in calendars]
    used = Counter(
        str(c["DTSTART"].params.get("TZID", "")).strip()
        for c in components
        if c.get("DTSTART") is not None and hasattr(c["DTSTART"], "params")
    )
    names += [name for name, _ in used.most_common()]
    for name in names:
        if name:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # icalendar warns when it guesses a vendor TZID
                zone = tzp.timezone(name)
            if zone is not None:
                return zone
    return None


# ---- from events to meetings -------------------------------------------------------------
def event_to_meeting(
    event: CalendarEvent, person: str | None = None, today: _dt.date | None = None
) -> Meeting:
    """The meeting for one calendar event; raises RecordError (field + key) when it cannot be.

    ``person`` defaults to the guessed person. A cancelled event becomes a cancelled meeting;
    any other event must have taken place (date not after ``today``) to count as held.
    """
    problems: list[FieldProblem] = []
    if today is not None and not event.cancelled and event.date > today:
        problems.append(FieldProblem("date", "calendar.not_held_yet"))
    try:
        meeting = Meeting.create(
            today=today,
            date=event.date,
            person=event.guessed_person if person is None else person,
            planned_minutes=min(max(event.minutes, 1), MAX_MINUTES),
            status="cancelled" if event.cancelled else "held",
            uid=event.meeting_uid,
        )
    except RecordError as error:
        # The model refuses a held meeting ahead too; say it once, in the calendar's words.
        said = {(p.field, "error.held_in_future") for p in problems}
        problems.extend(p for p in error.problems if (p.field, p.key) not in said)
    if problems:
        raise RecordError(problems)
    return meeting


def events_to_meetings(
    events: Iterable[CalendarEvent],
    person_overrides: Mapping[str, str] | None = None,
    today: _dt.date | None = None,
) -> list[Meeting]:
    """Meetings for the chosen events, all validated before any is returned.

    ``person_overrides`` maps an instance's ``meeting_uid`` (or a series' calendar ``uid``)
    to the person the learner typed. Raises ImportProblem (``calendar.rows_refused``, one row
    per problem, rows counted from 1) when any event cannot become a meeting. An instance
    that appears twice gives one meeting.
    """
    overrides = dict(person_overrides or {})
    meetings: list[Meeting] = []
    rows: list[tuple[int, str, str, dict]] = []
    seen: set[str] = set()
    for row, event in enumerate(events, start=1):
        person = overrides.get(event.meeting_uid, overrides.get(event.uid))
        try:
            meeting = event_to_meeting(event, person, today)
        except RecordError as error:
            rows.extend((row, p.field, p.key, p.values) for p in error.problems)
            continue
        if meeting.uid not in seen:
            seen.add(meeting.uid)
            meetings.append(meeting)
    if rows:
        raise ImportProblem("calendar.rows_refused", rows=rows)
    return meetings


__all__ = [
    "MAX_INSTANCES",
    "CalendarEvent",
    "CalendarProblem",
    "event_to_meeting",
    "events_to_meetings",
    "first_name",
    "meeting_uid",
    "parse_ics",
]
