"""Copies of the store file and the check that refuses a damaged one.

Backups live next to the file in ``backups/`` (0700, files 0600): one per day for the last five
days, and one before each migration. An empty log is never copied, so rotation cannot replace a
good backup with an empty one, and the pointer given for a damaged or emptied store names the
newest backup that opens and holds something. The integrity check reads a file without writing.
Used by :mod:`.store`; imports only the ground floor.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..errors import CorruptStoreError, StoreError

BACKUPS_KEPT = 5


def private_file(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only (0600), if missing."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    with contextlib.suppress(OSError):
        path.chmod(0o600)


def backup_dir(file: Path) -> Path:
    return file.parent / "backups"


def all_backups(file: Path) -> list[Path]:
    """The backups of ``file``, newest first."""
    if not backup_dir(file).is_dir():
        return []
    found = [p for p in backup_dir(file).glob(f"{file.stem}-*.sqlite3") if p.is_file()]
    # By time, not name: "before-v2" sorts after the dated copies but may be older.
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def latest_backup(file: Path) -> Path | None:
    """The newest backup that is undamaged and holds at least one record or setting."""
    return next((p for p in all_backups(file) if is_good(p)), None)


def is_good(path: Path) -> bool:
    """True when a backup opens, passes SQLite's quick check and holds something."""
    uri = f"file:{quote(path.as_posix())}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return False
            return holds_anything(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def holds_anything(conn: sqlite3.Connection) -> bool:
    """True when the database has at least one meeting, record or setting."""
    return bool(
        conn.execute(
            "SELECT 1 FROM meetings UNION ALL SELECT 1 FROM records "
            "UNION ALL SELECT 1 FROM settings LIMIT 1"
        ).fetchone()
    )


# The message for a damaged file when no backup can be offered (keys written out in full).
NO_BACKUP_KEY = {
    "store.corrupt": "store.corrupt_no_backup",
    "store.empty_file": "store.empty_file_no_backup",
}


def corrupt(file: Path, detail: str, key: str = "store.corrupt") -> CorruptStoreError:
    """The error for a damaged file, naming the newest good backup when there is one."""
    backup = latest_backup(file)
    if backup is None:
        return CorruptStoreError(NO_BACKUP_KEY[key], path=str(file), detail=detail)
    return CorruptStoreError(key, path=str(file), detail=detail, backup=str(backup))


def refuse_emptied(file: Path) -> None:
    """A 0-byte file that has backups is a log that lost its content, not a new one: refuse it."""
    if file.exists() and file.stat().st_size == 0 and all_backups(file):
        raise corrupt(file, "0 bytes", key="store.empty_file")


def check_integrity(file: Path, schema: int, timeout_s: float) -> None:
    """Refuse a damaged file or one from a schema newer than ``schema``, reading it only."""
    # Quoted, so a '#' or '?' in a folder name cannot cut the path short.
    uri = f"file:{quote(file.as_posix())}?mode=ro"
    sidecars = [file.with_name(file.name + suffix) for suffix in ("-wal", "-shm")]
    had_sidecars = [p.exists() for p in sidecars]
    try:
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=timeout_s)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > schema:
                    raise StoreError("store.newer_schema", path=str(file), version=version)
                if version < 0:  # the kit counts up from 0: only damage makes it negative
                    raise corrupt(file, f"user_version {version}")
                result = conn.execute("PRAGMA integrity_check").fetchall()
                if result == [("ok",)] and version == schema:
                    read_every_row(conn)
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:
            if _busy(exc):  # locked by another program: not a reason to call it damaged
                raise StoreError("store.unavailable", path=str(file), detail=str(exc)) from exc
            raise corrupt(file, str(exc)) from exc  # e.g. "unsupported file format"
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise corrupt(file, str(exc)[:200]) from exc  # e.g. a row that is not UTF-8 or JSON
        if result != [("ok",)]:
            raise corrupt(file, "; ".join(r[0] for r in result[:3]))
    except StoreError:
        # A read-only look at a WAL file creates empty -wal/-shm files; leave no trace.
        wal = sidecars[0]
        if not any(had_sidecars) and (not wal.exists() or wal.stat().st_size == 0):
            for created in sidecars:
                created.unlink(missing_ok=True)
        raise


def read_every_row(conn: sqlite3.Connection) -> None:
    """Turn every stored row into its record once, so damage inside a row that SQLite's own
    check does not see (text that is not UTF-8, a body that is not JSON, a lost column) refuses
    the file here instead of failing a view later. Raises what the reading raises."""
    from .. import fieldspec
    from ..model import RECORD_TYPES, Meeting

    columns = ",".join(fieldspec.names(Meeting))
    for row in conn.execute(f"SELECT {columns} FROM meetings"):
        fieldspec.from_sql(Meeting, row)
    for kind, body in conn.execute("SELECT kind, body FROM records"):
        RECORD_TYPES[kind].from_stored(json.loads(body))
    conn.execute("SELECT key, value FROM settings").fetchall()


def copy_to(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the open database into ``target`` (private file in a private folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        target.parent.chmod(0o700)
    private_file(target)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def daily(conn: sqlite3.Connection, file: Path) -> Path | None:
    """Keep one copy of the file per day (the last five days); none of an empty log."""
    from .. import env

    folder = backup_dir(file)
    target = folder / f"{file.stem}-{env.today().isoformat()}.sqlite3"
    if target.exists():
        return target
    if not holds_anything(conn):
        return None  # an empty copy must never rotate a good one out
    copy_to(conn, target)
    for old in sorted(folder.glob(f"{file.stem}-2*.sqlite3"))[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def drop_all(file: Path) -> None:
    """Delete every backup of ``file`` (they hold what the learner asked to forget)."""
    shutil.rmtree(backup_dir(file), ignore_errors=True)
