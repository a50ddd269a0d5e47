"""The calendar import widget, driven headlessly: choose a file, read, confirm, import."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from oneonone_kit.ui import session
from oneonone_kit.ui.calendar_view import MAX_SHOWN, CalendarImport, calendar_import


def ics(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


# Eleven Mondays of a weekly 1:1 (7 Sep to 16 Nov 2026, 10:00 Amsterdam time) and a team
# meeting on Wednesday 4 November.
OUTLOOK_WEEKLY = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "BEGIN:VEVENT",
    "UID:weekly-anna",
    "SUMMARY:1:1 Anna / Lea",
    "DTSTART;TZID=Europe/Amsterdam:20260907T100000",
    "DTEND;TZID=Europe/Amsterdam:20260907T103000",
    "RRULE:FREQ=WEEKLY;BYDAY=MO",
    'ORGANIZER;CN="Visser, Lea":mailto:lea.visser@example.com',
    'ATTENDEE;CN="de Vries, Anna":mailto:anna.devries@example.com',
    "END:VEVENT",
    "END:VCALENDAR",
)
TEAM = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "BEGIN:VEVENT",
    "UID:team",
    "SUMMARY:Team weekly",
    "DTSTART;TZID=Europe/Amsterdam:20261104T090000",
    "DTEND;TZID=Europe/Amsterdam:20261104T100000",
    "ORGANIZER;CN=Lea Visser:mailto:lea.visser@example.com",
    *[f"ATTENDEE;CN={n}:mailto:{n.lower()}@example.com" for n in ("Anna", "Bram", "Chris", "Eva")],
    "END:VEVENT",
    "END:VCALENDAR",
)


@pytest.fixture
def home(tmp_home, monkeypatch):
    """A fresh store in a throw-away ONEONONE_HOME, with today fixed at 2026-11-22."""
    monkeypatch.setenv("ONEONONE_TODAY", "2026-11-22")
    session.reset()
    yield tmp_home
    session.reset()


def choose(form: CalendarImport, payload: bytes, name: str = "cal.ics") -> None:
    """What the browser sends when the learner picks a file."""
    form.upload.value = (
        {
            "name": name,
            "type": "text/calendar",
            "size": len(payload),
            "content": memoryview(payload),
            "last_modified": dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone.utc),
        },
    )


def no_callback_errors(form: CalendarImport) -> None:
    assert form.last_error is None, getattr(form, "last_traceback", "")


def meetings():
    return session.store().meetings()


def test_window_defaults_to_the_last_twelve_weeks(home):
    form = calendar_import("en")
    assert form.window_to.value == dt.date(2026, 11, 22)
    assert form.window_from.value == dt.date(2026, 8, 30)
    assert "oo-cal-read" in form.read._dom_classes
    assert "oo-cal-import" in form.import_button._dom_classes
    assert "oo-cal-message" in form.message._dom_classes


def test_read_untick_one_and_import_the_rest(home):
    form = calendar_import("en")
    choose(form, OUTLOOK_WEEKLY + TEAM)  # two calendars in one file, as some apps export
    form.read.click()
    no_callback_errors(form)
    # Eleven Mondays of the weekly 1:1 plus the team meeting, sorted by date.
    assert len(form.rows) == 12
    assert [r.event.date for r in form.rows] == sorted(r.event.date for r in form.rows)
    team = next(r for r in form.rows if r.event.title == "Team weekly")
    assert not team.tick.value
    ones = [r for r in form.rows if r.event.title.startswith("1:1")]
    assert all(r.tick.value for r in ones)
    assert {r.person.value for r in ones} == {"Anna"}
    assert "oo-cal-event" in ones[0].tick._dom_classes
    assert "oo-cal-person" in ones[0].person._dom_classes
    assert ones[0].tick.description == "Mon 7 Sep 2026, 10:00, 30 min: 1:1 Anna / Lea"
    assert "12 timed events found; 11 look like one-on-ones" in form.summary.value

    ones[3].tick.value = False
    form.import_button.click()
    no_callback_errors(form)
    assert len(meetings()) == 10
    assert {m.person for m in meetings()} == {"Anna"}
    assert form.message.kind == "ok"
    assert form.message.text == (
        "Added 10 meetings from your calendar. Your log now holds 10 meetings."
    )
    # The imported rows are now marked and locked; the unticked one can still be imported.
    assert all(r.in_log and r.tick.disabled for r in ones if r is not ones[3])
    assert ones[0].tick.description.endswith("(already in your log)")
    assert not ones[3].in_log


def test_importing_again_adds_nothing_and_keeps_what_was_added_since(home):
    form = calendar_import("en")
    choose(form, OUTLOOK_WEEKLY)
    form.read.click()
    form.import_button.click()
    assert len(meetings()) == 11
    first = meetings()[0]
    session.store().add_meeting(replace(first, notes="talked about growth"))

    again = calendar_import("en")
    choose(again, OUTLOOK_WEEKLY)
    again.read.click()
    no_callback_errors(again)
    assert all(r.in_log and not r.tick.value for r in again.rows)
    again.select_all()
    assert not any(r.tick.value for r in again.rows)
    again.import_button.click()
    assert again.message.kind == "error"
    assert len(meetings()) == 11
    assert meetings()[0].notes == "talked about growth"


def test_a_malformed_file_shows_the_error_and_changes_nothing(home):
    form = calendar_import("nl")
    choose(form, OUTLOOK_WEEKLY)
    form.read.click()
    rows_before = list(form.rows)
    choose(form, b"Subject,Start Date\r\n1:1 Anna,2026-11-05\r\n", name="export.csv")
    form.read.click()
    no_callback_errors(form)
    assert form.message.kind == "error"
    assert "Dit is geen agendabestand" in form.message.text
    assert 'role="alert"' in form.message.value
    assert form.rows == rows_before  # the list read earlier stays as it was
    assert all(r.tick.comm is not None for r in form.rows)
    assert form.window_from.value == dt.date(2026, 8, 30)
    assert meetings() == []


def test_a_file_that_is_not_utf8_is_explained_in_the_learners_language(home):
    form = calendar_import("en")
    choose(form, OUTLOOK_WEEKLY.replace(b"1:1 Anna", "Één-op-één Anna".encode("cp1252")))
    form.read.click()
    assert form.message.kind == "error"
    assert "not UTF-8" in form.message.text
    assert form.rows == []
    assert meetings() == []


def test_an_empty_person_blocks_the_whole_import(home):
    form = calendar_import("en")
    choose(form, OUTLOOK_WEEKLY)
    form.read.click()
    form.rows[2].person.value = "   "
    form.import_button.click()
    no_callback_errors(form)
    assert meetings() == []
    assert form.message.kind == "error"
    assert form.message.text.startswith("Nothing was imported: 1 ticked event needs a fix")
    assert "This field is needed." in form.rows[2].error.value
    assert form.rows[1].error.value == ""
    form.rows[2].person.value = "Anna"
    form.import_button.click()
    assert len(meetings()) == 11
    assert form.rows[2].error.value == ""


def test_a_typed_person_replaces_the_guess(home):
    form = calendar_import("en")
    choose(form, OUTLOOK_WEEKLY)
    form.read.click()
    form.none_button.click()
    assert not any(r.tick.value for r in form.rows)
    form.all_button.click()
    assert all(r.tick.value for r in form.rows)
    form.select_none()
    form.rows[0].tick.value = True
    form.rows[0].person.value = "A. de Vries"
    form.import_button.click()
    assert [(m.person, m.date, m.planned_minutes) for m in meetings()] == [
        ("A. de Vries", dt.date(2026, 9, 7), 30)
    ]


def test_nothing_ticked_or_no_file_gives_a_message(home):
    form = calendar_import("en")
    form.read.click()
    assert form.message.text == "Choose an .ics file first, then press ‘Read the calendar’."
    choose(form, OUTLOOK_WEEKLY)
    form.read.click()
    form.select_none()
    form.import_button.click()
    assert form.message.text == "Tick at least one event first."
    assert meetings() == []


def test_upload_through_the_front_end_state(home):
    form = calendar_import("en")
    form.upload.set_state(
        {
            "value": [
                {
                    "name": "cal.ics",
                    "type": "text/calendar",
                    "size": len(OUTLOOK_WEEKLY),
                    "content": memoryview(OUTLOOK_WEEKLY),
                    "last_modified": 1_795_000_000_000,
                }
            ]
        }
    )
    form.read.click()
    no_callback_errors(form)
    assert len(form.rows) == 11


def test_events_still_ahead_are_not_ticked_and_cannot_be_imported_as_held(home):
    payload = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:ahead",
        "SUMMARY:1:1 Anna",
        "DTSTART:20261201T100000",
        "DTEND:20261201T103000",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    form = calendar_import("en")
    form.window_to.value = dt.date(2026, 12, 31)
    choose(form, payload)
    form.read.click()
    (row,) = form.rows
    assert not row.tick.value
    assert row.tick.description.endswith("(still ahead)")
    row.tick.value = True
    form.import_button.click()
    assert "still ahead" in row.error.value
    assert meetings() == []


def test_more_events_than_the_list_shows_gives_a_note(home):
    payload = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:daily",
        "SUMMARY:Daily standup",
        "DTSTART:20260101T090000",
        "DTEND:20260101T091500",
        "RRULE:FREQ=DAILY",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:one",
        "SUMMARY:1:1 Anna",
        "DTSTART:20261120T100000",
        "DTEND:20261120T103000",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    form = calendar_import("nl")
    form.window_from.value = dt.date(2026, 1, 1)
    choose(form, payload)
    form.read.click()
    no_callback_errors(form)
    assert len(form.events) == 326 + 1
    assert len(form.rows) == MAX_SHOWN
    assert any(r.event.title == "1:1 Anna" for r in form.rows)  # likely ones are shown first
    assert [r.event.date for r in form.rows] == sorted(r.event.date for r in form.rows)
    assert f"Alleen {MAX_SHOWN} van de 327 afspraken" in form.summary.value


def test_titles_are_never_shown_as_html(home):
    payload = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:html",
        "SUMMARY:1:1 <b>Anna</b> & <img src=x onerror=alert(1)>",
        "DTSTART:20261105T100000",
        "DTEND:20261105T103000",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    form = calendar_import("en")
    choose(form, payload)
    form.read.click()
    (row,) = form.rows
    assert row.tick.description_allow_html is False
    assert "<img src=x" in row.tick.description  # shown as text by the front end
    assert "<img" not in form.summary.value


def test_reading_again_replaces_the_list_and_closes_the_old_rows(home):
    form = calendar_import("en")
    choose(form, OUTLOOK_WEEKLY)
    form.read.click()
    old = list(form.rows)
    choose(form, TEAM)
    form.read.click()
    no_callback_errors(form)
    assert [r.event.title for r in form.rows] == ["Team weekly"]
    assert all(r.comm is None and r.tick.comm is None for r in old)
