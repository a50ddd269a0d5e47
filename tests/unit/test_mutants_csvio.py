"""Reading and writing meetings as CSV: the behaviours `make mutate` found unpinned in csvio."""

from __future__ import annotations

import datetime

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


def test_two_unknown_columns_are_named_separated_by_a_comma_and_a_space():
    # One unknown column never shows the separator; two do.
    problem = refusal(b"date,person,planned_minutes,colour,size\r\n2026-01-05,Sam,30,red,L\r\n")
    assert problem.message("en") == (
        f"The CSV has columns we do not know: colour, size. Allowed: {ALL_COLUMNS}."
    )


# ---- the number of rows ----------------------------------------------------------------------
def rows_of(count: int) -> bytes:
    """A header and ``count`` meetings of Sam, a week apart from 5 Jan 2026, as a sheet saves."""
    days = ["2026-01-05", "2026-01-12", "2026-01-19"]
    return b"date,person,planned_minutes\r\n" + b"".join(
        f"{day},Sam,30\r\n".encode() for day in days[:count]
    )


def test_a_file_with_exactly_the_most_rows_allowed_is_read(monkeypatch):
    monkeypatch.setattr(csvio, "MAX_ROWS", 2)
    assert [m.date.isoformat() for m in csvio.meetings_from_csv(rows_of(2))] == [
        "2026-01-05",
        "2026-01-12",
    ]


def test_a_file_one_row_over_the_most_allowed_is_refused_naming_the_limit(monkeypatch):
    monkeypatch.setattr(csvio, "MAX_ROWS", 2)
    problem = refusal(rows_of(3))  # the header is not counted: 3 meetings, 1 too many
    assert problem.key == "import.too_many_rows"
    assert problem.values == {"max": 2, "count": 0}
    assert problem.message("en") == "The CSV has more than 2 rows; split it into smaller files."


# ---- blank rows and the demo column ----------------------------------------------------------
def test_a_blank_row_in_the_middle_is_skipped_and_the_rows_after_it_are_read():
    # A spreadsheet saves an emptied row as commas only.
    payload = b"date,person,planned_minutes\r\n2026-01-05,Sam,30\r\n,,\r\n2026-01-12,Ana,45\r\n"
    meetings, lines = csvio.meetings_from_csv(payload, with_lines=True)
    assert [(m.person, m.planned_minutes) for m in meetings] == [("Sam", 30), ("Ana", 45)]
    assert lines == [2, 4]


def test_demo_written_as_a_spreadsheet_boolean_in_capitals_is_read_as_yes_or_no():
    # Excel and LibreOffice save a boolean cell as TRUE / FALSE.
    payload = (
        b"date,person,planned_minutes,demo\r\n"
        b"2026-01-05,Sam,30,TRUE\r\n2026-01-12,Sam,30,FALSE\r\n2026-01-19,Sam,30,true\r\n"
    )
    assert [m.demo for m in csvio.meetings_from_csv(payload)] == [True, False, True]


def test_a_demo_cell_that_is_not_yes_or_no_is_refused_naming_the_demo_column_and_its_row():
    payload = b"date,person,planned_minutes,demo\r\n2026-01-05,Sam,30,yes\r\n"
    problem = refusal(payload)
    assert problem.key == "import.refused"
    assert [(r.row, r.field, r.key, r.values) for r in problem.rows] == [
        (2, "demo", "error.not_yes_no", {"value": "yes"})
    ]


def test_a_long_demo_cell_is_quoted_cut_to_its_first_40_characters():
    cell = "abcdefghij" * 4 + "XYZ"  # 43 characters; the first 40 are the four "abcdefghij"
    payload = f"date,person,planned_minutes,demo\r\n2026-01-05,Sam,30,{cell}\r\n".encode()
    problem = refusal(payload)
    assert problem.rows[0].values == {"value": "abcdefghij" * 4}


def test_every_row_with_a_bad_demo_cell_is_listed_not_only_the_first():
    payload = (
        b"date,person,planned_minutes,demo\r\n"
        b"2026-01-05,Sam,30,yes\r\n2026-01-12,Sam,30,1\r\n2026-01-19,Sam,30,no\r\n"
    )
    problem = refusal(payload)
    assert [(r.row, r.values["value"]) for r in problem.rows] == [(2, "yes"), (4, "no")]


# ---- today -----------------------------------------------------------------------------------
def test_a_date_more_than_a_year_after_today_is_refused_as_a_typo():
    # 5 Jan 2026 + 366 days is 6 Jan 2027: 2027-01-06 is still allowed, 2027-01-07 is not.
    payload = (
        b"date,person,planned_minutes,status\r\n"
        b"2027-01-06,Sam,30,rescheduled\r\n2027-01-07,Sam,30,rescheduled\r\n"
    )
    with pytest.raises(ImportProblem) as caught:
        csvio.meetings_from_csv(payload, today=datetime.date(2026, 1, 5))
    problem = caught.value
    assert [(r.row, r.field, r.key) for r in problem.rows] == [(3, "date", "error.date_far_future")]
