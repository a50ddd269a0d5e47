"""How the question coach reads a turn: the behaviours `make mutate` found unpinned.

Each question is labelled by hand (the label a coach would give it), not by running the coach.
"""

from __future__ import annotations

import pytest

from oneonone_kit.coach.questions import classify


# ---- a second question hooked on with "or"/"and" ----------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "What went well, or can you say more?",
        "How did the launch go, and should we plan the next one?",
        "What do you need, or should I step in?",
        "How was the review, and is it done now?",
        "What did the client say, and were they happy?",
        "How is Sam doing, and does he know about the move?",
        "How is Priya doing, and did she get the budget?",
        "What is blocking you, or is there something else?",
        "What did you decide, and is that final?",
        "What is the plan, and is this the right time?",
    ],
)
def test_a_yes_no_question_hooked_on_after_a_question_makes_the_turn_stacked(question):
    assert classify(question, "en").stacked


@pytest.mark.parametrize(
    "question, lang",
    [
        ("What will you try, and when will you start?", "en"),
        ("Who was there, and where did it happen?", "en"),
        ("Wat ga je proberen, en wanneer begin je?", "nl"),
        ("Wie was erbij, en waar gebeurde het?", "nl"),
    ],
)
def test_and_when_or_and_where_completes_one_question_rather_than_stacking_another(question, lang):
    assert not classify(question, lang).stacked


@pytest.mark.parametrize(
    "question, lang",
    [
        ("What went well, and then you left?", "en"),
        ("Wat heb je nodig, en vooral iemand die meedenkt?", "nl"),
    ],
)
def test_and_followed_by_a_pronoun_but_no_verb_is_not_a_second_question(question, lang):
    assert not classify(question, lang).stacked
