"""Commands that start a server on this computer: the Voila web app and JupyterLab."""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import webbrowser
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..env import EnvironmentSettingError
from ..i18n import t
from ..web.room import ROOM_CODE_ENV, check_room_code, new_room_code
from ..web.webapp import config_flags
from ._common import CliError, UsageError, say, warn

HOST = "127.0.0.1"
DEFAULT_PORT = 8866
READY_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class ServerCommand:
    """Everything needed to start a server: the argument list, its environment and its URL."""

    argv: list[str]
    env: dict[str, str] = field(repr=False)
    cwd: Path
    url: str
    port: int


def repo_root() -> Path:
    """The repository checkout this package runs from (the notebooks live there, not in wheels)."""
    import oneonone_kit

    return Path(oneonone_kit.__file__).resolve().parent.parent


def notebooks_dir(root: Path, lang: str) -> Path:
    """``<root>/notebooks``, or a CliError that explains where the notebooks come from."""
    folder = Path(root) / "notebooks"
    if not folder.is_dir():
        raise CliError("cli.no_notebooks", path=folder)
    return folder


def voila_command(
    port: int,
    workshop: bool,
    root: Path,
    lang: str | None = None,
    base_env: Mapping[str, str] | None = None,
    room_code: str | None = None,
) -> ServerCommand:
    """The Voila command line serving the repository at ``root`` on 127.0.0.1.

    Nothing is started. The served root is the repository itself, so chapters (``notebooks/``)
    and exercises (``exercises/``) share one server; the repo's ``voila.json`` and
    ``config/voila.py`` make "/" open the start page, ``notebooks/start.ipynb``, and refuse to
    render anything outside those two folders (:mod:`oneonone_kit.web.webapp`).
    ``workshop`` sets ``ONEONONE_MODE=workshop`` in the server's environment: each
    participant's data then lives in the server's memory only, keyed by a browser cookie.
    ``room_code`` (workshop only) is the code new participants must type, as
    ``ONEONONE_ROOM_CODE``.
    """
    root = Path(root)
    argv = [
        sys.executable,
        "-m",
        "voila",
        str(root),
        f"--Voila.ip={HOST}",
        f"--port={port}",
        "--no-browser",  # we open the browser ourselves, once the server answers
        "--Voila.port_retries=0",  # a busy port is an error, never a silent move elsewhere
        *config_flags(root),  # voila.json and config/voila.py
    ]
    server_env = dict(os.environ if base_env is None else base_env)
    if workshop:
        server_env["ONEONONE_MODE"] = "workshop"
        if room_code:
            server_env[ROOM_CODE_ENV] = room_code
    if lang:
        server_env["ONEONONE_LANG"] = lang
    return ServerCommand(
        argv=argv, env=server_env, cwd=root, url=f"http://{HOST}:{port}/", port=port
    )


def running_as_root() -> bool:
    """True when this process runs with user id 0 (containers, CI); never on Windows."""
    getuid = getattr(os, "getuid", None)
    return getuid is not None and getuid() == 0


def lab_command(
    root: Path,
    base_env: Mapping[str, str] | None = None,
    port: int | None = None,
    open_browser: bool = True,
) -> ServerCommand:
    """The JupyterLab command line: the repository as root (chapters and exercises both
    reachable), opening on the start page.

    ``port`` None leaves the port to JupyterLab (8888, or the next free one); a chosen port
    is used or refused, never moved. Jupyter refuses to run as root unless told, so
    ``--allow-root`` is added exactly when the user id is 0.
    """
    root = Path(root)
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        "--LabApp.default_url=/lab/tree/notebooks/start.ipynb",
    ]
    if port is not None:
        argv += [f"--port={port}", "--ServerApp.port_retries=0"]
    if not open_browser:
        argv.append("--no-browser")
    if running_as_root():
        argv.append("--allow-root")
    env = dict(os.environ if base_env is None else base_env)
    # JupyterLab prints its own address (with the token), so there is no url to announce.
    return ServerCommand(argv=argv, env=env, cwd=root, url="", port=port or 0)


def listen_problem(port: int, host: str = HOST) -> str | None:
    """Why a server could not listen on ``host:port`` right now: ``"not_allowed"`` (a port this
    user may not open), ``"in_use"`` (any other refusal, in practice another server), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        if os.name != "nt":
            # Tornado binds with SO_REUSEADDR too, so a port in TIME_WAIT counts as free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except PermissionError:
            return "not_allowed"
        except OSError:
            return "in_use"
    return None


def port_is_free(port: int, host: str = HOST) -> bool:
    """True when a server could listen on ``host:port`` right now."""
    return listen_problem(port, host) is None


class PortError(CliError):
    """The server cannot listen on its port: what happened and what to do, never Python's text
    (exit status 1)."""

    def __init__(self, port: int, problem: str = "in_use"):
        near = _free_port_near(port) or (port % 65535) + 1
        key = "cli.server.port_not_allowed" if problem == "not_allowed" else "cli.server.port_taken"
        super().__init__(key, port=port, suggestion=near)


def check_port(port: int | None) -> None:
    """Raise :class:`PortError` when a server could not listen on ``port`` (None: its own pick)."""
    problem = None if port is None else listen_problem(port)
    if problem is not None:
        raise PortError(port, problem)


def _free_port_near(port: int) -> int | None:
    for candidate in range(port + 1, min(port + 50, 65535) + 1):
        if port_is_free(candidate):
            return candidate
    return None


def _answers(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def _announce_when_ready(
    command: ServerCommand, proc: subprocess.Popen, lang: str, open_browser: bool
) -> None:
    # Voila takes seconds to start: say when the address really answers, then open it.
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline and proc.poll() is None:
        if _answers(command.port):
            say(t("cli.server.ready", lang, url=command.url))
            if open_browser:
                webbrowser.open(command.url)
            return
        time.sleep(0.25)


def _stop(proc: subprocess.Popen) -> None:
    # The terminal sent Ctrl+C to the server too; give it a moment to shut its kernels down,
    # then ask politely (SIGTERM), and only force it when it does not listen.
    try:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait(timeout=15)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        proc.kill()
        proc.wait()


def _forward_sigterm(proc: subprocess.Popen):
    # Without this, stopping us (e.g. a service manager's SIGTERM) would orphan the server.
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda signum, frame: proc.terminate())


def _run(command: ServerCommand, lang: str, open_browser: bool = False) -> int:
    """Run a server in the foreground until it stops or the user presses Ctrl+C."""
    proc = subprocess.Popen(command.argv, env=command.env, cwd=command.cwd)
    if command.url:
        threading.Thread(
            target=_announce_when_ready, args=(command, proc, lang, open_browser), daemon=True
        ).start()
    previous = _forward_sigterm(proc)
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        _stop(proc)
        say(t("cli.server.stopped", lang))
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if code != 0:
        # Our server's port is free again once it stops: still taken means another program
        # took it between our check and the server's start, the likely reason it failed.
        if command.port and not port_is_free(command.port):
            raise PortError(command.port)
        warn(t("cli.server.failed", lang, code=code))
        return 1
    return 0


def cmd_app(args: argparse.Namespace, lang: str) -> int:
    """Serve the workbook with Voila on 127.0.0.1 and open it in the browser."""
    root = repo_root()
    notebooks_dir(root, lang)
    check_port(args.port)
    code = None
    if args.workshop:
        code = _room_code(getattr(args, "room_code", None), lang)
    command = voila_command(args.port, args.workshop, root, lang=lang, room_code=code)
    say(t("cli.app.starting", lang, url=command.url))
    if command.env.get("ONEONONE_MODE", "").strip().lower() == "workshop":
        say(t("cli.app.workshop", lang))
        if code:
            say(t("workshop.room.made", lang, code=code))
        _warn_without_memory_folder(command.env, lang)
    say(t("cli.server.stop_hint", lang))
    return _run(command, lang, open_browser=not args.no_browser)


def _room_code(given: str | None, lang: str) -> str:
    """The room code for a workshop server: ``--room-code``, else ``ONEONONE_ROOM_CODE``, else a
    new one (printed, for the slide)."""
    raw = (given or os.environ.get(ROOM_CODE_ENV, "")).strip()
    if not raw:
        return new_room_code()
    try:
        return check_room_code(raw)
    except EnvironmentSettingError:
        raise UsageError("cli.app.room_code_short") from None


def _warn_without_memory_folder(server_env: Mapping[str, str], lang: str) -> None:
    """Say so when workshop mode has no memory file system to keep participants' data in."""
    from ..web.webapp import DEFAULT_RAM_DIR, RAM_DIR_ENV, is_memory_filesystem

    folder = Path(server_env.get(RAM_DIR_ENV, "").strip() or DEFAULT_RAM_DIR)
    if not (folder.is_dir() and is_memory_filesystem(folder)):
        warn(t("workshop.no_ram", lang, folder=folder, variable=RAM_DIR_ENV))


def jupyterlab_installed() -> bool:
    return importlib.util.find_spec("jupyterlab") is not None


def cmd_lab(args: argparse.Namespace, lang: str) -> int:
    """Open the notebooks in JupyterLab, when it is installed."""
    root = repo_root()
    notebooks_dir(root, lang)
    if not jupyterlab_installed():
        raise CliError("cli.lab.missing")
    check_port(args.port)
    command = lab_command(root, port=args.port, open_browser=not args.no_browser)
    say(t("cli.lab.starting", lang, path=root / "notebooks"))
    if "--allow-root" in command.argv:
        say(t("cli.lab.as_root", lang))
    say(t("cli.server.stop_hint", lang))
    return _run(command, lang)
