"""The learner's records in SQLite: a private file locally, memory in workshop mode.

One class, :class:`Store`, serves both: ``Store.open(path)`` for the local file (WAL, busy
timeout, 0600 permissions, integrity check, daily backup, forward migrations) and
``Store.memory()`` for a workshop kernel, where nothing touches the server's disk.
Every write runs in one transaction. Import validates every row before writing anything.
Meetings are table rows and other records JSON bodies, both derived from the records' field spec
(:mod:`..fieldspec`); backups and the integrity check live in :mod:`.backup`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import fieldspec
from ..errors import StoreError
from ..model import RECORD_TYPES, Assessment, Commitment, Experiment, Meeting, Reflection
from . import backup as backups
from .setting_rules import bad_settings, interval_person

EXPORT_FORMAT = "oneonone-export"
EXPORT_VERSION = 1
BUSY_TIMEOUT_MS = 30_000


# Each migration takes the schema from version i to i+1. Never drop or rewrite data here.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meetings (
        uid TEXT PRIMARY KEY, date TEXT NOT NULL, person TEXT NOT NULL,
        planned_minutes INTEGER NOT NULL, status TEXT NOT NULL, actual_minutes INTEGER,
        agenda_by TEXT, needs TEXT NOT NULL DEFAULT '', talk_share INTEGER,
        leader_rating INTEGER, employee_rating INTEGER, notes TEXT NOT NULL DEFAULT '',
        experiment TEXT, demo INTEGER NOT NULL DEFAULT 0, schema_version INTEGER NOT NULL
    );
    CREATE INDEX meetings_person_date ON meetings(person, date);
    CREATE TABLE records (
        uid TEXT PRIMARY KEY, kind TEXT NOT NULL, person TEXT, demo INTEGER NOT NULL DEFAULT 0,
        body TEXT NOT NULL, schema_version INTEGER NOT NULL
    );
    CREATE INDEX records_kind ON records(kind);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
]
SCHEMA = len(MIGRATIONS)

# Every field of the Meeting spec is a column, in field order (the CREATE TABLE above is history).
_MEETING_COLUMNS = fieldspec.names(Meeting)
# Records other than meetings are stored as JSON bodies keyed by kind.
KINDS: dict[str, type] = {k: cls for k, cls in RECORD_TYPES.items() if cls is not Meeting}
_meeting_row = fieldspec.to_sql
# Rows were validated on the way in, so load them without re-validating (fast path).
_meeting_from_row = functools.partial(fieldspec.from_sql, Meeting)


def record_from_dict(kind: str, data: dict[str, Any], today: _dt.date | None = None):
    """Validate one exported record dict into its record type (raises RecordError)."""
    cls = Meeting if kind == "meetings" else KINDS[kind]
    return cls.from_dict(data, today=today)


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting while another process creates or migrates the same file."""
    # SQLite answers "locked" at once here instead of calling the busy handler, so retry.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class Store:
    """Records of one learner. Use :meth:`open` (file) or :meth:`memory` (workshop kernel)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None):
        self._conn = conn
        self.path = path

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike | None = None, backup: bool = True) -> Store:
        """Open (or create) the store file; raises CorruptStoreError on a damaged file."""
        from .. import env

        file = Path(path) if path is not None else env.store_path()
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        existed = file.exists() and file.stat().st_size > 0
        backups.refuse_emptied(file)
        if existed:
            # Read-only first: a damaged or newer file is refused before anything can write.
            backups.check_integrity(file, SCHEMA, BUSY_TIMEOUT_MS / 1000)
        backups.private_file(file)
        conn = sqlite3.connect(
            file, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            _enable_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA secure_delete=ON")  # deleted notes are overwritten, not left
            store = cls(conn, file)
            store._migrate(backup_first=existed)
        except sqlite3.OperationalError as exc:
            conn.close()  # busy, locked or unreadable: a problem, but not a damaged file
            raise StoreError("store.unavailable", path=str(file), detail=str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise backups.corrupt(file, str(exc)) from exc
        except BaseException:
            conn.close()
            raise
        if backup and existed:
            store.backup_daily()
        return store

    @classmethod
    def memory(cls) -> Store:
        """A store that lives only in this process's memory (workshop mode)."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        store = cls(conn, None)
        store._migrate(backup_first=False)
        return store

    backup_dir = staticmethod(backups.backup_dir)

    def _migrate(self, backup_first: bool) -> None:
        version = self._schema_version()
        if version == SCHEMA:
            return
        if version < SCHEMA and backup_first and self.path is not None:
            backups.copy_to(
                self._conn,
                backups.backup_dir(self.path) / f"{self.path.stem}-before-v{SCHEMA}.sqlite3",
            )
        with self.transaction() as cur:
            # Read again under the write lock: another process may have migrated meanwhile.
            version = self._schema_version()
            if version > SCHEMA:
                raise StoreError("store.newer_schema", path=str(self.path), version=version)
            for step in range(version, SCHEMA):
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        cur.execute(statement)
            cur.execute(f"PRAGMA user_version={SCHEMA}")

    def _schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def backup_daily(self) -> Path | None:
        """Keep one copy of the file per day (the last five days), for recovery."""
        return None if self.path is None else backups.daily(self._conn, self.path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        """One write transaction (BEGIN IMMEDIATE, so concurrent writers queue, not fail)."""
        cur = self._conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")

    # ---- meetings ------------------------------------------------------------------------
    def add_meeting(self, meeting: Meeting) -> Meeting:
        """Insert or replace one meeting (matched by uid)."""
        self.add_meetings([meeting])
        return meeting

    def add_meetings(self, meetings: Iterable[Meeting]) -> int:
        """Insert or replace many meetings in one transaction; returns how many."""
        rows = [_meeting_row(m) for m in meetings]
        placeholders = ",".join("?" * len(_MEETING_COLUMNS))
        with self.transaction() as cur:
            cur.executemany(
                f"INSERT OR REPLACE INTO meetings ({','.join(_MEETING_COLUMNS)}) "
                f"VALUES ({placeholders})",
                rows,
            )
        return len(rows)

    def meetings(self, person: str | None = None, include_demo: bool = True) -> list[Meeting]:
        """Meetings sorted by date (then person)."""
        sql = f"SELECT {','.join(_MEETING_COLUMNS)} FROM meetings"
        where, args = [], []
        if person is not None:
            where.append("person = ?")
            args.append(person)
        if not include_demo:
            where.append("demo = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date, person, uid"
        return [_meeting_from_row(r) for r in self._conn.execute(sql, args)]

    def delete_meeting(self, uid: str) -> bool:
        with self.transaction() as cur:
            cur.execute("DELETE FROM meetings WHERE uid = ?", (uid,))
            return cur.rowcount > 0

    def people(self) -> list[str]:
        """Everyone who appears in a meeting or commitment, sorted."""
        rows = self._conn.execute(
            "SELECT person FROM meetings UNION SELECT person FROM records WHERE person IS NOT NULL"
        )
        return sorted({r[0] for r in rows}, key=str.casefold)

    # ---- other records -------------------------------------------------------------------
    def add(self, record: Commitment | Assessment | Experiment | Reflection | Meeting):
        """Insert or replace any record (matched by uid); returns it."""
        if isinstance(record, Meeting):
            return self.add_meeting(record)
        self.add_records([record])
        return record

    def add_records(self, records: Iterable[Any]) -> int:
        rows = [_record_row(_kind_of(record), record) for record in records]
        with self.transaction() as cur:
            cur.executemany(
                "INSERT OR REPLACE INTO records (uid, kind, person, demo, body, schema_version) "
                "VALUES (?,?,?,?,?,?)",
                rows,
            )
        return len(rows)

    def records(self, kind: str, include_demo: bool = True) -> list[Any]:
        """All records of one kind ("commitments", "assessments", ...), oldest first."""
        cls = KINDS[kind]
        sql = "SELECT body FROM records WHERE kind = ?" + ("" if include_demo else " AND demo = 0")
        rows = self._conn.execute(sql + " ORDER BY rowid", (kind,))  # ties keep saving order
        return sorted((cls.from_stored(json.loads(b)) for (b,) in rows), key=_sort_key)

    def commitments(self, person: str | None = None) -> list[Commitment]:
        items = self.records("commitments")
        return [c for c in items if person is None or c.person == person]

    def assessments(self, kind: str | None = None) -> list[Assessment]:
        items = self.records("assessments")
        return [a for a in items if kind is None or a.kind == kind]

    def experiments(self) -> list[Experiment]:
        return self.records("experiments")

    def reflections(self, prompt: str | None = None) -> list[Reflection]:
        items = self.records("reflections")
        return [r for r in items if prompt is None or r.prompt == prompt]

    def delete_record(self, uid: str) -> bool:
        with self.transaction() as cur:
            cur.execute("DELETE FROM records WHERE uid = ?", (uid,))
            return cur.rowcount > 0

    # ---- settings ------------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        # A damaged value is ignored (see bad_settings), so no view fails on it.
        return row[0] if row and not bad_settings({key: row[0]}) else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))

    def delete_setting(self, key: str) -> None:
        with self.transaction() as cur:
            cur.execute("DELETE FROM settings WHERE key = ?", (key,))

    def set_interval(self, person: str, days: int) -> None:
        """The intended number of days between one-on-ones with ``person`` (default 7)."""
        if not 1 <= int(days) <= 92:
            raise ValueError(f"An interval of {days} days is outside 1..92.")
        self.set_setting(f"person:{person}:interval_days", str(int(days)))

    def intervals(self) -> dict[str, int]:
        """Intended intervals in days per person, for the people that have one set.

        A damaged value is left out (see :meth:`bad_settings`), so no view fails on it.
        """
        rows = self._conn.execute(
            "SELECT key, value FROM settings WHERE key LIKE 'person:%:interval_days'"
        )
        found = dict(rows)
        bad = bad_settings(found)
        return {
            person: int(value)
            for key, value in found.items()
            if key not in bad and (person := interval_person(key)) is not None
        }

    def bad_settings(self) -> dict[str, str]:
        """Stored settings that break the rules (ignored when read): key -> value."""
        stored = self.settings()
        return {key: stored[key] for key in bad_settings(stored)}

    def repair_settings(self) -> list[str]:
        """Delete the damaged settings (the kit then uses its defaults); returns their keys."""
        with self.transaction() as cur:
            stored = dict(cur.execute("SELECT key, value FROM settings"))
            bad = sorted(bad_settings(stored))
            cur.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in bad])
        return bad

    # ---- counts and deletion -------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """How many records of each kind the store holds."""
        out = {"meetings": self._conn.execute("SELECT COUNT(*) FROM meetings").fetchone()[0]}
        for kind in KINDS:
            out[kind] = self._conn.execute(
                "SELECT COUNT(*) FROM records WHERE kind = ?", (kind,)
            ).fetchone()[0]
        return out

    def has_demo(self) -> bool:
        return bool(
            self._conn.execute(
                "SELECT 1 FROM meetings WHERE demo = 1 UNION SELECT 1 FROM records WHERE demo = 1"
            ).fetchone()
        )

    def forget_person(self, person: str) -> int:
        """Delete every meeting and commitment about ``person``; returns how many records."""
        with self.transaction() as cur:
            cur.execute("DELETE FROM meetings WHERE person = ?", (person,))
            removed = cur.rowcount
            cur.execute("DELETE FROM records WHERE person = ?", (person,))
            removed += cur.rowcount
            # A prefix compare, not LIKE: '%' or '_' in a name must not match other people.
            prefix = f"person:{person}:"
            cur.execute("DELETE FROM settings WHERE substr(key, 1, ?) = ?", (len(prefix), prefix))
        self._scrub()
        self._replace_backups()
        return removed

    def _replace_backups(self) -> None:
        """Old backups still hold what was just forgotten: drop them, keep one fresh copy."""
        if self.path is None:
            return
        backups.drop_all(self.path)
        self.backup_daily()

    def _scrub(self) -> None:
        """Copy the write-ahead log into the file and empty it, so deleted text is gone."""
        if self.path is not None:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def remove_demo(self) -> int:
        """Delete every record marked as demo; returns how many."""
        with self.transaction() as cur:
            cur.execute("DELETE FROM meetings WHERE demo = 1")
            removed = cur.rowcount
            cur.execute("DELETE FROM records WHERE demo = 1")
            removed += cur.rowcount
        return removed

    def delete_everything(self, include_backups: bool = True) -> int:
        """Delete all records and settings (and the backups of this file); returns records removed."""
        total = sum(self.counts().values())
        with self.transaction() as cur:
            cur.execute("DELETE FROM meetings")
            cur.execute("DELETE FROM records")
            cur.execute("DELETE FROM settings")
        self._conn.execute("VACUUM")  # so deleted notes do not linger in free pages
        self._scrub()
        if include_backups and self.path is not None:
            backups.drop_all(self.path)
        return total

    def settings(self) -> dict[str, str]:
        """Every stored setting, by key."""
        return dict(self._conn.execute("SELECT key, value FROM settings ORDER BY key"))


def _record_row(kind: str, record: Any) -> tuple:
    return (
        record.uid,
        kind,
        getattr(record, "person", None),
        int(record.demo),
        json.dumps(record.to_dict(), ensure_ascii=False),
        record.schema_version,
    )


def _kind_of(record: Any) -> str:
    for kind, cls in KINDS.items():
        if isinstance(record, cls):
            return kind
    raise TypeError(f"Not a storable record: {type(record).__name__}")


def _sort_key(record: Any):
    for attr in ("taken_at", "saved_at", "start", "due"):
        value = getattr(record, attr, None)
        if value is not None:
            return str(value)
    return ""
