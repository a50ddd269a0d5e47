"""Make the README's pictures from the demo log: the start page and the log's trends.

Usage: python tools/readme_pictures.py [OUT_DIR]   (default: docs/img)
Starts Voila on the repository with a throw-away ONEONONE_HOME holding the demo log, opens the
pages in headless Chromium (/usr/bin/chromium, or ONEONONE_CHROMIUM) and writes small PNGs:
``start-page.png`` (desktop width) and ``log-trends.png`` (the overview on a phone).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer, wait_rendered  # noqa: E402
from screenshots import load_demo  # noqa: E402


def small_png(png: bytes, path: Path, colours: int = 128) -> None:
    """Save ``png`` with a reduced palette: screenshots of flat UI lose nothing visible."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        load_demo(home)
        server = VoilaServer(home)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1100, "height": 1000})
                page.goto(server.render_url("notebooks/start.ipynb", "lang=en"))
                wait_rendered(page)
                png = page.screenshot(clip={"x": 0, "y": 0, "width": 1100, "height": 1000})
                small_png(png, out / "start-page.png")
                page.close()

                page = browser.new_page(viewport={"width": 390, "height": 844})
                page.goto(server.render_url("notebooks/en/05_my_log.ipynb"))
                wait_rendered(page)
                figure = page.locator(".oo-chart-stack figure").nth(1)  # talk share
                figure.scroll_into_view_if_needed()
                small_png(figure.screenshot(), out / "log-trends.png")
                page.close()
                browser.close()
        finally:
            server.stop()
    for name in ("start-page.png", "log-trends.png"):
        path = out / name
        print(f"{path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
