"""Every page ends with one navigation cell: start page, previous and next in its series."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from kit_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]


nav = load_script("tools/nav.py", "oo_nav")
LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def _cells(path: str) -> list[dict]:
    return json.loads((ROOT / path).read_text("utf-8"))["cells"]


def _nav_links(path: str) -> list[tuple[str, str]]:
    cells = _cells(path)
    source = "".join(cells[-1]["source"])
    assert source.startswith(nav.MARKER), f"{path}: the last cell is not the nav cell"
    return LINK.findall(source)


def test_the_navigation_cells_are_current():
    assert nav.stale(ROOT) == []


def test_a_middle_chapter_links_back_forward_and_to_the_start_page():
    links = _nav_links("notebooks/en/01_mindset.ipynb")
    assert [href for _, href in links] == [
        "00_start_here.ipynb",
        "../start.ipynb?lang=en",
        "02_behaviours.ipynb",
    ]
    assert links[1][0] == "Start page"


def test_the_last_dutch_exercise_links_back_and_to_the_dutch_start_page():
    links = _nav_links("exercises/nl/03_which_need.ipynb")
    assert links == [
        ("← Vorige: 02 Rollenspel in drietallen", "02_role_play_trio.ipynb"),
        ("Startpagina", "../../notebooks/start.ipynb?lang=nl"),
    ]


def test_the_group_view_links_to_the_start_page_in_both_languages():
    hrefs = [href for _, href in _nav_links("notebooks/facilitator/cohort.ipynb")]
    assert hrefs == ["../start.ipynb?lang=en", "../start.ipynb?lang=nl"]


@pytest.mark.parametrize("path", sorted(str(p.relative_to(ROOT)) for p in nav.expected(ROOT)))
def test_every_page_has_one_nav_cell_whose_links_lead_to_real_notebooks(path: str):
    cells = _cells(path)
    assert sum(nav.MARKER in "".join(c["source"]) for c in cells) == 1
    links = _nav_links(path)
    assert any(urlsplit(href).path.endswith("start.ipynb") for _, href in links)
    for _, href in links:
        target = (ROOT / path).parent / urlsplit(href).path
        assert target.is_file(), f"{path}: {href} leads nowhere"


def test_the_writer_moves_an_old_top_nav_cell_to_the_end(tmp_path: Path):
    folder = tmp_path / "notebooks" / "en"
    folder.mkdir(parents=True)
    (tmp_path / "notebooks" / "start.ipynb").write_text("{}", "utf-8")
    old_nav = {"cell_type": "markdown", "metadata": {}, "source": f"{nav.MARKER}\nold"}
    body = {"cell_type": "markdown", "metadata": {}, "source": "# 00 Start"}
    notebook = {"cells": [old_nav, body], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "00_start.ipynb").write_text(json.dumps(notebook), "utf-8")
    assert nav.stale(tmp_path, write=True) == [folder / "00_start.ipynb"]
    cells = json.loads((folder / "00_start.ipynb").read_text("utf-8"))["cells"]
    assert [c["source"] for c in cells] == [
        "# 00 Start",
        f"{nav.MARKER}\n\n---\n\n[Start page](../start.ipynb?lang=en)",
    ]
    assert nav.stale(tmp_path) == []
