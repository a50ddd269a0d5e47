"""The de-identified summary a participant may hand to a facilitator.

:func:`build_summary` turns a learner's records into one JSON-ready dict that holds scores and
counts only: self-assessment answers per item (first and latest sitting), and what the log shows
as counts, shares and rates, including which needs are neglected. It never holds a name, a
note, a date, an experiment's wording or any other free text, and it leaves out demo records.
Item keys are checked against the shipped content, so nothing the learner typed can slip
through as a key. :mod:`oneonone_kit.insight.cohort` reads and combines these files.

Pure: records in, dict out; no store, no widgets, no clock (the caller passes ``today``).
"""

from __future__ import annotations

import datetime as _dt
import json
import secrets
from collections.abc import Iterable
from typing import Any

from ..items import items
from ..model import (
    AGENDA_OWNERS,
    EXPERIMENT_METRICS,
    NEEDS,
    VERDICTS,
    Assessment,
    Commitment,
    Experiment,
    Meeting,
)

SUMMARY_FORMAT = "oneonone-summary"
SUMMARY_VERSION = 1
KINDS = ("baseline", "beliefs", "behaviours", "needs", "safety")
TOKEN_SETTING = "summary.token"  # store setting: the learner's random summary token
DIGITS = 3  # rounding, so figures do not carry more detail than a group view needs


def new_token() -> str:
    """A random token that lets a facilitator count one participant once (it names nobody)."""
    return secrets.token_hex(8)


def item_keys(kind: str) -> tuple[str, ...]:
    """The item keys a self-assessment of ``kind`` may have (same in every language)."""
    return tuple(entry["key"] for entry in items(kind, "en"))


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)


def _answers(sitting: Assessment) -> dict[str, int]:
    known = item_keys(sitting.kind)
    return {key: sitting.answers[key] for key in known if key in sitting.answers}


def _assessments(assessments: Iterable[Assessment]) -> dict[str, Any]:
    by_kind: dict[str, list[Assessment]] = {}
    for sitting in assessments:
        if sitting.kind in KINDS and not sitting.demo:
            by_kind.setdefault(sitting.kind, []).append(sitting)
    out: dict[str, Any] = {}
    for kind in KINDS:
        sittings = sorted(by_kind.get(kind, []), key=lambda a: a.taken_at)
        if not sittings or not _answers(sittings[-1]):
            continue
        out[kind] = {
            "scale_max": sittings[-1].scale_max,
            "sittings": len(sittings),
            "first": _answers(sittings[0]),
            "latest": _answers(sittings[-1]),
        }
    return out


def _log(meetings: list[Meeting], commitments: list[Commitment], today: _dt.date) -> dict:
    from .metrics import summarise

    if not meetings:
        return {"meetings": 0}
    overall = summarise(meetings, commitments, today=today).overall
    cadence, needs, agenda = overall.cadence, overall.needs, overall.agenda
    first, last = min(m.date for m in meetings), max(m.date for m in meetings)
    agenda_total = sum(agenda.counts.values())
    follow = overall.follow.total
    gap = overall.perception
    return {
        "meetings": len(meetings),
        "held": cadence.held,
        "rescheduled": cadence.rescheduled,
        "cancelled": cadence.cancelled,
        "people": len({m.person for m in meetings}),
        "weeks": round(((last - first).days + 1) / 7),
        "per_four_weeks": _round(cadence.per_four_weeks),
        "consistency": _round(cadence.consistency),
        "agenda": {
            **{owner: agenda.counts.get(owner, 0) for owner in AGENDA_OWNERS},
            "employee_or_shared": _round(
                (agenda_total - agenda.counts.get("leader", 0)) / agenda_total
                if agenda_total
                else None
            ),
        },
        "talk_share": {"latest": _round(overall.talk.latest), "mean": _round(overall.talk.mean)},
        "follow_through": {"kept": follow.kept, "due": follow.due, "rate": _round(follow.rate)},
        "needs": {use.need: {"count": use.count, "share": _round(use.share)} for use in needs.uses},
        "neglected": [need for need in NEEDS if need in needs.neglected],
        "ratings": {
            "both_rated": gap.n,
            "leader_mean": _round(gap.mean_leader),
            "employee_mean": _round(gap.mean_employee),
        },
    }


def _experiments(experiments: list[Experiment]) -> dict[str, Any]:
    verdicts = {v: 0 for v in (*VERDICTS, "open")}
    metrics = {m: 0 for m in EXPERIMENT_METRICS}
    for e in experiments:
        verdicts[e.verdict if e.verdict in VERDICTS else "open"] += 1
        if e.metric in metrics:
            metrics[e.metric] += 1
    return {"count": len(experiments), "verdicts": verdicts, "metrics": metrics}


def build_summary(
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment],
    experiments: Iterable[Experiment],
    assessments: Iterable[Assessment],
    *,
    today: _dt.date,
    token: str,
) -> dict[str, Any]:
    """The de-identified summary of one learner's records (demo records left out)."""
    own_meetings = [m for m in meetings if not m.demo and m.date <= today]
    own_commitments = [c for c in commitments if not c.demo]
    return {
        "format": SUMMARY_FORMAT,
        "version": SUMMARY_VERSION,
        "participant": token,
        "assessments": _assessments(assessments),
        "log": _log(own_meetings, own_commitments, today),
        "experiments": _experiments([e for e in experiments if not e.demo]),
    }


def summary_json(summary: dict[str, Any]) -> bytes:
    """The summary as UTF-8 JSON bytes, ready to download."""
    return json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


__all__ = [
    "KINDS",
    "SUMMARY_FORMAT",
    "SUMMARY_VERSION",
    "TOKEN_SETTING",
    "build_summary",
    "item_keys",
    "new_token",
    "summary_json",
]
