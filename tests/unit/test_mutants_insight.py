"""The agenda's neglected need and the cadence points of an experiment, worked out by hand:
the behaviours `make mutate` found unpinned."""

from __future__ import annotations

import datetime as dt

from oneonone_kit.insight.agenda import least_recent_need
from oneonone_kit.insight.outcomes import metric_points
from oneonone_kit.model import Meeting

MON = dt.date(2026, 1, 5)


def held(offset: int, needs=(), person: str = "Sam") -> Meeting:
    return Meeting(
        date=MON + dt.timedelta(days=offset),
        person=person,
        planned_minutes=30,
        status="held",
        needs=tuple(needs),
    )


# ---- the agenda's least recent need --------------------------------------------------------
def test_a_need_never_covered_comes_before_one_covered_long_ago():
    # growth covered in the first of three meetings (2 since); guidance never covered (3 since)
    log = [held(0, ["growth"]), held(7, ["priorities"]), held(14, ["priorities"])]
    assert least_recent_need(log, "Sam", MON + dt.timedelta(days=14)) == ("guidance", 3, True)


OTHERS = ["guidance", "priorities", "context", "relationship", "support"]


def test_between_needs_equally_long_ago_the_less_used_one_is_chosen():
    # growth: meetings 0 and 1 (2 uses), feedback: meeting 1 (1 use); both 1 meeting since
    log = [held(0, ["growth"]), held(7, ["growth", "feedback"]), held(14, OTHERS)]
    assert least_recent_need(log, "Sam") == ("feedback", 1, False)


def test_between_needs_equal_in_everything_the_earlier_in_the_workbooks_order_is_chosen():
    # growth (4th need) and feedback (5th): each 1 use, 1 meeting since
    log = [held(0, ["feedback", "growth"]), held(7, OTHERS)]
    assert least_recent_need(log, "Sam") == ("growth", 1, False)


def test_when_no_need_was_ever_covered_the_first_in_the_workbooks_order_is_chosen():
    assert least_recent_need([held(0)], "Sam") == ("guidance", 1, True)


def test_the_least_recent_need_looks_at_that_persons_meetings_only():
    all_but_growth = ["guidance", "priorities", "context", "feedback", "relationship", "support"]
    log = [held(0, ["growth"], person="Bo"), held(1, all_but_growth)]
    # Sam never had growth (1 meeting since); Bo's meeting must not count for Sam
    assert least_recent_need(log, "Sam") == ("growth", 1, True)


def test_the_least_recent_need_ignores_meetings_after_today():
    log = [held(0, ["guidance"]), held(30, ["growth"])]
    today = MON + dt.timedelta(days=7)  # the meeting on day 30 is not there yet
    assert least_recent_need(log, "Sam", today) == ("priorities", 1, True)


# ---- cadence points of an experiment: interval + tolerance, per person ----------------------
def test_a_cadence_point_is_on_time_at_exactly_interval_plus_tolerance():
    # 7 + 2 = 9 days: on time (1.0); 10 days: late (0.0)
    log = [held(0), held(9), held(19)]
    points = metric_points("cadence", log, today=MON + dt.timedelta(days=19))
    assert [(p.date, p.value) for p in points] == [
        (MON + dt.timedelta(days=9), 1.0),
        (MON + dt.timedelta(days=19), 0.0),
    ]


def test_a_cadence_point_uses_that_persons_own_interval():
    # Dee meets every 14 days: 14 + 2 = 16 days is on time; 17 is late
    log = [held(0, person="Dee"), held(16, person="Dee"), held(33, person="Dee")]
    points = metric_points(
        "cadence", log, today=MON + dt.timedelta(days=33), interval_days={"Dee": 14}
    )
    assert [p.value for p in points] == [1.0, 0.0]


# ---- ui: moving the focus ---------------------------------------------------------------------
def test_focus_leaves_alone_what_cannot_take_the_focus():
    from oneonone_kit.ui.common import focus

    focus(object())  # no focus() to call: nothing happens, no error
    focus(None)
    calls = []
    focus(type("Field", (), {"focus": lambda self: calls.append("focused")})())
    assert calls == ["focused"]


# ---- follow-through over time, and the needs rotation's threshold ------------------------------
def _promise(uid: str, *, due=None, kept=None, meeting=None):
    from oneonone_kit.model import Commitment

    return Commitment(
        uid=uid, person="Sam", text="send the draft", due=due, kept=kept, meeting=meeting
    )


def test_a_commitment_with_a_due_date_is_judged_on_that_date_not_the_meetings():
    from oneonone_kit.insight.outcomes import follow_through

    made_in = held(0)  # Monday 5 January
    kept = _promise("c-1", due=MON + dt.timedelta(days=10), kept=True, meeting=made_in.uid)
    result = follow_through([kept], today=MON + dt.timedelta(days=20), meetings=[made_in])
    assert result.trend.dates == (dt.date(2026, 1, 15),)
    assert result.trend.values == (1.0,)


def test_an_open_commitment_is_left_out_of_the_trend_until_it_is_judged():
    from oneonone_kit.insight.outcomes import follow_through

    today = MON + dt.timedelta(days=20)  # 25 January
    kept = _promise("c-1", due=MON + dt.timedelta(days=3), kept=True)
    still_open = _promise("c-2", due=MON + dt.timedelta(days=30))  # due 4 February: open
    result = follow_through([kept, still_open], today=today)
    assert result.trend.dates == (dt.date(2026, 1, 8),)
    assert result.trend.values == (1.0,)
    assert result.trend.rolling == (1.0,)


def test_commitments_judged_on_the_same_day_keep_the_order_they_were_logged_in():
    from oneonone_kit.insight.outcomes import follow_through

    day = MON + dt.timedelta(days=2)
    kept = _promise("c-1", due=day, kept=True)
    missed = _promise("c-2", due=day, kept=False)
    result = follow_through([kept, missed], today=MON + dt.timedelta(days=9), window=1)
    # kept first, then missed: the rolling mean over one item reads 1.0, then 0.0
    assert result.trend.values == (1.0, 0.0)
    assert result.trend.rolling == (1.0, 0.0)


def test_the_needs_rotation_carries_the_threshold_it_was_given():
    from oneonone_kit.insight.needs import needs_rotation

    rotation = needs_rotation([held(0, ("growth",))], today=MON, neglect_after=5)
    assert rotation.neglect_after == 5
