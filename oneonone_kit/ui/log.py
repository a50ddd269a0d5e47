"""Log a one-on-one: the meeting form (the list of logged meetings is :mod:`.log_list`).

Pick a meeting in the list to load it into the form, then save changes or delete it; the form
offers Undo for what it did until the page is reloaded. Commitments are typed with the meeting
and marked kept or not kept in the list (:mod:`.commitment_view`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .. import env, fieldspec
from ..i18n import format_date, t
from ..labels import AGENDA_KEY, NEED_KEY, STATUS_KEY
from ..log import edits
from ..model import AGENDA_OWNERS, NEEDS, STATUSES, Meeting, RecordError
from . import session
from .commitment_view import CommitmentLines, shown
from .common import (
    FIELD_STYLE,
    Message,
    NumberText,
    esc,
    field_layout,
    focus,
    form_footer,
    mark_invalid,
    safe_callback,
    style_widget,
)

# The inputs of the form and the columns of the list, in field order (from the Meeting spec).
FORM_FIELDS = fieldspec.names(Meeting, "form")
TABLE_FIELDS = fieldspec.names(Meeting, "table")


def _rating_options(lang: str) -> list[tuple[str, int | None]]:
    # "" rather than None: a Dropdown whose value is None shows no selection at all.
    return [(t("log.none", lang), "")] + [(str(i), i) for i in range(1, 6)]


def _field_look(name: str, full_width: bool = True) -> dict[str, Any]:
    """A form field's style, layout and CSS class (``oo-log-planned-minutes``), given when the
    widget is made: set afterwards, each would cost the page one more message."""
    look: dict[str, Any] = {
        "style": FIELD_STYLE,
        "_dom_classes": (f"oo-log-{name.replace('_', '-')}",),
    }
    if full_width:  # ToggleButtons keep their own width
        look["layout"] = field_layout()
    return look


# The log form a meeting picked in the list goes to: the newest one on the page.
_latest_form: weakref.ref | None = None


def latest_form() -> LogForm | None:
    """The most recently built log form that is still open, if any."""
    form = _latest_form() if _latest_form is not None else None
    return form if form is not None and form.comm is not None else None


class LogForm(w.VBox):
    """The meeting form. Parts: ``date, person, planned_minutes, ..., commitments, save,
    save_again, delete, new_meeting, undo, message``.

    Invalid input shows a message under each field and keeps everything typed; a save writes
    the meeting and its commitments in one transaction and tells the other views
    (``session.changed``). The same person, date and minutes as a logged meeting asks first
    (``save_again``). :meth:`load` puts a logged meeting in the form to change or delete it.
    """

    def __init__(self, lang: str | None = None):
        self.lang = lang or session.lang()
        L = self.lang
        self.last_error: Exception | None = None
        self.date = w.DatePicker(
            value=env.today(), description=t("field.date", L), **_field_look("date")
        )
        self.person = w.Combobox(
            description=t("field.person", L),
            placeholder=t("log.person_placeholder", L),
            options=[],
            ensure_option=False,
            **_field_look("person"),
        )
        self.planned_minutes = NumberText(
            value=30, description=t("field.planned_minutes", L), **_field_look("planned_minutes")
        )
        self.actual_minutes = NumberText(
            value=30, description=t("field.actual_minutes", L), **_field_look("actual_minutes")
        )
        self.status = w.ToggleButtons(
            options=[(t(STATUS_KEY[s], L), s) for s in STATUSES],
            value="held",
            description=t("field.status", L),
            **_field_look("status", full_width=False),
        )
        self.agenda_by = w.ToggleButtons(
            options=[(t(AGENDA_KEY[a], L), a) for a in AGENDA_OWNERS],
            value=None,
            description=t("field.agenda_by", L),
            **_field_look("agenda_by", full_width=False),
        )
        self.need_boxes = {
            n: w.Checkbox(
                value=False,
                description=t(NEED_KEY[n], L),
                indent=False,
                _dom_classes=(f"oo-log-need-{n}",),
            )
            for n in NEEDS
        }
        self.talk_share = w.Dropdown(
            options=[(t("log.none", L), "")] + [(f"{p}%", p) for p in range(0, 101, 10)],
            value="",
            description=t("field.talk_share", L),
            **_field_look("talk_share"),
        )
        self.leader_rating = w.Dropdown(
            options=_rating_options(L),
            value="",
            description=t("field.leader_rating", L),
            **_field_look("leader_rating"),
        )
        self.employee_rating = w.Dropdown(
            options=_rating_options(L),
            value="",
            description=t("field.employee_rating", L),
            **_field_look("employee_rating"),
        )
        self.notes = w.Textarea(description=t("field.notes", L), rows=3, **_field_look("notes"))
        self.commitments = CommitmentLines(L)
        self.save = w.Button(
            description=t("log.save", L), button_style="primary", _dom_classes=("oo-log-save",)
        )
        # Hidden until a save asks first, a meeting is loaded or there is something to undo.
        self.save_again = w.Button(
            description=t("log.save_again", L),
            button_style="warning",
            layout=w.Layout(display="none"),
            _dom_classes=("oo-log-save-again",),
        )
        self.delete = w.Button(
            description=t("log.delete", L),
            button_style="danger",
            layout=w.Layout(display="none"),
            _dom_classes=("oo-log-delete",),
        )
        self.new_meeting = w.Button(
            description=t("log.new_meeting", L),
            layout=w.Layout(display="none"),
            _dom_classes=("oo-log-new",),
        )
        self.undo = w.Button(
            description=t("log.undo", L),
            layout=w.Layout(display="none"),
            _dom_classes=("oo-log-undo",),
        )
        self.editing: Meeting | None = None
        self._undo: list[Callable[[], None]] = []
        self.message = Message("oo-log-message")
        self.errors = {
            name: w.HTML("", _dom_classes=("oo-field-error", f"oo-log-error-{name}"))
            for name in FORM_FIELDS
        }
        needs_box = w.VBox(
            [
                w.Label(t("field.needs", L)),
                w.GridBox(
                    list(self.need_boxes.values()),
                    layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(16em, 1fr))"),
                ),
            ],
            _dom_classes=("oo-log-needs",),
        )
        rows: list[w.Widget] = [style_widget()]
        for name in FORM_FIELDS:
            rows.append(needs_box if name == "needs" else getattr(self, name))
            rows.append(self.errors[name])
        buttons = w.Box(
            [self.save, self.save_again, self.delete, self.new_meeting, self.undo],
            layout=w.Layout(flex_flow="row wrap"),
        )
        rows += [self.commitments, form_footer(buttons, self.message)]
        super().__init__(rows, _dom_classes=("oo-form", "oo-log-form"))
        self.save.on_click(self._on_save)
        self.save_again.on_click(self._on_save_again)
        self.delete.on_click(self._on_delete)
        self.new_meeting.on_click(self._on_new_meeting)
        self.undo.on_click(self._on_undo)
        self.refresh_people()
        session.on_change(self.refresh_people)
        global _latest_form
        _latest_form = weakref.ref(self)

    def values(self) -> dict[str, Any]:
        """What the form holds now, as raw input for ``Meeting.create``."""
        return {
            name: [n for n, box in self.need_boxes.items() if box.value]
            if name == "needs"
            else getattr(self, name).value
            for name in FORM_FIELDS
        }

    def show_field_errors(self, error: RecordError) -> None:
        problems = error.by_field()
        for name, box in self.errors.items():
            problem = problems.get(name)
            box.value = (
                f'<span role="alert">{esc(problem.message(self.lang))}</span>' if problem else ""
            )
        focus(mark_invalid(self._fields(), problems))

    def clear_field_errors(self) -> None:
        for box in self.errors.values():
            box.value = ""
        mark_invalid(self._fields(), ())

    def _fields(self) -> dict[str, w.Widget]:
        """The input of each field, in form order (the first need's box stands for needs)."""
        first_need = next(iter(self.need_boxes.values()))
        return {n: first_need if n == "needs" else getattr(self, n) for n in FORM_FIELDS}

    @safe_callback()
    def _on_save(self, _button: w.Button | None = None) -> Meeting | None:
        return self._save(confirmed=False)

    @safe_callback()
    def _on_save_again(self, _button: w.Button | None = None) -> Meeting | None:
        return self._save(confirmed=True)

    def _save(self, confirmed: bool) -> Meeting | None:
        """Validate everything, ask about a duplicate, then write in one transaction."""
        self.message.clear()
        shown(self.save_again, False)
        today = env.today()
        kept = (
            {}
            if self.editing is None
            else {
                "uid": self.editing.uid,
                "demo": self.editing.demo,
                "experiment": self.editing.experiment,
            }
        )
        problems = []
        meeting = None
        try:
            meeting = Meeting.create(today=today, **self.values(), **kept)
        except RecordError as error:
            problems = error.problems
        made, line_problems = self.commitments.records(str(self.person.value).strip(), today)
        if problems or line_problems:
            self.show_field_errors(RecordError(problems or line_problems))
            self.message.show_error(t("log.fix_fields", self.lang))
            return None
        self.clear_field_errors()
        store = session.store()
        if not confirmed and edits.duplicates(store, meeting):
            self.message.show_warn(
                t("log.duplicate", self.lang, person=meeting.person, date=self._day(meeting))
            )
            shown(self.save_again, True)
            return None
        if self.editing is None:
            edits.save_meeting(store, meeting, made)
            self._undo.append(lambda uid=meeting.uid: edits.delete_meeting(store, uid))
            key = "log.saved_short"
        else:
            before = edits.update_meeting(store, meeting, made)
            added = [c.uid for c in made]
            self._undo.append(lambda: self._put_back(before, added))
            key = "log.changes_saved"
        self.reset()
        self.message.show_ok(t(key, self.lang, person=meeting.person, date=self._day(meeting)))
        session.changed()
        return meeting

    @staticmethod
    def _put_back(before: Meeting, added: list[str]) -> None:
        store = session.store()
        edits.update_meeting(store, before)
        for uid in added:
            store.delete_record(uid)

    def _day(self, meeting: Meeting) -> str:
        return format_date(meeting.date, self.lang, weekday=False)

    def reset(self) -> None:
        """Back to a new meeting: keep the date, clear everything else."""
        self.editing = None
        self.person.value = ""
        self.planned_minutes.value = self.actual_minutes.value = 30
        self.status.value = "held"
        self.agenda_by.value = None
        for box in self.need_boxes.values():
            box.value = False
        self.leader_rating.value = self.employee_rating.value = self.talk_share.value = ""
        self.notes.value = ""
        self.commitments.clear()
        self.clear_field_errors()
        self.save.description = t("log.save", self.lang)
        for button in (self.save_again, self.delete, self.new_meeting):
            shown(button, False)
        shown(self.undo, bool(self._undo))

    def load(self, meeting: Meeting) -> None:
        """Put a logged meeting in the form, to save changes to it or delete it."""
        self.reset()
        self.editing = meeting
        self.date.value = meeting.date
        self.person.value = meeting.person
        self.planned_minutes.value = meeting.planned_minutes
        self.actual_minutes.value = meeting.actual_minutes or meeting.planned_minutes
        self.status.value = meeting.status
        self.agenda_by.value = meeting.agenda_by
        for need, box in self.need_boxes.items():
            box.value = need in meeting.needs
        self.talk_share.value = "" if meeting.talk_share is None else meeting.talk_share
        self.leader_rating.value = "" if meeting.leader_rating is None else meeting.leader_rating
        self.employee_rating.value = (
            "" if meeting.employee_rating is None else meeting.employee_rating
        )
        self.notes.value = meeting.notes
        self.save.description = t("log.save_changes", self.lang)
        shown(self.delete, True)
        shown(self.new_meeting, True)
        self.message.show_info(
            t("log.editing", self.lang, person=meeting.person, date=self._day(meeting))
        )

    @safe_callback()
    def _on_delete(self, _button: w.Button | None = None) -> None:
        if self.editing is None:
            return
        store = session.store()
        removed = edits.delete_meeting(store, self.editing.uid)
        self._undo.append(lambda: edits.restore(store, removed))
        self.reset()
        self.date.value = removed.meeting.date
        key = "log.deleted_with" if removed.commitments else "log.deleted"
        day = self._day(removed.meeting)
        self.message.show_ok(t(key, self.lang, person=removed.meeting.person, date=day))
        session.changed()

    @safe_callback()
    def _on_new_meeting(self, _button: w.Button | None = None) -> None:
        self.reset()
        self.message.clear()

    @safe_callback()
    def _on_undo(self, _button: w.Button | None = None) -> None:
        if not self._undo:
            return
        self._undo.pop()()
        self.reset()
        self.message.show_ok(t("log.undone", self.lang))
        session.changed()

    @safe_callback()
    def refresh_people(self) -> None:
        self.person.options = session.store().people()


def log_form(lang: str | None = None) -> LogForm:
    """The meeting form for this page's language."""
    return LogForm(lang)


__all__ = ["LogForm", "log_form"]
