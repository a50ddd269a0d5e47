"""The room benchmark: N participants open one page of a workshop server at the same moment, over
HTTP, then leave.

Each participant first joins with the room code and gets a server-issued cookie (as a browser
does on its first page). Then all N ask for the same page at once. Voila's page is not
progressive here (config/voila.py), so its HTML completes only after every cell ran: the time to
the full response is the server's whole work for that page, measured without browsers taking
the same cores. Then each participant leaves as a browser does: Voila's shutdown request, from
its own cookie, stops its kernel.

For every room size and page it reports p50/p95/max time to the full page, server CPU-seconds
per page (the Voila process plus every kernel, running or ended, via psutil, counted from the
first request until the last kernel is gone), the median kernel's resident memory (RSS) with
every page open, and the room's peak RSS (Voila plus kernels). The render time of one page in
a real browser stays measured on its own (bench_voila.py); bench_load.py sends real browsers.

``python -m benchmarks.bench_room`` prints the matrix on its own (README, "Performance");
``make bench`` adds its rows to the big table. ``ONEONONE_BENCH_ROOM=0`` skips it;
``ONEONONE_BENCH_ROOM_SIZES=1,10,30,60`` chooses the room sizes (default 1, 10, 30), and
``ONEONONE_BENCH_ROOM_PAGES=start,01,05,ex01`` the pages (default: all of :data:`PAGES`: the start
page, chapter 01, the log page and the three exercises).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SKIP_ENV = "ONEONONE_BENCH_ROOM"
SIZES_ENV = "ONEONONE_BENCH_ROOM_SIZES"
DEFAULT_SIZES = (1, 10, 30)
JOIN_PAGE = "notebooks/start.ipynb"  # where a new participant arrives (the code is checked first)
PAGES = {
    "start page": "notebooks/start.ipynb",
    "plain chapter (01)": "notebooks/en/01_mindset.ipynb",
    "log page (05)": "notebooks/en/05_my_log.ipynb",
    "exercise: question lab (01)": "exercises/en/01_question_lab.ipynb",
    "exercise: role-play trio (02)": "exercises/en/02_role_play_trio.ipynb",
    "exercise: which need (03)": "exercises/en/03_which_need.ipynb",
}
PAGES_ENV = "ONEONONE_BENCH_ROOM_PAGES"  # e.g. "start,01,05,ex01": which of PAGES a run opens
PAGE_KEYS = dict(zip(("start", "01", "05", "ex01", "ex02", "ex03"), PAGES))
# Issue 12's targets on a 2-core machine.
TARGET_CPU_PER_PAGE_S = 0.8
TARGET_ROOM30_P95_S = 15.0
TARGET_PLAIN_KERNEL_MB = 60.0
PAGE_TIMEOUT_S = 600
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')
SAMPLE_S = 0.2
# A kernel's command line names one of these (share/jupyter/kernels/python3, or ipykernel's own).
KERNEL_MARKS = {"oneonone_kit.web.kernel", "ipykernel_launcher"}
FORKS_MARK = "oneonone_kit.web.forks"  # the process the app's page kernels are forked from
PARTICIPANT_COOKIE = "oneonone_participant"  # oneonone_kit.web.workshop.COOKIE


def skipped() -> str | None:
    """Why this module is skipped, or None (bench.py prints the note)."""
    if os.environ.get(SKIP_ENV, "").strip() == "0":
        return f"{SKIP_ENV}=0"
    return None


def pages() -> dict[str, str]:
    """The pages a run opens: every one of :data:`PAGES`, or those ``ONEONONE_BENCH_ROOM_PAGES``
    names by their :data:`PAGE_KEYS` (an unknown name stops the run)."""
    raw = os.environ.get(PAGES_ENV, "").strip()
    if not raw:
        return dict(PAGES)
    chosen = [PAGE_KEYS[key.strip()] for key in raw.split(",") if key.strip()]
    return {label: PAGES[label] for label in chosen}


def sizes() -> tuple[int, ...]:
    raw = os.environ.get(SIZES_ENV, "").strip()
    return tuple(int(n) for n in raw.split(",") if n.strip()) if raw else DEFAULT_SIZES


# ---- HTTP, as a browser would ------------------------------------------------------------------
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _fetch(url: str, cookie: str = "", method: str = "GET", headers: dict | None = None):
    all_headers = {"Cookie": cookie} if cookie else {}
    all_headers.update(headers or {})
    data = b"" if method == "POST" else None
    req = urllib.request.Request(url, method=method, headers=all_headers, data=data)
    try:
        with _OPENER.open(req, timeout=PAGE_TIMEOUT_S) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def join(server) -> str:
    """A new participant: the room code in the address, the server's cookie back."""
    status, headers, _ = _fetch(server.render_url(JOIN_PAGE))
    if status != 302:
        raise RuntimeError(f"joining the room gave {status}, not a cookie")
    [cookie] = [
        c.split(";", 1)[0]
        for c in headers.get_all("Set-Cookie") or []
        if c.startswith(PARTICIPANT_COOKIE + "=")
    ]
    return cookie


def leave(server, kernel: str, cookie: str) -> int:
    """What a browser sends when its tab closes: Voila's shutdown, with its own cookie."""
    jar = f"_xsrf=bench; {cookie}"
    status, _, _ = _fetch(
        f"{server.url}/voila/api/shutdown/{kernel}", jar, "POST", {"X-XSRFToken": "bench"}
    )
    return status


# ---- the server's processes ------------------------------------------------------------------
def kernels(server) -> list[psutil.Process]:
    """The processes that run a page's kernel: the forks of the server's forking process
    (oneonone_kit/web/forks.py), or kernels started on their own when it does not run. A
    fork's launcher (the process Voila knows as the kernel) only waits for it: counted in the
    room's RSS and CPU, not here."""
    forked, alone = [], []
    for child in psutil.Process(server.proc.pid).children(recursive=True):
        try:
            line = child.cmdline()
            if FORKS_MARK in line:
                forked += child.children()
            elif KERNEL_MARKS & set(line) and not _waits_for_a_fork(child):
                alone.append(child)
        except psutil.Error:
            continue
    return forked + alone


def _waits_for_a_fork(process: psutil.Process) -> bool:
    """A launcher connected to the forking process (a Unix socket), not a kernel itself."""
    try:
        return any(c.family == socket.AF_UNIX for c in process.net_connections("unix"))
    except (psutil.Error, AttributeError):
        return False


def server_cpu(server) -> float:
    """CPU-seconds of Voila and every process under it, running or ended (an ended process's
    time is in its parent's children_* once reaped: the forking process reaps its forks)."""
    main = psutil.Process(server.proc.pid)
    total = 0.0
    for proc in [main, *main.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
        except psutil.Error:
            continue
    return total


def room_rss_mb(server) -> float:
    """Resident memory of Voila and every process under it, in MB."""
    main = psutil.Process(server.proc.pid)
    total = 0
    for proc in [main, *main.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


@dataclass
class Room:
    """The figures of one room opening one page."""

    size: int
    page: str
    times: list[float] = field(default_factory=list)
    failed: int = 0
    why_failed: list[str] = field(default_factory=list)  # one line per failed page
    cpu_per_page: float = 0.0
    kernel_mb: float = 0.0
    peak_mb: float = 0.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 10 values is the 10th); nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def failure(status: int, text: str, kernel: re.Match | None) -> str:
    """One line on why a page failed: its status, and its error's last line or the page's
    title."""
    if "Traceback" in text:
        tail = text[text.index("Traceback") :]
        error = re.search(r"\n\s*([A-Za-z_.]*(?:Error|Exception)\b[^\n<]{0,160})", tail)
        return f"HTTP {status}, traceback: {error.group(1) if error else tail[:160]!r}"
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    shown = " ".join((title.group(1) if title else text[:160]).split())
    return f"HTTP {status}, {'no kernel id, ' if kernel is None else ''}page: {shown!r}"


def open_room(server, size: int, label: str, notebook: str) -> Room:
    """``size`` participants open ``notebook`` together, then leave; returns the figures."""
    cookies = [join(server) for _ in range(size)]
    url = server.render_url(notebook, room=False)
    room = Room(size, label)
    peak = {"mb": room_rss_mb(server)}
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.wait(SAMPLE_S):
            peak["mb"] = max(peak["mb"], room_rss_mb(server))

    barrier = threading.Barrier(size)

    def participant(cookie: str) -> tuple[float | None, str | None]:
        barrier.wait()
        begin = time.perf_counter()
        try:
            status, _, body = _fetch(url, cookie)
        except OSError as error:  # the connection itself failed (refused, reset, timed out)
            room.why_failed.append(f"after {time.perf_counter() - begin:.1f} s: {error!r}")
            return None, None
        took = time.perf_counter() - begin
        text = body.decode("utf-8", "replace")
        found = KERNEL_ID.search(text)
        if status != 200 or found is None or "Traceback" in text:
            room.why_failed.append(f"after {took:.1f} s: {failure(status, text, found)}")
            return None, found.group(1) if found else None
        return took, found.group(1)

    cpu_before = server_cpu(server)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with ThreadPoolExecutor(size) as pool:
        results = list(pool.map(participant, cookies))
    open_kernels = kernels(server)
    rss = []
    for kernel in open_kernels:
        try:
            rss.append(kernel.memory_info().rss / 2**20)
        except psutil.Error:
            continue
    room.kernel_mb = statistics.median(rss) if rss else float("nan")
    for (took, kernel), cookie in zip(results, cookies):
        if took is None:
            room.failed += 1
        else:
            room.times.append(took)
        if kernel is not None:
            leave(server, kernel, cookie)
    deadline = time.monotonic() + 120
    while kernels(server) and time.monotonic() < deadline:
        time.sleep(0.2)
    sampling.set()
    sampler.join()
    room.cpu_per_page = (server_cpu(server) - cpu_before) / size
    room.peak_mb = peak["mb"]
    return room


def start_server(tmp: Path):
    """A workshop server as a room meets it: participant stores in memory, room code set."""
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    import conftest

    home = tmp / "home"
    home.mkdir()
    extra_env = {"ONEONONE_MODE": "workshop"}
    ram = None
    if Path("/dev/shm").is_dir():
        ram = tempfile.mkdtemp(prefix="oo-room-", dir="/dev/shm")
        extra_env["ONEONONE_RAM_DIR"] = ram
    server = conftest.VoilaServer(home, extra_env=extra_env)
    server.ram_dir = ram
    return server


def measure(room_sizes: tuple[int, ...] | None = None) -> list[Room]:
    """Every room size against every page, on one workshop server (warmed up first)."""
    rooms = []
    with tempfile.TemporaryDirectory() as tmp_name:
        server = start_server(Path(tmp_name))
        try:
            chosen = pages()
            for label, notebook in chosen.items():  # the server's first render of each page
                open_room(server, 1, label, notebook)
            for size in room_sizes or sizes():
                for label, notebook in chosen.items():
                    rooms.append(open_room(server, size, label, notebook))
                    print(f"bench_room: {describe(rooms[-1])}", file=sys.stderr, flush=True)
        finally:
            server.stop()
            if server.ram_dir:
                shutil.rmtree(server.ram_dir, ignore_errors=True)
    return rooms


def describe(room: Room) -> str:
    return (
        f"room of {room.size}, {room.page}: p50 {statistics.median(room.times or [0]):.1f} s, "
        f"p95 {percentile(room.times, 0.95):.1f} s, max {max(room.times or [0]):.1f} s, "
        f"{room.cpu_per_page:.2f} CPU-s/page, kernel {room.kernel_mb:.0f} MB, "
        f"peak {room.peak_mb:.0f} MB, {room.failed} failed"
        + "".join(f"\n  failed {why}" for why in room.why_failed)
    )


def markdown(rooms: list[Room]) -> str:
    """The matrix as a Markdown table (the README's Performance section shows it)."""
    lines = [
        "| room | page | p50 | p95 | max | server CPU per page | kernel RSS | room peak RSS | failed |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rooms:
        lines.append(
            f"| {r.size} | {r.page} | {statistics.median(r.times or [0]):.1f} s "
            f"| {percentile(r.times, 0.95):.1f} s | {max(r.times or [0]):.1f} s "
            f"| {r.cpu_per_page:.2f} s | {r.kernel_mb:.0f} MB | {r.peak_mb:.0f} MB | {r.failed} |"
        )
    return "\n".join(lines)


def rows(rooms: list[Room]) -> list[dict]:
    """bench.py's rows, with issue 12's targets where they apply."""
    out = []
    for r in rooms:
        label = f"room {r.size}, {r.page}"
        p95 = percentile(r.times, 0.95)
        out += [
            {
                "name": f"{label}: p50 / max",
                "value": f"{statistics.median(r.times or [0]):.1f} / {max(r.times or [0]):.1f}",
                "unit": "s",
                "target": None,
            },
            {
                "name": f"{label}: p95",
                "value": p95,
                "unit": "s",
                "target": TARGET_ROOM30_P95_S if r.size == 30 else None,
            },
            {
                "name": f"{label}: server CPU per page",
                "value": r.cpu_per_page,
                "unit": "CPU-s",
                "target": TARGET_CPU_PER_PAGE_S,
            },
            {
                "name": f"{label}: kernel RSS",
                "value": r.kernel_mb,
                "unit": "MB",
                "target": TARGET_PLAIN_KERNEL_MB if r.page != "log page (05)" else None,
            },
            {"name": f"{label}: room peak RSS", "value": r.peak_mb, "unit": "MB", "target": None},
            {"name": f"{label}: pages failed", "value": r.failed, "unit": "", "target": 0},
        ]
    return out


def run() -> list[dict]:
    return rows(measure())


if __name__ == "__main__":
    found = measure()
    print(markdown(found))
