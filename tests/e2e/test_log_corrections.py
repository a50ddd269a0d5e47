"""Correcting the log in a real browser: edit, delete and undo a meeting; a commitment kept."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from oneonone_kit.i18n import format_date

pytestmark = pytest.mark.e2e

WORDS = {
    "en": {
        "saved": "Saved",
        "changed": "Changes saved",
        "deleted": "Deleted",
        "undone": "Undone",
        "kept": "Marked as kept",
    },
    "nl": {
        "saved": "Opgeslagen",
        "changed": "Wijzigingen opgeslagen",
        "deleted": "Gewist",
        "undone": "Ongedaan gemaakt",
        "kept": "Als nagekomen gemarkeerd",
    },
}


def pick(page, lang: str, person: str, minutes: int) -> None:
    """Choose the meeting in the list's picker and load it into the form."""
    label = f"{format_date(dt.date.fromisoformat(TODAY), lang)} · {person} · {minutes}"
    page.locator(".oo-log-pick select").select_option(label=label)
    page.locator(".oo-log-edit").click()
    page.locator(".oo-log-delete").wait_for(state="visible")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_edit_delete_undo_a_meeting_and_mark_its_commitment_kept(voila, watch, lang):
    page, words = watch.page, WORDS[lang]
    watch.open(voila.render_url(f"{lang}/05_my_log.ipynb"))
    person, promise = f"Kim-{lang}", f"Send the course link ({lang})"
    message, table = page.locator(".oo-log-message"), page.locator(".oo-log-table")

    page.locator(".oo-log-person input").fill(person)
    page.locator(".oo-commitment-add").click()
    page.locator(".oo-commitment-text input").fill(promise)
    page.locator(".oo-log-save").click()
    message.get_by_text(words["saved"]).wait_for()
    table.get_by_text(person).wait_for()
    assert page.locator(".oo-log-person input").input_value() == ""

    pick(page, lang, person, 30)
    assert page.locator(".oo-log-person input").input_value() == person
    page.locator(".oo-log-actual-minutes input").fill("45")
    page.locator(".oo-log-save").click()
    message.get_by_text(words["changed"]).wait_for()

    pick(page, lang, person, 45)
    page.locator(".oo-log-delete").click()
    message.get_by_text(words["deleted"]).wait_for()
    table.get_by_text(person).wait_for(state="detached")

    page.locator(".oo-log-undo").click()
    message.get_by_text(words["undone"]).wait_for()
    table.get_by_text(person).wait_for()

    row = page.locator(".oo-commitment-row").filter(has_text=promise)
    row.locator(".oo-commitment-kept").click()
    page.locator(".oo-commitment-message").get_by_text(words["kept"]).wait_for()
    page.locator(".oo-commitment-row").filter(has_text=promise).wait_for(state="detached")
    watch.assert_clean()
