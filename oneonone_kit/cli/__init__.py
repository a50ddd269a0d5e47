"""The ``oneonone`` command line: serve the workbook, keep the log, export, report, chart.

``main(argv)`` returns the exit status instead of exiting, so tests call it in-process:
0 on success, 1 when a command could not do its work, 2 when the command line (or a setting)
is wrong. Every error is a :class:`~oneonone_kit.errors.KitError`, said in plain words on
stderr in the chosen language, never as a traceback. Heavy libraries (Voila, matplotlib) load
only in the commands that need them, so ``import oneonone_kit.cli`` stays quick.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..errors import KitError
from ..i18n import DEFAULT_LANG, t
from ._common import UsageError, warn
from ._parser import build_parser, resolve_lang, usage_error
from ._server import ServerCommand, lab_command, voila_command

USAGE_ERROR = 2


def _fail(lang: str, error: KitError) -> int:
    lines = error.message(lang).splitlines() or [""]
    warn(t("cli.error", lang, message=lines[0]))
    for line in [*lines[1:], *error.details(lang)]:
        warn(f"  {line}")
    if isinstance(error, UsageError) and error.prog:
        warn(t("cli.help_hint", lang, prog=error.prog))
    return error.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``oneonone`` command; returns the exit status (0 ok, 1 failed, 2 wrong usage)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = DEFAULT_LANG  # until the line says otherwise; a bad --lang is said in this one
    try:
        lang = resolve_lang(args_list)
        parser = build_parser(lang)
        try:
            args, unknown = parser.parse_known_args(args_list)
        except SystemExit as done:  # --help and --version end here
            return done.code if isinstance(done.code, int) else 0
        if unknown:  # reported here, so the hint names the subcommand they were given to
            raise usage_error(f"unrecognized arguments: {' '.join(unknown)}", args.help_parser.prog)
        if args.handler is None:  # "oneonone" or "oneonone log" without a command
            args.help_parser.print_help(sys.stderr)
            return USAGE_ERROR
        return args.handler(args, lang)
    except KitError as error:
        return _fail(lang, error)
    except KeyboardInterrupt:
        warn("")
        return 130


__all__ = ["ServerCommand", "lab_command", "main", "voila_command"]
