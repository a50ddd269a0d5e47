"""The published web app in a real browser: start page, workshop mode, file bridge, group view.

Every test here runs with the network blocked (Chromium resolves nothing but 127.0.0.1), so a
page that renders here renders in a room without internet.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT, PageWatch, VoilaServer, wait_rendered

from oneonone_kit.insight.summary import summary_json
from oneonone_kit.web.webapp import is_memory_filesystem

pytestmark = pytest.mark.e2e

LANGS = ("en", "nl")


def workbook_notebooks(lang: str) -> set[str]:
    """Every chapter and exercise notebook of one language, as paths from the repository root."""
    found = set()
    for tree, pattern in (("notebooks", "[0-9][0-9]_*.ipynb"), ("exercises", "*.ipynb")):
        found |= {p.relative_to(ROOT).as_posix() for p in (ROOT / tree / lang).glob(pattern)}
    return found


def served_path(page_url: str, href: str) -> str:
    """The repository path a link on a page points to (``notebooks/en/01_mindset.ipynb``)."""
    path = urlsplit(urljoin(page_url, href)).path
    return path.split("/voila/render/", 1)[1]


def choose_files(page, button: str, files) -> None:
    """Pick files with an ipywidgets FileUpload: its <input type=file> is never in the page,
    so answer the file chooser its button opens."""
    with page.expect_file_chooser() as chooser:
        page.locator(button).click()
    chooser.value.set_files(files)


def new_page(browser, width: int = 1280) -> tuple[object, PageWatch]:
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, PageWatch(page)


@pytest.fixture
def outside_requests(watch):
    """Requests beyond 127.0.0.1 that the browser actually tried to send, with why they failed.

    Our template's Content Security Policy stops Voila's CDN stylesheet before it is sent
    (failure "csp"); anything else would have needed the internet.
    """
    seen: list[tuple[str, str]] = []

    def note(request) -> None:
        if urlsplit(request.url).hostname not in ("127.0.0.1", None):
            seen.append((request.url, request.failure or "sent"))

    watch.page.on("requestfailed", note)
    watch.page.on("requestfinished", note)
    return seen


# ---- the start page --------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_start_page_opens_from_the_root_and_links_every_notebook(voila, watch, lang):
    page = watch.page
    page.goto(f"{voila.url}/?lang={lang}", wait_until="domcontentloaded")
    page.wait_for_url("**/voila/render/notebooks/start.ipynb*")
    wait_rendered(page)
    watch.assert_clean()
    title = {"en": "One-on-ones that belong to the employee", "nl": "Eén-op-ééngesprekken"}[lang]
    assert title in page.locator(".oo-start-header h1").inner_text()
    hrefs = [a.get_attribute("href") for a in page.locator(".oo-card a").all()]
    linked = {served_path(page.url, href) for href in hrefs}
    assert workbook_notebooks(lang) <= linked
    assert {p.split("/")[1] for p in linked} == {lang}
    assert page.locator(".oo-data-panel").count() == 1
    assert page.locator(".oo-card-time").count() == len(hrefs)


def test_a_card_opens_its_chapter(voila, watch):
    page = watch.page
    watch.open(voila.render_url("start.ipynb", "lang=nl"))
    page.locator(".oo-chapter-cards a").nth(1).click()
    page.wait_for_url("**/notebooks/nl/01_mindset.ipynb")
    wait_rendered(page)
    watch.assert_clean()
    assert "Houding" in page.locator("h1").first.inner_text()


def test_the_repository_tree_is_not_listed(voila, watch):
    page = watch.page
    page.goto(f"{voila.url}/voila/tree/oneonone_kit", wait_until="domcontentloaded")
    page.wait_for_url("**/voila/render/notebooks/start.ipynb")
    wait_rendered(page)
    assert "store.py" not in page.inner_text("body")


def test_offline_the_start_page_renders_fully(voila, watch, outside_requests):
    page = watch.page
    page.goto(f"{voila.url}/", wait_until="domcontentloaded")
    page.wait_for_url("**/voila/render/notebooks/start.ipynb")
    wait_rendered(page)
    watch.assert_clean()
    assert page.locator(".oo-card").count() >= 10
    assert page.locator(".oo-data-export").is_visible()
    assert page.locator(".oo-card-title").first.bounding_box()["height"] > 0
    sent = [(url, why) for url, why in outside_requests if why != "csp"]
    assert sent == [], "the start page needs something beyond this server"


def test_offline_the_log_and_its_charts_render_fully(demo_voila, watch):
    page = watch.page
    watch.open(demo_voila.render_url("en/05_my_log.ipynb"))
    chart = page.locator(".oo-dash-chart img").first
    assert chart.get_attribute("src").startswith("data:image/png;base64,")
    assert chart.get_attribute("alt")
    assert page.locator(".oo-log-table").get_by_text("(demo)").first.is_visible()


# ---- workshop mode ---------------------------------------------------------------------------
@pytest.fixture
def ram_dir():
    """A folder in memory for the workshop server's participant stores (``ONEONONE_RAM_DIR``
    names another memory file system than /dev/shm). Without one the workshop tests fail, never
    skip: a skipped test would pass without checking anything."""
    base = Path(os.environ.get("ONEONONE_RAM_DIR") or "/dev/shm")
    if not (base.is_dir() and is_memory_filesystem(base)):
        pytest.fail(
            f"{base} is not a memory file system (tmpfs): mount one there, or set "
            "ONEONONE_RAM_DIR to a tmpfs folder, to run the workshop tests."
        )
    folder = Path(tempfile.mkdtemp(prefix="oo-e2e-", dir=base))
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    folder.rmdir()


@pytest.fixture
def workshop_server(tmp_path, ram_dir):
    home = tmp_path / "home"
    home.mkdir()
    server = VoilaServer(
        home, extra_env={"ONEONONE_MODE": "workshop", "ONEONONE_RAM_DIR": str(ram_dir)}
    )
    yield server
    if server.proc.poll() is None:
        server.stop()


def log_meeting(watch: PageWatch, server: VoilaServer, person: str, notes: str = "") -> None:
    page = watch.page
    watch.open(server.render_url("en/05_my_log.ipynb"))
    page.locator(".oo-log-person input").fill(person)
    if notes:
        page.locator(".oo-log-notes textarea").fill(notes)
    page.locator(".oo-log-need-growth input").check()
    page.locator(".oo-log-save").click()
    page.locator(".oo-log-message").get_by_text("Saved").wait_for()
    watch.assert_clean()


def listed_people(watch: PageWatch, server: VoilaServer) -> str:
    """The meeting list as a new page (a new kernel) of the same browser shows it."""
    watch.open(server.render_url("en/05_my_log.ipynb"))
    return watch.page.locator(".oo-log-table").inner_text()


def test_workshop_participants_never_see_each_others_data(browser, workshop_server, ram_dir):
    ann_context, ann = new_page(browser)
    bob_context, bob = new_page(browser)
    try:
        log_meeting(ann, workshop_server, "Ann's colleague")
        log_meeting(bob, workshop_server, "Bob's colleague")
        ann_list, bob_list = (
            listed_people(ann, workshop_server),
            listed_people(bob, workshop_server),
        )
        assert "Ann's colleague" in ann_list and "Bob's colleague" not in ann_list
        assert "Bob's colleague" in bob_list and "Ann's colleague" not in bob_list
        banner = ann.page.locator(".oo-workshop-banner").inner_text()
        assert "never on its disk" in banner
        where = ann.page.locator(".oo-data-where").inner_text()
        assert "All pages you open in this browser share it" in where
        [cookie] = [c for c in ann_context.cookies() if c["name"] == "oneonone_participant"]
        assert cookie["httpOnly"] and cookie["expires"] == -1  # gone when the browser closes
        [folder] = list(ram_dir.iterdir())
        assert len(list(folder.glob("*.sqlite3"))) == 2
    finally:
        ann_context.close()
        bob_context.close()
    workshop_server.stop()
    assert list(workshop_server.home.rglob("*")) == [], "nothing on the server's disk"
    assert not workshop_server.home.parent.joinpath("home", "oneonone.sqlite3").exists()
    assert list(ram_dir.iterdir()) == [], "the memory stores go with the server"


def test_workshop_file_download_then_upload_restores_everything(browser, workshop_server, tmp_path):
    first_context, first = new_page(browser)
    later_context, later = new_page(browser)
    try:
        log_meeting(first, workshop_server, "Robin", notes="Wants to lead the next release.")
        page = first.page
        watch_panel = page.locator(".oo-data-panel")
        assert "Continue from my file" in watch_panel.inner_text()
        page.locator(".oo-data-export").click()
        link = page.locator(".oo-data-downloads a").first
        link.wait_for()
        assert "my workbook file" in link.inner_text()
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        exported = json.loads(saved.read_text("utf-8"))
        assert [m["person"] for m in exported["meetings"]] == ["Robin"]

        # Next time: a new browser session starts empty and continues from the file.
        page = later.page
        later.open(workshop_server.render_url("en/05_my_log.ipynb"))
        assert "Robin" not in page.locator(".oo-log-table").inner_text()
        choose_files(page, ".oo-data-upload", str(saved))
        page.locator(".oo-data-import").click()
        page.locator(".oo-data-message").get_by_text("Imported").wait_for()
        later.assert_clean()
        page.locator(".oo-data-export").click()
        link = page.locator(".oo-data-downloads a").first
        link.wait_for()
        with page.expect_download() as download:
            link.click()
        again = json.loads(Path(download.value.path()).read_text("utf-8"))
    finally:
        first_context.close()
        later_context.close()
    for data in (exported, again):
        data.pop("exported_at")
    assert again == exported


# ---- the facilitator's group view ------------------------------------------------------------
def write_summaries(folder: Path, count: int) -> list[str]:
    """``count`` participants' summaries, made by the real builder from real records."""
    import datetime as dt

    from oneonone_kit.insight.summary import build_summary, item_keys, new_token
    from oneonone_kit.model import Assessment, Meeting

    today = dt.date(2026, 11, 22)
    paths = []
    for index in range(count):
        meetings = [
            Meeting.create(
                today=today,
                date=(today - dt.timedelta(days=7 * w)).isoformat(),
                person=f"Person {index}",
                planned_minutes=30,
                needs="guidance",
            )
            for w in range(1, 8)
        ]
        needs = Assessment.create(kind="needs", answers={k: 2 + index for k in item_keys("needs")})
        summary = build_summary(meetings, [], [], [needs], today=today, token=new_token())
        path = folder / f"summary-{index}.json"
        path.write_bytes(summary_json(summary))
        paths.append(str(path))
    return paths


def test_group_view_combines_three_summaries_and_refuses_two(voila, watch, tmp_path):
    page = watch.page
    watch.open(voila.render_url("facilitator/cohort.ipynb", "lang=en"))
    files = write_summaries(tmp_path, 3)
    choose_files(page, ".oo-cohort-upload", files)
    page.locator(".oo-cohort-show").click()
    page.locator(".oo-cohort-message").get_by_text("A group of 3 participants").wait_for()
    result = page.locator(".oo-cohort-result")
    assert result.locator("table.oo-cohort-needs tr.oo-cohort-row").count() == 7
    assert "neglected by 3 of 3" in result.locator("ol.oo-cohort-neglected").inner_text()
    assert "Person" not in result.inner_text()
    watch.assert_clean()

    choose_files(page, ".oo-cohort-upload", files[:2])
    page.locator(".oo-cohort-show").click()
    page.locator(".oo-cohort-message").get_by_text("needs at least 3").wait_for()
    assert page.locator(".oo-cohort-result table").count() == 0


def test_summary_button_downloads_a_file_the_group_view_accepts(voila, watch, tmp_path):
    page = watch.page
    watch.open(voila.render_url("start.ipynb"))
    page.locator(".oo-data-summary").click()
    link = page.locator(".oo-data-summary-link a")
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    summary = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert summary["format"] == "oneonone-summary"
    assert os.path.basename(download.value.suggested_filename).startswith("oneonone-summary-")


def test_the_facilitator_section_downloads_printable_cards_as_a_pdf(voila, watch):
    page = watch.page
    watch.open(voila.render_url("start.ipynb", "lang=nl"))
    page.locator(".oo-print-make").click()
    link = page.locator(".oo-print-download a")
    link.wait_for(timeout=90_000)  # matplotlib loads on this first click
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "oneonone-cards-nl.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    watch.assert_clean()


# ---- the documented deployment recipe --------------------------------------------------------
def token_recipe() -> list[str]:
    """The command of docs/deploy.md's token recipe, as a list of arguments."""
    text = (ROOT / "docs" / "deploy.md").read_text("utf-8")
    block = re.search(r"<!-- recipe:token.*?```sh\n(.*?)```", text, re.S).group(1)
    command = block.replace("\\\n", " ").splitlines()[-1]
    assert command.startswith("ONEONONE_MODE=workshop ")
    return shlex.split(command.removeprefix("ONEONONE_MODE=workshop "))


def test_the_documented_token_recipe_serves_the_room(browser, tmp_path, ram_dir):
    from conftest import free_port

    port, token = free_port(), "room-token-for-test"
    argv = [
        arg.replace("$ONEONONE_TOKEN", token)
        .replace("0.0.0.0", "127.0.0.1")
        .replace("8866", str(port))
        for arg in token_recipe()
    ]
    argv[0] = str(ROOT / argv[0]) if argv[0].startswith(".venv") else argv[0]
    env = dict(
        os.environ,
        ONEONONE_MODE="workshop",
        ONEONONE_HOME=str(tmp_path / "home"),
        ONEONONE_RAM_DIR=str(ram_dir),
        ONEONONE_ROOM_CODE="Recipe-Room-7",
    )
    log = open(tmp_path / "recipe.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/?token={token}", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None and time.monotonic() < deadline, log.read()
                time.sleep(0.3)
        context, watch = new_page(browser)
        try:
            stranger = watch.page.goto(f"{url}/voila/render/notebooks/start.ipynb")
            assert "/login" in watch.page.url and stranger.status == 200
            watch.page.goto(
                f"{url}/?token={token}&room=recipe-room-7&lang=nl", wait_until="domcontentloaded"
            )
            watch.page.wait_for_url("**/voila/render/notebooks/start.ipynb*")
            wait_rendered(watch.page)
            watch.assert_clean()
            assert "Workshopmodus" in watch.page.locator(".oo-workshop-banner").inner_text()
        finally:
            context.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    assert list(ram_dir.iterdir()) == []
    assert not (tmp_path / "home").exists()
