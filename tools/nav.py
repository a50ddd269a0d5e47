"""Write or check the navigation cell at the end of every workbook notebook, idempotently.

Every page links to the start page (``notebooks/start.ipynb``, the cards and the data panel) and
to the previous and next page of its series: the chapters ``notebooks/<lang>/NN_*.ipynb``, the
exercises ``exercises/<lang>/NN_*.ipynb`` (the file order is the series order). The group view
(``notebooks/facilitator/*.ipynb``, one notebook for both languages) links back to the start
page in each language. The links live in one markdown cell, the notebook's last, marked with
``<!-- oo-nav -->``; only this script writes it. ``python tools/nav.py`` writes the cells;
``python tools/nav.py --check`` exits 1 when a notebook is out of date (a unit test runs that).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "<!-- oo-nav -->"
CELL_ID = "oo-nav"
SERIES = ("notebooks", "exercises")
START = "notebooks/start.ipynb"
GROUP_FOLDER = "notebooks/facilitator"
LABELS = {
    "en": {"prev": "Previous", "start": "Start page", "next": "Next"},
    "nl": {"prev": "Vorige", "start": "Startpagina", "next": "Volgende"},
}


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def title_of(notebook: Path) -> str:
    """The notebook's first ``# `` heading (the nav cell itself left out), else its file name."""
    for cell in json.loads(notebook.read_text("utf-8"))["cells"]:
        source = _source(cell)
        if cell["cell_type"] == "markdown" and MARKER not in source:
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def _relative(target: str, folder: str) -> str:
    """``target`` (a path from the root) as a link from a notebook in ``folder``."""
    return Path(os.path.relpath(target, folder)).as_posix()


def nav_source(lang: str, files: list[Path], index: int, start_href: str) -> str:
    """The markdown of the nav cell for ``files[index]`` in a series of ``files``."""
    labels = LABELS[lang]
    parts = []
    if index > 0:
        prev = files[index - 1]
        parts.append(f"[← {labels['prev']}: {title_of(prev)}]({prev.name})")
    parts.append(f"[{labels['start']}]({start_href}?lang={lang})")
    if index < len(files) - 1:
        nxt = files[index + 1]
        parts.append(f"[{labels['next']}: {title_of(nxt)} →]({nxt.name})")
    return f"{MARKER}\n\n---\n\n" + " · ".join(parts)


def group_source() -> str:
    """The group view is one notebook for both languages: a start-page link in each."""
    links = [
        f"[{LABELS[lang]['start']}]({_relative(START, GROUP_FOLDER)}?lang={lang})"
        for lang in LABELS
    ]
    return f"{MARKER}\n\n---\n\n" + " · ".join(links)


def with_nav(cells: list[dict], source: str) -> list[dict]:
    """``cells`` without any old nav cell, and the nav cell holding ``source`` at the end."""
    body = [c for c in cells if not (c["cell_type"] == "markdown" and MARKER in _source(c))]
    cell = {"cell_type": "markdown", "id": CELL_ID, "metadata": {"tags": ["oo-nav"]}}
    return [*body, dict(cell, source=source)]


def expected(root: Path = ROOT) -> dict[Path, str]:
    """Every notebook that gets a nav cell, with the cell's markdown."""
    found: dict[Path, str] = {}
    for tree in SERIES:
        for lang in LABELS:
            files = sorted((root / tree / lang).glob("[0-9][0-9]_*.ipynb"))
            start_href = _relative(START, f"{tree}/{lang}")
            for index, path in enumerate(files):
                found[path] = nav_source(lang, files, index, start_href)
    for path in sorted((root / GROUP_FOLDER).glob("*.ipynb")):
        found[path] = group_source()
    return found


def stale(root: Path = ROOT, write: bool = False) -> list[Path]:
    """Notebooks whose nav cell is missing or out of date; ``write`` brings them up to date."""
    out_of_date = []
    for path, source in expected(root).items():
        data = json.loads(path.read_text("utf-8"))
        new_cells = with_nav(data["cells"], source)
        if new_cells != data["cells"]:
            out_of_date.append(path)
            if write:
                data["cells"] = new_cells
                path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return out_of_date


def run(check: bool, root: Path = ROOT) -> int:
    found = stale(root, write=not check)
    if check and found:
        print("Navigation out of date (run python tools/nav.py):", *found, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    sys.exit(run(parser.parse_args().check))
