"""The start page: every chapter and exercise as a card, in the page's language, offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from oneonone_kit import pages, ui
from oneonone_kit.ui import session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_home):
    session.reset()
    yield tmp_home
    session.reset()


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_every_workbook_notebook_is_listed_as_a_page():
    for lang in ("en", "nl"):
        chapters = {p.name for p in (ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb")}
        assert chapters == {f"{p.stem}.ipynb" for p in pages.CHAPTERS}
        exercises = {p.name for p in (ROOT / "exercises" / lang).glob("*.ipynb")}
        assert exercises <= {f"{p.stem}.ipynb" for p in pages.EXERCISES}, "add it to pages.py"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_start_page_links_every_chapter_and_exercise_in_its_language(home, lang):
    page = ui.start_page(lang)
    chapters, exercises = links(page.chapters.value), links(page.exercises.value)
    assert chapters == [f"{lang}/{p.stem}.ipynb" for p in pages.CHAPTERS]
    assert exercises == [f"../exercises/{lang}/{p.stem}.ipynb" for p in pages.EXERCISES]
    for href in chapters + exercises:
        assert not href.startswith(("/", "http")), "links stay relative, for any URL prefix"


@pytest.mark.parametrize("lang, word", [("en", "min"), ("nl", "ongeveer")])
def test_each_card_says_how_long_it_takes(home, lang, word):
    page = ui.start_page(lang)
    times = re.findall(r'class="oo-card-time">([^<]+)<', page.chapters.value + page.exercises.value)
    assert len(times) == len(pages.CHAPTERS) + len(pages.EXERCISES)
    assert all(word in t and re.search(r"\d", t) for t in times)


def test_card_titles_follow_the_notebook_headings(home):
    page = ui.start_page("nl")
    heading = pages.first_heading(ROOT / "notebooks" / "nl" / "03_seven_needs.ipynb")
    assert re.sub(r"^\d\d\s+", "", heading) in page.chapters.value


def test_a_missing_notebook_gets_the_catalogue_title(tmp_path):
    page = pages.Page("exercises", "01_question_lab", 20)
    assert pages.title(page, "en", root=tmp_path) == "Question lab"
    assert not pages.available(page, "en", root=tmp_path)


def test_language_switch_marks_the_current_language(home):
    header = ui.start_page("nl").header.value
    assert 'href="start.ipynb?lang=en"' in header and 'href="start.ipynb?lang=nl"' in header
    assert re.search(r'lang="nl"[^>]*aria-current=page', header)
    assert "Eén-op-ééngesprekken" in header


def test_start_page_needs_nothing_from_the_internet(home):
    page = ui.start_page("en")
    html = " ".join(
        child.value for child in page.children if isinstance(getattr(child, "value", None), str)
    )
    assert "http://" not in html and "https://" not in html and "@import" not in html
    assert "fa-" not in html  # no Font Awesome icons (loaded from a CDN by Voila)


def test_start_page_includes_the_data_panel_and_the_facilitator_link(home):
    page = ui.start_page("en")
    assert isinstance(page.data, ui.DataPanel)
    facilitator = page.children[-2]
    assert "oo-start-facilitator" in facilitator._dom_classes
    assert "facilitator/cohort.ipynb?lang=en" in facilitator.value


@pytest.mark.parametrize(
    "lang, guide, text",
    [
        ("en", "en/facilitator_guide.ipynb", "see the facilitator guide"),
        ("nl", "nl/facilitator_guide.ipynb", "zie de handleiding voor begeleiders"),
    ],
)
def test_the_facilitator_section_ends_with_the_printables_and_links_the_guide(
    home, lang, guide, text
):
    # The guide is a page of the app (docs/*.md are not served): linked like the chapters.
    page = ui.start_page(lang)
    assert page.children[-1] is page.printables
    assert isinstance(page.printables, ui.PrintPanel)
    assert f'<a href="{guide}">{text}</a>' in page.printables.children[0].value
    assert (ROOT / "notebooks" / guide).is_file()


def test_the_start_and_cohort_notebooks_are_one_line_calls():
    for path, call in (
        ("notebooks/start.ipynb", "ui.start_page()"),
        ("notebooks/facilitator/cohort.ipynb", "ui.cohort_view()"),
    ):
        cells = json.loads((ROOT / path).read_text("utf-8"))["cells"]
        code = [c["source"] for c in cells if c["cell_type"] == "code"]
        assert code == ["from oneonone_kit import ui", call]


def test_the_start_notebook_tells_a_jupyterlab_learner_what_to_do_first():
    cells = json.loads((ROOT / "notebooks" / "start.ipynb").read_text("utf-8"))["cells"]
    first = cells[0]
    assert first["cell_type"] == "markdown"
    assert first["metadata"]["tags"] == ["oo-lab-only"]  # the Voila template hides it
    assert "Run All Cells" in first["source"] and "Voilà" in first["source"]
    assert "Om te beginnen" in first["source"]
