""" "Which need is this?" driven headlessly: pick needs, check, navigate, keep score."""

from __future__ import annotations

import pytest

from oneonone_kit import ui
from oneonone_kit.model import NEEDS
from oneonone_kit.ui import session
from oneonone_kit.ui.common import esc
from oneonone_kit.ui.need_cases import cases, need_names, verdict


@pytest.fixture
def build(tmp_home):
    session.reset()
    made = []

    def make(lang="en"):
        widget = ui.which_need(lang)
        made.append(widget)
        return widget

    yield make
    for widget in made:
        assert widget.last_error is None, getattr(widget, "last_traceback", "")
        widget.close()
    session.reset()


def tick(widget, needs) -> None:
    for need, box in widget.need_boxes.items():
        box.value = need in needs


def other_need(case) -> str:
    return next(n for n in NEEDS if n not in case["needs"])


def test_verdict_is_right_partly_or_wrong():
    assert verdict(["growth"], ["growth"]) == "right"
    assert verdict(["priorities", "growth"], ["growth", "priorities"]) == "right"
    assert verdict(["growth"], ["growth", "priorities"]) == "partly"
    assert verdict(["growth", "support"], ["growth"]) == "partly"
    assert verdict(["support"], ["growth"]) == "wrong"


def test_need_names_use_the_catalogue_names():
    assert need_names(["growth", "priorities"], "en") == "Growth and Clarity on priorities"
    assert need_names(["support"], "nl") == "Wederzijdse steun"


def test_first_case_shows_the_situation_and_all_seven_needs(build):
    widget = build()
    first = cases("en")[0]
    assert "Case 1 of 20" in widget.position.value
    assert widget.situation.value == f"<p>{first['situation']}</p>"
    assert [box.description for box in widget.need_boxes.values()][:2] == [
        "Guidance",
        "Clarity on priorities",
    ]
    assert len(widget.need_boxes) == 7
    assert widget.previous.disabled and not widget.next_case.disabled


def test_check_without_a_need_asks_for_one(build):
    widget = build()
    widget.check.click()
    assert widget.message.kind == "error" and "at least one need" in widget.message.text
    assert widget.feedback.value == "" and widget.first_verdicts == {}


def test_a_right_answer_shows_explanation_suggested_question_and_yours(build):
    widget = build()
    case = widget.case
    tick(widget, case["needs"])
    widget.question.value = "What feels <most> urgent to you?"
    widget.check.click()
    feedback = widget.feedback.value
    assert feedback.startswith('<div role="status">')
    assert "Right." in feedback
    assert esc(case["explain"]) in feedback and esc(case["first_question"]) in feedback
    assert "&lt;most&gt;" in feedback and "<most>" not in feedback
    assert "A first reply that could work" in feedback
    assert "Score: 1 right and 0 partly right out of 1 checked (20 cases)" in widget.score.value


def test_partly_and_wrong_answers(build):
    widget = build()
    two = next(i for i, c in enumerate(widget.cases) if len(c["needs"]) == 2)
    for _ in range(two):
        widget.next_case.click()
    case = widget.case
    tick(widget, case["needs"][:1])
    widget.check.click()
    assert "Partly right." in widget.feedback.value
    assert "You did not write a question" in widget.feedback.value
    widget.next_case.click()
    tick(widget, [other_need(widget.case)])
    widget.check.click()
    assert "Not quite." in widget.feedback.value
    assert "0 right and 1 partly right out of 2 checked" in widget.score.value


def test_only_the_first_check_of_a_case_counts(build):
    widget = build()
    tick(widget, [other_need(widget.case)])
    widget.check.click()
    tick(widget, widget.case["needs"])
    widget.check.click()
    assert "Right." in widget.feedback.value
    assert "0 right and 0 partly right out of 1 checked" in widget.score.value


def test_navigation_keeps_what_was_entered_per_case(build):
    widget = build()
    first = widget.case
    tick(widget, first["needs"])
    widget.question.value = "What comes first for you?"
    widget.check.click()
    widget.next_case.click()
    assert "Case 2 of 20" in widget.position.value
    assert widget.feedback.value == "" and widget.question.value == ""
    assert not any(box.value for box in widget.need_boxes.values())
    widget.question.value = "Half-typed"
    widget.previous.click()
    assert widget.picked() == tuple(n for n in NEEDS if n in first["needs"])
    assert widget.question.value == "What comes first for you?"
    assert "Right." in widget.feedback.value
    widget.next_case.click()
    assert widget.question.value == "Half-typed"


def test_the_last_case_disables_next_and_all_checked_says_so(build):
    widget = build()
    for index in range(len(widget.cases)):
        tick(widget, widget.case["needs"])
        widget.check.click()
        if index < len(widget.cases) - 1:
            widget.next_case.click()
    assert widget.next_case.disabled and not widget.previous.disabled
    assert "20 right and 0 partly right out of 20 checked" in widget.score.value
    assert "checked every case" in widget.message.text
    widget.next_case.click()  # a stray click at the end does nothing
    assert "Case 20 of 20" in widget.position.value


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_case_can_be_checked_in_both_languages(build, lang):
    widget = build(lang)
    assert len(widget.cases) >= 14
    tick(widget, widget.case["needs"])
    widget.check.click()
    word = {"en": "Right.", "nl": "Goed."}[lang]
    assert word in widget.feedback.value


def test_dutch_widget_speaks_dutch(build):
    widget = build("nl")
    assert "Casus 1 van 20" in widget.position.value
    assert widget.check.description == "Controleren"
    assert widget.need_boxes["support"].description == "Wederzijdse steun"
    widget.check.click()
    assert "Vink eerst minstens één behoefte aan." in widget.message.text
