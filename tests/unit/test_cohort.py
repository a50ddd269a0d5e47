"""Combining de-identified summaries: checked files only, each participant once, never under three."""

from __future__ import annotations

import json

import pytest

from oneonone_kit.insight.cohort import (
    MIN_GROUP,
    GroupTooSmall,
    SummaryError,
    aggregate,
    most_neglected,
    read_summary,
)
from oneonone_kit.insight.summary import item_keys, summary_json

NEEDS = item_keys("needs")


def make_summary(
    token: str,
    needs_score: int = 3,
    neglected=(),
    first_score=None,
    log=True,
    talk=30.0,
    safety=None,
) -> dict:
    """A summary as build_summary writes it (hand-made, so each test shows what it varies)."""
    assessments = {
        "needs": {
            "scale_max": 5,
            "sittings": 2 if first_score else 1,
            "first": {k: first_score or needs_score for k in NEEDS},
            "latest": {k: needs_score for k in NEEDS},
        }
    }
    if safety is not None:
        assessments["safety"] = {"scale_max": 7, "sittings": 1, "first": safety, "latest": safety}
    summary = {
        "format": "oneonone-summary",
        "version": 1,
        "participant": token,
        "assessments": assessments,
        "log": {"meetings": 0},
        "experiments": {"count": 0},
    }
    if log:
        summary["log"] = {
            "meetings": 8,
            "held": 7,
            "rescheduled": 1,
            "cancelled": 0,
            "people": 3,
            "weeks": 6,
            "per_four_weeks": 4.0,
            "consistency": 0.8,
            "agenda": {"employee": 4, "shared": 1, "leader": 2, "employee_or_shared": 0.714},
            "talk_share": {"latest": talk, "mean": talk},
            "follow_through": {"kept": 3, "due": 4, "rate": 0.75},
            "needs": {
                n: {"count": 0 if n in neglected else 3, "share": 0.0 if n in neglected else 0.43}
                for n in NEEDS
            },
            "neglected": list(neglected),
            "ratings": {"both_rated": 2, "leader_mean": 4.0, "employee_mean": 3.5},
        }
    return summary


def read(summary: dict) -> dict:
    return read_summary(summary_json(summary))


# ---- reading ------------------------------------------------------------------------------
def test_a_summary_reads_back_with_its_known_fields():
    checked = read(make_summary("aaaaaaaa", needs_score=4))
    assert checked["participant"] == "aaaaaaaa"
    assert checked["assessments"]["needs"]["latest"]["growth"] == 4
    assert checked["log"]["talk_share"] == 30.0


@pytest.mark.parametrize(
    "payload, key",
    [
        (b"\x89PNG\r\n", "cohort.error.not_json"),
        (b"[1, 2, 3]", "cohort.error.not_summary"),
        (json.dumps({"format": "something-else"}).encode(), "cohort.error.not_summary"),
        (
            json.dumps({"format": "oneonone-export", "version": 1, "meetings": []}).encode(),
            "cohort.error.full_export",
        ),
        (b"x" * 1_000_001, "cohort.error.too_big"),
    ],
)
def test_files_that_are_not_summaries_are_refused_with_a_reason(payload, key):
    with pytest.raises(SummaryError) as caught:
        read_summary(payload)
    assert caught.value.key == key
    assert caught.value.message("nl") and caught.value.message("en")


def test_a_newer_summary_is_refused_with_its_version():
    summary = make_summary("aaaaaaaa")
    summary["version"] = 99
    with pytest.raises(SummaryError) as caught:
        read(summary)
    assert caught.value.key == "cohort.error.newer" and "99" in caught.value.message("en")


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s.update(participant="Sam Verbeek"),
        lambda s: s["assessments"]["needs"]["latest"].update(growth=9),
        lambda s: s["assessments"]["needs"].update(scale_max="five"),
        lambda s: s["log"].update(neglected=["courage"]),
        lambda s: s["log"]["follow_through"].update(rate=3),
        lambda s: s["log"].update(meetings=-1),
    ],
)
def test_damaged_or_hand_edited_summaries_are_refused(damage):
    summary = make_summary("aaaaaaaa")
    damage(summary)
    with pytest.raises(SummaryError) as caught:
        read(summary)
    assert caught.value.key == "cohort.error.damaged"


def test_unknown_items_and_kinds_are_dropped_not_shown():
    summary = make_summary("aaaaaaaa")
    summary["assessments"]["needs"]["latest"]["my secret note"] = 3
    summary["assessments"]["free text"] = {"scale_max": 5, "latest": {"x": 1}}
    checked = read(summary)
    assert "my secret note" not in checked["assessments"]["needs"]["latest"]
    assert "free text" not in checked["assessments"]


# ---- combining ----------------------------------------------------------------------------
def test_fewer_than_three_participants_show_nothing():
    two = [read(make_summary(t)) for t in ("aaaaaaaa", "bbbbbbbb")]
    with pytest.raises(GroupTooSmall) as caught:
        aggregate(two)
    assert (caught.value.count, caught.value.minimum) == (2, MIN_GROUP)


def test_the_same_participant_twice_counts_once():
    files = [read(make_summary(t)) for t in ("aaaaaaaa", "bbbbbbbb", "bbbbbbbb")]
    with pytest.raises(GroupTooSmall):
        aggregate(files)
    files.append(read(make_summary("cccccccc")))
    cohort = aggregate(files)
    assert (cohort.participants, cohort.duplicates) == (3, 1)


def test_distribution_per_item_counts_each_score():
    group = [
        read(make_summary(t, s)) for t, s in (("aaaaaaaa", 2), ("bbbbbbbb", 4), ("cccccccc", 4))
    ]
    cohort = aggregate(group)
    growth = next(s for s in cohort.items["needs"] if s.key == "growth")
    assert growth.counts == (0, 1, 0, 2, 0)
    assert growth.answered == 3 and growth.mean == pytest.approx(10 / 3)
    assert growth.then_now is None  # nobody rated it twice


def test_change_since_the_first_sitting_needs_three_who_rated_twice():
    group = [read(make_summary(t, 4, first_score=2)) for t in ("aaaaaaaa", "bbbbbbbb")]
    group.append(read(make_summary("cccccccc", 5)))
    growth = next(s for s in aggregate(group).items["needs"] if s.key == "growth")
    assert growth.then_now is None
    group.append(read(make_summary("dddddddd", 3, first_score=1)))
    growth = next(s for s in aggregate(group).items["needs"] if s.key == "growth")
    assert growth.then_now == pytest.approx((5 / 3, 11 / 3))


def test_an_item_answered_by_fewer_than_three_is_withheld():
    answers = {"s1": 2, "s2": 6}
    group = [
        read(make_summary("aaaaaaaa", safety=answers)),
        read(make_summary("bbbbbbbb", safety=answers)),
        read(make_summary("cccccccc")),
    ]
    cohort = aggregate(group)
    s2 = next(s for s in cohort.items["safety"] if s.key == "s2")
    assert s2.withheld and s2.answered == 2 and s2.mean is None and s2.counts == ()


def test_safety_items_worded_the_other_way_are_flipped_so_higher_is_better():
    answers = {"s1": 7, "s2": 7}  # s1 is reverse-scored (Edmondson item 1)
    group = [read(make_summary(t, safety=answers)) for t in ("aaaaaaaa", "bbbbbbbb", "cccccccc")]
    spreads = {s.key: s for s in aggregate(group).items["safety"]}
    assert spreads["s1"].mean == 1 and spreads["s2"].mean == 7


def test_needs_the_group_neglects_most_come_first():
    group = [
        read(make_summary("aaaaaaaa", neglected=("growth", "feedback"))),
        read(make_summary("bbbbbbbb", neglected=("growth",))),
        read(make_summary("cccccccc", neglected=("growth", "support"))),
    ]
    cohort = aggregate(group)
    top = most_neglected(cohort)
    assert [n.need for n in top][0] == "growth" and top[0].neglected_by == 3
    assert {n.need for n in top[1:]} == {"feedback", "support"}
    assert all(n.with_log == 3 for n in cohort.needs)
    assert cohort.log.talk_share == 30.0 and cohort.log.with_log == 3


def test_the_log_is_withheld_when_fewer_than_three_sent_one():
    group = [
        read(make_summary("aaaaaaaa")),
        read(make_summary("bbbbbbbb")),
        read(make_summary("cccccccc", log=False)),
    ]
    cohort = aggregate(group)
    assert cohort.needs is None and cohort.log is None and most_neglected(cohort) == []
    assert cohort.participants == 3 and "needs" in cohort.items
