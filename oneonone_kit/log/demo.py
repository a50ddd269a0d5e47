"""A deterministic demo log: a leader with four reports over six months.

Every record is marked ``demo=True`` and its uid starts with ``demo-`` so it can be told apart
and removed in one call (:func:`remove_demo`). Around the middle of the period the leader starts
an experiment (the employee sets the agenda) and the log shows what changed.
"""

from __future__ import annotations

import datetime as _dt
import random

from ..model import NEEDS, Assessment, Commitment, Experiment, Meeting

DEMO_PEOPLE = ("Alex (demo)", "Bo (demo)", "Charlie (demo)", "Dee (demo)")
DEMO_WEEKS = 26
SEED = 20260301


def demo_records(today: _dt.date | None = None, lang: str = "en") -> dict[str, list]:
    """Build the demo records ending at ``today`` with texts in ``lang``; same input, same output."""
    from .. import env
    from ..i18n import t

    end = today or env.today()
    rng = random.Random(SEED)
    start = end - _dt.timedelta(weeks=DEMO_WEEKS)
    start -= _dt.timedelta(days=start.weekday())  # Mondays, so the weeks line up
    switch = start + _dt.timedelta(weeks=DEMO_WEEKS // 2)
    experiment = Experiment(
        what=t("demo.text.experiment_what", lang),
        why=t("demo.text.experiment_why", lang),
        start=switch,
        end=switch + _dt.timedelta(weeks=8),
        metric="agenda_ownership",
        baseline=0.2,
        verdict="keep",
        demo=True,
        uid="demo-experiment-agenda",
    )
    meetings: list[Meeting] = []
    commitments: list[Commitment] = []
    counter = 0
    for index, person in enumerate(DEMO_PEOPLE):
        interval = DEMO_INTERVALS.get(person, 7)
        day = start + _dt.timedelta(days=index)
        while day <= end:
            after = day >= switch
            roll = rng.random()
            status = "held"
            if roll < (0.06 if after else 0.16):
                status = "cancelled"
            elif roll < (0.12 if after else 0.26):
                status = "rescheduled"
            counter += 1
            uid = f"demo-meeting-{counter:04d}"
            planned = 45 if interval == 14 else 30
            if status != "held":
                meetings.append(
                    Meeting(
                        date=day,
                        person=person,
                        planned_minutes=planned,
                        status=status,
                        demo=True,
                        uid=uid,
                    )
                )
            else:
                if after:
                    agenda = rng.choices(("employee", "shared", "leader"), (6, 3, 1))[0]
                    talk = rng.randint(28, 45)
                    needs = tuple(sorted(rng.sample(NEEDS, rng.randint(2, 3)), key=NEEDS.index))
                    leader, employee = rng.randint(4, 5), rng.randint(3, 5)
                else:
                    agenda = rng.choices(("employee", "shared", "leader"), (1, 2, 7))[0]
                    talk = rng.randint(52, 72)
                    needs = tuple(sorted(rng.sample(NEEDS[:3], rng.randint(1, 2)), key=NEEDS.index))
                    leader, employee = rng.randint(3, 5), rng.randint(2, 3)
                meetings.append(
                    Meeting(
                        date=day,
                        person=person,
                        planned_minutes=planned,
                        actual_minutes=planned + rng.choice((-10, -5, 0, 0, 5)),
                        status="held",
                        agenda_by=agenda,
                        needs=needs,
                        talk_share=talk,
                        leader_rating=leader,
                        employee_rating=employee if rng.random() < 0.7 else None,
                        notes=t("demo.text.note", lang),
                        experiment=experiment.uid if switch <= day <= experiment.end else None,
                        demo=True,
                        uid=uid,
                    )
                )
                if rng.random() < 0.5:
                    due = day + _dt.timedelta(days=interval)
                    kept = None if due > end else rng.random() < (0.8 if after else 0.5)
                    commitments.append(
                        Commitment(
                            person=person,
                            text=t(COMMITMENT_TEXTS[rng.randrange(len(COMMITMENT_TEXTS))], lang),
                            owner=rng.choice(("employee", "leader", "both")),
                            due=due,
                            kept=kept,
                            meeting=uid,
                            demo=True,
                            uid=f"demo-commitment-{len(commitments) + 1:04d}",
                        )
                    )
            day += _dt.timedelta(days=interval)
    assessments = [
        Assessment(
            kind="baseline",
            answers={n: s for n, s in zip(NEEDS, (4, 4, 3, 2, 2, 2, 1))},
            taken_at=_dt.datetime.combine(start, _dt.time(9)),
            demo=True,
            uid="demo-assessment-baseline",
        ),
        Assessment(
            kind="baseline",
            answers={n: s for n, s in zip(NEEDS, (4, 4, 4, 3, 4, 3, 3))},
            taken_at=_dt.datetime.combine(end - _dt.timedelta(days=7), _dt.time(9)),
            demo=True,
            uid="demo-assessment-latest",
        ),
    ]
    return {
        "meetings": meetings,
        "commitments": commitments,
        "experiments": [experiment],
        "assessments": assessments,
    }


COMMITMENT_TEXTS = (  # the demo's commitments, one catalogue key each
    "demo.text.commitment_0",
    "demo.text.commitment_1",
    "demo.text.commitment_2",
    "demo.text.commitment_3",
    "demo.text.commitment_4",
    "demo.text.commitment_5",
)
DEMO_INTERVALS = {"Dee (demo)": 14}  # Dee meets every other week


def load_demo(store, today: _dt.date | None = None, lang: str = "en") -> int:
    """Add the demo log to ``store`` (replacing any earlier demo); returns the number of meetings."""
    records = demo_records(today, lang)
    remove_demo(store)
    store.add_meetings(records["meetings"])
    store.add_records(records["commitments"] + records["experiments"] + records["assessments"])
    for person, days in DEMO_INTERVALS.items():
        store.set_interval(person, days)
    return len(records["meetings"])


def remove_demo(store) -> int:
    """Remove every demo record (and the demo people's settings); returns records removed."""
    for person in DEMO_INTERVALS:
        store.delete_setting(f"person:{person}:interval_days")
    return store.remove_demo()
