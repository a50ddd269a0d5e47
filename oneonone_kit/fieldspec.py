"""One field spec per record: what each field is called, where it shows, and how it is written.

A record declares its fields once, as a dataclass with :func:`spec` metadata (label key, CSV
column, form input, command-line flag, table column). The SQL columns and row mapping, the CSV
columns, the form fields, the CLI flags and table all derive from that, in the one field order:
the record's own fields as declared, then ``demo``, ``uid`` and ``schema_version`` from
:class:`RecordBase`, which also converts records to and from JSON-ready dicts.
Imports nothing from the package (ground floor, below :mod:`.model`).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import typing
import uuid
from dataclasses import MISSING, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


def new_uid() -> str:
    return uuid.uuid4().hex


def spec(
    label: str,
    flag: str | None = None,
    flag_help: str | None = None,
    metavar: str | None = None,
    *,
    default: Any = MISSING,
    csv: bool = True,
    choices: tuple[str, ...] = (),
    table: bool = False,
) -> Any:
    """A dataclass field with its spec: ``label`` is the ``field.<name>`` message key.

    A field with a ``flag`` is an input of the log form and an option of ``oneonone log add``
    (help text key ``flag_help``; ``metavar`` a message key or literal text). ``csv``: a column
    of the meetings CSV; ``choices``: the allowed values; ``table``: a column of meeting tables.
    """
    metadata = {
        "label": label,
        "csv": csv,
        "form": flag is not None,
        "flag": flag,
        "flag_help": flag_help,
        "metavar": metavar,
        "choices": choices,
        "table": table,
    }
    return field(default=default, metadata=metadata)


@dataclass(frozen=True, kw_only=True)
class RecordBase:
    """What every record has: the demo mark, a unique id and the schema version it was made in."""

    demo: bool = field(default=False, metadata={"label": "field.demo", "csv": True})
    uid: str = field(default_factory=new_uid, metadata={"label": "field.uid", "csv": True})
    schema_version: int = field(
        default=SCHEMA_VERSION, metadata={"label": "field.schema_version", "csv": False}
    )

    @classmethod
    def from_dict(cls, data: dict[str, Any], today: _dt.date | None = None):
        """Validate one exported dict; its schema_version is set by the code, not the file."""
        raw = {k: v for k, v in data.items() if k != "schema_version"}
        return cls.create(today=today, **raw)  # type: ignore[attr-defined]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict in field order: dates as ISO text, tuples as lists."""
        return {f.name: to_json(getattr(self, f.name)) for f in ordered(type(self))}

    @classmethod
    def from_stored(cls, data: dict[str, Any]):
        """Rebuild a record from a dict it wrote itself (no validation: it was checked going in)."""
        kinds = value_kinds(cls)
        return cls(**{k: from_json(kinds[k], v) for k, v in data.items()})


_BASE = tuple(f.name for f in dataclasses.fields(RecordBase))


@functools.cache
def ordered(record_type: type) -> tuple[dataclasses.Field, ...]:
    """Every field of a record in the one field order (its own fields, then the base fields)."""
    every = dataclasses.fields(record_type)
    own = [f for f in every if f.name not in _BASE]
    return (*own, *(f for f in every if f.name in _BASE))


def names(record_type: type, want: str | None = None) -> tuple[str, ...]:
    """Field names in field order; with ``want``, only those whose spec sets that key."""
    return tuple(f.name for f in ordered(record_type) if want is None or f.metadata.get(want))


def meta(record_type: type, name: str) -> typing.Mapping[str, Any]:
    """The spec of one field (its dataclass metadata)."""
    return record_type.__dataclass_fields__[name].metadata


def flags(record_type: type) -> dict[str, str]:
    """Field name -> command-line flag, in field order."""
    return {n: meta(record_type, n)["flag"] for n in names(record_type, "flag")}


@functools.cache
def value_kinds(record_type: type) -> dict[str, str]:
    """Field name -> how its value is written: date, datetime, tuple, bool or plain."""
    hints = typing.get_type_hints(record_type)
    kinds = {}
    for name, hint in hints.items():
        args = set(typing.get_args(hint)) or {hint}
        kinds[name] = next(
            (k for t, k in _KIND_OF_TYPE if t in args or typing.get_origin(hint) is t), "plain"
        )
    return kinds


# datetime before date: a datetime is also a date
_KIND_OF_TYPE = ((_dt.datetime, "datetime"), (_dt.date, "date"), (tuple, "tuple"), (bool, "bool"))


def to_json(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def from_json(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "date":
        return _dt.date.fromisoformat(value)
    if kind == "datetime":
        return _dt.datetime.fromisoformat(value)
    if kind == "tuple":
        return tuple(value)
    return value


def to_sql(record: Any) -> tuple:
    """One table row for a record: its fields in field order, as SQLite stores them."""
    return tuple(_sql_value(getattr(record, n)) for n in names(type(record)))


def _sql_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, bool):
        return int(value)
    return to_json(value)


def from_sql(record_type: type, row: typing.Sequence[Any]):
    """The record of a table row written by :func:`to_sql` (no validation: checked going in)."""
    kinds = value_kinds(record_type)
    values = {}
    for name, value in zip(names(record_type), row, strict=True):
        kind = kinds[name]
        if kind == "tuple":
            values[name] = tuple(value.split(";")) if value else ()
        elif kind == "bool":
            values[name] = None if value is None else bool(value)
        else:
            values[name] = from_json(kind, value)
    return record_type(**values)
