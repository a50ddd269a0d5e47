"""Commands for commitments: ``commitment add``, ``commitment done`` and ``commitment list``."""

from __future__ import annotations

import argparse

from .. import env
from ..i18n import format_date, t
from ..insight.outcomes import commitment_state
from ..log import edits
from ..log.store import Store
from ..model import Commitment, RecordError
from ._common import FlagsRefused, UsageError, format_table, say

# ``--who`` takes the words a learner would use; the record stores the owner.
WHO_CHOICES = {"employee": "employee", "me": "leader", "both": "both"}
# Each Commitment field and the option that fills it, so an error can say what to retype.
COMMITMENT_FLAGS = {"person": "--person", "text": "--text", "owner": "--who", "due": "--due"}
_STATE_WORDS = {
    "kept": "commitment.state_kept",
    "not_kept": "commitment.state_not_kept",
    "open": "commitment.state_open",
    "overdue": "commitment.state_overdue",
}


def cmd_commitment_add(args: argparse.Namespace, lang: str) -> int:
    """Record one commitment, linked to the person's latest meeting when there is one."""
    raw = {"person": args.person, "text": args.text, "owner": WHO_CHOICES[args.who]}
    raw["due"] = args.due
    try:
        Commitment.create(today=env.today(), **raw)  # check before opening the store
    except RecordError as error:
        raise FlagsRefused("error.record_refused", error, COMMITMENT_FLAGS) from None
    with Store.open() as store:
        latest = edits.latest_meeting(store, args.person.strip())
        meeting = latest.uid if latest else None
        commitment = Commitment.create(today=env.today(), meeting=meeting, **raw)
        edits.add_commitment(store, commitment)
        short = edits.short_ids(c.uid for c in store.commitments())[commitment.uid]
    say(t("cli.commitment.added", lang, person=commitment.person, text=commitment.text, id=short))
    return 0


def cmd_commitment_done(args: argparse.Namespace, lang: str) -> int:
    """Mark one commitment (found by its short id) kept or not kept."""
    if args.kept is None:
        raise UsageError("cli.commitment_done.which")
    with Store.open() as store:
        commitment = edits.find_commitment(store, args.id)
        edits.set_kept(store, commitment.uid, args.kept)
    key = "commitment.marked_kept" if args.kept else "commitment.marked_not_kept"
    say(t(key, lang, text=commitment.text))
    return 0


def cmd_commitment_list(args: argparse.Namespace, lang: str) -> int:
    """Print the open commitments (all of them with ``--all``), per person."""
    today = env.today()
    with Store.open() as store:
        every = store.commitments()
    short = edits.short_ids(c.uid for c in every)
    chosen = [c for c in every if args.all or c.kept is None]
    if args.person is not None:
        chosen = [c for c in chosen if c.person.casefold() == args.person.strip().casefold()]
    if not chosen:
        say(t("cli.commitment.none_open", lang))
        return 0
    chosen.sort(key=lambda c: (c.person.casefold(), c.due is None, str(c.due), c.uid))
    headers = [
        t("field.uid", lang),
        t("field.person", lang),
        t("commitment.what", lang),
        t("commitment.who", lang),
        t("field.due", lang),
        t("cli.commitment.state", lang),
    ]
    rows = [
        [
            short[c.uid],
            c.person,
            c.text,
            c.who(lang),
            format_date(c.due, lang) if c.due else "-",
            t(_STATE_WORDS[commitment_state(c, today=today)], lang),
        ]
        for c in chosen
    ]
    say(format_table(headers, rows))
    return 0
