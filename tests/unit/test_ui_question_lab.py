"""The question lab widgets driven headlessly: type, click, read what the learner sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import oneonone_kit
from oneonone_kit import i18n, ui
from oneonone_kit.coach.questions import classify
from oneonone_kit.model import NEEDS
from oneonone_kit.ui import session
from oneonone_kit.ui.lab_view import bank_prompt, bank_questions, practice_questions

LANGS = ("en", "nl")
ITEMS = Path(oneonone_kit.__file__).parent / "content"


@pytest.fixture
def store(tmp_home):
    session.reset()
    yield session.store()
    session.reset()


# --- Question lab ---------------------------------------------------------------------------------


def test_lab_labels_an_english_question_and_suggests_an_open_one(store):
    lab = ui.question_lab("en")
    lab.question.value = "Have you tried asking Sam?"
    lab.check.click()
    assert lab.last_error is None
    assert lab.result.label == "advice"
    html = lab.feedback.value
    assert "Advice in disguise" in html and "oo-qlab-notopen" in html
    assert "Try instead: What have you tried so far?" in html
    assert "have you tried" in html  # the cue that gave it away


def test_lab_reads_a_dutch_question_in_dutch_and_says_so(store):
    lab = ui.question_lab("en")
    lab.question.value = "Heb je al overwogen om Sam te vragen?"
    lab.check.click()
    assert lab.result.lang == "nl" and lab.result.label == "advice"
    assert "Welke mogelijkheden zie je zelf?" in lab.feedback.value
    assert "Read as Dutch." in lab.feedback.value


def test_lab_speaks_dutch_on_a_dutch_page(store):
    lab = ui.question_lab("nl")
    lab.question.value = "Waarom heb je de deadline gemist?"
    lab.check.click()
    html = lab.feedback.value
    assert "Open vraag" in html and "oo-qlab-open" in html
    assert "verantwoorden" in html  # the note on "waarom"
    assert "Wat maakte dat je de deadline hebt gemist?" in html
    assert "Gelezen als" not in html


def test_lab_gives_feedback_as_soon_as_the_question_is_entered(store):
    lab = ui.question_lab("en")
    lab.question.value = "What's on your mind?"  # Enter or leaving the field; no click
    assert "Open question" in lab.feedback.value


def test_lab_flags_stacked_questions(store):
    lab = ui.question_lab("en")
    lab.question.value = "How did it go? Did the client like it?"
    assert "more than one question" in lab.feedback.value


def test_lab_escapes_the_learners_text(store):
    lab = ui.question_lab("en")
    lab.question.value = "What <script>alert(1)</script> happened?"
    assert "&lt;script&gt;" in lab.feedback.value
    assert "<script>" not in lab.feedback.value


def test_lab_asks_for_a_question_when_empty_and_is_honest_when_unsure(store):
    lab = ui.question_lab("en")
    lab.check.click()
    assert "Type a question first" in lab.message.text and lab.feedback.value == ""
    lab.question.value = "Thoughts?"
    assert "Not sure" in lab.feedback.value and lab.last_error is None


# --- Practice set ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_practice_list_is_eight_to_ten_questions_the_coach_agrees_are_not_open(lang):
    entries = practice_questions(lang)
    assert 8 <= len(entries) <= 10
    for entry in entries:
        assert set(entry) == {"key", "question", "label"}
        assert entry["label"] in {"closed", "leading", "advice"}
        assert classify(entry["question"], lang).label == entry["label"], entry["question"]


def test_practice_lists_have_the_same_keys_and_labels_in_both_languages():
    pairs = zip(practice_questions("en"), practice_questions("nl"), strict=True)
    for en, nl in pairs:
        assert (en["key"], en["label"]) == (nl["key"], nl["label"])
    keys = [entry["key"] for entry in practice_questions("en")]
    assert len(set(keys)) == len(keys)
    for lang in LANGS:
        raw = json.loads((ITEMS / lang / "items" / "practice_questions.json").read_text("utf-8"))
        assert [entry["key"] for entry in raw] == keys


def test_dutch_practice_questions_write_one_on_one_the_agreed_way():
    text = " ".join(entry["question"].lower() for entry in practice_questions("nl"))
    assert "one-on-one" not in text and "1-op-1" not in text


def test_practice_check_says_open_when_the_rewrite_is_open(store):
    practice = ui.practice_set("en")
    key = practice.items[0]["key"]
    practice.inputs[key].value = "What have you tried so far?"
    practice.checks[key].click()
    assert practice.last_error is None
    assert "Open now" in practice.feedback[key].value
    assert key in practice.solved
    assert "1 of 10" in practice.score.value


def test_practice_check_explains_when_the_rewrite_is_still_closed(store):
    practice = ui.practice_set("en")
    practice.inputs["happy_role"].value = "Do you like your role?"
    practice.checks["happy_role"].click()
    feedback = practice.feedback["happy_role"].value
    assert "Not open yet (closed question)" in feedback
    assert "How do you feel about your role?" in feedback
    assert "happy_role" not in practice.solved


def test_practice_check_notices_the_unchanged_question_and_an_empty_answer(store):
    practice = ui.practice_set("nl")
    entry = practice.items[1]
    practice.checks[entry["key"]].click()
    assert "Schrijf eerst" in practice.feedback[entry["key"]].value
    practice.inputs[entry["key"]].value = entry["question"].upper()
    practice.checks[entry["key"]].click()
    assert "oorspronkelijke vraag" in practice.feedback[entry["key"]].value


def test_practice_score_drops_when_a_solved_item_is_made_closed_again(store):
    practice = ui.practice_set("nl")
    practice.inputs["any_questions"].value = "Welke vragen heb je nog?"
    practice.checks["any_questions"].click()
    assert practice.solved == {"any_questions"}
    practice.inputs["any_questions"].value = "Heb je vragen?"
    practice.checks["any_questions"].click()
    assert practice.solved == set()
    assert "0 van de 10" in practice.score.value


# --- Question bank --------------------------------------------------------------------------------


def test_bank_offers_the_seven_needs_by_their_names(store):
    bank = ui.question_bank("nl")
    assert [value for _, value in bank.need.options] == list(NEEDS)
    assert [label for label, _ in bank.need.options] == [i18n.t(f"need.{n}", "nl") for n in NEEDS]
    assert "nog leeg" in bank.listing.value


def test_bank_saves_an_open_question_at_once_as_a_reflection(store):
    bank = ui.question_bank("en")
    bank.need.value = "growth"
    bank.question.value = "What would you like to learn next?"
    bank.save.click()
    assert bank.last_error is None
    assert "Saved under Growth" in bank.message.text
    saved = store.reflections(bank_prompt("growth"))
    assert [r.text for r in saved] == ["What would you like to learn next?"]
    assert saved[0].prompt == "question_bank.growth"
    assert bank.question.value == ""
    assert "What would you like to learn next?" in bank.listing.value


def test_bank_warns_about_a_closed_question_and_saves_it_on_the_second_press(store):
    bank = ui.question_bank("en")
    bank.need.value = "feedback"
    bank.question.value = "Is my feedback useful?"
    bank.save.click()
    assert store.reflections(bank_prompt("feedback")) == []
    assert "closed question" in bank.message.text
    assert bank.save.description == "Save anyway"
    bank.save.click()
    assert bank_questions(store, "feedback") == ["Is my feedback useful?"]
    assert bank.save.description == "Save to my bank"


def test_editing_after_a_warning_asks_again(store):
    bank = ui.question_bank("en")
    bank.question.value = "Have you tried a checklist?"
    bank.save.click()
    assert bank.save.description == "Save anyway"
    bank.question.value = "Have you tried a checklist first?"
    assert bank.save.description == "Save to my bank"
    bank.save.click()
    assert store.reflections(bank_prompt("guidance")) == []
    assert "advice in disguise" in bank.message.text


def test_bank_refuses_empty_and_duplicate_questions(store):
    bank = ui.question_bank("en")
    bank.save.click()
    assert "Type a question first" in bank.message.text
    for text in ("What is most important this week?", "  what is most important this week  "):
        bank.need.value = "priorities"
        bank.question.value = text
        bank.save.click()
    assert len(store.reflections(bank_prompt("priorities"))) == 1
    assert "already in your bank" in bank.message.text


def test_bank_lists_questions_per_need_escaped_and_survives_a_restart(store):
    bank = ui.question_bank("en")
    for need, text in (
        ("support", "How can I help <you>?"),
        ("growth", "What do you want to learn?"),
    ):
        bank.need.value = need
        bank.question.value = text
        bank.save.click()
    again = ui.question_bank("en")  # as after a kernel restart
    listing = again.listing.value
    assert "How can I help &lt;you&gt;?" in listing and "<you>" not in listing
    assert listing.index("Growth") < listing.index("Mutual support")  # the order of the needs


def test_bank_questions_reads_one_need_in_saving_order_without_duplicates(store):
    from oneonone_kit.model import Reflection

    for minute, text in enumerate(["B first?", "A second?", "b first"]):
        store.add(
            Reflection.create(
                prompt=bank_prompt("context"), text=text, saved_at=f"2026-11-22T10:{minute:02d}:00"
            )
        )
    assert bank_questions(store, "context") == ["B first?", "A second?"]
    assert bank_questions(store, "growth") == []
    with pytest.raises(ValueError):
        bank_questions(store, "nonsense")


def test_builders_are_found_through_ui():
    assert {"question_lab", "practice_set", "question_bank"} <= set(dir(ui))
