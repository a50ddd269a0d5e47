"""The kit's errors: a catalogue key plus values, shown to the learner in their language.

:class:`KitError` is the base every error the learner may see derives from; ``.message(lang)``
renders it, ``.details(lang)`` adds a line per field or row, ``exit_code`` is the CLI's status
(1 a failure, 2 wrong usage). It is defined in :mod:`oneonone_kit.i18n` (the language check
raises one, and i18n is the bottom floor) and exported here with the rest.
:class:`ImportProblem` is an import that was refused, with one :class:`RowProblem` per bad row.
Ground floor: imports only :mod:`oneonone_kit.i18n`.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .i18n import KitError, Text, UnknownLanguageError, t

# Every field label, written out in full so a test can find each key the code uses; a test
# checks this covers every field of every record.
FIELD_KEYS = {
    "actual_minutes": "field.actual_minutes",
    "agenda_by": "field.agenda_by",
    "answers": "field.answers",
    "assessments": "field.assessments",
    "baseline": "field.baseline",
    "commitments": "field.commitments",
    "date": "field.date",
    "demo": "field.demo",
    "due": "field.due",
    "employee_rating": "field.employee_rating",
    "end": "field.end",
    "experiment": "field.experiment",
    "experiments": "field.experiments",
    "kept": "field.kept",
    "kind": "field.kind",
    "leader_rating": "field.leader_rating",
    "meeting": "field.meeting",
    "meetings": "field.meetings",
    "metric": "field.metric",
    "needs": "field.needs",
    "notes": "field.notes",
    "owner": "field.owner",
    "person": "field.person",
    "planned_minutes": "field.planned_minutes",
    "prompt": "field.prompt",
    "reflections": "field.reflections",
    "row": "field.row",
    "saved_at": "field.saved_at",
    "scale_max": "field.scale_max",
    "schema_version": "field.schema_version",
    "settings": "field.settings",
    "start": "field.start",
    "status": "field.status",
    "taken_at": "field.taken_at",
    "talk_share": "field.talk_share",
    "text": "field.text",
    "uid": "field.uid",
    "verdict": "field.verdict",
    "what": "field.what",
    "why": "field.why",
}


def field_label(name: str, lang: str | None = None) -> str:
    """The label of a record field (``answers.mindset_1`` counts as ``answers``), or the name."""
    key = FIELD_KEYS.get(name.split(".")[0])
    return t(key, lang) if key else name


class RowProblem(NamedTuple):
    """One bad row of an import: where (``row``), which ``field``, and why (``key`` + values)."""

    row: Any  # a line number, or an item with ``message(lang)`` (JSON section and index)
    field: str
    key: str
    values: dict[str, Any] = {}  # noqa: RUF012 (never mutated)

    def message(self, lang: str | None = None) -> str:
        label = field_label(self.field, lang)
        message = t(self.key, lang, **self.values)
        if hasattr(self.row, "message"):  # an item of a JSON section: "meetings, item 5"
            return t(
                "import.item_row", lang, item=self.row.message(lang), field=label, message=message
            )
        return t("import.row", lang, row=self.row, field=label, message=message)


class StoreError(KitError):
    """A problem with the learner's store or a file they gave it."""


class CorruptStoreError(StoreError):
    """The SQLite file is damaged; it is left exactly as it was."""


class ImportProblem(StoreError):
    """An import was refused; nothing was written. ``rows`` lists a :class:`RowProblem` each."""

    def __init__(self, key: str, rows: list[RowProblem] | None = None, **values: Any):
        self.rows = [r if isinstance(r, RowProblem) else RowProblem(*r) for r in rows or []]
        values.setdefault("count", len(self.rows))  # the plural of the message follows it
        super().__init__(key, **values)

    def row_messages(self, lang: str | None = None, limit: int = 20) -> list[str]:
        lines = [row.message(lang) for row in self.rows[:limit]]
        if len(self.rows) > limit:
            lines.append(t("import.more_rows", lang, count=len(self.rows) - limit))
        return lines

    def details(self, lang: str | None = None) -> list[str]:
        return self.row_messages(lang)

    def full_message(self, lang: str | None = None) -> str:
        return "\n".join([self.message(lang), *self.row_messages(lang)])


__all__ = [
    "FIELD_KEYS",
    "CorruptStoreError",
    "ImportProblem",
    "KitError",
    "RowProblem",
    "StoreError",
    "Text",
    "UnknownLanguageError",
    "field_label",
]
