"""Meetings as CSV: the columns a spreadsheet user sees, and strict, all-or-nothing reading."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Iterable

from .. import fieldspec
from ..errors import ImportProblem
from ..model import Meeting, RecordError
from ..validate import MAX_FILE_BYTES

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
        row = [
            m.date.isoformat(),
            m.person,
            m.planned_minutes,
            "" if m.actual_minutes is None else m.actual_minutes,
            m.status,
            m.agenda_by or "",
            ";".join(m.needs),
            "" if m.talk_share is None else m.talk_share,
            "" if m.leader_rating is None else m.leader_rating,
            "" if m.employee_rating is None else m.employee_rating,
            m.notes,
            m.experiment or "",
            int(m.demo),
            m.uid,
        ]
        # Every text cell, not only the free-text ones: a uid or experiment can be typed too.
        writer.writerow([_safe_cell(c) if isinstance(c, str) else c for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_FORMULA_STARTS = ("=", "+", "-", "@")
_DEMO_CELLS = {"": False, "0": False, "false": False, "1": True, "true": True}


def _safe_cell(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheets; a leading quote stops that.
    # Text that already starts with quotes before such a sign gets one more, so reading strips
    # exactly one and "'=x" comes back as "'=x", not "=x".
    return "'" + text if text.lstrip("'")[:1] in _FORMULA_STARTS else text


def _unsafe_cell(text: str) -> str:
    return text[1:] if text[:1] == "'" and text.lstrip("'")[:1] in _FORMULA_STARTS else text


def meetings_from_csv(payload: bytes, today: _dt.date | None = None, with_lines: bool = False):
    """Parse and validate every row; raise ImportProblem listing all bad rows, or return all.

    With ``with_lines``, returns ``(meetings, line numbers)`` so later checks can name rows.
    """
    if len(payload) > MAX_FILE_BYTES:
        raise ImportProblem("import.too_big", max=MAX_FILE_BYTES // 1_000_000)
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
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ImportProblem("import.bad_csv", line=reader.line_num, detail=str(exc)) from None
    header = [_unsafe_cell(h).strip().lower() for h in rows[0]]
    doubled = sorted({h for h in header if h and header.count(h) > 1})
    if doubled:
        raise ImportProblem("import.duplicate_columns", columns=", ".join(doubled))
    if "uid" in header and not text.endswith(("\n", "\r")):
        # Exports end every row with a line break: without one, the file was cut off.
        raise ImportProblem("import.cut_off")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportProblem(
            "import.missing_columns",
            count=len(missing),
            columns=", ".join(missing),
            expected=", ".join(CSV_COLUMNS),
        )
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if unknown:
        raise ImportProblem(
            "import.unknown_columns",
            count=len(unknown),
            columns=", ".join(unknown),
            expected=", ".join(CSV_COLUMNS),
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportProblem("import.too_many_rows", max=MAX_ROWS)
    problems: list[tuple[int, str, str, dict]] = []
    meetings: list[Meeting] = []
    lines: list[int] = []
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
        raw = {name: _unsafe_cell(cell) for name, cell in zip(header, row, strict=True) if name}
        demo = raw.get("demo", "").strip().lower()
        if demo not in _DEMO_CELLS:  # strict: "yes" or "2" is a mistake to show, not False
            problems.append((line, "demo", "error.not_yes_no", {"value": raw["demo"][:40]}))
            continue
        raw["demo"] = _DEMO_CELLS[demo]
        try:
            meetings.append(Meeting.create(today=today, **raw))
            lines.append(line)
        except RecordError as err:
            problems.extend((line, p.field, p.key, p.values) for p in err.problems)
    if problems:
        raise ImportProblem("import.refused", rows=problems)
    if not meetings:
        raise ImportProblem("import.empty")
    return (meetings, lines) if with_lines else meetings
