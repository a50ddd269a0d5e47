"""Insert or refresh the navigation cells of every workbook notebook, idempotently.

Each notebook in ``notebooks/<lang>/`` gets a first and a last markdown cell holding
"< previous | contents | next >" links, marked with ``<!-- oo-nav -->`` so they can be found and
rewritten. ``python tools/nav.py`` writes them; ``python tools/nav.py --check`` exits 1 when a
notebook is out of date (a test runs that).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "<!-- oo-nav -->"
LABELS = {
    "en": {"prev": "Previous", "contents": "Start page", "next": "Next"},
    "nl": {"prev": "Vorige", "contents": "Startpagina", "next": "Volgende"},
}


def title_of(notebook: Path) -> str:
    for cell in json.loads(notebook.read_text("utf-8"))["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown" and MARKER not in source:
            for line in source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def nav_source(lang: str, files: list[Path], index: int) -> str:
    labels = LABELS[lang]
    parts = []
    if index > 0:
        prev = files[index - 1]
        parts.append(f"[< {labels['prev']}: {title_of(prev)}]({prev.name})")
    if files[index].name != files[0].name:
        parts.append(f"[{labels['contents']}]({files[0].name})")
    if index < len(files) - 1:
        nxt = files[index + 1]
        parts.append(f"[{labels['next']}: {title_of(nxt)} >]({nxt.name})")
    return f"{MARKER}\n" + " | ".join(parts)


def with_nav(cells: list[dict], source: str) -> list[dict]:
    def is_nav(cell: dict) -> bool:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        return cell["cell_type"] == "markdown" and text.startswith(MARKER)

    body = [c for c in cells if not is_nav(c)]
    cell = {"cell_type": "markdown", "metadata": {"tags": ["oo-nav"]}, "source": source}
    return [dict(cell, id="oo-nav-top"), *body, dict(cell, id="oo-nav-bottom")]


def run(check: bool) -> int:
    stale = []
    for lang in LABELS:
        folder = ROOT / "notebooks" / lang
        files = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
        for index, path in enumerate(files):
            data = json.loads(path.read_text("utf-8"))
            new_cells = with_nav(data["cells"], nav_source(lang, files, index))
            if new_cells != data["cells"]:
                stale.append(path)
                if not check:
                    data["cells"] = new_cells
                    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    if check and stale:
        print("Navigation out of date (run python tools/nav.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    sys.exit(run(parser.parse_args().check))
