"""tools/mutation_report.py: the score per module, with and without the listed equivalent
mutants, and a list that goes stale when the code moves under it fails the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kit_helpers import ROOT, load_script

report = load_script("tools/mutation_report.py")

ORIGINAL = """
def x_half__mutmut_orig(n):
    return n // 2

def x_half__mutmut_1(n):
    return n / 2

def x_half__mutmut_2(n):
    return n // 3

def x_half__mutmut_3(n):
    return n >> 1
"""


def project(tmp_path: Path, codes: dict[str, int | None], listed: list[list[str]]) -> Path:
    """A repository with one mutated module ``pkg/calc.py`` and a list of equivalents."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mutmut]\nonly_mutate = ["pkg/calc.py"]\n', "utf-8"
    )
    mutants = tmp_path / "mutants" / "pkg"
    mutants.mkdir(parents=True)
    (mutants / "calc.py").write_text(ORIGINAL, "utf-8")
    keys = {f"pkg.calc.x_half__mutmut_{n}": code for n, code in codes.items()}
    (mutants / "calc.py.meta").write_text(json.dumps({"exit_code_by_key": keys}), "utf-8")
    lines = ",\n".join(f"  [{json.dumps(a)}, {json.dumps(b)}]" for a, b in listed)
    text = f'[[equivalent]]\nreason = "same for every input"\nmutants = [\n{lines}\n]\n'
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "mutation_equivalents.toml").write_text(text, "utf-8")
    return tmp_path


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = report.main(["--root", str(root), *args])
    return code, capsys.readouterr().out


def test_an_equivalent_survivor_leaves_the_score_it_is_held_to(tmp_path, capsys):
    # 2 killed, 1 survived (listed as equivalent): 2 of 3 is 66.7%, 2 of 2 is 100%.
    root = project(tmp_path, {1: 1, 2: 1, 3: 0}, [["pkg.calc.x_half__mutmut_3", "return n >> 1"]])
    code, out = run(root, capsys)
    row = next(line for line in out.splitlines() if line.startswith("pkg/calc.py"))
    assert row.split() == ["pkg/calc.py", "3", "3", "2", "1", "1", "66.7%", "100.0%"]
    assert code == 0 and "Stale" not in out and "Survivors" not in out


def test_an_unlisted_survivor_is_named_and_counts_against_the_target(tmp_path, capsys):
    root = project(tmp_path, {1: 1, 2: 0, 3: None}, [])
    code, out = run(root, capsys)
    assert "  pkg.calc.x_half__mutmut_2" in out
    assert "Under 85% without the equivalent mutants: pkg/calc.py" in out
    assert code == 1


def test_an_entry_whose_mutant_now_changes_another_line_is_stale(tmp_path, capsys):
    # The function changed and number 3 now points at another mutant.
    root = project(tmp_path, {1: 1, 2: 1, 3: 0}, [["pkg.calc.x_half__mutmut_3", "return n - 1"]])
    code, out = run(root, capsys)
    assert "pkg.calc.x_half__mutmut_3: now changes 'return n >> 1', listed as 'return n - 1'" in out
    assert code == 1


def test_an_entry_that_is_killed_or_gone_is_stale(tmp_path, capsys):
    listed = [
        ["pkg.calc.x_half__mutmut_2", "return n // 3"],
        ["pkg.calc.x_half__mutmut_9", "return 0"],
    ]
    root = project(tmp_path, {1: 1, 2: 1, 3: 1}, listed)
    code, out = run(root, capsys)
    assert "pkg.calc.x_half__mutmut_2: killed now, so not equivalent" in out
    assert "pkg.calc.x_half__mutmut_9: no such mutant any more" in out
    assert code == 1


def test_describe_prints_the_changed_line_to_copy(tmp_path, capsys):
    root = project(tmp_path, {1: 0}, [])
    assert run(root, capsys, "--describe", "pkg.calc.x_half__mutmut_1") == (
        0,
        "pkg.calc.x_half__mutmut_1: 'return n / 2'\n",
    )


def test_the_projects_list_gives_a_reason_for_every_group_and_names_no_mutant_twice():
    data = report.tomllib.loads((ROOT / "tools" / "mutation_equivalents.toml").read_text("utf-8"))
    names = [name for group in data["equivalent"] for name, _line in group["mutants"]]
    assert all(group["reason"].strip() for group in data["equivalent"])
    assert len(names) == len(set(names)) > 0
    modules = {m.removesuffix(".py").replace("/", ".") for m in report.modules(ROOT)}
    assert all(name.rsplit(".", 1)[0] in modules for name in names)
