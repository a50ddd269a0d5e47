"""Log a one-on-one, and see the log: the form and the recent-meetings list."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import env, fieldspec
from ..i18n import format_date, t
from ..model import AGENDA_OWNERS, NEEDS, STATUSES, Meeting, RecordError
from . import session
from .common import (
    FIELD_STYLE,
    Message,
    NumberText,
    classed,
    esc,
    field_layout,
    focus,
    form_footer,
    mark_invalid,
    safe_callback,
    style_widget,
    table_html,
)

# The inputs of the form and the columns of the list, in field order (from the Meeting spec).
FORM_FIELDS = fieldspec.names(Meeting, "form")
TABLE_FIELDS = fieldspec.names(Meeting, "table")


def _rating_options(lang: str) -> list[tuple[str, int | None]]:
    # "" rather than None: a Dropdown whose value is None shows no selection at all.
    return [(t("log.none", lang), "")] + [(str(i), i) for i in range(1, 6)]


class LogForm(w.VBox):
    """The meeting form. Parts: ``date, person, planned_minutes, ..., save, message``.

    Invalid input shows a message under each field and keeps everything typed; a save writes
    one meeting in one transaction and tells the other views (``session.changed``).
    """

    def __init__(self, lang: str | None = None):
        self.lang = lang or session.lang()
        L = self.lang
        self.last_error: Exception | None = None
        self.date = w.DatePicker(value=env.today(), description=t("field.date", L))
        self.person = w.Combobox(
            description=t("field.person", L),
            placeholder=t("log.person_placeholder", L),
            options=[],
            ensure_option=False,
        )
        self.planned_minutes = NumberText(value=30, description=t("field.planned_minutes", L))
        self.actual_minutes = NumberText(value=30, description=t("field.actual_minutes", L))
        self.status = w.ToggleButtons(
            options=[(t(f"status.{s}", L), s) for s in STATUSES],
            value="held",
            description=t("field.status", L),
        )
        self.agenda_by = w.ToggleButtons(
            options=[(t(f"agenda.{a}", L), a) for a in AGENDA_OWNERS],
            value=None,
            description=t("field.agenda_by", L),
        )
        self.need_boxes = {
            n: classed(
                w.Checkbox(value=False, description=t(f"need.{n}", L), indent=False),
                f"oo-log-need-{n}",
            )
            for n in NEEDS
        }
        self.talk_share = w.Dropdown(
            options=[(t("log.none", L), "")] + [(f"{p}%", p) for p in range(0, 101, 10)],
            value="",
            description=t("field.talk_share", L),
        )
        self.leader_rating = w.Dropdown(
            options=_rating_options(L), value="", description=t("field.leader_rating", L)
        )
        self.employee_rating = w.Dropdown(
            options=_rating_options(L), value="", description=t("field.employee_rating", L)
        )
        self.notes = w.Textarea(description=t("field.notes", L), rows=3)
        self.save = w.Button(description=t("log.save", L), button_style="primary")
        self.message = Message("oo-log-message")
        self.errors = {
            name: classed(w.HTML(""), "oo-field-error", f"oo-log-error-{name}")
            for name in FORM_FIELDS
        }
        for name in FORM_FIELDS:
            if name == "needs":
                continue
            widget = getattr(self, name)
            widget.style = FIELD_STYLE
            if not isinstance(widget, w.ToggleButtons):
                widget.layout = field_layout()
            classed(widget, f"oo-log-{name.replace('_', '-')}")
        classed(self.save, "oo-log-save")
        needs_box = classed(
            w.VBox(
                [
                    w.Label(t("field.needs", L)),
                    w.GridBox(
                        list(self.need_boxes.values()),
                        layout=w.Layout(
                            grid_template_columns="repeat(auto-fill, minmax(16em, 1fr))"
                        ),
                    ),
                ]
            ),
            "oo-log-needs",
        )
        rows: list[w.Widget] = [style_widget()]
        for name in FORM_FIELDS:
            rows.append(needs_box if name == "needs" else getattr(self, name))
            rows.append(self.errors[name])
        rows.append(form_footer(self.save, self.message))
        super().__init__(rows)
        classed(self, "oo-form", "oo-log-form")
        self.save.on_click(self._on_save)
        self.refresh_people()
        session.on_change(self.refresh_people)

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
        self.message.clear()
        try:
            meeting = Meeting.create(today=env.today(), **self.values())
        except RecordError as error:
            self.show_field_errors(error)
            self.message.show_error(t("log.fix_fields", self.lang))
            return None
        self.clear_field_errors()
        store = session.store()
        store.add_meeting(meeting)
        count = store.counts()["meetings"]
        self.message.show_ok(
            t(
                "log.saved",
                self.lang,
                person=meeting.person,
                date=format_date(meeting.date, self.lang),
                count=count,
            )
        )
        # Keep date and person for the next entry; clear what belongs to this meeting only.
        self.notes.value = ""
        for box in self.need_boxes.values():
            box.value = False
        self.leader_rating.value = self.employee_rating.value = self.talk_share.value = ""
        session.changed()
        return meeting

    @safe_callback()
    def refresh_people(self) -> None:
        self.person.options = session.store().people()


class MeetingList(w.VBox):
    """The most recent meetings as a table (escaped), refreshed when the store changes."""

    def __init__(self, lang: str | None = None, limit: int = 10):
        self.lang = lang or session.lang()
        self.limit = limit
        self.last_error: Exception | None = None
        self.message = Message("oo-list-message")
        self.table = classed(w.HTML(""), "oo-log-table")
        self.summary = classed(w.HTML(""), "oo-log-count")
        super().__init__([style_widget(), self.summary, self.table, self.message])
        classed(self, "oo-log-list")
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def refresh(self) -> None:
        L = self.lang
        meetings = session.store().meetings()
        if not meetings:
            self.summary.value = f"<p>{esc(t('log.empty', L))}</p>"
            self.table.value = ""
            return
        demo = any(m.demo for m in meetings)
        banner = f'<p class="oo-demo-banner">{esc(t("demo.banner", L))}</p>' if demo else ""
        self.summary.value = banner + f"<p>{esc(t('log.count', L, count=len(meetings)))}</p>"
        rows = []
        for m in sorted(meetings, key=lambda m: m.date, reverse=True)[: self.limit]:
            cells = {
                "date": format_date(m.date, L),
                "person": m.person,
                "actual_minutes": "" if m.actual_minutes is None else str(m.actual_minutes),
                "status": t(f"status.{m.status}", L),
                "agenda_by": t(f"agenda.{m.agenda_by}", L) if m.agenda_by else "",
                "needs": ", ".join(t(f"need.{n}", L) for n in m.needs),
            }
            rows.append([cells[name] for name in TABLE_FIELDS])
        labels = [t(fieldspec.meta(Meeting, name)["label"], L) for name in TABLE_FIELDS]
        self.table.value = f"<p><strong>{esc(t('log.recent', L))}</strong></p>" + table_html(
            labels, rows
        )


def log_form(lang: str | None = None) -> LogForm:
    """The meeting form for this page's language."""
    return LogForm(lang)


def meeting_list(lang: str | None = None, limit: int = 10) -> MeetingList:
    """The most recent meetings in the log."""
    return MeetingList(lang, limit)


__all__ = ["LogForm", "MeetingList", "log_form", "meeting_list"]
