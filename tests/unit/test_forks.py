"""Page kernels forked from the server's forking process (oneonone_kit/web/forks.py): each
fork runs with its own launcher's environment, folder and streams and nothing of another page;
it ends when its launcher is killed or its forking process stops; with no forking process the
launcher starts an ordinary kernel.

Real processes: a forking process, and kernels started by jupyter_client from the app's own
kernel spec (share/jupyter/kernels/python3), as Voila starts them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from kit_helpers import ROOT

from oneonone_kit.web import forks
from oneonone_kit.web import kernel as app_kernel

READY_S = 60


def _ended(process: psutil.Process) -> bool:
    """Whether ``process`` is gone (or a zombie its parent has not reaped yet)."""
    return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE


def _wait(predicate, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture
def forking(tmp_path):
    """A forking process, warmed with the workbook's pages, as the server starts it."""
    folder = tmp_path / "forks"
    folder.mkdir(mode=0o700)
    path = folder / forks.SOCKET_NAME
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "oneonone_kit.web.forks",
            str(path),
            str(os.getpid()),
            "oneonone_kit.ui.*",
        ],
        cwd=ROOT,
    )
    assert _wait(path.exists), "the forking process never listened"
    yield proc, path
    if proc.poll() is None:
        proc.terminate()
        proc.wait(10)


def _kernel(path: Path | None, cwd: Path, **env: str) -> KernelManager:
    """A page kernel from the app's kernel spec, started the way Voila starts one."""
    specs = KernelSpecManager(kernel_dirs=[str(ROOT / "share" / "jupyter" / "kernels")])
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    full = {k: v for k, v in os.environ.items() if k != app_kernel.SOCKET_ENV}
    if path is not None:
        full[app_kernel.SOCKET_ENV] = str(path)
    manager.start_kernel(env={**full, **env}, cwd=str(cwd))
    return manager


def _run(manager: KernelManager, code: str) -> str:
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=READY_S)
        out: list[str] = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                out.append("ERROR " + msg["content"]["ename"])

        client.execute_interactive(code, output_hook=hook, timeout=READY_S)
        return "".join(out).strip()
    finally:
        client.stop_channels()


def test_each_fork_runs_with_its_own_launchers_environment_and_folder(forking, tmp_path):
    proc, path = forking
    anna_dir, bram_dir = tmp_path / "anna", tmp_path / "bram"
    anna_dir.mkdir()
    bram_dir.mkdir()
    anna = _kernel(path, anna_dir, OO_PARTICIPANT="anna")
    bram = _kernel(path, bram_dir, OO_PARTICIPANT="bram")
    try:
        ask = "import os; print(os.environ['OO_PARTICIPANT'], os.getcwd(), os.getppid())"
        assert _run(anna, "left_behind = 'anna only'; " + ask).split() == [
            "anna",
            str(anna_dir),
            str(proc.pid),  # a fork of the forking process, not a kernel of its own
        ]
        assert _run(bram, ask + "; print('left_behind' in globals())").split() == [
            "bram",
            str(bram_dir),
            str(proc.pid),
            "False",
        ]
        # ipywidgets was imported before the kernel ran: its comm targets are there anyway.
        targets = "print(sorted(get_ipython().kernel.comm_manager.targets))"
        assert "'jupyter.widget'" in _run(bram, targets)
        assert "'jupyter.widget.control'" in _run(bram, targets)
    finally:
        anna.shutdown_kernel(now=False)
        bram.shutdown_kernel(now=False)
    assert _wait(lambda: psutil.Process(proc.pid).children() == [])


def test_a_killed_launcher_takes_its_fork_with_it(forking, tmp_path):
    proc, path = forking
    manager = _kernel(path, tmp_path)
    try:
        assert _run(manager, "print(1 + 1)") == "2"
        [fork] = psutil.Process(proc.pid).children()
        os.kill(manager.provisioner.process.pid, signal.SIGKILL)  # as jupyter_client's kill
        assert _wait(lambda: _ended(fork))
    finally:
        manager.cleanup_resources()


def test_an_interrupt_reaches_the_fork(forking, tmp_path):
    _proc, path = forking
    manager = _kernel(path, tmp_path)
    try:
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=READY_S)
        msg_id = client.execute("import time; time.sleep(60)")
        time.sleep(1.0)
        manager.interrupt_kernel()  # SIGINT to the launcher, passed on
        reply = client.get_shell_msg(timeout=30)
        assert reply["parent_header"]["msg_id"] == msg_id
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        client.stop_channels()
    finally:
        manager.shutdown_kernel(now=True)


def test_when_the_forking_process_stops_its_forks_stop(forking, tmp_path):
    proc, path = forking
    manager = _kernel(path, tmp_path)
    try:
        assert _run(manager, "print('up')") == "up"
        [fork] = psutil.Process(proc.pid).children()
        proc.terminate()
        proc.wait(10)
        assert _wait(lambda: _ended(fork))
        assert _wait(lambda: not manager.is_alive())  # the launcher ended too
        assert not path.exists()
    finally:
        manager.cleanup_resources()


def test_without_a_forking_process_the_kernel_starts_on_its_own(tmp_path):
    missing = tmp_path / "nobody" / forks.SOCKET_NAME
    assert app_kernel.request_kernel(["-f", "x.json"], str(missing)) is None
    assert app_kernel.request_kernel(["-f", "x.json"], "") is None
    manager = _kernel(missing, tmp_path)
    try:
        code = "import os; print(os.getpid() == {pid})"
        pid = manager.provisioner.process.pid
        assert _run(manager, code.format(pid=pid)) == "True"  # the launcher is the kernel
    finally:
        manager.shutdown_kernel(now=True)


def test_the_forking_process_ends_when_its_server_is_gone(tmp_path):
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from oneonone_kit.web import forks;"
            "print(forks.start(), forks.start(), flush=True); time.sleep(120)",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first, second = server.stdout.readline().split()
        assert first == second  # one forking process per server, however often it is asked
        assert _wait(Path(first).exists)
        [forking] = psutil.Process(server.pid).children()
        assert oct(Path(first).parent.stat().st_mode & 0o777) == "0o700"  # the server's user only
    finally:
        server.kill()
        server.wait(10)
    assert _wait(lambda: _ended(forking))
    assert not Path(first).exists()


def test_where_the_asker_cannot_be_checked_no_forking_process_starts(monkeypatch):
    # macOS has no SO_PEERCRED: without knowing who asks, kernels start as before
    monkeypatch.delattr(socket, "SO_PEERCRED")
    monkeypatch.setattr(forks, "_started", [])
    monkeypatch.delenv(app_kernel.SOCKET_ENV, raising=False)
    assert forks.start() is None
    assert app_kernel.SOCKET_ENV not in os.environ


def test_a_fork_ended_by_a_signal_ends_its_launcher_by_the_same_signal(forking, tmp_path):
    proc, path = forking
    manager = _kernel(path, tmp_path)
    try:
        assert _run(manager, "print('up')") == "up"
        [fork] = psutil.Process(proc.pid).children()
        fork.send_signal(signal.SIGTERM)
        launcher = manager.provisioner.process
        assert launcher.wait(timeout=30) == -signal.SIGTERM  # as an ordinary kernel would end
    finally:
        manager.cleanup_resources()
