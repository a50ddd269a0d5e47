"""Page kernels forked from one process that has already imported what every kernel imports.

Each page of the app starts a kernel of its own, and each kernel used to start Python afresh
and import IPython's kernel, ipywidgets and the kit before it ran its first cell: about 0.3 of
a page's 0.5 to 0.9 server CPU-seconds (benchmarks/bench_room.py). Here one process, started
by the Voila server when its first page opens (:func:`start`), imports all of that once and
then waits. A page's kernel program (:mod:`oneonone_kit.web.kernel`, then a small launcher)
asks it for a kernel over a Unix socket; it forks, and the fork becomes that page's kernel.

Isolation is as before: the fork takes the launcher's whole environment (in workshop mode the
participant the server verified), its working folder, its standard streams and its arguments,
and runs no code of any other page: the forking process never runs a cell, so every fork
starts from the same imported state. Only the server's user may connect (a folder of its own,
mode 0700, and the peer's user id checked).

The launcher stays the process Voila knows as the kernel: signals sent to it (interrupt,
terminate) are passed on, it ends with the fork's exit code, and when it is killed the fork
is killed too (the forking process sees the launcher's connection close). When this process
stops, its forks stop with it. When it is not running or does not answer, the launcher starts
an ordinary kernel, as without it. Kernels started from another kernel spec (JupyterLab's own
ipykernel) never use it.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pkgutil
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .kernel import APP_KERNEL_ENV, CHECK_PARENT_S, HEADER, SOCKET_ENV, NoDebugger

SOCKET_NAME = "forks.sock"
WARM = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.comm",
    "ipywidgets",
    "comm",
)
MAX_REQUEST = 1 << 20
_started: list[Path] = []  # the socket this server's forking process listens on


# ---- the forking process ---------------------------------------------------------------------
def start(warm: tuple[str, ...] = ()) -> Path | None:
    """Start the forking process for this (the Voila server's) process and tell the kernels
    where it listens (``ONEONONE_KERNEL_FORKS``). ``warm`` names more modules to import first
    (``package.*``: every module of the package). Returns the socket's path, or None when it
    could not start (kernels then start as before). A second call in the same server starts
    nothing new."""
    if _started:
        return _started[0]
    if not hasattr(socket, "SO_PEERCRED") or not hasattr(os, "fork"):
        return None  # not Linux: no check of who asks for a kernel, so kernels start as before
    folder = Path(tempfile.mkdtemp(prefix="oneonone-forks-"))  # mode 0700
    path = folder / SOCKET_NAME
    try:
        subprocess.Popen(
            [sys.executable, "-m", __name__, str(path), str(os.getpid()), *warm],
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C at the server's terminal is the server's alone
        )
    except OSError as error:
        folder.rmdir()
        print(f"oneonone: kernels start one by one ({error})", file=sys.stderr, flush=True)
        return None
    os.environ[SOCKET_ENV] = str(path)
    _started.append(path)
    return path


def _warm_up(names: tuple[str, ...]) -> None:
    sys.meta_path.insert(0, NoDebugger())
    os.environ[APP_KERNEL_ENV] = "1"
    for name in WARM + names:
        try:
            if name.endswith(".*"):
                package = importlib.import_module(name[:-2])
                for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
                    importlib.import_module(info.name)
            else:
                importlib.import_module(name)
        except Exception as error:  # a page imports it itself, with its own error
            print(f"oneonone: kernel forks without {name}: {error!r}", file=sys.stderr)


def _read_request(conn: socket.socket) -> tuple[dict, list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 3)
    if len(data) < HEADER.size:
        raise ValueError("short request")
    (size,) = HEADER.unpack(data[: HEADER.size])
    if size > MAX_REQUEST:
        raise ValueError("request too long")
    body = data[HEADER.size :]
    while len(body) < size:
        more = conn.recv(size - len(body))
        if not more:
            raise ValueError("request cut short")
        body += more
    return json.loads(body.decode("utf-8")), fds


def _same_user(conn: socket.socket) -> bool:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


def _become_kernel(request: dict, fds: list[int], keep: list[Any]) -> None:
    """In the fork: take the launcher's streams, folder and environment and run the kernel.
    Never returns."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for thing in keep:  # the forking process's sockets, and other launchers' connections
            with contextlib.suppress(OSError):
                os.close(thing) if isinstance(thing, int) else thing.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        from ipykernel import kernelapp

        sys.argv = [sys.argv[0], *request["args"]]
        app = kernelapp.IPKernelApp.instance()
        app.initialize(request["args"])
        widgets = sys.modules.get("ipywidgets")
        if widgets is not None:
            # Imported here before IPython ran, ipywidgets could not register its comm targets
            # with the kernel, as it does when a page imports it: without them the browser's
            # widget manager cannot reach the page's widgets.
            widgets.register_comm_target()
        app.start()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _stop(_signum: int, _frame: Any) -> None:
    raise SystemExit(0)


def serve(path: Path, parent: int, warm: tuple[str, ...] = ()) -> None:
    """The forking process: import, listen on ``path``, fork a kernel for each request; stop
    (with every fork) when the server that started it (process ``parent``) is gone."""
    _warm_up(warm)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(256)  # a whole room may open its pages at the same moment
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGTERM, _stop)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "listen")
    selector.register(wake_r, selectors.EVENT_READ, "wake")
    forks: dict[int, socket.socket] = {}  # pid -> its launcher's connection
    try:
        while os.getppid() == parent:
            for key, _ in selector.select(CHECK_PARENT_S):
                if key.data == "listen":
                    conn, _addr = listener.accept()
                    keep = [listener, selector, conn, wake_r, wake_w, *forks.values()]
                    _accept(conn, selector, forks, keep)
                elif key.data == "wake":
                    with contextlib.suppress(BlockingIOError):
                        os.read(wake_r, 512)
                    _reap(selector, forks)
                else:  # a launcher's connection closed: it was killed, so is its kernel
                    pid = key.data
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                    selector.unregister(key.fileobj)
    finally:
        for pid in forks:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            path.unlink()
            path.parent.rmdir()


def _accept(conn: socket.socket, selector: Any, forks: dict, keep: list[Any]) -> None:
    """Check a launcher's request and fork its kernel; a refused request only closes."""
    fds: list[int] = []
    try:
        conn.settimeout(5)
        if not _same_user(conn):
            raise PermissionError("another user")
        request, fds = _read_request(conn)
        if len(fds) != 3:
            raise ValueError("three streams expected")
    except (OSError, ValueError) as error:
        print(f"oneonone: kernel request refused: {error}", file=sys.stderr, flush=True)
        for fd in fds:
            os.close(fd)
        conn.close()
        return
    pid = os.fork()
    if pid == 0:
        _become_kernel(request, fds, keep)
    for fd in fds:
        os.close(fd)
    try:
        conn.sendall(b"pid %d\n" % pid)
    except OSError:
        os.kill(pid, signal.SIGKILL)
    forks[pid] = conn
    conn.setblocking(False)
    selector.register(conn, selectors.EVENT_READ, pid)


def _reap(selector: Any, forks: dict) -> None:
    while forks:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = forks.pop(pid, None)
        if conn is None:
            continue
        with contextlib.suppress(KeyError, ValueError):
            selector.unregister(conn)
        with contextlib.suppress(OSError):
            conn.setblocking(True)
            conn.sendall(b"exit %d\n" % os.waitstatus_to_exitcode(status))
        conn.close()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), int(sys.argv[2]), tuple(sys.argv[3:]))
