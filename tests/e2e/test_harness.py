"""The test harness itself: extra Voila flags reach the server's command line."""

from __future__ import annotations

import pytest
from conftest import ROOT, VoilaServer


def test_voila_server_passes_extra_args_to_voila(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    # An impossible value is the quickest proof: Voila reads the flag and refuses to start.
    with pytest.raises(RuntimeError, match="Voila exited early") as refused:
        VoilaServer(home, root=ROOT / "exercises", extra_args=["--Voila.port_retries=many"])
    assert "port_retries" in str(refused.value)


def test_voila_server_with_extra_args_serves_and_obeys_them(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    server = VoilaServer(home, root=ROOT / "exercises", extra_args=["--Voila.log_level=DEBUG"])
    try:
        assert server.proc.args[-1] == "--Voila.log_level=DEBUG"
        # traitlets logs the config files it loads at DEBUG level only (INFO is the default).
        assert "Loaded config file:" in server.output()
    finally:
        server.stop()
