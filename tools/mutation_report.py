"""Print the mutation score per module and the surviving mutants after ``mutmut run``.

Reads mutmut's result files (``mutants/<path>.meta``, JSON with ``exit_code_by_key``) for the
modules listed in ``[tool.mutmut] only_mutate`` of pyproject.toml. The score is killed mutants
(timeouts and type-check catches count as killed) over the mutants that were checked.
Exits 1 when a module with checked mutants scores under ``--target`` (default 85%).

Usage: python tools/mutation_report.py [--target 85] [--root .]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

# mutmut's exit codes (mutmut/stats.py): 0 survived, 1 and 3 killed, None not checked, ...
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}
SURVIVED = {0}
NOT_RUN = {None, 2, 5, 33, 34}


def modules(root: Path) -> list[str]:
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    return list(config["tool"]["mutmut"]["only_mutate"])


def results(root: Path, module: str) -> dict[str, int | None]:
    meta = root / "mutants" / (module + ".meta")
    if not meta.exists():
        return {}
    return json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=85.0, help="minimum score in percent")
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    rows, survivors, below = [], [], []
    for module in modules(args.root):
        codes = results(args.root, module)
        killed = sum(code in KILLED for code in codes.values())
        survived = sorted(name for name, code in codes.items() if code in SURVIVED)
        other = sum(code not in KILLED | SURVIVED | NOT_RUN for code in codes.values())
        checked = killed + len(survived) + other
        score = 100.0 * killed / checked if checked else None
        rows.append((module, len(codes), checked, killed, len(survived), score))
        survivors += survived
        if score is not None and score < args.target:
            below.append(module)
    print(
        f"{'module':<36} {'mutants':>8} {'checked':>8} {'killed':>7} {'survived':>9} {'score':>7}"
    )
    for module, total, checked, killed, survived, score in rows:
        shown = f"{score:6.1f}%" if score is not None else "      -"
        print(f"{module:<36} {total:>8} {checked:>8} {killed:>7} {survived:>9} {shown}")
    if survivors:
        print(f"\nSurvivors ({len(survivors)}); see one with `mutmut show NAME`:")
        for name in survivors:
            print(f"  {name}")
    if below:
        print(f"\nUnder {args.target:g}%: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
