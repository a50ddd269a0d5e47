"""A room at once: N participants open the workshop server together, in headless Chromium.

Each participant is a separate browser context (its own cookie, so its own participant store).
All of them open ``/`` (the start page, as written on the board) and then the log chapter at
the same moment. Time-to-rendered counts from the request until the page's last widget (the data
panel) is shown with nothing left "Loading". Memory is the proportional set size (PSS, shared
pages split fairly, so the sum is honest) of the Voila process and every kernel under it, read
from /proc; the peak is what the machine must hold.

Voila's other options were tried, to keep the fastest that leaves workshop isolation intact
(config/voila.py holds the outcome):

- progressive rendering (a room of 10 is served with it too): the page's HTML comes at once,
  and the browser then asks over a WebSocket for the cells to be run;
- preheated kernels: Voila refuses them together with a ``prelaunch_hook`` (ours sets the
  participant cookie, the page limit and the banner), and a preheated kernel runs the notebook
  before any request exists, so the Cookie header cannot reach it. The row checks both.

The browsers run on the same machine as the server here, and in this setup they use more CPU
than Voila and the kernels together, so "server CPU per page" is the figure that carries over
to a real room, where every participant brings their own browser.

Set ``ONEONONE_BENCH_LOAD=0`` to skip this module (about five minutes on two cores).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_ENV = "ONEONONE_BENCH_LOAD"
ROOMS = (1, 10, 30)
CHAPTER = "notebooks/en/05_my_log.ipynb"
PAGE_TIMEOUT_S = 240  # one page, however busy the server
ROOM_TIMEOUT_S = 420  # a whole room; then everything is closed and the run counts as failed
POLL_MS = 200
DONE_SELECTOR = ".oo-data-panel"  # the last widget of both pages
# Voila's render-done signals (tests/e2e/conftest.py: wait_rendered) plus our last widget, which
# also covers progressive rendering, where cells arrive after the page has loaded.
RENDERED_JS = """(done) => !!document.body && !document.querySelector('#loading')
  && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]')
  && !document.body.innerText.includes('Loading widget...')
  && !!document.querySelector(done)"""
SHARED_STORE_TEXT = "All pages you open in this browser share it"
# The alternative to config/voila.py's choice, tried on a room of 10 (a room of 30 twice would
# take the bench past ten minutes on two cores; the difference shows at 10 already).
VARIANT_ROOM = 10
VARIANT = ("progressive rendering on", ["--VoilaConfiguration.progressive_rendering=True"])
PREHEAT_FLAGS = [
    "--VoilaConfiguration.preheat_kernel=True",
    "--VoilaConfiguration.default_pool_size=2",
]
COOKIE_PROBE = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "probe",
            "metadata": {},
            "outputs": [],
            "source": "import os\nprint('cookie:', os.environ.get('HTTP_COOKIE', 'none'))",
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def skipped() -> str | None:
    """Why this module is skipped, or None (bench.py prints the note)."""
    if os.environ.get(SKIP_ENV, "").strip() == "0":
        return f"{SKIP_ENV}=0"
    return None


# ---- memory from /proc --------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("PPid:"):
                    tree.setdefault(int(line.split()[1]), []).append(int(status.parent.name))
                    break
        except (OSError, ValueError):
            continue
    return tree


def _pss_mb(pid: int) -> float:
    """Proportional set size of one process (RSS where smaps_rollup is not readable)."""
    for file, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
        except (OSError, ValueError):
            continue
    return 0.0


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by ``pid``, its finished children and its running ones."""
    tick = os.sysconf("SC_CLK_TCK")

    def times(one: int, children: bool) -> float:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return 0.0
        used = fields[11:15] if children else fields[11:13]  # utime stime [cutime cstime]
        return sum(int(value) for value in used) / tick

    return times(pid, True) + sum(times(kid, False) for kid in _children().get(pid, []))


def server_memory(pid: int) -> tuple[float, int]:
    """Memory (MB) of ``pid`` and all its descendants, and how many kernels (children) run."""
    tree = _children()
    total, stack, seen = 0.0, [pid], 0
    while stack:
        current = stack.pop()
        total += _pss_mb(current)
        stack.extend(tree.get(current, []))
        seen += 1
    return total, seen - 1


# ---- a workshop server, with extra Voila flags --------------------------------------------------
def start_workshop_server(conftest, tmp: Path, flags: list[str]):
    """A workshop server (participant stores in a fresh memory folder) with ``flags``."""
    home = Path(tempfile.mkdtemp(dir=tmp)) / "home"
    home.mkdir()
    extra_env = {"ONEONONE_MODE": "workshop"}
    if Path("/dev/shm").is_dir():
        extra_env["ONEONONE_RAM_DIR"] = tempfile.mkdtemp(prefix="oo-bench-", dir="/dev/shm")
    server = conftest.VoilaServer(home, extra_env=extra_env, extra_args=flags)
    server.ram_dir = extra_env.get("ONEONONE_RAM_DIR")
    return server


def stop_server(server) -> None:
    server.stop()
    if server.ram_dir:
        shutil.rmtree(server.ram_dir, ignore_errors=True)


# ---- one room -----------------------------------------------------------------------------------
async def _rendered(page) -> None:
    # Checked every 200 ms, not on every animation frame: 30 pages reading innerText 60 times
    # a second kept Chromium so busy that the room never finished.
    await page.wait_for_function(
        RENDERED_JS, arg=DONE_SELECTOR, polling=POLL_MS, timeout=PAGE_TIMEOUT_S * 1000
    )


async def _participant(browser, url: str, go: asyncio.Event) -> dict:
    """One participant: the start page from ``/``, then the chapter. Leaves its context open
    (the caller closes it after measuring memory with every page still open)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_S * 1000)
    result = {"context": context, "start": None, "chapter": None, "shared": False, "error": ""}
    await go.wait()
    try:
        begin = time.perf_counter()
        await page.goto(f"{url}/", wait_until="domcontentloaded")
        await page.wait_for_url("**/voila/render/notebooks/start.ipynb*")
        await _rendered(page)
        result["start"] = time.perf_counter() - begin
        begin = time.perf_counter()
        await page.goto(f"{url}/voila/render/{CHAPTER}", wait_until="domcontentloaded")
        await _rendered(page)
        result["chapter"] = time.perf_counter() - begin
        result["shared"] = SHARED_STORE_TEXT in await page.locator(".oo-data-where").inner_text()
    except Exception as exc:  # noqa: BLE001 - a failed participant is a figure, not a crash
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    return result


async def _room(server, size: int) -> dict:
    """``size`` participants at once against ``server``; returns the room's figures."""
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.async_api import async_playwright

    peak = {"mb": 0.0}

    async def sample() -> None:
        while True:
            peak["mb"] = max(peak["mb"], server_memory(server.proc.pid)[0])
            await asyncio.sleep(0.5)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        sampler = asyncio.create_task(sample())
        go = asyncio.Event()
        tasks = [asyncio.create_task(_participant(browser, server.url, go)) for _ in range(size)]
        await asyncio.sleep(0.5)  # every context exists; now they all start together
        began = time.perf_counter()
        go.set()
        done, pending = await asyncio.wait(tasks, timeout=ROOM_TIMEOUT_S)
        wall = time.perf_counter() - began
        for task in pending:
            task.cancel()
        results = [task.result() for task in done]
        await asyncio.sleep(2)  # the start pages' kernels are shut down as their tabs move on
        end_mb, kernels = server_memory(server.proc.pid)
        sampler.cancel()
        for result in results:
            await result["context"].close()
        await browser.close()
    failed = [r["error"] for r in results if r["error"]] + ["timed out"] * len(pending)
    return {
        "size": size,
        "wall": wall,
        "start": [r["start"] for r in results if r["start"] is not None],
        "chapter": [r["chapter"] for r in results if r["chapter"] is not None],
        "shared": sum(r["shared"] for r in results),
        "failed": failed,
        "peak_mb": max(peak["mb"], end_mb),
        "end_mb": end_mb,
        "kernels": kernels,
    }


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (p95 of 10 values is the 10th), nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def room_rows(room: dict, label: str, full: bool = True) -> list[dict]:
    """The table rows of one room (``full=False``: the times and failures only)."""
    n = room["size"]
    pages = len(room["start"]) + len(room["chapter"])
    rows = [
        {
            "name": f"{label}: start page p50",
            "value": statistics.median(room["start"] or [0]),
            "unit": "s",
            "target": None,
        },
        {
            "name": f"{label}: start page p95",
            "value": percentile(room["start"], 0.95),
            "unit": "s",
            "target": None,
        },
        {
            "name": f"{label}: chapter 05 p50",
            "value": statistics.median(room["chapter"] or [0]),
            "unit": "s",
            "target": None,
        },
        {
            "name": f"{label}: chapter 05 p95",
            "value": percentile(room["chapter"], 0.95),
            "unit": "s",
            "target": None,
        },
    ]
    if full:
        rows += [
            {
                "name": f"{label}: server CPU per page (Voila + kernel)",
                "value": room["cpu"] / max(pages, 1),
                "unit": "s",
                "target": None,
            },
            {
                "name": f"{label}: memory peak (Voila + kernels)",
                "value": room["peak_mb"],
                "unit": "MB",
                "target": None,
            },
            {
                "name": f"{label}: memory with every chapter open",
                "value": room["end_mb"],
                "unit": f"MB/{room['kernels']}k",
                "target": None,
            },
            {
                "name": f"{label}: participants on their own store",
                "value": room["shared"],
                "unit": f"of {n}",
                "target": None,
            },
        ]
    rows.append(
        {"name": f"{label}: pages failed", "value": len(room["failed"]), "unit": "", "target": 0}
    )
    for error in room["failed"][:3]:
        print(f"bench_load: {label}: {error}", file=sys.stderr)
    return rows


def measure_room(conftest, tmp: Path, size: int, flags: list[str]) -> dict:
    """Start a workshop server with ``flags``, send a room of ``size`` to it, stop it."""
    server = start_workshop_server(conftest, tmp, flags)
    try:
        before = server_cpu(server.proc.pid)
        room = asyncio.run(_room(server, size))
        room["cpu"] = server_cpu(server.proc.pid) - before
    finally:
        stop_server(server)
    return room


# ---- preheated kernels ----------------------------------------------------------------------------
def preheat_rows(conftest, tmp: Path) -> list[dict]:
    """Does the app start with preheated kernels, and does a preheated kernel see the Cookie?"""
    rows = []
    home = tmp / "preheat-home"
    home.mkdir()
    try:
        server = conftest.VoilaServer(
            home, extra_env={"ONEONONE_MODE": "workshop"}, extra_args=PREHEAT_FLAGS
        )
        server.stop()
        refused = "no"
    except RuntimeError as exc:
        refused = "yes" if "incompatible" in str(exc) else f"error: {str(exc)[:60]}"
    rows.append(
        {
            "name": "preheat: app refused (prelaunch_hook incompatible)",
            "value": refused,
            "unit": "",
            "target": None,
        }
    )

    # A plain Voila (without our configuration, which brings the hook) on a one-cell notebook:
    # the pool's kernel ran it before this request existed.
    probe_root = tmp / "preheat-probe"
    probe_root.mkdir()
    (probe_root / "probe.ipynb").write_text(json.dumps(COOKIE_PROBE))
    port = conftest.free_port()
    args = [
        sys.executable,
        "-m",
        "voila",
        str(probe_root),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        *PREHEAT_FLAGS,
        "--VoilaConfiguration.http_header_envs=Cookie",
    ]
    log = open(tmp / "preheat-probe.log", "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(args, cwd=tmp, stdout=log, stderr=subprocess.STDOUT)
    html = ""
    try:
        deadline = time.monotonic() + 90
        url = f"http://127.0.0.1:{port}/voila/render/probe.ipynb"
        while not html and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(8)  # let the pool start its kernel and pre-render the notebook
            request = urllib.request.Request(url, headers={"Cookie": "oneonone_participant=probe"})
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(request, timeout=60) as response:
                    html = response.read().decode("utf-8", "replace")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    if not html:
        reached = "no answer"
    elif "cookie: none" in html:
        reached = "no"
    else:
        reached = "yes" if "cookie: oneonone_participant=probe" in html else "unclear"
    rows.append(
        {
            "name": "preheat: request Cookie reaches the notebook",
            "value": reached,
            "unit": "",
            "target": None,
        }
    )
    return rows


def run() -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    import conftest

    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for size in ROOMS:
            rows += room_rows(measure_room(conftest, tmp, size, []), f"load {size}")
        name, flags = VARIANT
        room = measure_room(conftest, tmp, VARIANT_ROOM, flags)
        rows += room_rows(room, f"load {VARIANT_ROOM}, {name}", full=False)
        rows += preheat_rows(conftest, tmp)
    return rows
