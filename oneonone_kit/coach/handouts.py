"""What goes on the printed material for a workshop, as data: no drawing here.

Every text comes from the content data the app shows (scenario cards, observer strings, needs,
beliefs, behaviours) or from the ``print.*`` catalogue, so paper never drifts from the screen.
:func:`handout` returns a :class:`Handout`; :mod:`oneonone_kit.charts.printables` draws it as
an A4 PDF. Kinds: the role-play ``cards``, the ``observer`` sheet, the employee's ``prepare``
handout, the participant's one-page ``summary`` and the ``questions`` bank.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import check_lang, t
from ..items import items
from ..labels import NEED_KEY
from . import trio

KINDS = ("cards", "observer", "prepare", "summary", "questions")
KIND_KEY = {
    "cards": "print.kind.cards",
    "observer": "print.kind.observer",
    "prepare": "print.kind.prepare",
    "summary": "print.kind.summary",
    "questions": "print.kind.questions",
}
# What a participant writes down to plan an experiment (the Experiment record's main fields).
PLAN_FIELDS = ("what", "why", "start", "end", "metric", "baseline", "verdict")
SUMMARY_QUESTIONS = 5
# Catalogue keys written out in full, so a test can find every key the code uses.
PLAN_FIELD_KEY = {
    "what": "field.what",
    "why": "field.why",
    "start": "field.start",
    "end": "field.end",
    "metric": "field.metric",
    "baseline": "field.baseline",
    "verdict": "field.verdict",
}
CARD_PART_KEY = {
    "knows": "trio.card_knows",
    "trap": "trio.card_trap",
    "brings": "trio.card_brings",
    "situation": "trio.card_situation",
    "holding_back": "trio.card_holding_back",
}
OWN_TOPIC_KEY = {
    "leader": "trio.own_leader",
    "employee": "trio.own_employee",
    "observer": "trio.own_observer",
}
CARD_HEADING_KEY = {
    "leader": "trio.card_leader_heading",
    "employee": "trio.card_employee_heading",
    "observer": "trio.card_observer_heading",
}
BRING_KEYS = (
    "print.prepare.bring_1",
    "print.prepare.bring_2",
    "print.prepare.bring_3",
    "print.prepare.bring_4",
)
SUMMARY_QUESTION_KEYS = (
    "print.summary.question_1",
    "print.summary.question_2",
    "print.summary.question_3",
    "print.summary.question_4",
    "print.summary.question_5",
)
PREPARE_TOPICS = 4


@dataclass(frozen=True)
class Section:
    """A heading with a paragraph, bullets, tick boxes, labelled fields and/or lines to write on."""

    heading: str = ""
    text: str = ""
    bullets: tuple[str, ...] = ()
    boxes: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    lines: int = 0


@dataclass(frozen=True)
class Card:
    """One role's card to cut out: the role, the scenario's title, and its sections."""

    role: str
    title: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Handout:
    """A printable document: flowing ``sections``, or ``cards`` three to a page (one scenario)."""

    kind: str
    title: str
    intro: str
    sections: tuple[Section, ...] = ()
    cards: tuple[tuple[Card, ...], ...] = ()


def _scenario_cards(entry: dict, L: str) -> tuple[Card, ...]:
    title = entry["title"]
    leader = entry["leader_card"]
    employee = entry["employee_card"]
    needs = ", ".join(t(NEED_KEY[need], L) for need in entry["needs"])
    return (
        Card(
            t("trio.role_leader", L),
            title,
            tuple(Section(t(CARD_PART_KEY[part], L), leader[part]) for part in ("knows", "trap")),
        ),
        Card(
            t("trio.role_employee", L),
            title,
            tuple(
                Section(t(CARD_PART_KEY[part], L), employee[part])
                for part in ("brings", "situation", "holding_back")
            ),
        ),
        Card(
            t("trio.role_observer", L),
            title,
            (
                Section(t("trio.card_needs", L), needs),
                Section(t("trio.card_watch", L), bullets=tuple(entry["observer_focus"])),
                Section(t("trio.card_always", L), t("trio.observer_always", L)),
            ),
        ),
    )


def _own_topic_cards(L: str) -> tuple[Card, ...]:
    # On paper the observer has the sheet, not the panel; the other two cards are the app's.
    texts = {role: t(OWN_TOPIC_KEY[role], L) for role in trio.ROLES}
    texts["observer"] = t("print.cards.own_observer", L)
    return tuple(
        Card(
            t(trio.ROLE_KEY[role], L),
            t("print.cards.own_title", L),
            (Section(t(CARD_HEADING_KEY[role], L), texts[role]),),
        )
        for role in trio.ROLES
    )


def _cards(L: str) -> Handout:
    pages = [_own_topic_cards(L)] + [_scenario_cards(entry, L) for entry in trio.scenarios(L)]
    return Handout(
        "cards", t("print.cards.title", L), t("print.cards.intro", L), cards=tuple(pages)
    )


def _observer(L: str) -> Handout:
    kinds = tuple(t(trio.KIND_KEY[kind], L) for kind in trio.QUESTION_KINDS)
    speakers = tuple(t(trio.ROLE_KEY[speaker], L) for speaker in trio.SPEAKERS)
    return Handout(
        "observer",
        t("print.observer.title", L),
        t("trio.observer_always", L),
        sections=(
            Section(fields=(t("trio.scenario", L), *speakers)),
            Section(t("obs.talk_heading", L), t("print.observer.talk", L), fields=speakers),
            Section(t("obs.md_questions", L), t("print.observer.tally", L), fields=kinds),
            Section(
                t("obs.close_heading", L),
                boxes=tuple(t(trio.CHECK_KEY[name], L) for name in trio.CLOSE_CHECKS),
            ),
            Section(t("obs.after_heading", L), t("trio.feedback_order", L)),
            Section(t("obs.employee_feedback", L), t("obs.employee_feedback_hint", L), lines=3),
            Section(t("obs.observer_notes", L), t("obs.observer_notes_hint", L), lines=3),
        ),
    )


def _prepare(L: str) -> Handout:
    needs = tuple(t(NEED_KEY[entry["key"]], L) for entry in items("needs", L))
    return Handout(
        "prepare",
        t("print.prepare.title", L),
        t("print.prepare.intro", L),
        sections=(
            Section(t("print.prepare.for_heading", L), t("print.prepare.for", L)),
            Section(
                t("print.prepare.bring_heading", L),
                bullets=tuple(t(key, L) for key in BRING_KEYS),
            ),
            Section(t("print.prepare.needs_heading", L), t("print.prepare.needs", L), needs),
            Section(t("print.prepare.question_heading", L), t("print.prepare.question", L)),
            Section(t("print.prepare.notes_heading", L), t("print.prepare.notes", L)),
            Section(
                t("print.prepare.topics_heading", L),
                fields=tuple(
                    t("print.prepare.topic", L, number=n) for n in range(1, PREPARE_TOPICS + 1)
                ),
            ),
        ),
    )


def _summary(L: str) -> Handout:
    questions = tuple(t(key, L) for key in SUMMARY_QUESTION_KEYS)
    return Handout(
        "summary",
        t("print.summary.title", L),
        t("print.summary.intro", L),
        sections=(
            Section(
                t("print.summary.beliefs", L),
                bullets=tuple(entry["title"] for entry in items("beliefs", L)),
            ),
            Section(
                t("print.summary.behaviours", L),
                bullets=tuple(entry["title"] for entry in items("behaviours", L)),
            ),
            Section(
                t("print.summary.needs", L),
                bullets=tuple(entry["title"] for entry in items("needs", L)),
            ),
            Section(t("print.summary.questions", L), t("print.summary.source", L), questions),
            Section(t("print.summary.talk", L), t("obs.target", L)),
            Section(
                t("print.summary.plan", L),
                t("print.summary.plan_hint", L),
                fields=tuple(t(PLAN_FIELD_KEY[name], L) for name in PLAN_FIELDS),
            ),
        ),
    )


def _questions(L: str) -> Handout:
    return Handout(
        "questions",
        t("print.questions.title", L),
        t("print.questions.intro", L),
        sections=tuple(
            Section(entry["title"], bullets=tuple(entry["questions"]))
            for entry in items("needs", L)
        ),
    )


_BUILDERS = {
    "cards": _cards,
    "observer": _observer,
    "prepare": _prepare,
    "summary": _summary,
    "questions": _questions,
}


def filename(kind: str, lang: str) -> str:
    """``oneonone-cards-nl.pdf``: the file name for printable ``kind`` in ``lang``."""
    return f"oneonone-{kind}-{lang}.pdf"


def handout(kind: str, lang: str | None = None) -> Handout:
    """The printable ``kind`` (one of :data:`KINDS`) in ``lang``; KeyError for an unknown kind."""
    if kind not in _BUILDERS:
        raise KeyError(f"No printable {kind!r}; known: {', '.join(KINDS)}")
    return _BUILDERS[kind](check_lang(lang))


__all__ = ["KINDS", "Card", "Handout", "Section", "filename", "handout"]
