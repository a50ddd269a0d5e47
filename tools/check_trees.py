"""Check that the English and Dutch trees of the workbook are twins.

For ``notebooks/`` and ``exercises/`` (either may be missing or empty), the ``en/`` and ``nl/``
folders must hold the same notebook paths; each pair must have the same code cells (source and
order) and so the same ``ui.`` widget calls; no notebook may carry outputs or execution counts;
and every page's navigation cell must be present and current (the logic of
``tools/nav.py``). The prose is free: each language writes its own markdown.

``python tools/check_trees.py`` prints every difference and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREES = ("notebooks", "exercises")
LANGS = ("en", "nl")


def _load_nav():
    # tools/ is not a package: load nav.py by path so the checker and the writer share one logic.
    spec = importlib.util.spec_from_file_location("oo_nav", Path(__file__).with_name("nav.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


nav = _load_nav()


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _notebooks(folder: Path) -> dict[str, Path]:
    """Notebooks under ``folder`` by path relative to it (checkpoints left out)."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*.ipynb"))
        if ".ipynb_checkpoints" not in path.parts
    }


def ui_calls(code: str) -> list[str]:
    """Names of the ``ui.<name>(...)`` calls in ``code``, in order (``["log_form", ...]``)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return [f"<syntax error: {code.strip()[:40]!r}>"]
    calls = [
        (node.lineno, node.col_offset, node.func.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "ui"
    ]
    return [name for *_, name in sorted(calls)]


def _code_cells(cells: list[dict]) -> list[str]:
    return [_source(c) for c in cells if c.get("cell_type") == "code"]


def _output_problems(name: str, cells: list[dict]) -> list[str]:
    found = []
    for number, cell in enumerate(cells, 1):
        if cell.get("cell_type") != "code":
            continue
        label = cell.get("id", f"#{number}")
        if cell.get("outputs"):
            found.append(f"{name}: code cell {label} has outputs (strip them)")
        if cell.get("execution_count") is not None:
            found.append(f"{name}: code cell {label} has an execution count (strip it)")
    return found


def _pair_problems(name: str, en_cells: list[dict], nl_cells: list[dict]) -> list[str]:
    found = []
    en_code, nl_code = _code_cells(en_cells), _code_cells(nl_cells)
    if len(en_code) != len(nl_code):
        found.append(f"{name}: {len(en_code)} code cells in en, {len(nl_code)} in nl")
    for number, (en_src, nl_src) in enumerate(zip(en_code, nl_code, strict=False), 1):
        if en_src != nl_src:
            found.append(f"{name}: code cell {number} differs: en {en_src!r} / nl {nl_src!r}")
    en_ui = [call for src in en_code for call in ui_calls(src)]
    nl_ui = [call for src in nl_code for call in ui_calls(src)]
    if en_ui != nl_ui:
        found.append(f"{name}: ui calls differ: en {en_ui} / nl {nl_ui}")
    return found


def _nav_problems(root: Path) -> list[str]:
    return [
        f"{path.relative_to(root).as_posix()}: navigation cell missing or stale"
        " (run python tools/nav.py)"
        for path in nav.stale(root)
    ]


def problems(root: Path = ROOT) -> list[str]:
    """Every difference between the ``en`` and ``nl`` trees under ``root``; empty when twins."""
    found: list[str] = []
    for tree in TREES:
        en = _notebooks(root / tree / "en")
        nl = _notebooks(root / tree / "nl")
        for name in sorted(set(en) - set(nl)):
            found.append(f"{tree}/nl/{name}: missing (en has it)")
        for name in sorted(set(nl) - set(en)):
            found.append(f"{tree}/en/{name}: missing (nl has it)")
        loaded: dict[tuple[str, str], list[dict]] = {}
        for lang, paths in (("en", en), ("nl", nl)):
            for name, path in paths.items():
                label = f"{tree}/{lang}/{name}"
                try:
                    cells = json.loads(path.read_text("utf-8"))["cells"]
                except (ValueError, KeyError) as error:
                    found.append(f"{label}: not a readable notebook ({error})")
                    continue
                loaded[lang, name] = cells
                found.extend(_output_problems(label, cells))
        for name in sorted(set(en) & set(nl)):
            if ("en", name) in loaded and ("nl", name) in loaded:
                found.extend(
                    _pair_problems(
                        f"{tree}/{{en,nl}}/{name}", loaded["en", name], loaded["nl", name]
                    )
                )
    found.extend(_nav_problems(root))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root to check")
    found = problems(parser.parse_args(argv).root)
    if found:
        print(f"The en and nl trees differ ({len(found)} problem(s)):", *found, sep="\n  ")
        return 1
    print("The en and nl trees match.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
