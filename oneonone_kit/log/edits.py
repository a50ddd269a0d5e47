"""Correcting the log: save, update, delete and restore one meeting with its commitments.

Every change here runs in one transaction of the :class:`~.store.Store`, so a meeting and the
commitments made in it are written, changed or removed together. Records are found by a short
id (a unique prefix of the uid, at least :data:`SHORT_ID` characters), as ``log list`` and
``commitment list`` show them. Kept apart from :mod:`.store` so the store stays one job (opening,
migrating, reading and bulk writes) and this module the other (the learner's corrections).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .. import fieldspec
from ..errors import StoreError
from ..model import Commitment, Meeting
from .store import Store, _record_row

SHORT_ID = 8  # characters of a uid shown as its short id (more when needed to be unique)
_COLUMNS = fieldspec.names(Meeting)
_INSERT_MEETING = f"INSERT OR REPLACE INTO meetings ({','.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})"
_INSERT_RECORD = (
    "INSERT OR REPLACE INTO records (uid, kind, person, demo, body, schema_version) "
    "VALUES (?,?,?,?,?,?)"
)


class RecordIdError(StoreError):
    """An id that names no record (``id.unknown``) or more than one (``id.ambiguous``)."""


@dataclass(frozen=True)
class Removed:
    """What :func:`delete_meeting` took out, so :func:`restore` can put it back."""

    meeting: Meeting
    commitments: tuple[Commitment, ...] = ()


# ---- short ids ---------------------------------------------------------------------------
def short_ids(uids: Iterable[str], minimum: int = SHORT_ID) -> dict[str, str]:
    """uid -> its shortest prefix of at least ``minimum`` characters that no other uid shares."""
    ordered = sorted(set(uids))
    out = {}
    for index, uid in enumerate(ordered):
        neighbours = ordered[max(index - 1, 0) : index] + ordered[index + 1 : index + 2]
        shared = max((_common_prefix(uid, other) for other in neighbours), default=0)
        out[uid] = uid[: max(minimum, shared + 1)]
    return out


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b):
        if x != y:
            break
        length += 1
    return length


def resolve_id(uids: Iterable[str], given: str) -> str:
    """The one uid that ``given`` names (whole or a prefix); else a :class:`RecordIdError`."""
    text = str(given).strip()
    every = list(uids)
    if text in every:
        return text
    matches = sorted(u for u in every if text and u.startswith(text))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise RecordIdError("id.unknown", id=text)
    shown = short_ids(every)
    raise RecordIdError("id.ambiguous", id=text, matches=", ".join(shown[m] for m in matches[:5]))


def find_meeting(store: Store, given: str) -> Meeting:
    """The meeting whose uid is or starts with ``given``."""
    meetings = {m.uid: m for m in store.meetings()}
    return meetings[resolve_id(meetings, given)]


def find_commitment(store: Store, given: str) -> Commitment:
    """The commitment whose uid is or starts with ``given``."""
    commitments = {c.uid: c for c in store.commitments()}
    return commitments[resolve_id(commitments, given)]


# ---- meetings ----------------------------------------------------------------------------
def duplicates(store: Store, meeting: Meeting) -> list[Meeting]:
    """Other meetings with the same person, date and minutes (planned and actual)."""
    same = (meeting.date, meeting.planned_minutes, meeting.actual_minutes)
    return [
        m
        for m in store.meetings(person=meeting.person)
        if m.uid != meeting.uid and (m.date, m.planned_minutes, m.actual_minutes) == same
    ]


def save_meeting(store: Store, meeting: Meeting, commitments: Iterable[Commitment] = ()) -> Meeting:
    """Write a new meeting and the commitments made in it, in one transaction."""
    items = [replace(c, meeting=meeting.uid) for c in commitments]
    with store.transaction() as cur:
        cur.execute(_INSERT_MEETING, fieldspec.to_sql(meeting))
        cur.executemany(_INSERT_RECORD, [_record_row("commitments", c) for c in items])
    return meeting


def update_meeting(
    store: Store, meeting: Meeting, commitments: Iterable[Commitment] = ()
) -> Meeting:
    """Replace the stored meeting with the same uid (and add new commitments made in it).

    When the person's name changed, the commitments made in the meeting take the new name.
    Returns the version it replaced; raises ``id.unknown`` when there is none. One transaction.
    """
    items = [replace(c, meeting=meeting.uid) for c in commitments]
    names = [n for n in _COLUMNS if n != "uid"]
    row = dict(zip(_COLUMNS, fieldspec.to_sql(meeting)))
    with store.transaction() as cur:
        found = cur.execute(
            f"SELECT {','.join(_COLUMNS)} FROM meetings WHERE uid = ?", (meeting.uid,)
        ).fetchone()
        if found is None:
            raise RecordIdError("id.unknown", id=meeting.uid[:SHORT_ID])
        cur.execute(
            f"UPDATE meetings SET {','.join(f'{n} = ?' for n in names)} WHERE uid = ?",
            [*(row[n] for n in names), meeting.uid],
        )
        before = fieldspec.from_sql(Meeting, found)
        if before.person != meeting.person:  # a corrected name: its commitments follow it
            items += [replace(c, person=meeting.person) for c in _made_in(cur, meeting.uid)]
        cur.executemany(_INSERT_RECORD, [_record_row("commitments", c) for c in items])
    return before


def _made_in(cur, uid: str) -> list[Commitment]:
    """The commitments made in meeting ``uid`` (read inside the caller's transaction)."""
    bodies = cur.execute(
        "SELECT body FROM records WHERE kind = 'commitments' "
        "AND json_extract(body, '$.meeting') = ?",
        (uid,),
    ).fetchall()
    return [Commitment.from_stored(json.loads(b)) for (b,) in bodies]


def delete_meeting(store: Store, uid: str) -> Removed:
    """Delete one meeting and the commitments made in it, in one transaction.

    Returns what was removed (for :func:`restore`); raises ``id.unknown`` when it is not there.
    """
    with store.transaction() as cur:
        found = cur.execute(
            f"SELECT {','.join(_COLUMNS)} FROM meetings WHERE uid = ?", (uid,)
        ).fetchone()
        if found is None:
            raise RecordIdError("id.unknown", id=uid[:SHORT_ID])
        made = tuple(_made_in(cur, uid))
        cur.execute("DELETE FROM meetings WHERE uid = ?", (uid,))
        cur.executemany("DELETE FROM records WHERE uid = ?", [(c.uid,) for c in made])
    return Removed(fieldspec.from_sql(Meeting, found), made)


def restore(store: Store, removed: Removed) -> None:
    """Put back a deleted meeting and its commitments, as they were (one transaction)."""
    with store.transaction() as cur:
        cur.execute(_INSERT_MEETING, fieldspec.to_sql(removed.meeting))
        cur.executemany(
            _INSERT_RECORD, [_record_row("commitments", c) for c in removed.commitments]
        )


# ---- commitments -------------------------------------------------------------------------
def add_commitment(store: Store, commitment: Commitment) -> Commitment:
    """Write one commitment (one transaction)."""
    store.add_records([commitment])
    return commitment


def set_kept(store: Store, uid: str, kept: bool | None) -> Commitment:
    """Mark one commitment kept (True), not kept (False) or open again (None).

    Returns the version before the change, so the caller can undo it. One transaction.
    """
    with store.transaction() as cur:
        found = cur.execute(
            "SELECT body FROM records WHERE kind = 'commitments' AND uid = ?", (uid,)
        ).fetchone()
        if found is None:
            raise RecordIdError("id.unknown", id=uid[:SHORT_ID])
        before = Commitment.from_stored(json.loads(found[0]))
        after = replace(before, kept=kept)
        cur.execute(
            "UPDATE records SET body = ? WHERE uid = ?",
            (json.dumps(after.to_dict(), ensure_ascii=False), uid),
        )
    return before


def open_commitments(store: Store, person: str | None = None) -> list[Commitment]:
    """Commitments not yet marked kept or not kept, by person then due date (undated last)."""
    items = [c for c in store.commitments(person) if c.kept is None]
    return sorted(items, key=lambda c: (c.person.casefold(), c.due is None, str(c.due), c.uid))


def latest_meeting(store: Store, person: str) -> Meeting | None:
    """The person's most recent meeting (to attach a commitment made outside the form)."""
    meetings = store.meetings(person=person)
    return meetings[-1] if meetings else None


__all__ = [
    "SHORT_ID",
    "RecordIdError",
    "Removed",
    "add_commitment",
    "delete_meeting",
    "duplicates",
    "find_commitment",
    "find_meeting",
    "latest_meeting",
    "open_commitments",
    "resolve_id",
    "restore",
    "save_meeting",
    "set_kept",
    "short_ids",
    "update_meeting",
]
