"""The argument parser of ``oneonone``: commands, help in the user's language, and usage errors.

argparse writes its own messages in English; :func:`usage_error` turns the common ones
(missing or unknown arguments, a wrong choice) into a catalogue key, said in the chosen language.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Sequence

from .. import __version__, fieldspec
from ..i18n import DEFAULT_LANG, choose_lang, t
from ..model import Meeting
from . import _commitments, _outputs, _print, _records, _server
from ._usage import usage_error

PROG = "oneonone"
WIDTH = 79  # descriptions are wrapped by us: the raw formatter keeps the example lines intact
Handler = Callable[[argparse.Namespace, str], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        # argparse would print English and exit; main() says it in the user's language.
        raise usage_error(message, self.prog)


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            prefix = t("cli.help.usage", lang) + " " if prefix is None else prefix
            super().add_usage(usage, actions, groups, prefix)

    return Formatter


def resolve_lang(argv: Sequence[str]) -> str:
    """The language for messages: the last ``--lang`` on the line, through ``choose_lang``.

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
    return choose_lang(flag=chosen)


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


# Each command's one-line summary and examples (catalogue keys written out in full).
SUMMARY_KEY = {
    "app": "cli.app.summary",
    "chart": "cli.chart.summary",
    "demo": "cli.demo.summary",
    "export": "cli.export.summary",
    "forget": "cli.forget.summary",
    "import": "cli.import.summary",
    "lab": "cli.lab.summary",
    "log": "cli.log.summary",
    "log_add": "cli.log_add.summary",
    "log_list": "cli.log_list.summary",
    "person": "cli.person.summary",
    "person_list": "cli.person_list.summary",
    "person_set": "cli.person_set.summary",
    "log_edit": "cli.log_edit.summary",
    "log_delete": "cli.log_delete.summary",
    "commitment": "cli.commitment.summary",
    "commitment_add": "cli.commitment_add.summary",
    "commitment_done": "cli.commitment_done.summary",
    "commitment_list": "cli.commitment_list.summary",
    "print": "cli.print.summary",
    "repair": "cli.repair.summary",
    "report": "cli.report.summary",
}
EXAMPLE_KEY = {
    "main": "cli.main.example",
    "app": "cli.app.example",
    "chart": "cli.chart.example",
    "demo": "cli.demo.example",
    "export": "cli.export.example",
    "forget": "cli.forget.example",
    "import": "cli.import.example",
    "lab": "cli.lab.example",
    "log": "cli.log.example",
    "log_add": "cli.log_add.example",
    "log_list": "cli.log_list.example",
    "person": "cli.person.example",
    "person_list": "cli.person_list.example",
    "person_set": "cli.person_set.example",
    "log_edit": "cli.log_edit.example",
    "log_delete": "cli.log_delete.example",
    "commitment": "cli.commitment.example",
    "commitment_add": "cli.commitment_add.example",
    "commitment_done": "cli.commitment_done.example",
    "commitment_list": "cli.commitment_list.example",
    "print": "cli.print.example",
    "repair": "cli.repair.example",
    "report": "cli.report.example",
}


def _epilog(key: str, lang: str) -> str:
    lines = t(EXAMPLE_KEY[key], lang).splitlines()
    heading = t("cli.help.examples" if len(lines) > 1 else "cli.help.example", lang)
    return "\n".join([heading, *(f"  {line}" for line in lines)])


def _command(
    sub: argparse._SubParsersAction, name: str, key: str, lang: str, handler: Handler | None
) -> argparse.ArgumentParser:
    summary = t(SUMMARY_KEY[key], lang)
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


def _meeting_options(parser: argparse.ArgumentParser, lang: str) -> None:
    """One option per flagged field of the Meeting spec, in field order; its dest is the field.

    Values stay strings: the model checks them all at once and names every wrong field.
    """
    for name, flag in _records.MEETING_FLAGS.items():
        spec = fieldspec.meta(Meeting, name)
        meta = spec["metavar"]
        if spec["choices"]:
            metavar = "{" + ",".join(spec["choices"]) + "}"
        else:
            metavar = t(meta, lang) if meta and meta.startswith("cli.") else meta
        parser.add_argument(flag, dest=name, metavar=metavar, help=t(spec["flag_help"], lang))


def _add_log(sub: argparse._SubParsersAction, lang: str) -> None:
    log = _command(sub, "log", "log", lang, None)
    log_sub = _subcommands(log, lang, "log_command")
    add = _command(log_sub, "add", "log_add", lang, _records.cmd_log_add)
    _meeting_options(add, lang)
    add.add_argument("--again", action="store_true", help=t("cli.log_add.again", lang))
    edit = _command(log_sub, "edit", "log_edit", lang, _records.cmd_log_edit)
    edit.add_argument("id", metavar=t("cli.meta.id", lang), help=t("cli.log_edit.id", lang))
    _meeting_options(edit, lang)
    delete = _command(log_sub, "delete", "log_delete", lang, _records.cmd_log_delete)
    delete.add_argument("id", metavar=t("cli.meta.id", lang), help=t("cli.log_edit.id", lang))
    delete.add_argument("--yes", action="store_true", help=t("cli.forget.yes", lang))
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


def _add_commitment(sub: argparse._SubParsersAction, lang: str) -> None:
    """The ``commitment`` command and its subcommands add, done and list."""
    group = _command(sub, "commitment", "commitment", lang, None)
    group_sub = _subcommands(group, lang, "commitment_command")
    add = _command(group_sub, "add", "commitment_add", lang, _commitments.cmd_commitment_add)
    add.add_argument(
        "--person",
        required=True,
        metavar=t("cli.meta.name", lang),
        help=t("cli.commitment_add.person", lang),
    )
    add.add_argument(
        "--text",
        required=True,
        metavar=t("cli.meta.text", lang),
        help=t("cli.commitment_add.text", lang),
    )
    add.add_argument(
        "--who",
        choices=list(_commitments.WHO_CHOICES),
        default="employee",
        help=t("cli.commitment_add.who", lang),
    )
    add.add_argument(
        "--due", metavar=t("cli.meta.date", lang), help=t("cli.commitment_add.due", lang)
    )
    done = _command(group_sub, "done", "commitment_done", lang, _commitments.cmd_commitment_done)
    done.add_argument("id", metavar=t("cli.meta.id", lang), help=t("cli.commitment_done.id", lang))
    which = done.add_mutually_exclusive_group()
    which.add_argument(
        "--kept",
        dest="kept",
        action="store_const",
        const=True,
        default=None,
        help=t("cli.commitment_done.kept", lang),
    )
    which.add_argument(
        "--not-kept",
        dest="kept",
        action="store_const",
        const=False,
        help=t("cli.commitment_done.not_kept", lang),
    )
    listing = _command(group_sub, "list", "commitment_list", lang, _commitments.cmd_commitment_list)
    listing.add_argument(
        "--person", metavar=t("cli.meta.name", lang), help=t("cli.commitment_list.person", lang)
    )
    listing.add_argument("--all", action="store_true", help=t("cli.commitment_list.all", lang))


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
    _add_commitment(sub, lang)

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
    _add_person(sub, lang)

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
    report.add_argument("--no-demo", action="store_true", help=t("cli.no_demo", lang))

    chart = _command(sub, "chart", "chart", lang, _outputs.cmd_chart)
    chart.add_argument(
        "name", nargs="?", metavar=t("cli.meta.chart", lang), help=t("cli.chart.name", lang)
    )
    chart.add_argument("--out", metavar=t("cli.meta.file", lang), help=t("cli.chart.out", lang))
    chart.add_argument(
        "--person", metavar=t("cli.meta.name", lang), help=t("cli.chart.person", lang)
    )
    chart.add_argument("--no-demo", action="store_true", help=t("cli.no_demo", lang))
    _add_print(sub, lang)
    return parser


def _add_print(sub: argparse._SubParsersAction, lang: str) -> None:
    printing = _command(sub, "print", "print", lang, _print.cmd_print)
    kinds = ", ".join(_print.handouts.KINDS)
    printing.add_argument(
        "kind",
        nargs="?",
        metavar=t("cli.meta.kind", lang),
        help=t("cli.print.kind", lang, kinds=kinds),
    )
    printing.add_argument("--out", metavar=t("cli.meta.file", lang), help=t("cli.print.out", lang))


def _add_person(sub: argparse._SubParsersAction, lang: str) -> None:
    from ..log.setting_rules import INTERVAL_DAYS as INTERVAL_RANGE

    person = _command(sub, "person", "person", lang, None)
    person_sub = _subcommands(person, lang, "person_command")
    setter = _command(person_sub, "set", "person_set", lang, _records.cmd_person_set)
    setter.add_argument("name", metavar=t("cli.meta.name", lang), help=t("cli.person.name", lang))
    setter.add_argument(
        "--every",
        required=True,
        type=_int_in(*INTERVAL_RANGE, lang),
        metavar="N",
        help=t("cli.person.every", lang),
    )
    _command(person_sub, "list", "person_list", lang, _records.cmd_person_list)
