"""Speed of the log's metrics, dashboard and report on a large, deterministic log.

``run()`` returns rows for ``benchmarks/bench.py``; ``python benchmarks/bench_log.py`` prints
them on their own. The log: 10,000 meetings with 40 people over about five years, with
cancellations, reschedules, ratings, commitments and three experiments.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = dt.date(2026, 11, 22)
MEETINGS = 10_000
PEOPLE = 40


def build_log(n: int = MEETINGS, people: int = PEOPLE, seed: int = 7) -> dict[str, list]:
    """A reproducible log of ``n`` meetings ending at :data:`TODAY`."""
    from oneonone_kit.model import NEEDS, Commitment, Experiment, Meeting

    rng = random.Random(seed)
    per_person = n // people
    start = TODAY - dt.timedelta(weeks=per_person)
    meetings, commitments = [], []
    for p in range(people):
        person = f"Person {p:02d}"
        for week in range(per_person):
            day = start + dt.timedelta(weeks=week, days=p % 5)
            roll = rng.random()
            status = "cancelled" if roll < 0.08 else "rescheduled" if roll < 0.15 else "held"
            uid = f"bench-{p:02d}-{week:04d}"
            if status != "held":
                meetings.append(
                    Meeting(date=day, person=person, planned_minutes=30, status=status, uid=uid)
                )
                continue
            meetings.append(
                Meeting(
                    date=day,
                    person=person,
                    planned_minutes=30,
                    actual_minutes=30,
                    agenda_by=rng.choice(("employee", "shared", "leader")),
                    needs=tuple(n for n in NEEDS if rng.random() < 0.3),
                    talk_share=rng.randint(20, 70),
                    leader_rating=rng.randint(2, 5),
                    employee_rating=rng.randint(1, 5) if rng.random() < 0.6 else None,
                    notes="private " * 5,
                    uid=uid,
                )
            )
            if rng.random() < 0.5:
                due = day + dt.timedelta(days=7)
                commitments.append(
                    Commitment(
                        person=person,
                        text="Do the thing",
                        owner=rng.choice(("employee", "leader")),
                        due=due,
                        kept=None if due > TODAY else rng.random() < 0.7,
                        meeting=uid,
                    )
                )
    experiments = [
        Experiment(
            what=f"Experiment {i}",
            start=TODAY - dt.timedelta(weeks=12 * (i + 1)),
            end=TODAY - dt.timedelta(weeks=12 * (i + 1) - 8),
            metric=metric,
        )
        for i, metric in enumerate(("agenda_ownership", "talk_share", "follow_through"))
    ]
    return {"meetings": meetings, "commitments": commitments, "experiments": experiments}


def _median(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def run() -> list[dict]:
    from oneonone_kit.charts import figures as charts
    from oneonone_kit.charts import report
    from oneonone_kit.insight import metrics

    log = build_log()
    args = (log["meetings"], log["commitments"], log["experiments"])
    assert len(log["meetings"]) == MEETINGS

    def all_metrics() -> None:
        metrics.summarise(*args, today=TODAY)

    began = time.perf_counter()
    charts.figure_to_png(charts.figure_by_name("dashboard", [], today=TODAY))
    first = time.perf_counter() - began  # includes importing matplotlib once

    def dashboard_png() -> None:
        charts.figure_to_png(charts.figure_by_name("dashboard", *args, today=TODAY))

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "report.pdf"

        def report_pdf() -> None:
            report.write_report(target, *args, today=TODAY, names="pseudonyms")

        pdf = _median(report_pdf, 3)
    return [
        {
            "name": "metrics: everything, 10,000 meetings",
            "value": _median(all_metrics, 5),
            "unit": "s",
            "target": 0.2,
        },
        {
            "name": "charts: first figure (imports matplotlib)",
            "value": first,
            "unit": "s",
            "target": None,
        },
        {
            "name": "charts: dashboard to PNG, 10,000 meetings",
            "value": _median(dashboard_png, 3),
            "unit": "s",
            "target": 2.0,
        },
        {"name": "report: one-page PDF, 10,000 meetings", "value": pdf, "unit": "s", "target": 3.0},
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<46}{row['value']:>8.3f} {row['unit']}  target {row['target']}")
