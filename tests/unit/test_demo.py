"""The demo log: made-up, deterministic, clearly marked, and gone in one call."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest

from oneonone_kit.log.demo import DEMO_PEOPLE, demo_records, load_demo, remove_demo
from oneonone_kit.log.store import Store
from oneonone_kit.model import Commitment, Experiment, Meeting

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo():
    return demo_records(TODAY)


def _all(records: dict) -> list:
    return [r for items in records.values() for r in items]


def test_same_today_gives_identical_records(demo):
    assert demo_records(TODAY) == demo
    assert demo_records(TODAY + dt.timedelta(days=7)) != demo


def test_default_today_comes_from_oneonone_today(tmp_home, demo):
    assert demo_records() == demo


def test_every_record_is_marked_demo(demo):
    records = _all(demo)
    assert records
    assert all(r.demo for r in records)
    assert all(r.uid.startswith("demo-") for r in records)
    assert len({r.uid for r in records}) == len(records)


def test_four_people_over_about_six_months(demo):
    meetings = demo["meetings"]
    assert {m.person for m in meetings} == set(DEMO_PEOPLE)
    assert len(DEMO_PEOPLE) == 4
    first, last = min(m.date for m in meetings), max(m.date for m in meetings)
    assert 170 <= (TODAY - first).days <= 190
    assert 0 <= (TODAY - last).days <= 14
    assert all(m.date <= TODAY for m in meetings)


def test_every_demo_record_passes_the_same_validation_as_user_input(demo):
    for m in demo["meetings"]:
        raw = {k: v for k, v in m.to_dict().items() if k != "schema_version"}
        assert Meeting.create(today=TODAY, **raw) == m
    for c in demo["commitments"]:
        raw = {k: v for k, v in c.to_dict().items() if k != "schema_version"}
        assert Commitment.create(today=TODAY, **raw) == c


def test_an_experiment_exists_and_meetings_point_to_it(demo):
    [experiment] = demo["experiments"]
    meetings = demo["meetings"]
    assert experiment.metric == "agenda_ownership"
    assert min(m.date for m in meetings) < experiment.start < experiment.end <= TODAY
    tagged = [m for m in meetings if m.experiment == experiment.uid]
    assert tagged
    assert all(experiment.start <= m.date <= experiment.end for m in tagged)
    raw = {k: v for k, v in experiment.to_dict().items() if k != "schema_version"}
    assert Experiment.create(today=TODAY, **raw) == experiment


def test_agenda_ownership_rises_and_talk_share_falls_after_the_experiment_starts(demo):
    start = demo["experiments"][0].start
    held = [m for m in demo["meetings"] if m.held]
    before = [m for m in held if m.date < start]
    after = [m for m in held if m.date >= start]
    assert len(before) >= 20 and len(after) >= 20

    def employee_share(items):
        return sum(m.agenda_by == "employee" for m in items) / len(items)

    def talk(items):
        return statistics.mean(m.talk_share for m in items)

    assert employee_share(after) >= employee_share(before) + 0.3
    assert talk(after) <= talk(before) - 15


def test_the_demo_has_cancellations_commitments_and_two_assessments(demo):
    statuses = {m.status for m in demo["meetings"]}
    assert statuses == {"held", "cancelled", "rescheduled"}
    assert all(m.actual_minutes is None for m in demo["meetings"] if not m.held)
    assert demo["commitments"]
    assert {c.kept for c in demo["commitments"]} >= {True, False}
    assert [a.uid for a in demo["assessments"]] == [
        "demo-assessment-baseline",
        "demo-assessment-latest",
    ]


def test_load_demo_then_remove_demo_leaves_own_records_untouched(tmp_home, demo):
    with Store.open() as store:
        own_meeting = Meeting.create(
            today=TODAY, date="2026-11-20", person="Sam", planned_minutes=30, notes="mine"
        )
        own_commitment = Commitment.create(today=TODAY, person="Sam", text="Send plan")
        own_experiment = Experiment.create(
            today=TODAY,
            what="Walk and talk",
            start="2026-11-01",
            end="2026-12-01",
            metric="talk_share",
        )
        store.add_meeting(own_meeting)
        store.add_records([own_commitment, own_experiment])
        before = store.counts()

        assert load_demo(store, TODAY) == len(demo["meetings"])
        assert store.has_demo()
        assert store.counts()["meetings"] == before["meetings"] + len(demo["meetings"])
        assert set(DEMO_PEOPLE) < set(store.people())

        assert remove_demo(store) == len(_all(demo))
        assert not store.has_demo()
        assert store.counts() == before
        assert store.meetings() == [own_meeting]
        assert store.commitments() == [own_commitment]
        assert store.experiments() == [own_experiment]
        assert store.people() == ["Sam"]


def test_loading_the_demo_twice_does_not_double_it(tmp_home, demo):
    with Store.memory() as store:
        load_demo(store, TODAY)
        load_demo(store, TODAY)
        assert store.counts()["meetings"] == len(demo["meetings"])
        assert store.counts()["commitments"] == len(demo["commitments"])
