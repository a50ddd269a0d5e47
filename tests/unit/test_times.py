"""One set of times for the parts: chapter 00's table says what the start page's cards say,
and both come from ``pages.py``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from oneonone_kit import pages
from oneonone_kit.i18n import t

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\| (\d\d) [^|]*\|[^|]*\| ([^|]+) \|$", re.MULTILINE)


def _table(lang: str) -> dict[str, str]:
    cells = json.loads((ROOT / "notebooks" / lang / "00_start_here.ipynb").read_text("utf-8"))
    text = "\n".join("".join(c["source"]) for c in cells["cells"] if c["cell_type"] == "markdown")
    return dict(ROW.findall(text))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_chapter_00_lists_every_chapter_with_the_start_pages_time(lang):
    table = _table(lang)
    assert set(table) == {page.number for page in pages.CHAPTERS}
    for page in pages.CHAPTERS:
        key = "start.per_meeting" if page.stem == "05_my_log" else "start.minutes"
        assert table[page.number] == t(key, lang, minutes=page.minutes)


def test_the_hand_worked_times_of_two_parts():
    # Worked out by hand from the facilitator plan: part 03 takes 25 minutes, the log 15 first.
    assert _table("en")["03"] == "about 25 min"
    assert _table("nl")["05"] == "ongeveer 15 min, daarna 5 per gesprek"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_chapter_00_and_the_start_page_agree_on_the_workshop_morning(lang):
    cells = json.loads((ROOT / "notebooks" / lang / "00_start_here.ipynb").read_text("utf-8"))
    text = " ".join("".join(c["source"]) for c in cells["cells"])
    first_sentence = t("start.chapters_note", lang).split(". ")[0]
    assert first_sentence in text
