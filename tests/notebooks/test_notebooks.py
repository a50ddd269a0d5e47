"""Tier 2: every notebook and exercise runs top to bottom under nbval, in both languages.

Each notebook runs in its own pytest subprocess with a throw-away ONEONONE_HOME and a fixed
ONEONONE_TODAY, so runs are deterministic and never touch the learner's real data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALL = sorted(
    p
    for folder in ("notebooks", "exercises")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


def has_code(path: Path) -> bool:
    return any(c["cell_type"] == "code" for c in json.loads(path.read_text("utf-8"))["cells"])


# nbval runs code cells; the pages made from docs/ by tools/doc_pages.py have none.
NOTEBOOKS = [p for p in ALL if has_code(p)]
TEXT_ONLY = [p for p in ALL if not has_code(p)]


def test_the_only_pages_without_code_are_the_ones_made_from_docs():
    names = sorted(str(p.relative_to(ROOT)) for p in TEXT_ONLY)
    assert names == [
        f"notebooks/{lang}/{page}"
        for lang in ("en", "nl")
        for page in ("facilitator_guide.ipynb", "references.ipynb")
    ]


def test_there_are_notebooks_in_both_languages():
    langs = {p.relative_to(ROOT).parts[1] for p in NOTEBOOKS}
    assert {"en", "nl"} <= langs


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_under_nbval(notebook: Path, tmp_path: Path):
    env = dict(os.environ, ONEONONE_HOME=str(tmp_path / "home"), ONEONONE_TODAY="2026-11-22")
    env.pop("ONEONONE_MODE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            "--nbval-cell-timeout=120",
            str(notebook),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
