"""Spell-check the Dutch text a learner sees, with hunspell and its nl_NL dictionary.

The text is the markdown of ``notebooks/nl/*.ipynb`` and ``exercises/nl/*.ipynb`` (markdown syntax, link addresses, code
spans, HTML comments and passages marked ``lang="en"`` left out) and every string in
``oneonone_kit/content/nl/*.json`` and ``content/nl/items/*.json`` ({placeholders}, command
examples, ``_comment`` notes and identifiers left out: ``key`` fields, and item values such as
``growth`` that equal the English item at the same place). Words hunspell
does not know and ``tools/nl_allowed_words.txt`` does not list are reported. A hyphenated
compound passes when its parts do and Dutch asks for the hyphen: after a name or abbreviation
on the allowed list (``één-op-één-logboek``, ``PNG-bestand``) or between two vowels
(``agenda-app``). Command names and values of ``oneonone`` (``forget``, ``rescheduled``) are
code, so the Dutch help in ``cli.json`` may quote them.

``python tools/spellcheck_nl.py`` prints the unknown words with where they occur, and exits 1
when there are any (2 when hunspell or the dictionary is missing).
Debian: ``apt-get install hunspell hunspell-nl`` (``.ci/run`` does this).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_FILE = ROOT / "tools" / "nl_allowed_words.txt"
DICTIONARY = "nl_NL"
INSTALL_HINT = (
    "`.ci/run` installs hunspell and hunspell-nl; on Debian or Ubuntu run: "
    "sudo apt-get install hunspell hunspell-nl"
)
# Item fields that hold identifiers for the code, not text for the learner.
ID_FIELDS = {"key", "id", "area", "metric", "category", "answer", "kind"}
# Catalogue keys whose values are command lines, shown as code rather than prose.
CODE_KEY = re.compile(r"\.example$|^cli\.meta\.")

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_OTHER_LANG = re.compile(r"<(\w+)\b[^>]*\blang=[\"'](?!nl)[^\"']*[\"'][^>]*>.*?</\1>", re.S)
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_CODE_SPAN = re.compile(r"`[^`]*`")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_URL = re.compile(r"\bhttps?://\S+")
_MARKUP = re.compile(r"[#*_>|]|^\s*-{3,}\s*$", re.M)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
# Command-line pieces inside messages: options, environment variables, file suffixes, ports.
_CODE_BITS = re.compile(
    r"(?<!\w)--?[a-z][\w-]*|\b\w*_\w*\b|(?<!\w)\.[a-z]+\b|\b[\d.]+:\d+\b"
    r"|\b(?:pip install|git clone)\b|\bCtrl\+\w\b"
)
_WORD = re.compile(r"(\w(?:[\w’'-]*\w)?)(\.?)")


class HunspellMissing(RuntimeError):
    """hunspell or its Dutch dictionary is not installed."""


def markdown_text(source: str) -> str:
    """The words of a markdown cell as a reader sees them, without markup or code."""
    for pattern, replacement in (
        (_COMMENT, " "),
        (_OTHER_LANG, " "),
        (_FENCE, " "),
        (_CODE_SPAN, " "),
        (_LINK, r"\1"),
        (_TAG, " "),
        (_URL, " "),
        (_MARKUP, " "),
    ):
        source = pattern.sub(replacement, source)
    return source


def catalogue_text(value: str) -> str:
    """A catalogue string without {placeholders} and command-line pieces."""
    return _CODE_BITS.sub(" ", _PLACEHOLDER.sub(" ", value))


def command_line_words() -> set[str]:
    """What ``oneonone`` accepts as command names and values (``forget``, ``rescheduled``).

    They are code, English by design, so the Dutch help of the command line may name them.
    """
    from oneonone_kit import model
    from oneonone_kit.cli._parser import build_parser

    words = {*model.NEEDS, *model.STATUSES, *model.AGENDA_OWNERS, *model.COMMITMENT_OWNERS}
    parsers = [build_parser("nl")]
    while parsers:
        for action in parsers.pop()._actions:
            if isinstance(action.choices, dict):
                words.update(action.choices)
                parsers.extend(action.choices.values())
            elif action.choices:
                words.update(str(choice) for choice in action.choices)
            if isinstance(action.metavar, str) and action.metavar.startswith("{"):
                words.update(action.metavar.strip("{}").split(","))
    return words


def _strings(value: object, where: str, en: object = None) -> Iterator[tuple[str, str]]:
    """Text pieces of a catalogue or item file; ``en`` is the English twin at the same place.

    An item value that is an identifier (``growth``, ``agenda_ownership``) and the same in the
    English file is code, not text: item files name needs and metrics that way.
    """
    if isinstance(value, str):
        if not (value == en and _IDENTIFIER.fullmatch(value)):
            yield where, catalogue_text(value)
    elif isinstance(value, list):
        twins = en if isinstance(en, list) and len(en) == len(value) else [None] * len(value)
        for index, (item, twin) in enumerate(zip(value, twins, strict=True)):
            yield from _strings(item, f"{where}[{index}]", twin)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("_") or key in ID_FIELDS or CODE_KEY.search(key):
                continue
            twin = en.get(key) if isinstance(en, dict) else None
            yield from _strings(
                item, f"{where}:{key}" if ":" not in where else f"{where}.{key}", twin
            )


def texts(root: Path = ROOT) -> list[tuple[str, str]]:
    """(where, text) for every piece of Dutch text a learner sees."""
    found = []
    for path in sorted(
        [*(root / "notebooks" / "nl").glob("*.ipynb"), *(root / "exercises" / "nl").glob("*.ipynb")]
    ):
        if path.name == "references.ipynb":
            continue  # the citations: English titles and names, copied from docs/references.nl.md
        cells = json.loads(path.read_text("utf-8"))["cells"]
        for number, cell in enumerate(cells, 1):
            if cell["cell_type"] == "markdown":
                source = cell["source"]
                source = "".join(source) if isinstance(source, list) else source
                where = f"{path.relative_to(root).as_posix()} cell {cell.get('id', number)}"
                found.append((where, markdown_text(source)))
    content = root / "oneonone_kit" / "content" / "nl"
    for path in sorted([*content.glob("*.json"), *content.glob("items/*.json")]):
        data = json.loads(path.read_text("utf-8"))
        twin_path = root / "oneonone_kit" / "content" / "en" / path.relative_to(content)
        twin = (
            json.loads(twin_path.read_text("utf-8"))
            if twin_path.parent.name == "items" and twin_path.exists()
            else None
        )
        pieces = list(_strings(data, path.relative_to(root).as_posix(), twin))
        if path.name == "cli.json":
            names = "|".join(sorted(map(re.escape, command_line_words())))
            code = re.compile(rf"\b(?:{names})\b")
            pieces = [(where, code.sub(" ", text)) for where, text in pieces]
        found.extend(pieces)
    return found


def allowed_words(path: Path = ALLOWED_FILE) -> set[str]:
    """The allowed list: one word per line; ``#`` starts a comment."""
    words = set()
    for line in path.read_text("utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def check_hunspell() -> str:
    """The hunspell command; raises HunspellMissing when it or nl_NL is not installed."""
    command = shutil.which("hunspell") or "/usr/bin/hunspell"
    if not Path(command).exists():
        raise HunspellMissing(f"hunspell is not installed. {INSTALL_HINT}")
    listing = subprocess.run([command, "-D"], input="", capture_output=True, text=True)
    dictionaries = {Path(line.strip()).name for line in (listing.stdout + listing.stderr).split()}
    if DICTIONARY not in dictionaries:
        raise HunspellMissing(f"The hunspell dictionary {DICTIONARY} is missing. {INSTALL_HINT}")
    return command


def hunspell_unknown(words_or_text: str, command: str | None = None) -> set[str]:
    """The words of ``words_or_text`` that the nl_NL dictionary does not know."""
    result = subprocess.run(
        [command or check_hunspell(), "-d", DICTIONARY, "-i", "utf-8", "-l"],
        input=words_or_text.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    return {line for line in result.stdout.decode("utf-8").split("\n") if line.strip()}


def _compound_ok(word: str, allowed: set[str], known: set[str]) -> bool:
    """A hyphenated compound Dutch spells this way: every part is a word, and the hyphen follows
    a name or abbreviation from the allowed list (``CSV-bestand``, ``één-op-één-logboek``) or
    keeps two vowels apart (``agenda-app``)."""
    parts = word.split("-")
    # reach[i]: parts[:i] splits into words; True once an allowed segment was used.
    reach: dict[int, bool] = {0: False}
    for start in range(len(parts)):
        if start not in reach:
            continue
        for end in range(start + 1, len(parts) + 1):
            segment = "-".join(parts[start:end])
            if segment in allowed or segment in known:
                reach[end] = reach.get(end, False) or reach[start] or segment in allowed
    if reach.get(len(parts)):
        return True
    vowels = set("aeiouyáéíóúëïöü")
    return all(p in known for p in parts) and all(
        left[-1:].lower() in vowels and right[:1].lower() in vowels
        for left, right in zip(parts, parts[1:], strict=False)
    )


def _tokens(text: str) -> Iterator[tuple[str, bool]]:
    """Words of ``text`` and whether a full stop follows (``min.``), numbers left out."""
    for match in _WORD.finditer(text):
        word = match.group(1)
        if not word.replace("-", "").isdigit():
            yield word, bool(match.group(2))


def unknown_words(root: Path = ROOT, allowed_file: Path = ALLOWED_FILE) -> dict[str, list[str]]:
    """Unknown words of the Dutch text, each with the places it occurs (empty when clean)."""
    command = check_hunspell()
    allowed = allowed_words(allowed_file)
    places: dict[str, list[str]] = {}
    dotted: set[str] = set()
    for where, text in texts(root):
        for word, dot in _tokens(text):
            places.setdefault(word, [])
            if where not in places[word]:
                places[word].append(where)
            if dot:
                dotted.add(word)
    words = sorted(set(places) - allowed)
    flagged = hunspell_unknown("\n".join(words), command) if words else set()
    # An abbreviation is known with its full stop only ("min.", "bijv.").
    with_dot = sorted(f"{w}." for w in flagged & dotted)
    if with_dot:
        flagged -= {w[:-1] for w in set(with_dot) - hunspell_unknown("\n".join(with_dot), command)}
    parts = sorted({p for w in flagged if "-" in w for p in w.split("-") if p} - allowed)
    known = set(parts) - hunspell_unknown("\n".join(parts), command) if parts else set()
    flagged = {w for w in flagged if not ("-" in w and _compound_ok(w, allowed, known))}
    return {w: places[w] for w in sorted(flagged, key=str.lower)}


def unused_allowed(root: Path = ROOT, allowed_file: Path = ALLOWED_FILE) -> list[str]:
    """Words on the allowed list that the Dutch text no longer uses (so the list stays honest)."""
    used: set[str] = set()
    for _, text in texts(root):
        for word, _dot in _tokens(text):
            used.add(word)
            parts = word.split("-")
            used.update(
                "-".join(parts[i:j])
                for i in range(len(parts))
                for j in range(i + 1, len(parts) + 1)
            )
    return sorted(allowed_words(allowed_file) - used, key=str.casefold)


def main() -> int:
    try:
        report = unknown_words()
    except HunspellMissing as error:
        print(error, file=sys.stderr)
        return 2
    unused = unused_allowed()
    if unused:
        print(f"On {ALLOWED_FILE.relative_to(ROOT)} but not used any more: {', '.join(unused)}")
    if not report:
        print(f"No unknown Dutch words ({len(allowed_words())} words on the allowed list).")
        return 1 if unused else 0
    print(
        f"{len(report)} word(s) hunspell ({DICTIONARY}) does not know. Fix the spelling, or add a"
        f" name or agreed term to {ALLOWED_FILE.relative_to(ROOT)}:"
    )
    for word, places in report.items():
        print(f"  {word}: {', '.join(places[:3])}{' ...' if len(places) > 3 else ''}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
