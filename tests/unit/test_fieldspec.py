"""One field spec per record: every list of Meeting fields is derived from it, in one order.

Expected lists here are written out by hand from the formats users already have (the CSV
header, the SQL table, the ``log add`` options), so a change to the spec that would change
a format fails here instead of drifting silently.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from oneonone_kit import fieldspec
from oneonone_kit.cli import _parser, _records
from oneonone_kit.log import csvio, transfer
from oneonone_kit.log import store as store_module
from oneonone_kit.log.store import Store
from oneonone_kit.model import (
    RECORD_TYPES,
    Assessment,
    Commitment,
    Experiment,
    Meeting,
    RecordError,
    Reflection,
)

TODAY = dt.date(2026, 11, 22)

# The one field order of a meeting, as the CSV export has always had it (plus schema_version).
MEETING_ORDER = (
    "date",
    "person",
    "planned_minutes",
    "actual_minutes",
    "status",
    "agenda_by",
    "needs",
    "talk_share",
    "leader_rating",
    "employee_rating",
    "notes",
    "experiment",
    "demo",
    "uid",
    "schema_version",
)
# The header of every CSV export so far.
CSV_HEADER = (
    "date,person,planned_minutes,actual_minutes,status,agenda_by,needs,talk_share,"
    "leader_rating,employee_rating,notes,experiment,demo,uid"
)
# The options of ``oneonone log add`` as the help has always listed them.
LOG_ADD_FLAGS = {
    "date": "--date",
    "person": "--person",
    "planned_minutes": "--planned",
    "actual_minutes": "--actual",
    "status": "--status",
    "agenda_by": "--agenda",
    "needs": "--needs",
    "talk_share": "--talk-share",
    "leader_rating": "--rating",
    "employee_rating": "--their-rating",
    "notes": "--notes",
}

# The smallest valid raw input of each record kind.
VALID = {
    "meetings": dict(date="2026-03-03", person="Sam", planned_minutes="30"),
    "commitments": dict(person="Sam", text="Send the plan"),
    "assessments": dict(kind="needs", answers={"growth": 3}, taken_at="2026-03-03T09:00:00"),
    "experiments": dict(
        what="Employee sets the agenda", start="2026-03-03", end="2026-04-03", metric="cadence"
    ),
    "reflections": dict(prompt="mindset.whose_meeting", text="theirs", saved_at="2026-03-03"),
}


# ---- the order and the derived lists -------------------------------------------------------
def test_meeting_fields_come_in_the_one_order():
    assert fieldspec.names(Meeting) == MEETING_ORDER


def test_every_record_ends_with_demo_uid_and_schema_version():
    for record_type in RECORD_TYPES.values():
        assert fieldspec.names(record_type)[-3:] == ("demo", "uid", "schema_version")


def test_csv_columns_are_the_spec_csv_fields_and_the_header_users_have():
    assert csvio.CSV_COLUMNS == fieldspec.names(Meeting, "csv")
    assert ",".join(csvio.CSV_COLUMNS) == CSV_HEADER
    header = csvio.meetings_to_csv([]).decode("utf-8-sig").splitlines()[0]
    assert header == CSV_HEADER


def test_sql_columns_are_every_stored_field_and_match_the_table():
    assert store_module._MEETING_COLUMNS == MEETING_ORDER
    with Store.memory() as store:
        table = {row[1] for row in store._conn.execute("PRAGMA table_info(meetings)")}
    assert table == set(MEETING_ORDER)


def test_a_meeting_row_is_written_and_read_back_field_by_field():
    meeting = Meeting(
        date=dt.date(2026, 3, 3),
        person="Sam",
        planned_minutes=30,
        actual_minutes=25,
        needs=("growth", "support"),
        talk_share=40,
        notes="n",
        demo=True,
        uid="u1",
    )
    row = (
        "2026-03-03",
        "Sam",
        30,
        25,
        "held",
        None,
        "growth;support",
        40,
        None,
        None,
        "n",
        None,
        1,
        "u1",
        1,
    )
    assert fieldspec.to_sql(meeting) == row
    assert fieldspec.from_sql(Meeting, row) == meeting
    empty = fieldspec.from_sql(Meeting, (*row[:6], "", *row[7:12], 0, *row[13:]))
    assert (empty.needs, empty.demo) == ((), False)


def test_a_stored_meeting_comes_back_equal():
    meeting = Meeting.create(today=TODAY, **VALID["meetings"], needs="feedback", demo=True)
    with Store.memory() as store:
        store.add_meeting(meeting)
        assert store.meetings() == [meeting]


def test_form_fields_are_the_spec_form_fields_and_each_has_an_input():
    from oneonone_kit.ui import log as ui_log

    assert ui_log.FORM_FIELDS == fieldspec.names(Meeting, "form")
    assert ui_log.FORM_FIELDS == tuple(LOG_ADD_FLAGS)
    form = ui_log.LogForm("en")
    assert set(form.errors) == set(ui_log.FORM_FIELDS)
    assert list(form.values()) == list(ui_log.FORM_FIELDS)
    form.person.value = "Sam"
    form.notes.value = "hello"
    values = form.values()
    assert (values["person"], values["notes"], values["needs"]) == ("Sam", "hello", [])


def test_cli_flags_are_the_spec_flags_and_cover_every_form_field():
    assert _records.MEETING_FLAGS == LOG_ADD_FLAGS
    assert set(fieldspec.names(Meeting, "form")) <= set(_records.MEETING_FLAGS)
    parser = _parser.build_parser("en")
    args = parser.parse_args(
        ["log", "add", "--planned", "30", "--status", "held", "--their-rating", "4"]
    )
    assert (args.planned_minutes, args.status, args.employee_rating) == ("30", "held", "4")
    # the metavar of a choice lists the spec's choices
    help_text = parser._subparsers._group_actions[0].choices["log"]
    add = help_text._subparsers._group_actions[0].choices["add"].format_help()
    assert "{held,rescheduled,cancelled}" in add and "{employee,shared,leader}" in add
    for flag in LOG_ADD_FLAGS.values():
        assert flag in add


def test_table_columns_follow_the_spec_in_field_order():
    expected = ("date", "person", "actual_minutes", "status", "agenda_by", "needs")
    assert _records.TABLE_FIELDS == fieldspec.names(Meeting, "table") == expected
    assert [_records.table_heading(n, "en") for n in expected] == [
        "Date",
        "Person",
        "Minutes (actual/planned)",
        "Status",
        "Agenda set by",
        "Needs covered",
    ]


# ---- one record base: demo, uid, dict conversion -------------------------------------------
@pytest.mark.parametrize("kind", sorted(RECORD_TYPES))
@pytest.mark.parametrize("demo", ["maybe", "true", 1, "", []])
def test_demo_that_is_not_a_real_yes_or_no_is_refused_for_every_record(kind, demo):
    with pytest.raises(RecordError) as info:
        RECORD_TYPES[kind].create(today=TODAY, **VALID[kind], demo=demo)
    assert [(p.field, p.key) for p in info.value.problems] == [("demo", "error.not_yes_no")]


@pytest.mark.parametrize("kind", sorted(RECORD_TYPES))
def test_demo_is_true_false_or_left_out_for_every_record(kind):
    cls = RECORD_TYPES[kind]
    assert cls.create(today=TODAY, **VALID[kind], demo=True).demo is True
    assert cls.create(today=TODAY, **VALID[kind], demo=False).demo is False
    assert cls.create(today=TODAY, **VALID[kind]).demo is False


@pytest.mark.parametrize("kind", sorted(RECORD_TYPES))
def test_demo_problem_is_reported_with_the_other_problems(kind):
    cls = RECORD_TYPES[kind]
    with pytest.raises(RecordError) as info:
        cls.create(today=TODAY, demo="maybe")
    fields = [p.field for p in info.value.problems]
    assert "demo" in fields and len(fields) >= 2


@pytest.mark.parametrize("kind", sorted(RECORD_TYPES))
def test_every_record_goes_to_a_dict_and_back_unchanged(kind):
    cls = RECORD_TYPES[kind]
    record = cls.create(today=TODAY, **VALID[kind], uid=" u-1 ")
    data = record.to_dict()
    assert data["uid"] == "u-1" and data["schema_version"] == 1 and data["demo"] is False
    assert list(data) == list(fieldspec.names(cls))
    assert json.loads(json.dumps(data)) == data  # JSON-ready
    assert cls.from_dict(data, today=TODAY) == record
    assert cls.from_stored(data) == record


def test_meeting_dict_is_the_export_format():
    meeting = Meeting.create(
        today=TODAY, **VALID["meetings"], needs="support,growth", uid="m1", experiment="e1"
    )
    assert meeting.to_dict() == {
        "date": "2026-03-03",
        "person": "Sam",
        "planned_minutes": 30,
        "actual_minutes": 30,
        "status": "held",
        "agenda_by": None,
        "needs": ["growth", "support"],
        "talk_share": None,
        "leader_rating": None,
        "employee_rating": None,
        "notes": "",
        "experiment": "e1",
        "demo": False,
        "uid": "m1",
        "schema_version": 1,
    }


def test_an_export_written_before_the_field_spec_still_imports():
    # Key order of the old export: status before actual_minutes, dates as ISO text.
    old = {
        "format": "oneonone-export",
        "version": 1,
        "schema_version": 1,
        "exported_at": "2026-11-01T10:00:00",
        "meetings": [
            {
                "date": "2026-03-03",
                "person": "Sam",
                "planned_minutes": 30,
                "status": "held",
                "actual_minutes": 25,
                "agenda_by": "employee",
                "needs": ["growth"],
                "talk_share": 40,
                "leader_rating": 4,
                "employee_rating": None,
                "notes": "ok",
                "experiment": None,
                "demo": False,
                "uid": "m1",
                "schema_version": 1,
            }
        ],
        "commitments": [
            {
                "person": "Sam",
                "text": "plan",
                "owner": "leader",
                "due": "2026-03-10",
                "kept": None,
                "meeting": "m1",
                "demo": False,
                "uid": "c1",
                "schema_version": 1,
            }
        ],
        "assessments": [
            {
                "kind": "needs",
                "answers": {"growth": 4},
                "taken_at": "2026-03-03T09:00:00",
                "scale_max": 5,
                "demo": True,
                "uid": "a1",
                "schema_version": 1,
            }
        ],
        "experiments": [],
        "reflections": [],
        "settings": {},
    }
    with Store.memory() as store:
        transfer.import_json(store, json.dumps(old).encode(), today=TODAY)
        [meeting] = store.meetings()
        [commitment] = store.commitments()
        [assessment] = store.assessments()
    assert (meeting.uid, meeting.actual_minutes, meeting.needs) == ("m1", 25, ("growth",))
    assert (commitment.due, commitment.owner) == (dt.date(2026, 3, 10), "leader")
    assert (assessment.taken_at, assessment.demo) == (dt.datetime(2026, 3, 3, 9), True)


def test_stored_bodies_turn_iso_text_back_into_dates():
    body = {"person": "Sam", "text": "plan", "due": "2026-03-10", "uid": "c1"}
    assert Commitment.from_stored(body).due == dt.date(2026, 3, 10)
    saved = {"prompt": "p", "text": "t", "saved_at": "2026-03-03T10:00:00", "uid": "r1"}
    assert Reflection.from_stored(saved).saved_at == dt.datetime(2026, 3, 3, 10)
    exp = Experiment.from_stored(
        {"what": "w", "start": "2026-03-03", "end": "2026-04-03", "metric": "cadence"}
    )
    assert (exp.start, exp.end) == (dt.date(2026, 3, 3), dt.date(2026, 4, 3))
    sitting = Assessment.from_stored({"kind": "k", "answers": {"a": 1}, "taken_at": "2026-03-03"})
    assert sitting.taken_at == dt.datetime(2026, 3, 3)
