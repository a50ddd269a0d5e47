"""Importing a JSON export with one thing wrong: the behaviours `make mutate` found unpinned in
transfer's `read_json`, `_read_item` and `_duplicates`.

Each file is written out here by hand, as a learner's export would look after one slip, and
each expected message is the catalogue text filled in by hand.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from oneonone_kit.errors import ImportProblem
from oneonone_kit.log import transfer

TODAY = dt.date(2026, 11, 22)


def meeting(uid: str = "m-1", **changes) -> dict:
    return {"date": "2026-03-02", "person": "Ann", "planned_minutes": 30, "uid": uid, **changes}


def commitment(uid: str = "c-1", **changes) -> dict:
    return {"person": "Ann", "text": "Send the plan", "uid": uid, **changes}


def export(**sections) -> bytes:
    """A JSON export of this workbook holding ``sections`` (format and version 1 unless given)."""
    data = {"format": "oneonone-export", "version": 1, **sections}
    return json.dumps(data).encode("utf-8")


def refusal(payload: bytes, today: dt.date | None = TODAY) -> ImportProblem:
    with pytest.raises(ImportProblem) as caught:
        transfer.read_json(payload, today=today)
    return caught.value


def rows(problem: ImportProblem) -> list[tuple]:
    return [(tuple(row), field, key) for row, field, key, _ in problem.rows]


# ---- the file's version ----------------------------------------------------------------------
BAD_VERSION = (
    "The file's version is missing or is not a whole number from 1 upwards. "
    "Use a file exported from this workbook."
)


@pytest.mark.parametrize("version", [0, -1, "1", 1.0, True, None])
def test_a_version_that_is_not_a_whole_number_from_one_is_refused(version):
    problem = refusal(export(version=version, meetings=[meeting()]))
    assert problem.key == "import.bad_version"
    assert problem.message("en") == BAD_VERSION


def test_a_file_without_a_version_is_refused():
    payload = json.dumps({"format": "oneonone-export", "meetings": [meeting()]}).encode("utf-8")
    assert refusal(payload).message("en") == BAD_VERSION


def test_version_one_is_read():
    parsed = transfer.read_json(export(version=1, meetings=[meeting()]), today=TODAY)
    assert [m.uid for m in parsed.records["meetings"]] == ["m-1"]


def test_version_two_is_a_newer_file_and_names_its_version():
    problem = refusal(export(version=2, meetings=[meeting()]))
    assert problem.key == "import.newer_file"
    assert problem.message("en") == (
        "This file comes from a newer version of oneonone (format 2). Update oneonone_kit first."
    )


def test_a_file_of_another_format_is_refused_even_with_our_version():
    problem = refusal(json.dumps({"format": "oneonone", "version": 1}).encode("utf-8"))
    assert problem.key == "import.not_our_file"


# ---- sections --------------------------------------------------------------------------------
def test_unknown_sections_are_named_in_alphabetical_order():
    problem = refusal(export(zebra=[], alpha={}, meetings=[meeting()]))
    assert problem.message("en") == (
        "The file has sections we do not know: alpha, zebra. Use a file exported from this workbook."
    )


def test_the_unknown_section_names_are_cut_at_200_characters():
    long_name = "a" * 150
    other = "b" * 150
    problem = refusal(export(**{long_name: [], other: []}))
    # "aaa…a" (150) + ", " (2) + the first 48 b's: 200 characters
    assert problem.values["names"] == long_name + ", " + "b" * 48


def test_every_known_top_level_name_is_accepted():
    payload = export(
        schema_version=1,
        exported_at="2026-11-20T10:00:00",
        settings={},
        meetings=[meeting()],
        commitments=[],
        assessments=[],
        experiments=[],
        reflections=[],
    )
    parsed = transfer.read_json(payload, today=TODAY)
    assert [m.uid for m in parsed.records["meetings"]] == ["m-1"]


def test_a_file_with_only_meetings_reads_every_other_section_as_empty():
    parsed = transfer.read_json(export(meetings=[meeting()]), today=TODAY)
    assert parsed.records["commitments"] == [] and parsed.rows["commitments"] == []
    assert list(parsed.records) == [
        "meetings",
        "commitments",
        "assessments",
        "experiments",
        "reflections",
    ]
    assert parsed.rows["meetings"] == [("meetings", 1)]


def test_a_section_that_is_not_a_list_is_named_as_item_1_and_later_sections_are_still_checked():
    problem = refusal(export(meetings={"date": "2026-03-02"}, commitments=[commitment(text="")]))
    assert rows(problem) == [
        (("meetings", 1), "meetings", "import.not_a_list"),
        (("commitments", 1), "text", "error.required"),
    ]
    assert problem.row_messages("en")[0] == (
        "Meetings, item 1, Meetings: This section should be a list of records."
    )


# ---- the row limit ---------------------------------------------------------------------------
def test_exactly_the_row_limit_across_sections_is_read(monkeypatch):
    monkeypatch.setattr(transfer, "MAX_ROWS", 3)
    payload = export(meetings=[meeting("m-1"), meeting("m-2")], commitments=[commitment()])
    parsed = transfer.read_json(payload, today=TODAY)
    assert len(parsed.records["meetings"]) + len(parsed.records["commitments"]) == 3


def test_one_row_over_the_limit_across_sections_is_refused_naming_the_limit(monkeypatch):
    monkeypatch.setattr(transfer, "MAX_ROWS", 3)
    payload = export(
        meetings=[meeting("m-1"), meeting("m-2")],
        commitments=[commitment("c-1"), commitment("c-2")],
    )
    problem = refusal(payload)
    assert problem.key == "import.too_many_items"
    assert problem.values == {"max": 3, "count": 0}
    assert problem.message("en") == (
        "The file holds more than 3 items (meetings, commitments and the rest together); "
        "split it into smaller files."
    )


def test_settings_and_section_text_do_not_count_as_rows(monkeypatch):
    # Three records, and a settings list of four and a meetings section that is text (both
    # refused on their own): only lists in record sections count towards the limit of 3.
    monkeypatch.setattr(transfer, "MAX_ROWS", 3)
    payload = export(
        meetings="four", commitments=[commitment("c-1"), commitment("c-2"), commitment("c-3")]
    )
    problem = refusal(payload)
    assert rows(problem) == [(("meetings", 1), "meetings", "import.not_a_list")]
    problem = refusal(export(settings=[1, 2, 3, 4], meetings=[meeting()]))
    assert rows(problem) == [(("settings", 1), "settings", "import.not_a_mapping")]


# ---- one record ------------------------------------------------------------------------------
def test_unknown_fields_of_a_record_are_named_in_the_files_order():
    problem = refusal(export(meetings=[meeting(mood="good", colour="red")]))
    assert rows(problem) == [(("meetings", 1), "meetings", "import.unknown_fields")]
    assert problem.row_messages("en") == [
        "Meetings, item 1, Meetings: Fields we do not know: mood, colour."
    ]


def test_an_unknown_field_name_is_cut_at_40_characters():
    name = "x" * 39 + "yz"  # 41 characters: the z is dropped
    problem = refusal(export(meetings=[meeting(**{name: 1})]))
    assert problem.rows[0].values == {"names": "x" * 39 + "y"}


SCHEMA_MESSAGE = (
    "Meetings, item 1, Meetings: "
    "This record has a schema version that is not a whole number from 1 to 1."
)


@pytest.mark.parametrize("version", [0, 2, "1", True, 1.0, None])
def test_a_record_schema_version_other_than_the_whole_number_1_is_refused(version):
    problem = refusal(export(meetings=[meeting(schema_version=version)]))
    assert rows(problem) == [(("meetings", 1), "meetings", "import.bad_schema_version")]
    assert problem.row_messages("en") == [SCHEMA_MESSAGE]


def test_a_record_of_schema_version_1_or_without_one_is_read():
    payload = export(meetings=[meeting("m-1", schema_version=1), meeting("m-2")])
    parsed = transfer.read_json(payload, today=TODAY)
    assert [(m.uid, m.schema_version) for m in parsed.records["meetings"]] == [
        ("m-1", 1),
        ("m-2", 1),
    ]


def test_a_record_that_is_not_a_mapping_is_refused_with_its_place():
    problem = refusal(export(meetings=[meeting(), ["2026-03-02", "Ann", 30]]))
    assert rows(problem) == [(("meetings", 2), "meetings", "import.not_a_record")]


def test_a_meeting_held_after_today_is_refused_judged_against_the_given_today():
    payload = export(
        meetings=[meeting("m-1", date="2026-11-22"), meeting("m-2", date="2026-11-23")]
    )
    problem = refusal(payload, today=TODAY)
    assert rows(problem) == [(("meetings", 2), "date", "error.held_in_future")]
    assert problem.row_messages("en") == [
        "Meetings, item 2, Date: That date is after today, so this meeting cannot have been held "
        "yet: check the date, or choose rescheduled."
    ]


def test_a_record_problem_keeps_its_details_in_the_message():
    problem = refusal(export(meetings=[meeting(date="2026-02-30")]))
    assert problem.row_messages("en") == [
        "Meetings, item 1, Date: '2026-02-30' is not a date we can read: use YYYY-MM-DD, "
        "e.g. 2026-03-03."
    ]


def test_every_problem_of_one_record_is_listed_with_its_field():
    problem = refusal(export(meetings=[meeting(), {"person": "", "planned_minutes": 30}]))
    assert rows(problem) == [
        (("meetings", 2), "date", "error.required"),
        (("meetings", 2), "person", "error.required"),
    ]


# ---- the same uid twice ----------------------------------------------------------------------
def test_a_meeting_and_a_commitment_may_share_a_uid_they_live_in_different_tables():
    payload = export(meetings=[meeting("same")], commitments=[commitment("same")])
    parsed = transfer.read_json(payload, today=TODAY)
    assert [m.uid for m in parsed.records["meetings"]] == ["same"]
    assert [c.uid for c in parsed.records["commitments"]] == ["same"]


def test_a_uid_three_times_refuses_the_second_and_third_naming_the_first():
    payload = export(meetings=[meeting("m-1"), meeting("m-1"), meeting("m-1")])
    problem = refusal(payload)
    assert rows(problem) == [
        (("meetings", 2), "uid", "import.duplicate_uid"),
        (("meetings", 3), "uid", "import.duplicate_uid"),
    ]
    assert problem.row_messages("en") == [
        "Meetings, item 2, ID: The ID m-1 appears more than once in this file "
        "(first at Meetings, item 1).",
        "Meetings, item 3, ID: The ID m-1 appears more than once in this file "
        "(first at Meetings, item 1).",
    ]


def test_different_uids_in_one_section_are_all_read():
    payload = export(meetings=[meeting("m-1"), meeting("m-2")], commitments=[commitment("c-1")])
    parsed = transfer.read_json(payload, today=TODAY)
    assert [m.uid for m in parsed.records["meetings"]] == ["m-1", "m-2"]
    assert parsed.rows["meetings"] == [("meetings", 1), ("meetings", 2)]
