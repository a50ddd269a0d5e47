"""``python -m oneonone_kit.cli``: the same as the ``oneonone`` command."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
