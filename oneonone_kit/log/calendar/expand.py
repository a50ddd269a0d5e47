"""Every instance of a calendar's events that falls in a date window.

Expands recurring series (RRULE, RDATE, EXDATE, moved and cancelled instances), leaves out
all-day entries, converts times to the learner's zone, and refuses rules that cannot be read or
would run for ever. dateutil is imported where a rule is expanded; :mod:`oneonone_kit.log.calendar.read`
imports this module only when it reads a file.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .events import MAX_INSTANCES, CalendarEvent, CalendarProblem, bad_event
from .guess import event_title, is_cancelled, judge

MAX_STEPS = 100_000  # rule steps per series, so FREQ=MINUTELY since 1990 cannot hang the kernel
_MARGIN = _dt.timedelta(days=2)  # a time-zone shift moves an instance by less than a day
_TIME_PROPS = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "EXDATE", "RDATE")
_UTC = _dt.timezone.utc


def _values(comp: Any, name: str) -> list[Any]:
    """Every date or datetime of a list property (EXDATE, RDATE), however it was split."""
    prop = comp.get(name)
    if prop is None:
        return []
    out = []
    for item in prop if isinstance(prop, list) else [prop]:
        for value in getattr(item, "dts", []):
            found = value.dt
            found = found[0] if isinstance(found, tuple) else found  # RDATE periods
            if isinstance(found, _dt.date):  # VALUE=TIME names no day: nothing to add or skip
                out.append(found)
    return out


def _aware(value: _dt.datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() is not None


# ---- expanding series ----------------------------------------------------------------------
class Reader:
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
            raise bad_event(comp, "calendar.reason_time", comp.get(name)) from None

    def check(self, comp: Any) -> None:
        """Refuse an event whose times or repeat rule cannot be read."""
        for name, _detail in getattr(comp, "errors", []):
            if name in _TIME_PROPS or name == "RRULE":
                reason = "calendar.reason_rule" if name == "RRULE" else "calendar.reason_time"
                prop = comp.get(name)
                value = str(prop[0] if isinstance(prop, list) else prop)
                raise bad_event(comp, reason, value)

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
                title=event_title(comp),
                attendees=attendees,
                organizer=organizer,
                cancelled=is_cancelled(comp),
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
        judged = judge(comp, minutes, self.owner)
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
                raise bad_event(comp, "calendar.reason_too_frequent", text)
            if _out_of_range(rule):  # dateutil would search such a rule up to the year 9999
                raise bad_event(comp, "calendar.reason_rule", text)
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
                raise bad_event(comp, "calendar.reason_rule", text) from None
            for steps, occurrence in enumerate(parsed, start=1):
                if occurrence > high:
                    break
                if steps > MAX_STEPS:
                    raise bad_event(comp, "calendar.reason_too_frequent", text)
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
        self.add(uid, comp, dtstart, minutes, True, judge(comp, minutes, self.owner))


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
