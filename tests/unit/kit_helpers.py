"""Helpers that several unit-test files share: a module they import, so each is written once.

:func:`run` calls the ``oneonone`` command in this process, as a user would at a terminal;
:func:`run_alone` runs a coroutine on a loop of its own; :func:`load_script` loads a script that is not a module of the package (``tools/nav.py``,
``tests/unit/hostile/make_corpus.py``). The throw-away home every test runs in is the
``tmp_home`` fixture of ``tests/conftest.py``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from oneonone_kit import cli

ROOT = Path(__file__).resolve().parents[2]
# Ways of writing "one-on-one" in Dutch text that the style guide rules out (nl-style.md).
DUTCH_VARIANTS = re.compile(r"one[- ]on[- ]one|\been[- ]op[- ]een\b|1[- ]op[- ]1")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``oneonone ARGS``: its exit status, and what it printed on stdout and on stderr."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def load_script(path: str | Path, name: str | None = None) -> ModuleType:
    """The Python file at ``path`` (from the repository's root), loaded as a module."""
    file = ROOT / path
    spec = importlib.util.spec_from_file_location(name or file.stem, file)
    assert spec is not None and spec.loader is not None, file
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strings_in(value: Any) -> list[str]:
    """Every string inside a content item, however deeply nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def run_alone(coroutine):
    """Run ``coroutine`` on its own loop in a thread: the browser tests that ran before in the
    same process (as in `make test`) may have left an event loop running in this thread, where
    ``asyncio.run`` refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
