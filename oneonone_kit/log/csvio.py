"""Meetings as CSV: the columns a spreadsheet user sees, and strict, all-or-nothing reading."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Iterable

from .. import fieldspec
from ..errors import ImportProblem
from ..model import Meeting, RecordError

# The Meeting fields marked csv in the field spec, in field order.
CSV_COLUMNS = fieldspec.names(Meeting, "csv")
REQUIRED_COLUMNS = ("date", "person", "planned_minutes")
MAX_ROWS = 100_000


def meetings_to_csv(meetings: Iterable[Meeting]) -> bytes:
    """CSV bytes (UTF-8 with BOM, comma-separated, needs joined by ';')."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in meetings:
        writer.writerow(
            [
                m.date.isoformat(),
                _safe_cell(m.person),
                m.planned_minutes,
                "" if m.actual_minutes is None else m.actual_minutes,
                m.status,
                m.agenda_by or "",
                ";".join(m.needs),
                "" if m.talk_share is None else m.talk_share,
                "" if m.leader_rating is None else m.leader_rating,
                "" if m.employee_rating is None else m.employee_rating,
                _safe_cell(m.notes),
                m.experiment or "",
                int(m.demo),
                m.uid,
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_FORMULA_STARTS = ("=", "+", "-", "@")


def _safe_cell(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheets; a leading quote stops that.
    # Text that already starts with quotes before such a sign gets one more, so reading strips
    # exactly one and "'=x" comes back as "'=x", not "=x".
    return "'" + text if text.lstrip("'")[:1] in _FORMULA_STARTS else text


def _unsafe_cell(text: str) -> str:
    return text[1:] if text[:1] == "'" and text.lstrip("'")[:1] in _FORMULA_STARTS else text


def meetings_from_csv(payload: bytes, today: _dt.date | None = None) -> list[Meeting]:
    """Parse and validate every row; raise ImportProblem listing all bad rows, or return all."""
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem("import.not_utf8") from None
    if not text.strip():
        raise ImportProblem("import.empty")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ImportProblem("import.bad_csv", line=reader.line_num, detail=str(exc)) from None
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportProblem(
            "import.missing_columns", columns=", ".join(missing), expected=", ".join(CSV_COLUMNS)
        )
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if unknown:
        raise ImportProblem(
            "import.unknown_columns", columns=", ".join(unknown), expected=", ".join(CSV_COLUMNS)
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportProblem("import.too_many_rows", max=MAX_ROWS)
    problems: list[tuple[int, str, str, dict]] = []
    meetings: list[Meeting] = []
    for line, row in enumerate(rows[1:], start=2):  # row 1 is the header, as in a spreadsheet
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                (
                    line,
                    "row",
                    "import.wrong_cell_count",
                    {"found": len(row), "expected": len(header)},
                )
            )
            continue
        raw = dict(zip(header, row))
        for key in ("person", "notes"):
            if key in raw:
                raw[key] = _unsafe_cell(raw[key])
        raw["demo"] = raw.get("demo", "").strip() in ("1", "true", "True")
        try:
            meetings.append(Meeting.create(today=today, **raw))
        except RecordError as err:
            problems.extend((line, p.field, p.key, p.values) for p in err.problems)
    if problems:
        raise ImportProblem("import.refused", rows=problems)
    if not meetings:
        raise ImportProblem("import.empty")
    return meetings
