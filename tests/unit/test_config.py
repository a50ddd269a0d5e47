"""Project configuration that must stay consistent: Voila config files, CI, packaging."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_voila_json_and_jupyter_config_carry_the_same_voila_configuration():
    voila = json.loads((ROOT / "voila.json").read_text())["VoilaConfiguration"]
    jupyter = json.loads((ROOT / "jupyter_config.json").read_text())["VoilaConfiguration"]
    assert voila == jupyter


@functools.cache
def _voila_config(mode: str) -> dict:
    """The configuration Voila builds from the repo's voila.json + config/voila.py (in a
    subprocess: voila.py sets environment variables and, in workshop mode, makes a folder)."""
    code = (
        "import json; from pathlib import Path; from voila.app import Voila;"
        "app = Voila(); app.load_config_file('voila', path=[str(Path.cwd()), 'config']);"
        "c = app.config; v = c.VoilaConfiguration; k = c.MappingKernelManager;"
        "print(json.dumps({'show_tracebacks': v.show_tracebacks, 'template': v.template,"
        " 'hook': callable(v.prelaunch_hook), 'headers': list(v.get('http_header_envs', [])),"
        " 'cull': [k.cull_idle_timeout, k.cull_interval, k.cull_connected],"
        " 'allow': list(v.file_allowlist), 'transport': c.KernelManager.get('transport', 'tcp')}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONEONONE_")}
    env.update(ONEONONE_MODE=mode, ONEONONE_RAM_DIR=str(ROOT / "no-such-folder"))
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_voila_hides_tracebacks_and_culls_idle_kernels():
    config = _voila_config("")
    assert config["show_tracebacks"] is False
    assert config["template"] == "oneonone" and config["hook"]
    idle, interval, connected = config["cull"]
    assert idle > 0 and interval > 0 and connected is True
    assert config["headers"] == []  # cookies reach the kernels in workshop mode only


def test_kernels_listen_on_unix_sockets_not_ports():
    # No port race in a room opening at once, and no other account reaches a kernel (webapp).
    assert _voila_config("")["transport"] == "ipc"
    assert _voila_config("workshop")["transport"] == "ipc"


def test_a_temp_folder_too_deep_for_a_socket_name_keeps_ports(monkeypatch, tmp_path):
    from oneonone_kit.web import webapp

    deep = tmp_path / ("d" * 60)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(deep))
    assert webapp.kernels_on_unix_sockets() is False
    monkeypatch.setattr("tempfile.gettempdir", lambda: "/tmp")
    assert webapp.kernels_on_unix_sockets() is True


def test_workshop_server_culls_sooner_and_passes_the_cookie_header():
    local, room = _voila_config(""), _voila_config("workshop")
    assert room["cull"][0] <= local["cull"][0] and room["cull"][1] <= local["cull"][1]
    assert room["headers"] == ["Cookie"]


def test_only_files_of_the_workbook_trees_are_served():
    [pattern] = _voila_config("")["allow"]
    assert re.fullmatch(pattern, "notebooks/en/figure.png")
    assert re.fullmatch(pattern, "exercises/nl/card.svg")
    assert not re.fullmatch(pattern, "tests/e2e/shot.png")
    assert not re.fullmatch(pattern, "notebooks/en/05_my_log.ipynb")


def test_ci_script_is_executable_and_runs_make_test():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    text = script.read_text()
    assert "make test" in text and "chromium" in text


def test_package_data_ships_every_catalogue():
    import re

    # tomllib is 3.11+; the project supports 3.10, so read the one line we need.
    line = re.search(r"^oneonone_kit = (\[.*\])$", (ROOT / "pyproject.toml").read_text(), re.M)
    patterns = json.loads(line.group(1))
    shipped = {p for pattern in patterns for p in (ROOT / "oneonone_kit").glob(pattern)}
    catalogues = set((ROOT / "oneonone_kit" / "content").rglob("*.json"))
    assert catalogues and catalogues <= shipped


def test_environment_yml_installs_the_repo_itself_for_binder():
    text = (ROOT / "environment.yml").read_text()
    assert "- -e ." in text or "- -e .[" in text


def test_readme_shows_the_two_commands_first():
    lines = (ROOT / "README.md").read_text().splitlines()[:40]
    first_screen = "\n".join(lines)
    assert "make app" in first_screen and "make test" in first_screen


def test_notebooks_are_committed_without_outputs():
    for notebook in ROOT.glob("*/**/*.ipynb"):
        # mutants/ is mutmut's build copy of the repository, not a second set of notebooks
        if {".venv", ".ipynb_checkpoints", "mutants"} & set(notebook.parts):
            continue
        cells = json.loads(notebook.read_text())["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and cell.get("execution_count") is None, notebook
