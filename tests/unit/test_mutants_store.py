"""The store's backups and its refusals: the behaviours `make mutate` found unpinned."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from oneonone_kit.errors import CorruptStoreError, StoreError
from oneonone_kit.log import backup as backups
from oneonone_kit.log.store import SCHEMA, Store
from oneonone_kit.model import Meeting


def meeting(person: str = "Sam") -> Meeting:
    return Meeting.create(date="2026-01-05", person=person, planned_minutes=30)


def test_delete_everything_can_keep_the_backups_when_asked(tmp_home):
    with Store.open() as store:
        store.add_meeting(meeting())
        assert store.backup_daily() is not None
        store.delete_everything(include_backups=False)
        assert store.counts()["meetings"] == 0
        assert len(list(Store.backup_dir(store.path).glob("*.sqlite3"))) == 1


# ---- which backup a damaged store points to -------------------------------------------------
def damage_pages(path) -> None:
    """Add 2,000 indexed rows to a copy, then overwrite 200 bytes of a page near its end: the
    file still opens, but SQLite's quick check reports the broken page."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (x TEXT)")
    conn.execute("CREATE INDEX filler_x ON filler (x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [(f"row{i:05d}",) for i in range(2000)])
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    start = len(data) - 3 * 4096 + 200
    data[start : start + 200] = b"A" * 200
    path.write_bytes(bytes(data))


def test_a_newer_backup_that_fails_the_quick_check_is_passed_over(tmp_home):
    with Store.open() as store:
        store.add_meeting(meeting())
        good = store.backup_daily()
        file = store.path
    damaged = good.with_name("oneonone-2099-01-01.sqlite3")
    shutil.copy(good, damaged)
    damage_pages(damaged)
    later = good.stat().st_mtime + 60
    os.utime(damaged, (later, later))  # the damaged copy is the newest
    check = sqlite3.connect(f"file:{damaged}?mode=ro&immutable=1", uri=True)
    assert check.execute("PRAGMA quick_check").fetchall() != [("ok",)]  # really damaged
    check.close()
    assert backups.all_backups(file)[0] == damaged
    assert backups.latest_backup(file) == good


# ---- a locked file is busy, not damaged --------------------------------------------------------
@pytest.mark.parametrize(
    "text, busy",
    [
        ("database is locked", True),
        ("database table is locked", True),
        ("database is busy", True),
        ("Database Is Locked", True),
        ("file is not a database", False),
        ("unsupported file format", False),
    ],
)
def test_only_locked_or_busy_errors_count_as_busy(text, busy):
    assert backups._busy(sqlite3.OperationalError(text)) is busy


def test_a_store_another_program_holds_locked_is_unavailable_not_damaged(tmp_home):
    with Store.open() as store:
        store.add_meeting(meeting())
        file = store.path
    holder = sqlite3.connect(file, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as caught:
            backups.check_integrity(file, SCHEMA, 0.05)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not isinstance(caught.value, CorruptStoreError)
    assert caught.value.key == "store.unavailable"


# ---- backups are ordered by time, and a damaged store's message keeps its detail -------------
def test_backups_are_listed_newest_first_by_time_not_by_name(tmp_path):
    file = tmp_path / "oneonone.sqlite3"
    folder = tmp_path / "backups"
    folder.mkdir()
    dated = folder / "oneonone-2026-01-05.sqlite3"
    before = folder / "oneonone-before-v2.sqlite3"  # sorts after the dated copy by name
    for path, when in ((before, 1_000_000), (dated, 2_000_000)):
        path.write_bytes(b"")
        os.utime(path, (when, when))
    assert backups.all_backups(file) == [dated, before]


def test_a_damaged_store_without_a_good_backup_keeps_the_detail(tmp_path):
    error = backups.corrupt(tmp_path / "oneonone.sqlite3", "0 bytes", key="store.empty_file")
    assert error.key == "store.empty_file_no_backup"
    assert error.values["detail"] == "0 bytes"


def test_a_damaged_store_with_a_good_backup_keeps_the_detail(tmp_home):
    with Store.open() as store:
        store.add_meeting(meeting())
        good = store.backup_daily()
        file = store.path
    error = backups.corrupt(file, "file is not a database")
    assert error.key == "store.corrupt"
    assert error.values == {
        "path": str(file),
        "detail": "file is not a database",
        "backup": str(good),
    }


# ---- where backups are written ---------------------------------------------------------------
def test_a_log_on_a_drive_that_refuses_chmod_still_gets_its_daily_backup(tmp_home, monkeypatch):
    # A FAT-formatted USB stick or some network shares refuse chmod with EPERM: the backup is
    # still written, only without the private permissions.
    with Store.open() as store:
        store.add_meeting(meeting())
        file = store.path

    def refuse(self, mode):
        raise PermissionError(1, "Operation not permitted", str(self))

    monkeypatch.setattr(type(file), "chmod", refuse)
    with Store.open(file) as store:
        made = store.backup_daily()
    # tmp_home's today is 2026-11-22, so the copy is log-2026-11-22 in backups/ next to the log.
    assert made == file.parent / "backups" / f"{file.stem}-2026-11-22.sqlite3"
    copy = sqlite3.connect(made)
    assert copy.execute("SELECT person FROM meetings").fetchall() == [("Sam",)]
    copy.close()


def test_an_old_backup_another_notebook_already_rotated_out_is_no_error(tmp_home, monkeypatch):
    # Two notebooks open on one log both rotate: the second finds the oldest copy already gone.
    with Store.open(backup=False) as store:
        store.add_meeting(meeting())
        file = store.path
    folder = file.parent / "backups"
    folder.mkdir()
    days = ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"]
    for day in days:
        shutil.copy(file, folder / f"{file.stem}-{day}.sqlite3")
    real_unlink = type(file).unlink

    def other_notebook_was_first(self, missing_ok=False):
        if self.exists():
            os.remove(self)
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(type(file), "unlink", other_notebook_was_first)
    with Store.open(file, backup=False) as store:
        made = store.backup_daily()
    # Today's copy is the sixth; five are kept, so 17 November, the oldest, is the one to go.
    assert made.name == f"{file.stem}-2026-11-22.sqlite3"
    assert sorted(p.name for p in folder.glob("*.sqlite3")) == [
        f"{file.stem}-{day}.sqlite3" for day in [*days[1:], "2026-11-22"]
    ]
