"""Reflection prompts whose answers are saved, and the "whose meeting was it?" check."""

from __future__ import annotations

import datetime as _dt

import ipywidgets as w

from .. import env
from ..i18n import format_date, t
from ..items import items
from ..model import Reflection
from . import session
from .common import Message, classed, esc, field_layout, safe_callback, style_widget

# The prompts a notebook may ask for, and the question each shows (keys written out in full).
PROMPT_KEY = {
    "start.why_here": "reflect.start.why_here",
    "mindset.whose_meeting": "reflect.mindset.whose_meeting",
    "behaviours.one_change": "reflect.behaviours.one_change",
    "plan.next_month": "reflect.plan.next_month",
}
# Whose meeting was it: the answers, in the order the buttons show them.
WHOSE_KEY = {"employee": "whose.employee", "shared": "whose.shared", "leader": "whose.leader"}


class ReflectionBox(w.VBox):
    """A prompt, a text area (prefilled with the last saved answer), and a save button."""

    def __init__(self, prompt: str, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.prompt = prompt
        self.last_error: Exception | None = None
        self.question = w.HTML(
            f'<p class="oo-reflect-prompt"><strong>{esc(t(PROMPT_KEY[prompt], L))}</strong></p>'
        )
        self.text = classed(
            w.Textarea(
                rows=4,
                placeholder=t("reflect.placeholder", L),
                layout=field_layout(),
                description=t("reflect.answer", L),
            ),
            "oo-reflect-text",
        )
        self.text.layout.width = "100%"
        self.save = classed(
            w.Button(description=t("reflect.save", L), button_style="primary"), "oo-reflect-save"
        )
        self.message = Message("oo-reflect-message")
        super().__init__([style_widget(), self.question, self.text, self.save, self.message])
        classed(self, "oo-reflect", f"oo-reflect-{prompt.replace('.', '-')}")
        self.save.on_click(self._on_save)
        self._load()

    @safe_callback()
    def _load(self) -> None:
        saved = session.store().reflections(self.prompt)
        if saved:
            self.text.value = saved[-1].text
            self.message.show_info(
                t(
                    "reflect.loaded",
                    self.lang,
                    date=format_date(saved[-1].saved_at.date(), self.lang),
                )
            )

    @safe_callback()
    def _on_save(self, _b=None) -> Reflection | None:
        if not self.text.value.strip():
            self.message.show_error(t("reflect.empty", self.lang))
            return None
        now = _dt.datetime.now().replace(microsecond=0)
        entry = Reflection.create(
            prompt=self.prompt,
            text=self.text.value,
            saved_at=_dt.datetime.combine(env.today(), now.time()),
        )
        session.store().add(entry)
        self.message.show_ok(t("reflect.saved", self.lang))
        session.changed()
        return entry


class WhoseMeeting(w.VBox):
    """Example agendas; the learner says whose meeting it was and gets the reasoning."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.message = Message("oo-whose-message")
        self.cases = list(items("whose_meeting", L))
        self.answers: dict[str, w.ToggleButtons] = {}
        self.feedback: dict[str, w.HTML] = {}
        rows: list[w.Widget] = [style_widget()]
        for number, case in enumerate(self.cases, start=1):
            agenda = "".join(f"<li>{esc(line)}</li>" for line in case["agenda"])
            rows.append(
                w.HTML(
                    f"<p><strong>{esc(t('whose.case', L, number=number))}</strong></p>"
                    f"<ul>{agenda}</ul>"
                )
            )
            choice = classed(
                w.ToggleButtons(
                    options=[(t(key, L), o) for o, key in WHOSE_KEY.items()],
                    value=None,
                    description=t("whose.question", L),
                    style={"description_width": "initial", "button_width": "auto"},
                ),
                "oo-whose-choice",
                f"oo-whose-{case['key']}",
            )
            feedback = classed(w.HTML(""), "oo-whose-feedback")
            choice.observe(self._answered(case, feedback), "value")
            self.answers[case["key"]] = choice
            self.feedback[case["key"]] = feedback
            rows += [choice, feedback]
        rows.append(self.message)
        super().__init__(rows)
        classed(self, "oo-whose")

    def _answered(self, case: dict, feedback: w.HTML):
        def on_change(change) -> None:
            self._show(case, feedback, change["new"])

        return on_change

    @safe_callback()
    def _show(self, case: dict, feedback: w.HTML, answer: str | None) -> None:
        if answer is None:
            feedback.value = ""
            return
        verdict = t(
            "whose.right" if answer == case["answer"] else "whose.wrong",
            self.lang,
            answer=t(WHOSE_KEY[case["answer"]], self.lang),
        )
        feedback.value = f"<p><strong>{esc(verdict)}</strong> {esc(case['explain'])}</p>"
        right = sum(self.answers[c["key"]].value == c["answer"] for c in self.cases)
        done = sum(self.answers[c["key"]].value is not None for c in self.cases)
        self.message.show_info(
            t("whose.score", self.lang, right=right, done=done, total=len(self.cases))
        )


def reflection(prompt: str, lang: str | None = None) -> ReflectionBox:
    """A saved reflection for ``prompt`` (a key under ``reflect.`` in the catalogues)."""
    return ReflectionBox(prompt, lang)


def whose_meeting(lang: str | None = None) -> WhoseMeeting:
    """The "whose meeting was it?" check on example agendas."""
    return WhoseMeeting(lang)


__all__ = ["ReflectionBox", "WhoseMeeting", "reflection", "whose_meeting"]
