"""The pages of the workbook as the start page lists them: chapters and exercises, with times.

Each page is one notebook per language, at ``<tree>/<lang>/<stem>.ipynb`` in the repository.
A card's title is the notebook's first ``# `` heading (so it follows the notebook), or the
catalogue's ``start.page.<stem>`` while a notebook is not there yet. The minutes are ours, the
same figures the facilitator guide plans with. No widgets here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .i18n import check_lang, t

REPO_ROOT = Path(__file__).resolve().parent.parent
_NUMBER = re.compile(r"^\d\d\s+")


@dataclass(frozen=True)
class Page:
    """One notebook of the workbook: ``tree`` is ``notebooks`` or ``exercises``."""

    tree: str
    stem: str
    minutes: int

    @property
    def number(self) -> str:
        return self.stem[:2]

    def path(self, lang: str) -> str:
        """The notebook's path from the repository root, e.g. ``notebooks/nl/05_my_log.ipynb``."""
        return f"{self.tree}/{check_lang(lang)}/{self.stem}.ipynb"

    @property
    def title_key(self) -> str:
        """The catalogue key of the title used while the notebook is not there yet."""
        return TITLE_KEY[self.stem]

    @property
    def blurb_key(self) -> str:
        """The catalogue key of the one-line description on the start page."""
        return BLURB_KEY[self.stem]

    def link_from_start(self, lang: str) -> str:
        """The address relative to the start page (``notebooks/start.ipynb``), for any prefix."""
        own = f"{check_lang(lang)}/{self.stem}.ipynb"
        return own if self.tree == "notebooks" else f"../{self.tree}/{own}"


CHAPTERS = (
    Page("notebooks", "00_start_here", 10),
    Page("notebooks", "01_mindset", 15),
    Page("notebooks", "02_behaviours", 20),
    Page("notebooks", "03_seven_needs", 25),
    Page("notebooks", "04_experiments", 20),
    Page("notebooks", "05_my_log", 15),
    Page("notebooks", "06_action_plan", 15),
)
EXERCISES = (
    Page("exercises", "01_question_lab", 20),
    Page("exercises", "02_role_play_trio", 60),
    Page("exercises", "03_which_need", 15),
)
# Keys written out in full, so a test finds each one the code uses.
TITLE_KEY = {
    "00_start_here": "start.page.00_start_here",
    "01_mindset": "start.page.01_mindset",
    "02_behaviours": "start.page.02_behaviours",
    "03_seven_needs": "start.page.03_seven_needs",
    "04_experiments": "start.page.04_experiments",
    "05_my_log": "start.page.05_my_log",
    "06_action_plan": "start.page.06_action_plan",
    "01_question_lab": "start.page.01_question_lab",
    "02_role_play_trio": "start.page.02_role_play_trio",
    "03_which_need": "start.page.03_which_need",
}
# The start page's line about each page.
BLURB_KEY = {
    "00_start_here": "start.blurb.00_start_here",
    "01_mindset": "start.blurb.01_mindset",
    "02_behaviours": "start.blurb.02_behaviours",
    "03_seven_needs": "start.blurb.03_seven_needs",
    "04_experiments": "start.blurb.04_experiments",
    "05_my_log": "start.blurb.05_my_log",
    "06_action_plan": "start.blurb.06_action_plan",
    "01_question_lab": "start.blurb.01_question_lab",
    "02_role_play_trio": "start.blurb.02_role_play_trio",
    "03_which_need": "start.blurb.03_which_need",
}
COHORT_PAGE = "facilitator/cohort.ipynb"  # relative to the start page
# Text-only pages in notebooks/<lang>/, made from docs/ by tools/doc_pages.py (no code cells).
DOC_PAGES = ("references.ipynb", "facilitator_guide.ipynb")


def first_heading(notebook: Path) -> str | None:
    """The text of the first ``# `` heading in a notebook's markdown, or None."""
    try:
        cells = json.loads(notebook.read_text("utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        for line in text.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return None


def title(page: Page, lang: str, root: Path = REPO_ROOT) -> str:
    """The page's title without its number: from the notebook, else from the catalogue."""
    heading = first_heading(root / page.path(lang))
    if heading:
        return _NUMBER.sub("", heading)
    return t(page.title_key, lang)


def available(page: Page, lang: str, root: Path = REPO_ROOT) -> bool:
    """True when the page's notebook exists in ``lang``."""
    return (root / page.path(lang)).is_file()


__all__ = [
    "CHAPTERS",
    "COHORT_PAGE",
    "DOC_PAGES",
    "EXERCISES",
    "Page",
    "available",
    "first_heading",
    "title",
]
