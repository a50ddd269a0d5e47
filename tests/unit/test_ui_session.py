"""The session's change notifications: who hears a change, who stops hearing it, and failures."""

from __future__ import annotations

import logging

import ipywidgets as w
import pytest

from oneonone_kit import ui
from oneonone_kit.ui import session
from oneonone_kit.ui.common import Message


@pytest.fixture(autouse=True)
def fresh_session(tmp_home):
    session.reset()
    yield
    session.reset()


class CountingForm(w.VBox):
    """A form that counts its refreshes; its refresh is not wrapped, so failures reach the session."""

    def __init__(self, fail: bool = False):
        self.lang = "en"
        self.last_error: Exception | None = None
        self.message = Message("oo-test-message")
        self.refreshed = 0
        self.fail = fail
        super().__init__([self.message])
        session.on_change(self.refresh)

    def refresh(self) -> None:
        self.refreshed += 1
        if self.fail:
            raise RuntimeError("the chart broke")


def test_two_open_forms_both_refresh():
    first, second = CountingForm(), CountingForm()
    session.changed()
    session.changed()
    assert (first.refreshed, second.refreshed) == (2, 2)


def test_a_closed_form_no_longer_receives_changes():
    kept, closed = CountingForm(), CountingForm()
    assert session.current().listeners == 2
    closed.close()
    assert session.current().listeners == 1
    session.changed()
    assert (kept.refreshed, closed.refreshed) == (1, 0)


def test_a_failing_listener_shows_its_error_in_its_form_and_the_others_still_refresh():
    broken, fine = CountingForm(fail=True), CountingForm()
    session.changed()  # shown in the form, so nothing is raised here
    assert isinstance(broken.last_error, RuntimeError)
    assert broken.message.kind == "error"
    # Python's own words stay out of the page (safe_callback); the error is kept for tests.
    assert "the chart broke" not in broken.message.text
    assert broken.message.text.startswith("Something went wrong")
    assert fine.refreshed == 1 and fine.message.text == ""


def test_a_failing_listener_without_a_message_area_is_logged_and_raised(caplog):
    def broken() -> None:
        raise ValueError("no place to show this")

    session.on_change(broken)
    fine = CountingForm()
    with caplog.at_level(logging.ERROR, logger="oneonone_kit.ui.session"):
        with pytest.raises(session.ListenerError) as raised:
            session.changed()
    assert [str(error) for error in raised.value.errors] == ["no place to show this"]
    assert str(raised.value) == "a change listener failed: ValueError('no place to show this')"
    # the log has Python's words; the learner gets their own language without them
    assert raised.value.message("nl") == (
        "Gelukt, maar een ander deel van deze pagina kon niet worden bijgewerkt. Laad de pagina "
        "opnieuw om de actuele stand te zien."
    )
    assert fine.refreshed == 1  # raised only after every listener ran
    assert "a change listener failed" in caplog.text


def test_the_error_of_a_plain_listener_shows_in_the_form_that_saved():
    # The form that calls changed() wraps its action in safe_callback, so the error lands there.
    listing = ui.meeting_list("en")
    session.on_change(lambda: 1 / 0)
    form = ui.log_form("en")
    form.person.value = "Sam"
    form.save.click()
    assert form.message.kind == "error"
    assert form.message.text == (  # Python's "division by zero" stays in the log
        "Done, but another part of this page could not update. "
        "Reload the page to see the current state."
    )
    assert "Sam" in listing.table.value  # saved, and the list still refreshed


def test_unsubscribe_stops_the_calls_and_subscribing_twice_calls_once():
    calls = []
    stop = session.on_change(lambda: calls.append("a"))
    twice = CountingForm()
    session.on_change(twice.refresh)  # the same bound method again: still one subscription
    session.changed()
    stop()
    session.changed()
    assert calls == ["a"]
    assert twice.refreshed == 2


def test_closing_real_forms_ends_their_subscriptions():
    listing, form = ui.meeting_list("en"), ui.log_form("en")
    subscribed = session.current().listeners
    assert subscribed >= 2
    listing.close()
    form.close()
    assert session.current().listeners == subscribed - 2


def test_reset_drops_every_listener():
    CountingForm()
    session.reset()
    assert session.current().listeners == 0


def test_a_failing_listener_with_a_message_of_its_own_says_it_in_the_learners_language():
    from oneonone_kit.errors import StoreError

    def broken() -> None:
        raise StoreError("error.unexpected")

    session.on_change(broken)
    with pytest.raises(session.ListenerError) as raised:
        session.changed()
    said = raised.value.message("en")
    assert said.startswith("Done, but another part of this page could not update: Something")
    assert said.endswith("Reload the page to see the current state.")
