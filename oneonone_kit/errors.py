"""The kit's errors: a catalogue key plus values, shown to the learner in their language.

:class:`KitError` is the base every error the learner may see derives from; ``.message(lang)``
renders it. :class:`ImportProblem` is an import that was refused, with one :class:`RowProblem`
per bad row. Ground floor: imports only :mod:`oneonone_kit.i18n` (inside ``message``).
"""

from __future__ import annotations

from typing import Any, NamedTuple


class KitError(Exception):
    """A problem the learner must read: ``key`` + ``values``, in words by ``message(lang)``."""

    exit_code = 1  # the CLI's exit status for this error (2 means wrong usage)

    def __init__(self, key: str, **values: Any):
        self.key = key
        self.values = values
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        from .i18n import t

        return t(self.key, lang, **self.values)

    def __str__(self) -> str:
        return self.message("en")


class RowProblem(NamedTuple):
    """One bad row of an import: where (``row``), which ``field``, and why (``key`` + values)."""

    row: Any  # a line number, or an item with ``message(lang)`` (JSON section and index)
    field: str
    key: str
    values: dict[str, Any] = {}  # noqa: RUF012 (never mutated)

    def message(self, lang: str | None = None) -> str:
        from .i18n import t

        label = t(f"field.{self.field.split('.')[0]}", lang)
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
        super().__init__(key, count=len(self.rows), **values)

    def row_messages(self, lang: str | None = None, limit: int = 20) -> list[str]:
        from .i18n import t

        lines = [row.message(lang) for row in self.rows[:limit]]
        if len(self.rows) > limit:
            lines.append(t("import.more_rows", lang, count=len(self.rows) - limit))
        return lines

    def full_message(self, lang: str | None = None) -> str:
        return "\n".join([self.message(lang), *self.row_messages(lang)])
