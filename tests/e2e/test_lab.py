"""The workbook in JupyterLab (``oneonone lab``), not only in Voila: the stylesheet applies and an
invalid form field gets the red border, ``aria-invalid`` and the keyboard focus.

One JupyterLab server (about 10 to 20 s to start here) serves the log page; the test runs all
its cells the way a learner does (Run > Run All Cells) and submits an invalid form. The whole
module takes about 40 to 60 s on a 2-core machine, most of it JupyterLab starting and the
kernel importing the kit, so it stays this one test.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, free_port

from oneonone_kit.cli._server import jupyterlab_installed, lab_command

pytestmark = pytest.mark.e2e

PAGES = ("notebooks/en/05_my_log.ipynb",)
TOKEN = "e2e-lab-token"
ACCENT = "rgb(31, 79, 134)"  # --oo-accent in oneonone_kit/ui/oneonone.css
ERROR = "rgb(160, 0, 0)"  # --oo-error

KERNEL_IDLE = """(path) => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.context && widget.context.path === path
    && widget.sessionContext.session && widget.sessionContext.session.kernel;
  return Boolean(kernel) && kernel.status === 'idle';
}"""


class LabServer:
    """``oneonone lab``'s JupyterLab on 127.0.0.1 with a known token and throw-away settings."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        home = tmp / "home"
        home.mkdir()
        # A copy of the pages to run: JupyterLab saves a notebook's outputs into its file.
        self.root = tmp / "root"
        for path in PAGES:
            (self.root / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / path, self.root / path)
        command = lab_command(self.root, port=self.port, open_browser=False)
        argv = [
            *command.argv,
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run all, wait for idle
            f"--ServerApp.runtime_dir={tmp / 'runtime'}",
            f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
            f"--LabApp.user_settings_dir={tmp / 'settings'}",
        ]
        env = dict(command.env, ONEONONE_HOME=str(home), ONEONONE_TODAY=TODAY)
        env.update(JUPYTER_CONFIG_DIR=str(tmp / "config"), ONEONONE_LANG="en")
        env.pop("ONEONONE_MODE", None)
        self.log = open(tmp / "lab.log", "w+")  # noqa: SIM115
        self.proc = subprocess.Popen(
            argv, cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api?token={TOKEN}", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def open_and_run_all(self, page, path: str) -> None:
        """Open the notebook at ``path`` (from the repository root) and run all its cells."""
        page.goto(f"{self.url}/lab/tree/{path}?token={TOKEN}", wait_until="domcontentloaded")
        page.wait_for_function(KERNEL_IDLE, arg=path, timeout=120_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[LabServer]:
    if not jupyterlab_installed():
        pytest.fail('JupyterLab is missing: pip install -e ".[lab]"')
    server = LabServer(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


def test_in_jupyterlab_the_log_form_looks_the_same_and_marks_an_invalid_field(lab, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        lab.open_and_run_all(page, "notebooks/en/05_my_log.ipynb")
        save = page.locator(".oo-log-save")
        save.wait_for()
        # The stylesheet applies in JupyterLab too: the primary button is the accent colour.
        assert save.evaluate("el => getComputedStyle(el).backgroundColor") == ACCENT
        page.locator(".oo-log-person input").fill("Kim")
        minutes = page.locator(".oo-log-planned-minutes input")
        minutes.fill("0")
        minutes.press("Tab")
        save.click()
        page.locator(".oo-log-message").get_by_text("fix what is marked above").wait_for()
        page.wait_for_function(
            "() => document.querySelector('.oo-log-planned-minutes input')"
            "?.getAttribute('aria-invalid') === 'true'"
        )
        page.wait_for_function(
            "() => document.activeElement"
            " === document.querySelector('.oo-log-planned-minutes input')"
        )
        border = minutes.evaluate(
            "el => [getComputedStyle(el).borderTopColor, getComputedStyle(el).borderTopWidth]"
        )
        assert border == [ERROR, "2px"]
        person = page.locator(".oo-log-person input")
        assert person.get_attribute("aria-invalid") is None
        assert person.evaluate("el => getComputedStyle(el).borderTopColor") != ERROR
        assert errors == []
    finally:
        context.close()
