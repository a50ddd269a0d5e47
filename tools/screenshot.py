"""Take full-page screenshots of workbook pages in Voila, to look at them as a learner would.

Usage: python tools/screenshot.py OUT_DIR NOTEBOOK [NOTEBOOK ...] [--width 1280] [--width 390]
Starts its own Voila server (throw-away ONEONONE_HOME) and headless Chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer, wait_rendered  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--width", type=int, action="append")
    parser.add_argument("--demo", action="store_true", help="load the demo log first")
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
            from oneonone_kit.demo import load_demo
            from oneonone_kit.store import Store

            with Store.open() as store:
                load_demo(store)
        server = VoilaServer(home)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for notebook in args.notebooks:
                    for width in widths:
                        page = browser.new_page(viewport={"width": width, "height": 900})
                        page.goto(server.render_url(notebook), wait_until="domcontentloaded")
                        wait_rendered(page)
                        height = page.evaluate(
                            "() => document.querySelector('#rendered_cells')?.scrollHeight"
                            " || document.body.scrollHeight"
                        )
                        page.set_viewport_size({"width": width, "height": min(height + 50, 16000)})
                        name = notebook.replace("/", "_").replace(".ipynb", "")
                        target = args.out / f"{name}-{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                        page.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
