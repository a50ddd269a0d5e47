"""The de-identified summary: scores and counts for a facilitator, never names, notes or dates."""

from __future__ import annotations

import datetime as dt
import json

from oneonone_kit.insight.summary import (
    SUMMARY_FORMAT,
    build_summary,
    item_keys,
    new_token,
    summary_json,
)
from oneonone_kit.log.demo import load_demo
from oneonone_kit.log.store import Store
from oneonone_kit.model import Assessment, Commitment, Experiment, Meeting

TODAY = dt.date(2026, 11, 22)
SECRET_WORDS = ("Sam Verbeek", "burnout", "promotion talk", "Call with HR", "Try silence")


def _meeting(day: int, person: str, needs: str, **extra) -> Meeting:
    return Meeting.create(
        today=TODAY,
        date=dt.date(2026, 10, day).isoformat(),
        person=person,
        planned_minutes=30,
        actual_minutes=30,
        needs=needs,
        agenda_by=extra.pop("agenda_by", "employee"),
        talk_share=extra.pop("talk_share", 30),
        notes=extra.pop("notes", "Sam Verbeek mentioned burnout"),
        **extra,
    )


def _records():
    meetings = [
        _meeting(1, "Sam Verbeek", "growth;feedback", notes="promotion talk"),
        _meeting(8, "Sam Verbeek", "guidance", agenda_by="leader", talk_share=60),
        _meeting(15, "Kim", "support", leader_rating=4, employee_rating=3),
        _meeting(22, "Kim", "guidance;support", status="cancelled"),
    ]
    commitments = [
        Commitment.create(
            today=TODAY, person="Kim", text="Call with HR", due="2026-10-20", kept="yes"
        ),
        Commitment.create(
            today=TODAY, person="Sam Verbeek", text="Share the plan", due="2026-10-30", kept="no"
        ),
    ]
    experiments = [
        Experiment.create(
            today=TODAY,
            what="Try silence for ten seconds",
            why="Try silence",
            start="2026-10-01",
            end="2026-10-29",
            metric="talk_share",
            verdict="keep",
        ),
    ]
    assessments = [
        Assessment.create(
            kind="needs", answers={k: 2 for k in item_keys("needs")}, taken_at="2026-10-01T09:00:00"
        ),
        Assessment.create(
            kind="needs", answers={k: 4 for k in item_keys("needs")}, taken_at="2026-11-20T09:00:00"
        ),
        Assessment.create(
            kind="beliefs",
            answers={"growth_performance": 3, "free text?": 5},
            taken_at="2026-10-01T09:00:00",
        ),
        Assessment.create(kind="my own kind", answers={"x": 1}, taken_at="2026-10-01T09:00:00"),
    ]
    return meetings, commitments, experiments, assessments


def _summary() -> dict:
    return build_summary(*_records(), today=TODAY, token="0123456789abcdef")


def test_summary_names_its_format_and_carries_the_token():
    summary = _summary()
    assert summary["format"] == SUMMARY_FORMAT and summary["version"] == 1
    assert summary["participant"] == "0123456789abcdef"


def test_summary_holds_no_names_notes_dates_or_free_text():
    text = summary_json(_summary()).decode("utf-8")
    for word in (*SECRET_WORDS, "Kim", "Share the plan", "2026"):
        assert word not in text, word


def test_self_assessments_keep_first_and_latest_scores_per_known_item():
    assessments = _summary()["assessments"]
    needs = assessments["needs"]
    assert needs["sittings"] == 2 and needs["scale_max"] == 5
    assert set(needs["first"].values()) == {2} and set(needs["latest"].values()) == {4}
    assert assessments["beliefs"]["latest"] == {"growth_performance": 3}  # unknown key dropped
    assert "my own kind" not in assessments


def test_log_metrics_are_counts_shares_and_rates():
    log = _summary()["log"]
    assert (log["meetings"], log["held"], log["cancelled"], log["people"]) == (4, 3, 1, 2)
    assert log["agenda"]["leader"] == 1 and log["agenda"]["employee"] == 2
    assert log["agenda"]["employee_or_shared"] == round(2 / 3, 3)
    assert log["needs"]["guidance"] == {"count": 1, "share": round(1 / 3, 3)}
    assert log["follow_through"] == {"kept": 1, "due": 2, "rate": 0.5}
    assert log["ratings"]["both_rated"] == 1
    assert set(log["neglected"]) <= set(log["needs"])


def test_experiments_are_counted_by_verdict_and_metric_without_their_wording():
    experiments = _summary()["experiments"]
    assert experiments["count"] == 1
    assert experiments["verdicts"]["keep"] == 1 and experiments["metrics"]["talk_share"] == 1


def test_demo_records_are_left_out(tmp_home):
    with Store.open() as store:
        load_demo(store, today=TODAY)
        summary = build_summary(
            store.meetings(),
            store.commitments(),
            store.experiments(),
            store.assessments(),
            today=TODAY,
            token=new_token(),
        )
    assert summary["log"] == {"meetings": 0}
    assert summary["experiments"]["count"] == 0 and summary["assessments"] == {}


def test_an_empty_workbook_gives_an_empty_but_valid_summary():
    summary = build_summary([], [], [], [], today=TODAY, token=new_token())
    assert json.loads(summary_json(summary)) == summary
    assert summary["log"] == {"meetings": 0}


def test_new_tokens_differ_and_are_hex():
    first, second = new_token(), new_token()
    assert first != second and int(first, 16) >= 0 and len(first) == 16
