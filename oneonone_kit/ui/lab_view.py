"""The question lab: check a question, rewrite closed ones into open ones, keep a question bank.

Three builders: ``question_lab`` (type a question, the coach labels it and suggests an open
version), ``practice_set`` (closed, leading and advice questions to rewrite, each checked on its
own) and ``question_bank`` (the learner's own questions per need, stored as ``Reflection``
records with prompt ``question_bank.<need>``). ``bank_questions(store, need)`` reads the bank
back, so other widgets (the agenda builder) can offer the learner's own questions.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .. import env
from ..coach.questions import LABEL_KEY, LANGUAGE_KEY, Feedback, classify, detect_language
from ..i18n import check_lang, t
from ..items import items
from ..labels import NEED_KEY
from ..model import NEEDS, Reflection
from . import session
from .common import FIELD_STYLE, Message, esc, field_layout, safe_callback, style_widget

if TYPE_CHECKING:
    from ..log.store import Store

BANK_PREFIX = "question_bank."
LAB_STYLE = """
<style>
.oo-warn { color: #6b4400; border-left: 4px solid #b58900; padding-left: 8px; }
.oo-qlab-result p, .oo-practice-result p { margin: 2px 0; }
.oo-qlab-open .oo-qlab-label, .oo-practice-open { color: #1a6b1a; }
.oo-qlab-notopen .oo-qlab-label, .oo-practice-notopen { color: #8a3b00; }
.oo-qlab-echo { font-style: italic; overflow-wrap: anywhere; }
.oo-practice-question { margin: 10px 0 2px 0; }
.oo-qbank-list h4 { margin: 8px 0 2px 0; }
.oo-qbank-list ul { margin: 0 0 4px 0; }
</style>
"""


def bank_prompt(need: str) -> str:
    """The Reflection prompt under which questions for ``need`` are stored."""
    if need not in NEEDS:
        raise ValueError(f"Unknown need {need!r}; known: {', '.join(NEEDS)}")
    return BANK_PREFIX + need


def _same(text: str) -> str:
    """A question reduced for comparing: case, spaces and end punctuation ignored."""
    return re.sub(r"\s+", " ", text).strip().rstrip("?!. ").casefold()


def bank_questions(store: Store, need: str) -> list[str]:
    """The learner's saved questions for ``need``, oldest first, each once."""
    seen: set[str] = set()
    questions = []
    for record in store.reflections(bank_prompt(need)):
        if _same(record.text) not in seen:
            seen.add(_same(record.text))
            questions.append(record.text)
    return questions


def practice_questions(lang: str = "en") -> tuple[dict[str, Any], ...]:
    """The practice list of ``lang``: dicts with ``key``, ``question`` and ``label``."""
    return items("practice_questions", lang)


def _wide_field() -> w.Layout:
    """A text field wide enough for a whole question (a fresh Layout each time)."""
    return w.Layout(width="calc(100% - 8px)", max_width="44em")  # 8px: the widget margins


def _now() -> _dt.datetime:
    # The workbook's "today" (ONEONONE_TODAY in tests) with the current time, so order holds.
    return _dt.datetime.combine(env.today(), _dt.datetime.now().time())


def _read(question: str, ui_lang: str) -> Feedback:
    """The coach's reading; a question in the other language is read in that language."""
    return classify(question, detect_language(question, default=ui_lang))


class QuestionLab(w.VBox):
    """Parts: ``question`` (Text), ``check`` (Button), ``feedback`` (HTML), ``message``;
    ``result`` holds the last :class:`~oneonone_kit.coach.questions.Feedback`."""

    def __init__(self, lang: str | None = None):
        self.lang = L = check_lang(lang or session.lang())
        self.last_error: Exception | None = None
        self.result: Feedback | None = None
        self.question = w.Text(
            description=t("coach.lab.input", L),
            placeholder=t("coach.lab.placeholder", L),
            continuous_update=False,  # check on Enter or leaving the field, not per key
            style=FIELD_STYLE,
            layout=_wide_field(),
            _dom_classes=("oo-qlab-input",),
        )
        self.check = w.Button(
            description=t("coach.lab.check", L),
            button_style="primary",
            _dom_classes=("oo-qlab-check",),
        )
        self.feedback = w.HTML("", _dom_classes=("oo-qlab-feedback",))
        self.message = Message("oo-qlab-message")
        super().__init__(
            [
                style_widget(),
                w.HTML(LAB_STYLE),
                self.question,
                self.check,
                self.feedback,
                self.message,
            ],
            _dom_classes=("oo-qlab",),
        )
        self.check.on_click(self._on_check)
        self.question.observe(self._on_check, "value")

    @safe_callback()
    def _on_check(self, _change=None) -> Feedback | None:
        text = self.question.value.strip()
        self.message.clear()
        if not text:
            self.feedback.value = ""
            self.result = None
            if _change is None or isinstance(_change, w.Button):
                self.message.show_info(t("coach.lab.empty", self.lang))
            return None
        self.result = _read(text, self.lang)
        self.feedback.value = feedback_html(self.result, text, self.lang)
        return self.result


def feedback_html(result: Feedback, question: str, lang: str) -> str:
    """The coach's feedback as HTML in ``lang`` (the learner's words escaped)."""
    state = "open" if result.is_open else "notopen"
    lines = [
        f'<p class="oo-qlab-echo">\u201c{esc(question)}\u201d</p>',
        f'<p><strong class="oo-qlab-label">{esc(t(LABEL_KEY[result.label], lang))}</strong>'
        f' <span class="oo-qlab-explain">{esc(t(result.explanation_key, lang))}</span></p>',
    ]
    if result.cue and result.label in ("advice", "leading"):
        lines.append(f'<p class="oo-qlab-cue">{esc(t("coach.lab.cue", lang, cue=result.cue))}</p>')
    if result.why_flag:
        lines.append(f'<p class="oo-qlab-note oo-qlab-why">{esc(t("coach.note.why", lang))}</p>')
    if result.stacked:
        lines.append(
            f'<p class="oo-qlab-note oo-qlab-stacked">{esc(t("coach.note.stacked", lang))}</p>'
        )
    if result.rewrite:
        text = t("coach.lab.try_instead", lang, rewrite=result.rewrite)
        lines.append(f'<p class="oo-qlab-rewrite"><strong>{esc(text)}</strong></p>')
    if result.lang != lang:
        language = t(LANGUAGE_KEY[result.lang], lang)
        lines.append(
            f'<p class="oo-qlab-lang">{esc(t("coach.lab.read_as", lang, language=language))}</p>'
        )
    return (
        f'<div class="oo-qlab-result oo-qlab-{state} oo-qlab-is-{result.label}" role="status">'
        + "".join(lines)
        + "</div>"
    )


class PracticeSet(w.VBox):
    """Closed, leading and advice questions to rewrite. Parts per item key: ``inputs``,
    ``checks``, ``feedback``; ``solved`` holds the keys rewritten as open; ``score``."""

    def __init__(self, lang: str | None = None):
        self.lang = L = check_lang(lang or session.lang())
        self.last_error: Exception | None = None
        self.items = list(practice_questions(L))
        self.inputs: dict[str, w.Text] = {}
        self.checks: dict[str, w.Button] = {}
        self.feedback: dict[str, w.HTML] = {}
        self.solved: set[str] = set()
        self.message = Message("oo-practice-message")
        self.score = w.HTML("", _dom_classes=("oo-practice-score",))
        rows: list[w.Widget] = [style_widget(), w.HTML(LAB_STYLE)]
        for number, entry in enumerate(self.items, start=1):
            key = entry["key"]
            label = t(LABEL_KEY[entry["label"]], L)
            heading = w.HTML(
                f'<p class="oo-practice-question"><strong>'
                f"{esc(t('coach.practice.original', L, number=number, question=entry['question']))}"
                f"</strong> <em>({esc(label)})</em></p>"
            )
            self.inputs[key] = w.Text(
                description=t("coach.practice.input", L),
                placeholder=t("coach.practice.placeholder", L),
                style=FIELD_STYLE,
                layout=_wide_field(),
                _dom_classes=("oo-practice-input", f"oo-practice-input-{key}"),
            )
            self.checks[key] = w.Button(
                description=t("coach.practice.check", L),
                _dom_classes=("oo-practice-check", f"oo-practice-check-{key}"),
            )
            self.feedback[key] = w.HTML("", _dom_classes=("oo-practice-feedback",))
            self.checks[key].on_click(self._checker(entry))
            rows.append(
                w.VBox(
                    [heading, self.inputs[key], self.checks[key], self.feedback[key]],
                    _dom_classes=("oo-practice-item", f"oo-practice-{key}"),
                )
            )
        rows += [self.score, self.message]
        super().__init__(rows, _dom_classes=("oo-practice",))

    def _checker(self, entry: dict[str, Any]):
        def on_click(_button=None) -> None:
            self.check_item(entry["key"])

        return on_click

    @safe_callback()
    def check_item(self, key: str) -> Feedback | None:
        """Check the learner's rewrite of item ``key``; returns the coach's reading."""
        entry = next(e for e in self.items if e["key"] == key)
        text = self.inputs[key].value.strip()
        box = self.feedback[key]
        self.solved.discard(key)
        result = None
        if not text:
            box.value = self._line("notopen", t("coach.practice.empty", self.lang))
        elif _same(text) == _same(entry["question"]):
            box.value = self._line("notopen", t("coach.practice.same", self.lang))
        else:
            result = _read(text, self.lang)
            if result.is_open:
                self.solved.add(key)
                extra = [t("coach.note.why", self.lang)] if result.why_flag else []
                if result.stacked:
                    extra.append(t("coach.note.stacked", self.lang))
                box.value = self._line("open", t("coach.practice.open", self.lang), extra)
            else:
                still = t(
                    "coach.practice.still",
                    self.lang,
                    label=t(LABEL_KEY[result.label], self.lang).lower(),
                    explanation=t(result.explanation_key, self.lang),
                )
                extra = (
                    [t("coach.lab.try_instead", self.lang, rewrite=result.rewrite)]
                    if result.rewrite
                    else []
                )
                box.value = self._line("notopen", still, extra)
        self.score.value = (
            '<p class="oo-practice-tally" role="status">'
            + esc(
                t("coach.practice.score", self.lang, open=len(self.solved), total=len(self.items))
            )
            + "</p>"
        )
        return result

    @staticmethod
    def _line(state: str, text: str, extra: list[str] | None = None) -> str:
        more = "".join(f"<p>{esc(line)}</p>" for line in extra or [])
        return (
            f'<div class="oo-practice-result oo-practice-{state}" role="status">'
            f"<p><strong>{esc(text)}</strong></p>{more}</div>"
        )


class QuestionBank(w.VBox):
    """The learner's own questions per need. Parts: ``need`` (Dropdown), ``question`` (Text),
    ``save`` (Button), ``message``, ``listing`` (HTML). A question the coach does not read as open
    is saved only after a second press ("Save anyway")."""

    def __init__(self, lang: str | None = None):
        self.lang = L = check_lang(lang or session.lang())
        self.last_error: Exception | None = None
        self._pending: tuple[str, str] | None = None  # (need, question) waiting for "anyway"
        self.need = w.Dropdown(
            options=[(t(NEED_KEY[need], L), need) for need in NEEDS],
            value=NEEDS[0],
            description=t("coach.bank.need", L),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-qbank-need",),
        )
        self.question = w.Text(
            description=t("coach.bank.question", L),
            placeholder=t("coach.bank.placeholder", L),
            style=FIELD_STYLE,
            layout=_wide_field(),
            _dom_classes=("oo-qbank-input",),
        )
        self.save = w.Button(
            description=t("coach.bank.save", L),
            button_style="primary",
            _dom_classes=("oo-qbank-save",),
        )
        self.message = Message("oo-qbank-message")
        self.listing = w.HTML("", _dom_classes=("oo-qbank-list",))
        super().__init__(
            [
                style_widget(),
                w.HTML(LAB_STYLE),
                self.need,
                self.question,
                self.save,
                self.message,
                self.listing,
            ],
            _dom_classes=("oo-qbank",),
        )
        self.save.on_click(self._on_save)
        self.need.observe(self._on_edit, "value")
        self.question.observe(self._on_edit, "value")
        session.on_change(self.refresh)
        self.refresh()

    def _on_edit(self, _change=None) -> None:
        if self._pending is not None:
            self._pending = None
            self.save.description = t("coach.bank.save", self.lang)
            self.message.clear()

    @safe_callback()
    def refresh(self) -> None:
        """Redraw the list of saved questions, grouped by need."""
        store = session.store()
        parts = []
        for need in NEEDS:
            questions = bank_questions(store, need)
            if questions:
                items = "".join(f"<li>{esc(q)}</li>" for q in questions)
                parts.append(
                    f"<h4>{esc(t(NEED_KEY[need], self.lang))}</h4>"
                    f'<ul class="oo-qbank-{need}">{items}</ul>'
                )
        body = "".join(parts) or f"<p>{esc(t('coach.bank.empty', self.lang))}</p>"
        self.listing.value = f"<h3>{esc(t('coach.bank.heading', self.lang))}</h3>{body}"

    @safe_callback()
    def _on_save(self, _button=None) -> Reflection | None:
        text = self.question.value.strip()
        need = self.need.value
        need_name = t(NEED_KEY[need], self.lang)
        if not text:
            self.message.show_error(t("coach.bank.empty_question", self.lang))
            return None
        store = session.store()
        if _same(text) in {_same(q) for q in bank_questions(store, need)}:
            self.message.show_info(t("coach.bank.duplicate", self.lang, need=need_name))
            return None
        result = _read(text, self.lang)
        if not result.is_open and self._pending != (need, _same(text)):
            warning = t(
                "coach.bank.warn",
                self.lang,
                label=t(LABEL_KEY[result.label], self.lang).lower(),
                explanation=t(result.explanation_key, self.lang),
            )
            if result.rewrite:
                warning += " " + t("coach.lab.try_instead", self.lang, rewrite=result.rewrite)
            self.message.show_warn(warning)
            self._pending = (need, _same(text))
            self.save.description = t("coach.bank.save_anyway", self.lang)
            return None
        entry = Reflection.create(prompt=bank_prompt(need), text=text, saved_at=_now())
        store.add(entry)
        self._pending = None
        self.save.description = t("coach.bank.save", self.lang)
        self.question.unobserve(self._on_edit, "value")
        try:
            self.question.value = ""
        finally:
            self.question.observe(self._on_edit, "value")
        self.message.show_ok(t("coach.bank.saved", self.lang, need=need_name))
        session.changed()  # redraws this list too (it listens)
        return entry


def question_lab(lang: str | None = None) -> QuestionLab:
    """Type a question; the coach says what kind it is and offers an open version."""
    return QuestionLab(lang)


def practice_set(lang: str | None = None) -> PracticeSet:
    """Closed, leading and advice questions for the learner to rewrite as open questions."""
    return PracticeSet(lang)


def question_bank(lang: str | None = None) -> QuestionBank:
    """The learner's own questions per need, checked by the coach before they are saved."""
    return QuestionBank(lang)


__all__ = [
    "PracticeSet",
    "QuestionBank",
    "QuestionLab",
    "bank_questions",
    "practice_set",
    "question_bank",
    "question_lab",
]
