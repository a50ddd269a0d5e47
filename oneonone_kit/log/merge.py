"""Writing a checked import into the store: skip or replace what is there, count what is written.

:func:`write_imported` runs in one transaction and reads the existing uids inside it, so the
counts it returns are the rows written. Records of the four non-meeting kinds share one table
keyed by uid, so a uid the log holds for another kind is refused (:class:`UidTaken`), never
overwritten. Imports :mod:`.store` only.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..errors import StoreError
from .store import _MEETING_COLUMNS, Store, _meeting_row, _record_row


def existing_uids(store: Store, parsed: dict[str, list[Any]]) -> dict[str, dict[str, str]]:
    """Per kind, the uids of ``parsed`` already stored: uid -> the stored record's kind."""
    return _existing(store._conn.cursor(), parsed)


def write_imported(
    store: Store, parsed: dict[str, list[Any]], settings: dict[str, str], replace: bool = False
) -> ImportCounts:
    """Write validated records and settings in one transaction (import).

    Records whose uid is already stored are skipped, or replaced when ``replace``; a uid
    stored for another kind of record raises :class:`UidTaken` (nothing is written). The
    counts returned are the rows written, read inside the same transaction.
    """
    written: dict[str, int] = {}
    already: dict[str, int] = {}
    with store.transaction() as cur:
        existing = _existing(cur, parsed)
        taken = [
            (kind, index)
            for kind, items in parsed.items()
            for index, record in enumerate(items)
            if existing[kind].get(record.uid, kind) != kind
        ]
        if taken:
            raise UidTaken(taken)
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        for kind, items in parsed.items():
            already[kind] = sum(1 for r in items if r.uid in existing[kind])
            keep = items if replace else [r for r in items if r.uid not in existing[kind]]
            if kind == "meetings":
                cur.executemany(
                    f"{verb} INTO meetings ({','.join(_MEETING_COLUMNS)}) "
                    f"VALUES ({','.join('?' * len(_MEETING_COLUMNS))})",
                    [_meeting_row(m) for m in keep],
                )
            else:
                cur.executemany(
                    f"{verb} INTO records (uid, kind, person, demo, body, schema_version)"
                    " VALUES (?,?,?,?,?,?)",
                    [_record_row(kind, r) for r in keep],
                )
            written[kind] = len(keep)
        stored = dict(cur.execute("SELECT key, value FROM settings"))
        changed = [
            (k, v)
            for k, v in settings.items()
            if stored.get(k) != v and (replace or k not in stored)
        ]
        cur.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", changed)
    return ImportCounts(written, already, len(changed), replace)


class UidTaken(StoreError):
    """Imported records whose uid the log holds for another kind of record: (kind, index)."""

    def __init__(self, where: list[tuple[str, int]]):
        self.where = where
        super().__init__("import.uid_other_kind")


class ImportCounts(dict):
    """Records written per kind (a dict), plus ``already`` per kind, ``settings`` and ``replace``."""

    def __init__(
        self, written: dict[str, int], already: dict[str, int], settings: int, replace: bool
    ):
        super().__init__(written)
        self.already = dict(already)
        self.settings = settings
        self.replace = replace

    @property
    def new(self) -> int:
        """Records that were not in the log before."""
        return sum(self.values()) - (sum(self.already.values()) if self.replace else 0)

    @property
    def existing(self) -> int:
        return sum(self.already.values())


def _existing(cur: sqlite3.Cursor, parsed: dict[str, list[Any]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for kind, items in parsed.items():
        uids = [r.uid for r in items]
        found: dict[str, str] = {}
        for start in range(0, len(uids), 500):  # SQLite caps the number of ? per statement
            chunk = uids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            if kind == "meetings":
                sql = f"SELECT uid, 'meetings' FROM meetings WHERE uid IN ({marks})"
            else:
                sql = f"SELECT uid, kind FROM records WHERE uid IN ({marks})"
            found.update(cur.execute(sql, chunk))
        out[kind] = found
    return out
