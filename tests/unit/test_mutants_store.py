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
