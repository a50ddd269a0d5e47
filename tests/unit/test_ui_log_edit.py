"""The log page driven headlessly: correct, delete and undo a meeting, the guards, commitments."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_kit import ui
from oneonone_kit.model import Commitment, Meeting
from oneonone_kit.ui import session

TODAY = dt.date(2026, 11, 22)  # ONEONONE_TODAY of tmp_home


@pytest.fixture
def store(tmp_home):
    session.reset()
    yield session.store()
    session.reset()


def page(lang: str = "en"):
    """The form and the list as on page 05: the list loads picks into that form."""
    return ui.log_form(lang), ui.meeting_list(lang)


def log(form, person: str, **values) -> None:
    form.person.value = person
    for name, value in values.items():
        getattr(form, name).value = value
    form.save.click()
    assert form.last_error is None


def test_save_keeps_the_date_clears_the_rest_and_says_what_was_saved(store):
    form, _ = page()
    form.date.value = dt.date(2026, 11, 20)
    log(form, "Sam", planned_minutes=45, actual_minutes=40, notes="Career talk")
    assert form.message.text == "Saved: Sam, 20 Nov 2026."
    assert form.date.value == dt.date(2026, 11, 20)
    assert (form.person.value, form.planned_minutes.value, form.notes.value) == ("", 30, "")
    (saved,) = store.meetings()
    assert (saved.person, saved.planned_minutes, saved.actual_minutes) == ("Sam", 45, 40)


def test_saved_message_is_dutch_in_dutch(store):
    form, _ = page("nl")
    form.date.value = dt.date(2026, 11, 20)
    log(form, "Sam")
    assert form.message.text == "Opgeslagen: Sam, 20 nov 2026."


def test_the_same_meeting_again_asks_first(store):
    form, _ = page()
    log(form, "Sam")
    log(form, "Sam")
    assert len(store.meetings()) == 1
    assert form.message.kind == "warn" and "already logged Sam" in form.message.text
    assert form.save_again.layout.display is None  # the confirm step is shown
    assert form.person.value == "Sam"  # nothing typed is lost
    form.save_again.click()
    assert form.last_error is None and len(store.meetings()) == 2
    assert form.save_again.layout.display == "none"


def test_a_held_meeting_in_the_future_is_refused_and_the_form_keeps_it(store):
    form, _ = page()
    form.date.value = TODAY + dt.timedelta(days=1)
    form.notes.value = "Planned talk"
    log(form, "Sam")
    assert store.meetings() == []
    assert "cannot have been held yet" in form.errors["date"].value
    assert form.notes.value == "Planned talk" and form.person.value == "Sam"


def test_pick_edit_save_changes_then_undo(store):
    form, listing = page()
    form.date.value = dt.date(2026, 11, 18)
    log(form, "Sam", notes="First notes")
    (original,) = store.meetings()
    listing.pick.value = original.uid
    listing.edit.click()
    assert listing.last_error is None
    assert form.editing == original and form.person.value == "Sam"
    assert form.notes.value == "First notes" and form.save.description == "Save changes"
    assert form.delete.layout.display is None
    form.actual_minutes.value = 50
    form.save.click()
    assert form.last_error is None
    (changed,) = store.meetings()
    assert (changed.uid, changed.actual_minutes, changed.notes) == (original.uid, 50, "First notes")
    assert form.message.text == "Changes saved: Sam, 18 Nov 2026."
    assert form.editing is None and form.save.description == "Save meeting"
    form.undo.click()
    assert form.last_error is None
    assert store.meetings() == [original]
    assert "Undone" in form.message.text


def test_pick_delete_then_undo_brings_meeting_and_commitment_back(store):
    form, listing = page()
    log(form, "Robin")
    form.person.value = "Sam"
    line = form.commitments.add_line()
    line.text.value = "Send the course link"
    line.who.value = "leader"
    form.save.click()
    sam = next(m for m in store.meetings() if m.person == "Sam")
    assert [c.meeting for c in store.commitments()] == [sam.uid]
    listing.pick.value = sam.uid
    listing.edit.click()
    form.delete.click()
    assert form.last_error is None
    assert [m.person for m in store.meetings()] == ["Robin"] and store.commitments() == []
    assert "Deleted: Sam" in form.message.text
    assert "Sam" not in listing.table.value
    form.undo.click()
    assert sorted(m.person for m in store.meetings()) == ["Robin", "Sam"]
    assert [c.text for c in store.commitments()] == ["Send the course link"]
    assert "Sam" in listing.table.value


def test_undo_of_a_new_meeting_takes_it_out_again(store):
    form, _ = page()
    log(form, "Sam")
    assert form.undo.layout.display is None
    form.undo.click()
    assert store.meetings() == [] and form.undo.layout.display == "none"


def test_commitment_lines_are_checked_with_the_meeting_and_nothing_is_saved_on_error(store):
    form, _ = page()
    form.person.value = "Sam"
    line = form.commitments.add_line()
    line.due.value = dt.date(2026, 11, 30)  # a due date but no text
    form.save.click()
    assert store.meetings() == [] and store.commitments() == []
    assert "This field is needed." in line.error.value
    assert form.person.value == "Sam" and line.due.value == dt.date(2026, 11, 30)
    line.text.value = "Book the training"
    form.save.click()
    (made,) = store.commitments()
    assert (made.text, made.owner, made.due, made.person) == (
        "Book the training",
        "employee",
        dt.date(2026, 11, 30),
        "Sam",
    )
    assert form.commitments.lines == []  # cleared with the rest of the form


def test_open_commitments_show_who_in_words_and_can_be_marked_kept_then_undone(store):
    meeting = Meeting(date=TODAY, person="Sam <b>", planned_minutes=30, actual_minutes=30)
    store.add(meeting)
    store.add_records(
        [
            Commitment(person="Sam <b>", text="Send the link", owner="leader", uid="c1"),
            Commitment(person="Sam <b>", text="Draft the plan", owner="employee", uid="c2"),
        ]
    )
    _, listing = page()
    rows = listing.commitments.items
    texts = [row.text.value for row in rows]
    # both undated, so in uid order (c1, c2)
    assert texts == [
        "Send the link (you do it)",
        "Draft the plan (Sam &lt;b&gt; does it)",
    ]
    assert not any("[me]" in text for text in texts)
    rows[0].kept.click()
    assert listing.commitments.last_error is None
    assert {c.uid: c.kept for c in store.commitments()} == {"c1": True, "c2": None}
    assert "Marked as kept: Send the link" in listing.commitments.message.text
    assert [row.commitment.uid for row in listing.commitments.items] == ["c2"]
    assert "Sam &lt;b&gt;" in listing.commitments.rows.children[0].value  # the name heading
    listing.commitments.undo.click()
    assert {c.uid: c.kept for c in store.commitments()} == {"c1": None, "c2": None}


def test_commitments_in_dutch_say_who_in_dutch(store):
    store.add(Commitment(person="Sam", text="Cursus boeken", owner="both", uid="c1"))
    _, listing = page("nl")
    (row,) = listing.commitments.items
    assert row.text.value == "Cursus boeken (jullie doen het samen)"
    assert row.kept.description == "Nagekomen"


@pytest.mark.parametrize(
    "lang, words", [("en", "Send the link (you do it)"), ("nl", "Send the link (jij doet het)")]
)
def test_the_agenda_follow_up_says_who_in_words_not_a_tag(lang, words):
    from oneonone_kit.insight.agenda import Agenda
    from oneonone_kit.ui.agenda import agenda_text

    promise = Commitment(person="Sam", text="Send the link", owner="leader")
    agenda = Agenda("Sam", (), (promise,), "growth", 2, False, ())
    follow_up = [lines for _, lines in agenda_text(agenda, lang)][1]
    assert follow_up == [words]


def test_every_meeting_can_be_picked_even_beyond_the_table(store):
    store.add_meetings(
        [
            Meeting(
                date=TODAY - dt.timedelta(days=7 * week),
                person="Sam",
                planned_minutes=30,
                actual_minutes=30,
                uid=f"m{week:02d}",
            )
            for week in range(12)
        ]
    )
    form, listing = page()
    assert listing.table.value.count("<tr>") == 1 + 10  # header and the latest ten
    assert len(listing.pick.options) == 1 + 12
    listing.pick.value = "m11"  # eleven weeks back: not in the table
    listing.edit.click()
    assert form.editing is not None and form.editing.uid == "m11"
    assert form.date.value == TODAY - dt.timedelta(days=77)
