"""Propose the next one-on-one's agenda for one person (pure: records in, Agenda out).

Order follows the research on agendas (Rogelberg): the employee's topics first, then what was
promised last time, then one need that has had too little room, with two questions for it.
A person with no held meeting yet (a name typed on the workshop morning) gets a first-meeting
agenda: the need is the relationship. The agenda says what it is based on (``logged``,
``last_met``, ``interval_days``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..items import item
from ..model import NEEDS, Commitment, Meeting
from .metrics import needs_rotation
from .selection import INTERVAL_DAYS, Intervals, interval_for, select

FIRST_MEETING_NEED = "relationship"  # a first one-on-one is for getting to know each other


@dataclass(frozen=True)
class Agenda:
    person: str
    employee_topics: tuple[str, ...]
    open_commitments: tuple[Commitment, ...]
    need: str  # the need least recently covered
    need_meetings_since: int  # held meetings since it was last covered
    need_never: bool  # never covered in the log
    questions: tuple[str, ...]
    logged: int = 0  # meetings logged with this person up to today, any status
    last_met: _dt.date | None = None  # the last held meeting
    interval_days: int = INTERVAL_DAYS  # the intended cadence with this person

    @property
    def first(self) -> bool:
        """No held meeting with this person yet: a first-meeting agenda."""
        return self.last_met is None

    @property
    def next_due(self) -> _dt.date | None:
        """When the next one-on-one is due by the cadence (None before a first meeting)."""
        return None if self.last_met is None else self.last_met + _dt.timedelta(self.interval_days)


def least_recent_need(
    meetings: Iterable[Meeting], person: str, today: _dt.date | None = None
) -> tuple[str, int, bool]:
    """The need with the most held meetings since it was last covered (ties: fewest uses)."""
    rotation = needs_rotation(meetings, person=person, today=today)
    best = max(
        rotation.uses,
        key=lambda u: (u.last_covered is None, u.meetings_since, -u.count, -NEEDS.index(u.need)),
    )
    return best.need, best.meetings_since, best.last_covered is None


def propose_agenda(
    person: str,
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment],
    lang: str = "en",
    today: _dt.date | None = None,
    employee_topics: Sequence[str] = (),
    rotate: int = 0,
    own_questions: Mapping[str, Sequence[str]] | None = None,
    interval_days: Intervals = INTERVAL_DAYS,
) -> Agenda:
    """The proposed agenda; ``rotate`` picks other questions for the same need.

    ``own_questions`` (need -> the learner's saved questions) come before the workbook's;
    ``interval_days`` is the cadence (days, or person -> days) the next meeting is due by.
    """
    mine = select(meetings, person=person, today=today)
    held = [m.date for m in mine if m.status == "held"]
    if held:
        need, since, never = least_recent_need(mine, person, today)
    else:
        need, since, never = FIRST_MEETING_NEED, 0, True
    own = [q for q in (own_questions or {}).get(need, ()) if q.strip()]
    questions = [*own, *(q for q in item("needs", need, lang)["questions"] if q not in own)]
    start = (2 * rotate) % len(questions)
    chosen = tuple((questions * 2)[start : start + 2])
    open_items = tuple(
        sorted(
            (c for c in commitments if c.person == person and c.kept is None),
            key=lambda c: (c.due is None, c.due or _dt.date.max),
        )
    )
    topics = tuple(line.strip(" -*\t") for line in employee_topics if line.strip(" -*\t"))
    return Agenda(
        person=person,
        employee_topics=topics,
        open_commitments=open_items,
        need=need,
        need_meetings_since=since,
        need_never=never,
        questions=chosen,
        logged=len(mine),
        last_met=held[-1] if held else None,
        interval_days=interval_for(interval_days, person=person),
    )
