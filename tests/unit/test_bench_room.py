"""benchmarks/bench_room.py says why a page of a room failed, so a failure can be explained."""

from __future__ import annotations

import importlib.util
import sys

from kit_helpers import ROOT

# Loaded by path and registered first: its dataclasses look their module up while being made.
_spec = importlib.util.spec_from_file_location("bench_room", ROOT / "benchmarks" / "bench_room.py")
bench_room = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("bench_room", bench_room)
_spec.loader.exec_module(bench_room)


def test_a_page_with_a_traceback_names_the_error():
    page = (
        '<html><pre>Traceback (most recent call last):\n  File "x.py", line 3, in f\n'
        "    g()\nTimeoutError: Kernel didn't respond in 60 seconds\n</pre>"
    )
    found = bench_room.KERNEL_ID.search(
        '"kernelId": "' + "a" * 8 + "-1111-2222-3333-" + "b" * 12 + '"'
    )
    assert bench_room.failure(200, page, found) == (
        'HTTP 200, traceback: "TimeoutError: Kernel didn\'t respond in 60 seconds"'
    )


def test_an_error_page_without_a_kernel_gives_its_status_and_title():
    page = "<html><head><title>503: Workshop server\n is full</title></head><body>…</body></html>"
    assert bench_room.failure(503, page, None) == (
        "HTTP 503, no kernel id, page: '503: Workshop server is full'"
    )
