"""Commitments on the log page: the lines under the meeting form, and the open ones per person.

Parts of :mod:`.log` (the form holds a :class:`CommitmentLines`, the meeting list an
:class:`OpenCommitments`), not builders of their own, so nothing here is in ``ui.BUILDERS``.
"""

from __future__ import annotations

import datetime as _dt

import ipywidgets as w

from ..i18n import format_date, t
from ..log import edits
from ..model import COMMITMENT_OWNERS, Commitment, FieldProblem, RecordError
from . import session
from .common import FIELD_STYLE, Message, esc, field_layout, safe_callback

# Who does it, as the choice in the form (full keys, one per owner); in a list: Commitment.who.
WHO_CHOICE = {
    "employee": "commitment.who_employee",
    "leader": "commitment.who_leader",
    "both": "commitment.who_both",
}


def shown(widget: w.Widget, visible: bool) -> None:
    """Show or hide a widget without taking it out of its box."""
    widget.layout.display = None if visible else "none"


def describe(commitment: Commitment, lang: str) -> str:
    """``Send the link (you do it, due 9 Dec 2026)``: who in words, never a raw tag."""
    parts = [commitment.who(lang)]
    if commitment.due is not None:
        parts.append(t("commitment.due_on", lang, date=format_date(commitment.due, lang, False)))
    return f"{commitment.text} ({', '.join(parts)})"


class CommitmentLine(w.VBox):
    """One commitment being typed: ``text``, ``who``, ``due``, ``remove``, ``error``."""

    def __init__(self, lang: str):
        self.text = w.Text(
            description=t("commitment.what", lang),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-commitment-text",),
        )
        self.who = w.ToggleButtons(
            options=[(t(WHO_CHOICE[o], lang), o) for o in COMMITMENT_OWNERS],
            value="employee",
            description=t("commitment.who", lang),
            style=FIELD_STYLE,
            _dom_classes=("oo-commitment-who",),
        )
        self.due = w.DatePicker(
            description=t("field.due", lang), style=FIELD_STYLE, _dom_classes=("oo-commitment-due",)
        )
        self.remove = w.Button(
            description=t("commitment.remove", lang), _dom_classes=("oo-commitment-remove",)
        )
        self.error = w.HTML("", _dom_classes=("oo-field-error", "oo-commitment-error"))
        super().__init__(
            [self.text, self.who, self.due, self.remove, self.error],
            _dom_classes=("oo-commitment-line",),
        )

    @property
    def blank(self) -> bool:
        return not self.text.value.strip() and self.due.value is None


class CommitmentLines(w.VBox):
    """The commitments made in the meeting being logged: add one or more lines.

    :meth:`records` validates every line that is not blank and says what is wrong next to it.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.lines: list[CommitmentLine] = []
        self.box = w.VBox([])
        self.add = w.Button(
            description=t("commitment.add_line", lang), _dom_classes=("oo-commitment-add",)
        )
        self.add.on_click(lambda _b: self.add_line())
        heading = w.HTML(f"<strong>{esc(t('commitment.heading', lang))}</strong>")
        super().__init__([heading, self.box, self.add], _dom_classes=("oo-commitment-lines",))

    def add_line(self) -> CommitmentLine:
        line = CommitmentLine(self.lang)
        line.remove.on_click(lambda _b, line=line: self.remove_line(line))
        self.lines.append(line)
        self.box.children = tuple(self.lines)
        return line

    def remove_line(self, line: CommitmentLine) -> None:
        self.lines.remove(line)
        self.box.children = tuple(self.lines)
        line.close()

    def clear(self) -> None:
        for line in list(self.lines):
            self.remove_line(line)

    def records(self, person: str, today: _dt.date) -> tuple[list[Commitment], list[FieldProblem]]:
        """The typed commitments for ``person``, and the problems of the lines that are wrong."""
        made, problems = [], []
        for line in self.lines:
            line.error.value = ""
            if line.blank:
                continue
            try:
                made.append(
                    Commitment.create(
                        today=today,
                        person=person or "-",  # a missing person is the meeting's problem
                        text=line.text.value,
                        owner=line.who.value,
                        due=line.due.value,
                    )
                )
            except RecordError as error:
                messages = [esc(p.message(self.lang)) for p in error.problems]
                line.error.value = f'<span role="alert">{" ".join(messages)}</span>'
                problems.extend(error.problems)
        return made, problems


class CommitmentRow(w.Box):
    """One open commitment: ``text`` (who in words), ``kept`` and ``not_kept`` buttons."""

    def __init__(self, commitment: Commitment, lang: str):
        self.commitment = commitment
        self.text = w.HTML(esc(describe(commitment, lang)), _dom_classes=("oo-commitment-open",))
        self.kept = w.Button(
            description=t("commitment.kept", lang), _dom_classes=("oo-commitment-kept",)
        )
        self.not_kept = w.Button(
            description=t("commitment.not_kept", lang), _dom_classes=("oo-commitment-not-kept",)
        )
        layout = w.Layout(flex_flow="row wrap", align_items="center")
        super().__init__(
            [self.text, self.kept, self.not_kept],
            layout=layout,
            _dom_classes=("oo-commitment-row",),
        )


class OpenCommitments(w.VBox):
    """Open commitments per person under a name heading; ``items`` holds a
    :class:`CommitmentRow` each, with ``Kept`` and ``Not kept`` buttons."""

    def __init__(self, lang: str):
        self.lang = lang
        self.last_error: Exception | None = None
        self.heading = w.HTML(f"<p><strong>{esc(t('commitment.open_heading', lang))}</strong></p>")
        self.rows = w.VBox([])
        self.items: list[CommitmentRow] = []
        self.message = Message("oo-commitment-message")
        self.undo = w.Button(description=t("log.undo", lang), _dom_classes=("oo-commitment-undo",))
        shown(self.undo, False)
        self._undo: list[tuple[str, bool | None]] = []
        self.undo.on_click(self._on_undo)
        super().__init__(
            [self.heading, self.rows, self.message, self.undo],
            _dom_classes=("oo-open-commitments",),
        )
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def refresh(self) -> None:
        old = self.rows.children
        open_ones = edits.open_commitments(session.store())
        children: list[w.Widget] = []
        self.items = []
        person = None
        for c in open_ones:
            if c.person != person:
                person = c.person
                children.append(w.HTML(f"<p><em>{esc(person)}</em></p>"))
            self.items.append(self._row(c))
            children.append(self.items[-1])
        if not children:
            children = [w.HTML(f"<p>{esc(t('commitment.none_open', self.lang))}</p>")]
        self.rows.children = tuple(children)
        for widget in old:
            widget.close()

    def _row(self, c: Commitment) -> CommitmentRow:
        row = CommitmentRow(c, self.lang)
        row.kept.on_click(lambda _b: self.mark(c.uid, True))
        row.not_kept.on_click(lambda _b: self.mark(c.uid, False))
        return row

    @safe_callback()
    def mark(self, uid: str, kept: bool) -> None:
        before = edits.set_kept(session.store(), uid, kept)
        self._undo.append((uid, before.kept))
        key = "commitment.marked_kept" if kept else "commitment.marked_not_kept"
        self.message.show_ok(t(key, self.lang, text=before.text))
        shown(self.undo, True)
        session.changed()

    @safe_callback()
    def _on_undo(self, _button: w.Button | None = None) -> None:
        uid, kept = self._undo.pop()
        edits.set_kept(session.store(), uid, kept)
        shown(self.undo, bool(self._undo))
        self.message.show_ok(t("log.undone", self.lang))
        session.changed()


__all__: list[str] = []
