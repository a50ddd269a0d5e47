"""The prelaunch hook and the kernel guard behind a real tornado server on loopback.

Each test sends real HTTP requests (``http.client``, headers as a browser would send them) to a
tornado application in this process: its page handler runs :func:`webapp.prelaunch_hook` as
Voila's notebook renderer does (``prelaunch_hook(handler, notebook=..., cwd=...)``), and its
kernel handler asks the real :class:`guard.ParticipantIdentityProvider` first, as every Jupyter
handler does. Cookies, redirects, ``Set-Cookie`` flags, status codes and error pages are
tornado's own, so the tests see what a browser would: a Cookie header with other cookies, a
proxy's ``X-Forwarded-Proto``, an error page's words.
"""

from __future__ import annotations

import asyncio
import html
import http.client
import json
import logging
import ssl
import threading
from http.cookies import SimpleCookie
from pathlib import Path

import nbformat
import pytest
import tornado
from jupyter_server.services.contents.filemanager import FileContentsManager
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets
from tornado.web import Application, HTTPError, RequestHandler

from oneonone_kit.web import guard, webapp, workshop
from oneonone_kit.web import room as door

ROOT = Path(__file__).resolve().parents[2]
ROOM_CODE = "ABCD-2345"
ANN = "A" * 43
BOB = "B" * 43
FIRST_CELL = "from oneonone_kit import ui"


class RoomKernels(guard.ParticipantKernelManager):
    """The guard's kernel manager with its record of owners filled by the test (no processes):
    every recorded kernel counts as an open page."""

    def list_kernel_ids(self) -> list[str]:
        return list(self.owners)


class PageHandler(RequestHandler):
    """Voila's render handler, as far as the hook sees it: the request, ``base_url``, the contents
    manager (root) and the kernel manager; the page it renders lists the notebook's cells."""

    def initialize(self, contents_manager, kernel_manager) -> None:
        self.base_url = "/"
        self.contents_manager = contents_manager
        self.kernel_manager = kernel_manager

    def get(self, path: str) -> None:
        book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FIRST_CELL)])
        cwd = path.rpartition("/")[0]
        book = webapp.prelaunch_hook(self, notebook=book, cwd=cwd) or book
        self.write({"cells": [cell.source for cell in book.cells]})

    def write_error(self, status_code: int, **kwargs) -> None:
        # As jupyter_server's error page: the HTTPError's message, escaped.
        error = kwargs.get("exc_info", (None, None))[1]
        message = error.log_message % error.args if isinstance(error, HTTPError) else ""
        self.finish(f'<p class="oo-error-message">{html.escape(message)}</p>')


class KernelHandler(RequestHandler):
    """A per-kernel URL of Jupyter/Voila: the identity provider runs first, as in every Jupyter
    handler's ``prepare``."""

    def initialize(self, kernel_manager, identity_provider) -> None:
        self.base_url = "/"
        self.kernel_manager = kernel_manager
        self.identity_provider = identity_provider
        self.token = ""  # the server's login token: none, as Voila runs
        self.log = logging.getLogger("test.guard")

    async def prepare(self) -> None:
        user = self.identity_provider.get_user(self)
        if asyncio.iscoroutine(user):
            await user

    def get(self, kernel_id: str) -> None:
        self.write({"kernel": kernel_id})

    def delete(self, kernel_id: str) -> None:
        self.set_status(204)

    def post(self, kernel_id: str) -> None:  # Voila's shutdown
        self.set_status(204)


class LiveServer:
    """The application above on a free loopback port, run by its own loop in a thread."""

    def __init__(self, root: Path = ROOT, tls: bool = False):
        self.tls = tls
        self.kernels = RoomKernels()
        provider = guard.ParticipantIdentityProvider(token="")
        pages = {"contents_manager": FileContentsManager(root_dir=str(root))}
        pages["kernel_manager"] = self.kernels
        api = {"kernel_manager": self.kernels, "identity_provider": provider}
        self.app = Application(
            [
                (r"/voila/render/(.*)", PageHandler, pages),
                (r"/api/kernels/([^/]*)(?:/channels)?", KernelHandler, api),
                (r"/voila/api/shutdown/([^/]*)", KernelHandler, api),
            ],
            cookie_secret="a test secret",
        )
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        if not ready.wait(10):
            raise RuntimeError("the test server did not start within 10 s")

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        self.loop = IOLoop.current()
        sockets = bind_sockets(0, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        # With tls, HTTPS under the test certificate that ships with tornado.
        certs = Path(tornado.__file__).parent / "test"
        keys = {"certfile": str(certs / "test.crt"), "keyfile": str(certs / "test.key")}
        self.server = HTTPServer(self.app, ssl_options=keys if self.tls else None)
        self.server.add_sockets(sockets)
        ready.set()
        self.loop.start()

    def get(self, path: str, cookie: str = "", method: str = "GET", **headers: str):
        """Send one request; the response with its body read."""
        if self.tls:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=10, context=ssl._create_unverified_context()
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        if cookie:
            headers["Cookie"] = cookie
        connection.request(
            method, path, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )
        response = connection.getresponse()
        response.text = response.read().decode()
        connection.close()
        return response

    def stop(self) -> None:
        def halt() -> None:
            self.server.stop()
            self.loop.stop()

        self.loop.add_callback(halt)
        self.thread.join(10)


@pytest.fixture(scope="module")
def server():
    live = LiveServer()
    yield live
    live.stop()


@pytest.fixture
def live(monkeypatch, tmp_path, server):
    monkeypatch.delenv("ONEONONE_MODE", raising=False)
    monkeypatch.delenv("ONEONONE_LANG", raising=False)
    monkeypatch.delenv(webapp.MAX_PAGES_ENV, raising=False)
    monkeypatch.delenv(webapp.PARTICIPANT_PAGES_ENV, raising=False)
    monkeypatch.setenv(workshop.STORES_ENV, str(tmp_path))
    monkeypatch.setenv(door.ROOM_CODE_ENV, ROOM_CODE)
    monkeypatch.setattr(door, "_room_code", None)
    server.kernels.owners.clear()
    return server


@pytest.fixture
def live_room(live, monkeypatch):
    """A workshop server (the same application, in workshop mode)."""
    monkeypatch.setenv("ONEONONE_MODE", "workshop")
    return live


def set_cookies(response) -> dict[str, dict[str, str]]:
    """Every cookie the response sets: name -> {"value": ..., attribute: value}, as a browser
    reads the Set-Cookie headers (flags such as HttpOnly and Secure map to "flag")."""
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        value, *attributes = rest.split(";")
        parts = {"value": value}
        for attribute in attributes:
            key, eq, val = attribute.strip().partition("=")
            parts[key.lower()] = val if eq else "flag"
        found[name] = parts
    return found


def signed(participant: str | None = None) -> str:
    """A participant cookie this server signed (the test shares the server's process)."""
    return f"{workshop.COOKIE}={workshop.sign_participant(webapp.server_key(), participant)}"


def cells(response) -> list[str]:
    assert response.status == 200, (response.status, response.text)
    return json.loads(response.text)["cells"]


# ---- every server ------------------------------------------------------------------------------
def test_hook_refuses_notebooks_outside_the_workbook(live):
    assert live.get("/voila/render/tests/x.ipynb").status == 404
    assert live.get("/voila/render/oneonone_kit/x.ipynb").status == 404


def test_hook_leaves_local_pages_alone(live):
    response = live.get("/voila/render/notebooks/en/05_my_log.ipynb", "theme=dark")
    assert cells(response) == [FIRST_CELL]
    assert set_cookies(response) == {}


@pytest.mark.parametrize("mode", ["", "workshop"])
def test_hook_refuses_an_unknown_language_in_words_on_the_page(live, monkeypatch, mode):
    monkeypatch.setenv("ONEONONE_MODE", mode)
    response = live.get("/voila/render/notebooks/nl/01_mindset.ipynb?lang=fr")
    assert response.status == 400 and response.reason == "Unknown language"
    said = "Unknown language 'fr' (?lang=): choose one of en, nl."
    assert f'<p class="oo-error-message">{html.escape(said)}</p>' == response.text
    assert set_cookies(response) == {}


def test_hook_serves_the_page_when_oneonone_lang_is_unusable(live, monkeypatch):
    # it used to refuse the page (400); a Voila started directly has nobody else to tell, so
    # the page passes the setting over and its kernel shows the note (test_i18n, test_env)
    monkeypatch.setenv("ONEONONE_LANG", "de")
    response = live.get("/voila/render/notebooks/en/01_mindset.ipynb")
    assert cells(response) == [FIRST_CELL]
    assert webapp.page_lang("", "notebooks/nl") == "nl" and webapp.page_lang("", "x") == "en"


def test_hook_serves_any_notebook_of_another_root(monkeypatch, tmp_path):
    monkeypatch.setenv("ONEONONE_MODE", "")
    other = LiveServer(root=tmp_path)
    try:
        response = other.get("/voila/render/tiny.ipynb")
        assert cells(response) == [FIRST_CELL]
        assert set_cookies(response) == {} and response.getheader("Location") is None
    finally:
        other.stop()


# ---- workshop mode: the participant cookie ------------------------------------------------------
def test_first_workshop_visit_gets_a_private_cookie_and_comes_back(live_room):
    response = live_room.get("/voila/render/notebooks/start.ipynb?lang=nl&room=abcd+2345")
    assert response.status == 302
    assert (
        response.getheader("Location") == "/voila/render/notebooks/start.ipynb?lang=nl&oo_cookie=1"
    )
    cookie = set_cookies(response)[workshop.COOKIE]
    assert workshop.verified_participant(webapp.server_key(), cookie["value"]) is not None
    assert cookie["httponly"] == "flag" and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert "secure" not in cookie  # plain HTTP: a Secure cookie would never come back
    assert "expires" not in cookie and "max-age" not in cookie  # ends with the browser


def first_cookie(server: LiveServer, **headers: str) -> dict[str, str]:
    """The participant cookie a first visit with the room code is given, as set by the server."""
    response = server.get(
        f"/voila/render/notebooks/start.ipynb?lang=en&room={ROOM_CODE}", **headers
    )
    assert response.status == 302, (response.status, response.text)
    return set_cookies(response)[workshop.COOKIE]


@pytest.fixture
def https_room(live_room):
    """The same application served over TLS (a workshop server with its own certificate)."""
    secure = LiveServer(tls=True)
    yield secure
    secure.stop()


def test_behind_https_the_cookie_is_secure(live_room, https_room):
    assert first_cookie(https_room)["secure"] == "flag"
    # Behind a reverse proxy that ends TLS, the proxy says so in X-Forwarded-Proto.
    for proto in ("https", "HTTPS"):
        assert first_cookie(live_room, X_Forwarded_Proto=proto)["secure"] == "flag"
    assert "secure" not in first_cookie(live_room)  # plain HTTP: Secure would lose the cookie
    assert "secure" not in first_cookie(live_room, X_Forwarded_Proto="http")


@pytest.mark.parametrize(
    "header",
    [
        "theme=dark",
        "_xsrf=2|ab|cd|1700000000; theme=dark",
        f"{workshop.COOKIE}=",
        f"{workshop.COOKIE}={ANN}",  # the unsigned cookie of earlier versions
        f"{workshop.COOKIE}={ANN}.{'B' * 43}",  # a signature of the right shape, made up
    ],
)
def test_a_cookie_header_without_a_signed_participant_gets_the_room_form(live_room, header):
    """Any Cookie header is not a participant: only a cookie this server signed is."""
    response = live_room.get("/voila/render/notebooks/en/01_mindset.ipynb", header)
    assert response.status == 403 and response.reason == "Room code needed"
    assert 'name="room"' in response.text
    assert set_cookies(response) == {}


@pytest.mark.parametrize(
    "cookie",
    [
        f"{workshop.COOKIE}={ANN}",
        f"theme=dark; {workshop.COOKIE}={ANN}.{'B' * 43}",
    ],
)
def test_a_made_up_cookie_is_replaced_never_adopted(live_room, cookie):
    response = live_room.get(f"/voila/render/notebooks/start.ipynb?room={ROOM_CODE}", cookie)
    assert response.status == 302 and response.getheader("Location").endswith("oo_cookie=1")
    value = set_cookies(response)[workshop.COOKIE]["value"]
    participant = workshop.verified_participant(webapp.server_key(), value)
    assert participant is not None and participant != ANN


def test_the_cookie_the_server_set_opens_pages_and_names_the_participant(live_room):
    first = live_room.get(f"/voila/render/notebooks/start.ipynb?room={ROOM_CODE}")
    value = set_cookies(first)[workshop.COOKIE]["value"]
    # The browser sends it back among its other cookies.
    back = f"_xsrf=2|ab|cd|1; {workshop.COOKIE}={value}; theme=dark"
    page = live_room.get("/voila/render/notebooks/en/01_mindset.ipynb?oo_cookie=1", back)
    shown = cells(page)
    assert "oo-workshop-banner" in shown[0] and shown[1:] == [FIRST_CELL]
    assert set_cookies(page) == {}
    jar = SimpleCookie()
    jar.load(back)
    participant = workshop.verified_participant(webapp.server_key(), jar[workshop.COOKIE].value)
    assert participant == value.split(".")[0]


@pytest.mark.parametrize("lang, words", [("en", "Allow cookies"), ("nl", "Sta cookies toe")])
def test_a_browser_that_refuses_cookies_is_told_so_not_sent_round_in_circles(
    live_room, lang, words
):
    response = live_room.get(f"/voila/render/notebooks/{lang}/05_my_log.ipynb?oo_cookie=1")
    assert response.status == 403 and response.reason == "Cookie needed"
    assert words in html.unescape(response.text)
    assert response.getheader("Location") is None and set_cookies(response) == {}


# ---- workshop mode: the room code ----------------------------------------------------------------
@pytest.mark.parametrize("lang, label", [("en", "Room code"), ("nl", "Toegangscode")])
def test_a_new_browser_without_the_room_code_is_asked_for_it_not_given_a_cookie(
    live_room, lang, label
):
    response = live_room.get(f"/voila/render/notebooks/{lang}/01_mindset.ipynb?lang={lang}")
    assert response.status == 403 and set_cookies(response) == {}
    assert response.getheader("Location") is None
    page = response.text
    assert f'<html lang="{lang}">' in page and f">{label}</label>" in page
    assert 'action="/voila/render/notebooks/' in page and 'name="room"' in page
    assert f'<input type="hidden" name="lang" value="{lang}">' in page
    assert "oo-room-wrong" not in page


@pytest.mark.parametrize("query", ["room=ABCD-2346", "room=ABCD-2346&oo_cookie=1", "room="])
def test_a_wrong_room_code_is_refused_and_said_so(live_room, query):
    response = live_room.get(f"/voila/render/notebooks/en/x.ipynb?{query}")
    assert response.status == 403 and set_cookies(response) == {}
    assert "That is not this workshop&#x27;s room code" in response.text


def test_the_right_code_is_taken_out_of_the_address(live_room):
    response = live_room.get("/voila/render/notebooks/en/05_my_log.ipynb?room=ABCD-2345&lang=en")
    assert workshop.COOKIE in set_cookies(response)
    location = response.getheader("Location")
    assert location == "/voila/render/notebooks/en/05_my_log.ipynb?lang=en&oo_cookie=1"


def test_workshop_pages_carry_the_banner_in_the_page_language(live_room):
    response = live_room.get("/voila/render/notebooks/en/01_mindset.ipynb?lang=nl", signed())
    banner, *rest = cells(response)
    assert "oo-workshop-banner" in banner and "Workshopmodus" in banner and "12 uur" in banner
    assert rest == [FIRST_CELL] and set_cookies(response) == {}


def test_a_local_server_puts_no_banner_and_sets_no_cookie(live):
    response = live.get("/voila/render/notebooks/en/01_mindset.ipynb?lang=nl", signed())
    assert cells(response) == [FIRST_CELL] and set_cookies(response) == {}


# ---- workshop mode: limits -----------------------------------------------------------------------
def test_a_full_room_gets_a_clear_message(live_room, monkeypatch):
    monkeypatch.setenv(webapp.MAX_PAGES_ENV, "2")
    live_room.kernels.owners.update({"k1": BOB, "k2": None})
    response = live_room.get("/voila/render/notebooks/en/01_mindset.ipynb", signed(ANN))
    assert response.status == 503 and response.reason == "Workshop server is full"
    assert "as many pages open" in response.text
    del live_room.kernels.owners["k2"]  # one page closes: there is room again
    assert cells(live_room.get("/voila/render/notebooks/en/01_mindset.ipynb", signed(ANN)))


def test_one_participant_cannot_fill_the_room(live_room, monkeypatch):
    monkeypatch.setenv(webapp.PARTICIPANT_PAGES_ENV, "3")
    live_room.kernels.owners.update({"k1": ANN, "k2": ANN, "k3": ANN, "k4": BOB})
    response = live_room.get("/voila/render/notebooks/nl/01_mindset.ipynb", signed(ANN))
    assert response.status == 429 and response.reason == "Too many pages open"
    assert "Je hebt 3 pagina&#x27;s" in response.text
    assert cells(live_room.get("/voila/render/notebooks/nl/01_mindset.ipynb", signed(BOB)))
    del live_room.kernels.owners["k3"]
    assert cells(live_room.get("/voila/render/notebooks/nl/01_mindset.ipynb", signed(ANN)))


# ---- the guard: per-kernel requests ------------------------------------------------------------
@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/api/kernels/k-ann/channels"),
        ("GET", "/api/kernels/k-ann"),
        ("DELETE", "/api/kernels/k-ann"),
        ("POST", "/voila/api/shutdown/k-ann"),
    ],
)
def test_only_the_owner_reaches_her_kernel(live_room, method, path, caplog):
    live_room.kernels.owners.update({"k-ann": ANN, "k-bob": BOB})
    ann = f"_xsrf=2|ab|cd|1; {signed(ANN)}"
    allowed = 200 if method == "GET" else 204
    assert live_room.get(path, ann, method=method).status == allowed
    others = {
        "bob": signed(BOB),
        "none": "",
        "other cookies only": "_xsrf=2|ab|cd|1; theme=dark",
        "forged": f"{workshop.COOKIE}={ANN}.{'B' * 43}",
        "unsigned": f"{workshop.COOKIE}={ANN}",
    }
    with caplog.at_level(logging.WARNING, logger="test.guard"):
        for who, cookie in others.items():
            assert live_room.get(path, cookie, method=method).status == 403, who
    lines = [r.getMessage() for r in caplog.records if r.name == "test.guard"]
    assert len(lines) == len(others) and all(path in line for line in lines)
    assert "nobody" in lines[1] and "forged" in lines[3]
    text = "\n".join(lines)
    assert ANN not in text and BOB not in text


def test_a_kernel_nobody_owns_is_refused_to_everyone(live_room):
    live_room.kernels.owners.update({"k-none": None})
    for cookie in ("", signed(ANN), signed()):
        assert live_room.get("/api/kernels/k-none/channels", cookie).status == 403
    assert live_room.get("/api/kernels/k-gone/channels", signed(ANN)).status == 403
