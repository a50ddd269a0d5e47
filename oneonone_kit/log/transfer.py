"""Moving a learner's records in and out: JSON (everything) and CSV (meetings).

Every import reads the whole file and checks every row through :mod:`oneonone_kit.validate`
before anything is written; a refused import raises :class:`~oneonone_kit.errors.ImportProblem`
and leaves the store unchanged. Records already in the log are skipped unless the learner asks
to replace them, and the counts reported are the rows written. Exports are written private
(0600). Imports :mod:`.store`, :mod:`.csvio` and the ground floor; nothing above.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ImportProblem, RowProblem, field_label
from ..i18n import t
from ..model import RecordError
from ..validate import MAX_FILE_BYTES, Invalid, parse_json
from .csvio import MAX_ROWS, meetings_from_csv, meetings_to_csv
from .merge import ImportCounts, UidTaken, existing_uids, write_imported
from .setting_rules import check_setting
from .store import EXPORT_FORMAT, EXPORT_VERSION, KINDS, SCHEMA, Store, record_from_dict

SECTIONS = ("meetings", *KINDS)
_TOP_LEVEL = {"format", "version", "schema_version", "exported_at", "settings", *SECTIONS}


class Item(NamedTuple):
    """Where a JSON record sits: its section and its place in it (from 1)."""

    section: str
    index: int

    def message(self, lang: str | None = None) -> str:
        return t("import.item", lang, section=field_label(self.section, lang), index=self.index)


class CsvRow(NamedTuple):
    """Where a CSV record sits: its row, counted as the messages count rows ("row 2")."""

    number: int

    def message(self, lang: str | None = None) -> str:
        return t("import.at_row", lang, row=self.number)


@dataclass
class Parsed:
    """A checked file, ready to write: records per kind, where each came from, settings."""

    records: dict[str, list[Any]] = field(default_factory=dict)
    rows: dict[str, list[Any]] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, record: Any, row: Any) -> None:
        self.records.setdefault(kind, []).append(record)
        self.rows.setdefault(kind, []).append(row)


# ---- export ---------------------------------------------------------------------------------
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
    # A damaged setting is ignored everywhere (and warned about): leave it out, so the export
    # imports again, also into the store it came from.
    bad = store.bad_settings()
    data["settings"] = {k: v for k, v in store.settings().items() if k not in bad}
    return data


def export_json(store: Store, path: str | os.PathLike | None = None) -> bytes:
    """Export everything as UTF-8 JSON bytes; also written to ``path`` when given."""
    payload = json.dumps(export_data(store), ensure_ascii=False, indent=1, allow_nan=False).encode(
        "utf-8"
    )
    if path is not None:
        write_private(Path(path), payload)
    return payload


def export_csv(store: Store, path: str | os.PathLike | None = None) -> bytes:
    """Export meetings as CSV bytes (UTF-8 with BOM so spreadsheets read accents)."""

    payload = meetings_to_csv(store.meetings())
    if path is not None:
        write_private(Path(path), payload)
    return payload


# ---- reading files --------------------------------------------------------------------------
def read_json(source: str | os.PathLike | bytes, today: _dt.date | None = None) -> Parsed:
    """Check a JSON export completely; raises ImportProblem listing every bad item."""
    try:
        data = parse_json(_read_source(source), MAX_FILE_BYTES)
    except Invalid as refused:
        raise ImportProblem(refused.key, **refused.values) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ImportProblem("import.not_our_file")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise ImportProblem("import.bad_version")
    if version > EXPORT_VERSION:
        raise ImportProblem("import.newer_file", version=version)
    unknown = sorted(k for k in data if k not in _TOP_LEVEL)
    if unknown:
        raise ImportProblem("import.unknown_sections", names=", ".join(unknown)[:200])
    problems: list[RowProblem] = []
    parsed = Parsed()
    total = sum(len(v) for k, v in data.items() if k in SECTIONS and isinstance(v, list))
    if total > MAX_ROWS:
        raise ImportProblem("import.too_many_items", max=MAX_ROWS)
    for kind in SECTIONS:
        items = data.get(kind, [])
        if not isinstance(items, list):
            problems.append(RowProblem(Item(kind, 1), kind, "import.not_a_list", {}))
            continue
        parsed.records[kind], parsed.rows[kind] = [], []
        for index, item in enumerate(items, start=1):
            where = Item(kind, index)
            problems.extend(_read_item(parsed, kind, item, where, today))
    problems.extend(_read_settings(parsed, data.get("settings", {})))
    problems.extend(_duplicates(parsed))
    if problems:
        raise ImportProblem("import.refused", rows=problems)
    return parsed


def _read_item(parsed: Parsed, kind: str, item: Any, where: Item, today) -> list[RowProblem]:
    if not isinstance(item, dict):
        return [RowProblem(where, kind, "import.not_a_record", {})]
    cls = record_type(kind)
    known = {f.name for f in fields(cls)}
    unknown = [str(k)[:40] for k in item if k not in known]
    if unknown:
        return [RowProblem(where, kind, "import.unknown_fields", {"names": ", ".join(unknown)})]
    version = item.get("schema_version", SCHEMA)
    if type(version) is not int or not 1 <= version <= SCHEMA:
        return [RowProblem(where, kind, "import.bad_schema_version", {"max": SCHEMA})]
    try:
        parsed.add(kind, record_from_dict(kind, item, today), where)
    except RecordError as err:
        return [RowProblem(where, p.field, p.key, p.values) for p in err.problems]
    return []


def _read_settings(parsed: Parsed, settings: Any) -> list[RowProblem]:
    if not isinstance(settings, dict):
        return [RowProblem(Item("settings", 1), "settings", "import.not_a_mapping", {})]
    problems = []
    for index, (name, value) in enumerate(settings.items(), start=1):
        try:
            clean_key, clean_value = check_setting(name, value)
        except Invalid as refused:
            problems.append(
                RowProblem(Item("settings", index), "settings", refused.key, refused.values)
            )
            continue
        parsed.settings[clean_key] = clean_value
    return problems


def record_type(kind: str) -> type:
    """The record class of one section ("meetings", "commitments", ...)."""
    from ..model import Meeting

    return Meeting if kind == "meetings" else KINDS[kind]


def _duplicates(parsed: Parsed) -> list[RowProblem]:
    """A uid twice in one kind, or in two kinds that share a table: every later row is refused."""
    problems = []
    seen: dict[tuple[str, str], Any] = {}
    for kind, items in parsed.records.items():
        table = "meetings" if kind == "meetings" else "records"
        for record, row in zip(items, parsed.rows[kind], strict=True):
            first = seen.get((table, record.uid))
            if first is None:
                seen[(table, record.uid)] = row
                continue
            # an Item says its section ("Experiments, item 2"): a uid may repeat across sections;
            # a CSV row says that it is a row ("first at row 2", not a bare "first at 2")
            where = CsvRow(first) if isinstance(first, int) else first
            values = {"uid": record.uid, "first": where}
            problems.append(RowProblem(row, "uid", "import.duplicate_uid", values))
    return problems


def read_csv(source: str | os.PathLike | bytes, today: _dt.date | None = None) -> Parsed:
    """Check a meetings CSV completely; raises ImportProblem listing every bad row."""
    meetings, lines = meetings_from_csv(_read_source(source), today=today, with_lines=True)
    parsed = Parsed()
    for meeting, line in zip(meetings, lines, strict=True):
        parsed.add("meetings", meeting, line)
    problems = _duplicates(parsed)
    if problems:
        raise ImportProblem("import.refused", rows=problems)
    return parsed


def read_file(name: str, payload: bytes, today: _dt.date | None = None) -> Parsed:
    """A .json export or a .csv of meetings, checked; chosen by the file name's suffix."""
    if name.lower().endswith(".json"):
        return read_json(payload, today)
    if name.lower().endswith(".csv"):
        return read_csv(payload, today)
    raise ImportProblem("import.wrong_type", name=name)


# ---- writing --------------------------------------------------------------------------------
def already_there(store: Store, parsed: Parsed) -> int:
    """How many of the file's records the log holds already (before anything is written)."""
    return sum(len(found) for found in existing_uids(store, parsed.records).values())


def write(store: Store, parsed: Parsed, replace: bool = False) -> ImportCounts:
    """Write a checked file in one transaction; existing records skipped unless ``replace``."""
    try:
        return write_imported(store, parsed.records, parsed.settings, replace=replace)
    except UidTaken as taken:
        rows = [
            RowProblem(parsed.rows[kind][index], "uid", "import.uid_other_kind", {})
            for kind, index in taken.where
        ]
        raise ImportProblem("import.refused", rows=rows) from None


def import_json(
    store: Store,
    source: str | os.PathLike | bytes,
    today: _dt.date | None = None,
    replace: bool = False,
) -> ImportCounts:
    """Validate a JSON export completely, then add it in one transaction.

    Raises ImportProblem (nothing written) when anything is wrong. Returns the records written
    per kind (a dict) with ``.already`` (per kind), ``.new`` and ``.settings``.
    """
    return write(store, read_json(source, today), replace)


def import_csv(
    store: Store,
    source: str | os.PathLike | bytes,
    today: _dt.date | None = None,
    replace: bool = False,
) -> int:
    """Validate a meetings CSV completely, then add its rows in one transaction.

    Returns how many meetings were written (rows already in the log are skipped unless
    ``replace``). Use :func:`read_csv` and :func:`write` for the full counts.
    """
    return write(store, read_csv(source, today), replace)["meetings"]


def summary(counts: ImportCounts, lang: str | None = None) -> str:
    """What an import did, in words: new, already there, replaced, per kind."""
    parts = [t("import.result", lang, new=counts.new, already=counts.existing)]
    by_kind = []
    for kind, written in counts.items():
        new = written - (counts.already.get(kind, 0) if counts.replace else 0)
        if new:
            by_kind.append(f"{field_label(kind, lang)} {new}")
    if counts.new:
        parts.append(t("import.new_by_kind", lang, summary=", ".join(by_kind)))
    if counts.existing:
        key = "import.replaced" if counts.replace else "import.kept"
        parts.append(t(key, lang, count=counts.existing))
    if counts.settings:
        parts.append(t("import.settings_written", lang, count=counts.settings))
    if not counts.new and not counts.settings and not (counts.replace and counts.existing):
        parts.append(t("import.nothing_changed", lang))
    return " ".join(parts)


# ---- files ----------------------------------------------------------------------------------
def _read_source(source: str | os.PathLike | bytes) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    try:
        path = Path(source)
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportProblem("import.too_big", max=MAX_FILE_BYTES // 1_000_000)
        return path.read_bytes()
    except OSError as exc:
        raise ImportProblem("import.cannot_read", path=str(source), detail=exc.strerror) from None


def write_private(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` readable by its owner only (0600), never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # a leftover .tmp file may have been created with other rights
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)  # never leave a half-written export behind
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = [
    "Item",
    "Parsed",
    "already_there",
    "export_csv",
    "export_data",
    "export_json",
    "import_csv",
    "import_json",
    "read_csv",
    "read_file",
    "read_json",
    "summary",
    "write",
    "write_private",
]
