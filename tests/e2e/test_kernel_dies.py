"""A page whose kernel dies at start ends, with a message in the page's language.

Voila 0.5 alone never ends such a response (the browser waits for ever): a room's benchmark
hung on one kernel that could not bind its port. Here the kernel is made to die at once: the
notebook asks for a kernel spec whose program exits as soon as it starts.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.request

import nbformat
from conftest import VoilaServer

DYING_KERNEL = "oneonone-dies-at-start"
ENDS_WITHIN_S = 90  # nbclient's startup limit (60 s) plus a busy machine's margin


def _dying_kernel_server(tmp_path) -> VoilaServer:
    spec = tmp_path / "jupyter" / "kernels" / DYING_KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-c", "raise SystemExit(3)", "{connection_file}"],
                "display_name": "dies at start",
                "language": "python",
            }
        )
    )
    root = tmp_path / "root"
    (root / "nl").mkdir(parents=True)
    notebook = nbformat.v4.new_notebook()
    notebook.metadata.kernelspec = {
        "name": DYING_KERNEL,
        "display_name": "dies at start",
        "language": "python",
    }
    notebook.cells = [nbformat.v4.new_code_cell("print('never runs')")]
    nbformat.write(notebook, root / "nl" / "dies.ipynb")
    home = tmp_path / "home"
    home.mkdir()
    return VoilaServer(home, root=root, extra_env={"JUPYTER_PATH": str(tmp_path / "jupyter")})


def test_a_page_whose_kernel_dies_at_start_ends_with_a_message_in_its_language(tmp_path):
    server = _dying_kernel_server(tmp_path)
    try:
        begin = time.monotonic()
        chunks = []
        with urllib.request.urlopen(
            f"{server.url}/voila/render/nl/dies.ipynb", timeout=ENDS_WITHIN_S
        ) as response:
            # Voila sends a heartbeat every few seconds while a page waits, so a socket timeout
            # never fires: the time is checked at every piece that arrives.
            while chunk := response.read1(65536):
                chunks.append(chunk)
                assert time.monotonic() - begin < ENDS_WITHIN_S, "the page never ended"
        body = b"".join(chunks).decode("utf-8")
        assert "Deze pagina kon niet starten" in body  # the folder (nl/) chose the language
        assert "zeg het dan tegen wie de server van het werkboek beheert" in body
        assert body.rstrip().endswith("</html>")
        assert "never runs" not in body.split('class="oo-page-failed"', 1)[1]
        deadline = time.monotonic() + 30
        while "Kernel shutdown" not in server.output() and time.monotonic() < deadline:
            time.sleep(0.5)
        # The dead page's kernel is stopped, not left to jupyter_client's restarts.
        assert "Kernel shutdown" in server.output()
        assert "restart failed" not in server.output()
    finally:
        server.stop()
