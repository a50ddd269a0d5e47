"""The ``oneonone`` command line: serve the workbook, keep the log, export, report, chart.

``main(argv)`` returns the exit status instead of exiting, so tests call it in-process:
0 on success, 2 for anything the user can fix (said in plain words on stderr, in the chosen
language, never as a traceback). Heavy libraries (Voila, matplotlib) load only in the
commands that need them, so ``import oneonone_kit.cli`` stays quick.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..env import DEFAULT_LANG, EnvironmentSettingError
from ..errors import ImportProblem, StoreError
from ..i18n import t
from ..model import RecordError
from ._common import CliError, field_problems, warn
from ._parser import UsageError, build_parser, resolve_lang, usage_message
from ._server import ServerCommand, lab_command, voila_command

USAGE_ERROR = 2

# How ONEONONE_* settings should look, in words (env.py states them in English only).
_EXPECTED = {"ONEONONE_TODAY": "cli.expected.date", "ONEONONE_LANG": "cli.expected.lang"}


def _fail(lang: str, message: str, details: Sequence[str] = ()) -> int:
    lines = message.splitlines() or [""]
    warn(t("cli.error", lang, message=lines[0]))
    for line in [*lines[1:], *details]:
        warn(f"  {line}")
    return USAGE_ERROR


def _setting_message(error: EnvironmentSettingError, lang: str) -> str:
    key = _EXPECTED.get(error.variable)
    if key is None:
        return str(error)
    return t(
        "cli.bad_setting", lang, variable=error.variable, value=error.value, expected=t(key, lang)
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``oneonone`` command; returns the exit status (0 ok, 2 user error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = DEFAULT_LANG
    try:
        lang = resolve_lang(args_list)
        parser = build_parser(lang)
        try:
            args, unknown = parser.parse_known_args(args_list)
        except SystemExit as done:  # --help and --version end here
            return done.code if isinstance(done.code, int) else 0
        if unknown:  # reported here, so the hint names the subcommand they were given to
            raise UsageError(f"unrecognized arguments: {' '.join(unknown)}", args.help_parser.prog)
        if args.handler is None:  # "oneonone" or "oneonone log" without a command
            args.help_parser.print_help(sys.stderr)
            return USAGE_ERROR
        return args.handler(args, lang)
    except UsageError as error:
        _fail(lang, usage_message(error.message, lang))
        warn(t("cli.help_hint", lang, prog=error.prog))
        return USAGE_ERROR
    except CliError as error:
        return _fail(lang, error.message, error.details)
    except RecordError as error:
        return _fail(lang, t("cli.record_refused", lang), field_problems(error, lang))
    except ImportProblem as error:
        return _fail(lang, error.full_message(lang))
    except StoreError as error:
        return _fail(lang, error.message(lang))
    except EnvironmentSettingError as error:
        return _fail(lang, _setting_message(error, lang))
    except KeyboardInterrupt:
        warn("")
        return 130


__all__ = ["ServerCommand", "lab_command", "main", "voila_command"]
