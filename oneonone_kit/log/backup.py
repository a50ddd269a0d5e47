"""Copies of the store file and the check that refuses a damaged one.

Backups live next to the file in ``backups/`` (0700, files 0600): one per day for the last five
days, and one before each migration. The integrity check reads a file without writing to it.
Used by :mod:`.store`; imports only the ground floor.
"""

from __future__ import annotations

import contextlib
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


def latest_backup(file: Path) -> Path | None:
    backups = [p for p in backup_dir(file).glob(f"{file.stem}-*.sqlite3") if p.is_file()]
    # By time, not name: "before-v2" sorts after the dated copies but may be older.
    return max(backups, key=lambda p: (p.stat().st_mtime_ns, p.name)) if backups else None


def corrupt(file: Path, detail: str) -> CorruptStoreError:
    """The error for a damaged file, naming the newest backup when there is one."""
    backup = latest_backup(file)
    if backup is None:
        return CorruptStoreError("store.corrupt_no_backup", path=str(file), detail=detail)
    return CorruptStoreError("store.corrupt", path=str(file), detail=detail, backup=str(backup))


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
                result = conn.execute("PRAGMA integrity_check").fetchall()
            finally:
                conn.close()
        except sqlite3.OperationalError:
            raise  # e.g. locked by another program: not a reason to call the file damaged
        except sqlite3.DatabaseError as exc:
            raise corrupt(file, str(exc)) from exc
        if result != [("ok",)]:
            raise corrupt(file, "; ".join(r[0] for r in result[:3]))
    except StoreError:
        # A read-only look at a WAL file creates empty -wal/-shm files; leave no trace.
        wal = sidecars[0]
        if not any(had_sidecars) and (not wal.exists() or wal.stat().st_size == 0):
            for created in sidecars:
                created.unlink(missing_ok=True)
        raise


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


def daily(conn: sqlite3.Connection, file: Path) -> Path:
    """Keep one copy of the file per day (the last five days), for recovery."""
    from .. import env

    folder = backup_dir(file)
    target = folder / f"{file.stem}-{env.today().isoformat()}.sqlite3"
    if target.exists():
        return target
    copy_to(conn, target)
    for old in sorted(folder.glob(f"{file.stem}-2*.sqlite3"))[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def drop_all(file: Path) -> None:
    """Delete every backup of ``file`` (they hold what the learner asked to forget)."""
    shutil.rmtree(backup_dir(file), ignore_errors=True)
