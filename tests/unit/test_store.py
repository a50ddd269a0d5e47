"""The local SQLite store: private, migrated forward, never overwriting a damaged file."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from oneonone_kit.errors import CorruptStoreError, StoreError
from oneonone_kit.log import store as store_module
from oneonone_kit.log.store import Store
from oneonone_kit.model import Assessment, Commitment, Experiment, Meeting, Reflection

TODAY = dt.date(2026, 11, 22)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _meeting(person="Sam", date="2026-03-03", **extra) -> Meeting:
    return Meeting.create(today=TODAY, date=date, person=person, planned_minutes=30, **extra)


def _commitment(person="Sam", text="Send the plan", **extra) -> Commitment:
    return Commitment.create(today=TODAY, person=person, text=text, due="2026-03-10", **extra)


def _pragma(path: Path, name: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def _day(monkeypatch, day: dt.date) -> None:
    monkeypatch.setenv("ONEONONE_TODAY", day.isoformat())


@pytest.fixture
def store(tmp_home):
    with Store.open() as opened:
        yield opened


@pytest.fixture
def damaged_setup(tmp_home, monkeypatch):
    """A store with data, closed after a second day's open made a backup."""
    path = tmp_home / "oneonone.sqlite3"
    _day(monkeypatch, TODAY - dt.timedelta(days=1))
    with Store.open() as s:
        s.add_meetings([_meeting(f"P{i}", notes="private " * 80) for i in range(300)])
    _day(monkeypatch, TODAY)
    Store.open().close()
    backups = sorted(Store.backup_dir(path).glob("oneonone-2*.sqlite3"))
    assert backups
    return path, backups[-1]


# ---- creation, schema, permissions ---------------------------------------------------------
def test_new_store_file_is_private_in_a_private_data_dir(tmp_home):
    Store.open().close()
    path = tmp_home / "oneonone.sqlite3"
    assert _mode(tmp_home) == 0o700
    assert _mode(path) == 0o600


def test_new_store_has_the_current_schema_version(tmp_home):
    Store.open().close()
    version = _pragma(tmp_home / "oneonone.sqlite3", "user_version")
    assert version == store_module.SCHEMA == len(store_module.MIGRATIONS) >= 1


def test_store_runs_in_wal_mode(tmp_home):
    with Store.open():
        assert _pragma(tmp_home / "oneonone.sqlite3", "journal_mode") == "wal"


def test_migrations_run_forward_and_keep_the_data(tmp_home, monkeypatch):
    with Store.open() as s:
        s.add_meeting(_meeting("Sam"))
    path = tmp_home / "oneonone.sqlite3"
    monkeypatch.setattr(
        store_module,
        "MIGRATIONS",
        [*store_module.MIGRATIONS, "ALTER TABLE settings ADD COLUMN note TEXT"],
    )
    monkeypatch.setattr(store_module, "SCHEMA", len(store_module.MIGRATIONS))
    with Store.open() as s:
        assert [m.person for m in s.meetings()] == ["Sam"]
    assert _pragma(path, "user_version") == 2
    conn = sqlite3.connect(path)
    assert "note" in [row[1] for row in conn.execute("PRAGMA table_info(settings)")]
    conn.close()
    before = Store.backup_dir(path) / "oneonone-before-v2.sqlite3"
    assert before.exists() and _pragma(before, "user_version") == 1


def test_memory_store_writes_nothing_to_disk(tmp_home):
    with Store.memory() as s:
        s.add_meeting(_meeting())
        assert s.path is None
        assert s.backup_daily() is None
        assert len(s.meetings()) == 1
    assert not tmp_home.exists()


# ---- CRUD ----------------------------------------------------------------------------------
def test_meetings_are_added_read_sorted_replaced_and_deleted(store):
    late, early = _meeting("Sam", "2026-05-01"), _meeting("Ann", "2026-04-01")
    assert store.add_meeting(late) is late
    assert store.add_meetings([early]) == 1
    assert store.meetings() == [early, late]
    assert store.meetings(person="Sam") == [late]
    changed = Meeting.create(
        today=TODAY, **{**late.to_dict(), "notes": "went well", "schema_version": None}
    )
    store.add_meeting(changed)
    assert store.meetings(person="Sam") == [changed]
    assert store.delete_meeting(late.uid) is True
    assert store.delete_meeting(late.uid) is False
    assert store.meetings() == [early]


def test_meetings_survive_closing_and_reopening(tmp_home):
    m = _meeting(needs="support,guidance", talk_share=40, leader_rating=4, notes="Zoë said 'hi'")
    with Store.open() as s:
        s.add_meeting(m)
    with Store.open() as s:
        assert s.meetings() == [m]


def test_meetings_can_leave_out_demo_records(store):
    own, demo = _meeting("Sam"), _meeting("Alex (demo)", demo=True)
    store.add_meetings([own, demo])
    assert store.meetings(include_demo=False) == [own]
    assert len(store.meetings()) == 2


def test_other_records_are_added_read_filtered_and_deleted(store):
    c1, c2 = _commitment("Sam"), _commitment("Ann", text="Book the room")
    a1 = Assessment.create(kind="needs", answers={"growth": 3}, taken_at="2026-03-01T09:00:00")
    a2 = Assessment.create(kind="safety", answers={"speak_up": 4}, taken_at="2026-03-02T09:00:00")
    e = Experiment.create(
        today=TODAY,
        what="Agenda by them",
        start="2026-03-01",
        end="2026-04-01",
        metric="agenda_ownership",
        baseline="0,2",
    )
    r = Reflection.create(
        prompt="mindset.whose_meeting", text="Theirs", saved_at="2026-03-03T10:00:00"
    )
    assert store.add(c1) is c1
    assert store.add_records([c2, a1, a2, e, r]) == 5
    assert sorted(store.commitments(), key=lambda c: c.person) == [c2, c1]
    assert store.commitments(person="Ann") == [c2]
    assert store.assessments() == [a1, a2]
    assert store.assessments(kind="safety") == [a2]
    assert store.experiments() == [e]
    assert store.reflections(prompt="mindset.whose_meeting") == [r]
    assert store.reflections(prompt="other") == []
    assert store.counts() == {
        "meetings": 0,
        "commitments": 2,
        "assessments": 2,
        "experiments": 1,
        "reflections": 1,
    }
    assert store.delete_record(c1.uid) is True
    assert store.delete_record(c1.uid) is False
    assert store.commitments() == [c2]


def test_add_dispatches_meetings_and_refuses_other_objects(store):
    m = _meeting()
    assert store.add(m) is m
    assert store.meetings() == [m]
    with pytest.raises(TypeError):
        store.add_records(["not a record"])


def test_settings_are_stored_and_have_defaults(store):
    assert store.get_setting("lang") is None
    assert store.get_setting("lang", "en") == "en"
    store.set_setting("lang", "nl")
    store.set_setting("lang", "en")
    assert store.get_setting("lang") == "en"


def test_people_lists_everyone_from_meetings_and_commitments_once(store):
    store.add_meetings([_meeting("bo"), _meeting("Ann"), _meeting("bo", "2026-04-01")])
    store.add_records(
        [
            _commitment("Cas"),
            _commitment("Ann"),
            Assessment.create(kind="needs", answers={"growth": 3}),
        ]
    )
    assert store.people() == ["Ann", "bo", "Cas"]


def test_a_failed_transaction_writes_nothing(store):
    store.add_meeting(_meeting("Sam"))
    with pytest.raises(RuntimeError):
        with store.transaction() as cur:
            cur.execute("DELETE FROM meetings")
            raise RuntimeError("boom")
    assert len(store.meetings()) == 1


# ---- deleting ------------------------------------------------------------------------------
def test_forget_person_removes_their_meetings_and_commitments_only(store):
    keep = [_meeting("Bo"), _meeting("Alexa")]
    store.add_meetings([_meeting("Alex"), _meeting("Alex", "2026-04-01"), *keep])
    store.add_records([_commitment("Alex"), _commitment("Bo")])
    store.set_setting("person:Alex:goal", "delegate")
    store.set_setting("person:Bo:goal", "grow")
    assert store.forget_person("Alex") == 3
    assert "Alex" not in store.people()
    assert store.meetings() == sorted(keep, key=lambda m: (m.date, m.person))
    assert [c.person for c in store.commitments()] == ["Bo"]
    assert store.get_setting("person:Alex:goal") is None
    assert store.get_setting("person:Bo:goal") == "grow"


def test_forget_person_with_wildcard_characters_touches_no_one_else(store):
    store.add_meetings([_meeting("A_ex"), _meeting("Alex")])
    store.set_setting("person:Alex:goal", "delegate")
    store.set_setting("person:A_ex:goal", "grow")
    store.set_setting("person:A%:goal", "x")
    assert store.forget_person("A_ex") == 1
    assert store.forget_person("A%") == 0
    assert store.people() == ["Alex"]
    assert store.get_setting("person:Alex:goal") == "delegate"
    assert store.get_setting("person:A_ex:goal") is None
    assert store.get_setting("person:A%:goal") is None


def test_forget_person_leaves_no_trace_of_their_notes_in_the_file(tmp_home):
    secret = "ALEX-TOLD-ME-ABOUT-THE-DIVORCE"
    with Store.open() as s:
        s.add_meetings([_meeting("Alex", notes=secret), _meeting("Bo", notes="fine")])
        s.add_records([_commitment("Alex", text=secret)])
    with Store.open(backup=False) as s:
        assert s.forget_person("Alex") == 2
        for file in tmp_home.glob("oneonone.sqlite3*"):
            assert secret.encode() not in file.read_bytes(), file.name
        assert [m.notes for m in s.meetings()] == ["fine"]


def test_remove_demo_leaves_own_records(store):
    own_m, own_c = _meeting("Sam"), _commitment("Sam")
    store.add_meetings([own_m, _meeting("Alex (demo)", demo=True)])
    store.add_records([own_c, _commitment("Alex (demo)", demo=True)])
    assert store.has_demo()
    assert store.remove_demo() == 2
    assert not store.has_demo()
    assert store.meetings() == [own_m]
    assert store.commitments() == [own_c]


def test_delete_everything_empties_the_store_and_removes_backups(tmp_home, monkeypatch):
    path = tmp_home / "oneonone.sqlite3"
    secret = "SECRET-NOTE-about-a-salary"
    with Store.open() as s:
        s.add_meetings([_meeting(f"P{i}", notes=secret) for i in range(50)])
        s.add_records([_commitment("P1")])
        s.set_setting("lang", "nl")
    _day(monkeypatch, TODAY + dt.timedelta(days=1))
    with Store.open() as s:
        assert Store.backup_dir(path).exists()
        assert s.delete_everything() == 51
        assert sum(s.counts().values()) == 0
        assert s.get_setting("lang") is None
        assert s.people() == []
        assert not Store.backup_dir(path).exists()
        # Deleted notes must not linger in the file or its write-ahead log.
        for file in tmp_home.glob("oneonone.sqlite3*"):
            assert secret.encode() not in file.read_bytes(), file.name
    assert secret.encode() not in path.read_bytes()


# ---- damaged and foreign files -------------------------------------------------------------
@pytest.mark.parametrize(
    "garbage",
    [b"this is not a database, it is a shopping list\n" * 400, bytes(range(256)) * 64],
    ids=["text", "bytes"],
)
def test_garbage_file_raises_corrupt_store_error_and_stays_byte_for_byte(damaged_setup, garbage):
    path, backup = damaged_setup
    path.write_bytes(garbage)
    digest, stamp = _sha(path), path.stat().st_mtime_ns
    files_before = sorted(p.name for p in path.parent.iterdir())
    for _attempt in range(2):  # a second try finds the same untouched file
        with pytest.raises(CorruptStoreError) as info:
            Store.open()
        assert str(path) in info.value.message("en")
        assert str(backup) in info.value.message("en")
        assert str(backup) in info.value.message("nl")
    assert _sha(path) == digest
    assert path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in path.parent.iterdir()) == files_before


def test_truncated_store_raises_corrupt_store_error_naming_file_and_backup(damaged_setup):
    path, backup = damaged_setup
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    digest = _sha(path)
    files_before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(CorruptStoreError) as info:
        Store.open()
    err = info.value
    for lang in ("en", "nl"):
        assert str(path) in err.message(lang)
        assert str(backup) in err.message(lang)
    assert _sha(path) == digest
    assert sorted(p.name for p in path.parent.iterdir()) == files_before  # no stray -wal/-shm
    # The backup it names is a working store with the data.
    with Store.open(backup, backup=False) as rescued:
        assert rescued.counts()["meetings"] == 300


def test_corrupt_store_error_without_backup_says_there_is_none(tmp_home):
    tmp_home.mkdir()
    path = tmp_home / "oneonone.sqlite3"
    path.write_bytes(b"\x00garbage" * 100)
    with pytest.raises(CorruptStoreError) as info:
        Store.open()
    assert str(path) in info.value.message("en")
    assert "no backup" in info.value.message("en").lower()
    assert "geen reservekopie" in info.value.message("nl").lower()


def test_store_from_a_newer_schema_is_refused_unchanged(tmp_home):
    tmp_home.mkdir()
    path = tmp_home / "oneonone.sqlite3"
    conn = sqlite3.connect(path)  # a rollback-journal file, as another tool might leave it
    conn.execute("CREATE TABLE meetings (uid TEXT)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    digest = _sha(path)
    with pytest.raises(StoreError) as info:
        Store.open()
    assert not isinstance(info.value, CorruptStoreError)
    assert info.value.key == "store.newer_schema"
    assert "99" in info.value.message("nl") and str(path) in info.value.message("en")
    assert _sha(path) == digest
    assert _pragma(path, "journal_mode") == "delete"


def test_our_own_store_bumped_to_a_newer_schema_is_refused_unchanged(tmp_home):
    with Store.open() as s:
        s.add_meeting(_meeting())
    path = tmp_home / "oneonone.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {store_module.SCHEMA + 1}")
    conn.close()
    digest = _sha(path)
    with pytest.raises(StoreError, match="newer version"):
        Store.open()
    assert _sha(path) == digest


# ---- backups -------------------------------------------------------------------------------
def test_one_backup_per_day_capped_at_five(tmp_home, monkeypatch):
    path = tmp_home / "oneonone.sqlite3"
    Store.open().close()  # a new file has nothing to back up yet
    assert not Store.backup_dir(path).exists()
    days = [TODAY + dt.timedelta(days=i) for i in range(8)]
    for index, day in enumerate(days):
        _day(monkeypatch, day)
        with Store.open() as s:
            s.add_meeting(_meeting(f"P{index}"))
        Store.open().close()  # a second open the same day makes no second backup
    backups = sorted(Store.backup_dir(path).glob("oneonone-2*.sqlite3"))
    assert [b.name for b in backups] == [f"oneonone-{d.isoformat()}.sqlite3" for d in days[-5:]]
    assert _mode(Store.backup_dir(path)) == 0o700
    assert all(_mode(b) == 0o600 for b in backups)
    # Each backup holds the data as it was when the day's first open happened.
    with Store.open(backups[-1], backup=False) as s:
        assert s.counts()["meetings"] == 7


def test_backup_daily_returns_the_day_file(tmp_home):
    with Store.open() as s:
        assert s.backup_daily() is None  # an empty log is not worth a copy (issue 11)
        s.add_meeting(_meeting())
        target = s.backup_daily()
        assert target == Store.backup_dir(s.path) / f"oneonone-{TODAY.isoformat()}.sqlite3"
        assert target.exists()
        assert s.backup_daily() == target


def test_store_in_a_folder_with_special_characters_opens(tmp_path):
    folder = tmp_path / "my data #1 ?50%"
    with Store.open(folder / "oneonone.sqlite3", backup=False) as s:
        s.add_meeting(_meeting())
    with Store.open(folder / "oneonone.sqlite3", backup=False) as s:
        assert s.counts()["meetings"] == 1
    # The read-only check must open this very file, not a stray one cut off at '#' or '?'.
    assert os.listdir(tmp_path) == [folder.name]
    assert os.listdir(folder) == ["oneonone.sqlite3"]


def test_damaged_store_in_a_folder_with_special_characters_is_reported(tmp_path):
    folder = tmp_path / "my data #1 ?50%"
    folder.mkdir()
    (folder / "oneonone.sqlite3").write_bytes(b"garbage " * 500)
    with pytest.raises(CorruptStoreError):
        Store.open(folder / "oneonone.sqlite3", backup=False)
    assert os.listdir(tmp_path) == [folder.name]
