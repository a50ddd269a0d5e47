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

When the server runs a forking process (:mod:`oneonone_kit.web.forks`), this program is only
the page kernel's launcher: :func:`request_kernel` has a kernel forked with this process's
environment, folder and streams, passes signals on to it and ends when it ends. Without one it
starts the kernel itself, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import sys
from importlib.abc import MetaPathFinder
from typing import Any

HIDDEN = ("debugpy", "_pydevd_bundle", "_pydev_bundle", "pydevd")
APP_KERNEL_ENV = "ONEONONE_APP_KERNEL"  # set by main() in the kernel's own process
SOCKET_ENV = "ONEONONE_KERNEL_FORKS"  # where the forking process listens (web/forks.py)
HEADER = struct.Struct("!I")  # the length of the request to the forking process that follows
CHECK_PARENT_S = 1.0  # how often a launcher checks that the server still runs


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


# ---- a page kernel forked from the forking process (web/forks.py) -----------------------------
def request_kernel(args: list[str], path: str | None = None) -> int | None:
    """Ask the forking process for a kernel run with ``args`` (ipykernel's arguments), this
    process's environment, working folder and standard streams; wait until it ends and return
    its exit code. None when no forking process answers (start an ordinary kernel then)."""
    path = path if path is not None else os.environ.get(SOCKET_ENV, "")
    if not path:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(10)
        conn.connect(path)
        payload = json.dumps({"args": args, "env": dict(os.environ), "cwd": os.getcwd()})
        data = HEADER.pack(len(payload.encode("utf-8"))) + payload.encode("utf-8")
        sent = socket.send_fds(conn, [data], [0, 1, 2])
        conn.sendall(data[sent:])
        first = _line(conn, b"")
    except OSError:
        conn.close()
        return None
    words = first[0].split()
    if len(words) != 2 or words[0] != b"pid":
        conn.close()
        return None
    return _follow(conn, int(words[1]), first[1])


def _line(conn: socket.socket, buffer: bytes) -> tuple[bytes, bytes]:
    """The next line from ``conn`` (b"" at its end) and what was read after it."""
    while b"\n" not in buffer:
        more = conn.recv(256)
        if not more:
            return b"", b""
        buffer += more
    line, _, rest = buffer.partition(b"\n")
    return line, rest


def _follow(conn: socket.socket, pid: int, buffer: bytes) -> int:
    """Pass the signals a kernel gets on to the fork ``pid``; return its exit code when the
    forking process reports it. If this process's parent (the server) goes, the fork goes."""
    parent = os.getppid()

    def forward(signum: int, _frame: Any = None) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1):
        signal.signal(signum, forward)
    conn.settimeout(CHECK_PARENT_S)
    pending = bytearray(buffer)
    while True:
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending = bytearray(rest)
            words = line.split()
            if len(words) == 2 and words[0] == b"exit":
                return int(words[1])
        try:
            more = conn.recv(256)
        except TimeoutError:
            if os.getppid() != parent:  # the server is gone: so is this kernel
                forward(signal.SIGKILL)
                return 1
            continue
        except OSError:
            more = b""
        if not more:  # the forking process is gone: so is this kernel
            forward(signal.SIGKILL)
            return 1
        pending += more


def main() -> None:
    """Start IPython's kernel (the arguments are ipykernel's: ``-f <connection file>``): forked
    from the server's forking process when it runs (:mod:`oneonone_kit.web.forks`), else here."""
    os.environ[APP_KERNEL_ENV] = "1"
    code = request_kernel(sys.argv[1:])
    if code is not None:
        if code < 0:  # the kernel was killed by a signal: end the same way
            with contextlib.suppress(OSError, ValueError):  # SIGKILL has no handler to reset
                signal.signal(-code, signal.SIG_DFL)
            os.kill(os.getpid(), -code)
        sys.exit(code)
    sys.meta_path.insert(0, NoDebugger())
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
