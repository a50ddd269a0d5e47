"""Reading and writing meetings as CSV: the behaviours `make mutate` found unpinned in csvio."""

from __future__ import annotations

import pytest

from oneonone_kit.errors import ImportProblem
from oneonone_kit.log import csvio
from oneonone_kit.model import Meeting

# csvio.CSV_COLUMNS written out by hand, as the "expected" of the column messages shows them.
ALL_COLUMNS = (
    "date, person, planned_minutes, actual_minutes, status, agenda_by, needs, talk_share, "
    "leader_rating, employee_rating, notes, experiment, demo, uid"
)
SMALL = b"date,person,planned_minutes\r\n2026-01-05,Sam,30\r\n"


def refusal(payload: bytes) -> ImportProblem:
    with pytest.raises(ImportProblem) as caught:
        csvio.meetings_from_csv(payload)
    return caught.value


# ---- formula cells ---------------------------------------------------------------------------
def test_text_starting_with_a_letter_before_a_formula_sign_is_written_as_it_is():
    # "X-ray" starts with X, not with = + - @: nothing to guard, so no quote is added.
    m = Meeting.create(date="2026-01-05", person="Sam", planned_minutes=30, notes="X-ray results")
    lines = csvio.meetings_to_csv([m]).decode("utf-8-sig").split("\r\n")
    assert lines[1].split(",")[10] == "X-ray results"


def test_a_quote_before_a_letter_is_kept_on_reading():
    # "'X-ray" has a quote before a letter, not before a formula sign: it is the user's text.
    payload = b"date,person,planned_minutes,notes\r\n2026-01-05,Sam,30,'X-ray\r\n"
    assert csvio.meetings_from_csv(payload)[0].notes == "'X-ray"


# ---- what comes back -------------------------------------------------------------------------
def test_by_default_only_the_meetings_come_back_without_line_numbers():
    meetings = csvio.meetings_from_csv(SMALL)
    assert isinstance(meetings, list)
    assert [(m.person, m.planned_minutes) for m in meetings] == [("Sam", 30)]


# ---- size ------------------------------------------------------------------------------------
def test_a_file_of_exactly_the_largest_size_is_read(monkeypatch):
    monkeypatch.setattr(csvio, "MAX_FILE_BYTES", len(SMALL))  # 48 bytes, counted by hand
    assert len(SMALL) == 48
    assert [m.person for m in csvio.meetings_from_csv(SMALL)] == ["Sam"]


def test_a_file_one_byte_too_large_is_refused_naming_the_limit_in_whole_megabytes():
    problem = refusal(b"x" * (50_000_000 + 1))  # MAX_FILE_BYTES is 50,000,000: 50 MB
    assert problem.key == "import.too_big"
    assert problem.values == {"max": 50, "count": 0}
    assert problem.message("en") == (
        "The file is larger than 50 MB: it is not an export of this workbook."
    )


# ---- delimiters ------------------------------------------------------------------------------
def test_a_tab_separated_file_is_read():
    payload = b"date\tperson\tplanned_minutes\r\n2026-01-05\tSam\t30\r\n"
    assert [(m.person, m.planned_minutes) for m in csvio.meetings_from_csv(payload)] == [
        ("Sam", 30)
    ]


def test_a_colon_separated_file_is_refused_only_comma_semicolon_and_tab_split_cells():
    problem = refusal(b"date:person:planned_minutes\r\n2026-01-05:Sam:30\r\n")
    # Read with commas, the whole first row is one unknown column: all three are missing.
    assert problem.key == "import.missing_columns"
    assert problem.values["columns"] == "date, person, planned_minutes"


def test_a_letter_never_splits_cells():
    # Split at each X this header would be date, person, planned_minutes; read with commas it
    # is one column, so all three required columns are missing.
    problem = refusal(b"DATEXPERSONXPLANNED_MINUTES\r\n2026-01-05XSamX30\r\n")
    assert problem.key == "import.missing_columns"
    assert problem.values["columns"] == "date, person, planned_minutes"


# ---- malformed CSV ---------------------------------------------------------------------------
def test_text_after_a_closing_quote_is_refused_naming_the_line():
    problem = refusal(b'date,person,planned_minutes\r\n2026-01-05,"Sam"x,30\r\n')
    assert problem.key == "import.bad_csv"
    assert problem.values["line"] == 2  # the header is line 1
    assert problem.values["detail"] == "',' expected after '\"'"


# ---- the header ------------------------------------------------------------------------------
def test_every_doubled_column_is_named_once_in_order():
    problem = refusal(b"person,date,planned_minutes,Person,DATE\r\nSam,2026-01-05,30,Sam,x\r\n")
    assert problem.key == "import.duplicate_columns"
    assert problem.message("en") == "The CSV names a column more than once: date, person."


def test_an_export_whose_last_line_break_is_a_bare_carriage_return_is_not_cut_off():
    payload = b"date,person,planned_minutes,uid\r\n2026-01-05,Sam,30,\r"
    assert [m.person for m in csvio.meetings_from_csv(payload)] == ["Sam"]


def test_one_missing_column_is_named_in_the_singular_with_the_columns_expected():
    problem = refusal(b"date,person\r\n2026-01-05,Sam\r\n")
    assert problem.message("en") == (
        "The CSV lacks the column planned_minutes. The first row must name the columns, "
        f"e.g. {ALL_COLUMNS}."
    )


def test_two_missing_columns_are_named_in_the_plural():
    problem = refusal(b"date,notes\r\n2026-01-05,hi\r\n")
    assert problem.message("en") == (
        "The CSV lacks the columns person, planned_minutes. The first row must name the "
        f"columns, e.g. {ALL_COLUMNS}."
    )


def test_one_unknown_column_is_named_in_the_singular_with_the_columns_allowed():
    problem = refusal(b"date,person,planned_minutes,colour\r\n2026-01-05,Sam,30,red\r\n")
    assert problem.message("en") == (
        f"The CSV has a column we do not know: colour. Allowed: {ALL_COLUMNS}."
    )
