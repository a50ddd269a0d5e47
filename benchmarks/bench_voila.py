"""Voila time-to-rendered of every workbook notebook against a one-cell blank notebook, and each
notebook's kernel memory, measured in the same run with real headless Chromium."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 3
BLANK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "blank",
            "metadata": {},
            "outputs": [],
            "source": "1 + 1",
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _children_rss_mb(pid: int) -> float:
    """The largest resident memory (MB) among the processes whose parent is ``pid``."""
    largest = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid) and "VmRSS" in fields:
            largest = max(largest, int(fields["VmRSS"].split()[0]) / 1024)
    return largest


def _measure(browser, server, notebook: str) -> tuple[float, float]:
    from conftest import wait_rendered

    times, memory = [], 0.0
    for _ in range(REPEAT):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(server.render_url(notebook), wait_until="domcontentloaded")
        wait_rendered(page)
        times.append(time.perf_counter() - start)
        memory = max(memory, _children_rss_mb(server.proc.pid))
        page.close()
        time.sleep(0.5)  # let Voila shut the kernel down before the next page
    return statistics.median(times), memory


def run() -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        blank_root = tmp_path / "blank"
        blank_root.mkdir()
        (blank_root / "blank.ipynb").write_text(json.dumps(BLANK))
        home = tmp_path / "home"
        home.mkdir()
        blank_server = VoilaServer(home, root=blank_root, template="lab")  # plain Voila
        server = VoilaServer(home)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                blank, blank_mb = _measure(browser, blank_server, "blank.ipynb")
                rows.append(
                    {
                        "name": "voila: blank one-cell notebook",
                        "value": blank,
                        "unit": "s",
                        "target": None,
                    }
                )
                rows.append(
                    {
                        "name": "voila: blank kernel memory",
                        "value": blank_mb,
                        "unit": "MB",
                        "target": None,
                    }
                )
                for lang in ("en", "nl"):
                    for path in sorted((ROOT / "notebooks" / lang).glob("*.ipynb")):
                        name = f"{lang}/{path.name}"
                        seconds, mb = _measure(browser, server, name)
                        rows.append(
                            {
                                "name": f"voila: {name} (x blank {seconds / blank:.1f})",
                                "value": seconds,
                                "unit": "s",
                                "target": 2 * blank,
                            }
                        )
                        rows.append(
                            {
                                "name": f"voila: {name} kernel memory",
                                "value": mb,
                                "unit": "MB",
                                "target": 150.0,
                            }
                        )
                browser.close()
        finally:
            server.stop()
            blank_server.stop()
    return rows
