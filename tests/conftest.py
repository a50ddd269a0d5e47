"""Fixtures shared by every test tier."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def tmp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away ``ONEONONE_HOME`` (not yet created) and a fixed ``ONEONONE_TODAY``.

    Runtime and language variables are cleared so the host's settings cannot leak in.
    """
    home = tmp_path / "home"
    monkeypatch.setenv("ONEONONE_HOME", str(home))
    monkeypatch.setenv("ONEONONE_TODAY", TODAY.isoformat())
    for name in (
        "ONEONONE_MODE",
        "ONEONONE_LANG",
        "QUERY_STRING",
        "SERVER_SOFTWARE",
        "JUPYTERHUB_USER",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser tier: a second sync Playwright cannot start in a
    process where one runs, and `make test` runs the e2e and JupyterHub tiers in one process."""
    from chromium_setup import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run tools/system-packages.sh (it installs Debian's "
            "chromium or prints the command), or set ONEONONE_CHROMIUM to another Chromium."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def room(tmp_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Workshop mode with a private stores folder, as the server prepares it."""
    from oneonone_kit.ui import session
    from oneonone_kit.web import workshop

    folder = tmp_path / "stores"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("ONEONONE_MODE", "workshop")
    monkeypatch.setenv(workshop.STORES_ENV, str(folder))
    monkeypatch.delenv(workshop.PARTICIPANT_ENV, raising=False)
    monkeypatch.delenv(workshop.HOURS_ENV, raising=False)
    session.reset()
    yield folder
    session.reset()
