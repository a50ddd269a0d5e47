"""Every threshold tested on each side of it (issue 17, item 2).

Expected values are worked out by hand in the comments; none comes from the code under test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_cohort import make_summary

from oneonone_kit.insight import metrics as M
from oneonone_kit.insight.cohort import SummaryError, aggregate, read_summary
from oneonone_kit.insight.summary import summary_json
from oneonone_kit.model import Meeting, RecordError

MON = dt.date(2026, 1, 5)


def day(offset: int) -> dt.date:
    return MON + dt.timedelta(days=offset)


def held(offset: int, **fields) -> Meeting:
    return Meeting(date=day(offset), person="Sam", planned_minutes=30, status="held", **fields)


# ---- cadence: a gap is longer than interval (7) + tolerance (2) = 9 days ----------------------
def test_cadence_gap_of_exactly_interval_plus_tolerance_is_on_time():
    c = M.cadence([held(0), held(9)], today=day(9))
    assert c.gaps == () and (c.on_time, c.judged) == (1, 1)


def test_cadence_gap_one_day_past_interval_plus_tolerance_is_a_gap():
    c = M.cadence([held(0), held(10)], today=day(10))
    assert [(g.start, g.end, g.days, g.open) for g in c.gaps] == [(day(0), day(10), 10, False)]
    assert (c.on_time, c.judged, c.consistency) == (0, 1, 0.0)


def test_open_gap_starts_only_one_day_past_interval_plus_tolerance():
    at_limit = M.cadence([held(0), held(7)], today=day(16))  # 16 - 7 = 9 days: not yet
    assert at_limit.gaps == () and (at_limit.on_time, at_limit.judged) == (1, 1)
    past = M.cadence([held(0), held(7)], today=day(17))  # 10 days: an open gap
    assert [(g.start, g.end, g.days, g.open) for g in past.gaps] == [(day(7), day(17), 10, True)]
    assert (past.on_time, past.judged) == (1, 2)


def test_cadence_limit_follows_a_personal_interval_and_tolerance():
    # interval 14 + tolerance 0 = 14: 14 days on time, 15 days a gap
    assert (
        M.cadence([held(0), held(14)], today=day(14), interval_days=14, tolerance_days=0).gaps == ()
    )
    late = M.cadence([held(0), held(15)], today=day(15), interval_days=14, tolerance_days=0)
    assert [g.days for g in late.gaps] == [15]


def test_rate_per_four_weeks_needs_a_log_of_at_least_28_days():
    # weekly from day 0 to day 14 (3 held): span = max(today - first, last - first + 7)
    short = M.cadence([held(0), held(7), held(14)], today=day(20))  # span 21 < 28: no rate
    assert short.per_four_weeks is None
    enough = M.cadence([held(0), held(7), held(14)], today=day(28))  # span 28: 3 * 28 / 28 = 3
    assert enough.per_four_weeks == pytest.approx(3.0)


def cancelled(offset: int, person: str = "Sam") -> Meeting:
    return Meeting(date=day(offset), person=person, planned_minutes=30, status="cancelled")


def test_open_gap_names_its_person():
    c = M.cadence([held(0)], today=day(10))
    assert [(g.person, g.start, g.days, g.open) for g in c.gaps] == [("Sam", day(0), 10, True)]


def test_nothing_held_opens_a_gap_from_the_first_logged_meeting():
    c = M.cadence([cancelled(0)], today=day(10))  # 10 days since the first (cancelled) one
    assert [(g.start, g.end, g.days, g.open) for g in c.gaps] == [(day(0), day(10), 10, True)]


def test_nothing_held_and_nothing_judged_yet_scores_zero_not_none():
    c = M.cadence([cancelled(0)], today=day(2))  # too early for a gap; still nothing held
    assert (c.judged, c.consistency, c.gaps) == (0, 0.0, ())


def test_gaps_of_every_person_are_listed():
    log = [held(0), Meeting(date=day(1), person="Bo", planned_minutes=30)]
    c = M.cadence(log, today=day(12))  # Sam: 12 days open, Bo: 11 days open
    assert [(g.person, g.days) for g in c.gaps] == [("Sam", 12), ("Bo", 11)]


def test_expected_rate_of_an_empty_log_follows_the_intended_interval():
    # 28 days / 14 = 2 meetings per four weeks; for one person, their own interval
    assert M.cadence([], today=day(0), interval_days=14).expected_per_four_weeks == 2.0
    mapped = M.cadence([], today=day(0), interval_days={"Dee": 14}, person="Dee")
    assert mapped.expected_per_four_weeks == 2.0
    assert M.cadence([], today=day(0)).expected_per_four_weeks == 4.0  # weekly by default


# ---- talk share: 0 and 100 %, and the band edges 20, 35, 50 ----------------------------------
def test_talk_share_of_0_and_100_percent_average_to_50():
    trend = M.talk_share([held(0, talk_share=0), held(7, talk_share=100)], today=day(7))
    assert trend.values == (0.0, 100.0) and trend.mean == 50.0 and trend.latest == 50.0


@pytest.mark.parametrize(
    "share, band",
    [
        (0, "low"),
        (19.9, "low"),
        (20, "ideal"),
        (35, "ideal"),
        (35.1, "ok"),
        (50, "ok"),
        (50.1, "high"),
        (100, "high"),
        (None, None),
    ],
)
def test_talk_band_edges(share, band):
    assert M.talk_band(share) == band


# ---- minutes: 1 to 480 ------------------------------------------------------------------------
def test_actual_minutes_of_480_are_accepted_and_481_refused():
    good = Meeting.create(date="2026-01-05", person="Sam", planned_minutes=480, actual_minutes=480)
    assert (good.planned_minutes, good.actual_minutes) == (480, 480)
    with pytest.raises(RecordError):
        Meeting.create(date="2026-01-05", person="Sam", planned_minutes=480, actual_minutes=481)


# ---- cohort: every figure needs at least 3 participants ---------------------------------------
def read(summary: dict) -> dict:
    return read_summary(summary_json(summary))


TOKENS = ("aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd")


def without(summary: dict, figure: str) -> dict:
    """The summary with one log figure left empty (as when the participant has no value)."""
    log = summary["log"]
    if figure == "talk_share":
        log["talk_share"] = {"latest": None, "mean": None}
    elif figure == "per_four_weeks":
        log["per_four_weeks"] = None
    elif figure == "employee_or_shared":
        log["agenda"]["employee_or_shared"] = None
    elif figure == "follow_through":
        log["follow_through"]["rate"] = None
    return summary


FIGURES = {  # the value each hand-made summary carries (make_summary)
    "talk_share": 30.0,
    "per_four_weeks": 4.0,
    "employee_or_shared": 0.714,
    "follow_through": 0.75,
}


@pytest.mark.parametrize("figure", sorted(FIGURES))
def test_group_figure_from_two_participants_is_withheld(figure):
    # four participants sent a log, but only two have this figure: it must not be shown
    group = [read(make_summary(t)) for t in TOKENS[:2]]
    group += [read(without(make_summary(t), figure)) for t in TOKENS[2:]]
    overview = aggregate(group).log
    assert overview.with_log == 4 and getattr(overview, figure) is None


@pytest.mark.parametrize("figure", sorted(FIGURES))
def test_group_figure_from_three_participants_is_shown(figure):
    group = [read(make_summary(t)) for t in TOKENS[:3]]
    group.append(read(without(make_summary(TOKENS[3]), figure)))
    overview = aggregate(group).log
    assert getattr(overview, figure) == pytest.approx(FIGURES[figure])  # median of 3 equal values


def test_group_item_answered_by_exactly_three_is_shown():
    group = [read(make_summary(t, needs_score=s)) for t, s in zip(TOKENS[:3], (1, 3, 5))]
    growth = next(s for s in aggregate(group).items["needs"] if s.key == "growth")
    assert growth.counts == (1, 0, 1, 0, 1) and growth.mean == 3.0  # (1 + 3 + 5) / 3


@pytest.mark.parametrize("talk, accepted", [(-1, False), (0, True), (100, True), (101, False)])
def test_summary_talk_share_must_lie_between_0_and_100(talk, accepted):
    payload = summary_json(make_summary("aaaaaaaa", talk=talk))
    if accepted:
        assert read_summary(payload)["log"]["talk_share"] == float(talk)
    else:
        with pytest.raises(SummaryError):
            read_summary(payload)
