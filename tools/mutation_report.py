"""Print the mutation score per module and the surviving mutants after ``mutmut run``.

Reads mutmut's result files (``mutants/<path>.meta``, JSON with ``exit_code_by_key``) for the
modules listed in ``[tool.mutmut] only_mutate`` of pyproject.toml. Killed mutants (timeouts and
type-check catches count as killed) are counted over the mutants that were checked, leaving out
the survivors listed in ``tools/mutation_equivalents.toml``: mutants no input can tell apart from
the code, each with its reason. Both scores are printed; the target applies to the second.

Each listed equivalent names the mutant and its changed line as mutmut wrote it. A mutant's
number moves when its function changes, so an entry whose mutant no longer exists, no longer
shows that line, or is now killed is reported as stale, and the report fails until the list is
put right. ``--describe NAME`` prints a mutant's changed line, to copy into the list.

Exits 1 when a module with checked mutants scores under ``--target`` (default 85%) or an entry
of the list is stale.

Usage: python tools/mutation_report.py [--target 85] [--root .] [--equivalents FILE]
                                      [--describe NAME]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from functools import cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

# mutmut's exit codes (mutmut/stats.py): 0 survived, 1 and 3 killed, None not checked, ...
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}
SURVIVED = {0}
NOT_RUN = {None, 2, 5, 33, 34}
EQUIVALENTS = Path("tools") / "mutation_equivalents.toml"


def modules(root: Path) -> list[str]:
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    return list(config["tool"]["mutmut"]["only_mutate"])


def results(root: Path, module: str) -> dict[str, int | None]:
    meta = root / "mutants" / (module + ".meta")
    if not meta.exists():
        return {}
    return json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})


def equivalents(path: Path) -> dict[str, str]:
    """Mutant name -> its changed line, from the list of equivalent mutants."""
    if not path.exists():
        return {}
    listed: dict[str, str] = {}
    for group in tomllib.loads(path.read_text("utf-8")).get("equivalent", []):
        for name, line in group["mutants"]:
            listed[name] = line
    return listed


@cache
def _functions(path: Path) -> dict[str, list[str]]:
    """Every function in one of mutmut's rewritten modules, by name, as its source lines."""
    text = path.read_text("utf-8")
    lines = text.splitlines()
    return {
        node.name: lines[node.lineno - 1 : node.end_lineno]
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def changed_line(root: Path, name: str) -> str | None:
    """The first line where mutant ``name`` differs from the original, stripped; None if the
    mutant is not in ``mutants/``."""
    module, _, function = name.rpartition(".")
    path = root / "mutants" / Path(*module.split(".")).with_suffix(".py")
    if not path.exists() or "__mutmut_" not in function:
        return None
    functions = _functions(path)
    original = function.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"
    if function not in functions or original not in functions:
        return None
    mutant = [line.replace(function, "") for line in functions[function]]
    base = [line.replace(original, "") for line in functions[original]]
    for before, after in zip(base, mutant):
        if before != after:
            return after.strip()
    return mutant[len(base)].strip() if len(mutant) > len(base) else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=85.0, help="minimum score in percent")
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--describe", metavar="NAME", help="print a mutant's changed line")
    parser.add_argument("--equivalents", type=Path, help=f"default: ROOT/{EQUIVALENTS}")
    args = parser.parse_args(argv)
    if args.describe:
        line = changed_line(args.root, args.describe)
        print(f"{args.describe}: {line!r}" if line is not None else f"{args.describe}: not found")
        return 0 if line is not None else 1
    listed = equivalents(args.equivalents or args.root / EQUIVALENTS)
    rows, survivors, below, stale = [], [], [], []
    for module in modules(args.root):
        codes = results(args.root, module)
        killed = sum(code in KILLED for code in codes.values())
        survived = sorted(name for name, code in codes.items() if code in SURVIVED)
        other = sum(code not in KILLED | SURVIVED | NOT_RUN for code in codes.values())
        checked = killed + len(survived) + other
        equivalent = [name for name in survived if name in listed]
        score = 100.0 * killed / checked if checked else None
        counted = checked - len(equivalent)
        fair = 100.0 * killed / counted if counted else None
        rows.append((module, len(codes), checked, killed, len(survived), len(equivalent)))
        rows[-1] += (score, fair)
        survivors += [name for name in survived if name not in listed]
        if fair is not None and fair < args.target:
            below.append(module)
        prefix = module.removesuffix(".py").replace("/", ".") + "."
        for name, line in listed.items():
            if not name.startswith(prefix) or not codes:
                continue
            found = changed_line(args.root, name)
            if name not in codes or found is None:
                stale.append(f"{name}: no such mutant any more")
            elif found != line:
                stale.append(f"{name}: now changes {found!r}, listed as {line!r}")
            elif codes[name] in KILLED:
                stale.append(f"{name}: killed now, so not equivalent")
    head = ("module", "mutants", "checked", "killed", "survived", "equiv.", "score", "w/o equiv.")
    print(f"{head[0]:<36}" + "".join(f"{h:>11}" for h in head[1:]))
    for module, *counts, score, fair in rows:
        shown = [f"{s:10.1f}%" if s is not None else f"{'-':>11}" for s in (score, fair)]
        print(f"{module:<36}" + "".join(f"{c:>11}" for c in counts) + "".join(shown))
    if survivors:
        print(f"\nSurvivors not listed as equivalent ({len(survivors)}); see one with")
        print("`mutmut show NAME`, then kill it with a test or list it in " + str(EQUIVALENTS))
        for name in survivors:
            print(f"  {name}")
    if stale:
        print(f"\nStale entries in {EQUIVALENTS} (put them right):")
        for entry in stale:
            print(f"  {entry}")
    if below:
        print(f"\nUnder {args.target:g}% without the equivalent mutants: {', '.join(below)}")
    return 1 if below or stale else 0


if __name__ == "__main__":
    sys.exit(main())
