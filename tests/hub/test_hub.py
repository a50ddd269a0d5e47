"""JupyterHub, tested for real: two users, their own servers, their own data.

One hub for the module (tests/hub/hub_harness.py): anna and bram log in through the hub's
login page in headless Chromium, land on the workbook's start page in Voila under their own
``/user/<name>/`` address (the documented default URL), log a meeting each through the log
page's form, and neither sees the other's, in the page or on disk. The hub refuses anna on
bram's address. At the end the hub, its proxy, the idle culler and the users' servers are
stopped and none of them may be left running.
"""

from __future__ import annotations

import pytest
from hub_harness import PASSWORD, Hub, e2e_harness, hub_values, image_steps, missing_tools, recipe

from oneonone_kit.log.store import Store

pytestmark = pytest.mark.hub

harness = e2e_harness()
USERS = ("anna", "bram")
# Each user's meeting: a person and a note nobody else would write.
MEETINGS = {
    "anna": ("Annelies-Quokka", "Anna's note: the quokka budget stays between us."),
    "bram": ("Bramwell-Narwhal", "Bram's note: narwhal reorganisation, tell no one."),
}
LOG_PAGE = "voila/render/notebooks/en/05_my_log.ipynb"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    missing = missing_tools()
    if missing:
        pytest.fail("The JupyterHub tier needs:\n" + "\n".join(missing))
    values = hub_values(recipe("hub-values"))
    image = image_steps(recipe("hub-image"))
    server = Hub(tmp_path_factory.mktemp("jupyterhub"), USERS, values, image)
    yield server
    leftovers = server.stop()
    assert not leftovers, f"still running after the hub stopped: {leftovers}"
    log = server.output()
    assert "Traceback" not in log, log[-5000:]


@pytest.fixture(scope="module")
def sessions(hub, browser):
    """Each user's browser, logged in through the hub's login page; it lands on the workbook's
    start page, served by the user's own server."""
    opened = {}
    for user in USERS:  # both log in before either waits: their servers start side by side
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(60_000)
        opened[user] = harness.PageWatch(page)
        page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded")
        page.locator("#username_input").fill(user)
        page.locator("#password_input").fill(PASSWORD)
        page.locator("#login_submit").click()
    for user, watch in opened.items():
        watch.page.wait_for_url(hub.user_url(user, hub.values.default_url) + "*", timeout=120_000)
        harness.wait_rendered(watch.page, 120_000)
        watch.assert_clean()
    hub.note_processes()
    yield opened
    for watch in opened.values():
        watch.page.context.close()
        assert not watch.errors, watch.errors


def log_meeting(watch, hub: Hub, user: str) -> None:
    person, note = MEETINGS[user]
    page = watch.page
    watch.open(hub.user_url(user, LOG_PAGE), timeout=120_000)
    page.locator(".oo-log-person input").fill(person)
    page.locator(".oo-log-notes textarea").fill(note)
    page.locator(".oo-log-save").click()
    page.locator(".oo-log-message").get_by_text("Saved").wait_for()
    page.locator(".oo-log-table").get_by_text(person).wait_for()
    watch.assert_clean()


def test_each_user_lands_on_the_start_page_of_their_own_server(hub, sessions):
    for user, watch in sessions.items():
        assert watch.page.url.startswith(hub.user_url(user, hub.values.default_url))
        assert watch.page.locator("#rendered_cells").inner_text().strip()


def test_each_user_sees_and_stores_only_their_own_meeting(hub, sessions):
    for user in USERS:
        log_meeting(sessions[user], hub, user)
    hub.note_processes()
    for user, other in (("anna", "bram"), ("bram", "anna")):
        page = sessions[user].page
        page.reload(wait_until="domcontentloaded")
        harness.wait_rendered(page, 120_000)
        sessions[user].assert_clean()
        text = page.inner_text("body")
        assert MEETINGS[user][0] in text
        assert MEETINGS[other][0] not in text and MEETINGS[other][1] not in text

        store = Store.open(hub.store_file(user), backup=False)
        try:
            meetings = store.meetings()
        finally:
            store.close()
        assert [(m.person, m.notes) for m in meetings] == [MEETINGS[user]]


def test_no_file_of_one_user_holds_the_others_words(hub, sessions):
    for user, other in (("anna", "bram"), ("bram", "anna")):
        assert hub.store_file(user).exists()
        for word in MEETINGS[other]:
            for file in (hub.homes / user).rglob("*"):
                if file.is_file():
                    assert word.encode() not in file.read_bytes(), f"{other}'s words in {file}"


def test_the_app_s_own_configuration_applies_on_the_hub(hub, sessions):
    # config/voila.py (on JUPYTER_CONFIG_PATH by extraEnv) gives Voila the oneonone template:
    # a file tree address opens the start page instead of listing the repository.
    watch = sessions["bram"]
    watch.page.goto(hub.user_url("bram", "voila/tree"), wait_until="domcontentloaded")
    watch.page.wait_for_url(hub.user_url("bram", hub.values.default_url) + "*")
    harness.wait_rendered(watch.page, 120_000)
    watch.assert_clean()


def test_anna_cannot_open_bram_s_server(hub, sessions):
    page = sessions["anna"].page
    sessions["anna"].expect_console_error(r"status of 403 \(Forbidden\)")  # the refusal itself
    response = page.goto(hub.user_url("bram", LOG_PAGE), wait_until="domcontentloaded")
    # Bram's server sends a browser without its cookie to the hub to authorize, and the hub
    # refuses anna there: she never reaches his server, so no page of his is rendered for her.
    assert response.status == 403, (response.status, page.url)
    assert page.url.startswith(f"{hub.url}/hub/api/oauth2/authorize?client_id=jupyterhub-user-bram")
    assert MEETINGS["bram"][0] not in page.inner_text("body")
    refusals = [line for line in hub.output().splitlines() if "not allowed to access" in line]
    assert any("User(anna " in line and "Server at /user/bram/" in line for line in refusals)


def test_the_idle_culler_runs_with_the_documented_values(hub):
    hub.note_processes()
    cullers = [words for words in hub.running() if "jupyterhub_idle_culler" in words]
    assert cullers == [hub.values.culler_command()]
    # It has asked the hub for the users, with the scopes of its role: no 403.
    log = hub.output()
    asked = [line for line in log.splitlines() if "(idle-culler@127.0.0.1)" in line]
    assert any(" 200 GET /hub/api/users" in line for line in asked), asked
    assert not [line for line in asked if " 403 " in line], asked
