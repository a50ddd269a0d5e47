"""The agenda builder: the next meeting's agenda for one person, in the log or typed in."""

from __future__ import annotations

import ipywidgets as w

from .. import env
from ..i18n import format_date, t
from ..insight.agenda import Agenda, propose_agenda
from ..labels import NEED_KEY
from ..model import NEEDS
from . import session
from .cadence_view import bad_interval_note
from .common import (
    FIELD_STYLE,
    Message,
    classed,
    copy_button,
    esc,
    field_layout,
    safe_callback,
    style_widget,
)
from .lab_view import bank_questions


def basis_text(agenda: Agenda, lang: str) -> str:
    """What the proposal is based on: a first meeting, or the log and the cadence."""
    person = agenda.person
    if agenda.logged == 0:
        return t("agenda.basis.first", lang, person=person)
    if agenda.last_met is None:
        return t("agenda.basis.none_held", lang, person=person, count=agenda.logged)
    logged = t(
        "agenda.basis.log",
        lang,
        person=person,
        count=agenda.logged,
        date=format_date(agenda.last_met, lang),
    )
    due = format_date(agenda.next_due, lang)
    cadence = t("agenda.basis.cadence", lang, count=agenda.interval_days, due=due)
    return f"{logged} {cadence}"


def agenda_text(agenda: Agenda, lang: str) -> list[tuple[str, list[str]]]:
    """The agenda as (heading, lines) sections, shared by the HTML and the plain-text copy."""
    sections = []
    topics = list(agenda.employee_topics) or [t("agenda.ask_topics", lang)]
    sections.append((t("agenda.their_topics", lang), topics))
    if agenda.open_commitments:
        lines = []
        for c in agenda.open_commitments:
            due = f" ({t('field.due', lang).lower()} {format_date(c.due, lang)})" if c.due else ""
            lines.append(f"{c.text} ({c.who(lang)}){due}")  # who in words, not a tag
        sections.append((t("agenda.follow_up", lang), lines))
    need = t(NEED_KEY[agenda.need], lang)
    if agenda.first:
        why = t("agenda.need_first", lang)
    elif agenda.need_never:
        why = t("agenda.need_never", lang)
    else:
        why = t("agenda.need_since", lang, count=agenda.need_meetings_since)
    sections.append((t("agenda.need_heading", lang, need=need), [why, *agenda.questions]))
    sections.append((t("agenda.close_heading", lang), [t("agenda.close_line", lang)]))
    return sections


class AgendaBuilder(w.VBox):
    """Parts: ``person`` (picked or typed), ``topics``, ``propose``, ``other_questions``,
    ``basis`` (what the proposal is based on), ``agenda``, ``plain``."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self._rotate = 0
        self.person = classed(
            w.Combobox(
                options=[],
                ensure_option=False,
                placeholder=t("agenda.person_placeholder", L),
                description=t("field.person", L),
                style=FIELD_STYLE,
                layout=field_layout(),
            ),
            "oo-agenda-person",
        )
        self.topics = classed(
            w.Textarea(
                description=t("agenda.topics_label", L),
                rows=3,
                placeholder=t("agenda.topics_placeholder", L),
                style=FIELD_STYLE,
                layout=field_layout(),
            ),
            "oo-agenda-topics",
        )
        self.propose = classed(
            w.Button(description=t("agenda.propose", L), button_style="primary"),
            "oo-agenda-propose",
        )
        self.other_questions = classed(
            w.Button(description=t("agenda.other_questions", L)), "oo-agenda-other"
        )
        self.message = Message("oo-agenda-message")
        self.basis = classed(w.HTML(""), "oo-agenda-basis")
        self.agenda = classed(w.HTML(""), "oo-agenda-result")
        self.plain = classed(
            w.Textarea(
                description=t("agenda.plain", L), rows=8, style=FIELD_STYLE, layout=field_layout()
            ),
            "oo-agenda-plain",
        )
        self.plain.layout.display = "none"
        self.copy = copy_button(
            t("agenda.copy", L), ".oo-agenda-plain textarea", t("agenda.copied", L)
        )
        self.copy.layout.display = "none"
        super().__init__(
            [
                style_widget(),
                self.person,
                self.topics,
                w.HBox([self.propose, self.other_questions]),
                self.message,
                self.basis,
                self.agenda,
                self.plain,
                self.copy,
            ]
        )
        classed(self, "oo-agenda", "oo-copy-scope", "oo-form")  # oo-form: one label column
        self.propose.on_click(self._on_propose)
        self.other_questions.on_click(self._on_other)
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def refresh(self) -> None:
        people = session.store().people()
        self.person.options = people
        if not people:
            self.message.show_info(t("agenda.no_people", self.lang))
        elif self.message.kind == "info":
            self.message.clear()

    @safe_callback()
    def _on_other(self, _b=None) -> Agenda | None:
        self._rotate += 1
        return self._build()

    @safe_callback()
    def _on_propose(self, _b=None) -> Agenda | None:
        self._rotate = 0
        return self._build()

    def _build(self) -> Agenda | None:
        L = self.lang
        person = self.person.value.strip()
        if not person:
            self.message.show_error(t("agenda.choose_person", L))
            return None
        store = session.store()
        agenda = propose_agenda(
            person,
            store.meetings(person),
            store.commitments(person),
            L,
            today=env.today(),
            employee_topics=self.topics.value.splitlines(),
            rotate=self._rotate,
            own_questions={need: bank_questions(store, need) for need in NEEDS},
            interval_days=store.intervals(),
        )
        sections = agenda_text(agenda, L)
        note = bad_interval_note(store, L)
        self.basis.value = f"<p>{esc(basis_text(agenda, L))}</p>" + (
            f'<p role="note">{esc(note)}</p>' if note else ""
        )
        html = [f"<h3>{esc(t('agenda.heading', L, person=person))}</h3><ol>"]
        for heading, lines in sections:
            items = "".join(f"<li>{esc(line)}</li>" for line in lines)
            html.append(f"<li><strong>{esc(heading)}</strong><ul>{items}</ul></li>")
        html.append("</ol>")
        self.agenda.value = "".join(html)
        self.plain.value = "\n".join(
            f"{i}. {heading}\n" + "\n".join(f"   - {line}" for line in lines)
            for i, (heading, lines) in enumerate(sections, start=1)
        )
        self.plain.layout.display = self.copy.layout.display = None
        self.message.clear()
        return agenda


def agenda_builder(lang: str | None = None) -> AgendaBuilder:
    """The agenda builder for this page's language."""
    return AgendaBuilder(lang)


__all__ = ["AgendaBuilder", "agenda_builder"]
