"""oneonone_kit: the logic behind the One-on-One Workbook.

Importing the package is cheap on purpose: submodules (store, charts, ui, ...) are loaded
when a notebook or the CLI asks for them, so ``import oneonone_kit`` pulls in nothing heavy.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
