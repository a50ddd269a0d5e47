"""Tier 3 harness: a real Voila server on a free loopback port, driven by headless Chromium.

Requests to anything but 127.0.0.1 are refused by Chromium's host resolver (not Playwright's
``route()``, which makes Chromium drop Voila's kernel-shutdown request), and the page watcher
(:class:`PageWatch`) names every one a page tried. A page that shows a traceback, raises a page
error, asks for anything beyond this server or logs a console error (other than those on
:data:`CONSOLE_ALLOWED`) fails its test.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from oneonone_kit.web.webapp import config_flags

# Chromium's path and flags, and the one `browser` fixture, are shared with the JupyterHub tier
# (tests/conftest.py); the tools and benchmarks import them from here.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from chromium_setup import CHROMIUM, CHROMIUM_ARGS  # noqa: E402, F401 (re-exported)

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-22"
ROOM_CODE = "E2E-ROOM-42"  # the room code of the test tier's workshop servers
BAD_TEXT = (
    "Traceback",
    "There was an error when executing cell",
    "Failed to load model class",
    "Error displaying widget",
    "Something went wrong and nothing was saved",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VoilaServer:
    """A Voila process serving the repository (or another root) on 127.0.0.1.

    With the repository as root (the default) the server is the web app itself: the repo's
    voila.json and config/voila.py apply, "/" opens the start page and only ``notebooks/`` and
    ``exercises/`` render. Another root gets the app's page template too, so its pages ask
    nothing of the internet ("/" there opens a start page that only the repository has);
    ``template="lab"`` gives Voila's plain one (the benchmark's floor).
    ``extra_args`` go last on Voila's command line (e.g. the benchmark's preheat flags).
    """

    def __init__(
        self,
        home: Path,
        root: Path = ROOT,
        extra_env=None,
        extra_args=(),
        template: str | None = None,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.home = home
        self.root = Path(root)
        env = dict(os.environ, ONEONONE_HOME=str(home), ONEONONE_TODAY=TODAY)
        for name in ("ONEONONE_MODE", "ONEONONE_WORKSHOP_STORES"):
            env.pop(name, None)
        env.update(extra_env or {})
        # A workshop server admits new participants with the room code only: the harness
        # sets one and puts it in every page address (ignored once a browser has its cookie).
        self.room_code: str | None = None
        if env.get("ONEONONE_MODE") == "workshop":
            self.room_code = env.setdefault("ONEONONE_ROOM_CODE", ROOM_CODE)
        args = [
            sys.executable,
            "-m",
            "voila",
            str(self.root),
            "--no-browser",
            f"--port={self.port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            *config_flags(ROOT),
            "--VoilaConfiguration.show_tracebacks=True",
        ]
        if template is not None:
            args.append(f"--VoilaConfiguration.template={template}")
        args += list(extra_args)
        self.log = open(home.parent / f"voila-{self.port}.log", "w+")  # noqa: SIM115
        self.proc = subprocess.Popen(
            args,
            cwd=home.parent,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Voila exited early:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"Voila did not answer within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def render_url(self, notebook: str, query: str = "", room: bool = True) -> str:
        """The page of ``notebook``: a path from the root, or from ``notebooks/`` (the older form
        ``en/05_my_log.ipynb``) when the root is the repository. On a workshop server the
        address carries the room code unless ``room`` is False."""
        path = notebook.lstrip("/")
        first = path.split("/", 1)[0]
        if self.root.resolve() == ROOT.resolve() and first not in ("notebooks", "exercises"):
            path = f"notebooks/{path}"
        if room and self.room_code:
            query = "&".join(filter(None, [query, f"room={self.room_code}"]))
        return f"{self.url}/voila/render/{path}" + (f"?{query}" if query else "")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def voila(tmp_path_factory) -> Iterator[VoilaServer]:
    home = tmp_path_factory.mktemp("voila") / "home"
    home.mkdir()
    server = VoilaServer(home)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def demo_voila(tmp_path_factory) -> Iterator[VoilaServer]:
    """A server whose learner already has the demo log (for journeys that need history)."""
    home = tmp_path_factory.mktemp("voila-demo") / "home"
    home.mkdir()
    code = (
        "from oneonone_kit.log.store import Store; from oneonone_kit.log.demo import load_demo;"
        "s = Store.open(); load_demo(s); s.close()"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        env=dict(os.environ, ONEONONE_HOME=str(home), ONEONONE_TODAY=TODAY),
    )
    server = VoilaServer(home)
    yield server
    server.stop()


def click_scale(page, css_class: str, score: int) -> None:
    """Click the button ``score`` of a rating scale (ToggleButtons with class ``css_class``)."""
    page.locator(f".{css_class}").get_by_role("button", name=str(score), exact=True).click()


# Console errors a browser test may see, each with the reason it is not ours to fix. Every
# other console error fails the test (a test that provokes one on purpose says so with
# PageWatch.expect_console_error).
# Each pattern is searched in "<message> (at <address>)".
CONSOLE_ALLOWED: tuple[tuple[str, str], ...] = (
    (
        r"status of 403 \(Forbidden\) \(at http://127\.0\.0\.1:\d+/voila/api/shutdown/",
        "Voila's kernel shutdown when a page is left: refused without the _xsrf cookie that only "
        "a visit to / sets, and the tests open pages by their address (DESIGN.md, pitfalls); "
        "kernel culling stops those kernels",
    ),
    (
        r"status of 403 \(Room code needed\)",
        "the room-code form is served with 403 on purpose: a browser without the code gets no "
        "page and no kernel (oneonone_kit/web/room.py)",
    ),
)
# Where a page may send requests: this server, and no host at all (data: and blob: addresses).
LOCAL_HOSTS = frozenset({"127.0.0.1", None})


class PageWatch:
    """A browser page plus everything that went wrong on it: page errors, console errors beyond
    :data:`CONSOLE_ALLOWED`, and requests to any host but 127.0.0.1 (all in ``errors``)."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self._expected: list[re.Pattern] = []
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", self._console)
        page.on("request", self._request)

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        where = msg.location.get("url", "") if msg.location else ""
        line = msg.text + (f" (at {where})" if where else "")
        if any(re.search(pattern, line) for pattern, _ in CONSOLE_ALLOWED):
            return
        if any(pattern.search(line) for pattern in self._expected):
            return
        self.errors.append(f"console: {line}")

    def _request(self, request) -> None:
        url = request.url
        self.requests.append(url)
        if urlsplit(url).hostname not in LOCAL_HOSTS:
            self.errors.append(f"outside request: {request.method} {url}")

    def expect_console_error(self, pattern: str) -> None:
        """Accept console errors matching ``pattern`` on this page from now on: for a test that
        provokes one on purpose (a refused request logs "Failed to load resource")."""
        self._expected.append(re.compile(pattern))

    def outside_requests(self) -> list[str]:
        """Every request of this page to a host other than 127.0.0.1."""
        return [url for url in self.requests if urlsplit(url).hostname not in LOCAL_HOSTS]

    def open(self, url: str, timeout: float = 90_000) -> None:
        self.page.goto(url, wait_until="domcontentloaded", timeout=timeout)
        wait_rendered(self.page, timeout)
        self.assert_clean()

    def assert_clean(self) -> None:
        text = self.page.inner_text("body")
        found = [bad for bad in BAD_TEXT if bad in text]
        stderr = self.page.locator(
            '[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type*="error"]'
        ).all_inner_texts()
        assert not found, f"page shows {found}:\n{text[-3000:]}"
        assert not [s for s in stderr if s.strip()], f"stderr output on page: {stderr}"
        assert not self.errors, f"errors on page: {self.errors}"


def wait_rendered(page, timeout: float = 90_000) -> None:
    """Voila is done when #loading is gone, no cell output script is left and no widget is
    still 'Loading widget...'."""
    page.wait_for_function(
        """() => !document.querySelector('#loading')
              && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]')
              && !document.body.innerText.includes('Loading widget...')
              && document.querySelector('#rendered_cells') !== null""",
        timeout=timeout,
    )


@pytest.fixture
def watch(browser) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    watcher = PageWatch(page)
    yield watcher
    # A page error, console error or outside request after the last assertion still fails.
    context.close()
    assert not watcher.errors, watcher.errors


def every_page() -> list[tuple[str, str]]:
    """(notebook from the repository root, query) for each page the app serves, in every
    language: start page, chapters, exercises, group view and the text pages made from docs/
    (tools/doc_pages.py). The layout test and tools/screenshots.py both go through it."""
    from oneonone_kit.env import LANGUAGES
    from oneonone_kit.pages import CHAPTERS, COHORT_PAGE, DOC_PAGES, EXERCISES

    found = []
    for lang in LANGUAGES:
        found.append(("notebooks/start.ipynb", f"lang={lang}"))
        found += [(page.path(lang), "") for page in (*CHAPTERS, *EXERCISES)]
        found.append((f"notebooks/{COHORT_PAGE}", f"lang={lang}"))
        found += [(f"notebooks/{lang}/{doc}", "") for doc in DOC_PAGES]
    return found
