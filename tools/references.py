"""Write or check the references page as a workbook page, so its links work in the web app too.

The sources live in ``docs/references.md`` (English) and ``docs/references.nl.md`` (Dutch), where
GitHub and a reader of the repository find them. The web app only renders notebooks, so this
script copies each into ``notebooks/<lang>/references.ipynb`` (one markdown cell, no code), and
the chapters and exercises link there: ``references.ipynb#edmondson-1999`` from a chapter,
``../../notebooks/<lang>/references.ipynb#...`` from an exercise. ``python tools/references.py``
writes the notebooks and rewrites links to the Markdown file; ``--check`` exits 1 when something
is out of date (a unit test runs that).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"en": "docs/references.md", "nl": "docs/references.nl.md"}
NOTEBOOK = "notebooks/{lang}/references.ipynb"
START = {
    "en": "[Start page](../start.ipynb?lang=en)",
    "nl": "[Startpagina](../start.ipynb?lang=nl)",
}
OTHER = {"en": ("nl", "references.nl.md"), "nl": ("en", "references.md")}
# A link to the Markdown page, as the chapters and exercises may still write it.
MD_LINK = re.compile(r"\]\(\.\./\.\./docs/(references(?:\.nl)?\.md)(#[a-z0-9-]+)?\)")


def page_markdown(lang: str) -> str:
    """The Markdown of the references page for ``lang``, with links that work inside the app."""
    text = (ROOT / SOURCES[lang]).read_text("utf-8").strip()
    other_lang, other_file = OTHER[lang]
    text = text.replace(f"]({other_file})", f"](../{other_lang}/references.ipynb)")
    return f"{START[lang]}\n\n{text}"


def notebook_text(lang: str) -> str:
    """The whole notebook file, in the layout Jupyter writes (one cell, no outputs)."""
    notebook = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": "references",
                "metadata": {},
                "source": page_markdown(lang),
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def link_target(path: Path) -> str:
    """Where a page at ``path`` (a chapter or an exercise) links for the references."""
    lang = path.parent.name
    if path.parent.parent.name == "notebooks":
        return "references.ipynb"
    return f"../../notebooks/{lang}/references.ipynb"


def relinked(path: Path) -> str:
    """The notebook file at ``path`` with every link to the Markdown page pointed at the app page."""
    text = path.read_text("utf-8")
    target = link_target(path)
    return MD_LINK.sub(lambda m: f"]({target}{m.group(2) or ''})", text)


def pages() -> list[Path]:
    """The chapters and exercises, both languages."""
    found = []
    for tree, pattern in (("notebooks", "[0-9][0-9]_*.ipynb"), ("exercises", "*.ipynb")):
        for lang in SOURCES:
            found += sorted((ROOT / tree / lang).glob(pattern))
    return found


def stale() -> list[str]:
    """The files this script would change."""
    out = []
    for lang in SOURCES:
        path = ROOT / NOTEBOOK.format(lang=lang)
        if not path.exists() or path.read_text("utf-8") != notebook_text(lang):
            out.append(str(path.relative_to(ROOT)))
    out += [str(p.relative_to(ROOT)) for p in pages() if relinked(p) != p.read_text("utf-8")]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is out of date")
    args = parser.parse_args(argv)
    if args.check:
        out = stale()
        for name in out:
            print(f"out of date: {name} (run python tools/references.py)")
        return 1 if out else 0
    for lang in SOURCES:
        (ROOT / NOTEBOOK.format(lang=lang)).write_text(notebook_text(lang), "utf-8")
    for path in pages():
        path.write_text(relinked(path), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
