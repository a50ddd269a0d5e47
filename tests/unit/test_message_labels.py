"""Messages that name a button, panel, field or command name one that exists, in both languages.

A message sends the learner to ‘Prepare my export’ or to ‘oneonone log list’; when the label or
the command is renamed, the message must follow. Quoted words in a message (‘…’, or '…' in
English) are either a real label of the same language, a real command of the CLI, a placeholder
filled by the code, or one of the quoted words below that name no part of the workbook.
"""

from __future__ import annotations

import argparse
import re

import pytest

from oneonone_kit.cli._parser import PROG, build_parser
from oneonone_kit.i18n import LANGUAGES, catalogue

QUOTED = re.compile(r"‘([^’]+)’|(?<![\w’])'([^']+)'(?!\w)")
PLACEHOLDER = re.compile(r"\{\w+\}")
# Quoted words that name no label or command: a spreadsheet's format, a word of a question,
# a status in a table, the git and pip commands of the installation.
NOT_LABELS = {
    "en": {"CSV UTF-8", "(demo)", "pip install -e .", "git clone"},
    "nl": {
        "CSV UTF-8",
        "(demo)",
        "pip install -e .",
        "git clone",
        "Vertel eens over ...",
        "waarom",
        "wat",
    },
}


def quoted(text: str) -> list[str]:
    """The quoted parts of a message: ‘…’, or '…' that is not an apostrophe."""
    return [a or b for a, b in QUOTED.findall(text)]


def labels(lang: str) -> set[str]:
    """Every string of the catalogue, and each without a trailing unit such as " (days)"."""
    values = {v for v in catalogue(lang).values() if isinstance(v, str)}
    return values | {re.sub(r" \([^()]*\)$", "", v) for v in values}


def command_exists(words: list[str], lang: str) -> bool:
    """True when ``oneonone`` + ``words`` names real subcommands with real options."""
    parser = build_parser(lang)
    rest = list(words)
    while rest and not rest[0].startswith("-"):
        if rest[0].isupper():
            break  # a placeholder such as COMMAND or NAME
        groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not groups:
            break  # a positional value such as an id
        if rest[0] not in groups[0].choices:
            return False
        parser = groups[0].choices[rest.pop(0)]
    options = {option for action in parser._actions for option in action.option_strings}
    return all(word in options for word in rest if word.startswith("-"))


# A command a message gives to type: an example line, or after a colon ("Set it with: ...").
COMMAND_LINE = re.compile(rf"(?:^|: )({PROG}(?: [^\s]+)*)", re.M)


def command_lines(lang: str) -> list[tuple[str, str]]:
    """(key, command) of every command line a message of ``lang`` gives, quotes or not."""
    found = []
    for key, value in catalogue(lang).items():
        for form in value.values() if isinstance(value, dict) else [value]:
            found += [(key, line.rstrip(".")) for line in COMMAND_LINE.findall(form)]
    return found


def references(lang: str) -> list[tuple[str, str]]:
    """(key, quoted part) of every message in ``lang``, plural forms included."""
    found = []
    for key, value in catalogue(lang).items():
        for form in value.values() if isinstance(value, dict) else [value]:
            found += [(key, part) for part in quoted(form)]
    return found


def test_quoted_parts_are_found_and_apostrophes_are_not():
    text = "Use ‘Repair settings’ under 'Your data'; the workbook's file isn't 'quoted"
    assert quoted(text) == ["Repair settings", "Your data"]


def test_a_command_must_exist_with_its_options():
    assert command_exists(["log", "list", "--person", "Sam"], "en")
    assert command_exists(["log", "edit", "3f2a9c1d"], "en")
    assert not command_exists(["log", "show"], "en")
    assert not command_exists(["demo", "--delete"], "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_or_command_a_message_names_exists(lang):
    real = labels(lang)
    wrong = []
    for key, part in references(lang):
        part_words = part.replace("{prog}", PROG).split()  # {prog}: the command being helped
        if part_words[0] == PROG:
            words = [PLACEHOLDER.sub("x", word) for word in part_words[1:]]
            ok = command_exists(words, lang)
        else:
            ok = PLACEHOLDER.fullmatch(part) is not None or part in real
        if not ok and part not in NOT_LABELS[lang]:
            wrong.append(f"{key}: ‘{part}’")
    assert wrong == []


@pytest.mark.parametrize(
    "lang, named",
    [
        ("en", {"Prepare my export", "Repair settings", "Your data", "oneonone log list"}),
        (
            "nl",
            {"Export klaarzetten", "Instellingen herstellen", "Je gegevens", "oneonone log list"},
        ),
    ],
)
def test_messages_quote_what_they_name(lang, named):
    # the check above is only worth something while messages quote the labels they name
    assert named <= {part for _, part in references(lang)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_a_message_gives_to_type_exists(lang):
    lines = command_lines(lang)
    assert ("cli.demo.hint", "oneonone demo --remove") in lines  # the pattern finds them
    wrong = [
        f"{key}: {line}"
        for key, line in lines
        if not command_exists([PLACEHOLDER.sub("x", w) for w in line.split()[1:]], lang)
    ]
    assert wrong == []
