"""``oneonone print``: workshop material (role cards, observer sheet, handouts) as A4 PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..coach import handouts
from ..i18n import t
from ._common import CliError, UsageError, say, suffix_of, write_private


def cmd_print(args: argparse.Namespace, lang: str) -> int:
    """Write one printable (``args.kind``) in ``lang`` to ``args.out``, readable by the owner only."""
    kinds = ", ".join(handouts.KINDS)
    if not args.kind:
        raise UsageError("cli.print.which", kinds=kinds)
    kind = args.kind.strip().lower()
    if kind not in handouts.KINDS:
        raise UsageError("cli.print.unknown", kind=args.kind, kinds=kinds)
    out = Path(args.out or handouts.filename(kind, lang)).expanduser()
    suffix_of(out, (".pdf",), "cli.print.bad_suffix")
    from ..charts import printables  # matplotlib loads only for this command

    handout = handouts.handout(kind, lang)
    printed = printables.render(handout, lang)
    try:
        write_private(out, printed.data)
    except OSError as exc:
        raise CliError("cli.cannot_write", path=str(out), detail=exc.strerror or str(exc)) from None
    say(t("cli.print.done", lang, title=handout.title, count=printed.pages, path=out.resolve()))
    return 0
