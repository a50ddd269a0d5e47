"""Widgets for the notebooks. Each builder returns one widget object exposing its parts
(``form.person``, ``form.save``, ``form.message``) so notebooks and tests use the same handles.

Notebook cells stay one line: ``from oneonone_kit import ui`` then ``ui.log_form()``.
Every public module of this package lists its builders in ``__all__``; ``ui.<name>`` finds them
on first use, so ``from oneonone_kit import ui`` itself stays cheap.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

_index: dict[str, str] = {}


def _build_index() -> dict[str, str]:
    if not _index:
        for info in pkgutil.iter_modules(__path__):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            for name in getattr(module, "__all__", ()):
                if name in _index:
                    raise ImportError(f"ui.{name} is exported by two modules")
                _index[name] = module.__name__
        for name, module_name in _index.items():
            # Importing a submodule sets it as a package attribute; a builder named like its
            # module (none today) must still win, so put builders back where that happened.
            if name in globals():
                globals()[name] = getattr(importlib.import_module(module_name), name)
    return _index


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    if name == "session":
        return importlib.import_module(f"{__name__}.session")
    module_name = _build_index().get(name)
    if module_name is None:
        raise AttributeError(f"module 'oneonone_kit.ui' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # cache; also shadows a submodule that shares the builder's name
    return value


def __dir__() -> list[str]:
    return sorted(_build_index())
