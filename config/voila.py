"""The Python half of Voila's configuration for this repository; ../voila.json is the static half.

Voila reads ``voila.py`` and ``voila.json`` from every ``--Voila.config_file_paths`` folder, so
the app passes both the repository root and this folder. (A ``voila.py`` at the root would
shadow the ``voila`` package for any Python started there.) What needs code lives in
``oneonone_kit.web.webapp.configure``: the start-page template, the notebook guard, kernel culling
and workshop mode (``ONEONONE_MODE=workshop``).
"""

from pathlib import Path

from oneonone_kit import env
from oneonone_kit.web.webapp import configure

c = get_config()  # noqa: F821 - from traitlets
configure(c, Path(__file__).resolve().parent.parent)

if env.is_workshop():
    # How a room is served, measured by benchmarks/bench_load.py (figures in README.md,
    # "Performance"). Preheated kernels run each notebook before any request exists, so the
    # participant's Cookie never reaches them, and Voila refuses them next to our
    # prelaunch_hook (participant cookie, page limit, banner): they stay off. Progressive
    # rendering keeps isolation but made a room slower (the browser must load the page
    # before the kernel may start the cells, one more round trip per page on a busy server):
    # it stays off too. Said here so that a Voila default changing does not change the room.
    c.VoilaConfiguration.preheat_kernel = False
    c.VoilaConfiguration.progressive_rendering = False
