"""The Python half of Voila's configuration for this repository; ../voila.json is the static half.

Voila reads ``voila.py`` and ``voila.json`` from every ``--Voila.config_file_paths`` folder, so
the app passes both the repository root and this folder. (A ``voila.py`` at the root would
shadow the ``voila`` package for any Python started there.) What needs code lives in
``oneonone_kit.webapp.configure``: the start-page template, the notebook guard, kernel culling
and workshop mode (``ONEONONE_MODE=workshop``).
"""

from pathlib import Path

from oneonone_kit.webapp import configure

configure(get_config(), Path(__file__).resolve().parent.parent)  # noqa: F821 - from traitlets
