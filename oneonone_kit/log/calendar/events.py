"""What a calendar file yields: one event instance, and the problem when a file cannot be used.

Shared by :mod:`.read` (the file) and :mod:`.expand` (the series), so neither imports the other
back. No icalendar here.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass
from typing import Any

from ...errors import StoreError
from .guess import event_title

MAX_INSTANCES = 5_000
MAX_BYTES = 20 * 1024 * 1024


class CalendarProblem(StoreError):
    """A calendar file we cannot use; nothing was read from it.

    ``reason`` is an optional catalogue key filled into the ``{reason}`` of the main message;
    date values are shown in the learner's language.
    """

    def __init__(self, key: str, reason: str | None = None, **values: Any):
        self.reason = reason
        super().__init__(key, **values)

    def message(self, lang: str | None = None) -> str:
        from ...i18n import format_date, t

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


def event_uid(comp: Any) -> str:
    uid = str(comp.get("UID", "")).strip()
    if uid:
        return uid
    # No UID (hand-made files): derive one from what the event says, so re-import is stable.
    raw = f"{comp.get('SUMMARY', '')}|{comp['DTSTART'].to_ical().decode(errors='replace')}"
    return "nouid-" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:16]


def bad_event(comp: Any, reason: str, value: object) -> CalendarProblem:
    """The problem for one unreadable event, named by its title (or UID)."""
    return CalendarProblem(
        "calendar.bad_event",
        reason=reason,
        summary=event_title(comp)[:80] or event_uid(comp),
        value=str(value)[:80],
    )
