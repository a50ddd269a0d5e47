"""The ``oneonone`` command line, called in-process through ``main([...])`` like a user would.

Every test runs against a throw-away ONEONONE_HOME with ONEONONE_TODAY fixed, so nothing
touches real data and dates are reproducible.
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from kit_helpers import run

import oneonone_kit
from oneonone_kit import cli
from oneonone_kit.cli import _server
from oneonone_kit.i18n import t
from oneonone_kit.log import transfer
from oneonone_kit.log.store import Store

TODAY = "2026-11-22"
REPO = Path(oneonone_kit.__file__).resolve().parent.parent
COMMANDS = [
    [],
    ["app"],
    ["lab"],
    ["log"],
    ["log", "add"],
    ["log", "list"],
    ["export"],
    ["import"],
    ["forget"],
    ["demo"],
    ["report"],
    ["chart"],
    ["person"],
    ["person", "set"],
    ["person", "list"],
    ["print"],
]


@pytest.fixture(autouse=True)
def home(tmp_home) -> Path:
    """Every test in a throw-away home, on the fixed day of ``tmp_home``."""
    assert TODAY == os.environ["ONEONONE_TODAY"]
    return tmp_home


def stored_meetings() -> list:
    with Store.open() as store:
        return store.meetings()


def add(capsys, person: str = "Sam", date: str = "2026-03-03", *extra: str) -> None:
    code, _, err = run(
        capsys, "log", "add", "--date", date, "--person", person, "--planned", "30", *extra
    )
    assert code == 0, err


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# ---- log add / log list ---------------------------------------------------------------------
def test_added_meeting_shows_up_in_the_list(capsys):
    code, out, err = run(
        capsys,
        "log",
        "add",
        "--date",
        "2026-03-03",
        "--person",
        "Sam",
        "--planned",
        "30",
        "--actual",
        "25",
        "--agenda",
        "employee",
        "--needs",
        "growth,feedback",
        "--talk-share",
        "40",
        "--rating",
        "4",
        "--their-rating",
        "3",
        "--notes",
        "Talked about the next role.",
    )
    assert (code, err) == (0, "")
    assert "Saved: Sam, Tue 3 Mar 2026" in out

    code, out, _ = run(capsys, "log", "list")
    assert code == 0
    assert "Tue 3 Mar 2026" in out and "Sam" in out and "25/30" in out
    assert "the employee" in out and "Growth, Feedback" in out
    [meeting] = stored_meetings()
    assert (meeting.talk_share, meeting.leader_rating, meeting.employee_rating) == (40, 4, 3)
    assert meeting.notes == "Talked about the next role."


def test_list_speaks_dutch_with_dutch_dates(capsys):
    add(capsys)
    code, out, _ = run(capsys, "--lang", "nl", "log", "list")
    assert code == 0
    assert "di 3 mrt 2026" in out and "gehouden" in out and "Datum" in out


def test_lang_may_follow_the_command(capsys):
    add(capsys)
    code, out, _ = run(capsys, "log", "list", "--lang", "nl")
    assert code == 0 and "di 3 mrt 2026" in out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_bad_date_empty_person_and_zero_minutes_are_refused_naming_each_field(capsys, lang):
    code, out, err = run(
        capsys,
        "--lang",
        lang,
        "log",
        "add",
        "--date",
        "2026-02-30",
        "--person",
        "",
        "--planned",
        "0",
    )
    assert code == 2
    assert out == ""
    assert err.startswith(t("cli.error", lang, message=t("cli.log.not_saved", lang)))
    for field, flag in (
        ("date", "--date"),
        ("person", "--person"),
        ("planned_minutes", "--planned"),
    ):
        assert f"{t(f'field.{field}', lang)} ({flag})" in err
    assert "Traceback" not in err
    assert stored_meetings() == []


def test_one_wrong_value_keeps_the_whole_meeting_out(capsys):
    code, _, err = run(
        capsys,
        "log",
        "add",
        "--date",
        "2026-03-03",
        "--person",
        "Sam",
        "--planned",
        "30",
        "--rating",
        "9",
    )
    assert code == 2
    assert "My rating (1-5) (--rating): Enter a number from 1 to 5." in err
    assert stored_meetings() == []


def test_missing_required_values_are_named_not_tracebacked(capsys):
    code, _, err = run(capsys, "log", "add")
    assert code == 2
    assert "Date (--date): This field is needed." in err
    assert "Planned minutes (--planned): This field is needed." in err


def test_list_of_an_empty_log_says_how_to_start(capsys):
    code, out, _ = run(capsys, "log", "list")
    assert code == 0 and "oneonone log add" in out and "oneonone demo" in out


def test_list_filters_by_person_and_limits_to_the_latest(capsys):
    for day in ("2026-03-03", "2026-03-10", "2026-03-17"):
        add(capsys, "Sam", day)
    add(capsys, "Robin", "2026-03-04")
    code, out, _ = run(capsys, "log", "list", "--person", "sam", "--limit", "2")
    assert code == 0
    assert "Robin" not in out and "3 Mar 2026" not in out
    assert "10 Mar 2026" in out and "17 Mar 2026" in out
    assert "The latest 2 of 3 meetings" in out


def test_list_names_the_people_when_a_person_is_unknown(capsys):
    add(capsys, "Sam")
    code, out, _ = run(capsys, "log", "list", "--person", "Kim")
    assert code == 0 and "'Kim'" in out and "Sam" in out


# ---- demo -----------------------------------------------------------------------------------
def test_demo_rows_are_marked_and_removing_them_keeps_own_records(capsys):
    add(capsys, "Sam")
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "DEMO" in out
    code, out, _ = run(capsys, "log", "list", "--limit", "0")
    demo_lines = [line for line in out.splitlines() if line.startswith("demo ")]
    assert demo_lines and all("(demo)" in line for line in demo_lines)
    assert any(line.startswith("    ") and "Sam" in line for line in out.splitlines())

    code, out, _ = run(capsys, "demo", "--remove")
    assert code == 0 and "removed" in out
    assert [m.person for m in stored_meetings()] == ["Sam"]


# ---- export / import ------------------------------------------------------------------------
def test_json_export_imports_into_a_fresh_home_unchanged(capsys, tmp_path, monkeypatch):
    add(capsys, "Sam", "2026-03-03", "--notes", "=not a formula")
    run(capsys, "demo")
    with Store.open() as store:
        before = transfer.export_data(store)
    target = tmp_path / "out" / "log.json"
    code, out, _ = run(capsys, "export", str(target))
    assert code == 0 and "Meetings" in out and str(target) in out
    assert oct(target.stat().st_mode & 0o777) == "0o600"

    monkeypatch.setenv("ONEONONE_HOME", str(tmp_path / "fresh"))
    code, out, err = run(capsys, "import", str(target))
    assert (code, err) == (0, "")
    # Issue 11: the counts say what is new and what was there already.
    total = sum(len(before[k]) for k in ("meetings", "commitments", "experiments", "assessments"))
    assert out.startswith(f"Imported: {total} new, 0 already there.")
    with Store.open() as store:
        after = transfer.export_data(store)
    for section in ("meetings", "commitments", "experiments", "assessments", "settings"):
        assert after[section] == before[section]


def test_csv_export_imports_meetings_into_a_fresh_home(capsys, tmp_path, monkeypatch):
    add(capsys, "Sam", "2026-03-03", "--needs", "growth;support", "--status", "cancelled")
    add(capsys, "Zoë, de Vries", "2026-03-04", "--notes", "line one\nline two")
    before = stored_meetings()
    target = tmp_path / "meetings.csv"
    assert run(capsys, "export", str(target))[0] == 0

    monkeypatch.setenv("ONEONONE_HOME", str(tmp_path / "fresh"))
    code, out, _ = run(capsys, "import", str(target))
    assert code == 0 and "Meetings 2" in out
    assert stored_meetings() == before


@pytest.mark.parametrize("command", ["export", "import"])
def test_export_and_import_refuse_other_file_types(capsys, tmp_path, command):
    path = tmp_path / "log.xlsx"
    path.write_bytes(b"x")
    code, _, err = run(capsys, command, str(path))
    assert code == 2 and ".json" in err and ".csv" in err and "'.xlsx'" in err


def test_malformed_csv_import_lists_rows_and_changes_nothing(capsys, tmp_path):
    add(capsys, "Sam")
    before = stored_meetings()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,person,planned_minutes\n2026-03-05,Kim,30\n2026-31-01,Kim,30\n2026-03-07,Kim,0\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(bad))
    assert code == 1 and out == ""  # a failure, not wrong usage: the command line was fine
    assert "Nothing was imported: 2 problems found." in err
    assert "Row 3, Date:" in err and "Row 4, Planned minutes:" in err
    assert "Traceback" not in err
    assert stored_meetings() == before


def test_malformed_import_is_explained_in_dutch(capsys, tmp_path):
    bad = tmp_path / "slecht.csv"
    bad.write_text("date,person,planned_minutes\n2026-03-05,,30\n", encoding="utf-8")
    code, _, err = run(capsys, "--lang", "nl", "import", str(bad))
    assert code == 1
    assert t("import.refused", "nl", count=1) in err
    assert (
        t(
            "import.row",
            "nl",
            row=2,
            field=t("field.person", "nl"),
            message=t("error.required", "nl"),
        )
        in err
    )


def test_a_file_that_is_not_an_export_is_refused(capsys, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    code, _, err = run(capsys, "import", str(path))
    assert code == 1 and "not a oneonone export file" in err
    assert stored_meetings() == []


def test_importing_a_missing_file_says_so_without_creating_a_store(capsys, tmp_path, home):
    code, _, err = run(capsys, "import", str(tmp_path / "nowhere.json"))
    assert code == 1 and "Cannot read" in err
    assert not (home / "oneonone.sqlite3").exists()


# ---- forget ---------------------------------------------------------------------------------
def test_forget_without_yes_refuses_when_nobody_can_answer(capsys, monkeypatch):
    add(capsys, "Sam")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "forget", "Sam")
    assert code == 2 and "--yes" in err
    assert len(stored_meetings()) == 1


def test_forget_everything_without_yes_refuses_too(capsys, monkeypatch):
    add(capsys, "Sam")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "forget", "--everything")
    assert code == 2 and "--yes" in err
    assert len(stored_meetings()) == 1


@pytest.mark.parametrize("answer, remaining", [("n\n", 1), ("y\n", 0)])
def test_forget_asks_at_a_terminal(capsys, monkeypatch, answer, remaining):
    add(capsys, "Sam")
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answer))
    code, out, _ = run(capsys, "forget", "Sam")
    assert code == 0 and "[y/N]" in out
    assert len(stored_meetings()) == remaining


def test_forget_yes_removes_only_that_person(capsys):
    add(capsys, "Sam", "2026-03-03")
    add(capsys, "Sam", "2026-03-10")
    add(capsys, "Robin", "2026-03-04")
    code, out, _ = run(capsys, "forget", "Sam", "--yes")
    assert code == 0 and "Deleted 2 records about Sam." in out
    assert [m.person for m in stored_meetings()] == ["Robin"]


def test_forget_matches_names_exactly_and_suggests_the_near_one(capsys):
    add(capsys, "Sam")
    code, out, _ = run(capsys, "forget", "sam", "--yes")
    assert code == 0 and "nothing was deleted" in out and "Sam" in out
    assert len(stored_meetings()) == 1


def test_forget_everything_empties_the_log(capsys):
    add(capsys, "Sam")
    run(capsys, "demo")
    code, out, _ = run(capsys, "forget", "--everything", "--yes")
    assert code == 0 and "Deleted everything" in out
    with Store.open() as store:
        assert sum(store.counts().values()) == 0


@pytest.mark.parametrize("args", [["forget"], ["forget", "Sam", "--everything", "--yes"]])
def test_forget_needs_either_a_person_or_everything(capsys, args):
    code, _, err = run(capsys, *args)
    assert code == 2 and "--everything" in err


# ---- help and argument errors ----------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "oneonone")
def test_help_of_every_command_reads_well_and_exits_0(capsys, command, lang):
    code, out, err = run(capsys, "--lang", lang, *command, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(t("cli.help.usage", lang) + " oneonone")
    assert t("cli.help.example", lang).rstrip(":") in out
    assert "oneonone " + " ".join(command) in out


def test_no_command_shows_the_help_and_fails(capsys):
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert "log" in err and "export" in err


@pytest.mark.parametrize("lang, words", [("en", "not understood"), ("nl", "niet begrepen")])
def test_unknown_options_are_explained_in_the_chosen_language(capsys, lang, words):
    code, _, err = run(capsys, "--lang", lang, "log", "add", "--colour", "blue")
    assert code == 2
    assert words in err and "--colour blue" in err and "oneonone log add --help" in err
    assert "Traceback" not in err


def test_unknown_command_lists_the_commands(capsys):
    code, _, err = run(capsys, "lgo")
    assert code == 2 and "'lgo'" in err and "'log'" in err


def test_unknown_language_is_a_user_error(capsys):
    code, _, err = run(capsys, "--lang", "fr", "log", "list")
    assert code == 2 and "'fr'" in err and "en, nl" in err


def test_an_unusable_oneonone_lang_is_a_user_error_even_with_a_good_flag(capsys, monkeypatch):
    # the kernel and the server refuse it the same way, so the CLI does not quietly ignore it
    monkeypatch.setenv("ONEONONE_LANG", "fr")
    code, out, err = run(capsys, "--lang", "nl", "log", "list")
    assert (code, out) == (2, "")
    assert err == "error: Unknown language 'fr' (ONEONONE_LANG): choose one of en, nl.\n"


def test_argparse_errors_are_wrong_usage_and_failures_are_one(capsys, tmp_path):
    assert run(capsys, "log", "list", "--limit")[0] == 2
    assert run(capsys, "import", str(tmp_path / "nowhere.csv"))[0] == 1


def test_language_comes_from_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("ONEONONE_LANG", "nl")
    code, out, _ = run(capsys, "log", "list")
    assert code == 0 and "Je logboek is leeg" in out


def test_unusable_settings_are_named(capsys, monkeypatch):
    monkeypatch.setenv("ONEONONE_TODAY", "tomorrow")
    code, _, err = run(capsys, "--lang", "nl", "log", "add", "--date", "2026-03-03")
    assert code == 2 and "ONEONONE_TODAY" in err and "‘tomorrow’" in err and "JJJJ-MM-DD" in err


def test_a_number_option_rejects_words(capsys):
    code, _, err = run(capsys, "log", "list", "--limit", "many")
    assert code == 2 and "--limit: 'many' is not a whole number." in err


# ---- app and lab ----------------------------------------------------------------------------
def test_voila_command_serves_the_repository_on_loopback_with_the_repo_config(tmp_path):
    command = cli.voila_command(8870, workshop=True, root=tmp_path, base_env={"PATH": "/bin"})
    assert command.argv[:4] == [sys.executable, "-m", "voila", str(tmp_path)]
    for flag in (
        "--Voila.ip=127.0.0.1",
        "--port=8870",
        "--no-browser",
        "--Voila.port_retries=0",
        f"--Voila.config_file_paths={tmp_path}",
        f"--Voila.config_file_paths={tmp_path / 'config'}",
    ):
        assert flag in command.argv
    assert command.env == {"PATH": "/bin", "ONEONONE_MODE": "workshop"}
    assert command.url == "http://127.0.0.1:8870/"


def test_voila_command_without_workshop_leaves_the_mode_alone(tmp_path):
    command = cli.voila_command(8866, workshop=False, root=tmp_path, base_env={})
    assert "ONEONONE_MODE" not in command.env


def test_voila_reads_the_command_line_as_intended(tmp_path):
    import voila.app as voila_app  # a dependency: missing means a broken install, not a skip

    command = cli.voila_command(8871, workshop=False, root=tmp_path, base_env={})
    app = voila_app.Voila()
    app.parse_command_line(command.argv[3:])
    assert app.config_file_paths == [str(tmp_path), str(tmp_path / "config")]
    assert app.extra_args == [str(tmp_path)]
    assert (app.ip, app.port, app.port_retries, app.open_browser) == ("127.0.0.1", 8871, 0, False)


@pytest.fixture
def fake_repo(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "repo"
    (root / "notebooks" / "en").mkdir(parents=True)
    monkeypatch.setattr(_server, "repo_root", lambda: root)
    return root


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_app_prints_the_address_then_starts_voila(capsys, monkeypatch, fake_repo):
    started = []
    monkeypatch.setattr(
        _server,
        "_run",
        lambda command, lang, open_browser: started.append((command, open_browser)) or 0,
    )
    port = _free_port()
    code, out, _ = run(capsys, "app", "--port", str(port), "--workshop", "--no-browser")
    assert code == 0
    assert f"http://127.0.0.1:{port}/" in out and "Workshop mode" in out
    [(command, open_browser)] = started
    assert open_browser is False
    assert command.env["ONEONONE_MODE"] == "workshop"
    assert f"--Voila.config_file_paths={fake_repo}" in command.argv


def test_app_on_a_busy_port_says_so_and_suggests_another(capsys, monkeypatch, fake_repo):
    monkeypatch.setattr(_server, "_run", lambda *a, **k: pytest.fail("must not start"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run(capsys, "app", "--port", str(port), "--no-browser")
    assert code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert "Stop that server first, or choose another port with --port" in err
    assert "Traceback" not in err and "Errno" not in err


@pytest.fixture
def busy_port():
    """A port another server listens on, for as long as the test runs."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        yield busy.getsockname()[1]


def test_lab_on_a_busy_port_says_so_in_dutch_before_jupyterlab_starts(
    capsys, monkeypatch, fake_repo, busy_port
):
    monkeypatch.setattr(_server, "jupyterlab_installed", lambda: True)
    monkeypatch.setattr(_server, "_run", lambda *a, **k: pytest.fail("must not start"))
    code, out, err = run(capsys, "--lang", "nl", "lab", "--port", str(busy_port))
    assert code == 1 and out == ""
    assert f"poort {busy_port} op 127.0.0.1 is al in gebruik" in err
    assert "Stop die server eerst, of kies een andere poort met --port" in err


def test_a_port_the_user_may_not_open_is_named_as_such(capsys, monkeypatch, fake_repo):
    monkeypatch.setattr(_server, "_run", lambda *a, **k: pytest.fail("must not start"))
    monkeypatch.setattr(
        _server, "listen_problem", lambda port, host="": "not_allowed" if port == 80 else None
    )
    code, _, err = run(capsys, "app", "--port", "80", "--no-browser")
    assert code == 1
    assert "does not let you open port 80" in err and "--port 81" in err


def test_a_server_that_fails_on_a_port_taken_meanwhile_says_so(capsys, tmp_path, busy_port):
    # the port was free when checked, then another program took it before the server did
    failing = [sys.executable, "-c", "raise SystemExit(1)"]
    command = _server.ServerCommand(
        argv=failing, env=dict(os.environ), cwd=tmp_path, url="", port=busy_port
    )
    with pytest.raises(_server.PortError) as info:
        _server._run(command, "en")
    assert info.value.exit_code == 1
    assert f"port {busy_port} on 127.0.0.1 is already in use" in info.value.message("en")


def test_a_server_that_fails_for_another_reason_points_to_its_own_messages(capsys, tmp_path):
    failing = [sys.executable, "-c", "raise SystemExit(3)"]
    command = _server.ServerCommand(
        argv=failing, env=dict(os.environ), cwd=tmp_path, url="", port=_free_port()
    )
    assert _server._run(command, "en") == 1
    assert "The server stopped with exit status 3" in capsys.readouterr().err


def test_app_without_notebooks_explains_they_come_with_the_checkout(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(_server, "repo_root", lambda: tmp_path)
    code, _, err = run(capsys, "app", "--no-browser")
    assert code == 1 and "repository" in err and "pip install -e ." in err


def test_lab_without_jupyterlab_says_how_to_install_it(capsys, monkeypatch, fake_repo):
    monkeypatch.setattr(_server, "jupyterlab_installed", lambda: False)
    code, _, err = run(capsys, "lab")
    assert code == 1 and 'pip install -e ".[lab]"' in err and "make lab" in err


def test_lab_command_opens_the_start_page_with_chapters_and_exercises_reachable(tmp_path):
    command = cli.lab_command(tmp_path, base_env={})
    assert command.argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path}" in command.argv
    assert "--LabApp.default_url=/lab/tree/notebooks/start.ipynb" in command.argv


def test_lab_passes_allow_root_only_when_the_user_id_is_0(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "getuid", lambda: 0, raising=False)
    assert cli.lab_command(tmp_path, base_env={}).argv[-1] == "--allow-root"
    monkeypatch.setattr(os, "getuid", lambda: 1000, raising=False)
    assert "--allow-root" not in cli.lab_command(tmp_path, base_env={}).argv


def test_lab_command_takes_a_port_that_does_not_move_and_no_browser(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "getuid", lambda: 1000, raising=False)
    command = cli.lab_command(tmp_path, base_env={}, port=8899, open_browser=False)
    assert command.argv[5:] == ["--port=8899", "--ServerApp.port_retries=0", "--no-browser"]
    assert command.port == 8899


def test_lab_command_without_options_leaves_port_and_browser_to_jupyterlab(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "getuid", lambda: 1000, raising=False)
    command = cli.lab_command(tmp_path, base_env={})
    assert len(command.argv) == 5
    assert not [arg for arg in command.argv if "port" in arg or "browser" in arg]


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "Running as root (user id 0), so JupyterLab starts with --allow-root."),
        ("nl", "Je werkt als root (gebruiker 0), dus JupyterLab start met --allow-root."),
    ],
)
def test_lab_as_root_says_so_in_the_users_language(capsys, monkeypatch, fake_repo, lang, said):
    started = []
    monkeypatch.setattr(_server, "jupyterlab_installed", lambda: True)
    monkeypatch.setattr(_server, "_run", lambda command, lang: started.append(command) or 0)
    monkeypatch.setattr(os, "getuid", lambda: 0, raising=False)
    port = _free_port()  # not a fixed one: on a shared machine it may be taken
    code, out, _ = run(capsys, "lab", "--port", str(port), "--no-browser", "--lang", lang)
    assert code == 0 and said in out.splitlines()
    [command] = started
    assert command.argv[5:] == [
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--no-browser",
        "--allow-root",
    ]


def test_lab_not_as_root_says_nothing_about_root(capsys, monkeypatch, fake_repo):
    monkeypatch.setattr(_server, "jupyterlab_installed", lambda: True)
    monkeypatch.setattr(_server, "_run", lambda command, lang: 0)
    monkeypatch.setattr(os, "getuid", lambda: 1000, raising=False)
    code, out, _ = run(capsys, "lab")
    assert code == 0 and "--allow-root" not in out


@pytest.mark.parametrize("port", ["0", "65536", "eighty"])
def test_lab_refuses_a_port_outside_1_to_65535(capsys, port):
    code, _, err = run(capsys, "lab", "--port", port)
    assert code == 2 and "--port" in err


class _Running:
    def poll(self):
        return None


def test_app_says_ready_with_the_address_once_the_server_answers(capsys, monkeypatch):
    opened = []
    monkeypatch.setattr(_server.webbrowser, "open", opened.append)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        command = cli.voila_command(port, workshop=False, root=Path("."), base_env={})
        _server._announce_when_ready(command, _Running(), "en", open_browser=False)
    out = capsys.readouterr().out
    assert out == f"Ready: open http://127.0.0.1:{port}/ in your browser.\n"
    assert opened == []


def test_app_opens_the_browser_only_after_saying_ready(capsys, monkeypatch):
    opened = []
    monkeypatch.setattr(_server.webbrowser, "open", opened.append)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        command = cli.voila_command(port, workshop=False, root=Path("."), base_env={})
        _server._announce_when_ready(command, _Running(), "nl", open_browser=True)
    assert capsys.readouterr().out == f"Klaar: open http://127.0.0.1:{port}/ in je browser.\n"
    assert opened == [f"http://127.0.0.1:{port}/"]


# ---- chart and report -----------------------------------------------------------------------
def test_chart_writes_a_png(capsys, tmp_path):
    run(capsys, "demo")
    out_file = tmp_path / "talk.png"
    code, out, err = run(
        capsys, "chart", "talk_share", "--out", str(out_file), "--person", "Alex (demo)"
    )
    # The chart is drawn from the demo log, so it says so (issue 13: never silently).
    assert (code, err) == (0, "Includes the made-up demo log; leave it out with --no-demo.\n")
    assert out_file.read_bytes().startswith(b"\x89PNG") and str(out_file) in out


def test_chart_names_the_choices_when_the_name_is_wrong(capsys, tmp_path):
    code, _, err = run(capsys, "chart", "pie", "--out", str(tmp_path / "x.png"))
    assert code == 2 and "'pie'" in err and "talk_share" in err


def test_chart_refuses_other_file_types_and_unknown_people(capsys, tmp_path):
    code, _, err = run(capsys, "chart", "cadence", "--out", str(tmp_path / "x.jpg"))
    assert code == 2 and ".png" in err
    code, _, err = run(
        capsys, "chart", "cadence", "--out", str(tmp_path / "x.png"), "--person", "Nobody"
    )
    assert code == 1 and "'Nobody'" in err  # the line is fine; the log has no such person


@pytest.mark.parametrize("suffix, start", [(".pdf", b"%PDF"), (".md", b"# ")])
def test_report_writes_a_file_with_names_replaced(capsys, tmp_path, suffix, start):
    run(capsys, "demo")
    out_file = tmp_path / "reports" / f"report{suffix}"
    code, out, err = run(
        capsys,
        "report",
        "--from",
        "2026-06-01",
        "--to",
        "2026-11-22",
        "--names",
        "pseudonyms",
        "--out",
        str(out_file),
    )
    # Made from the demo log, so it says so (issue 13), and demo people keep their mark.
    assert (code, err) == (0, "Includes the made-up demo log; leave it out with --no-demo.\n")
    assert str(out_file) in out
    payload = out_file.read_bytes()
    assert payload.startswith(start) and len(payload) > 200
    if suffix == ".md":
        text = payload.decode("utf-8")
        assert "Alex" not in text and "Person A (demo)" in text


def test_report_keeping_names_reminds_to_replace_them_before_sharing(capsys, tmp_path):
    run(capsys, "demo")
    code, out, _ = run(capsys, "--lang", "nl", "report", "--out", str(tmp_path / "r.md"))
    assert code == 0 and "--names initials" in out and "Rapport geschreven" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["--from", "2026-12-01", "--to", "2026-01-01"], "--from 2026-12-01"),
        (["--from", "someday"], "--from: 'someday'"),
        (["--names", "full"], "--names: 'full'"),
    ],
)
def test_report_refuses_bad_options_in_words(capsys, tmp_path, args, words):
    out_file = tmp_path / "r.md"
    code, _, err = run(capsys, "report", *args, "--out", str(out_file))
    assert code == 2 and words in err
    assert not out_file.exists()


def test_report_refuses_other_file_types(capsys, tmp_path):
    code, _, err = run(capsys, "report", "--out", str(tmp_path / "r.docx"))
    assert code == 2 and ".pdf" in err and ".md" in err


# ---- running as a program -------------------------------------------------------------------
def _console_script() -> Path:
    script = Path(sys.executable).parent / ("oneonone.exe" if os.name == "nt" else "oneonone")
    if not script.exists():
        # A skip here would pass without running the program at all.
        pytest.fail("the oneonone console script is missing: run `pip install -e .` in the venv")
    return script


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, ONEONONE_HOME=str(home), ONEONONE_TODAY=TODAY)
    env.pop("ONEONONE_LANG", None)
    return env


def test_console_script_shows_help_and_reports_a_bad_date_without_traceback(home):
    script = _console_script()
    done = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, env=_env(home), timeout=60
    )
    assert done.returncode == 0 and "oneonone" in done.stdout
    done = subprocess.run(
        [str(script), "log", "add", "--date", "2026-02-30", "--person", "Sam", "--planned", "30"],
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=60,
    )
    assert done.returncode == 2
    assert "Date (--date)" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("module", ["oneonone_kit", "oneonone_kit.cli"])
def test_python_dash_m_runs_the_same_command_line(home, module):
    done = subprocess.run(
        [sys.executable, "-m", module, "--lang", "nl", "log", "list"],
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 0 and "Je logboek is leeg" in done.stdout


def test_importing_the_cli_loads_neither_matplotlib_nor_voila():
    code = (
        "import sys, oneonone_kit.cli; "
        "print(sorted(m for m in ('matplotlib', 'voila', 'ipywidgets') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert done.stdout.strip() == "[]"
