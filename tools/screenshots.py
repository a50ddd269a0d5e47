"""Screenshot pages of the workbook at phone and desktop width, in both languages.

Usage: python tools/screenshots.py OUT_DIR [PAGE ...] [--width 390 --width 1280] [--only TEXT]
[--empty] [--workshop]
Without PAGE, every page in every language. A PAGE is a notebook path from the repository root
or from ``notebooks/``, with an optional query (``start.ipynb?lang=nl``, ``en/05_my_log.ipynb``,
``exercises/nl/03_which_need.ipynb``). One Voila server (with the demo log, unless ``--empty``;
workshop mode with ``--workshop``) and one headless Chromium serve all pages; each page renders
once and is shot at every width. The files are for looking at, not for committing:
``OUT_DIR/<page>-<lang>-<width>.png``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT))

from conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    TODAY,
    VoilaServer,
    every_page,
    wait_rendered,
)


def named_pages(names: list[str]) -> list[tuple[str, str]]:
    """(notebook path, query) for PAGE arguments (see the module docstring)."""
    pages = []
    for name in names:
        notebook, _, query = name.partition("?")
        if not (ROOT / notebook).exists():
            notebook = f"notebooks/{notebook}"
        pages.append((notebook, query))
    return pages


def load_demo(home: Path) -> None:
    code = (
        "from oneonone_kit.log.store import Store; from oneonone_kit.log.demo import load_demo;"
        "s = Store.open(); load_demo(s); s.close()"
    )
    env = dict(os.environ, ONEONONE_HOME=str(home), ONEONONE_TODAY=TODAY)
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def shoot(page, path: Path, width: int) -> None:
    """A full-page screenshot: Voila scrolls inside #rendered_cells, so grow the viewport."""
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_timeout(150)
    height = page.evaluate(
        "() => Math.max(document.querySelector('#rendered_cells')?.scrollHeight || 0,"
        " document.body.scrollHeight)"
    )
    page.set_viewport_size({"width": width, "height": min(height + 50, 16000)})
    page.screenshot(path=str(path), full_page=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("pages", nargs="*", help="only these pages (default: every page)")
    parser.add_argument("--width", type=int, action="append")
    parser.add_argument("--only", default="", help="only pages whose path contains this")
    parser.add_argument("--empty", action="store_true", help="no demo log")
    parser.add_argument("--workshop", action="store_true", help="serve in workshop mode")
    args = parser.parse_args()
    widths = args.width or [390, 1280]
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        if not args.empty:
            load_demo(home)
        extra = {"ONEONONE_MODE": "workshop"} if args.workshop else {}
        server = VoilaServer(home, extra_env=extra)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for notebook, query in named_pages(args.pages) or every_page():
                    if args.only not in f"{notebook}?{query}":
                        continue
                    page = browser.new_page(viewport={"width": widths[0], "height": 900})
                    page.goto(server.render_url(notebook, query), wait_until="domcontentloaded")
                    wait_rendered(page)
                    stem = notebook.removesuffix(".ipynb").replace("notebooks/", "")
                    name = re.sub(r"[^\w-]+", "_", f"{stem}-{query.replace('lang=', '')}")
                    for width in widths:
                        target = args.out / f"{name.strip('_-')}-{width}.png"
                        shoot(page, target, width)
                        print(target, flush=True)
                    page.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
