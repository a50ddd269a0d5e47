"""The kernel a Voila page of this app runs: IPython's kernel, without its debugger.

``share/jupyter/kernels/python3/kernel.json`` starts it, and :func:`oneonone_kit.web.webapp.configure`
puts that folder first on the Jupyter path of the Voila server, so every page's kernel is this
one; JupyterLab, Binder and JupyterHub keep their own. A page never runs a debugger, yet
ipykernel imports debugpy at start when it can: about 0.15 CPU-seconds for every page a room
opens (benchmarks/bench_room.py). Refusing that import makes ipykernel switch its debugger off,
as it does where debugpy is not installed.
"""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder

HIDDEN = ("debugpy", "_pydevd_bundle", "_pydev_bundle", "pydevd")


class NoDebugger(MetaPathFinder):
    """Refuses to import the debugger's packages (ipykernel then runs without one)."""

    def find_spec(self, name: str, path=None, target=None):  # type: ignore[override]
        if name.split(".", 1)[0] in HIDDEN:
            raise ImportError(f"{name} is left out of this app's kernels")
        return None


def main() -> None:
    """Start IPython's kernel (the arguments are ipykernel's: ``-f <connection file>``)."""
    sys.meta_path.insert(0, NoDebugger())
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
