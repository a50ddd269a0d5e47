"""Take full-page screenshots of workbook pages in Voila, to look at them as a learner would.

Usage: python tools/screenshot.py OUT_DIR PAGE [PAGE ...] [--width 1280] [--width 390]
A PAGE is a notebook path from the repository root or from ``notebooks/``, with an optional
query: ``start.ipynb?lang=nl``, ``en/05_my_log.ipynb``, ``exercises/nl/03_which_need.ipynb``.
``/`` (or ``/?lang=nl``) opens the app's root, which leads to the start page.
Starts its own Voila server on the repository (throw-away ONEONONE_HOME; ``--workshop`` for
workshop mode) and headless Chromium.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer, wait_rendered  # noqa: E402


def _address(server: VoilaServer, page: str) -> str:
    """The URL of a PAGE argument (see the module docstring)."""
    if page.startswith("/"):
        return server.url + page
    notebook, _, query = page.partition("?")
    return server.render_url(notebook, query)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--width", type=int, action="append")
    parser.add_argument("--demo", action="store_true", help="load the demo log first")
    parser.add_argument("--workshop", action="store_true", help="serve in workshop mode")
    args = parser.parse_args()
    widths = args.width or [1280, 390]
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        if args.demo:
            import os

            os.environ["ONEONONE_HOME"] = str(home)
            os.environ["ONEONONE_TODAY"] = "2026-11-22"
            from oneonone_kit.log.demo import load_demo
            from oneonone_kit.log.store import Store

            with Store.open() as store:
                load_demo(store)
        extra = {"ONEONONE_MODE": "workshop"} if args.workshop else {}
        server = VoilaServer(home, extra_env=extra)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for notebook in args.notebooks:
                    for width in widths:
                        page = browser.new_page(viewport={"width": width, "height": 900})
                        page.goto(_address(server, notebook), wait_until="domcontentloaded")
                        if notebook.startswith("/"):  # the root redirects to the start page
                            page.wait_for_url("**/voila/render/**")
                        wait_rendered(page)
                        height = page.evaluate(
                            "() => document.querySelector('#rendered_cells')?.scrollHeight"
                            " || document.body.scrollHeight"
                        )
                        page.set_viewport_size({"width": width, "height": min(height + 50, 16000)})
                        name = re.sub(r"[^\w-]+", "_", notebook.replace(".ipynb", "")).strip("_")
                        name = name or "root"
                        target = args.out / f"{name}-{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                        page.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
