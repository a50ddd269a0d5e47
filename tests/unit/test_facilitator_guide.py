"""The facilitator guide, in English and Dutch: timetables that add up, links that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kit_helpers import load_script

from oneonone_kit import pages
from oneonone_kit.coach import handouts

ROOT = Path(__file__).resolve().parents[2]
GUIDES = {"en": ROOT / "docs" / "facilitator.md", "nl": ROOT / "docs" / "facilitator.nl.md"}
# Words of the Dutch guide the dictionary lacks, beside tools/nl_allowed_words.txt (which lists
# only words the workbook itself uses): a program name, a book title, the agreed term (nl-style.md).
GUIDE_WORDS = {"JupyterHub", "Leadership", "werkboekbestand"}
TIME = re.compile(r"^(\d\d)[:.](\d\d)$")


def timetables(text: str) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(heading, advertised minutes, [(start time, minutes)]) for every timetable in ``text``.

    A timetable is the first table after a heading that names its length, with a time in the
    first column and the minutes in the last.
    """
    found = []
    heading, total, rows, in_table = None, None, [], False
    for line in text.splitlines() + [""]:
        if line.startswith("#"):
            if heading and rows:
                found.append((heading, total, rows))
            match = re.search(r"\((?:[^()]*?)(\d+) (?:minutes|minuten)\)", line)
            heading, total, rows, in_table = line, int(match.group(1)) if match else None, [], False
            continue
        if total is None:
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if TIME.match(cells[0]) and cells[-1].isdigit():
                rows.append((cells[0], int(cells[-1])))
                in_table = True
        elif in_table:
            found.append((heading, total, rows))
            heading, total, rows, in_table = None, None, [], False
    return found


def minutes_of_day(clock: str) -> int:
    hours, minutes = TIME.match(clock).groups()
    return int(hours) * 60 + int(minutes)


def test_timetables_are_read_from_a_hand_made_example():
    text = (
        "## A short day (50 minutes)\n\n"
        "| Time | Block | Page | Minutes |\n| --- | --- | --- | --- |\n"
        "| 09:00 | One | | 20 |\n| 09:20 | Two | 01 | 30 |\n\nAfter.\n"
        "## No length here\n\n| 10:00 | x | | 5 |\n"
    )
    assert timetables(text) == [("## A short day (50 minutes)", 50, [("09:00", 20), ("09:20", 30)])]


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_timetable_adds_up_to_its_advertised_length(lang):
    tables = timetables(GUIDES[lang].read_text("utf-8"))
    # half day, full day, two online sessions, the follow-up session
    assert [total for _, total, _ in tables] == [240, 420, 120, 120, 60]
    for heading, total, rows in tables:
        assert sum(minutes for _, minutes in rows) == total, heading


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_each_block_starts_when_the_one_before_it_ends(lang):
    for heading, _, rows in timetables(GUIDES[lang].read_text("utf-8")):
        for (start, minutes), (next_start, _) in zip(rows, rows[1:], strict=False):
            assert minutes_of_day(start) + minutes == minutes_of_day(next_start), (heading, start)


def test_both_guides_plan_the_same_blocks_with_the_same_minutes():
    # 09:00 in English is 09.00 in Dutch: compare minutes of the day
    english, dutch = (
        [
            (total, [(minutes_of_day(start), minutes) for start, minutes in rows])
            for _, total, rows in timetables(GUIDES[lang].read_text("utf-8"))
        ]
        for lang in ("en", "nl")
    )
    assert english == dutch


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_each_numbered_block_of_the_half_day_has_a_section_with_the_same_minutes(lang):
    text = GUIDES[lang].read_text("utf-8")
    table = text[re.search(r"\| 09[:.]00 \|", text).start() :].split("\n\n", 1)[0]
    planned = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        number = re.match(r"(\d)\. ", cells[1])
        if number:
            planned[int(number.group(1))] = int(cells[-1])
    sections = {
        int(number): int(minutes)
        for number, minutes in re.findall(r"^### (\d)\. .*\((\d+) minut\w+\)$", text, re.M)
    }
    assert sorted(planned) == list(range(1, 10))
    assert sections == planned


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_link_in_the_guide_points_to_a_file_that_exists(lang):
    text = GUIDES[lang].read_text("utf-8")
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    assert len(links) >= 10
    for link in links:
        assert not link.startswith("http"), link
        assert (GUIDES[lang].parent / link).resolve().is_file(), link


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_guide_links_each_page_in_its_own_language(lang):
    text = GUIDES[lang].read_text("utf-8")
    links = re.findall(r"\]\(\.\./(notebooks|exercises)/(\w\w)/", text)
    assert links and {language for _, language in links} == {lang}


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_guide_names_the_print_command_for_every_printable(lang):
    text = GUIDES[lang].read_text("utf-8")
    for kind in handouts.KINDS:
        assert f"`oneonone print {kind} --lang {lang}`" in text


@pytest.mark.parametrize(
    "lang, banned", [("en", "anonymous summar"), ("nl", "anonieme samenvatting")]
)
def test_the_summary_is_called_de_identified_not_anonymous(lang, banned):
    assert banned not in GUIDES[lang].read_text("utf-8").lower()


# "Anonymous" stays right for asking the team (part 02); the summary is only de-identified.
NOT_ANONYMOUS = (
    "anonymous summar",
    "anonymised summar",
    "anonymized summar",
    "anonieme samenvatting",
)


def test_code_messages_notebooks_and_docs_call_the_summary_de_identified():
    # docstrings and comments too: a developer copies their words into the next message
    files = [
        *sorted((ROOT / "oneonone_kit").rglob("*.py")),
        *sorted((ROOT / "oneonone_kit" / "content").rglob("*.json")),
        *sorted((ROOT / "notebooks").rglob("*.ipynb")),
        *sorted((ROOT / "docs").rglob("*.md")),
        *sorted((ROOT / "tests").rglob("*.py")),
        ROOT / "README.md",
    ]
    assert len(files) > 100
    found = [
        f"{path.relative_to(ROOT)}: {phrase}"
        for path in files
        for phrase in NOT_ANONYMOUS
        if phrase in path.read_text("utf-8").lower() and path != Path(__file__)
    ]
    assert found == []


def test_the_dutch_guide_is_spelled_right():
    spellcheck = load_script("tools/spellcheck_nl.py")
    try:
        command = spellcheck.check_hunspell()
    except spellcheck.HunspellMissing as error:
        pytest.fail(f"Cannot spell-check the Dutch guide: {error}", pytrace=False)
    text = spellcheck.markdown_text(GUIDES["nl"].read_text("utf-8"))
    words = (
        {word for word, _ in spellcheck._tokens(text)} - spellcheck.allowed_words() - GUIDE_WORDS
    )
    assert spellcheck.hunspell_unknown("\n".join(sorted(words)), command) == set()


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_chapter_and_exercise_of_the_start_page_is_linked_from_the_guide(lang):
    text = GUIDES[lang].read_text("utf-8")
    for page in pages.CHAPTERS + pages.EXERCISES:
        assert f"](../{page.path(lang)})" in text, page.stem
