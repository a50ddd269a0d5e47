""" "Which need is this?": short work situations; the learner names the need(s) and a first question.

One case at a time (it fits a phone): tick one or two of the seven needs, write the question you
would open with, check, and compare with the case's explanation and suggested question. The
score counts each case's first check, so looking at the answer and trying again does not inflate it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipywidgets as w

from ..i18n import check_lang, t
from ..items import items
from ..labels import NEED_KEY
from ..model import NEEDS
from . import session
from .common import FIELD_STYLE, Message, classed, esc, field_layout, safe_callback, style_widget

VERDICTS = ("right", "partly", "wrong")
RESULT_KEY = {"right": "case.right", "partly": "case.partly", "wrong": "case.wrong"}

CASE_STYLE = """
<style>
.oo-case { max-width: 44em; }
.oo-case .widget-html-content { line-height: 1.45; }
.oo-case-situation { font-size: 1.05em; }
.oo-case .widget-text { flex-direction: column; align-items: stretch; height: auto; }
.oo-case .widget-text > .widget-label { text-align: left; width: auto; max-width: none;
  font-weight: 600; line-height: 1.6; align-self: flex-start; }
.oo-case .widget-text input { flex: none; height: 2.6em; font-size: 1em; }
.oo-case .widget-checkbox { height: auto; margin: 2px 0; }
.oo-case .widget-checkbox .widget-label-basic { display: flex; align-items: center; gap: 10px;
  min-height: 40px; cursor: pointer; }
.oo-case .widget-checkbox input { width: 1.5em; height: 1.5em; flex: none; margin: 0; }
.oo-case .widget-checkbox span { white-space: normal; overflow: visible; }
.oo-case .widget-button { height: auto; min-height: 44px; white-space: normal; }
.oo-case-feedback .oo-case-verdict { font-weight: 700; }
</style>
"""


def cases(lang: str | None = None) -> tuple[dict[str, Any], ...]:
    """The cases in ``lang`` (read once; treat as read-only)."""
    return items("need_cases", check_lang(lang))


def verdict(picked: Iterable[str], expected: Iterable[str]) -> str:
    """``right`` when the picked needs are exactly the case's, ``partly`` when they overlap,
    else ``wrong``."""
    chosen, wanted = set(picked), set(expected)
    if chosen == wanted:
        return "right"
    return "partly" if chosen & wanted else "wrong"


def need_names(keys: Iterable[str], lang: str) -> str:
    """Need names joined for a sentence: ``Growth and Clarity on priorities``."""
    names = [t(NEED_KEY[key], lang) for key in keys]
    return t("case.and", lang).join(names)


class WhichNeed(w.VBox):
    """One case at a time: pick the need(s), write a first question, check, move on.

    Parts: ``position``, ``situation``, ``need_boxes`` (need -> Checkbox), ``question``,
    ``check``, ``feedback``, ``score``, ``previous``, ``next_case``, ``message``; ``index`` is
    the case shown, ``answers`` what was entered per case, ``first_verdicts`` the scored checks.
    """

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.message = Message("oo-case-message")
        self.cases = cases(L)
        self.index = 0
        self.answers: dict[str, dict[str, Any]] = {}
        self.first_verdicts: dict[str, str] = {}
        self.position = classed(w.HTML(""), "oo-case-position")
        self.situation = classed(w.HTML(""), "oo-case-situation")
        self.need_boxes = {
            need: classed(
                w.Checkbox(
                    value=False,
                    description=t(NEED_KEY[need], L),
                    indent=False,
                    layout=w.Layout(width="auto"),
                ),
                "oo-case-need",
                f"oo-case-need-{need}",
            )
            for need in NEEDS
        }
        self.question = classed(
            w.Text(
                description=t("case.question", L),
                placeholder=t("case.question_hint", L),
                style=FIELD_STYLE,
                layout=field_layout(),
            ),
            "oo-case-question",
        )
        self.check = classed(
            w.Button(description=t("case.check", L), button_style="primary"), "oo-case-check"
        )
        self.feedback = classed(w.HTML(""), "oo-case-feedback")
        self.score = classed(w.HTML(""), "oo-case-score")
        self.previous = classed(w.Button(description=t("case.previous", L)), "oo-case-prev")
        self.next_case = classed(w.Button(description=t("case.next", L)), "oo-case-next")
        super().__init__(
            [
                style_widget(),
                w.HTML(CASE_STYLE),
                self.position,
                self.situation,
                w.HTML(f"<p><strong>{esc(t('case.pick', L))}</strong></p>"),
                # One even column on a phone, a grid of equal columns on a desktop (the
                # stylesheet's rule for a grid of checkboxes); a wrapping row made ragged lines.
                classed(
                    w.GridBox(
                        list(self.need_boxes.values()),
                        layout=w.Layout(
                            grid_template_columns="repeat(auto-fill, minmax(13rem, 1fr))",
                            grid_gap="2px 16px",
                        ),
                    ),
                    "oo-case-needs",
                ),
                self.question,
                self.check,
                self.feedback,
                w.HBox(
                    [self.previous, self.next_case],
                    layout=w.Layout(flex_flow="row wrap", grid_gap="8px"),
                ),
                self.score,
                self.message,
            ]
        )
        classed(self, "oo-case")
        self.check.on_click(self._on_check)
        self.previous.on_click(self._on_previous)
        self.next_case.on_click(self._on_next)
        self._show_case()
        self._show_score()

    @property
    def case(self) -> dict[str, Any]:
        """The case on screen."""
        return self.cases[self.index]

    def picked(self) -> tuple[str, ...]:
        """The ticked needs, in the model's order."""
        return tuple(need for need, box in self.need_boxes.items() if box.value)

    def _remember(self) -> None:
        entry = self.answers.setdefault(self.case["key"], {})
        entry["needs"] = self.picked()
        entry["question"] = self.question.value

    def _show_case(self) -> None:
        L = self.lang
        case = self.case
        self.position.value = (
            '<h2 class="oo-subhead">'
            + esc(t("case.position", L, number=self.index + 1, total=len(self.cases)))
            + "</h2>"
        )
        self.situation.value = f"<p>{esc(case['situation'])}</p>"
        saved = self.answers.get(case["key"], {})
        for need, box in self.need_boxes.items():
            box.value = need in saved.get("needs", ())
        self.question.value = saved.get("question", "")
        self.feedback.value = saved.get("feedback", "")
        self.previous.disabled = self.index == 0
        self.next_case.disabled = self.index == len(self.cases) - 1

    def _show_score(self) -> None:
        found = list(self.first_verdicts.values())
        if not found:  # "0 right out of 0 checked" reads like a failing mark before a start
            self.score.value = (
                f"<p>{esc(t('case.score_none', self.lang, total=len(self.cases)))}</p>"
            )
            return
        self.score.value = (
            "<p>"
            + esc(
                t(
                    "case.score",
                    self.lang,
                    right=found.count("right"),
                    partly=found.count("partly"),
                    checked=len(found),
                    total=len(self.cases),
                )
            )
            + "</p>"
        )

    def _feedback_html(self, result: str, question: str) -> str:
        L = self.lang
        case = self.case
        parts = [
            f'<p><span class="oo-case-verdict">{esc(t(RESULT_KEY[result], L))}</span> '
            f"{esc(t('case.answer', L, needs=need_names(case['needs'], L)))}</p>",
            f"<p>{esc(case['explain'])}</p>",
        ]
        if question.strip():
            from ..coach.questions import LABEL_KEY, classify

            label = t(LABEL_KEY[classify(question, L).label], L)
            parts.append(
                f"<p>{esc(t('case.yours', L, question=question.strip(), label=label))}</p>"
            )
        else:
            parts.append(f"<p>{esc(t('case.no_question', L))}</p>")
        parts.append(f"<p>{esc(t('case.suggested', L, question=case['first_question']))}</p>")
        return f'<div role="status">{"".join(parts)}</div>'

    @safe_callback()
    def _on_check(self, _b=None) -> str | None:
        picked = self.picked()
        if not picked:
            self.message.show_error(t("case.pick_first", self.lang))
            return None
        self.message.clear()
        result = verdict(picked, self.case["needs"])
        self.first_verdicts.setdefault(self.case["key"], result)
        self.feedback.value = self._feedback_html(result, self.question.value)
        self._remember()
        self.answers[self.case["key"]]["feedback"] = self.feedback.value
        self._show_score()
        if len(self.first_verdicts) == len(self.cases):
            self.message.show_ok(t("case.all_done", self.lang))
        return result

    def _go(self, step: int) -> None:
        target = self.index + step
        if not 0 <= target < len(self.cases):
            return
        self._remember()
        self.index = target
        self.message.clear()
        self._show_case()

    @safe_callback()
    def _on_previous(self, _b=None) -> None:
        self._go(-1)

    @safe_callback()
    def _on_next(self, _b=None) -> None:
        self._go(1)


def which_need(lang: str | None = None) -> WhichNeed:
    """The "which need is this?" practice: one case at a time, with feedback and a score."""
    return WhichNeed(lang)


__all__ = ["WhichNeed", "which_need"]
