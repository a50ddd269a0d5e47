"""argparse's error messages in the user's language: a catalogue key for the common ones
(missing or unknown arguments, a wrong choice), argparse's own English for the rest."""

from __future__ import annotations

import re

from ..errors import Text
from ._common import UsageError

_ARGUMENT = re.compile(r"^argument (?P<argument>.+?): (?P<rest>.+)$", re.S)
_PATTERNS = (
    (
        re.compile(r"^the following arguments are required: (?P<names>.+)$", re.S),
        "cli.args.required",
    ),
    (re.compile(r"^unrecognized arguments: (?P<args>.+)$", re.S), "cli.args.unrecognized"),
    (
        re.compile(
            r"^invalid choice: (?P<value>'[^']*'|\S+?),? .*?\(choose from (?P<choices>.+)\)$", re.S
        ),
        "cli.args.invalid_choice",
    ),
    (re.compile(r"^expected one argument$"), "cli.args.expected_one"),
    (re.compile(r"^ignored explicit argument (?P<value>.+)$", re.S), "cli.args.no_value"),
)


def _usage_text(message: str) -> Text:
    match = _ARGUMENT.match(message)
    if match:
        rest = _usage_text(match["rest"])
        return Text("cli.args.argument", {"argument": match["argument"], "message": rest})
    for pattern, key in _PATTERNS:
        found = pattern.match(message)
        if found:
            return Text(key, found.groupdict())
    return Text("cli.args.other", {"message": message})  # argparse's own words, as they are


def usage_error(message: str, prog: str) -> UsageError:
    """An argparse error message as a UsageError (argparse's English when we do not know it)."""
    text = _usage_text(message)
    return UsageError(text.key, prog, **text.values)


def usage_message(message: str, lang: str) -> str:
    """An argparse error message in ``lang``."""
    return usage_error(message, "").message(lang)
