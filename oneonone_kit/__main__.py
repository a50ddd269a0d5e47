"""``python -m oneonone_kit``: the same as the ``oneonone`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
