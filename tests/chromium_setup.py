"""Headless Chromium for the browser tiers (tests/e2e, tests/hub): its path and its flags.

Requests to anything but 127.0.0.1 are refused by Chromium's host resolver, so nothing a page
asks for can leave the machine; the page watcher in tests/e2e/conftest.py names every such
request. One sync Playwright runs per test process, so the ``browser`` fixture lives in
tests/conftest.py and both tiers share it.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("ONEONONE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-quic",
]
