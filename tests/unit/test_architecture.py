"""The house keeps its plan: imports point down the floors only, and never in a circle.

Every ``import`` in the package is read with :mod:`ast` (also those inside functions and under
``TYPE_CHECKING``: a lazy import is still a dependency), resolved to a module of the package,
and checked against the floor plan in ``docs/architecture.md``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import oneonone_kit

PACKAGE = Path(oneonone_kit.__file__).resolve().parent
ROOT_NAME = "oneonone_kit"

# Rooms and the rooms each may import. The ground floor is split into its own modules, which
# may only import those listed before them; a room may always import itself.
GROUND = ("i18n", "errors", "env", "validate", "fieldspec", "model", "labels", "items", "pages")
ALLOWED: dict[str, set[str]] = {
    "log": set(GROUND),
    "insight": {"log", *GROUND},
    "charts": {"insight", "log", *GROUND},
    "coach": set(GROUND),
    "web": {"log", *GROUND},
    "ui": {"charts", "insight", "coach", "log", "web", *GROUND},
    "cli": {"charts", "insight", "coach", "log", "web", *GROUND},
    "package": {"cli"},  # oneonone_kit/__init__.py and __main__.py
}
for _i, _name in enumerate(GROUND):
    ALLOWED[_name] = set(GROUND[:_i])


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = (ROOT_NAME, *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _owner(module: str) -> str:
    """The module's package or the module itself (``__init__`` counts as its package)."""
    path = MODULES[module]
    return module if path.name == "__init__.py" else module.rsplit(".", 1)[0]


def _target(name: str) -> str | None:
    """The package module ``name`` refers to: itself, or the nearest enclosing module."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    found: set[str] = set()
    package = _owner(module)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # ``from . import x`` names a module; ``from .m import f`` names m (f is no module)
            names = [f"{prefix}.{alias.name}" for alias in node.names]
            names = [n for n in names if n in MODULES] or [prefix]
        else:
            continue
        for name in names:
            if name == ROOT_NAME or not name.startswith(ROOT_NAME + "."):
                continue
            target = _target(name)
            if target and target != module:
                found.add(target)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def room(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__main__",):
        return "package"
    return parts[1]


def test_every_room_is_on_the_plan():
    assert {room(m) for m in MODULES} <= set(ALLOWED), "add the new room to ALLOWED and the docs"


def test_imports_point_down_only():
    upward = sorted(
        f"{a} imports {b} ({room(a)} may not import {room(b)})"
        for a, targets in GRAPH.items()
        for b in targets
        if room(a) != room(b) and room(b) not in ALLOWED[room(a)]
    )
    assert upward == []


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_no_import_circles():
    assert find_cycles(GRAPH) == []


def test_the_cycle_finder_names_both_modules():
    # a hand-made graph: a -> b -> a is a circle, c -> a is not part of it
    graph = {"a": {"b"}, "b": {"a"}, "c": {"a"}}
    assert find_cycles(graph) == [["a", "b"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_lazy_and_relative_imports():
    # oneonone_kit.cli._outputs imports charts inside a function, relatively
    assert "oneonone_kit.charts.report" in GRAPH["oneonone_kit.cli._outputs"]
    assert "oneonone_kit.log.store" in GRAPH["oneonone_kit.web.workshop"]


@pytest.mark.parametrize(
    "package", sorted(m for m, p in MODULES.items() if p.name == "__init__.py")
)
def test_every_subpackage_says_what_it_holds(package):
    doc = importlib.import_module(package).__doc__ or ""
    assert len(doc.strip()) > 40, f"{package}: say in its docstring what it holds and may import"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small_or_say_why(module):
    lines = MODULES[module].read_text("utf-8").count("\n")
    if lines > 420:
        doc = importlib.import_module(module).__doc__ or ""
        assert "Long on purpose" in doc, f"{module} has {lines} lines: split it or say why"


def test_the_ui_table_matches_every_module_all():
    from oneonone_kit import ui

    exported = {}
    for path in sorted((PACKAGE / "ui").glob("*.py")):
        if path.stem.startswith("_") or path.stem == "session":
            continue
        module = importlib.import_module(f"oneonone_kit.ui.{path.stem}")
        for name in getattr(module, "__all__", ()):
            assert name not in exported, (
                f"ui.{name} is exported by {exported.get(name)} and {path.stem}"
            )
            exported[name] = path.stem
    assert ui.BUILDERS == exported


def test_a_ui_builder_is_found_through_the_table():
    from oneonone_kit import ui
    from oneonone_kit.ui.log import log_form

    assert ui.log_form is log_form
    with pytest.raises(AttributeError):
        ui.no_such_builder  # noqa: B018


def test_no_ui_builder_shares_its_module_name():
    # importing ui/x.py sets ``ui.x`` to the module, which would hide a builder called ``x``
    from oneonone_kit import ui

    assert not set(ui.BUILDERS) & set(ui.BUILDERS.values())
