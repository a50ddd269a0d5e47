"""One-on-ones from a calendar file (.ics exported from Outlook, Google or Apple Calendar).

:func:`parse_ics` reads the timed events in a date window, expands recurring series (RRULE,
RDATE, EXDATE, moved and cancelled instances), leaves out all-day entries, and guesses which
events are one-on-ones and with whom. The learner confirms the guesses; then
:func:`events_to_meetings` turns the chosen events into meetings whose uids follow from the
calendar, so importing the same file twice adds nothing.

icalendar and dateutil are imported inside the functions that need them, so importing this
module stays cheap.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .model import MAX_MINUTES, MAX_NAME, FieldProblem, Meeting, RecordError
from .store import ImportProblem, StoreError

MAX_INSTANCES = 5_000
MAX_STEPS = 100_000  # rule steps per series, so FREQ=MINUTELY since 1990 cannot hang the kernel
MAX_BYTES = 20 * 1024 * 1024
_MARGIN = _dt.timedelta(days=2)  # a time-zone shift moves an instance by less than a day
_TIME_PROPS = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "EXDATE", "RDATE")
_UTC = _dt.timezone.utc


class CalendarProblem(StoreError):
    """A calendar file we cannot use; nothing was read from it.

    ``reason`` is an optional catalogue key filled into the ``{reason}`` of the main message;
    date values are shown in the learner's language.
    """

    def __init__(self, key: str, reason: str | None = None, **values: Any):
        self.reason = reason
        super().__init__(key, **values)

    def message(self, lang: str | None = None) -> str:
        from .i18n import format_date, t

        values = {
            name: format_date(value, lang, weekday=False) if isinstance(value, _dt.date) else value
            for name, value in self.values.items()
        }
        if self.reason:
            values["reason"] = t(self.reason, lang, **values)
        return t(self.key, lang, **values)


@dataclass(frozen=True)
class CalendarEvent:
    """One timed calendar event (one instance of a series), in the learner's local time."""

    uid: str  # the calendar's UID: shared by every instance of a series
    date: _dt.date
    start: _dt.time
    minutes: int
    title: str
    attendees: tuple[str, ...] = ()  # display names, or e-mail addresses when there is no name
    organizer: str = ""
    cancelled: bool = False
    recurring: bool = False
    likely_one_on_one: bool = False
    guessed_person: str = ""

    @property
    def meeting_uid(self) -> str:
        """The uid the meeting made from this instance gets (stable across imports)."""
        return meeting_uid(self.uid, self.date)


def meeting_uid(event_uid: str, day: _dt.date) -> str:
    """A meeting uid derived from the calendar UID and the date: ``ics-`` + 24 hex digits."""
    key = f"{event_uid}|{day.isoformat()}".encode()
    return "ics-" + hashlib.sha1(key, usedforsecurity=False).hexdigest()[:24]


# ---- reading the file --------------------------------------------------------------------
def parse_ics(
    payload: bytes, start: _dt.date, end: _dt.date, tz: _dt.tzinfo | None = None
) -> list[CalendarEvent]:
    """The timed events from ``start`` to ``end`` (both included), sorted by date and time.

    Times are converted to ``tz``; without it, to the calendar's own zone (Google's
    X-WR-TIMEZONE, else the zone most events use), else to this computer's zone. Raises
    :class:`CalendarProblem` for a file that is not a readable calendar, an event that
    cannot be read, no timed events in the window, or more than MAX_INSTANCES of them.
    """
    if start > end:
        raise CalendarProblem("calendar.bad_window", start=start, end=end)
    calendars = _read_calendars(payload)
    components = [c for cal in calendars for c in cal.walk("VEVENT")]
    reader = _Reader(start, end, tz or _calendar_zone(calendars, components))
    masters: dict[str, list[Any]] = defaultdict(list)
    overrides: dict[str, list[Any]] = defaultdict(list)
    for comp in components:
        if comp.get("DTSTART") is None:
            continue  # RFC 5545 allows it in a method-less file, but it cannot be placed
        group = overrides if comp.get("RECURRENCE-ID") is not None else masters
        group[_uid(comp)].append(comp)
    reader.owner = _owner_key(calendars, components)
    for uid, comps in masters.items():
        for comp in comps:
            reader.expand(uid, comp, overrides.get(uid, []))
    for uid, comps in overrides.items():
        master = masters[uid][0] if masters.get(uid) else None
        for comp in comps:
            reader.single(uid, comp, master)
    if not reader.found:
        raise CalendarProblem("calendar.no_events", start=start, end=end)
    return sorted(reader.found, key=lambda e: (e.date, e.start, e.title.casefold(), e.uid))


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


def _uid(comp: Any) -> str:
    uid = str(comp.get("UID", "")).strip()
    if uid:
        return uid
    # No UID (hand-made files): derive one from what the event says, so re-import is stable.
    raw = f"{comp.get('SUMMARY', '')}|{comp['DTSTART'].to_ical().decode(errors='replace')}"
    return "nouid-" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:16]


def _bad_event(comp: Any, reason: str, value: object) -> CalendarProblem:
    """The problem for one unreadable event, named by its title (or UID)."""
    return CalendarProblem(
        "calendar.bad_event",
        reason=reason,
        summary=_title(comp)[:80] or _uid(comp),
        value=str(value)[:80],
    )


def _title(comp: Any) -> str:
    return " ".join(str(comp.get("SUMMARY", "")).split())


def _values(comp: Any, name: str) -> list[Any]:
    """Every date or datetime of a list property (EXDATE, RDATE), however it was split."""
    prop = comp.get(name)
    if prop is None:
        return []
    out = []
    for item in prop if isinstance(prop, list) else [prop]:
        for value in getattr(item, "dts", []):
            found = value.dt
            out.append(found[0] if isinstance(found, tuple) else found)  # RDATE periods
    return out


def _aware(value: _dt.datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() is not None


# ---- who is in the meeting ---------------------------------------------------------------
@dataclass(frozen=True)
class _Person:
    key: str  # e-mail in lower case, else the name in lower case
    name: str  # display name, else the e-mail address


def _person(prop: Any) -> _Person | None:
    address = str(prop).strip()
    if address.lower().startswith("mailto:"):
        address = address[7:].strip()
    params = getattr(prop, "params", {}) or {}
    name = str(params.get("CN", "")).strip().strip('"').strip() or address
    if not name:
        return None
    return _Person((address or name).lower(), name)


def _attendees(comp: Any) -> list[_Person]:
    raw = comp.get("ATTENDEE")
    people: list[_Person] = []
    for prop in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        params = getattr(prop, "params", {}) or {}
        # Outlook books rooms and projectors as attendees: they are not people in the meeting.
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
            continue
        if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
            continue
        person = _person(prop)
        if person is not None and person.key not in {p.key for p in people}:
            people.append(person)
    return people


def _participants(comp: Any) -> tuple[_Person | None, list[_Person]]:
    """The organizer and everyone taking part (organizer included, once)."""
    organizer = _person(comp["ORGANIZER"]) if comp.get("ORGANIZER") is not None else None
    people = _attendees(comp)
    if organizer is not None and organizer.key not in {p.key for p in people}:
        people.insert(0, organizer)
    return organizer, people


def _owner_key(calendars: list[Any], components: list[Any]) -> str | None:
    """Whose calendar this is: Google names it; otherwise the person in most events."""
    for cal in calendars:
        name = str(cal.get("X-WR-CALNAME", "")).strip().lower()
        if "@" in name and " " not in name:
            return name.removeprefix("mailto:")
    counts: Counter[str] = Counter()
    for comp in components:
        counts.update({p.key for p in _participants(comp)[1]})
    ranked = counts.most_common(2)
    if len(ranked) == 1 or (len(ranked) == 2 and ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def first_name(display: str) -> str:
    """A first name from a display name or e-mail: ``Anna de Vries``, ``de Vries, Anna``,
    ``anna.devries@example.com`` all give ``Anna``."""
    text = display.strip().strip('"').strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if "@" in text:
        local = text.split("@", 1)[0]
        word = re.split(r"[._+\-]", local)[0]
        text = word if word.isalpha() and len(word) > 1 else local
        return text.capitalize() if text.islower() else text
    if "," in text and text.split(",", 1)[1].strip():
        text = text.split(",", 1)[1]  # "de Vries, Anna", as Outlook often shows names
    words = text.split()
    if not words:
        return ""
    return (words[0].capitalize() if words[0].islower() else words[0])[:MAX_NAME]


# ---- is it a one-on-one? -----------------------------------------------------------------
_STRONG = re.compile(
    r"(?<![\w:./-])1\s?[:-]\s?1s?(?![\w:./-])"  # 1:1, 1-1, 1:1s
    r"|(?<!\w)1\s?on\s?1s?(?!\w)"  # 1on1, 1 on 1
    r"|\bone[\s-]*on[\s-]*ones?\b"  # one-on-one, one on one
    r"|\b[eé][eé]n[\s-]*op[\s-]*[eé][eé]n\b"  # één-op-één, een-op-een
    r"|(?<!\w)1\s?op\s?1(?!\w)"  # 1 op 1
    r"|(?<![\w.#/-])121s?(?![\w./-])",  # 121
    re.IGNORECASE,
)
_NAME = r"[^\W\d_][^\W\d_'’.\-]*"
_NAMES = rf"{_NAME}(?:\s+{_NAME}){{0,2}}"
_PAIR = re.compile(rf"^\s*{_NAMES}\s*(?:/|<>|<->)\s*{_NAMES}\s*$")  # "Anna / Lea", "Anna <> Lea"
_CATCH_UP = re.compile(rf"\bcatch[\s-]*up\s+(?:with|met)\s+({_NAMES})", re.IGNORECASE)
_CANCELLED_PREFIX = re.compile(
    r"^\s*(?:canceled|cancelled|geannuleerd|afgezegd)\s*:\s*", re.IGNORECASE
)
_FILLER = frozenset(
    "with met and en weekly biweekly bi monthly wekelijks tweewekelijks maandelijks sync "
    "check in checkin meeting gesprek overleg catch up catchup the de het een a my mijn our "
    "onze ons recurring call chat series serie update touch base".split()
)


def _name_from_title(title: str, owner_names: set[str]) -> str:
    match = _CATCH_UP.search(title)
    if match:
        return first_name(match.group(1))
    rest = _STRONG.sub(" ", title)
    names = []
    for part in re.split(r"\s*(?:/|<>|<->|\||&|\+|,|:|–|—|\s-\s|\(|\)|\[|\])\s*", rest):
        words = [w for w in re.findall(_NAME, part) if w.lower().strip(".-") not in _FILLER]
        if words:
            names.append(words[0].capitalize() if words[0].islower() else words[0])
    for name in names:
        if name.lower() not in owner_names:
            return name[:MAX_NAME]
    return names[0][:MAX_NAME] if names else ""


def _judge(comp: Any, minutes: int, owner: str | None) -> tuple[bool, str, str, tuple[str, ...]]:
    """(likely one-on-one, guessed person, organizer name, attendee names) for one event."""
    organizer, people = _participants(comp)
    title = _CANCELLED_PREFIX.sub("", _title(comp))
    strong = bool(_STRONG.search(title))
    weak = bool(_PAIR.match(title) or _CATCH_UP.search(title))
    pair = len(people) == 2
    # Weak title patterns ("Budget / Planning") count only when no group is invited.
    likely = minutes <= MAX_MINUTES and (strong or pair or (weak and len(people) <= 2))
    me = owner if owner in {p.key for p in people} else (organizer.key if organizer else None)
    guess = ""
    if pair:
        others = [p for p in people if p.key != me]
        if len(others) == 1:
            guess = first_name(others[0].name)
    if not guess and (strong or weak):
        mine = {first_name(p.name).lower() for p in people if p.key == me}
        guess = _name_from_title(title, mine)
    names = tuple(p.name for p in _attendees(comp))
    return likely, guess, organizer.name if organizer else "", names


def _cancelled(comp: Any) -> bool:
    status = str(comp.get("STATUS", "")).strip().upper()
    return status == "CANCELLED" or bool(_CANCELLED_PREFIX.match(_title(comp)))


# ---- expanding series ----------------------------------------------------------------------
class _Reader:
    """Collects the instances of every event that fall in the window."""

    def __init__(self, start: _dt.date, end: _dt.date, zone: _dt.tzinfo | None):
        self.start, self.end, self.zone = start, end, zone
        self.owner: str | None = None
        self.found: list[CalendarEvent] = []

    def local(self, value: _dt.datetime) -> _dt.datetime:
        """A datetime as naive local wall time (floating times are already local)."""
        if not _aware(value):
            return value.replace(tzinfo=None)
        moved = value.astimezone(self.zone) if self.zone is not None else value.astimezone()
        return moved.replace(tzinfo=None)

    def align(self, value: _dt.date, like: _dt.datetime, at: _dt.time) -> _dt.datetime:
        """``value`` as a datetime comparable with ``like`` (a date gets the time ``at``)."""
        if not isinstance(value, _dt.datetime):
            value = _dt.datetime.combine(value, at)
        if _aware(like) and not _aware(value):
            return value.replace(tzinfo=like.tzinfo)
        if not _aware(like) and _aware(value):
            return self.local(value)
        return value

    def bounds(self, like: _dt.datetime) -> tuple[_dt.datetime, _dt.datetime]:
        low = _dt.datetime.combine(self.start, _dt.time.min) - _MARGIN
        high = _dt.datetime.combine(self.end, _dt.time.max) + _MARGIN
        if _aware(like):
            return low.replace(tzinfo=like.tzinfo), high.replace(tzinfo=like.tzinfo)
        return low, high

    def when(self, comp: Any, name: str = "DTSTART") -> _dt.date:
        """The date or datetime of DTSTART or RECURRENCE-ID; refuses the event if unreadable."""
        try:
            return comp[name].dt
        except (ValueError, AttributeError):  # broken (kept as text) or given twice
            self.check(comp)
            raise _bad_event(comp, "calendar.reason_time", comp.get(name)) from None

    def check(self, comp: Any) -> None:
        """Refuse an event whose times or repeat rule cannot be read."""
        for name, _detail in getattr(comp, "errors", []):
            if name in _TIME_PROPS or name == "RRULE":
                reason = "calendar.reason_rule" if name == "RRULE" else "calendar.reason_time"
                prop = comp.get(name)
                value = str(prop[0] if isinstance(prop, list) else prop)
                raise _bad_event(comp, reason, value)

    def minutes(self, comp: Any, start: _dt.datetime, fallback: int = 0) -> int:
        if comp.get("DTEND") is not None:
            end = comp["DTEND"].dt
            if not isinstance(end, _dt.datetime):
                end = _dt.datetime.combine(end, _dt.time.min)
            if _aware(start) != _aware(end):
                end = self.align(end, start, _dt.time.min)
            delta = end - start
        elif comp.get("DURATION") is not None:
            delta = comp["DURATION"].dt
            if not isinstance(delta, _dt.timedelta):
                return fallback
        else:
            return fallback
        return max(0, round(delta.total_seconds() / 60))

    def add(
        self,
        uid: str,
        comp: Any,
        start: _dt.datetime,
        minutes: int,
        recurring: bool,
        judged: tuple[bool, str, str, tuple[str, ...]],
    ) -> None:
        local = self.local(start)
        if not self.start <= local.date() <= self.end:
            return
        if len(self.found) >= MAX_INSTANCES:
            raise CalendarProblem("calendar.too_many", limit=MAX_INSTANCES)
        likely, guess, organizer, attendees = judged
        self.found.append(
            CalendarEvent(
                uid=uid,
                date=local.date(),
                start=local.time().replace(second=0, microsecond=0),
                minutes=minutes,
                title=_title(comp),
                attendees=attendees,
                organizer=organizer,
                cancelled=_cancelled(comp),
                recurring=recurring,
                likely_one_on_one=likely,
                guessed_person=guess,
            )
        )

    def expand(self, uid: str, comp: Any, overrides: list[Any]) -> None:
        """Every instance of a (possibly recurring) event inside the window."""
        dtstart = self.when(comp)
        if not isinstance(dtstart, _dt.datetime):
            return  # an all-day entry (holiday, leave, birthday) is not a meeting
        low, high = self.bounds(dtstart)
        repeats = comp.get("RRULE") is not None or comp.get("RDATE") is not None
        if dtstart > high or (not repeats and dtstart < low):
            return  # outside the window: its other properties do not matter
        self.check(comp)
        minutes = self.minutes(comp, dtstart)
        judged = _judge(comp, minutes, self.owner)
        if not repeats:
            self.add(uid, comp, dtstart, minutes, False, judged)
            return
        # DTSTART is always the first instance (RFC 5545), whether or not the rule names it.
        starts = [dtstart, *self.rule_starts(comp, dtstart, low, high)]
        starts += [self.align(v, dtstart, dtstart.time()) for v in _values(comp, "RDATE")]
        skip_days = {v for v in _values(comp, "EXDATE") if not isinstance(v, _dt.datetime)}
        skip = {
            _instant(self.align(v, dtstart, dtstart.time()))
            for v in _values(comp, "EXDATE")
            if isinstance(v, _dt.datetime)
        }
        for moved in overrides:  # a moved or cancelled instance replaces the one it names
            rid = self.when(moved, "RECURRENCE-ID")
            skip.add(_instant(self.align(rid, dtstart, dtstart.time())))
        seen = set()
        for occurrence in starts:
            key = _instant(occurrence)
            if key in skip or key in seen or occurrence.date() in skip_days:
                continue
            seen.add(key)
            if low <= occurrence <= high:
                self.add(uid, comp, occurrence, minutes, True, judged)

    def rule_starts(
        self, comp: Any, dtstart: _dt.datetime, low: _dt.datetime, high: _dt.datetime
    ) -> list[_dt.datetime]:
        from dateutil.rrule import rrulestr

        raw = comp.get("RRULE")
        out: list[_dt.datetime] = []
        for rule in raw if isinstance(raw, list) else [raw] if raw is not None else []:
            text = rule.to_ical().decode()
            freq = str((rule.get("FREQ") or [""])[0]).upper()
            if freq in ("HOURLY", "MINUTELY", "SECONDLY"):  # no meeting repeats within a day
                raise _bad_event(comp, "calendar.reason_too_frequent", text)
            if _out_of_range(rule):  # dateutil would search such a rule up to the year 9999
                raise _bad_event(comp, "calendar.reason_rule", text)
            if _never(rule):
                continue
            try:
                until = (rule.get("UNTIL") or [None])[0]
                parts = [p for p in text.split(";") if not p.upper().startswith("UNTIL=")]
                parsed = rrulestr(";".join(parts), dtstart=dtstart)
                if until is not None:
                    # dateutil wants UNTIL as aware as DTSTART; a date UNTIL includes that day.
                    parsed = parsed.replace(until=self.align(until, dtstart, _dt.time.max))
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                raise _bad_event(comp, "calendar.reason_rule", text) from None
            for steps, occurrence in enumerate(parsed, start=1):
                if occurrence > high:
                    break
                if steps > MAX_STEPS:
                    raise _bad_event(comp, "calendar.reason_too_frequent", text)
                if occurrence >= low:
                    out.append(occurrence)
        return out

    def single(self, uid: str, comp: Any, master: Any | None) -> None:
        """One moved or cancelled instance of a series (a VEVENT with RECURRENCE-ID)."""
        dtstart = self.when(comp)
        if not isinstance(dtstart, _dt.datetime):
            return
        low, high = self.bounds(dtstart)
        if not low <= dtstart <= high:
            return
        self.check(comp)
        fallback = 0
        if master is not None and comp.get("DTEND") is None and comp.get("DURATION") is None:
            master_start = self.when(master)
            if isinstance(master_start, _dt.datetime):
                self.check(master)
                fallback = self.minutes(master, master_start)
        minutes = self.minutes(comp, dtstart, fallback)
        self.add(uid, comp, dtstart, minutes, True, _judge(comp, minutes, self.owner))


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


_RULE_RANGES = {
    "BYMONTH": (1, 12),
    "BYMONTHDAY": (1, 31),
    "BYYEARDAY": (1, 366),
    "BYWEEKNO": (1, 53),
    "BYSETPOS": (1, 366),
    "BYHOUR": (0, 23),
    "BYMINUTE": (0, 59),
    "BYSECOND": (0, 60),
}


def _out_of_range(rule: Any) -> bool:
    """True when a BY... part names a month, day or week that does not exist."""
    for part, (low, high) in _RULE_RANGES.items():
        for value in rule.get(part) or []:
            try:
                number = abs(int(value))
            except (TypeError, ValueError):
                return True
            if not low <= number <= high:
                return True
    return False


def _never(rule: Any) -> bool:
    """True for a rule that names no real day (``BYMONTH=2;BYMONTHDAY=31``).

    dateutil would search such a rule up to the year 9999 before giving up.
    """
    days = [abs(int(d)) for d in rule.get("BYMONTHDAY") or []]
    months = [int(m) for m in rule.get("BYMONTH") or range(1, 13)]
    return bool(days) and all(d > max(_MONTH_DAYS[m - 1] for m in months) for d in days)


def _instant(value: _dt.datetime) -> _dt.datetime:
    """A key that matches the same moment however its zone is written."""
    return value.astimezone(_UTC) if _aware(value) else value


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
        problems.extend(error.problems)
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
