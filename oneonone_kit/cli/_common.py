"""Pieces every command shares: user errors, printing, tables and confirmation."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import KitError, Text
from ..errors import field_label as _field_label
from ..i18n import t
from ..model import RecordError


class CliError(KitError):
    """A command could not do its work (exit status 1); ``key`` + values say why."""


class UsageError(CliError):
    """The command line is wrong (exit status 2); ``prog`` names the (sub)command for the hint."""

    exit_code = 2

    def __init__(self, key: str, prog: str | None = None, **values: Any):
        super().__init__(key, **values)
        self.prog = prog


class FlagsRefused(UsageError):
    """A record built from command-line flags was refused: one line per wrong flag."""

    def __init__(self, key: str, error: RecordError, flags: Mapping[str, str]):
        super().__init__(key)
        self.error = error
        self.flags = dict(flags)

    def details(self, lang: str | None = None) -> list[str]:
        return field_problems(self.error, lang or "en", self.flags)


def say(text: str = "") -> None:
    """Print a result line for the user (stdout)."""
    print(text, flush=True)


def warn(text: str) -> None:
    """Print a line on stderr (errors and notes that are not the command's result)."""
    print(text, file=sys.stderr, flush=True)


def field_label(name: str, lang: str) -> str:
    """The label of a record field in words (``field.<name>``), or the name itself."""
    return _field_label(name, lang)


def field_problems(
    error: RecordError, lang: str, flags: Mapping[str, str] | None = None
) -> list[str]:
    """One line per problem: the field's label (and its command-line flag) plus the message."""
    lines = []
    problems = error.problems
    if flags:  # in the order the flags appear in the help, not the order they were checked
        order = list(flags)
        problems = sorted(problems, key=lambda p: order.index(p.field) if p.field in order else 99)
    for problem in problems:
        label = field_label(problem.field, lang)
        flag = (flags or {}).get(problem.field)
        message = problem.message(lang)
        if flag:
            lines.append(t("cli.field_problem_flag", lang, label=label, flag=flag, message=message))
        else:
            lines.append(t("error.field_problem", lang, label=label, message=message))
    return lines


def option_error(option: str, message: Text) -> UsageError:
    """A UsageError for one command-line option: ``--names: '...' is not one of ...``."""
    return UsageError("cli.bad_option", option=option, message=message)


def suffix_of(path: Path, allowed: Sequence[str], key: str) -> str:
    """The lower-case suffix of ``path`` when it is one of ``allowed``; else a UsageError."""
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise UsageError(key, path=str(path), suffix=suffix or "-")
    return suffix


def counts_summary(counts: Mapping[str, int], lang: str) -> str:
    """``Meetings 12, Commitments 3`` for the kinds that have records; a word when none do."""
    parts = [f"{field_label(kind, lang)} {n}" for kind, n in counts.items() if n]
    return ", ".join(parts) if parts else t("cli.nothing", lang)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: left-aligned columns two spaces apart, a dashed line under the header."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def confirm(question: str, lang: str, assume_yes: bool) -> bool:
    """Ask a yes/no question at a terminal; refuse (CliError) when nobody can answer."""
    if assume_yes:
        return True
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise UsageError("cli.confirm.needs_yes")
    try:
        answer = input(f"{question} {t('cli.confirm.prompt', lang)} ")
    except EOFError:
        return False
    yes_words = {w.strip() for w in t("cli.confirm.yes_words", lang).split(",")}
    return answer.strip().lower() in yes_words


def write_private(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` readable by its owner only, never leaving half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
