"""Speed and memory figures for oneonone_kit, printed as one table.

Run with ``make bench``. Every ``benchmarks/bench_*.py`` module adds rows through its ``run()``;
this file holds the foundation rows (import time, store insert and load).
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _median_run(args: list[str], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_rows() -> list[dict]:
    bare = _median_run([sys.executable, "-c", "pass"])
    kit = _median_run([sys.executable, "-c", "import oneonone_kit"])
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, oneonone_kit, oneonone_kit.log.store, oneonone_kit.model, oneonone_kit.i18n;"
            "print(','.join(m for m in ('matplotlib','ipywidgets','icalendar','numpy','voila')"
            " if m in sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [
        {"name": "python -c pass", "value": bare, "unit": "s", "target": None},
        {
            "name": "import oneonone_kit, minus bare python",
            "value": kit - bare,
            "unit": "s",
            "target": 0.150,
        },
        {
            "name": "heavy modules loaded by core imports",
            "value": len(heavy.split(",")) if heavy else 0,
            "unit": heavy or "none",
            "target": 0,
        },
    ]


def meetings(n: int) -> list:
    from oneonone_kit.model import NEEDS, Meeting

    start = dt.date(2020, 1, 6)
    return [
        Meeting(
            date=start + dt.timedelta(days=i % 2000),
            person=f"Person {i % 12}",
            planned_minutes=30,
            actual_minutes=30,
            status="held",
            agenda_by="employee",
            needs=(NEEDS[i % 7],),
            talk_share=40,
            leader_rating=4,
            notes="note " * 10,
            uid=f"bench-{i:06d}",
        )
        for i in range(n)
    ]


def store_rows() -> list[dict]:
    from oneonone_kit.log.store import Store

    items = meetings(10_000)
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(Path(tmp) / "bench.sqlite3") as store:
            start = time.perf_counter()
            store.add_meetings(items)
            insert = time.perf_counter() - start
            start = time.perf_counter()
            loaded = store.meetings()
            load = time.perf_counter() - start
            assert len(loaded) == 10_000
    return [
        {"name": "insert 10,000 meetings", "value": insert, "unit": "s", "target": 1.0},
        {"name": "load 10,000 meetings", "value": load, "unit": "s", "target": 0.3},
    ]


def machine() -> str:
    """Cores, memory, Python and Chromium of this machine, for the figures' context."""
    try:
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
        ram = f"{kib / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        ram = "RAM unknown"
    chromium = os.environ.get("ONEONONE_CHROMIUM", "/usr/bin/chromium")
    try:
        found = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=30)
        browser = found.stdout.strip().split(" built on ")[0] or "Chromium unknown"
    except (OSError, subprocess.SubprocessError):
        browser = "no Chromium"
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {ram}, "
        f"Python {platform.python_version()}, {browser}"
    )


def main() -> int:
    rows = import_rows() + store_rows()
    notes = []
    for path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(f"benchmarks.{path.stem}")
        # A module may say why it should not run now (e.g. ONEONONE_BENCH_LOAD=0).
        reason = module.skipped() if hasattr(module, "skipped") else None
        if reason:
            notes.append(f"skipped benchmarks/{path.name}: {reason}")
            print(notes[-1], flush=True)
            continue
        rows.extend(module.run())
    print(f"Machine: {machine()}")
    width = max(len(r["name"]) for r in rows) + 2
    print(f"{'measure':<{width}}{'value':>12}  {'unit':<8}{'target':>10}  ok")
    print("-" * (width + 40))
    misses = 0
    for r in rows:
        target = r["target"]
        ok = "" if target is None else ("yes" if r["value"] <= target else "NO")
        misses += ok == "NO"
        value = f"{r['value']:.3f}" if isinstance(r["value"], float) else str(r["value"])
        target_text = "" if target is None else (f"{target:g}")
        print(f"{r['name']:<{width}}{value:>12}  {r['unit']:<8}{target_text:>10}  {ok}")
    for note in notes:
        print(note)
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
