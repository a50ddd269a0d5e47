"""A workshop server attacked the way a participant in the room could: every try is refused.

A real workshop server on loopback. Participant Ann opens a page in Chromium; a second client
(with no cookie, with participant Bob's cookie, with a forged one) then tries Ann's kernel
through every per-kernel URL: the channels websocket, the kernel model and its DELETE, Voila's
shutdown. All get 403, the server log names no secret, and Ann's page still works. A client
without the room code cannot become a participant at all; with it, a browser joins.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import VoilaServer, wait_rendered
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from oneonone_kit.web import workshop
from oneonone_kit.web.webapp import is_memory_filesystem

pytestmark = pytest.mark.e2e

# Voila writes the page's kernel id into the page config of its HTML.
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """A workshop server with its participant stores in memory."""
    base = Path("/dev/shm")
    if not (base.is_dir() and is_memory_filesystem(base)):
        pytest.fail("no tmpfs at /dev/shm: the attack tier needs the stores in memory")
    ram = Path(tempfile.mkdtemp(prefix="oo-attack-", dir=base))
    home = tmp_path_factory.mktemp("attack") / "home"
    home.mkdir()
    server = VoilaServer(
        home, extra_env={"ONEONONE_MODE": "workshop", "ONEONONE_RAM_DIR": str(ram)}
    )
    yield server
    if server.proc.poll() is None:
        server.stop()
    shutil.rmtree(ram, ignore_errors=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(
    url: str, method: str = "GET", cookie: str = "", headers: dict | None = None
) -> tuple[int, dict, bytes]:
    """Status, headers and body of one HTTP request, redirects not followed."""
    all_headers = {"Cookie": cookie} if cookie else {}
    all_headers.update(headers or {})
    data = b"" if method in ("POST", "PUT") else None
    req = urllib.request.Request(url, method=method, headers=all_headers, data=data)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=60) as response:
            return response.status, _headers(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, _headers(error.headers), error.read()


def _headers(message) -> dict:
    """The response headers; "cookies" lists the names of every cookie set, and
    "Set-Cookie:<name>" holds that cookie's ``name=value``."""
    found = dict(message)
    found["cookies"] = [c.split("=", 1)[0] for c in message.get_all("Set-Cookie") or []]
    for cookie in message.get_all("Set-Cookie") or []:
        found["Set-Cookie:" + cookie.split("=", 1)[0]] = cookie.split(";", 1)[0]
    return found


def websocket_status(url: str, cookie: str = "") -> int:
    """101 when the websocket opens, else the HTTP status the server answered."""

    async def attempt() -> int:
        req = HTTPRequest(url, headers={"Cookie": cookie} if cookie else {}, request_timeout=30)
        try:
            connection = await websocket_connect(req)
        except HTTPClientError as error:
            return error.code
        connection.close()
        return 101

    # Playwright's sync API keeps an event loop running in this thread: use another one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, attempt()).result()


def new_participant_cookie(server: VoilaServer) -> str:
    """A cookie the server issues to a new browser (``name=value``), without opening a page."""
    status, headers, _ = request(server.render_url("notebooks/start.ipynb"))
    assert status == 302 and workshop.COOKIE in headers["cookies"]
    return headers["Set-Cookie:" + workshop.COOKIE]


@pytest.fixture(scope="module")
def ann(room, browser):
    """Participant Ann with her start page open, its kernel id and her cookie."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    from conftest import PageWatch

    watch = PageWatch(page)
    watch.open(room.render_url("notebooks/start.ipynb"))
    [cookie] = [c for c in context.cookies() if c["name"] == workshop.COOKIE]
    kernels = set(KERNEL_ID.findall(page.content()))
    assert len(kernels) == 1, kernels
    yield watch, kernels.pop(), f"{workshop.COOKIE}={cookie['value']}"
    context.close()


def attackers(room: VoilaServer, ann_cookie: str) -> dict[str, str]:
    ann_id = ann_cookie.split("=", 1)[1].split(".")[0]
    return {
        "no cookie": "",
        "another participant": new_participant_cookie(room),
        "forged signature": f"{workshop.COOKIE}={ann_id}.{'B' * 43}",
        "unsigned id": f"{workshop.COOKIE}={ann_id}",
    }


def assert_page_still_works(watch) -> None:
    """Ann's page still reaches its kernel: preparing her workbook file gives a link."""
    page = watch.page
    page.locator(".oo-data-export").click()
    page.locator(".oo-data-downloads a").first.wait_for()
    watch.assert_clean()


def test_the_rightful_participant_reaches_her_kernel(room, ann):
    _, kernel, cookie = ann
    ws = room.url.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels"
    assert websocket_status(ws, cookie) == 101
    status, _, body = request(f"{room.url}/api/kernels/{kernel}", cookie=cookie)
    assert status == 200 and kernel.encode() in body


def test_nobody_else_opens_the_kernel_channels(room, ann):
    watch, kernel, cookie = ann
    ws = room.url.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels"
    refused = {who: websocket_status(ws, c) for who, c in attackers(room, cookie).items()}
    assert refused == dict.fromkeys(refused, 403)
    assert_page_still_works(watch)


def test_nobody_else_shuts_the_page_down_or_reads_the_kernel(room, ann):
    watch, kernel, cookie = ann
    xsrf = {"X-XSRFToken": "made-up"}  # with a matching self-made _xsrf cookie
    results = {}
    for who, attacker in attackers(room, cookie).items():
        jar = "; ".join(filter(None, ["_xsrf=made-up", attacker]))
        for method, path in (
            ("POST", f"/voila/api/shutdown/{kernel}"),
            ("DELETE", f"/api/kernels/{kernel}"),
            ("GET", f"/api/kernels/{kernel}"),
            ("GET", f"/api/kernels/{kernel}/channels"),
        ):
            status, _, _ = request(room.url + path, method, jar, xsrf)
            results[(who, method, path)] = status
    assert results == dict.fromkeys(results, 403)
    assert_page_still_works(watch)


def test_files_and_static_paths_give_nothing_away(room, ann):
    _, _, cookie = ann
    for cookie_sent in ("", cookie):
        for path in (
            "/voila/files/oneonone_kit/web/guard.py",
            "/voila/files/notebooks/../pyproject.toml",
            "/voila/files/%2e%2e/%2e%2e/etc/passwd",
            "/voila/static/..%2f..%2fpyproject.toml",
            "/voila/templates/..%2f..%2fpyproject.toml",
            "/voila/render/tests/e2e/conftest.py",
            "/voila/render/notebooks/../tests/notebooks",
        ):
            status, headers, body = request(room.url + path, cookie=cookie_sent)
            # Refused (403/404); Voila answers a malformed template path with 500 (an
            # assertion in its handler), and a render outside the workbook folders with a
            # redirect to its /voila/files/ URL, which is refused in turn.
            assert status in (302, 403, 404, 500), (path, status)
            if status == 302:
                target = headers["Location"]
                status, _, body = request(room.url + target, cookie=cookie_sent)
                assert status in (403, 404), (path, target, status)
            assert b"import" not in body and b"[project]" not in body


def test_refusals_are_logged_without_any_secret(room, ann):
    _, kernel, cookie = ann
    forged = attackers(room, cookie)["forged signature"]
    assert (
        websocket_status(
            room.url.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels", forged
        )
        == 403
    )
    log = room.output()
    refusals = [line for line in log.splitlines() if "Refused" in line]
    assert refusals and all(kernel in line for line in refusals)
    assert any("forged cookie" in line for line in refusals)
    ann_id, signature = cookie.split("=", 1)[1].split(".")
    assert ann_id not in log and signature not in log


def kernel_processes(server: VoilaServer) -> int:
    """How many kernels the server runs right now (its ipykernel child processes)."""
    import psutil

    children = psutil.Process(server.proc.pid).children(recursive=True)
    marks = {"oneonone_kit.web.kernel", "ipykernel_launcher"}
    return sum(1 for child in children if marks & set(child.cmdline()))


@pytest.mark.parametrize(
    "query, words",
    [("", b"Room code"), ("lang=nl", b"Toegangscode"), ("room=WRONG-CODE", b"not this workshop")],
)
def test_without_the_room_code_nobody_becomes_a_participant(room, query, words):
    before = kernel_processes(room)
    url = room.render_url("notebooks/start.ipynb", query, room=False)
    for jar in ("", f"{workshop.COOKIE}={'A' * 43}.{'B' * 43}"):
        status, headers, body = request(url, cookie=jar)
        assert status == 403 and workshop.COOKIE not in headers["cookies"], (query, jar, status)
        assert words in body and b'<form class="oo-room-form"' in body
    assert kernel_processes(room) == before  # no page was started for them


def test_with_the_room_code_a_browser_joins(room, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        from conftest import PageWatch

        watch = PageWatch(context.new_page())
        page = watch.page
        page.goto(room.render_url("notebooks/start.ipynb", "lang=nl", room=False))
        page.get_by_label("Toegangscode").fill(room.room_code.lower().replace("-", " "))
        page.get_by_role("button", name="Meedoen").click()
        page.wait_for_url("**/voila/render/notebooks/start.ipynb?lang=nl&oo_cookie=1")
        wait_rendered(page)
        watch.assert_clean()
        assert "Workshopmodus" in page.locator(".oo-workshop-banner").inner_text()
        assert [c["name"] for c in context.cookies()].count(workshop.COOKIE) == 1
    finally:
        context.close()


def test_only_the_owner_closes_her_page(room, ann):
    """Last: Ann's own shutdown (as her browser sends it on leaving) still works."""
    _, kernel, cookie = ann
    jar = f"_xsrf=mine; {cookie}"
    status, _, _ = request(
        f"{room.url}/voila/api/shutdown/{kernel}", "POST", jar, {"X-XSRFToken": "mine"}
    )
    assert status == 204
    status, _, _ = request(f"{room.url}/api/kernels/{kernel}", cookie=cookie)
    assert status == 403  # the kernel is gone, and so is its owner
