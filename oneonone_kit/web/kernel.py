"""The kernel a Voila page of this app runs: IPython's kernel, without its debugger, and with
one style widget for every set of widgets that look alike.

``share/jupyter/kernels/python3/kernel.json`` starts it, and :func:`oneonone_kit.web.webapp.configure`
puts that folder first on the Jupyter path of the Voila server, so every page's kernel is this
one; JupyterLab, Binder and JupyterHub keep their own. A page never runs a debugger, yet
ipykernel imports debugpy at start when it can: about 0.15 CPU-seconds for every page a room
opens (benchmarks/bench_room.py). Refusing that import makes ipykernel switch its debugger off,
as it does where debugpy is not installed.

Every ipywidgets control comes with a style widget of its own (``ButtonStyle``, ``HTMLStyle``,
...), and each widget costs a message from the kernel and its handling in Voila's one process
when the page opens: about a quarter of a page's widgets are styles. In these kernels (and only
here: in JupyterLab a learner may restyle one widget of their own) :func:`share_styles` lets
widgets with the same style settings share one style widget, as ipywidgets allows. The kit
never changes a style after it made the widget; it changes layouts, which stay one per widget.
"""

from __future__ import annotations

import os
import sys
from importlib.abc import MetaPathFinder
from typing import Any

HIDDEN = ("debugpy", "_pydevd_bundle", "_pydev_bundle", "pydevd")
APP_KERNEL_ENV = "ONEONONE_APP_KERNEL"  # set by main() in the kernel's own process


class NoDebugger(MetaPathFinder):
    """Refuses to import the debugger's packages (ipykernel then runs without one)."""

    def find_spec(self, name: str, path=None, target=None):  # type: ignore[override]
        if name.split(".", 1)[0] in HIDDEN:
            raise ImportError(f"{name} is left out of this app's kernels")
        return None


def share_styles() -> bool:
    """In this app's kernels, make widgets with equal style settings share one style widget
    (see the module doc); elsewhere do nothing. Returns True when styles are shared. Called by
    :mod:`oneonone_kit.ui.common`, once ipywidgets is imported inside a running kernel."""
    if os.environ.get(APP_KERNEL_ENV) != "1":
        return False
    from ipywidgets.widgets.trait_types import InstanceDict
    from ipywidgets.widgets.widget_style import Style

    if getattr(InstanceDict.validate, "shares_styles", False):
        return True
    shared: dict[Any, Any] = {}

    def one_style(klass: type, settings: dict) -> Any:
        try:
            key = (klass, tuple(sorted(settings.items())))
            style = shared.get(key)
        except TypeError:  # a setting that cannot be a key: a style of its own
            return klass(**settings)
        if style is None or style.comm is None:
            style = shared[key] = klass(**settings)
        return style

    make_default, validate = InstanceDict.make_dynamic_default, InstanceDict.validate

    def shared_default(self: Any) -> Any:
        if issubclass(self.klass, Style) and not self.default_args:
            return one_style(self.klass, dict(self.default_kwargs or {}))
        return make_default(self)

    def shared_validate(self: Any, obj: Any, value: Any) -> Any:
        if isinstance(value, dict) and issubclass(self.klass, Style):
            value = one_style(self.klass, value)
        return validate(self, obj, value)

    shared_validate.shares_styles = True  # type: ignore[attr-defined]
    InstanceDict.make_dynamic_default = shared_default
    InstanceDict.validate = shared_validate
    return True


def main() -> None:
    """Start IPython's kernel (the arguments are ipykernel's: ``-f <connection file>``)."""
    sys.meta_path.insert(0, NoDebugger())
    os.environ[APP_KERNEL_ENV] = "1"
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
