"""See the log: the most recent meetings, a picker that loads one into the log form (to
change or delete it), and the open commitments per person."""

from __future__ import annotations

import ipywidgets as w

from .. import fieldspec
from ..i18n import format_date, t
from ..labels import AGENDA_KEY, NEED_KEY, STATUS_KEY
from ..log import edits
from ..model import Meeting
from . import session
from .commitment_view import OpenCommitments, shown
from .common import (
    FIELD_STYLE,
    Message,
    esc,
    field_layout,
    safe_callback,
    style_widget,
    table_html,
)
from .log import TABLE_FIELDS, LogForm, latest_form


class MeetingList(w.VBox):
    """The most recent meetings as a table (escaped), refreshed when the store changes.

    Parts: ``summary, table, pick, edit, commitments, message``. ``pick`` a meeting and
    ``edit`` loads it into ``form`` (by default the newest log form on the page).
    """

    def __init__(self, lang: str | None = None, limit: int = 10, form: LogForm | None = None):
        self.lang = lang or session.lang()
        self.limit = limit
        self.form = form
        self.last_error: Exception | None = None
        self.message = Message("oo-list-message")
        self.table = w.HTML("", _dom_classes=("oo-log-table",))
        self.summary = w.HTML("", _dom_classes=("oo-log-count",))
        self.pick = w.Dropdown(
            options=[(t("log.pick_none", self.lang), "")],
            value="",
            description=t("log.pick", self.lang),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-log-pick",),
        )
        self.edit = w.Button(description=t("log.edit", self.lang), _dom_classes=("oo-log-edit",))
        self.edit.on_click(self._on_edit)
        self.commitments = OpenCommitments(self.lang)
        picker = w.Box([self.pick, self.edit], layout=w.Layout(flex_flow="row wrap"))
        super().__init__(
            [style_widget(), self.summary, self.table, picker, self.message, self.commitments],
            _dom_classes=("oo-log-list",),
        )
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def _on_edit(self, _button: w.Button | None = None) -> None:
        self.message.clear()
        if not self.pick.value:
            return
        form = self.form if self.form is not None and self.form.comm is not None else latest_form()
        if form is None:
            self.message.show_error(t("log.no_form", self.lang))
            return
        meeting = edits.find_meeting(session.store(), self.pick.value)
        form.load(meeting)
        day = format_date(meeting.date, self.lang, weekday=False)
        self.message.show_ok(t("log.loaded", self.lang, person=meeting.person, date=day))

    @safe_callback()
    def refresh(self) -> None:
        L = self.lang
        meetings = session.store().meetings()
        newest = sorted(meetings, key=lambda m: m.date, reverse=True)
        recent = newest[: self.limit]
        # Every meeting can be picked, not only those in the table: an old typo is found too.
        self.pick.options = [(t("log.pick_none", L), "")] + [
            (
                f"{format_date(m.date, L)} · {m.person} · {m.actual_minutes or m.planned_minutes}",
                m.uid,
            )
            for m in newest
        ]
        shown(self.pick, bool(meetings))
        shown(self.edit, bool(meetings))
        if not meetings:
            self.summary.value = f"<p>{esc(t('log.empty', L))}</p>"
            self.table.value = ""
            return
        # No DEMO banner here: the dashboard above shows the page's one (issue 13).
        self.summary.value = f"<p>{esc(t('log.count', L, count=len(meetings)))}</p>"
        rows = []
        for m in recent:
            cells = {
                "date": format_date(m.date, L),
                "person": m.person,
                "actual_minutes": "" if m.actual_minutes is None else str(m.actual_minutes),
                "status": t(STATUS_KEY[m.status], L),
                "agenda_by": t(AGENDA_KEY[m.agenda_by], L) if m.agenda_by else "",
                "needs": ", ".join(t(NEED_KEY[n], L) for n in m.needs),
            }
            rows.append([cells[name] for name in TABLE_FIELDS])
        labels = [t(fieldspec.meta(Meeting, name)["label"], L) for name in TABLE_FIELDS]
        self.table.value = f"<p><strong>{esc(t('log.recent', L))}</strong></p>" + table_html(
            labels, rows
        )


def meeting_list(lang: str | None = None, limit: int = 10) -> MeetingList:
    """The most recent meetings in the log, a picker to correct one, and open commitments."""
    return MeetingList(lang, limit)


__all__ = ["MeetingList", "meeting_list"]
