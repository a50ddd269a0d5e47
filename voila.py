"""Voila's Python configuration for this repository; voila.json holds the static part.

Voila reads both files from ``--Voila.config_file_paths=<repo>``. What needs code lives in
``oneonone_kit.webapp.configure``: the start-page template, the notebook guard, kernel culling
and workshop mode (``ONEONONE_MODE=workshop``).
"""

from pathlib import Path

from oneonone_kit.webapp import configure

configure(get_config(), Path(__file__).resolve().parent)  # noqa: F821 - given by traitlets
