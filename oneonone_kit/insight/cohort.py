"""A facilitator's view of a group: read de-identified summaries, check them, and combine them.

:func:`read_summary` accepts only a file made by :func:`oneonone_kit.insight.summary.build_summary`
(a full workbook export, with names and notes, is refused by name) and keeps only the fields
it knows. :func:`aggregate` counts each participant once and shows nothing for a group of
fewer than :data:`MIN_GROUP`; within a group, any single figure resting on fewer than
:data:`MIN_GROUP` participants is left out too, so nobody's answers can be singled out.

Pure: bytes and dicts in, dataclasses out; no widgets.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import KitError
from ..log.store import EXPORT_FORMAT
from ..model import AGENDA_OWNERS, NEEDS
from ..validate import Invalid, parse_json
from .scoring import SAFETY_REVERSED, item_scores
from .summary import KINDS, SUMMARY_FORMAT, SUMMARY_VERSION, item_keys

MIN_GROUP = 3
MAX_FILE_BYTES = 1_000_000  # a summary is a few kilobytes; anything far larger is not one
MAX_PER_FOUR_WEEKS = 100.0  # more than three one-on-ones a day is not a real log
_TOKEN = re.compile(r"[0-9a-f]{8,64}")


class SummaryError(KitError, ValueError):
    """A file is not a usable summary; ``key`` + ``values`` say why, in the user's language."""


class GroupTooSmall(KitError, ValueError):
    """Fewer than :data:`MIN_GROUP` participants: no breakdown may be shown."""

    def __init__(self, count: int, minimum: int = MIN_GROUP):
        self.count = count
        self.minimum = minimum
        super().__init__("cohort.too_few", count=count, min=minimum)


# ---- reading ------------------------------------------------------------------------------
def _int(value: Any, low: int, high: int = 1_000_000) -> int:  # no count is near a million
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise SummaryError("cohort.error.damaged")
    if value > high:
        raise SummaryError("cohort.error.damaged")
    return value


def _number(value: Any, low: float = 0.0, high: float | None = None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
        raise SummaryError("cohort.error.damaged")
    if not math.isfinite(value) or (high is not None and value > high):
        raise SummaryError("cohort.error.damaged")
    return float(value)


def _dict(value: Any) -> dict:
    if not isinstance(value, dict):
        raise SummaryError("cohort.error.damaged")
    return value


def _answers(raw: Any, kind: str, scale_max: int) -> dict[str, int]:
    known = item_keys(kind)
    return {key: _int(score, 1, scale_max) for key, score in _dict(raw).items() if key in known}


def _read_assessments(raw: Any) -> dict[str, dict]:
    out = {}
    for kind, entry in _dict(raw).items():
        if kind not in KINDS:
            continue
        entry = _dict(entry)
        scale = _int(entry.get("scale_max"), 2, 10)
        out[kind] = {
            "scale_max": scale,
            "sittings": _int(entry.get("sittings", 1), 1),
            "first": _answers(entry.get("first", {}), kind, scale),
            "latest": _answers(entry.get("latest", {}), kind, scale),
        }
    return out


def _read_log(raw: Any) -> dict:
    log = _dict(raw)
    meetings = _int(log.get("meetings", 0), 0)
    if meetings == 0:
        return {"meetings": 0}
    needs = _dict(log.get("needs", {}))
    neglected = log.get("neglected", [])
    if not isinstance(neglected, list) or not all(n in NEEDS for n in neglected):
        raise SummaryError("cohort.error.damaged")
    agenda = _dict(log.get("agenda", {}))
    talk = _dict(log.get("talk_share", {}))
    follow = _dict(log.get("follow_through", {}))
    return {
        "meetings": meetings,
        "held": _int(log.get("held", 0), 0),
        "per_four_weeks": _number(log.get("per_four_weeks"), 0, MAX_PER_FOUR_WEEKS),
        "employee_or_shared": _number(agenda.get("employee_or_shared"), 0, 1),
        "agenda": {o: _int(agenda.get(o, 0), 0) for o in AGENDA_OWNERS},
        "talk_share": _number(talk.get("latest"), 0, 100),
        "follow_through": _number(follow.get("rate"), 0, 1),
        "needs": {
            need: _number(_dict(needs[need]).get("share"), 0, 1) for need in NEEDS if need in needs
        },
        "neglected": list(neglected),
    }


def read_summary(payload: bytes) -> dict[str, Any]:
    """Check one uploaded file and return the summary's known fields (raises SummaryError)."""
    if len(payload) > MAX_FILE_BYTES:
        raise SummaryError("cohort.error.too_big")
    try:
        # The one JSON gate: size and depth limits, no NaN or Infinity, no 5,000-digit integers.
        data = parse_json(bytes(payload), MAX_FILE_BYTES)
    except Invalid as refused:
        key = "cohort.error.too_big" if refused.key == "import.too_big" else "cohort.error.not_json"
        raise SummaryError(key) from None
    if not isinstance(data, dict):
        raise SummaryError("cohort.error.not_summary")
    if data.get("format") == EXPORT_FORMAT:
        raise SummaryError("cohort.error.full_export")
    if data.get("format") != SUMMARY_FORMAT:
        raise SummaryError("cohort.error.not_summary")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SummaryError("cohort.error.damaged")
    if version > SUMMARY_VERSION:
        raise SummaryError("cohort.error.newer", version=version)
    token = data.get("participant")
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise SummaryError("cohort.error.damaged")
    return {
        "participant": token,
        "assessments": _read_assessments(data.get("assessments", {})),
        "log": _read_log(data.get("log", {"meetings": 0})),
    }


# ---- combining ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemSpread:
    """How a group answered one self-assessment item, latest sitting, higher = better.

    ``counts[i]`` is how many chose score ``i + 1``. When fewer than :data:`MIN_GROUP`
    answered, ``counts`` is empty and ``mean`` None (the item is shown as withheld).
    ``then_now`` holds the first and latest mean of those who rated it twice or more (None for
    fewer than MIN_GROUP of them).
    """

    kind: str
    key: str
    scale_max: int
    answered: int
    counts: tuple[int, ...]
    mean: float | None
    then_now: tuple[float, float] | None

    @property
    def withheld(self) -> bool:
        return not self.counts


@dataclass(frozen=True)
class NeedNeglect:
    """One need across the participants who sent a log: how many neglect it, how often it comes up."""

    need: str
    neglected_by: int
    with_log: int
    mean_share: float | None


@dataclass(frozen=True)
class LogOverview:
    """Medians over participants with a log; a figure with fewer than MIN_GROUP values is None."""

    with_log: int
    meetings: float | None
    per_four_weeks: float | None
    employee_or_shared: float | None
    talk_share: float | None
    follow_through: float | None


@dataclass(frozen=True)
class Cohort:
    """What a group of participants' summaries show together."""

    participants: int
    duplicates: int
    items: dict[str, tuple[ItemSpread, ...]]
    needs: tuple[NeedNeglect, ...] | None  # None when fewer than MIN_GROUP sent a log
    log: LogOverview | None


def unique_participants(summaries: Iterable[dict]) -> tuple[list[dict], int]:
    """Each participant once (the last file of a participant wins) and how many were dropped."""
    by_token: dict[str, dict] = {}
    total = 0
    for summary in summaries:
        total += 1
        by_token.pop(summary["participant"], None)
        by_token[summary["participant"]] = summary
    return list(by_token.values()), total - len(by_token)


def _scores(answers: dict[str, int], kind: str, scale: int) -> dict[str, int]:
    return item_scores(answers, scale, SAFETY_REVERSED if kind == "safety" else ())


def _spread(kind: str, key: str, group: Sequence[dict]) -> ItemSpread:
    entries = [s["assessments"][kind] for s in group if kind in s["assessments"]]
    latest = [
        _scores(e["latest"], kind, e["scale_max"])[key] for e in entries if key in e["latest"]
    ]
    scale = max((e["scale_max"] for e in entries), default=5)
    repeaters = [
        e for e in entries if e["sittings"] >= 2 and key in e["first"] and key in e["latest"]
    ]
    then_now = None
    if len(repeaters) >= MIN_GROUP:
        then_now = (
            statistics.fmean(_scores(e["first"], kind, e["scale_max"])[key] for e in repeaters),
            statistics.fmean(_scores(e["latest"], kind, e["scale_max"])[key] for e in repeaters),
        )
    if len(latest) < MIN_GROUP:
        return ItemSpread(kind, key, scale, len(latest), (), None, None)
    counts = tuple(sum(1 for v in latest if v == score) for score in range(1, scale + 1))
    return ItemSpread(kind, key, scale, len(latest), counts, statistics.fmean(latest), then_now)


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if len(present) >= MIN_GROUP else None


def aggregate(summaries: Iterable[dict], minimum: int = MIN_GROUP) -> Cohort:
    """Combine checked summaries (from :func:`read_summary`); raises GroupTooSmall under ``minimum``."""
    group, duplicates = unique_participants(summaries)
    if len(group) < minimum:
        raise GroupTooSmall(len(group), minimum)
    items = {
        kind: tuple(_spread(kind, key, group) for key in item_keys(kind))
        for kind in KINDS
        if any(kind in s["assessments"] for s in group)
    }
    logs = [s["log"] for s in group if s["log"].get("held")]
    needs = log = None
    if len(logs) >= MIN_GROUP:
        needs = tuple(
            sorted(
                (
                    NeedNeglect(
                        need,
                        sum(need in entry["neglected"] for entry in logs),
                        len(logs),
                        _mean([entry["needs"].get(need) for entry in logs]),
                    )
                    for need in NEEDS
                ),
                key=lambda n: (-n.neglected_by, n.mean_share if n.mean_share is not None else 0),
            )
        )
        log = LogOverview(
            with_log=len(logs),
            meetings=_median(entry["meetings"] for entry in logs),
            per_four_weeks=_median(entry["per_four_weeks"] for entry in logs),
            employee_or_shared=_median(entry["employee_or_shared"] for entry in logs),
            talk_share=_median(entry["talk_share"] for entry in logs),
            follow_through=_median(entry["follow_through"] for entry in logs),
        )
    return Cohort(len(group), duplicates, items, needs, log)


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None


def most_neglected(cohort: Cohort, top: int = 3) -> list[NeedNeglect]:
    """The needs most participants neglect (only those neglected by at least one)."""
    if cohort.needs is None:
        return []
    return [n for n in cohort.needs if n.neglected_by > 0][:top]


__all__ = [
    "MIN_GROUP",
    "Cohort",
    "GroupTooSmall",
    "ItemSpread",
    "LogOverview",
    "NeedNeglect",
    "SummaryError",
    "aggregate",
    "most_neglected",
    "read_summary",
    "unique_participants",
]
