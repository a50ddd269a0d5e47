"""Metrics over small hand-made logs whose answers can be checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_kit.insight import metrics as M
from oneonone_kit.log.demo import demo_records
from oneonone_kit.model import NEEDS, Commitment, Experiment, Meeting

MON = dt.date(2026, 1, 5)  # a Monday


def day(offset: int) -> dt.date:
    return MON + dt.timedelta(days=offset)


def meeting(offset: int, person: str = "Sam", status: str = "held", **fields) -> Meeting:
    return Meeting(date=day(offset), person=person, planned_minutes=30, status=status, **fields)


def weekly(weeks: int, person: str = "Sam", **fields) -> list[Meeting]:
    return [meeting(7 * i, person, **fields) for i in range(weeks)]


def commitment(due: int | None, kept: bool | None, owner: str = "employee", **fields):
    return Commitment(
        person=fields.pop("person", "Sam"),
        text="x",
        owner=owner,
        due=None if due is None else day(due),
        kept=kept,
        **fields,
    )


# ---------------------------------------------------------------- cadence


def test_weekly_meetings_have_no_gaps_and_are_fully_consistent():
    c = M.cadence(weekly(5), today=day(28))
    assert c.gaps == ()
    assert (c.held, c.on_time, c.judged, c.consistency) == (5, 4, 4, 1.0)
    # 5 held over 28 days of log plus one interval = 35 days: 5 * 28 / 35 = 4.0
    assert c.per_four_weeks == pytest.approx(4.0)
    assert c.expected_per_four_weeks == pytest.approx(4.0)


def test_cancelled_meeting_opens_gap_in_cadence():
    log = [meeting(0), meeting(7), meeting(14, status="cancelled"), meeting(21), meeting(28)]
    c = M.cadence(log, today=day(28))
    assert c.cancelled == 1 and c.held == 4
    assert [(g.start, g.end, g.days, g.open) for g in c.gaps] == [(day(7), day(21), 14, False)]
    assert c.consistency == pytest.approx(2 / 3)
    assert c.per_four_weeks == pytest.approx(4 * 28 / 35)


def test_meeting_moved_by_a_day_is_not_a_gap_but_counts_as_rescheduled():
    log = [meeting(0), meeting(7, status="rescheduled"), meeting(8), meeting(15)]
    c = M.cadence(log, today=day(15))
    assert c.gaps == () and c.rescheduled == 1 and c.consistency == 1.0


def test_gap_still_open_runs_to_today_and_counts_against_consistency():
    c = M.cadence([meeting(0), meeting(7)], today=day(22))
    assert [(g.start, g.end, g.days, g.open) for g in c.gaps] == [(day(7), day(22), 15, True)]
    assert (c.on_time, c.judged) == (1, 2)


def test_gap_longer_than_tolerance_counts():
    c = M.cadence([meeting(0), meeting(10)], today=day(10), tolerance_days=2)
    assert len(c.gaps) == 1 and c.gaps[0].days == 10


def test_one_recent_meeting_cannot_be_judged_yet():
    c = M.cadence([meeting(0)], today=day(2))
    assert c.consistency is None and c.per_four_weeks is None and c.gaps == ()


def test_all_cancelled_scores_zero():
    log = [meeting(7 * i, status="cancelled") for i in range(3)]
    c = M.cadence(log, today=day(14))
    assert (c.held, c.cancelled, c.consistency, c.per_four_weeks) == (0, 3, 0.0, 0.0)


def test_empty_log_has_no_cadence():
    c = M.cadence([], today=day(0))
    assert (c.held, c.per_four_weeks, c.consistency, c.gaps) == (0, None, None, ())


def test_gaps_are_judged_per_person_not_across_people():
    log = [meeting(7 * i, "Ana") for i in range(4)] + [meeting(7 * i + 3, "Bo") for i in (0, 3)]
    c = M.cadence(log, today=day(24))
    assert [g.person for g in c.gaps] == ["Bo"]
    assert M.cadence(log, today=day(24), person="Ana").gaps == ()


def test_intended_interval_can_differ_per_person():
    log = weekly(4, "Ana") + [meeting(14 * i, "Dee") for i in range(3)]
    default = M.cadence(log, today=day(28))
    mapped = M.cadence(log, today=day(28), interval_days={"Dee": 14})
    assert {g.person for g in default.gaps} == {"Dee"}
    assert mapped.gaps == () and mapped.consistency == 1.0
    assert mapped.expected_per_four_weeks == pytest.approx((4 + 2) / 2)


def test_meetings_after_today_are_left_out():
    c = M.cadence([*weekly(3), meeting(30)], today=day(14))
    assert c.held == 3


def test_interval_must_be_at_least_a_day():
    with pytest.raises(ValueError):
        M.cadence(weekly(2), today=day(7), interval_days=0)


# ---------------------------------------------------------------- needs


def test_need_not_covered_for_six_meetings_is_neglected():
    log = [meeting(0, needs=("growth",)), meeting(7, needs=("priorities",))]
    log += [meeting(7 * i, needs=("guidance",)) for i in range(2, 7)]
    rotation = M.needs_rotation(log)
    growth, priorities = rotation.use("growth"), rotation.use("priorities")
    assert (growth.count, growth.last_covered, growth.meetings_since) == (1, day(0), 6)
    assert growth.neglected and not priorities.neglected
    assert priorities.meetings_since == 5
    assert rotation.use("guidance").share == pytest.approx(5 / 7)


def test_need_never_covered_is_neglected_only_after_enough_meetings():
    assert "feedback" not in M.needs_rotation(weekly(5)).neglected
    six = M.needs_rotation(weekly(6))
    assert six.neglected == NEEDS and six.use("feedback").last_covered is None


def test_neglect_threshold_is_a_parameter():
    assert M.needs_rotation(weekly(3), neglect_after=3).neglected == NEEDS


def test_cancelled_meetings_do_not_cover_or_count_for_needs():
    log = [meeting(0, needs=("growth",)), meeting(7, status="cancelled")]
    rotation = M.needs_rotation(log)
    assert rotation.held == 1 and rotation.use("growth").meetings_since == 0


def test_needs_by_month_keeps_empty_months_as_none():
    log = [meeting(0, needs=("growth",)), meeting(7), meeting(70, needs=("growth", "support"))]
    grid = M.needs_by_month(log)
    assert grid.months == (dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1))
    assert grid.held == (2, 0, 1)
    assert grid.shares["growth"] == (0.5, None, 1.0)
    assert grid.shares["feedback"] == (0.0, None, 0.0)


def test_needs_by_month_of_empty_log_is_empty():
    assert M.needs_by_month([]).months == ()


# ---------------------------------------------------------------- agenda and talk share


def test_agenda_share_counts_employee_and_shared_over_a_rolling_window():
    owners = ("leader", "leader", "employee", "shared", None, "employee")
    log = [meeting(7 * i, agenda_by=o) for i, o in enumerate(owners)]
    agenda = M.agenda_ownership(log, window=3)
    assert agenda.counts == {"employee": 2, "shared": 1, "leader": 2}
    assert agenda.trend.values == (0.0, 0.0, 1.0, 1.0, 1.0)  # no agenda recorded: left out
    assert agenda.trend.rolling == pytest.approx((0.0, 0.0, 1 / 3, 2 / 3, 1.0))
    assert agenda.trend.latest == 1.0 and agenda.trend.mean == pytest.approx(0.6)


def test_talk_share_rolling_mean_and_band():
    log = [meeting(7 * i, talk_share=v) for i, v in enumerate((60, 40, 20, 30))]
    log.append(meeting(35, status="cancelled", talk_share=90))
    talk = M.talk_share(log, window=2)
    assert talk.values == (60.0, 40.0, 20.0, 30.0)
    assert talk.rolling == (60.0, 50.0, 30.0, 25.0)
    assert M.talk_band(talk.latest) == "ideal"


@pytest.mark.parametrize(
    ("share", "band"),
    [(10, "low"), (20, "ideal"), (35, "ideal"), (36, "ok"), (50, "ok"), (51, "high"), (None, None)],
)
def test_talk_band_follows_the_target(share, band):
    assert M.talk_band(share) == band


# ---------------------------------------------------------------- follow-through


def test_open_commitment_past_its_due_date_counts_as_not_kept():
    items = [
        commitment(0, True),
        commitment(3, False),
        commitment(5, None),  # overdue: counts as not kept
        commitment(20, None),  # not due yet: not judged
        commitment(20, True, owner="leader"),  # kept early: judged
        commitment(None, None),  # no due date, still open: not judged
    ]
    follow = M.follow_through(items, today=day(10))
    total = follow.total
    assert (total.kept, total.not_kept, total.overdue, total.open) == (2, 1, 1, 2)
    assert total.due == 4 and total.rate == 0.5
    assert follow.by_owner["leader"].rate == 1.0
    assert follow.by_owner["employee"].rate == pytest.approx(1 / 3)
    assert follow.by_owner["both"].due == 0 and follow.by_owner["both"].rate is None


def test_commitment_due_today_is_due():
    assert M.follow_through([commitment(4, None)], today=day(4)).total.overdue == 1


def test_follow_through_series_is_ordered_by_due_date_or_meeting_date():
    made = meeting(2)
    items = [commitment(9, False), commitment(None, True, meeting=made.uid), commitment(5, True)]
    follow = M.follow_through(items, today=day(10), meetings=[made], window=2)
    assert follow.trend.dates == (day(2), day(5), day(9))
    assert follow.trend.values == (1.0, 1.0, 0.0)
    assert follow.trend.rolling == (1.0, 1.0, 0.5)


def test_follow_through_for_one_person():
    items = [commitment(0, True), commitment(0, False, person="Kim")]
    assert M.follow_through(items, today=day(1), person="Kim").total.rate == 0.0


# ---------------------------------------------------------------- perception gap


def test_perception_gap_uses_meetings_rated_by_both():
    log = [
        meeting(0, leader_rating=5, employee_rating=3),
        meeting(7, leader_rating=4, employee_rating=4),
        meeting(14, leader_rating=4),
        meeting(21, employee_rating=2),
    ]
    gap = M.perception_gap(log)
    assert gap.n == 2 and gap.gaps == (2, 0) and gap.mean_gap == 1.0
    assert (gap.mean_leader, gap.mean_employee, gap.leader_only) == (4.5, 3.5, 1)


def test_no_ratings_no_gap():
    gap = M.perception_gap(weekly(3))
    assert gap.n == 0 and gap.mean_gap is None


# ---------------------------------------------------------------- experiments


def experiment(metric: str = "agenda_ownership", start: int = 28, end: int = 56) -> Experiment:
    return Experiment(
        what="Employee sets the agenda", start=day(start), end=day(end), metric=metric, uid="exp"
    )


def test_experiment_with_too_few_meetings_says_too_few():
    log = [meeting(7 * i, agenda_by="leader") for i in range(1, 4)]  # 3 before
    log += [meeting(28 + 7 * i, agenda_by="employee") for i in range(5)]
    effect = M.experiment_effect(experiment(), log, today=day(60))
    assert (effect.before_n, effect.during_n, effect.verdict) == (3, 5, "too_few")


def test_experiment_that_hands_over_the_agenda_is_better():
    log = [meeting(7 * i, agenda_by="leader") for i in range(4)]
    log += [meeting(28 + 7 * i, agenda_by="employee") for i in range(5)]
    log += [meeting(63, agenda_by="shared")]
    effect = M.experiment_effect(experiment(), log, today=day(70))
    assert (effect.before, effect.during, effect.change) == (0.0, 1.0, 1.0)
    assert (effect.before_n, effect.during_n, effect.after_n) == (4, 5, 1)
    assert effect.verdict == "better" and effect.baseline_start == day(0)


def test_lower_talk_share_is_better_and_higher_is_worse():
    before = [meeting(7 * i, talk_share=60) for i in range(4)]
    during = [meeting(28 + 7 * i, talk_share=30) for i in range(4)]
    exp = experiment("talk_share")
    assert M.experiment_effect(exp, before + during, today=day(60)).verdict == "better"
    worse = [replace_talk(m, 90) for m in during]
    assert M.experiment_effect(exp, before + worse, today=day(60)).verdict == "worse"


def replace_talk(m: Meeting, share: int) -> Meeting:
    from dataclasses import replace

    return replace(m, talk_share=share)


def test_small_change_is_no_clear_change():
    before = [meeting(7 * i, talk_share=40) for i in range(4)]
    during = [meeting(28 + 7 * i, talk_share=38) for i in range(4)]
    effect = M.experiment_effect(experiment("talk_share"), before + during, today=day(60))
    assert effect.verdict == "no_clear_change"


def test_baseline_window_is_as_long_as_the_experiment():
    log = [meeting(-7, agenda_by="employee")]  # before the baseline window: ignored
    log += [meeting(7 * i, agenda_by="leader") for i in range(4)]
    log += [meeting(28 + 7 * i, agenda_by="leader") for i in range(4)]
    effect = M.experiment_effect(experiment(), log, today=day(60))
    assert effect.before_n == 4 and effect.before == 0.0


def test_experiment_not_started_has_too_few():
    effect = M.experiment_effect(experiment(start=100, end=120), weekly(10), today=day(63))
    assert effect.during_n == 0 and effect.verdict == "too_few"


def test_metric_points_per_metric():
    log = [
        meeting(0, needs=("growth", "support"), leader_rating=4, employee_rating=3),
        meeting(7, status="cancelled"),
        meeting(14, needs=("growth",)),
        meeting(17),
    ]
    assert M.metric_points("needs_rotation", log, today=day(20)) == [
        (day(0), 2.0),
        (day(14), 1.0),
        (day(17), 0.0),
    ]
    # cadence: 1 when the held meeting came on time after the previous held one
    assert M.metric_points("cadence", log, today=day(20)) == [(day(14), 0.0), (day(17), 1.0)]
    assert M.metric_points("employee_rating", log, today=day(20)) == [(day(0), 3.0)]
    with pytest.raises(ValueError, match="Unknown metric"):
        M.metric_points("mood", log, today=day(20))


def test_follow_through_experiment_counts_commitments():
    items = [commitment(i, i % 2 == 0) for i in range(10)]
    points = M.metric_points("follow_through", [], today=day(20), commitments=items)
    assert len(points) == 10 and points[0] == (day(0), 1.0)


# ---------------------------------------------------------------- summary and properties


def test_summarise_covers_everyone_and_each_person():
    today = dt.date(2026, 11, 22)
    records = demo_records(today=today)
    summary = M.summarise(
        records["meetings"], records["commitments"], records["experiments"], today=today
    )
    assert set(summary.people) == {m.person for m in records["meetings"]}
    assert summary.overall.cadence.held == sum(p.cadence.held for p in summary.people.values())
    assert [e.verdict for e in summary.experiments] == ["better"]


def test_summarise_of_empty_log():
    summary = M.summarise([], today=day(0))
    assert summary.people == {} and summary.overall.talk.latest is None


def test_people_are_sorted_case_insensitively():
    assert M.people([meeting(0, "bo"), meeting(0, "Ana"), meeting(1, "bo")]) == ["Ana", "bo"]


logs = st.lists(
    st.tuples(
        st.integers(0, 120),
        st.sampled_from(("A", "B")),
        st.sampled_from(("held", "held", "rescheduled", "cancelled")),
        st.one_of(st.none(), st.integers(0, 100)),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(logs)
def test_scores_stay_in_range(rows):
    log = [meeting(o, p, s, talk_share=t) for o, p, s, t in rows]
    c = M.cadence(log, today=day(130))
    assert c.consistency is None or 0.0 <= c.consistency <= 1.0
    assert c.on_time <= c.judged
    assert c.held + c.rescheduled + c.cancelled == len(log)
    talk = M.talk_share(log)
    assert all(0 <= v <= 100 for v in talk.rolling)
    rotation = M.needs_rotation(log)
    assert all(u.meetings_since <= rotation.held for u in rotation.uses)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), max_size=30), st.integers(1, 8))
def test_rolling_mean_matches_a_plain_mean(values, window):
    rolling = M.rolling_mean(values, window=window)
    for i, value in enumerate(rolling):
        chunk = values[max(0, i - window + 1) : i + 1]
        assert value == pytest.approx(sum(chunk) / len(chunk), abs=1e-6)


# ---------------------------------------------------------------- the shape of the answers


def test_summarise_returns_a_frozen_summary_per_person_worked_by_hand():
    # Ana: weekly on days 0, 7, 14 (on time twice). Bo: days 0 and 14, 14 days apart > 7 + 2.
    log = weekly(3, "Ana", talk_share=30) + [meeting(0, "Bo"), meeting(14, "Bo", talk_share=60)]
    exp = experiment("talk_share", start=7, end=14)
    summary = M.summarise(log, [commitment(3, True, person="Bo")], [exp], today=day(14))
    assert isinstance(summary, M.LogSummary)
    assert list(summary.people) == ["Ana", "Bo"]
    assert summary.overall.cadence.held == 5
    assert [(g.person, g.days) for g in summary.overall.cadence.gaps] == [("Bo", 14)]
    assert summary.people["Ana"].cadence.consistency == 1.0
    assert summary.people["Bo"].cadence.consistency == 0.0
    assert summary.people["Ana"].talk.values == (30.0, 30.0, 30.0)
    assert summary.people["Bo"].follow.total.rate == 1.0
    assert summary.people["Ana"].follow.total.due == 0
    # talk share before day 7: Ana's 30 (Bo's first has none); during 7..14: 30, 30 and 60
    (effect,) = summary.experiments
    assert (effect.before_n, effect.during_n, effect.verdict) == (1, 3, "too_few")
    assert (effect.before, effect.during) == (30.0, 40.0)
    with pytest.raises(AttributeError):
        summary.overall = None  # frozen


def test_metric_points_are_named_date_value_pairs():
    points = M.metric_points("talk_share", [meeting(0, talk_share=25)], today=day(1))
    assert points == [M.Point(date=day(0), value=25.0)]
    assert (points[0].date, points[0].value) == (day(0), 25.0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: M.cadence(weekly(2), day(7)),
        lambda: M.needs_rotation(weekly(2), 3),
        lambda: M.needs_by_month(weekly(2), "Sam"),
        lambda: M.agenda_ownership(weekly(2), 3),
        lambda: M.talk_share(weekly(2), 3),
        lambda: M.follow_through([], day(7)),
        lambda: M.perception_gap(weekly(2), 3),
        lambda: M.metric_points("cadence", weekly(2), day(7)),
        lambda: M.experiment_effect(experiment(), weekly(2), day(7)),
        lambda: M.rolling_mean([1.0], 3),
        lambda: M.commitment_state(commitment(0, None), day(7)),
    ],
)
def test_today_person_and_window_are_keyword_only(call):
    with pytest.raises(TypeError):
        call()
