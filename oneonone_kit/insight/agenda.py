"""Propose the next one-on-one's agenda for one person (pure: records in, Agenda out).

Order follows the research on agendas (Rogelberg): the employee's topics first, then what was
promised last time, then one need that has had too little room, with two questions for it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..items import item
from ..model import NEEDS, Commitment, Meeting
from .metrics import needs_rotation


@dataclass(frozen=True)
class Agenda:
    person: str
    employee_topics: tuple[str, ...]
    open_commitments: tuple[Commitment, ...]
    need: str  # the need least recently covered
    need_meetings_since: int  # held meetings since it was last covered
    need_never: bool  # never covered in the log
    questions: tuple[str, ...]


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
) -> Agenda:
    """The proposed agenda; ``rotate`` picks other questions for the same need.

    ``own_questions`` (need -> the learner's saved questions) come before the workbook's.
    """
    meetings = list(meetings)
    need, since, never = least_recent_need(meetings, person, today)
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
    )
