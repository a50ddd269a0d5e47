"""Export and import: round trips keep every record; a bad file changes nothing at all."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_kit.errors import ImportProblem
from oneonone_kit.log import transfer
from oneonone_kit.log.csvio import CSV_COLUMNS, meetings_to_csv
from oneonone_kit.log.demo import demo_records
from oneonone_kit.log.store import Store
from oneonone_kit.model import AGENDA_OWNERS, NEEDS, STATUSES, Meeting, RecordError

TODAY = dt.date(2026, 11, 22)

# ---- generated valid meetings --------------------------------------------------------------
_TRICKY = [
    "=SUM(A1:A9)",
    "+31 6 1234",
    "-minus",
    "@home",
    "'=quoted",
    "''=twice",
    "'plain",
    'say "hi", then; leave',
    "line one\nline two",
    "crlf\r\ninside",
    "tab\tinside",
    "Zoë, Ærø & 日本",
    "💬 emoji",
    "a\rb",
]
# No lone surrogates or control characters (tab and line breaks come from _TRICKY): refused
# since issue 11.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=120)


def _draws_something(text: str) -> bool:
    # Text made only of spaces, format or control marks is refused since issue 11.
    return any(
        unicodedata.category(ch)[0] in "LNPS" and ch not in "\u3164\u115f\u1160\uffa0\u2800"
        for ch in text
    )


_notes = st.one_of(
    _text.filter(lambda s: not s.strip() or _draws_something(s)),
    st.builds(lambda a, b: a + b, st.sampled_from(_TRICKY), _text),
)
_person = st.one_of(
    st.sampled_from(["Sam", "=Evil()", "Zoë, de Vries", '"Q"', "-x"]),
    st.builds(
        lambda a, b: a + b,
        st.sampled_from(["A", "é", "日", "7", "'"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=79),
    ),
)
_maybe = lambda strategy: st.one_of(st.none(), strategy)  # noqa: E731


@st.composite
def valid_meetings(draw) -> Meeting:
    status = draw(st.sampled_from(STATUSES))
    # a held meeting cannot be after today (issue 13); a moved or cancelled one can
    latest = TODAY if status == "held" else TODAY + dt.timedelta(days=366)
    return Meeting.create(
        today=TODAY,
        date=draw(st.dates(dt.date(2000, 1, 1), latest)),
        person=draw(_person),
        planned_minutes=draw(st.integers(1, 480)),
        actual_minutes=draw(_maybe(st.integers(1, 480))),
        status=status,
        agenda_by=draw(_maybe(st.sampled_from(AGENDA_OWNERS))),
        needs=draw(st.lists(st.sampled_from(NEEDS), max_size=9)),
        talk_share=draw(_maybe(st.integers(0, 100))),
        leader_rating=draw(_maybe(st.integers(1, 5))),
        employee_rating=draw(_maybe(st.integers(1, 5))),
        notes=draw(_notes),
        experiment=draw(_maybe(st.sampled_from(["exp-1", "demo-experiment-agenda"]))),
        demo=draw(st.booleans()),
    )


ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(st.lists(valid_meetings(), min_size=1, max_size=8))
def test_json_export_then_import_into_an_empty_store_gives_equal_meetings(meetings):
    with Store.memory() as source, Store.memory() as target:
        source.add_meetings(meetings)
        counts = transfer.import_json(target, transfer.export_json(source), today=TODAY)
        assert counts["meetings"] == len(meetings)
        assert target.meetings() == source.meetings()


@ROUND_TRIP
@given(st.lists(valid_meetings(), min_size=1, max_size=8))
def test_csv_export_then_import_into_an_empty_store_gives_equal_meetings(meetings):
    with Store.memory() as source, Store.memory() as target:
        source.add_meetings(meetings)
        assert transfer.import_csv(target, transfer.export_csv(source), today=TODAY) == len(
            meetings
        )
        assert target.meetings() == source.meetings()


def test_json_round_trip_keeps_every_kind_of_record_and_the_settings(tmp_home):
    records = demo_records(TODAY)
    with Store.open() as source:
        source.add_meetings(records["meetings"])
        source.add_records(records["commitments"] + records["experiments"] + records["assessments"])
        source.set_setting("lang", "nl")
        exported = transfer.export_json(source, tmp_home / "export" / "all.json")
        before = {
            kind: source.records(kind) for kind in ("commitments", "experiments", "assessments")
        }
    with Store.memory() as target:
        counts = transfer.import_json(target, tmp_home / "export" / "all.json", today=TODAY)
        assert counts == {
            "meetings": len(records["meetings"]),
            "commitments": len(records["commitments"]),
            "assessments": 2,
            "experiments": 1,
            "reflections": 0,
        }
        assert target.meetings() == sorted(
            records["meetings"], key=lambda m: (m.date, m.person, m.uid)
        )
        for kind, items in before.items():
            assert target.records(kind) == items
        assert target.get_setting("lang") == "nl"
    assert (tmp_home / "export" / "all.json").read_bytes() == exported


def test_importing_the_same_export_twice_adds_nothing_new():
    with Store.memory() as s:
        s.add_meeting(Meeting.create(date="2026-03-03", person="Sam", planned_minutes=30))
        payload = transfer.export_json(s)
        transfer.import_json(s, payload)
        transfer.import_json(s, payload)
        assert s.counts()["meetings"] == 1


def test_export_files_are_private_and_csv_opens_in_spreadsheets(tmp_home):
    with Store.open() as s:
        s.add_meeting(
            Meeting.create(
                date="2026-03-03", person="Zoë", planned_minutes=30, notes='=HYPERLINK("x")'
            )
        )
        payload = transfer.export_csv(s, tmp_home / "meetings.csv")
        transfer.export_json(s, tmp_home / "all.json")
    for name in ("meetings.csv", "all.json"):
        assert stat.S_IMODE((tmp_home / name).stat().st_mode) == 0o600
    assert payload.startswith("\ufeff".encode())  # BOM: spreadsheets then read accents right
    text = payload.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert "Zoë" in text
    assert ',"\'=HYPERLINK(""x"")",' in text  # a formula is shown as text, never run
    json.loads((tmp_home / "all.json").read_text("utf-8"))


# ---- refusing bad files, leaving the store exactly as it was -------------------------------
def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(tmp_home):
    """A closed store file with a few records, and a function that checks it is untouched."""
    with Store.open() as s:
        s.add_meetings(
            [
                Meeting.create(today=TODAY, date=f"2026-03-0{i}", person=p, planned_minutes=30)
                for i, p in enumerate(["Ann", "Bo", "Cas"], start=1)
            ]
        )
        counts = s.counts()
    path = tmp_home / "oneonone.sqlite3"
    digest = _sha(path)

    def refuse(kind: str, payload: bytes) -> ImportProblem:
        with Store.open() as s:
            with pytest.raises(ImportProblem) as info:
                getattr(transfer, f"import_{kind}")(s, payload, today=TODAY)
            assert s.counts() == counts
        assert _sha(path) == digest, "a refused import changed the store file"
        return info.value

    return refuse


def _csv(*rows: str, header: str = "date,person,planned_minutes,needs,notes") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def test_malformed_csv_leaves_store_byte_for_byte_unchanged_and_lists_rows(filled):
    payload = _csv(
        "2026-03-01,Ann,30,guidance,ok",  # row 2
        "2026-13-01,Ann,30,guidance,ok",  # row 3: bad date
        "2026-03-03,Bo,30,growth,ok",  # row 4
        "2026-03-04,Bo,30,gossip,ok",  # row 5: unknown need
        "2026-03-05,Cas,45,,ok",  # row 6
    )
    problem = filled("csv", payload)
    assert [(row, field, key) for row, field, key, _ in problem.rows] == [
        (3, "date", "error.date_format"),
        (5, "needs", "error.unknown_need"),
    ]
    english, dutch = problem.full_message("en"), problem.full_message("nl")
    assert "Nothing was imported: 2 problems found." in english
    assert "Row 3, Date: '2026-13-01' is not a date we can read" in english
    assert "Row 5, Needs covered: Unknown need 'gossip'" in english
    assert "Er is niets geïmporteerd: 2" in dutch
    assert "Rij 3, Datum: ‘2026-13-01’ is geen datum" in dutch
    assert "Rij 5, Behandelde behoeften: Onbekende behoefte ‘gossip’" in dutch


def test_csv_missing_a_required_column_is_refused(filled):
    problem = filled("csv", _csv("2026-03-01,Ann", header="date,person"))
    assert problem.key == "import.missing_columns"
    assert "planned_minutes" in problem.full_message("en")
    assert "planned_minutes" in problem.full_message("nl")


def test_csv_with_an_unknown_column_is_refused(filled):
    problem = filled("csv", _csv("2026-03-01,Ann,30,x", header="date,person,planned_minutes,mood"))
    assert problem.key == "import.unknown_columns"
    assert "mood" in problem.message("en")


def test_csv_that_is_not_utf8_is_refused(filled):
    payload = "date,person,planned_minutes\r\n2026-03-01,Zoë,30\r\n".encode("cp1252")
    problem = filled("csv", payload)
    assert problem.key == "import.not_utf8"
    assert "CSV UTF-8" in problem.full_message("en")
    assert "CSV UTF-8" in problem.full_message("nl")


def test_csv_row_with_the_wrong_number_of_cells_is_refused(filled):
    payload = _csv(
        "2026-03-01,Ann,30,guidance,ok", "2026-03-02,Bo,30,ok", "2026-03-03,Cas,30,growth,ok,extra"
    )
    problem = filled("csv", payload)
    assert [(row, field, key) for row, field, key, _ in problem.rows] == [
        (3, "row", "import.wrong_cell_count"),
        (4, "row", "import.wrong_cell_count"),
    ]
    assert "Row 3, Row: 4 cells where the header has 5." in problem.full_message("en")
    assert "Rij 4, Rij: 6 cellen" in problem.full_message("nl")


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"\xef\xbb\xbf",
        b"  \r\n\r\n",
        b"date,person,planned_minutes\r\n",
        b"date,person,planned_minutes\r\n,,\r\n",
    ],
)
def test_empty_csv_is_refused(filled, payload):
    problem = filled("csv", payload)
    assert problem.key == "import.empty"
    assert problem.message("nl") == "Het bestand bevat geen gesprekken."


def test_every_bad_row_is_listed_with_a_cap_on_the_message(filled):
    rows = [f"2026-03-01,,30,,n{i}" for i in range(30)]
    problem = filled("csv", _csv(*rows))
    assert len(problem.rows) == 30
    lines = problem.row_messages("en")
    assert len(lines) == 21 and lines[-1] == "... and 10 more."


def test_dutch_excel_csv_with_semicolons_imports(tmp_home):
    payload = (
        "\ufeffdate;person;planned_minutes;actual_minutes;status;agenda_by;needs;talk_share;"
        "leader_rating;notes\r\n"
        '03-03-2026;Zoë de Vries;30;35;held;employee;guidance, growth;40;4;"Goed; veel gelachen"\r\n'
        "10-03-2026;Zoë de Vries;30,0;;afgezegd;;;;;\r\n"
    ).encode("utf-8")
    with Store.open() as s:
        with pytest.raises(ImportProblem) as info:
            transfer.import_csv(s, payload, today=TODAY)  # 'afgezegd' is not a status we know
        assert [(r, f) for r, f, _, _ in info.value.rows] == [(3, "status")]
        assert s.counts()["meetings"] == 0
        assert transfer.import_csv(s, payload.replace(b"afgezegd", b"cancelled"), today=TODAY) == 2
        first, second = s.meetings()
    assert (
        first.date,
        first.person,
        first.actual_minutes,
        first.needs,
        first.talk_share,
        first.notes,
    ) == (
        dt.date(2026, 3, 3),
        "Zoë de Vries",
        35,
        ("guidance", "growth"),
        40,
        "Goed; veel gelachen",
    )
    assert (second.date, second.status, second.planned_minutes, second.actual_minutes) == (
        dt.date(2026, 3, 10),
        "cancelled",
        30,
        None,
    )


def test_csv_export_reads_back_with_the_same_cells():
    m = Meeting.create(date="2026-03-03", person="=1+1", planned_minutes=30, notes="'=x")
    with Store.memory() as s:
        transfer.import_csv(s, meetings_to_csv([m]))
        assert s.meetings() == [m]


def test_not_json_is_refused_without_change(filled):
    problem = filled("json", b"{oops, this is not json")
    assert problem.key == "import.bad_json"
    assert "line 1" in problem.message("en") and "regel 1" in problem.message("nl")


@pytest.mark.parametrize(
    "payload", [b'{"hello": 1}', b"[1, 2, 3]", b'"text"', b'{"format": "other-app", "version": 1}']
)
def test_json_that_is_not_our_format_is_refused_without_change(filled, payload):
    problem = filled("json", payload)
    assert problem.key == "import.not_our_file"
    assert "‘Prepare my export’" in problem.full_message("en")  # the real button
    assert "Export klaarzetten" in problem.full_message("nl")


def test_json_from_a_newer_version_is_refused_without_change(filled):
    problem = filled("json", b'{"format": "oneonone-export", "version": 99}')
    assert problem.key == "import.newer_file"
    assert "99" in problem.message("nl")


def test_json_with_bad_records_is_refused_without_change_and_lists_them(filled):
    with Store.memory() as s:
        s.add_meetings(
            [
                Meeting.create(date=f"2026-04-0{i}", person="Dee", planned_minutes=30)
                for i in range(1, 4)
            ]
        )
        data = transfer.export_data(s)
    data["meetings"][1]["date"] = "2026-02-30"
    data["meetings"][2]["needs"] = ["gossip"]
    data["meetings"].append("not a record")
    data["commitments"] = [{"person": "Dee", "text": ""}]
    problem = filled("json", json.dumps(data).encode("utf-8"))
    # Issue 11: a JSON row names its section and its place there, not a count across sections.
    assert [(row, field, key) for row, field, key, _ in problem.rows] == [
        (("meetings", 2), "date", "error.date_format"),
        (("meetings", 3), "needs", "error.unknown_need"),
        (("meetings", 4), "meetings", "import.not_a_record"),
        (("commitments", 1), "text", "error.required"),
    ]
    english = problem.full_message("en")
    assert "Nothing was imported: 4 problems found." in english
    assert "Meetings, item 2, Date:" in english
    assert "Meetings, item 4, Meetings: This entry is not a record." in english
    assert "Afspraken, item 1, Tekst: Dit veld is verplicht." in problem.full_message("nl")


def test_json_section_that_is_not_a_list_is_refused_without_change(filled):
    problem = filled("json", b'{"format": "oneonone-export", "version": 1, "meetings": {}}')
    assert [(field, key) for _, field, key, _ in problem.rows] == [
        ("meetings", "import.not_a_list")
    ]


def test_json_that_is_not_utf8_is_refused_without_change(filled):
    payload = '{"format": "oneonone-export", "version": 1, "x": "Zoë"}'.encode("cp1252")
    assert filled("json", payload).key == "import.not_utf8"


def test_unreadable_import_path_is_a_readable_problem(tmp_home):
    with Store.memory() as s:
        with pytest.raises(ImportProblem) as info:
            transfer.import_json(s, tmp_home / "missing.json")
    assert info.value.key == "import.cannot_read"
    assert "missing.json" in info.value.message("nl")


def test_record_error_from_a_meeting_is_not_raised_through_import():
    bad = b'{"format": "oneonone-export", "version": 1, "meetings": [{"date": 5}]}'
    with Store.memory() as s:
        with pytest.raises(ImportProblem) as info:
            transfer.import_json(s, bad)
    assert not isinstance(info.value, RecordError)
    assert {field for _, field, _, _ in info.value.rows} == {"date", "person", "planned_minutes"}


def test_json_with_a_timestamp_that_is_not_a_date_is_refused_without_change(filled):
    data = {
        "format": "oneonone-export",
        "version": 1,
        "assessments": [{"kind": "needs", "answers": {"growth": 3}, "taken_at": 5}],
    }
    problem = filled("json", json.dumps(data).encode("utf-8"))
    assert [(row, field, key) for row, field, key, _ in problem.rows] == [
        (("assessments", 1), "taken_at", "error.date_format")
    ]
    assert "Zelfevaluaties, item 1, Ingevuld op:" in problem.full_message("nl")


def test_a_uid_repeated_in_another_section_names_both_sections(tmp_home):
    # commitments and experiments share one table, so one uid in both is refused; the message
    # said "first at 1" without saying in which section
    records = demo_records(TODAY)
    with Store.memory() as source:
        source.add_records(records["commitments"][:2] + records["experiments"][:1])
        data = transfer.export_data(source)
    data["experiments"][0]["uid"] = data["commitments"][0]["uid"] = "shared-id"
    with pytest.raises(ImportProblem) as info:
        transfer.read_json(json.dumps(data).encode("utf-8"), today=TODAY)
    assert info.value.row_messages("en") == [
        "Experiments, item 1, ID: The ID shared-id appears more than once in this file "
        "(first at Commitments, item 1)."
    ]
    assert info.value.row_messages("nl") == [
        "Experimenten, item 1, ID: De ID shared-id komt meer dan eens voor in dit bestand "
        "(eerst bij Afspraken, item 1)."
    ]


def test_a_uid_repeated_in_a_csv_names_the_first_row_as_a_row_in_both_languages(tmp_home):
    # it said "(first at 2)": a bare number next to "Row 3"
    text = (
        "date,person,planned_minutes,uid\r\n2026-03-02,Ann,30,twice\r\n2026-03-09,Ann,30,twice\r\n"
    )
    with pytest.raises(ImportProblem) as info:
        transfer.read_csv(text.encode("utf-8"), today=TODAY)
    assert info.value.row_messages("en") == [
        "Row 3, ID: The ID twice appears more than once in this file (first at row 2)."
    ]
    assert info.value.row_messages("nl") == [
        "Rij 3, ID: De ID twice komt meer dan eens voor in dit bestand (eerst bij rij 2)."
    ]


def test_a_uid_repeated_in_one_section_names_that_section(tmp_home):
    records = demo_records(TODAY)
    with Store.memory() as source:
        source.add_records(records["commitments"][:3])
        data = transfer.export_data(source)
    data["commitments"][2]["uid"] = data["commitments"][1]["uid"] = "twice"
    with pytest.raises(ImportProblem) as info:
        transfer.read_json(json.dumps(data).encode("utf-8"), today=TODAY)
    assert info.value.row_messages("en") == [
        "Commitments, item 3, ID: The ID twice appears more than once in this file "
        "(first at Commitments, item 2)."
    ]
