"""Workshop cookies, stores and kernel ownership: the behaviours `make mutate` found unpinned.

Each test names a promise of workshop mode (issue 17). Expected values are worked out by hand
(hashes with hashlib, log lines written out); none comes from the code under test.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from types import SimpleNamespace

import pytest
from jupyter_server.auth.identity import PasswordIdentityProvider
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from kit_helpers import run_alone
from tornado.web import HTTPError

from oneonone_kit.web import guard, webapp, workshop

ANN, BOB = "A" * 43, "B" * 43


def cookie_of(participant: str) -> str:
    return f"{workshop.COOKIE}={workshop.sign_participant(webapp.server_key(), participant)}"


class Handler:
    """Just enough of a Jupyter request handler for the identity provider and the guard."""

    def __init__(self, path: str, cookie: str = "", owners=None, base_url: str = "/"):
        self.request = SimpleNamespace(
            path=path, method="GET", headers={"Cookie": cookie} if cookie else {}
        )
        self.base_url = base_url
        self.kernel_manager = SimpleNamespace(owners={} if owners is None else owners)
        self.log = logging.getLogger("test.mutants.guard")
        self.current_user = self._jupyter_current_user = "before"


@pytest.fixture
def provider(monkeypatch):
    """The identity provider, with Jupyter's own login check replaced by a recorder."""
    seen = []

    def password_login(self, handler):
        seen.append(handler)
        return "user"

    monkeypatch.setattr(PasswordIdentityProvider, "get_user", password_login)
    return guard.ParticipantIdentityProvider(), seen


# ---- the identity provider runs the ownership check on every per-kernel request ---------------
def test_the_owner_of_a_kernel_passes_on_to_the_normal_login(provider):
    idp, seen = provider
    handler = Handler("/api/kernels/k-ann/channels", cookie_of(ANN), {"k-ann": ANN})
    assert idp.get_user(handler) == "user" and seen == [handler]


@pytest.mark.parametrize("cookie", ["", "bob"])
def test_a_kernel_request_without_the_owners_cookie_never_reaches_the_login(provider, cookie):
    idp, seen = provider
    header = cookie_of(BOB) if cookie else ""
    handler = Handler("/api/kernels/k-ann/channels", header, {"k-ann": ANN})
    with pytest.raises(HTTPError) as refused:
        idp.get_user(handler)
    assert refused.value.status_code == 403 and seen == []


def test_pages_that_name_no_kernel_need_no_participant_cookie(provider):
    idp, seen = provider
    handler = Handler("/voila/render/notebooks/en/00_start_here.ipynb", "", {"k-ann": ANN})
    assert idp.get_user(handler) == "user" and seen == [handler]


def test_the_kernel_check_follows_the_servers_base_url(provider):
    idp, seen = provider
    owners = {"k-ann": ANN}
    with pytest.raises(HTTPError):
        idp.get_user(Handler("/X/api/kernels/k-ann", cookie_of(BOB), owners, base_url="/X/"))
    mine = Handler("/X/api/kernels/k-ann", cookie_of(ANN), owners, base_url="/X/")
    assert idp.get_user(mine) == "user" and seen == [mine]


# ---- which kernel a path names --------------------------------------------------------------
def test_the_kernel_is_the_first_segment_after_the_prefix_however_long_the_rest():
    assert guard.kernel_in_path("/api/kernels/k-1/channels/more/parts") == "k-1"


def test_paths_are_read_under_the_root_when_no_base_url_is_given():
    assert guard.kernel_in_path("/voila/api/shutdown/k-1") == "k-1"


@pytest.mark.parametrize("base", ["/X/", "X"])
def test_a_base_url_of_one_letter_is_an_ordinary_base_url(base):
    # the base URL, slashes trimmed, is "X": "/X/" + "api/kernels/" + the kernel id
    assert guard.kernel_in_path("/X/api/kernels/k-1", base) == "k-1"


# ---- what a refusal writes to the server log ------------------------------------------------
def refused_line(caplog, handler: Handler, kernel: str = "k-ann") -> str:
    with caplog.at_level(logging.WARNING, logger="test.mutants.guard"):
        with pytest.raises(HTTPError):
            guard.refuse_unless_owner(handler, kernel)
    return caplog.records[-1].getMessage()


def test_a_refused_forged_cookie_is_logged_as_such(caplog):
    forged = f"{workshop.COOKIE}={ANN}.{BOB}"
    line = refused_line(caplog, Handler("/api/kernels/k-ann/channels", forged, {"k-ann": ANN}))
    assert (
        line == "Refused GET /api/kernels/k-ann/channels: a forged cookie does not own this kernel"
    )


def test_a_refused_participant_is_logged_by_the_hash_of_their_id(caplog):
    line = refused_line(caplog, Handler("/api/kernels/k-ann", cookie_of(BOB), {"k-ann": ANN}))
    short = hashlib.sha256(BOB.encode()).hexdigest()[:8]
    assert line == f"Refused GET /api/kernels/k-ann: participant {short} does not own this kernel"


def test_a_refused_path_is_logged_on_one_line_of_printable_characters(caplog):
    # a newline, a space and a tab each become "?", so a path cannot forge a second log line
    line = refused_line(caplog, Handler("/api/kernels/k-ann\nFAKE entry\tx", "", {"k-ann": ANN}))
    assert line == "Refused GET /api/kernels/k-ann?FAKE?entry?x: nobody does not own this kernel"


def test_a_refused_long_path_is_logged_cut_at_200_characters(caplog):
    path = "/api/kernels/k-ann/" + "p" * 300
    line = refused_line(caplog, Handler(path, "", {"k-ann": ANN}))
    assert line == f"Refused GET {path[:200]}: nobody does not own this kernel"


def test_a_refused_request_is_left_without_a_user():
    handler = Handler("/api/kernels/k-ann", cookie_of(BOB), {"k-ann": ANN})
    with pytest.raises(HTTPError):
        guard.refuse_unless_owner(handler, "k-ann")
    assert handler.current_user is None and handler._jupyter_current_user is None


def test_a_kernel_manager_that_records_no_owners_refuses_every_kernel_request():
    handler = Handler("/api/kernels/k-ann", cookie_of(ANN))
    handler.kernel_manager = SimpleNamespace()  # not the workshop's manager
    with pytest.raises(HTTPError) as refused:
        guard.refuse_unless_owner(handler, "k-ann")
    assert refused.value.status_code == 403


# ---- the kernel manager ---------------------------------------------------------------------
def test_a_kernel_started_without_any_cookie_has_no_owner_and_keeps_its_id_and_path(monkeypatch):
    started = []

    async def fake_start(self, *, kernel_id=None, path=None, **kwargs):
        started.append((kernel_id, path, kwargs["env"]))
        return kernel_id

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake_start)
    manager = guard.ParticipantKernelManager()
    env = {"PATH": "/bin"}  # no Cookie header and no participant variable at all
    kernel = run_alone(manager.start_kernel(kernel_id="k-7", path="notebooks/en", env=env))
    assert kernel == "k-7" and manager.owners == {"k-7": None}
    assert started == [("k-7", "notebooks/en", {"PATH": "/bin"})]


def test_removing_a_kernel_passes_its_id_on_even_when_it_had_no_owner(monkeypatch):
    removed = []
    monkeypatch.setattr(
        AsyncMappingKernelManager, "remove_kernel", lambda self, k: removed.append(k)
    )
    manager = guard.ParticipantKernelManager()
    manager.remove_kernel("k-unknown")  # never started here: no owner to drop, no error
    manager.owners["k-1"] = ANN
    manager.remove_kernel("k-1")
    assert removed == ["k-unknown", "k-1"] and manager.owners == {}


# ---- the signed participant cookie -----------------------------------------------------------
@pytest.mark.parametrize("participant", ["\u00c4" + "a" * 42, "a" * 42 + "\u00e9", "\u00c4nn"])
def test_a_cookie_with_a_non_ascii_id_is_refused_not_an_error(participant):
    assert workshop.verified_participant(bytes(32), f"{participant}.{BOB}") is None


def test_signing_a_malformed_participant_id_says_what_an_id_is():
    with pytest.raises(ValueError) as caught:
        workshop.sign_participant(bytes(32), "short")
    assert str(caught.value) == "a participant id is 43 URL-safe characters"


def test_a_participants_file_is_named_by_40_hex_characters_of_a_hash(tmp_path):
    digest = hashlib.sha256(("oneonone-workshop:" + ANN).encode()).hexdigest()
    assert workshop.store_file(tmp_path, ANN) == tmp_path / (digest[:40] + ".sqlite3")


# ---- where the data lives, and the 12-hour sweep ----------------------------------------------
@pytest.fixture
def stores(room):
    """The workshop stores folder (the `room` fixture of tests/conftest.py)."""
    return room


def test_a_participant_with_a_memory_folder_keeps_data_for_all_their_pages(stores, monkeypatch):
    monkeypatch.setenv(workshop.PARTICIPANT_ENV, ANN)
    assert workshop.location() == "participant"


def test_a_participants_store_is_never_backed_up_to_the_servers_disk(stores, monkeypatch):
    from oneonone_kit.model import Meeting

    monkeypatch.setenv(workshop.PARTICIPANT_ENV, ANN)
    with workshop.open_store() as store:
        store.add_meeting(Meeting.create(date="2026-11-20", person="Sam", planned_minutes=30))
    workshop.open_store().close()  # the second page opens a store that holds something
    assert [p for p in stores.iterdir() if p.is_dir()] == []  # no backups/ folder


@pytest.mark.parametrize("setting", ["0", "-1"])
def test_a_zero_or_negative_age_setting_falls_back_to_12_hours(monkeypatch, setting):
    monkeypatch.setenv(workshop.HOURS_ENV, setting)
    assert workshop.max_age_hours() == 12.0


def stale(folder, name: str, touched: float):
    path = folder / name
    path.write_bytes(b"x")
    os.utime(path, (touched, touched))
    return path


def test_a_store_untouched_for_exactly_the_limit_is_kept_and_one_second_more_is_swept(stores):
    t = 1_800_000_000.0
    stale(stores, "a.sqlite3", t)
    assert workshop.sweep(stores, hours=1, now=t + 3600) == 0  # exactly 1 hour: kept
    assert workshop.sweep(stores, hours=1, now=t + 3601) == 1  # 1 hour and 1 second: swept
    assert list(stores.iterdir()) == []


def test_the_sweep_age_given_by_the_caller_wins_over_the_setting(stores):
    # no setting: 12 hours; the caller asks for 1 hour, and the file is 2 hours old
    now = time.time()
    stale(stores, "a.sqlite3", now - 2 * 3600)
    assert workshop.sweep(stores, hours=1, now=now) == 1


def test_the_sweep_counts_every_store_it_deletes(stores):
    now = time.time()
    for name in ("a.sqlite3", "b.sqlite3", "c.sqlite3"):
        stale(stores, name, now - 13 * 3600)
    assert workshop.sweep(stores, now=now) == 3


def test_a_store_removed_by_another_kernel_meanwhile_does_not_stop_the_sweep(stores, monkeypatch):
    now = time.time()
    for name in ("a.sqlite3", "b.sqlite3", "c.sqlite3"):
        stale(stores, name, now - 13 * 3600)
    real = workshop._last_touched
    first = []

    def raced(file):
        if not first:  # whichever file comes first is deleted by another kernel just now
            first.append(file)
            file.unlink()
        return real(file)

    monkeypatch.setattr(workshop, "_last_touched", raced)
    assert workshop.sweep(stores, now=now) == 2 and list(stores.iterdir()) == []
