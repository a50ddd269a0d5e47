"""The teaching text: enough prose per chapter, an action at the end, and every dated figure sourced."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAV = "<!-- oo-nav -->"
CHAPTERS = sorted((ROOT / "notebooks" / "en").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (ROOT / "notebooks" / "nl").glob("[0-9][0-9]_*.ipynb")
)
EXERCISES = sorted((ROOT / "exercises" / "en").glob("*.ipynb")) + sorted(
    (ROOT / "exercises" / "nl").glob("*.ipynb")
)
REFERENCES = {"en": "docs/references.md", "nl": "docs/references.nl.md"}


def target(path: Path) -> str:
    """Where a chapter or exercise links for its sources: the references page of the app
    (``notebooks/<lang>/references.ipynb``, made from REFERENCES by tools/doc_pages.py)."""
    if path.parent.parent.name == "notebooks":
        return "references.ipynb"
    return f"../../notebooks/{path.parent.name}/references.ipynb"


RULE_OF_THUMB = {"en": "rule of thumb", "nl": "vuistregel"}
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
ACTION = {
    "en": ("**Your next step:**", "**Try this:**"),
    "nl": ("**Je volgende stap:**", "**Probeer dit:**"),
}


def prose_cells(path: Path) -> list[str]:
    """The markdown of a notebook without its navigation cells."""
    cells = json.loads(path.read_text("utf-8"))["cells"]
    sources = ("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return [s for s in sources if NAV not in s]


def words(markdown: str) -> int:
    """Words a reader reads: link addresses and HTML tags do not count."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"<[^>]+>", " ", text)
    return len([w for w in text.split() if re.search(r"\w", w)])


def paragraphs(path: Path) -> list[str]:
    return [p for cell in prose_cells(path) for p in cell.split("\n\n")]


def test_word_count_ignores_links_and_tags():
    # Hand count: "See", "the", "page", "now" = 4; the address and the span tags are not words.
    assert words('See <span lang="en">the</span> [page](../../docs/references.md#x) now.') == 4


def test_there_are_seven_chapters_in_each_language():
    assert len(CHAPTERS) == 14


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_chapter_has_at_least_500_words_of_prose(path: Path):
    total = sum(words(cell) for cell in prose_cells(path))
    assert total >= 500, f"{path.name}: {total} words"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_chapter_and_every_new_section_ends_in_an_action(path: Path):
    lang = path.parent.name
    cells = prose_cells(path)
    assert cells[-1].startswith(ACTION[lang][0])
    for cell in cells:
        if ACTION[lang][1] in cell:
            assert cell.rstrip().split("\n\n")[-1].startswith(ACTION[lang][1])


@pytest.mark.parametrize("path", CHAPTERS + EXERCISES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_dated_figure_links_to_the_references_page(path: Path):
    lang = path.parent.name
    for paragraph in paragraphs(path):
        for year in YEAR.findall(paragraph):
            link = re.escape(target(path))
            linked = re.search(rf"\[[^\]]*\]\({link}#[a-z-]+{year}\)", paragraph)
            dated_link = re.search(rf"\[[^\]]*{year}[^\]]*\]\({link}", paragraph)
            honest = RULE_OF_THUMB[lang] in paragraph.lower()
            assert linked or dated_link or honest, f"{path.name}: {year} in {paragraph[:80]!r}"


@pytest.mark.parametrize("path", CHAPTERS + EXERCISES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_reference_link_points_to_an_anchor_that_exists(path: Path):
    lang = path.parent.name
    page = (ROOT / REFERENCES[lang]).read_text("utf-8")
    for cell in prose_cells(path):
        for anchor in re.findall(rf"\]\({re.escape(target(path))}#([a-z0-9-]+)", cell):
            assert f'<a id="{anchor}"></a>' in page, f"{path.name}: #{anchor}"


def test_a_year_without_a_link_or_a_rule_of_thumb_is_caught():
    # The same check on a hand-written paragraph: a bare year fails, a linked year passes.
    bare = "Edmondson showed in 1999 that teams learn."
    linked = "Edmondson showed in [1999](references.ipynb#edmondson-1999) that teams learn."
    pattern = r"\[[^\]]*\]\(references\.ipynb#[a-z-]+1999\)"
    assert re.search(pattern, bare) is None
    assert re.search(pattern, linked) is not None


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_references_page_cites_every_source_in_full(lang: str):
    page = " ".join((ROOT / REFERENCES[lang]).read_text("utf-8").split())
    for citation in (
        "*Administrative Science Quarterly*, 44(2), 350–383",
        "*Glad We Met: The Art and Science of 1:1 Meetings*. Oxford University Press",
        "*Harvard Business Review*, 100(6)",
        "*Harvard Business Review*, 86(4)",
        "*Total Leadership: Be a Better Leader, Have a Richer Life*",
        "*The Coaching Habit",
        "*The Advice Trap",
    ):
        assert citation in page
    assert RULE_OF_THUMB[lang] in page.lower()


def test_the_references_page_in_the_app_is_current_and_no_page_links_to_the_markdown():
    """The web app renders notebooks only: the pages link to notebooks/<lang>/references.ipynb,
    made from docs/references*.md by tools/doc_pages.py (``--check`` lists what is stale)."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "doc_pages.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for path in CHAPTERS + EXERCISES:
        assert "docs/references" not in path.read_text("utf-8"), path.name
