"""The log journey in a real browser: the form saves through the store and the list updates."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang, saved_word", [("en", "Saved"), ("nl", "Opgeslagen")])
def test_logging_a_meeting_updates_the_list(voila, watch, lang, saved_word):
    page = watch.page
    watch.open(voila.render_url(f"{lang}/05_my_log.ipynb"))
    person = f"Robin-{lang}"
    page.locator(".oo-log-person input").fill(person)
    page.locator(".oo-log-save").click()
    message = page.locator(".oo-log-message")
    message.get_by_text(saved_word).wait_for()
    page.locator(".oo-log-table").get_by_text(person).wait_for()
    watch.assert_clean()


def test_empty_person_shows_field_error_and_keeps_input(voila, watch):
    page = watch.page
    watch.open(voila.render_url("en/05_my_log.ipynb"))
    page.locator(".oo-log-notes textarea").fill("Talked about the missed deadline.")
    page.locator(".oo-log-save").click()
    page.locator(".oo-log-error-person").get_by_text("This field is needed.").wait_for()
    assert page.locator(".oo-log-notes textarea").input_value() == (
        "Talked about the missed deadline."
    )
    watch.assert_clean()
