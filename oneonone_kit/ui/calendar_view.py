"""Import one-on-ones from a calendar file: read an .ics, confirm the events, add them to the log."""

from __future__ import annotations

import datetime as _dt

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import TextStyle

from .. import env
from ..i18n import Text, format_date, t
from ..log import transfer
from ..log.calendar.read import CalendarEvent, CalendarProblem, event_to_meeting, parse_ics
from ..model import RecordError
from . import session
from .common import FIELD_STYLE, Message, esc, safe_callback, style_widget

MAX_SHOWN = 200
DEFAULT_WEEKS = 12


class RowParts:
    """Layouts and styles shared by every row: 200 rows then cost about 800 widget models
    instead of 2,600, which the page feels when Voila sends them to the browser."""

    def __init__(self) -> None:
        self.row = w.Layout(flex_flow="row wrap", align_items="center", width="100%")
        self.tick = w.Layout(width="auto", flex="1 1 24em")
        self.tick_style = CheckboxStyle()
        self.person = w.Layout(width="auto", max_width="18em")
        self.person_style = TextStyle(description_width="initial")
        self.error = w.Layout(width="100%")


class EventRow(w.HBox):
    """One calendar event: a tick box labelled with the event, a person field, and (once
    needed) a message under them. Parts: ``event, tick, person, error``."""

    def __init__(self, event: CalendarEvent, lang: str, ahead: bool, parts: RowParts):
        self.event = event
        self.ahead = ahead  # after today: only a cancelled one can be imported
        self._lang = lang
        self._parts = parts
        self._error: w.HTML | None = None
        self.in_log = False
        self.flags = [t("calendar.flag_cancelled", lang)] if event.cancelled else []
        if ahead:
            self.flags.append(t("calendar.flag_ahead", lang))
        self.label = t(
            "calendar.row",
            lang,
            date=format_date(event.date, lang),
            time=event.start.strftime("%H:%M"),
            minutes=event.minutes,
            title=event.title or t("calendar.untitled", lang),
        )
        # The label holds calendar text: the front end shows it as plain text, never as HTML.
        self.tick = w.Checkbox(
            value=event.likely_one_on_one and (event.cancelled or not ahead),
            description=self._description([]),
            description_allow_html=False,
            indent=False,
            layout=parts.tick,
            style=parts.tick_style,
            _dom_classes=("oo-cal-event",),
        )
        self.person = w.Text(
            value=event.guessed_person,
            description=t("calendar.person", lang),
            placeholder=t("calendar.person_placeholder", lang),
            layout=parts.person,
            style=parts.person_style,
            _dom_classes=("oo-cal-person",),
        )
        super().__init__([self.tick, self.person], layout=parts.row, _dom_classes=("oo-cal-row",))

    def _description(self, extra: list[str]) -> str:
        flags = self.flags + extra
        return self.label + (f" ({', '.join(flags)})" if flags else "")

    @property
    def error(self) -> w.HTML:
        """The message under the row, made on first use (most rows never need one)."""
        if self._error is None:
            self._error = w.HTML(
                "", layout=self._parts.error, _dom_classes=("oo-field-error", "oo-cal-person-error")
            )
            self.children = (*self.children, self._error)
        return self._error

    def mark_in_log(self, in_log: bool) -> None:
        """An event already in the log cannot be ticked: importing it again would overwrite
        the notes and ratings added since."""
        self.in_log = in_log
        self.tick.disabled = in_log
        if in_log:
            self.tick.value = False
        self.tick.description = self._description(
            [t("calendar.flag_in_log", self._lang)] if in_log else []
        )

    def dispose(self) -> None:
        """Close this row and its parts (the shared layouts stay with the other rows)."""
        for part in (self.tick, self.person, self._error, self):
            if part is not None:
                part.close()

    def show_error(self, text: str) -> None:
        self.error.value = f'<span role="alert">{esc(text)}</span>'

    def clear_error(self) -> None:
        if self._error is not None:
            self._error.value = ""


class CalendarImport(w.VBox):
    """Calendar import. Parts: ``upload, window_from, window_to, read, summary, event_list``
    (holding ``rows``, one :class:`EventRow` each), ``all_button, none_button, import_button,
    message``.

    A bad file shows a message and leaves the form (and any list already read) as it was;
    the import validates every ticked row first and writes all of them in one transaction.
    ``tz`` is the zone to show times in (default: the calendar's own zone).
    """

    def __init__(self, lang: str | None = None, tz: _dt.tzinfo | None = None):
        self.lang = L = lang or session.lang()
        self.tz = tz
        self.last_error: Exception | None = None
        self.events: list[CalendarEvent] = []
        self.rows: list[EventRow] = []
        today = env.today()
        self.upload = w.FileUpload(
            accept=".ics,text/calendar",
            multiple=False,
            description=t("calendar.upload", L),
            _dom_classes=("oo-cal-upload",),
        )
        self.window_from = w.DatePicker(
            value=today - _dt.timedelta(weeks=DEFAULT_WEEKS),
            description=t("calendar.from", L),
            style=FIELD_STYLE,
            _dom_classes=("oo-cal-from",),
        )
        self.window_to = w.DatePicker(
            value=today,
            description=t("calendar.to", L),
            style=FIELD_STYLE,
            _dom_classes=("oo-cal-to",),
        )
        self.read = w.Button(
            description=t("calendar.read", L), button_style="primary", _dom_classes=("oo-cal-read",)
        )
        self.summary = w.HTML("", _dom_classes=("oo-cal-summary",))
        self.event_list = w.VBox([], _dom_classes=("oo-cal-list",))
        self.all_button = w.Button(
            description=t("calendar.select_all", L), _dom_classes=("oo-cal-all",)
        )
        self.none_button = w.Button(
            description=t("calendar.select_none", L), _dom_classes=("oo-cal-none",)
        )
        self.import_button = w.Button(
            description=t("calendar.import", L),
            button_style="primary",
            _dom_classes=("oo-cal-import",),
        )
        self.actions = w.HBox(  # hidden: nothing to tick before a file is read
            [self.all_button, self.none_button, self.import_button],
            layout=w.Layout(display="none"),
        )
        self.message = Message("oo-cal-message")
        super().__init__(
            [
                style_widget(),
                self.upload,
                w.HBox([self.window_from, self.window_to], layout=w.Layout(flex_flow="row wrap")),
                self.read,
                self.summary,
                self.event_list,
                self.actions,
                self.message,
            ],
            _dom_classes=("oo-form", "oo-cal-import-panel"),
        )
        self.read.on_click(self._on_read)
        self.all_button.on_click(self._on_select_all)
        self.none_button.on_click(self._on_select_none)
        self.import_button.on_click(self._on_import)
        session.on_change(self.refresh_marks)

    # ---- helpers for the learner (and tests) ---------------------------------------------
    def select_all(self) -> None:
        """Tick every listed event that can still be imported."""
        for row in self.rows:
            if not row.in_log:
                row.tick.value = True

    def select_none(self) -> None:
        """Untick every listed event."""
        for row in self.rows:
            row.tick.value = False

    def ticked(self) -> list[EventRow]:
        return [row for row in self.rows if row.tick.value and not row.in_log]

    @safe_callback()
    def refresh_marks(self) -> None:
        """Mark the listed events that are already in the log (after any change to it)."""
        if not self.rows:
            return
        stored = {m.uid for m in session.store().meetings()}
        for row in self.rows:
            row.mark_in_log(row.event.meeting_uid in stored)

    # ---- callbacks -----------------------------------------------------------------------
    @safe_callback()
    def _on_select_all(self, _button: w.Button | None = None) -> None:
        self.select_all()

    @safe_callback()
    def _on_select_none(self, _button: w.Button | None = None) -> None:
        self.select_none()

    @safe_callback()
    def _on_read(self, _button: w.Button | None = None) -> list[CalendarEvent] | None:
        L = self.lang
        self.message.clear()
        files = list(self.upload.value)
        if not files:
            self.message.show_error(t("calendar.choose_file", L))
            return None
        start, end = self.window_from.value, self.window_to.value
        if start is None or end is None:
            self.message.show_error(t("calendar.choose_window", L))
            return None
        try:
            events = parse_ics(bytes(files[0]["content"]), start, end, tz=self.tz)
        except CalendarProblem as problem:
            self.message.show_error(problem.message(L))
            return None
        self.events = events
        # Past the cap, show the likely one-on-ones first, then the rest, each by date.
        shown = sorted(
            sorted(events, key=lambda e: not e.likely_one_on_one)[:MAX_SHOWN],
            key=lambda e: (e.date, e.start, e.title.casefold()),
        )
        today = env.today()
        parts = RowParts()
        old_rows, self.rows = (
            self.rows,
            [EventRow(event, L, event.date > today, parts) for event in shown],
        )
        self.event_list.children = self.rows
        for row in old_rows:  # free the kernel side of the list read before
            row.dispose()
        self.refresh_marks()
        likely = sum(1 for row in self.rows if row.tick.value)
        likely_text = Text("calendar.found_likely", {"count": likely})
        text = esc(t("calendar.found", L, count=len(events), likely=likely_text))
        if len(events) > MAX_SHOWN:
            more = t("calendar.found_more", L, shown=MAX_SHOWN, count=len(events))
            text += f"<br>{esc(more)}"
        self.summary.value = f'<p role="status">{text}</p>'
        self.actions.layout.display = None
        return events

    @safe_callback()
    def _on_import(self, _button: w.Button | None = None) -> int | None:
        L = self.lang
        self.message.clear()
        chosen = self.ticked()
        if not chosen:
            self.message.show_error(t("calendar.none_ticked", L))
            return None
        today = env.today()
        meetings, failed = [], 0
        for row in self.rows:
            row.clear_error()
        for row in chosen:
            try:
                meetings.append(event_to_meeting(row.event, row.person.value, today))
            except RecordError as error:
                failed += 1
                row.show_error(" ".join(error.messages(L)))
        if failed:
            self.message.show_error(t("calendar.fix_rows", L, count=failed))
            return None
        store = session.store()
        parsed = transfer.Parsed()
        for meeting in {m.uid: m for m in meetings}.values():
            parsed.add("meetings", meeting, len(parsed.records.get("meetings", ())) + 1)
        # A meeting already in the log (maybe with notes added since) is kept, never overwritten.
        counts = transfer.write(store, parsed)
        total = store.counts()["meetings"]
        total_text = Text("plural.meetings", {"count": total})
        text = t("calendar.imported", L, count=counts["meetings"], total=total_text)
        if counts.existing:
            text += " " + t("import.kept", L, count=counts.existing)
        self.message.show_ok(text)
        session.changed()  # also marks the imported rows as being in the log
        return counts["meetings"]


def calendar_import(lang: str | None = None, tz: _dt.tzinfo | None = None) -> CalendarImport:
    """The calendar import for this page's language."""
    return CalendarImport(lang, tz)


__all__ = ["CalendarImport", "EventRow", "calendar_import"]
