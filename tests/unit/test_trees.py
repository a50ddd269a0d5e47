"""The English and Dutch trees are twins: same notebooks, same code cells, current navigation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kit_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]


check_trees = load_script("tools/check_trees.py")


def _write(path: Path, cells: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook, indent=1), "utf-8")


def _markdown(cell_id: str, text: str) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": text}


def _code(cell_id: str, code: str) -> dict:
    return {
        "cell_type": "code",
        "id": cell_id,
        "metadata": {},
        "source": code,
        "execution_count": None,
        "outputs": [],
    }


def _twin_tree(root: Path) -> None:
    """A fake repository whose en and nl trees match, navigation included."""
    for lang, title in (("en", "# 00 Start"), ("nl", "# 00 Begin")):
        _write(
            root / "notebooks" / lang / "00_start.ipynb",
            [
                _markdown("00-00", title),
                _code("00-01", "from oneonone_kit import ui"),
                _code("00-02", 'ui.reflection("start.why_here")'),
            ],
        )
        _write(
            root / "exercises" / lang / "cases.ipynb",
            [_markdown("c-00", title), _code("c-01", "ui.cards('needs')")],
        )
    check_trees.nav.stale(root, write=True)


def test_the_en_and_nl_trees_of_the_workbook_are_twins():
    problems = check_trees.problems(ROOT)
    assert problems == [], "\n".join(problems)


def test_a_matching_fake_tree_has_no_problems(tmp_path: Path):
    _twin_tree(tmp_path)
    assert check_trees.problems(tmp_path) == []


def test_a_tree_without_exercises_is_fine(tmp_path: Path):
    _twin_tree(tmp_path)
    for lang in ("en", "nl"):
        (tmp_path / "exercises" / lang / "cases.ipynb").unlink()
    assert check_trees.problems(tmp_path) == []


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text("utf-8"))
    change(data["cells"])
    path.write_text(json.dumps(data, indent=1), "utf-8")


def _last_code(cells: list[dict]) -> dict:
    return [c for c in cells if c["cell_type"] == "code"][-1]


def _different_code(cells):
    _last_code(cells)["source"] = "ui.whose_meeting()"


def _with_output(cells):
    _last_code(cells).update(
        execution_count=1, outputs=[{"output_type": "stream", "name": "stdout", "text": "hi"}]
    )


def _extra_code_cell(cells):
    cells.append(_code("c-02", "ui.whose_meeting()"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_different_code, "code cell 1 differs"),
        (_different_code, "ui calls differ"),
        (_with_output, "has outputs"),
        (_with_output, "execution count"),
        (_extra_code_cell, "1 code cells in en, 2 in nl"),
    ],
)
def test_the_checker_reports_a_dutch_exercise_that_drifted(tmp_path: Path, change, expected):
    _twin_tree(tmp_path)
    _edit(tmp_path / "exercises" / "nl" / "cases.ipynb", change)
    problems = check_trees.problems(tmp_path)
    assert any(expected in p for p in problems), problems


def test_the_checker_reports_a_notebook_missing_in_one_language(tmp_path: Path):
    _twin_tree(tmp_path)
    (tmp_path / "exercises" / "nl" / "cases.ipynb").unlink()
    assert check_trees.problems(tmp_path) == ["exercises/nl/cases.ipynb: missing (en has it)"]


def test_the_checker_reports_stale_navigation(tmp_path: Path):
    _twin_tree(tmp_path)
    _write(
        tmp_path / "notebooks" / "nl" / "00_start.ipynb",
        [
            _markdown("00-00", "# 00 Begin"),
            _code("00-01", "from oneonone_kit import ui"),
            _code("00-02", 'ui.reflection("start.why_here")'),
        ],
    )
    problems = check_trees.problems(tmp_path)
    assert problems == [
        "notebooks/nl/00_start.ipynb: navigation cell missing or stale (run python tools/nav.py)"
    ]


def test_the_command_line_exits_1_and_lists_the_differences(tmp_path: Path, capsys):
    _twin_tree(tmp_path)
    _edit(tmp_path / "notebooks" / "nl" / "00_start.ipynb", _different_code)
    assert check_trees.main(["--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "notebooks/{en,nl}/00_start.ipynb: code cell 2 differs" in out
