"""The question lab exercise in a real Voila server and Chromium, in English and in Dutch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ROOT, VoilaServer

pytestmark = pytest.mark.e2e

NOTEBOOK = "{lang}/01_question_lab.ipynb"


@pytest.fixture(scope="module")
def exercises(tmp_path_factory) -> Iterator[VoilaServer]:
    """A Voila server rooted at exercises/, with its own empty data folder."""
    home = tmp_path_factory.mktemp("voila-exercises") / "home"
    home.mkdir()
    server = VoilaServer(home, root=ROOT / "exercises")
    yield server
    server.stop()


def ask(page, question: str) -> str:
    """Type ``question`` in the lab, press Check, and return the feedback once it shows it."""
    page.locator(".oo-qlab-input input").fill(question)
    page.locator(".oo-qlab-check").click()
    feedback = page.locator(".oo-qlab-feedback")
    feedback.locator(".oo-qlab-echo").filter(has_text=question).wait_for()
    return feedback.inner_text()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_question_lab_renders_every_part(exercises, watch, lang):
    watch.open(exercises.render_url(NOTEBOOK.format(lang=lang)))
    page = watch.page
    for css in (
        ".oo-qlab-input input",
        ".oo-qlab-check",
        ".oo-practice-input input",
        ".oo-qbank-need select",
        ".oo-qbank-save",
    ):
        assert page.locator(css).count() >= 1, css
    assert page.locator(".oo-practice-item").count() == 10
    assert page.locator("h1").count() == 1


def test_english_page_labels_english_and_dutch_questions(exercises, watch):
    page = watch.page
    watch.open(exercises.render_url(NOTEBOOK.format(lang="en")))
    text = ask(page, "Have you tried asking Sam?")
    assert "Advice in disguise" in text
    assert "Try instead: What have you tried so far?" in text
    text = ask(page, "Heb je al overwogen om Sam te vragen?")
    assert "Advice in disguise" in text and "Read as Dutch." in text
    assert "Welke mogelijkheden zie je zelf?" in text
    text = ask(page, "What's the real challenge here for you?")
    assert "Open question" in text
    watch.assert_clean()


def test_dutch_page_labels_a_why_question_and_a_stacked_one(exercises, watch):
    page = watch.page
    watch.open(exercises.render_url(NOTEBOOK.format(lang="nl")))
    text = ask(page, "Waarom heb je de deadline gemist?")
    assert "Open vraag" in text and "verantwoorden" in text
    assert "Wat maakte dat je de deadline hebt gemist?" in text
    text = ask(page, "Hoe ging het? Was de klant tevreden?")
    assert "Gesloten vraag" in text and "meer dan één vraag" in text
    watch.assert_clean()


def test_practice_item_turns_open_after_a_rewrite(exercises, watch):
    page = watch.page
    watch.open(exercises.render_url(NOTEBOOK.format(lang="en")))
    page.locator(".oo-practice-input-happy_role input").fill("Do you like your role?")
    page.locator(".oo-practice-check-happy_role").click()
    item = page.locator(".oo-practice-happy_role .oo-practice-feedback")
    item.get_by_text("Not open yet").wait_for()
    page.locator(".oo-practice-input-happy_role input").fill("What do you enjoy about your role?")
    page.locator(".oo-practice-check-happy_role").click()
    item.get_by_text("Open now").wait_for()
    assert "1 of 10" in page.locator(".oo-practice-score").inner_text()
    watch.assert_clean()


def test_bank_saves_an_open_question_and_a_closed_one_after_a_warning(exercises, watch):
    page = watch.page
    watch.open(exercises.render_url(NOTEBOOK.format(lang="en")))
    page.locator(".oo-qbank-need select").select_option(label="Growth")
    page.locator(".oo-qbank-input input").fill("What would you like to learn next?")
    page.locator(".oo-qbank-save").click()
    page.locator(".oo-qbank-message").get_by_text("Saved under Growth").wait_for()
    listing = page.locator(".oo-qbank-list")
    listing.get_by_text("What would you like to learn next?").wait_for()

    page.locator(".oo-qbank-input input").fill("Are you happy with your training budget?")
    page.locator(".oo-qbank-save").click()
    page.locator(".oo-qbank-message").get_by_text("closed question").wait_for()
    save_anyway = page.locator(".oo-qbank-save").filter(has_text="Save anyway")
    save_anyway.wait_for()
    save_anyway.click()
    listing.get_by_text("Are you happy with your training budget?").wait_for()
    watch.assert_clean()

    # A new page (a new kernel) reads the bank back from the store.
    watch.open(exercises.render_url(NOTEBOOK.format(lang="en")))
    assert "What would you like to learn next?" in page.locator(".oo-qbank-list").inner_text()
