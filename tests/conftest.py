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
