"""Write or check the pages of docs/ that the workbook links to, as workbook pages.

The web app renders notebooks only, so a link to ``docs/*.md`` is a dead end there. This script
copies the references (``docs/references.md``, ``docs/references.nl.md``) and the facilitator
guide (``docs/facilitator.md``, ``docs/facilitator.nl.md``) into ``notebooks/<lang>/`` as
``references.ipynb`` and ``facilitator_guide.ipynb`` (one markdown cell, no code), with their links
rewritten to work from there: other workbook pages stay links, other docs become their path in
words, and every heading gets the anchor GitHub gives it. The chapters and exercises link to the
references page (``references.ipynb#edmondson-1999`` from a chapter,
``../../notebooks/<lang>/references.ipynb#...`` from an exercise). ``python tools/doc_pages.py``
writes the pages and rewrites links to the Markdown file; ``--check`` exits 1 when something is
out of date (a unit test runs that).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "nl")
# Each page: its source per language and the notebook it becomes (in notebooks/<lang>/).
PAGES = {  # keys: oneonone_kit.pages.DOC_PAGES
    "references.ipynb": {"en": "docs/references.md", "nl": "docs/references.nl.md"},
    "facilitator_guide.ipynb": {"en": "docs/facilitator.md", "nl": "docs/facilitator.nl.md"},
}
START = {
    "en": "[Start page](../start.ipynb?lang=en)",
    "nl": "[Startpagina](../start.ipynb?lang=nl)",
}
VERSION = {"en": "English version", "nl": "Nederlandse versie"}
# A link to the Markdown page, as the chapters and exercises may still write it.
MD_LINK = re.compile(r"\]\(\.\./\.\./docs/(references(?:\.nl)?\.md)(#[a-z0-9-]+)?\)")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6}) (.+)$", re.M)


def _docs_target(name: str) -> str | None:
    """The workbook page a docs/ file became, seen from notebooks/<lang>/; None if it is none."""
    for page, sources in PAGES.items():
        for lang, source in sources.items():
            if source == f"docs/{name}":
                return f"../{lang}/{page}"
    return None


def _relink(match: re.Match, lang: str) -> str:
    text, href = match.group(1), match.group(2)
    if href.startswith(("http://", "https://", "mailto:", "#")):
        return match.group(0)
    path, _, anchor = href.partition("#")
    anchor = f"#{anchor}" if anchor else ""
    if path.startswith("../notebooks/start.ipynb"):
        query = path[len("../notebooks/start.ipynb") :] or f"?lang={lang}"
        return f"[{text}](../start.ipynb{query}{anchor})"
    if path.startswith("../notebooks/"):
        return f"[{text}](../{path[len('../notebooks/') :]}{anchor})"
    if path.startswith("../exercises/"):
        return f"[{text}](../../exercises/{path[len('../exercises/') :]}{anchor})"
    if path.endswith(".md") and "/" not in path:
        target = _docs_target(path)
        if target and text == path:  # "[facilitator.nl.md](...)": name the version instead
            text = VERSION[target.split("/")[1]]
        if target:
            return f"[{text}]({target}{anchor})"
        # Not a page of the app: its place in the repository.
        return f"`docs/{path}`" if text == path else f"{text} (`docs/{path}`)"
    return match.group(0)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchored(text: str) -> str:
    """Every heading with GitHub's anchor before it (Voila's own ids keep the case)."""
    out = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = HEADING.match(line)
        before = out[-1] if out else ""
        if match and i > 0 and not before.startswith("<a id="):
            out.append(f'<a id="{slug(match.group(2))}"></a>')
        out.append(line)
    return "\n".join(out)


def page_markdown(page: str, lang: str) -> str:
    """The Markdown of one docs page for ``lang``, with links that work inside the app."""
    text = (ROOT / PAGES[page][lang]).read_text("utf-8").strip()
    text = LINK.sub(lambda match: _relink(match, lang), text)
    return f"{START[lang]}\n\n{_anchored(text)}"


def notebook_text(page: str, lang: str) -> str:
    """The whole notebook file, in the layout Jupyter writes (one cell, no outputs)."""
    notebook = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": page.removesuffix(".ipynb").replace("_", "-"),
                "metadata": {},
                "source": page_markdown(page, lang),
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
        for lang in LANGS:
            found += sorted((ROOT / tree / lang).glob(pattern))
    return found


def stale() -> list[str]:
    """The files this script would change."""
    out = []
    for page in PAGES:
        for lang in LANGS:
            path = ROOT / "notebooks" / lang / page
            if not path.exists() or path.read_text("utf-8") != notebook_text(page, lang):
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
            print(f"out of date: {name} (run python tools/doc_pages.py)")
        return 1 if out else 0
    for page in PAGES:
        for lang in LANGS:
            (ROOT / "notebooks" / lang / page).write_text(notebook_text(page, lang), "utf-8")
    for path in pages():
        path.write_text(relinked(path), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
