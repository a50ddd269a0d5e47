"""Correcting the log in the store: short ids, update, delete and restore, commitments."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_kit.log import edits
from oneonone_kit.log.store import Store
from oneonone_kit.model import Commitment, Meeting, RecordError

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def store():
    with Store.memory() as s:
        yield s


def meeting(uid: str, **changes) -> Meeting:
    values = {"date": "2026-12-02", "person": "Sam", "planned_minutes": 30, "uid": uid}
    return Meeting.create(today=TODAY, **{**values, **changes})


def commitment(uid: str, **changes) -> Commitment:
    values = {"person": "Sam", "text": "Send the course link", "owner": "leader", "uid": uid}
    return Commitment.create(today=TODAY, **{**values, **changes})


def test_short_ids_are_eight_characters_unless_a_longer_prefix_is_needed():
    uids = ["abcdef0123", "abcdef0199", "12345678ff", "demo-meeting-0001", "demo-meeting-0002"]
    # abcdef01 is shared by two uids, so each needs 9 characters (abcdef012 / abcdef019).
    assert edits.short_ids(uids) == {
        "abcdef0123": "abcdef012",
        "abcdef0199": "abcdef019",
        "12345678ff": "12345678",
        "demo-meeting-0001": "demo-meeting-0001",
        "demo-meeting-0002": "demo-meeting-0002",
    }


def test_an_id_is_found_by_its_prefix_and_a_shared_or_unknown_prefix_is_refused():
    uids = ["abcdef0123", "abcdef0199", "12345678ff"]
    assert edits.resolve_id(uids, "1234") == "12345678ff"
    assert edits.resolve_id(uids, " abcdef0199 ") == "abcdef0199"
    with pytest.raises(edits.RecordIdError) as shared:
        edits.resolve_id(uids, "abcdef")
    assert shared.value.key == "id.ambiguous"
    assert "abcdef012, abcdef019" in shared.value.message("en")
    assert "meer dan één" in shared.value.message("nl")
    with pytest.raises(edits.RecordIdError) as unknown:
        edits.resolve_id(uids, "zz")
    assert unknown.value.key == "id.unknown" and "'zz'" in unknown.value.message("en")
    assert "‘zz’" in unknown.value.message("nl")


def test_update_replaces_one_meeting_and_returns_the_old_version(store):
    store.add_meetings([meeting("m1"), meeting("m2", person="Robin")])
    before = edits.update_meeting(store, meeting("m1", actual_minutes=45, notes="Long one"))
    assert (before.actual_minutes, before.notes) == (30, "")
    by_uid = {m.uid: m for m in store.meetings()}
    assert (by_uid["m1"].actual_minutes, by_uid["m1"].notes) == (45, "Long one")
    assert by_uid["m2"].person == "Robin" and len(by_uid) == 2


def test_update_of_a_meeting_that_is_gone_changes_nothing(store):
    store.add_meeting(meeting("m1"))
    with pytest.raises(edits.RecordIdError):
        edits.update_meeting(store, meeting("gone", actual_minutes=45))
    assert [m.uid for m in store.meetings()] == ["m1"]


def test_delete_takes_the_meeting_and_its_commitments_and_restore_puts_them_back(store):
    edits.save_meeting(store, meeting("m1"), [commitment("c1"), commitment("c2", owner="both")])
    store.add_meeting(meeting("m2", date="2026-11-25"))
    other = commitment("c3", meeting="m2")
    store.add(other)
    removed = edits.delete_meeting(store, "m1")
    assert removed.meeting.uid == "m1"
    assert sorted(c.uid for c in removed.commitments) == ["c1", "c2"]
    assert [m.uid for m in store.meetings()] == ["m2"]
    assert [c.uid for c in store.commitments()] == ["c3"]
    edits.restore(store, removed)
    assert sorted(m.uid for m in store.meetings()) == ["m1", "m2"]
    assert {c.uid: c.meeting for c in store.commitments()} == {"c1": "m1", "c2": "m1", "c3": "m2"}


def test_save_meeting_links_its_commitments_to_it(store):
    edits.save_meeting(store, meeting("m1"), [commitment("c1")])
    (saved,) = store.commitments()
    assert (saved.meeting, saved.person, saved.owner, saved.kept) == ("m1", "Sam", "leader", None)


def test_a_failed_write_leaves_the_store_as_it_was(store):
    class Broken(Commitment):
        def to_dict(self):
            raise RuntimeError("disk full")

    bad = Broken(person="Sam", text="x", uid="bad")
    with pytest.raises(RuntimeError):
        edits.save_meeting(store, meeting("m1"), [bad])
    assert store.meetings() == [] and store.commitments() == []


def test_duplicates_are_same_person_date_and_minutes_but_not_the_meeting_itself(store):
    store.add_meeting(meeting("m1"))
    assert [m.uid for m in edits.duplicates(store, meeting("new"))] == ["m1"]
    assert edits.duplicates(store, meeting("m1")) == []
    assert edits.duplicates(store, meeting("new", planned_minutes=45)) == []
    assert edits.duplicates(store, meeting("new", actual_minutes=25)) == []
    assert edits.duplicates(store, meeting("new", date="2026-12-01")) == []
    assert edits.duplicates(store, meeting("new", person="Robin")) == []


def test_marking_kept_and_back_and_the_open_list(store):
    store.add_records(
        [
            commitment("c1", due="2026-12-09"),
            commitment("c2", due="2026-12-04"),
            commitment("c3", person="Alex"),
            commitment("c4", person="Alex", kept=True),
        ]
    )
    # Alex before Sam; within Sam the earlier due date first.
    assert [c.uid for c in edits.open_commitments(store)] == ["c3", "c2", "c1"]
    before = edits.set_kept(store, "c2", True)
    assert before.kept is None
    assert [c.uid for c in edits.open_commitments(store, "Sam")] == ["c1"]
    assert edits.find_commitment(store, "c2").kept is True
    edits.set_kept(store, "c2", None)
    assert [c.uid for c in edits.open_commitments(store, "Sam")] == ["c2", "c1"]
    with pytest.raises(edits.RecordIdError):
        edits.set_kept(store, "nope", True)


def test_a_held_meeting_after_today_is_refused_in_both_languages():
    with pytest.raises(RecordError) as caught:
        Meeting.create(today=TODAY, date="2026-12-03", person="Sam", planned_minutes=30)
    (problem,) = caught.value.problems
    assert (problem.field, problem.key) == ("date", "error.held_in_future")
    assert "after today" in problem.message("en") and "na vandaag" in problem.message("nl")
    # today itself is fine, and a meeting ahead that was moved or cancelled too
    assert Meeting.create(today=TODAY, date=TODAY, person="Sam", planned_minutes=30).held
    ahead = Meeting.create(
        today=TODAY, date="2026-12-03", person="Sam", planned_minutes=30, status="rescheduled"
    )
    assert ahead.status == "rescheduled"


def test_correcting_the_name_moves_the_meetings_commitments_and_undo_moves_them_back(store):
    edits.save_meeting(store, meeting("m1", person="Sma"), [commitment("c1", person="Sma")])
    store.add(commitment("c2", person="Sma"))  # not made in m1: keeps its name
    before = edits.update_meeting(store, meeting("m1", person="Sam"))
    assert {c.uid: c.person for c in store.commitments()} == {"c1": "Sam", "c2": "Sma"}
    assert store.people() == ["Sam", "Sma"]
    edits.update_meeting(store, before)
    assert {c.uid: c.person for c in store.commitments()} == {"c1": "Sma", "c2": "Sma"}
