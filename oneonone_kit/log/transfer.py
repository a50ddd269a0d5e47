"""Moving a learner's records in and out: JSON (everything) and CSV (meetings).

Every import reads the whole file and validates every row before anything is written; a refused
import raises :class:`~oneonone_kit.errors.ImportProblem` and leaves the store unchanged.
Exports are written private (0600). Imports :mod:`.store` and :mod:`.csvio`; nothing above.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any

from ..errors import ImportProblem, RowProblem
from ..model import RecordError
from .csvio import meetings_from_csv, meetings_to_csv
from .store import EXPORT_FORMAT, EXPORT_VERSION, KINDS, SCHEMA, Store, record_from_dict


def export_data(store: Store) -> dict[str, Any]:
    """Everything in the store as one JSON-ready dict."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "schema_version": SCHEMA,
        "exported_at": _dt.datetime.now().replace(microsecond=0).isoformat(),
        "meetings": [m.to_dict() for m in store.meetings()],
    }
    for kind in KINDS:
        data[kind] = [r.to_dict() for r in store.records(kind)]
    data["settings"] = store.settings()
    return data


def export_json(store: Store, path: str | os.PathLike | None = None) -> bytes:
    """Export everything as UTF-8 JSON bytes; also written to ``path`` when given."""
    payload = json.dumps(export_data(store), ensure_ascii=False, indent=1).encode("utf-8")
    if path is not None:
        write_private(Path(path), payload)
    return payload


def export_csv(store: Store, path: str | os.PathLike | None = None) -> bytes:
    """Export meetings as CSV bytes (UTF-8 with BOM so spreadsheets read accents)."""

    payload = meetings_to_csv(store.meetings())
    if path is not None:
        write_private(Path(path), payload)
    return payload


def import_json(
    store: Store, source: str | os.PathLike | bytes, today: _dt.date | None = None
) -> dict:
    """Validate a JSON export completely, then add it in one transaction.

    Raises ImportProblem (nothing written) when anything is wrong. Returns counts per kind.
    """
    raw = _read_source(source)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportProblem("import.not_utf8") from None
    except json.JSONDecodeError as exc:
        raise ImportProblem("import.bad_json", line=exc.lineno, detail=exc.msg) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ImportProblem("import.not_our_file")
    if not isinstance(data.get("version"), int) or data["version"] > EXPORT_VERSION:
        raise ImportProblem("import.newer_file", version=data.get("version"))
    problems: list[RowProblem] = []
    parsed: dict[str, list] = {}
    row_base = 0
    for kind in ("meetings", *KINDS):
        items = data.get(kind, [])
        if not isinstance(items, list):
            problems.append(RowProblem(row_base + 1, kind, "import.not_a_list", {}))
            continue
        parsed[kind] = []
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(RowProblem(row_base + index, kind, "import.not_a_record", {}))
                continue
            try:
                parsed[kind].append(record_from_dict(kind, item, today))
            except RecordError as err:
                problems.extend(
                    RowProblem(row_base + index, p.field, p.key, p.values) for p in err.problems
                )
            except (TypeError, ValueError, KeyError) as exc:
                problems.append((row_base + index, kind, "import.bad_record", {"detail": str(exc)}))
        row_base += len(items)
    settings = data.get("settings", {})
    if not isinstance(settings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in settings.items()
    ):
        problems.append(RowProblem(0, "settings", "import.bad_record", {"detail": "settings"}))
    if problems:
        raise ImportProblem("import.refused", rows=problems)
    store.write_imported(parsed, settings)
    return {kind: len(items) for kind, items in parsed.items()}


def import_csv(
    store: Store, source: str | os.PathLike | bytes, today: _dt.date | None = None
) -> int:
    """Validate a meetings CSV completely, then add all rows in one transaction."""

    meetings = meetings_from_csv(_read_source(source), today=today)
    return store.add_meetings(meetings)


def _read_source(source: str | os.PathLike | bytes) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise ImportProblem("import.cannot_read", path=str(source), detail=exc.strerror) from None


def write_private(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
    os.replace(tmp, path)  # never leave a half-written export behind
