"""The group view's figures, worked out by hand: the behaviours `make mutate` found unpinned.

Every summary is hand-made (see ``test_cohort.make_summary``) and read back through
``read_summary``; expected means, medians and orders are computed in the comments.
"""

from __future__ import annotations

import pytest
from test_cohort import make_summary, read

from oneonone_kit.insight.cohort import (
    GroupTooSmall,
    aggregate,
    most_neglected,
    unique_participants,
)

TOKENS = ("aaaaaaaa", "bbbbbbbb", "cccccccc")


def with_log(token: str, meetings: int = 8, shares: dict | None = None, neglected=()) -> dict:
    """A summary whose log has ``meetings`` and, when given, exactly these need shares."""
    summary = make_summary(token, neglected=neglected)
    summary["log"]["meetings"] = meetings
    if shares is not None:
        summary["log"]["needs"] = {n: {"count": 1, "share": s} for n, s in shares.items()}
    return read(summary)


def test_the_group_meetings_figure_is_the_median_of_the_participants():
    group = [with_log(t, meetings=m) for t, m in zip(TOKENS, (8, 10, 20))]
    assert aggregate(group).log.meetings == 10  # sorted 8, 10, 20: the middle one


def test_a_needs_mean_share_is_over_the_participants_who_logged_it():
    group = [
        with_log("aaaaaaaa", shares={"growth": 0.5, "guidance": 0.2}),
        with_log("bbbbbbbb", shares={"growth": 0.25}),
        with_log("cccccccc", shares={"growth": 0.0}),
    ]
    needs = {n.need: n for n in aggregate(group).needs}
    assert needs["growth"].mean_share == pytest.approx(0.25)  # (0.5 + 0.25 + 0.0) / 3
    assert needs["guidance"].mean_share == pytest.approx(0.2)  # one value: 0.2 / 1
    assert needs["support"].mean_share is None  # nobody logged a share for it


def test_needs_equally_often_neglected_are_ordered_by_their_share_a_missing_one_as_zero():
    shares = {"guidance": 0.6, "priorities": 0.1, "context": 0.3, "growth": 0.2}
    shares |= {"feedback": 0.5, "relationship": 0.4}  # "support": no share at all
    group = [with_log(t, shares=shares) for t in TOKENS]
    order = [n.need for n in aggregate(group).needs]
    # nobody neglects any: support (None counts as 0), then 0.1, 0.2, ... 0.6
    assert order == [
        "support",
        "priorities",
        "growth",
        "context",
        "relationship",
        "feedback",
        "guidance",
    ]


def test_a_group_under_a_chosen_minimum_says_that_minimum():
    group = [read(make_summary(t)) for t in TOKENS]
    with pytest.raises(GroupTooSmall) as caught:
        aggregate(group, minimum=5)
    assert (caught.value.count, caught.value.minimum) == (3, 5)


def test_the_most_neglected_are_the_top_three_by_default():
    neglected = ("guidance", "priorities", "context", "growth", "feedback")
    group = [read(make_summary(t, neglected=neglected)) for t in TOKENS]
    assert len(most_neglected(aggregate(group))) == 3


def test_needs_nobody_neglects_are_never_listed_as_most_neglected():
    group = [read(make_summary(t, neglected=("growth",))) for t in TOKENS]
    assert [n.need for n in most_neglected(aggregate(group), top=7)] == ["growth"]


def test_each_participant_is_counted_once_at_the_place_of_their_last_file():
    first, other, last = (
        read(make_summary("aaaaaaaa", needs_score=1)),
        read(make_summary("bbbbbbbb")),
        read(make_summary("aaaaaaaa", needs_score=5)),
    )
    assert unique_participants([first, other, last]) == ([other, last], 1)


# ---- one item's spread ---------------------------------------------------------------------
def safety_summary(token: str, first: dict, latest: dict) -> dict:
    summary = make_summary(token)
    summary["assessments"]["safety"] = {
        "scale_max": 7,
        "sittings": 2,
        "first": first,
        "latest": latest,
    }
    return read(summary)


def test_a_reversed_safety_items_change_is_flipped_too():
    # s1 is worded the other way: on a 1..7 scale a 2 means 8 - 2 = 6, a 5 means 8 - 5 = 3
    group = [safety_summary(t, {"s1": 2, "s2": 2}, {"s1": 5, "s2": 5}) for t in TOKENS]
    spreads = {s.key: s for s in aggregate(group).items["safety"]}
    assert spreads["s1"].then_now == pytest.approx((6.0, 3.0))
    assert spreads["s2"].then_now == pytest.approx((2.0, 5.0))  # not reversed


def test_a_withheld_and_a_shown_item_both_say_their_kind_and_scale():
    group = [safety_summary(t, {"s1": 2}, {"s1": 2}) for t in TOKENS[:2]]
    group.append(read(make_summary("cccccccc")))
    spreads = {
        (s.kind, s.key): s for kind in ("needs", "safety") for s in aggregate(group).items[kind]
    }
    withheld = spreads[("safety", "s1")]  # 2 answered: withheld
    assert withheld.withheld and (withheld.kind, withheld.scale_max) == ("safety", 7)
    shown = spreads[("needs", "growth")]  # 3 answered
    assert not shown.withheld and (shown.kind, shown.scale_max) == ("needs", 5)
