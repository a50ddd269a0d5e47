"""Workshop mode and the served app: participant stores in memory, the signed cookie, kernel
ownership, the guard, limits."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import stat
import time
from pathlib import Path

import nbformat
import pytest
from kit_helpers import run_alone
from traitlets.config import Config

from oneonone_kit.errors import UnknownLanguageError
from oneonone_kit.model import Meeting
from oneonone_kit.ui import session
from oneonone_kit.web import room as door
from oneonone_kit.web import webapp, workshop

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def as_participant(monkeypatch, secret: str) -> None:
    """A fresh kernel of the participant ``secret`` (the server passes the verified id)."""
    session.reset()
    monkeypatch.setenv(workshop.PARTICIPANT_ENV, secret)


def log(person: str) -> None:
    session.store().add_meeting(
        Meeting.create(date="2026-11-20", person=person, planned_minutes=30)
    )


# ---- the participant's signed cookie -------------------------------------------------------
KEY = bytes(range(32))
ANN = "A" * 43


def hand_signed(key: bytes, participant: str) -> str:
    """The cookie value worked out by hand: id, a dot, HMAC-SHA256 of the prefixed id in
    unpadded URL-safe base64."""
    mac = hmac.new(key, b"oneonone-participant:" + participant.encode(), hashlib.sha256)
    return participant + "." + base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")


def test_a_cookie_is_the_id_and_its_hmac_under_the_server_key():
    assert workshop.sign_participant(KEY, ANN) == hand_signed(KEY, ANN)
    assert len(hand_signed(KEY, ANN)) == 43 + 1 + 43


def test_a_signed_cookie_gives_back_its_participant():
    assert workshop.verified_participant(KEY, hand_signed(KEY, ANN)) == ANN
    fresh = workshop.sign_participant(KEY)
    assert workshop.verified_participant(KEY, fresh) == fresh.split(".")[0]
    assert fresh != workshop.sign_participant(KEY)  # a new random id each time


def test_the_participant_is_read_from_the_cookie_header_among_other_cookies():
    header = f"_xsrf=2|x|y|1; {workshop.COOKIE}={hand_signed(KEY, ANN)}; theme=dark"
    assert workshop.participant_from_header(KEY, header) == ANN


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        ANN,  # an id without a signature: made up
        ANN + "." + "B" * 43,  # a signature of the right shape, made up
        hand_signed(bytes(32), ANN),  # signed with another server's key
        hand_signed(KEY, ANN)[:-1],  # one character short
        hand_signed(KEY, ANN) + "x",
        hand_signed(KEY, "B" * 43).replace("B" * 43, ANN),  # Bob's signature on Ann's id
        hand_signed(KEY, ANN) + "." + "C" * 43,
        "../../etc/passwd",
    ],
)
def test_a_made_up_or_foreign_cookie_is_refused(value):
    assert workshop.verified_participant(KEY, value) is None


@pytest.mark.parametrize(
    "header",
    [None, "", "theme=dark", f"{workshop.COOKIE}=short", f'{workshop.COOKIE}="{"a" * 42}/"'],
)
def test_a_header_without_a_valid_cookie_names_nobody(header):
    assert workshop.participant_from_header(KEY, header) is None


def test_the_log_names_a_participant_by_a_short_hash_only():
    name = workshop.log_name(ANN)
    assert name == "participant " + hashlib.sha256(ANN.encode()).hexdigest()[:8]
    assert ANN not in name and workshop.log_name(None) == "nobody"


def test_a_kernel_takes_only_a_well_formed_participant_id(monkeypatch):
    monkeypatch.setenv(workshop.PARTICIPANT_ENV, ANN)
    assert workshop.participant_secret() == ANN
    monkeypatch.setenv(workshop.PARTICIPANT_ENV, "../x")
    assert workshop.participant_secret() is None
    monkeypatch.delenv(workshop.PARTICIPANT_ENV)
    monkeypatch.setenv("HTTP_COOKIE", f"{workshop.COOKIE}={ANN}")  # the raw cookie never counts
    assert workshop.participant_secret() is None


# ---- stores in memory, one per participant ---------------------------------------------------
def test_pages_of_one_participant_share_a_store_and_others_do_not_see_it(room, monkeypatch):
    ann, bob = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    as_participant(monkeypatch, ann)
    log("Ann's report")
    as_participant(monkeypatch, bob)
    log("Bob's report")
    assert [m.person for m in session.store().meetings()] == ["Bob's report"]
    as_participant(monkeypatch, ann)  # another page (kernel) of Ann
    assert [m.person for m in session.store().meetings()] == ["Ann's report"]
    files = sorted(room.glob("*.sqlite3"))
    assert len(files) == 2 and all(_mode(f) == 0o600 for f in files)
    assert ann not in " ".join(f.name for f in files)  # the file name is a hash, not the cookie


def test_without_a_cookie_a_page_keeps_its_data_in_its_own_kernel(room, tmp_home):
    assert workshop.location() == "page"
    log("Nobody")
    assert session.store().path is None
    assert list(room.iterdir()) == [] and not tmp_home.exists()


def test_a_stores_folder_open_to_others_is_not_used(room, monkeypatch):
    room.chmod(0o755)
    as_participant(monkeypatch, secrets.token_urlsafe(32))
    assert workshop.stores_dir() is None and workshop.location() == "page"
    assert session.store().path is None


def test_stores_untouched_for_too_long_are_swept(room):
    old, fresh = room / "old.sqlite3", room / "fresh.sqlite3"
    for path in (old, fresh, room / "old.sqlite3-wal"):
        path.write_bytes(b"x")
    past = time.time() - 13 * 3600
    os.utime(old, (past, past))
    os.utime(room / "old.sqlite3-wal", (past, past))
    assert workshop.sweep(room) == 1
    assert sorted(p.name for p in room.iterdir()) == ["fresh.sqlite3"]


def test_sweep_age_follows_the_setting(room, monkeypatch):
    monkeypatch.setenv(workshop.HOURS_ENV, "1")
    stale = room / "stale.sqlite3"
    stale.write_bytes(b"x")
    past = time.time() - 2 * 3600
    os.utime(stale, (past, past))
    assert workshop.sweep(room) == 1
    monkeypatch.setenv(workshop.HOURS_ENV, "soon")
    assert workshop.max_age_hours() == workshop.DEFAULT_HOURS


# ---- the server's memory folder --------------------------------------------------------------
MOUNTS = """sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /dev/shm tmpfs rw,nosuid 0 0
/dev/sdb1 /dev/shm/disk ext4 rw 0 0
"""


def test_memory_filesystems_are_told_apart_from_disks(tmp_path):
    assert webapp.is_memory_filesystem(Path("/dev/shm/x"), MOUNTS)
    assert not webapp.is_memory_filesystem(Path("/dev/shm/disk/x"), MOUNTS)
    assert not webapp.is_memory_filesystem(Path("/home/ann"), MOUNTS)
    assert not webapp.is_memory_filesystem(tmp_path, "")  # unknown: never claimed


def test_no_stores_folder_on_a_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(webapp, "is_memory_filesystem", lambda path, mounts=None: False)
    assert webapp.make_stores_dir(tmp_path) is None


def test_stores_folder_is_private_and_fresh(tmp_path, monkeypatch):
    monkeypatch.setattr(webapp, "is_memory_filesystem", lambda path, mounts=None: True)
    folder = webapp.make_stores_dir(tmp_path)
    assert folder.parent == tmp_path and _mode(folder) == 0o700
    assert webapp.make_stores_dir(tmp_path) != folder


def test_folders_a_crashed_server_left_behind_are_removed_when_old(tmp_path, monkeypatch):
    monkeypatch.delenv(workshop.HOURS_ENV, raising=False)
    old, fresh = tmp_path / f"{webapp.STORES_PREFIX}old", tmp_path / f"{webapp.STORES_PREFIX}new"
    other = tmp_path / "someone-else"
    for folder in (old, fresh, other):
        folder.mkdir()
        (folder / "a.sqlite3").write_bytes(b"x")
    past = time.time() - 13 * 3600
    for path in (old / "a.sqlite3", other / "a.sqlite3"):
        os.utime(path, (past, past))
    assert webapp.remove_abandoned_stores(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, other.name])


# ---- configuration -------------------------------------------------------------------------
@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ("JUPYTER_PATH", workshop.STORES_ENV):
        monkeypatch.setenv(name, "")  # restored after the test, whatever configure() sets
    monkeypatch.setenv(webapp.RAM_DIR_ENV, str(tmp_path))  # not in memory: no folder made
    monkeypatch.delenv("ONEONONE_MODE", raising=False)
    monkeypatch.delenv(webapp.MAX_PAGES_ENV, raising=False)
    monkeypatch.delenv(door.ROOM_CODE_ENV, raising=False)
    monkeypatch.setattr(door, "_room_code", None)


def test_configure_sets_the_template_hook_and_culling(clean_env):
    c = Config()
    webapp.configure(c, ROOT)
    assert c.VoilaConfiguration.template == "oneonone"
    assert c.VoilaConfiguration.prelaunch_hook is webapp.prelaunch_hook
    assert c.MappingKernelManager.cull_idle_timeout == webapp.CULLING["local"]["cull_idle_timeout"]
    assert "http_header_envs" not in c.VoilaConfiguration
    assert "multi_kernel_manager_class" not in c.VoilaConfiguration  # local: Voila's own
    assert "identity_provider_class" not in c.Voila
    assert os.environ["JUPYTER_PATH"].split(os.pathsep)[0] == str(ROOT / "share" / "jupyter")
    assert (ROOT / "share/jupyter/voila/templates/oneonone/tree.html").is_file()


def test_configure_in_workshop_mode_passes_cookies_and_culls_sooner(clean_env, monkeypatch):
    monkeypatch.setenv("ONEONONE_MODE", "workshop")
    c = Config()
    webapp.configure(c, ROOT)
    assert c.VoilaConfiguration.http_header_envs == ["Cookie"]
    assert c.VoilaConfiguration.multi_kernel_manager_class == (
        "oneonone_kit.web.guard.ParticipantKernelManager"
    )
    assert c.Voila.identity_provider_class == "oneonone_kit.web.guard.ParticipantIdentityProvider"
    assert c.MappingKernelManager.cull_interval == webapp.CULLING["workshop"]["cull_interval"]
    assert workshop.STORES_ENV not in os.environ  # no memory folder here: pages keep their own


@pytest.mark.parametrize("setting", [webapp.MAX_PAGES_ENV, webapp.PARTICIPANT_PAGES_ENV])
@pytest.mark.parametrize("value", ["0", "many"])
def test_a_bad_page_limit_stops_the_server_at_once(clean_env, monkeypatch, value, setting):
    monkeypatch.setenv("ONEONONE_MODE", "workshop")
    monkeypatch.setenv(setting, value)
    with pytest.raises(ValueError, match=setting):
        webapp.configure(Config(), ROOT)


def test_the_server_key_is_made_once_per_server(monkeypatch):
    monkeypatch.setattr(webapp, "_server_key", None)
    key = webapp.server_key()
    assert len(key) == 32 and webapp.server_key() is key
    monkeypatch.setattr(webapp, "_server_key", None)
    assert webapp.server_key() != key  # a restarted server: earlier cookies are worthless


def test_config_flags_name_the_root_and_the_config_folder(tmp_path):
    assert webapp.config_flags(tmp_path) == [
        f"--Voila.config_file_paths={tmp_path}",
        f"--Voila.config_file_paths={tmp_path / 'config'}",
    ]


# ---- per request ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "cwd, allowed",
    [
        ("notebooks/en", True),
        ("notebooks", True),
        ("exercises/nl", True),
        ("notebooks/facilitator", True),
        ("tests/notebooks", False),
        ("", False),
        ("notebooks/../tests", False),
        (".venv/lib", False),
    ],
)
def test_only_the_workbook_trees_render(cwd, allowed):
    assert webapp.allowed_notebook(cwd) is allowed


def test_the_repository_is_recognised_as_the_served_root(tmp_path):
    assert webapp.serves_repository(ROOT) and not webapp.serves_repository(tmp_path)


@pytest.mark.parametrize(
    "query, cwd, lang",
    [
        ("lang=nl", "notebooks/en", "nl"),
        ("", "notebooks/nl", "nl"),
        ("", "notebooks", "en"),
        ("page=2", "exercises/nl", "nl"),
    ],
)
def test_page_language_follows_query_then_folder(query, cwd, lang, monkeypatch):
    monkeypatch.delenv("ONEONONE_LANG", raising=False)
    assert webapp.page_lang(query, cwd) == lang


def test_a_page_in_an_unknown_language_is_refused_as_the_kernel_would(monkeypatch):
    # it used to fall back to the folder here while the kernel fell back elsewhere
    monkeypatch.delenv("ONEONONE_LANG", raising=False)
    with pytest.raises(UnknownLanguageError) as info:
        webapp.page_lang("lang=fr", "exercises/nl")
    assert info.value.values["source"] == "?lang="


def notebook():
    return nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("from oneonone_kit import ui")]
    )


ROOM_CODE = "ABCD-2345"


@pytest.fixture
def server_env(monkeypatch, tmp_path):
    monkeypatch.delenv("ONEONONE_MODE", raising=False)
    monkeypatch.delenv("ONEONONE_LANG", raising=False)
    monkeypatch.delenv(webapp.MAX_PAGES_ENV, raising=False)
    monkeypatch.setenv(workshop.STORES_ENV, str(tmp_path))
    monkeypatch.setenv(door.ROOM_CODE_ENV, ROOM_CODE)
    monkeypatch.setattr(door, "_room_code", None)


def test_the_cookie_redirect_stays_on_this_server():
    assert webapp._with_arg("//evil.example/x?a=1", "oo_cookie", "1") == "/x?a=1&oo_cookie=1"


# ---- the room code ----------------------------------------------------------------------------


def test_the_room_form_escapes_the_address_and_drops_token_and_code():
    page = door.room_form_html(
        "en",
        '/voila/render/notebooks/"x.ipynb?q=%22%3E%3Cscript%3E&token=s3cret&room=bad&oo_cookie=1',
        True,
    )
    assert "<script>" not in page and "&quot;&gt;&lt;script&gt;" in page
    assert 'action="/voila/render/notebooks/&quot;x.ipynb"' in page
    assert "s3cret" not in page and 'value="bad"' not in page and "oo_cookie" not in page
    assert '<p class="oo-room-wrong" role="alert">' in page


@pytest.mark.parametrize(
    "given, matches",
    [
        ("ABCD-2345", True),
        ("abcd2345", True),
        (" ab cd-23 45 ", True),
        ("ABCD-2346", False),
        ("ABCD-23455", False),
        ("ABCD-234", False),
        ("", False),
        (None, False),
    ],
)
def test_room_codes_match_whatever_the_case_spaces_and_dashes(server_env, given, matches):
    assert door.room_code_matches(given) is matches


def test_a_new_room_code_reads_well_on_a_slide():
    codes = {door.new_room_code() for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 9 and code[4] == "-", code
        assert not set(code) & set("0O1IL"), code  # nothing to misread on a slide


def test_configure_makes_and_prints_a_room_code_when_none_is_set(clean_env, monkeypatch, capsys):
    monkeypatch.setenv("ONEONONE_MODE", "workshop")
    webapp.configure(Config(), ROOT)
    printed = capsys.readouterr().err
    assert f"Room code for this workshop: {door.room_code()}." in printed
    webapp.configure(Config(), ROOT)  # configuration read again: the same code, said once
    assert door.room_code() in printed and capsys.readouterr().err == ""


def test_configure_takes_the_facilitators_code_and_keeps_it_from_the_kernels(
    clean_env, monkeypatch, capsys
):
    monkeypatch.setenv("ONEONONE_MODE", "workshop")
    monkeypatch.setenv(door.ROOM_CODE_ENV, "Blue-Owl-42")
    webapp.configure(Config(), ROOT)
    assert door.room_code() == "Blue-Owl-42" and door.room_code_matches("blueowl42")
    assert door.ROOM_CODE_ENV not in os.environ  # kernels inherit the server's environment
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("code, ok", [("ab-c12", False), ("ab c-12 3", True), ("abc123", True)])
def test_a_room_code_needs_six_letters_or_digits(clean_env, monkeypatch, code, ok):
    monkeypatch.setenv("ONEONONE_MODE", "workshop")
    monkeypatch.setenv(door.ROOM_CODE_ENV, code)
    if ok:
        webapp.configure(Config(), ROOT)
        assert door.room_code() == code
    else:
        with pytest.raises(ValueError, match=door.ROOM_CODE_ENV):
            webapp.configure(Config(), ROOT)


def test_the_app_command_passes_the_room_code_to_the_server(tmp_path, monkeypatch):
    from oneonone_kit.cli import _server
    from oneonone_kit.cli._common import CliError

    command = _server.voila_command(
        8870, workshop=True, root=tmp_path, base_env={}, room_code="K7QX-M4TW"
    )
    assert command.env == {"ONEONONE_MODE": "workshop", "ONEONONE_ROOM_CODE": "K7QX-M4TW"}
    local = _server.voila_command(8870, workshop=False, root=tmp_path, base_env={}, room_code="x")
    assert "ONEONONE_ROOM_CODE" not in local.env
    monkeypatch.delenv(door.ROOM_CODE_ENV, raising=False)
    assert _server._room_code("Blue-Owl-42", "en") == "Blue-Owl-42"
    assert len(_server._room_code(None, "en")) == 9  # made here, printed for the slide
    monkeypatch.setenv(door.ROOM_CODE_ENV, "from-the-env")
    assert _server._room_code(None, "en") == "from-the-env"
    with pytest.raises(CliError, match="at least 6"):
        _server._room_code("abc", "en")


# ---- after the workshop ---------------------------------------------------------------------
def test_the_banner_says_when_the_data_expires_and_how_to_keep_it(monkeypatch):
    from oneonone_kit.i18n import t

    monkeypatch.setenv(workshop.HOURS_ENV, "8")
    monkeypatch.setenv(door.WORKBOOK_URL_ENV, "https://example.org/<oneonone>")
    en = door.banner_html("en", "participant")
    assert "8 hours after you last used it" in en and "when the workshop server stops" in en
    assert f"press ‘{t('workshop.data.export', 'en')}’" in en
    assert "<code>git clone https://example.org/&lt;oneonone&gt; oneonone</code>" in en
    assert "<code>make -C oneonone app</code>" in en and "JupyterHub" in en
    nl = door.banner_html("nl", "page")
    assert "als je deze pagina sluit of opnieuw laadt" in nl and "JupyterHub" in nl
    assert '<details class="oo-workshop-after"' in nl and "Na de workshop" in nl
    monkeypatch.delenv(door.WORKBOOK_URL_ENV)
    assert "vraag de begeleider" in door.banner_html("nl", "page")


# ---- kernel ownership (the server side) -------------------------------------------------------
@pytest.mark.parametrize(
    "path, base, kernel",
    [
        ("/api/kernels/1-2-3-4-5/channels", "/", "1-2-3-4-5"),
        ("/api/kernels/1-2-3-4-5", "/", "1-2-3-4-5"),
        ("/voila/api/shutdown/1-2-3-4-5", "/", "1-2-3-4-5"),
        ("/voila/api/shutdown/", "/", ""),  # an empty id is still a kernel path: refused
        ("/voila/api/shutdown/%31-2", "/", "1-2"),
        ("/voila/execution/a-b-c-d-e", "/", "a-b-c-d-e"),
        ("/voila/query/a-b-c-d-e", "/", "a-b-c-d-e"),
        ("/room/api/kernels/k/channels", "/room/", "k"),
        ("/api/kernels/k", "/room/", None),  # not under the base URL: no handler serves it
        ("/voila/render/notebooks/start.ipynb", "/", None),
        ("/voila/static/voila.js", "/", None),
        ("/api/kernelspecs", "/", None),
    ],
)
def test_per_kernel_paths_are_recognised(path, base, kernel):
    from oneonone_kit.web import guard

    assert guard.kernel_in_path(path, base) == kernel


def test_only_the_owner_matches_a_kernel():
    from oneonone_kit.web import guard

    owners = {"k-ann": ANN, "k-nobody": None}
    assert guard.owner_check(owners, "k-ann", ANN)
    assert not guard.owner_check(owners, "k-ann", "B" * 43)
    assert not guard.owner_check(owners, "k-ann", None)
    assert not guard.owner_check(owners, "k-nobody", None)
    assert not guard.owner_check(owners, "k-gone", ANN)


def test_the_kernel_manager_records_the_owner_and_hides_the_cookie(monkeypatch):
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    from oneonone_kit.web import guard

    started = []

    async def fake_start(self, *, kernel_id=None, path=None, **kwargs):
        started.append(kwargs["env"])
        return f"k{len(started)}"

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake_start)
    manager = guard.ParticipantKernelManager()
    key = webapp.server_key()
    ann = f"_xsrf=2|a; {workshop.COOKIE}={workshop.sign_participant(key, ANN)}"
    forged = f"{workshop.COOKIE}={ANN}.{'B' * 43}"
    for header in (ann, forged, ann):
        env = {"HTTP_COOKIE": header, workshop.PARTICIPANT_ENV: "C" * 43, "PATH": "/bin"}
        run_alone(manager.start_kernel(kernel_name="python3", path="notebooks", env=env))
    assert manager.owners == {"k1": ANN, "k2": None, "k3": ANN}
    assert started[0] == {"PATH": "/bin", workshop.PARTICIPANT_ENV: ANN}
    assert started[1] == {"PATH": "/bin"}  # a forged cookie: no participant, no store
    assert manager.pages_of(ANN) == 2
    monkeypatch.setattr(AsyncMappingKernelManager, "remove_kernel", lambda self, kid: None)
    manager.remove_kernel("k1")
    assert manager.pages_of(ANN) == 1 and "k1" not in manager.owners


def test_a_left_page_has_its_kernel_stopped_at_once_but_a_restart_stays_polite(monkeypatch):
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    from oneonone_kit.web import guard

    calls = []

    async def fake_shutdown(self, kernel_id, now=False, restart=False):
        calls.append((kernel_id, now, restart))

    monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_kernel", fake_shutdown)
    manager = guard.ParticipantKernelManager()
    run_alone(manager.shutdown_kernel("k1"))  # Voila's shutdown handler and the culler
    run_alone(manager.shutdown_kernel("k2", restart=True))
    assert calls == [("k1", True, False), ("k2", False, True)]


# ---- a cheap page -----------------------------------------------------------------------------
def test_the_log_page_of_a_new_participant_draws_no_chart_and_skips_matplotlib(tmp_path):
    """A room opens chapter 05 with empty logs: the dashboard says so in words, without
    importing matplotlib (about 0.5 CPU-s per page, measured by benchmarks/bench_room.py)."""
    import subprocess
    import sys

    code = (
        "import sys; from oneonone_kit import ui; b = ui.dashboard('en'); "
        "print('matplotlib' in sys.modules); print(b.chart.value)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, ONEONONE_HOME=str(tmp_path), ONEONONE_TODAY="2026-11-22"),
    )
    imported, chart = run.stdout.strip().split("\n", 1)
    assert imported == "False"
    assert chart.startswith('<p class="oo-chart-empty">') and "<img" not in chart
    assert "No meetings in your log yet" in chart


def test_the_dashboard_draws_its_chart_once_there_is_a_meeting(tmp_home):
    from oneonone_kit import ui

    session.reset()
    board = ui.dashboard("en")
    assert "<img" not in board.chart.value
    log("Robin")
    session.changed()  # what the log form says after a save
    # The overview is the dashboard's charts stacked, each its own image (readable on a phone).
    assert board.chart.value.startswith('<div class="oo-chart-stack oo-chart-dashboard">')
    assert '<img class="oo-chart oo-chart-cadence"' in board.chart.value
    assert ' alt="' in board.chart.value and 'alt=""' not in board.chart.value
    session.reset()


def test_the_app_kernel_starts_without_the_debugger():
    import subprocess
    import sys

    code = (
        "import sys; from oneonone_kit.web.kernel import NoDebugger; "
        "sys.meta_path.insert(0, NoDebugger()); import ipykernel.ipkernel, ipykernel.debugger as d; "
        "print(d._is_debugpy_available, 'debugpy' in sys.modules, 'ipykernel' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "False", "True"]


def test_voila_pages_get_the_app_kernel_and_lab_keeps_its_own(clean_env):
    import json

    from jupyter_client.kernelspec import KernelSpecManager

    spec = json.loads((ROOT / "share/jupyter/kernels/python3/kernel.json").read_text())
    assert spec["argv"][:3] == ["python", "-m", "oneonone_kit.web.kernel"]
    assert "{connection_file}" in spec["argv"]
    lab = KernelSpecManager().get_kernel_spec("python3").argv  # no configure(): JupyterLab
    assert "oneonone_kit.web.kernel" not in lab
    webapp.configure(Config(), ROOT)  # puts share/jupyter first on the Jupyter path
    argv = KernelSpecManager().get_kernel_spec("python3").argv
    assert argv[1:3] == ["-m", "oneonone_kit.web.kernel"]


def test_page_templates_are_compiled_once_per_server_and_render_the_same(monkeypatch):
    import jinja2
    from nbconvert import HTMLExporter

    from oneonone_kit.web import templates

    templates.install()
    templates.install()  # twice: still one wrapper
    book = notebook()
    first, _ = HTMLExporter(template_name="lab").from_notebook_node(book)
    compiled = []
    original = jinja2.Environment.compile

    def counting(self, *args, **kwargs):
        compiled.append(args[0][:40] if args else "")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    second, _ = HTMLExporter(template_name="lab").from_notebook_node(book)
    assert compiled == []  # a new exporter, a new environment, no template compiled again
    random_ids = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
    assert random_ids.sub("id", second) == random_ids.sub("id", first)
    assert "oneonone_kit" in first
    assert templates.SHARED.store


def test_a_template_cache_never_serves_an_environment_with_other_options():
    import jinja2

    from oneonone_kit.web import templates

    cache = templates.MemoryBytecodeCache()
    plain = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 1 + 1 }}"}), bytecode_cache=cache)
    other = jinja2.Environment(
        loader=jinja2.DictLoader({"t": "<< 1 + 1 >>"}),
        bytecode_cache=cache,
        variable_start_string="<<",
        variable_end_string=">>",
    )
    assert plain.get_template("t").render() == "2"
    assert other.get_template("t").render() == "2"
    assert len(cache.store) == 2
