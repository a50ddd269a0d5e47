"""The Dutch text a learner sees is spelled right (hunspell with the nl_NL dictionary)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kit_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]


spellcheck = load_script("tools/spellcheck_nl.py")


@pytest.fixture(scope="module")
def hunspell() -> str:
    """Fail, never skip, when the checker cannot run: a skipped spell check checks nothing."""
    try:
        return spellcheck.check_hunspell()
    except spellcheck.HunspellMissing as error:
        pytest.fail(f"Cannot spell-check the Dutch text: {error}", pytrace=False)


def test_the_dutch_text_has_no_unknown_words(hunspell):
    report = spellcheck.unknown_words()
    lines = [f"  {word}: {', '.join(places[:3])}" for word, places in report.items()]
    assert not report, (
        "Words the Dutch dictionary does not know (fix the spelling, or add a name or agreed term"
        " to tools/nl_allowed_words.txt):\n" + "\n".join(lines)
    )


def test_the_allowed_list_is_sorted_and_every_word_on_it_is_used(hunspell):
    lines = [
        line.split("#", 1)[0].strip()
        for line in spellcheck.ALLOWED_FILE.read_text("utf-8").splitlines()
    ]
    words = [word for word in lines if word]
    assert words == sorted(words, key=str.casefold), "keep nl_allowed_words.txt sorted"
    assert len(words) == len(set(words)), "a word appears twice on the allowed list"
    assert spellcheck.unused_allowed() == [], "drop words the Dutch text no longer uses"


def _fake_repository(root: Path) -> Path:
    notebook = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": "00-00",
                "metadata": {},
                "source": "# Begin hier\n\nDit werkboek helpt je met je gesprekkken. "
                "Zie [de handleiding](https://voorbeeld.test/sdfqsdf) en `ui.log_form()`.\n"
                '<!-- qwrtzp -->\n*<span lang="en">This workbook is in English.</span>*',
            },
            {
                "cell_type": "code",
                "id": "00-01",
                "metadata": {},
                "source": "ui.zzyzxq()",
                "execution_count": None,
                "outputs": [],
            },
        ]
    }
    folder = root / "notebooks" / "nl"
    folder.mkdir(parents=True)
    (folder / "00_start.ipynb").write_text(json.dumps(notebook), "utf-8")
    content = root / "oneonone_kit" / "content" / "nl"
    (content / "items").mkdir(parents=True)
    catalogue = {
        "_comment": "Notitie vrgtz.",
        "x.saved": "Opgeslagen voor {persnoo}: een vergaderign.",
    }
    (content / "core.json").write_text(json.dumps(catalogue), "utf-8")
    # Identifiers the English item shares ("growth") are code; an untranslated word is not.
    items = [
        {
            "key": "hlpqz_key",
            "text": "Een CSV-bestand en een agenda-app, maar een taakk.",
            "needs": ["growth", "nieuwsgierigheid"],
            "title": "Curiosity",
        }
    ]
    (content / "items" / "cases.json").write_text(json.dumps(items), "utf-8")
    english = root / "oneonone_kit" / "content" / "en" / "items"
    english.mkdir(parents=True)
    twin = [
        {"key": "hlpqz_key", "text": "-", "needs": ["growth", "curiosity"], "title": "Curiosity"}
    ]
    (english / "cases.json").write_text(json.dumps(twin), "utf-8")
    allowed = root / "allowed.txt"
    allowed.write_text("# test\nCSV\n", "utf-8")
    return allowed


def test_the_spellcheck_reports_misspellings_in_notebooks_and_catalogues(hunspell, tmp_path):
    allowed = _fake_repository(tmp_path)
    report = spellcheck.unknown_words(tmp_path, allowed)
    assert sorted(report, key=str.lower) == ["Curiosity", "gesprekkken", "taakk", "vergaderign"]
    assert report["gesprekkken"] == ["notebooks/nl/00_start.ipynb cell 00-00"]
    assert report["vergaderign"] == ["oneonone_kit/content/nl/core.json:x.saved"]


def test_a_missing_dictionary_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(spellcheck, "DICTIONARY", "xx_XX")
    with pytest.raises(
        spellcheck.HunspellMissing, match=r"\.ci/run. installs hunspell and hunspell-nl"
    ):
        spellcheck.check_hunspell()


def test_a_missing_hunspell_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(spellcheck.shutil, "which", lambda name: "/nonexistent/hunspell")
    with pytest.raises(spellcheck.HunspellMissing, match=r"hunspell is not installed.*\.ci/run"):
        spellcheck.check_hunspell()
