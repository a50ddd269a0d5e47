"""Calendar import: .ics files as Outlook, Google and Apple write them, read into events."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from oneonone_kit.errors import ImportProblem, StoreError
from oneonone_kit.log.calendar import read as calendar
from oneonone_kit.log.calendar.read import (
    CalendarProblem,
    event_to_meeting,
    events_to_meetings,
    first_name,
    parse_ics,
)
from oneonone_kit.log.store import Store
from oneonone_kit.model import RecordError

TODAY = dt.date(2026, 11, 22)
FROM = dt.date(2026, 9, 1)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def ics(*lines: str) -> bytes:
    """An iCalendar file with CRLF line ends, as calendar apps write them."""
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


VTIMEZONE_AMSTERDAM = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Amsterdam",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

# Outlook: a weekly 1:1 on Monday 10:00 Amsterdam time, through the end of summer time
# (25 Oct 2026), with a meeting room booked as an attendee and "Last, First" names.
OUTLOOK_WEEKLY = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:PUBLISH",
    *VTIMEZONE_AMSTERDAM,
    "BEGIN:VEVENT",
    "UID:040000008200E00074C5B7101A82E00800000000D0C1A9F5E7C4DC01000000000000000010000000",
    "SUMMARY:1:1 Anna / Lea",
    "DTSTART;TZID=Europe/Amsterdam:20260907T100000",
    "DTEND;TZID=Europe/Amsterdam:20260907T103000",
    "RRULE:FREQ=WEEKLY;UNTIL=20261130T090000Z;INTERVAL=1;BYDAY=MO;WKST=MO",
    'ORGANIZER;CN="Visser, Lea":mailto:lea.visser@example.com',
    'ATTENDEE;CN="de Vries, Anna";RSVP=TRUE:mailto:anna.devries@example.com',
    'ATTENDEE;CUTYPE=ROOM;CN="Room 4.12";RSVP=FALSE:mailto:room412@example.com',
    "LOCATION:Room 4.12",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
    "END:VEVENT",
    "END:VCALENDAR",
)

# Google: times in UTC, the owner named in X-WR-CALNAME, names only as e-mail addresses;
# here the employee sent the invitation.
GOOGLE_UTC = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:lea.visser@example.com",
    "X-WR-TIMEZONE:Europe/Amsterdam",
    "BEGIN:VEVENT",
    "DTSTART:20261103T150000Z",
    "DTEND:20261103T154500Z",
    "DTSTAMP:20261120T101010Z",
    "ORGANIZER;CN=bram.jansen@example.com:mailto:bram.jansen@example.com",
    "UID:7kq1s9hj2c3v@google.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=lea.visser@e",
    " xample.com;X-NUM-GUESTS=0:mailto:lea.visser@example.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=bram.jansen@",
    " example.com;X-NUM-GUESTS=0:mailto:bram.jansen@example.com",
    "SUMMARY:Weekly sync",
    "STATUS:CONFIRMED",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART:20261104T233000Z",
    "DTEND:20261105T000000Z",
    "UID:late-release@google.com",
    "SUMMARY:Release window",
    "END:VEVENT",
    "END:VCALENDAR",
)

# Apple Calendar: its own VTIMEZONE, DURATION instead of DTEND, a folded description,
# no attendees: only the title says it is a one-on-one.
APPLE_DURATION = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Apple Inc.//macOS 15.1//EN",
    "CALSCALE:GREGORIAN",
    *VTIMEZONE_AMSTERDAM,
    "BEGIN:VEVENT",
    "CREATED:20261101T080000Z",
    "UID:5F2C7A1E-3B4D-4C5E-8F90-ABCDEF123456",
    "DTSTART;TZID=Europe/Amsterdam:20261110T090000",
    "DURATION:PT50M",
    "SUMMARY:één-op-één Sanne",
    "DESCRIPTION:Agenda van Sanne: loopbaan\\, werkdruk en de vakantieplanning voor",
    "  het voorjaar.",
    "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
    "SEQUENCE:0",
    "END:VEVENT",
    "END:VCALENDAR",
)

# A fortnightly series: one instance deleted (EXDATE), one moved to the next morning and
# made longer (RECURRENCE-ID), one cancelled (RECURRENCE-ID + STATUS:CANCELLED).
SERIES_WITH_EXCEPTIONS = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Example//Series//EN",
    *VTIMEZONE_AMSTERDAM,
    "BEGIN:VEVENT",
    "UID:series-chris",
    "SUMMARY:1-1 Chris",
    "DTSTART;TZID=Europe/Amsterdam:20261001T140000",
    "DTEND;TZID=Europe/Amsterdam:20261001T143000",
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=6",
    "EXDATE;TZID=Europe/Amsterdam:20261015T140000",
    "ORGANIZER;CN=Lea Visser:mailto:lea.visser@example.com",
    "ATTENDEE;CN=Chris Bakker:mailto:chris@example.com",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:series-chris",
    "RECURRENCE-ID;TZID=Europe/Amsterdam:20261029T140000",
    "SUMMARY:1-1 Chris",
    "DTSTART;TZID=Europe/Amsterdam:20261030T090000",
    "DTEND;TZID=Europe/Amsterdam:20261030T094500",
    "ORGANIZER;CN=Lea Visser:mailto:lea.visser@example.com",
    "ATTENDEE;CN=Chris Bakker:mailto:chris@example.com",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:series-chris",
    "RECURRENCE-ID;TZID=Europe/Amsterdam:20261112T140000",
    "SUMMARY:1-1 Chris",
    "STATUS:CANCELLED",
    "DTSTART;TZID=Europe/Amsterdam:20261112T140000",
    "DTEND;TZID=Europe/Amsterdam:20261112T143000",
    "END:VEVENT",
    "END:VCALENDAR",
)

TEAM_ATTENDEES = [
    f"ATTENDEE;CN={name}:mailto:{name.lower()}@example.com"
    for name in ("Anna", "Bram", "Chris", "Dewi", "Eva")
]

# A team meeting (six people), an all-day entry with "1:1" in its title, and an event
# without DTSTART: only the team meeting is a timed event, and it is not a one-on-one.
TEAM_AND_ALL_DAY = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Example//Team//EN",
    "BEGIN:VEVENT",
    "UID:team-weekly",
    "SUMMARY:Team weekly",
    "DTSTART:20261102T080000Z",
    "DTEND:20261102T090000Z",
    "ORGANIZER;CN=Lea Visser:mailto:lea.visser@example.com",
    *TEAM_ATTENDEES,
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:day-off",
    "SUMMARY:1:1 day with Anna (offsite)",
    "DTSTART;VALUE=DATE:20261104",
    "DTEND;VALUE=DATE:20261105",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:no-start",
    "SUMMARY:1:1 floating idea",
    "END:VEVENT",
    "END:VCALENDAR",
)


def single(title: str, *extra: str, start: str = "20261105T100000", end="20261105T103000"):
    """One floating-time event (no zone) with ``title`` and any extra lines."""
    return ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        f"UID:single-{abs(hash(title))}",
        f"SUMMARY:{title}",
        f"DTSTART:{start}",
        f"DTEND:{end}",
        *extra,
        "END:VEVENT",
        "END:VCALENDAR",
    )


def read(payload: bytes, start=FROM, end=TODAY, tz=None):
    return parse_ics(payload, start, end, tz=tz)


# ---- Outlook ---------------------------------------------------------------------------------
def test_outlook_weekly_series_expands_to_every_monday_in_the_window():
    events = read(OUTLOOK_WEEKLY)
    assert [e.date for e in events] == [
        dt.date(2026, 9, 7) + dt.timedelta(weeks=n) for n in range(11)
    ]
    assert {e.date.weekday() for e in events} == {0}
    assert all(e.recurring and e.minutes == 30 for e in events)


def test_outlook_series_keeps_ten_oclock_local_time_across_the_end_of_summer_time():
    events = read(OUTLOOK_WEEKLY)
    assert {e.start for e in events} == {dt.time(10, 0)}


def test_outlook_one_on_one_ignores_the_meeting_room_and_guesses_the_first_name():
    event = read(OUTLOOK_WEEKLY)[0]
    assert event.likely_one_on_one
    assert event.guessed_person == "Anna"  # from "de Vries, Anna", not from the room
    assert event.attendees == ("de Vries, Anna",)
    assert event.organizer == "Visser, Lea"
    assert event.title == "1:1 Anna / Lea"
    assert not event.cancelled


def test_until_limits_the_series_and_a_window_start_cuts_earlier_instances():
    events = read(OUTLOOK_WEEKLY, start=dt.date(2026, 11, 1), end=dt.date(2026, 12, 31))
    # UNTIL 30 Nov 09:00 UTC is 10:00 in Amsterdam: that last Monday is included.
    assert [e.date.day for e in events] == [2, 9, 16, 23, 30]


def test_times_show_in_the_zone_the_learner_asks_for():
    events = read(OUTLOOK_WEEKLY, tz=ZoneInfo("Europe/London"))
    assert {e.start for e in events} == {dt.time(9, 0)}


def test_windows_zone_names_from_outlook_are_understood():
    payload = (
        single(
            "1:1 Noor",
            start="20261105T100000",
        )
        .replace(b"DTSTART:", b"DTSTART;TZID=W. Europe Standard Time:")
        .replace(b"DTEND:", b"DTEND;TZID=W. Europe Standard Time:")
    )
    (event,) = read(payload, tz=dt.timezone.utc)
    assert (event.date, event.start, event.minutes) == (dt.date(2026, 11, 5), dt.time(9, 0), 30)


# ---- Google ----------------------------------------------------------------------------------
def test_google_utc_times_move_to_the_calendar_zone():
    events = read(GOOGLE_UTC)
    sync, release = events
    assert (sync.date, sync.start, sync.minutes) == (dt.date(2026, 11, 3), dt.time(16, 0), 45)
    # 23:30 UTC on 4 November is half past midnight on 5 November in Amsterdam.
    assert (release.date, release.start, release.minutes) == (
        dt.date(2026, 11, 5),
        dt.time(0, 30),
        30,
    )


def test_google_two_person_event_is_a_one_on_one_with_the_other_person():
    sync, release = read(GOOGLE_UTC)
    assert sync.likely_one_on_one
    assert sync.guessed_person == "Bram"  # the organizer: X-WR-CALNAME says whose calendar it is
    assert not sync.recurring
    assert not release.likely_one_on_one
    assert release.guessed_person == ""


def test_utc_times_without_a_calendar_zone_use_the_zone_given():
    payload = GOOGLE_UTC.replace(b"X-WR-TIMEZONE:Europe/Amsterdam\r\n", b"")
    sync, _release = read(payload, tz=ZoneInfo("America/New_York"))
    assert (sync.date, sync.start) == (dt.date(2026, 11, 3), dt.time(10, 0))


# ---- Apple -----------------------------------------------------------------------------------
def test_apple_event_takes_its_length_from_duration_and_its_person_from_the_title():
    (event,) = read(APPLE_DURATION)
    assert (event.date, event.start, event.minutes) == (dt.date(2026, 11, 10), dt.time(9, 0), 50)
    assert event.title == "één-op-één Sanne"
    assert event.likely_one_on_one
    assert event.guessed_person == "Sanne"
    assert event.attendees == ()


# ---- series exceptions -----------------------------------------------------------------------
def test_series_drops_exdate_moves_the_overridden_instance_and_marks_the_cancelled_one():
    events = read(SERIES_WITH_EXCEPTIONS)
    got = [(e.date, e.start, e.minutes, e.cancelled) for e in events]
    assert got == [
        (dt.date(2026, 10, 1), dt.time(14, 0), 30, False),
        (dt.date(2026, 10, 30), dt.time(9, 0), 45, False),  # moved from 29 Oct, and longer
        (dt.date(2026, 11, 12), dt.time(14, 0), 30, True),
    ]
    assert all(e.recurring and e.uid == "series-chris" for e in events)
    assert all(e.likely_one_on_one for e in events)
    assert [e.guessed_person for e in events] == ["Chris", "Chris", "Chris"]


def test_a_moved_instance_leaves_its_old_date_even_when_its_new_date_is_outside_the_window():
    with pytest.raises(CalendarProblem) as caught:
        read(SERIES_WITH_EXCEPTIONS, start=dt.date(2026, 10, 29), end=dt.date(2026, 10, 29))
    assert caught.value.key == "calendar.no_events"


def test_date_only_exdate_removes_that_day_from_a_timed_series():
    payload = SERIES_WITH_EXCEPTIONS.replace(
        b"EXDATE;TZID=Europe/Amsterdam:20261015T140000", b"EXDATE;VALUE=DATE:20261001"
    )
    dates = [e.date for e in read(payload)]
    assert dt.date(2026, 10, 1) not in dates
    assert dt.date(2026, 10, 15) in dates


def test_rdate_adds_instances_and_dtstart_is_always_the_first():
    payload = single(
        "1:1 Iris",
        "RDATE:20261112T100000,20261119T100000",
        start="20261105T100000",
        end="20261105T104000",
    )
    events = read(payload)
    assert [e.date.day for e in events] == [5, 12, 19]
    assert all(e.recurring and e.minutes == 40 for e in events)


def test_dtstart_off_the_rule_still_counts_as_an_instance():
    # 5 Nov 2026 is a Thursday; the rule names Mondays.
    events = read(single("1:1 Iris", "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20261116T235959"))
    assert [e.date for e in events] == [
        dt.date(2026, 11, 5),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 16),
    ]


def test_an_unreadable_recurrence_id_names_the_event():
    payload = SERIES_WITH_EXCEPTIONS.replace(
        b"RECURRENCE-ID;TZID=Europe/Amsterdam:20261029T140000", b"RECURRENCE-ID:29-10-2026"
    )
    with pytest.raises(CalendarProblem) as caught:
        read(payload)
    assert caught.value.reason == "calendar.reason_time"
    assert "29-10-2026" in caught.value.message("en")


def test_outlook_cancelled_prefix_marks_the_meeting_cancelled():
    (event,) = read(single("Canceled: 1:1 Joris"))
    assert event.cancelled
    assert event.guessed_person == "Joris"


def test_status_cancelled_on_a_single_event_marks_it_cancelled():
    (event,) = read(single("1:1 Joris", "STATUS:CANCELLED"))
    assert event.cancelled and event.likely_one_on_one


# ---- what is not a one-on-one ----------------------------------------------------------------
def test_team_meeting_counts_but_all_day_and_startless_events_are_left_out():
    (team,) = read(TEAM_AND_ALL_DAY)
    assert team.title == "Team weekly"
    assert len(team.attendees) == 5
    assert not team.likely_one_on_one
    assert team.guessed_person == ""
    assert team.minutes == 60


def test_a_calendar_with_only_all_day_entries_has_no_events():
    payload = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:holiday",
        "SUMMARY:1:1 Anna",
        "DTSTART;VALUE=DATE:20261104",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    with pytest.raises(CalendarProblem) as caught:
        read(payload)
    assert caught.value.key == "calendar.no_events"
    assert "4 Sep 2026" not in caught.value.message("en")
    assert "1 Sep 2026" in caught.value.message("en")
    assert "22 nov 2026" in caught.value.message("nl")


@pytest.mark.parametrize(
    ("title", "person"),
    [
        ("1:1 Anna", "Anna"),
        ("1-1 with Jan", "Jan"),
        ("1on1 Piet", "Piet"),
        ("One-on-one: Priya", "Priya"),
        ("one on one with Sam", "Sam"),
        ("Één-op-één met Fatima", "Fatima"),
        ("een-op-een Kees", "Kees"),
        ("1 op 1 Ruud", "Ruud"),
        ("121 Tom", "Tom"),
        ("Catch-up with Noor", "Noor"),
        ("catch up met yara", "Yara"),
        ("Weekly 1:1s - Daan", "Daan"),
        ("Anna / Lea", "Anna"),
        ("Mo <> Lea", "Mo"),
    ],
)
def test_title_patterns_mark_a_one_on_one_and_name_the_person(title, person):
    (event,) = read(single(title))
    assert event.likely_one_on_one, title
    assert event.guessed_person == person


@pytest.mark.parametrize(
    "title",
    ["Team weekly", "Standup 11:15", "Q1-1 review", "Release 2026-11-12", "Room 1-12", "Lunch"],
)
def test_other_titles_without_a_pair_of_people_are_not_one_on_ones(title):
    (event,) = read(single(title))
    assert not event.likely_one_on_one
    assert event.guessed_person == ""


def test_title_guess_skips_the_calendar_owner():
    payload = single(
        "Lea / Kim",
        "ORGANIZER;CN=Lea Visser:mailto:lea@example.com",
        "ATTENDEE;CN=Lea Visser:mailto:lea@example.com",
    )
    (event,) = read(payload)
    assert event.guessed_person == "Kim"


def test_weak_title_pattern_does_not_override_a_group_invitation():
    (event,) = read(single("Budget / Planning", *TEAM_ATTENDEES))
    assert not event.likely_one_on_one


def test_an_event_longer_than_a_working_day_is_not_a_one_on_one():
    (event,) = read(single("1:1 Offsite Anna", start="20261105T080000", end="20261105T180000"))
    assert event.minutes == 600
    assert not event.likely_one_on_one


@pytest.mark.parametrize(
    ("display", "name"),
    [
        ("Anna de Vries", "Anna"),
        ("de Vries, Anna", "Anna"),
        ("anna.devries@example.com", "Anna"),
        ("mailto:bram_jansen@example.com", "Bram"),
        ('"Chris"', "Chris"),
        ("", ""),
    ],
)
def test_first_name_from_display_names_and_addresses(display, name):
    assert first_name(display) == name


# ---- malformed files -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"Subject,Start Date\r\n1:1 Anna,2026-11-05\r\n",  # an Outlook CSV export
        b'{"format": "oneonone-export"}',
        b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261105T100000Z\r\nEND:VEVENT\r\n",  # no VCALENDAR
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n",  # cut off
        b"BEGIN:VCALENDAR\r\nthis line is not a property\r\nEND:VCALENDAR\r\n",
    ],
)
def test_files_that_are_not_calendars_are_refused(payload):
    with pytest.raises(CalendarProblem) as caught:
        read(payload)
    assert caught.value.key == "calendar.not_ics"
    assert ".ics" in caught.value.message("en")
    assert "agenda" in caught.value.message("nl")


def test_a_file_that_is_not_utf8_is_refused_with_its_own_message():
    payload = single("1:1 Anna").replace(b"1:1 Anna", "Één-op-één Anna".encode("latin-1"))
    with pytest.raises(CalendarProblem) as caught:
        read(payload)
    assert caught.value.key == "calendar.not_utf8"
    assert "UTF-8" in caught.value.message("nl")


def test_a_utf8_byte_order_mark_is_accepted():
    (event,) = read(b"\xef\xbb\xbf" + single("1:1 Anna"))
    assert event.guessed_person == "Anna"


def test_calendar_problem_is_a_store_error_with_a_message_in_each_language():
    with pytest.raises(StoreError) as caught:
        read(b"not a calendar")
    assert isinstance(caught.value, CalendarProblem)
    assert caught.value.message("en") != caught.value.message("nl")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SOMETIMES;BYDAY=MO",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;BYMONTH=13",
        "FREQ=MONTHLY;BYSETPOS=400;BYDAY=MO",
    ],
)
def test_a_bad_repeat_rule_names_the_event_and_the_rule(rule):
    payload = single("Broken series", f"RRULE:{rule}")
    with pytest.raises(CalendarProblem) as caught:
        read(payload)
    assert caught.value.key == "calendar.bad_event"
    assert caught.value.reason == "calendar.reason_rule"
    assert "Broken series" in caught.value.message("en")
    assert "herhaalregel" in caught.value.message("nl")


def test_a_series_repeating_within_the_hour_is_refused_quickly():
    payload = single("Ping", "RRULE:FREQ=MINUTELY", start="19900101T000000", end="19900101T000100")
    with pytest.raises(CalendarProblem) as caught:
        read(payload)
    assert caught.value.reason == "calendar.reason_too_frequent"


def test_a_rule_that_names_no_real_day_adds_nothing_to_the_first_instance():
    (event,) = read(single("1:1 Iris", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"))
    assert event.date == dt.date(2026, 11, 5)


def test_an_unreadable_start_time_names_the_event():
    payload = single("1:1 Anna", start="2026-11-05 10:00")
    with pytest.raises(CalendarProblem) as caught:
        read(payload)
    assert caught.value.key == "calendar.bad_event"
    assert caught.value.reason == "calendar.reason_time"
    assert "2026-11-05 10:00" in caught.value.message("en")


def test_a_broken_event_outside_the_window_does_not_block_the_rest():
    payload = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:old-broken",
        "SUMMARY:Old",
        "DTSTART:20150105T100000",
        "DURATION:PT45X",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:new",
        "SUMMARY:1:1 Anna",
        "DTSTART:20261105T100000",
        "DURATION:PT45M",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    (event,) = read(payload)
    assert (event.title, event.minutes) == ("1:1 Anna", 45)


def test_start_after_end_is_refused():
    with pytest.raises(CalendarProblem) as caught:
        read(OUTLOOK_WEEKLY, start=TODAY, end=FROM)
    assert caught.value.key == "calendar.bad_window"


def test_expansion_stops_at_five_thousand_instances():
    assert calendar.MAX_INSTANCES == 5_000
    start, end = dt.date(2010, 1, 1), dt.date(2026, 12, 31)
    daily = single("Daily check", "RRULE:FREQ=DAILY;COUNT=5000", start="20100101T090000")
    assert len(read(daily, start, end)) == 5_000
    one_more = single("Daily check", "RRULE:FREQ=DAILY;COUNT=5001", start="20100101T090000")
    with pytest.raises(CalendarProblem) as caught:
        read(one_more, start, end)
    assert caught.value.key == "calendar.too_many"
    assert "5000" in caught.value.message("en")


# ---- from events to meetings -----------------------------------------------------------------
def test_events_become_meetings_with_status_minutes_and_person():
    events = read(SERIES_WITH_EXCEPTIONS)
    meetings = events_to_meetings(events, today=TODAY)
    assert [(m.date, m.person, m.planned_minutes, m.status) for m in meetings] == [
        (dt.date(2026, 10, 1), "Chris", 30, "held"),
        (dt.date(2026, 10, 30), "Chris", 45, "held"),
        (dt.date(2026, 11, 12), "Chris", 30, "cancelled"),
    ]
    assert meetings[0].actual_minutes == 30
    assert meetings[2].actual_minutes is None


def test_meeting_uids_are_derived_from_the_calendar_and_stable():
    first = events_to_meetings(read(OUTLOOK_WEEKLY), today=TODAY)
    again = events_to_meetings(read(OUTLOOK_WEEKLY), today=TODAY)
    assert [m.uid for m in first] == [m.uid for m in again]
    assert len({m.uid for m in first}) == 11
    assert all(m.uid.startswith("ics-") and len(m.uid) == 28 for m in first)
    assert first[0].uid == calendar.meeting_uid(
        "040000008200E00074C5B7101A82E00800000000D0C1A9F5E7C4DC01000000000000000010000000",
        dt.date(2026, 9, 7),
    )


def test_importing_the_same_file_twice_adds_nothing(tmp_home):
    with Store.open() as store:
        store.add_meetings(events_to_meetings(read(OUTLOOK_WEEKLY), today=TODAY))
        assert store.counts()["meetings"] == 11
        store.add_meetings(events_to_meetings(read(OUTLOOK_WEEKLY), today=TODAY))
        assert store.counts()["meetings"] == 11


def test_person_overrides_by_instance_or_by_series():
    events = read(SERIES_WITH_EXCEPTIONS)
    overrides = {"series-chris": "C. Bakker", events[1].meeting_uid: "Chris B."}
    meetings = events_to_meetings(events, overrides, today=TODAY)
    assert [m.person for m in meetings] == ["C. Bakker", "Chris B.", "C. Bakker"]


def test_planned_minutes_are_clamped_to_what_a_meeting_can_hold():
    long_event = read(single("1:1 Offsite Anna", start="20261105T080000", end="20261105T180000"))
    zero = read(single("1:1 Anna", start="20261105T080000", end="20261105T080000"))
    assert event_to_meeting(long_event[0], today=TODAY).planned_minutes == 480
    assert event_to_meeting(zero[0], today=TODAY).planned_minutes == 1


def test_an_event_without_a_person_is_refused_with_its_row():
    events = read(TEAM_AND_ALL_DAY) + read(OUTLOOK_WEEKLY)[:1]
    with pytest.raises(ImportProblem) as caught:
        events_to_meetings(events, today=TODAY)
    assert caught.value.key == "calendar.rows_refused"
    assert caught.value.rows == [(1, "person", "error.required", {})]
    assert caught.value.row_messages("en") == ["Row 1, Person: This field is needed."]


def test_a_meeting_still_ahead_cannot_be_imported_as_held_but_a_cancelled_one_can():
    (ahead,) = read(
        single("1:1 Anna", start="20261201T100000", end="20261201T103000"),
        end=dt.date(2026, 12, 31),
    )
    with pytest.raises(RecordError) as caught:
        event_to_meeting(ahead, today=TODAY)
    assert [p.key for p in caught.value.problems] == ["calendar.not_held_yet"]
    (called_off,) = read(
        single("1:1 Anna", "STATUS:CANCELLED", start="20261201T100000", end="20261201T103000"),
        end=dt.date(2026, 12, 31),
    )
    assert event_to_meeting(called_off, today=TODAY).status == "cancelled"


def test_importing_the_module_loads_no_calendar_or_widget_library():
    code = (
        "import sys, oneonone_kit.log.calendar.read; "
        "print(sorted(m for m in ('icalendar', 'dateutil', 'ipywidgets', 'IPython') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
