"""Promises made in README.md and docs/privacy.md that had no test of their own (issue 17).

The table "Promise | Test" in docs/privacy.md names the test of every promise;
``test_the_promise_table_names_only_tests_that_exist`` keeps that table honest.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import secrets
import time
from pathlib import Path

import pytest
from test_workshop import as_participant, server_env
from test_workshop_hook import (
    FIRST_CELL,
    cells,
    first_cookie,
    https_room,
    live,
    live_room,
    server,
    set_cookies,
)

from oneonone_kit import ui
from oneonone_kit.log.store import Store
from oneonone_kit.model import Commitment, Meeting
from oneonone_kit.ui import session
from oneonone_kit.web import webapp, workshop

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)
SECRET = "SAM-TOLD-ME-ABOUT-THE-DIVORCE"

# fixtures shared with test_workshop and test_workshop_hook (room comes from tests/conftest.py)
__all__ = ["https_room", "live", "live_room", "server", "server_env"]


def note(person: str, day: dt.date, notes: str = "") -> Meeting:
    return Meeting(date=day, person=person, planned_minutes=30, notes=notes)


def holds_secret(folder: Path) -> list[str]:
    return [f.name for f in folder.rglob("*") if f.is_file() and SECRET.encode() in f.read_bytes()]


# ---- local store -------------------------------------------------------------------------------
def test_promise_forget_a_person_also_clears_their_old_backups(tmp_home, monkeypatch):
    # Day 1: Sam's note is written. Day 2: opening the file makes a backup that holds the note.
    monkeypatch.setenv("ONEONONE_TODAY", (TODAY - dt.timedelta(days=1)).isoformat())
    with Store.open() as store:
        store.add_meetings([note("Sam", TODAY - dt.timedelta(days=1), SECRET), note("Bo", TODAY)])
        store.add_records([Commitment(person="Sam", text=SECRET)])
    monkeypatch.setenv("ONEONONE_TODAY", TODAY.isoformat())
    with Store.open() as store:
        backups = Store.backup_dir(store.path)
        assert holds_secret(backups), "the backup should hold the note before forget"
        assert store.forget_person("Sam") == 2
        assert holds_secret(tmp_home) == []
        assert [m.person for m in store.meetings()] == ["Bo"]
        kept = sorted(backups.glob("oneonone-2*.sqlite3"))
        assert len(kept) == 1  # one fresh copy, without Sam
    with Store.open(kept[0], backup=False) as copy:
        assert [m.person for m in copy.meetings()] == ["Bo"]


# ---- workshop: the participant's cookie ----------------------------------------------------------
# These run against a real tornado server on loopback (tests/unit/test_workshop_hook.py).
def test_promise_the_cookie_is_secure_behind_https(live_room, https_room):
    assert first_cookie(https_room)["secure"] == "flag"
    # behind a reverse proxy that ends TLS, the proxy says so in X-Forwarded-Proto
    assert first_cookie(live_room, X_Forwarded_Proto="HTTPS")["secure"] == "flag"
    assert "secure" not in first_cookie(live_room)  # plain http: Secure would lose it


@pytest.mark.parametrize(
    "cookie",
    [
        "_xsrf=2|abc|def|1; theme=dark",  # other cookies only
        f"{workshop.COOKIE}={'A' * 43}",  # an id without a signature
        f"{workshop.COOKIE}={'A' * 43}.{'B' * 43}",  # a made-up signature
        f"{workshop.COOKIE}=",
    ],
    ids=["other-cookies", "unsigned", "forged", "empty"],
)
def test_promise_a_cookie_header_without_a_valid_participant_secret_is_nobody(live_room, cookie):
    response = live_room.get("/voila/render/notebooks/start.ipynb?lang=en", cookie)
    # asked for the room code: no page, no kernel, the cookie not adopted
    assert response.status == 403 and 'name="room"' in response.text
    assert set_cookies(response) == {} and response.getheader("Location") is None


def test_promise_a_valid_cookie_opens_the_page(live_room):
    cookie = f"{workshop.COOKIE}={workshop.sign_participant(webapp.server_key())}"
    response = live_room.get("/voila/render/notebooks/start.ipynb?lang=en", cookie)
    assert cells(response)[-1] == FIRST_CELL and set_cookies(response) == {}


# ---- workshop: the participant's store -----------------------------------------------------------
def test_promise_opening_a_workshop_store_counts_as_use(room, monkeypatch):
    ann = secrets.token_urlsafe(32)
    as_participant(monkeypatch, ann)
    session.store().add_meeting(note("Ann's report", TODAY))
    file = workshop.store_file(room, ann)
    session.reset()
    past = time.time() - 11 * 3600  # last used 11 hours ago: within the 12
    for path in room.iterdir():
        os.utime(path, (past, past))
    as_participant(monkeypatch, ann)  # Ann opens another page
    assert [m.person for m in session.store().meetings()] == ["Ann's report"]
    session.reset()  # the page closes; reading alone wrote nothing to the file
    # Two hours later (13 h after the last write) her store must still be there.
    assert workshop.sweep(room, now=time.time() + 2 * 3600) == 0 and file.exists()
    # Untouched for 13 hours after that open, it goes.
    assert workshop.sweep(room, now=time.time() + 13 * 3600) == 1 and not file.exists()


def test_promise_delete_everything_in_workshop_mode_empties_the_participant_store(
    room, monkeypatch
):
    ann = secrets.token_urlsafe(32)
    as_participant(monkeypatch, ann)
    session.store().add_meeting(note("Sam", TODAY, SECRET))
    panel = ui.data_panel("en")
    panel.confirm_delete.value = True
    panel.delete_all.click()
    assert panel.last_error is None
    assert sum(session.store().counts().values()) == 0
    as_participant(monkeypatch, ann)  # another page of Ann sees the same, empty store
    assert sum(session.store().counts().values()) == 0
    assert holds_secret(room) == []


# ---- the promise table ---------------------------------------------------------------------------
def promise_table() -> list[tuple[str, str]]:
    """(promise, test node id) rows of the "Promise | Test" table in docs/privacy.md."""
    text = (ROOT / "docs" / "privacy.md").read_text("utf-8")
    head = text.index("| Promise | Test |")
    rows = []
    for line in text[head:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        promise, test = (cell.strip() for cell in line.strip("|").split("|"))
        rows.append((promise, test.strip("`")))
    return rows


def collected_test_ids() -> set[str]:
    """Every ``path::test_name`` under tests/, read with ast (no pytest run inside pytest)."""
    found = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        rel = path.relative_to(ROOT).as_posix()
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith(
                "test"
            ):
                found.add(f"{rel}::{node.name}")
            if isinstance(node, ast.ClassDef):
                for sub in node.body:
                    if isinstance(sub, ast.FunctionDef) and sub.name.startswith("test"):
                        found.add(f"{rel}::{node.name}::{sub.name}")
    return found


def test_the_promise_table_names_only_tests_that_exist():
    rows = promise_table()
    assert len(rows) >= 20
    existing = collected_test_ids()
    missing = [test for _, test in rows if re.sub(r"\[.*\]$", "", test) not in existing]
    assert missing == []
    assert all(promise for promise, _ in rows)
