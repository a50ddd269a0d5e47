"""The argument parser of ``oneonone``: commands, help in the user's language, and usage errors.

argparse writes its own messages in English; :func:`usage_message` puts the common ones
(missing or unknown arguments, a wrong choice) into the chosen language instead.
"""

from __future__ import annotations

import argparse
import os
import re
import textwrap
from collections.abc import Callable, Sequence

from .. import __version__, fieldspec
from ..env import DEFAULT_LANG, LANGUAGES, EnvironmentSettingError
from ..i18n import t
from ..model import Meeting
from . import _outputs, _records, _server
from ._common import CliError

PROG = "oneonone"
WIDTH = 79  # descriptions are wrapped by us: the raw formatter keeps the example lines intact
Handler = Callable[[argparse.Namespace, str], int]


class UsageError(Exception):
    """argparse rejected the command line; ``prog`` names the (sub)command for the hint."""

    def __init__(self, message: str, prog: str):
        super().__init__(message)
        self.message = message
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        # argparse would print English and exit; main() says it in the user's language.
        raise UsageError(message, self.prog)


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            prefix = t("cli.help.usage", lang) + " " if prefix is None else prefix
            super().add_usage(usage, actions, groups, prefix)

    return Formatter


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


def usage_message(message: str, lang: str) -> str:
    """An argparse error message in ``lang`` (the English text when we do not know it)."""
    match = _ARGUMENT.match(message)
    if match:
        rest = usage_message(match["rest"], lang)
        return t("cli.args.argument", lang, argument=match["argument"], message=rest)
    for pattern, key in _PATTERNS:
        found = pattern.match(message)
        if found:
            return t(key, lang, **found.groupdict())
    return message


def resolve_lang(argv: Sequence[str]) -> str:
    """The language for messages: the last ``--lang`` on the line, else ONEONONE_LANG, else en.

    Read before parsing, because the help texts themselves are in that language.
    """
    chosen = None
    for index, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif token.startswith("--lang="):
            chosen = token.split("=", 1)[1]
    from_env = os.environ.get("ONEONONE_LANG", "").strip().lower()
    if chosen is not None:
        code = chosen.strip().lower()
        if code not in LANGUAGES:
            fallback = from_env if from_env in LANGUAGES else DEFAULT_LANG
            raise CliError(
                t("cli.unknown_lang", fallback, value=chosen, options=", ".join(LANGUAGES))
            )
        return code
    if not from_env:
        return DEFAULT_LANG
    if from_env not in LANGUAGES:
        raise EnvironmentSettingError("ONEONONE_LANG", from_env, " or ".join(LANGUAGES))
    return from_env


def _int_in(low: int, high: int, lang: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(t("error.not_a_number", lang, value=text)) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                t("error.out_of_range", lang, low=low, high=high, value=value)
            )
        return value

    return parse


def _finish(parser: argparse.ArgumentParser, lang: str, top: bool = False) -> None:
    """Help and --lang on every (sub)command, with section titles in the user's language."""
    parser._positionals.title = t("cli.help.positionals", lang)
    parser._optionals.title = t("cli.help.options", lang)
    parser.add_argument(
        "-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help.help", lang)
    )
    # Accepted before and after the command name; resolve_lang() has already read it.
    parser.add_argument(
        "--lang",
        metavar="{en,nl}",
        default=DEFAULT_LANG if top else argparse.SUPPRESS,
        help=t("cli.help.lang", lang),
    )


def _epilog(key: str, lang: str) -> str:
    lines = t(f"cli.{key}.example", lang).splitlines()
    heading = t("cli.help.examples" if len(lines) > 1 else "cli.help.example", lang)
    return "\n".join([heading, *(f"  {line}" for line in lines)])


def _command(
    sub: argparse._SubParsersAction, name: str, key: str, lang: str, handler: Handler | None
) -> argparse.ArgumentParser:
    summary = t(f"cli.{key}.summary", lang)
    parser = sub.add_parser(
        name,
        help=summary,
        description=textwrap.fill(summary, WIDTH),
        epilog=_epilog(key, lang),
        formatter_class=_formatter(lang),
        add_help=False,
        allow_abbrev=False,
    )
    _finish(parser, lang)
    parser.set_defaults(handler=handler, help_parser=parser)
    return parser


def _subcommands(parser: argparse.ArgumentParser, lang: str, dest: str):
    return parser.add_subparsers(
        dest=dest,
        metavar=t("cli.meta.command", lang),
        title=t("cli.help.commands", lang),
        parser_class=_Parser,
    )


def _add_log(sub: argparse._SubParsersAction, lang: str) -> None:
    log = _command(sub, "log", "log", lang, None)
    log_sub = _subcommands(log, lang, "log_command")
    add = _command(log_sub, "add", "log_add", lang, _records.cmd_log_add)
    # One option per flagged field of the Meeting spec, in field order; its dest is the field.
    # Values stay strings: the model checks them all at once and names every wrong field.
    for name, flag in _records.MEETING_FLAGS.items():
        spec = fieldspec.meta(Meeting, name)
        meta = spec["metavar"]
        if spec["choices"]:
            metavar = "{" + ",".join(spec["choices"]) + "}"
        else:
            metavar = t(meta, lang) if meta and meta.startswith("cli.") else meta
        add.add_argument(flag, dest=name, metavar=metavar, help=t(spec["flag_help"], lang))
    listing = _command(log_sub, "list", "log_list", lang, _records.cmd_log_list)
    listing.add_argument(
        "--person", metavar=t("cli.meta.name", lang), help=t("cli.log_list.person", lang)
    )
    listing.add_argument(
        "--limit",
        type=_int_in(0, 1_000_000, lang),
        default=_records.DEFAULT_LIMIT,
        metavar="N",
        help=t("cli.log_list.limit", lang, default=_records.DEFAULT_LIMIT),
    )


def build_parser(lang: str) -> argparse.ArgumentParser:
    """The whole command line, with help texts in ``lang``."""
    parser = _Parser(
        prog=PROG,
        description=textwrap.fill(t("cli.summary", lang), WIDTH),
        epilog=_epilog("main", lang) + "\n\n" + textwrap.fill(t("cli.main.footer", lang), WIDTH),
        formatter_class=_formatter(lang),
        add_help=False,
        allow_abbrev=False,
    )
    _finish(parser, lang, top=True)
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=t("cli.help.version", lang),
    )
    parser.set_defaults(handler=None, help_parser=parser)
    sub = _subcommands(parser, lang, "command")

    app = _command(sub, "app", "app", lang, _server.cmd_app)
    app.add_argument(
        "--port",
        type=_int_in(1, 65535, lang),
        default=_server.DEFAULT_PORT,
        metavar="N",
        help=t("cli.app.port", lang, default=_server.DEFAULT_PORT),
    )
    app.add_argument("--workshop", action="store_true", help=t("cli.app.workshop_help", lang))
    app.add_argument("--room-code", metavar="CODE", help=t("cli.app.room_code_help", lang))
    app.add_argument("--no-browser", action="store_true", help=t("cli.app.no_browser", lang))

    lab = _command(sub, "lab", "lab", lang, _server.cmd_lab)
    lab.add_argument(
        "--port", type=_int_in(1, 65535, lang), metavar="N", help=t("cli.lab.port", lang)
    )
    lab.add_argument("--no-browser", action="store_true", help=t("cli.lab.no_browser", lang))
    _add_log(sub, lang)

    export = _command(sub, "export", "export", lang, _records.cmd_export)
    export.add_argument("path", metavar=t("cli.meta.path", lang), help=t("cli.export.path", lang))
    import_ = _command(sub, "import", "import", lang, _records.cmd_import)
    import_.add_argument("path", metavar=t("cli.meta.path", lang), help=t("cli.import.path", lang))
    import_.add_argument("--replace", action="store_true", help=t("cli.import.replace", lang))
    _command(sub, "repair", "repair", lang, _records.cmd_repair)

    forget = _command(sub, "forget", "forget", lang, _records.cmd_forget)
    forget.add_argument(
        "person", nargs="?", metavar=t("cli.meta.person", lang), help=t("cli.forget.person", lang)
    )
    forget.add_argument("--everything", action="store_true", help=t("cli.forget.everything", lang))
    forget.add_argument("--yes", action="store_true", help=t("cli.forget.yes", lang))

    demo = _command(sub, "demo", "demo", lang, _records.cmd_demo)
    demo.add_argument("--remove", action="store_true", help=t("cli.demo.remove", lang))

    report = _command(sub, "report", "report", lang, _outputs.cmd_report)
    report.add_argument(
        "--from", dest="start", metavar=t("cli.meta.date", lang), help=t("cli.report.from", lang)
    )
    report.add_argument(
        "--to", dest="end", metavar=t("cli.meta.date", lang), help=t("cli.report.to", lang)
    )
    report.add_argument(
        "--names",
        metavar="{keep,initials,pseudonyms}",
        default="keep",
        help=t("cli.report.names", lang),
    )
    report.add_argument(
        "--out", required=True, metavar=t("cli.meta.file", lang), help=t("cli.report.out", lang)
    )

    chart = _command(sub, "chart", "chart", lang, _outputs.cmd_chart)
    chart.add_argument(
        "name", nargs="?", metavar=t("cli.meta.chart", lang), help=t("cli.chart.name", lang)
    )
    chart.add_argument("--out", metavar=t("cli.meta.file", lang), help=t("cli.chart.out", lang))
    chart.add_argument(
        "--person", metavar=t("cli.meta.name", lang), help=t("cli.chart.person", lang)
    )
    return parser
