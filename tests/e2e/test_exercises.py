"""The trio kit and "which need is this?" in a real Voila, clicked through in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import ROOT, PageWatch, VoilaServer

pytestmark = pytest.mark.e2e

EXERCISES = [
    f"{lang}/{name}"
    for lang in ("en", "nl")
    for name in ("02_role_play_trio.ipynb", "03_which_need.ipynb")
]
PHONE = {"width": 390, "height": 844}
SHARE = re.compile(r"(\d+)%\D+(\d+)%")


@pytest.fixture(scope="module")
def exercises_voila(tmp_path_factory) -> Iterator[VoilaServer]:
    home = tmp_path_factory.mktemp("voila-exercises") / "home"
    home.mkdir()
    server = VoilaServer(home, root=ROOT / "exercises")
    yield server
    server.stop()


@pytest.fixture
def phone(browser) -> Iterator[PageWatch]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    watcher = PageWatch(page)
    yield watcher
    context.close()
    assert not watcher.errors, watcher.errors


def share_text(page) -> str:
    return page.locator(".oo-obs-talk-share").inner_text().strip()


@pytest.mark.parametrize("notebook", EXERCISES)
def test_exercise_renders_without_errors(exercises_voila, watch, notebook):
    watch.open(exercises_voila.render_url(notebook))
    assert watch.page.locator(".jupyter-widgets").count() > 0
    assert watch.page.locator("h1").count() == 1


@pytest.mark.parametrize("lang, leader", [("en", "Leader"), ("nl", "Leidinggevende")])
def test_talk_clock_splits_the_time_and_ticks_while_someone_speaks(
    exercises_voila, watch, lang, leader
):
    page = watch.page
    watch.open(exercises_voila.render_url(f"{lang}/02_role_play_trio.ipynb"))
    before = share_text(page)
    assert "%" not in before
    page.locator(".oo-obs-leader-speaking").click()
    page.wait_for_timeout(1500)
    page.locator(".oo-obs-employee-speaking").click()
    page.wait_for_function(
        "() => /\\d+%.*\\d+%/.test(document.querySelector('.oo-obs-talk-share').innerText)"
    )
    first = share_text(page)
    assert first.startswith(leader)
    # The employee keeps talking: the kernel's timer thread moves the share without a click.
    page.wait_for_function(
        "(old) => document.querySelector('.oo-obs-talk-share').innerText.trim() !== old",
        arg=first,
        timeout=5_000,
    )
    page.wait_for_timeout(2500)  # the employee ends up talking clearly longer than the leader
    page.locator(".oo-obs-pause").click()
    page.wait_for_function(
        "() => !document.querySelector('.oo-obs .mod-info')"  # no speaker highlighted
    )
    leader_pct, employee_pct = map(int, SHARE.search(share_text(page)).groups())
    assert leader_pct + employee_pct == 100
    assert 0 < leader_pct < 100 and employee_pct > leader_pct
    watch.assert_clean()


def test_tapping_counters_shows_the_count_and_undo_takes_it_back(exercises_voila, watch):
    page = watch.page
    watch.open(exercises_voila.render_url("en/02_role_play_trio.ipynb"))
    button = page.locator(".oo-obs-count-open")
    assert button.inner_text().strip() == "Open: 0"
    button.click()
    button.click()
    page.locator(".oo-obs-count-how-help").click()
    page.wait_for_function(
        "() => document.querySelector('.oo-obs-count-how-help').innerText.includes(': 1')"
    )
    assert button.inner_text().strip() == "Open: 2"
    page.locator(".oo-obs-undo").click()
    page.wait_for_function(
        "() => document.querySelector('.oo-obs-count-how-help').innerText.includes(': 0')"
    )
    watch.assert_clean()


def test_round_summary_can_be_written_and_downloaded(exercises_voila, watch):
    page = watch.page
    watch.open(exercises_voila.render_url("en/02_role_play_trio.ipynb"))
    page.locator(".oo-obs-count-follow-up").click()
    page.locator(".oo-obs-check-commitment input").check()
    page.locator(".oo-obs-employee-feedback textarea").fill("The pause after my answer helped.")
    page.locator(".oo-obs-notes textarea").fill("Asked 'and what else?' twice.")
    page.locator(".oo-obs-summarise").click()
    summary = page.locator(".oo-obs-summary")
    summary.get_by_text("Feedback from the employee").wait_for()
    text = summary.inner_text()
    assert text.index("The pause after my answer") < text.index("What the observer saw")
    assert "Follow-up: 1" in text and "[x] A commitment was made" in text
    link = page.locator(".oo-obs-download a")
    assert link.get_attribute("download") == "round-summary-2026-11-22.md"
    with page.expect_download() as info:
        link.click()
    saved = info.value.path()
    assert "The pause after my answer helped." in open(saved, encoding="utf-8").read()
    watch.assert_clean()


def test_role_cards_rotate_and_the_timer_runs(exercises_voila, watch):
    page = watch.page
    watch.open(exercises_voila.render_url("en/02_role_play_trio.ipynb"))
    for number, name in enumerate(("Ana", "Ben", "Cas"), start=1):
        page.locator(f".oo-trio-name-{number} input").fill(name)
    page.locator(".oo-trio-roles").get_by_text("Cas").wait_for()
    page.locator(".oo-trio-scenario select").select_option(label="Waiting for another team")
    roles = page.locator(".oo-trio-roles")
    page.wait_for_function(  # the scenario's card has arrived (its body is still folded)
        "() => document.querySelector('.oo-trio-card-employee').textContent"
        ".includes('You have chased them twice')"
    )
    assert "Employee: Ben" in page.locator(".oo-trio-card-employee summary").inner_text()
    page.locator(".oo-trio-card-employee summary").click()
    assert "What you don't say at first" in page.locator(".oo-trio-card-employee").inner_text()
    page.locator(".oo-trio-next").click()
    page.locator(".oo-trio-round").get_by_text("Round 2 of 3").wait_for()
    assert "Leader: Cas" in roles.inner_text().replace("\n", " ")
    page.locator(".oo-trio-timer-minutes").get_by_role("button", name="10 min").click()
    page.locator(".oo-trio-timer-display").get_by_text("10:00").wait_for()
    page.locator(".oo-trio-timer-start").click()
    page.wait_for_function(
        "() => /^9:5\\d$/.test(document.querySelector('.oo-trio-timer-display').innerText.trim())",
        timeout=5_000,
    )
    page.locator(".oo-trio-timer-stop").click()
    page.locator(".oo-trio-timer-display").get_by_text("10:00").wait_for()
    watch.assert_clean()


@pytest.mark.parametrize(
    "lang, right, wrong", [("en", "Right.", "Not quite."), ("nl", "Goed.", "Niet helemaal.")]
)
def test_which_need_gives_feedback_and_moves_on(exercises_voila, watch, lang, right, wrong):
    page = watch.page
    watch.open(exercises_voila.render_url(f"{lang}/03_which_need.ipynb"))
    page.locator(".oo-case-need-priorities input").check()  # case 1: three urgent requests
    page.locator(".oo-case-question input").fill("Which one matters most to you?")
    page.locator(".oo-case-check").click()
    feedback = page.locator(".oo-case-feedback")
    feedback.get_by_text(right).wait_for()
    assert "Which one matters most to you?" in feedback.inner_text()
    assert page.locator(".oo-case-score").inner_text().startswith("Score: 1")
    page.locator(".oo-case-next").click()
    page.wait_for_function("() => document.querySelector('.oo-case-feedback').innerText === ''")
    page.locator(".oo-case-need-relationship input").check()  # case 2 is about guidance
    page.locator(".oo-case-check").click()
    feedback.get_by_text(wrong).wait_for()
    watch.assert_clean()


def test_observer_panel_fits_a_phone(exercises_voila, phone):
    page = phone.page
    phone.open(exercises_voila.render_url("en/02_role_play_trio.ipynb"))
    panel = page.locator(".oo-obs")
    panel.scroll_into_view_if_needed()
    assert panel.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1"), "panel scrolls sideways"
    right_edge = page.evaluate("() => document.documentElement.clientWidth")
    for selector in (
        ".oo-obs-leader-speaking",
        ".oo-obs-employee-speaking",
        ".oo-obs-count",
        ".oo-obs-undo",
        ".oo-obs-summarise",
        ".oo-obs-reset",
    ):
        for box in [b.bounding_box() for b in page.locator(selector).all()]:
            assert box["height"] >= 44, f"{selector} is too small to tap: {box}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= right_edge + 1, (selector, box)
    for label in page.locator(".oo-obs-count").all():
        assert label.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1"), label.inner_text()
    page.locator(".oo-obs-employee-speaking").tap()
    page.wait_for_function(
        "() => document.querySelector('.oo-obs-talk-share').innerText.includes('%')"
    )
    page.locator(".oo-obs-pause").tap()
    phone.assert_clean()
