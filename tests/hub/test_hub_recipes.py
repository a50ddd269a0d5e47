"""How the JupyterHub tier reads docs/deploy.md: hand-made blocks in, the hub's settings out."""

from __future__ import annotations

import json
import sys
from pathlib import PurePosixPath

import pytest
from hub_harness import ROOT, hub_values, image_steps, recipe

from oneonone_kit.web.webapp import START_PAGE

VALUES = """\
singleuser:
  defaultUrl: /voila/render/notebooks/start.ipynb
  extraEnv:
    ONEONONE_HOME: /home/jovyan/data/oneonone
    JUPYTER_CONFIG_PATH: /srv/wb/config
  storage:
    homeMountPath: /home/jovyan
cull:
  enabled: true
  timeout: 600
  every: 60
  maxAge: 0
hub:
  config:
    KubeSpawner:
      notebook_dir: /srv/wb
"""


def test_a_recipe_is_the_fenced_block_between_its_markers():
    text = (
        "before\n<!-- recipe:hub-image (a note) -->\n```dockerfile\nFROM x\n```\n"
        "<!-- /recipe:hub-image -->\n<!-- recipe:hub-values -->\n```yaml\na: 1\n```\n"
        "<!-- /recipe:hub-values -->\n"
    )
    assert recipe("hub-image", text) == "FROM x\n"
    assert recipe("hub-values", text) == "a: 1\n"
    with pytest.raises(AssertionError, match="no recipe:token block"):
        recipe("token", text)


def test_the_image_steps_are_the_copy_target_and_each_command_of_the_run_line():
    steps = image_steps(
        "FROM base\nUSER root\nCOPY . /srv/wb\n"
        "RUN pip install --no-cache-dir -e /srv/wb \\\n && cp /srv/wb/a.json /etc/jupyter/b.json\n"
    )
    assert steps.workbook == PurePosixPath("/srv/wb")
    assert steps.commands == (
        ("pip", "install", "--no-cache-dir", "-e", "/srv/wb"),
        ("cp", "/srv/wb/a.json", "/etc/jupyter/b.json"),
    )


def test_the_values_give_the_store_s_place_in_the_home_and_the_served_folder():
    values = hub_values(VALUES)
    assert values.default_url == "/voila/render/notebooks/start.ipynb"
    assert values.store_in_home == PurePosixPath("data/oneonone")
    assert values.served == PurePosixPath("/srv/wb")
    assert values.extra_env["JUPYTER_CONFIG_PATH"] == "/srv/wb/config"


def test_the_culler_gets_the_chart_s_flags_and_no_age_limit_for_max_age_zero():
    values = hub_values(VALUES)
    flags = ["--timeout=600", "--cull-every=60"]
    assert values.culler_command() == [sys.executable, "-m", "jupyterhub_idle_culler", *flags]
    aged = hub_values(VALUES.replace("maxAge: 0", "maxAge: 86400"))
    assert aged.culler_command()[-1] == "--max-age=86400"


def test_values_with_culling_off_are_refused():
    with pytest.raises(AssertionError, match="switches culling off"):
        hub_values(VALUES.replace("enabled: true", "enabled: false"))


def test_the_documented_default_url_is_the_app_s_start_page():
    assert hub_values(recipe("hub-values")).default_url == f"/voila/render/{START_PAGE}"


def test_the_server_config_of_hub_and_binder_loads_no_mathjax_from_a_cdn():
    # Voila as a server extension falls back to MathJax from cdnjs unless the server's settings
    # name no URL; the standalone app names none. The workbook has no formulas.
    config = json.loads((ROOT / "jupyter_config.json").read_text())
    settings = config["ServerApp"]["tornado_settings"]
    assert settings["mathjax_url"] is None and settings["mathjax_config"] is None
