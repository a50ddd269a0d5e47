"""Project configuration that must stay consistent: Voila config files, CI, packaging."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_voila_json_and_jupyter_config_carry_the_same_voila_configuration():
    voila = json.loads((ROOT / "voila.json").read_text())["VoilaConfiguration"]
    jupyter = json.loads((ROOT / "jupyter_config.json").read_text())["VoilaConfiguration"]
    assert voila == jupyter


def test_voila_hides_tracebacks_and_culls_idle_kernels():
    config = json.loads((ROOT / "voila.json").read_text())
    assert config["VoilaConfiguration"]["show_tracebacks"] is False
    assert config["MappingKernelManager"]["cull_idle_timeout"] > 0


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
        if ".venv" in notebook.parts or ".ipynb_checkpoints" in notebook.parts:
            continue
        cells = json.loads(notebook.read_text())["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and cell.get("execution_count") is None, notebook
