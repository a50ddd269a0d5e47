"""Each person's cadence, what the agenda is based on, and when an experiment can be judged."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_kit import cli
from oneonone_kit.charts import report
from oneonone_kit.charts.report_data import name_map
from oneonone_kit.insight.agenda import propose_agenda
from oneonone_kit.insight.cadence import unusable_intervals
from oneonone_kit.insight.outcomes import expected_per_day, experiment_effect, readiness
from oneonone_kit.log.store import Store
from oneonone_kit.model import Experiment, Meeting

MON = dt.date(2026, 1, 5)


def meeting(offset: int, person: str = "Sam", **kw) -> Meeting:
    return Meeting(date=MON + dt.timedelta(days=offset), person=person, planned_minutes=30, **kw)


def test_unusable_stored_intervals_are_left_out_and_named():
    store = Store.memory()
    store.set_interval("Sam", 14)
    for person, raw in (("Kim", "fortnight"), ("Bo", "0"), ("Jo", "93"), ("Al", "-3")):
        store.set_setting(f"person:{person}:interval_days", raw)
    store.set_setting("person:Ed:interval_days", "92")  # the highest allowed
    assert store.intervals() == {"Sam": 14, "Ed": 92}
    assert unusable_intervals(store.bad_settings()) == {
        "Kim": "fortnight",
        "Bo": "0",
        "Jo": "93",
        "Al": "-3",
    }
    with pytest.raises(ValueError):
        store.set_interval("Sam", 93)


def test_a_first_meeting_agenda_for_a_name_not_in_the_log():
    agenda = propose_agenda("Noor", [meeting(0)], [], today=MON)
    assert (agenda.logged, agenda.last_met, agenda.first) == (0, None, True)
    assert agenda.need == "relationship"


def test_the_agenda_knows_the_last_held_meeting_and_when_the_next_is_due():
    log = [meeting(0), meeting(14), meeting(28, status="cancelled")]
    agenda = propose_agenda("Sam", log, [], today=MON + dt.timedelta(30), interval_days={"Sam": 14})
    # three logged, the last held on day 14; every 14 days -> due on day 28
    assert (agenda.logged, agenda.last_met) == (3, MON + dt.timedelta(14))
    assert agenda.next_due == MON + dt.timedelta(28)


def test_the_pace_adds_each_recent_persons_cadence():
    log = [meeting(0, "Sam"), meeting(0, "Kim"), meeting(-100, "Old")]
    today = MON + dt.timedelta(7)
    # Old was last met more than eight weeks ago, so only Sam (14) and Kim (7) count.
    pace = expected_per_day(log, today=today, interval_days={"Sam": 14, "Kim": 7})
    assert pace == pytest.approx(1 / 14 + 1 / 7)
    assert expected_per_day([], today=today) == pytest.approx(1 / 7)


@pytest.mark.parametrize(
    "during_offsets, judge_offset, too_late",
    [
        ((), 28, False),  # 4 needed at 1 a week: 28 days after the start
        ((0, 7, 14), 21, False),  # 1 more at 1 a week, from today (day 14): day 21
        ((0, 7, 14, 21), 21, False),  # enough: today
    ],
)
def test_readiness_says_what_each_side_still_needs(during_offsets, judge_offset, too_late):
    before = [meeting(-21, agenda_by="leader"), meeting(-14, agenda_by="leader")]
    during = [meeting(d, agenda_by="employee") for d in during_offsets]
    exp = Experiment(what="x", start=MON, end=MON + dt.timedelta(56), metric="agenda_ownership")
    today = MON + dt.timedelta(max(during_offsets, default=0))
    effect = experiment_effect(exp, before + during, today=today)
    r = readiness(effect, today=today, per_day=1 / 7)
    assert r.before_needed == 2 and r.during_needed == 4 - len(during)
    assert r.judge_from == MON + dt.timedelta(judge_offset) and r.too_late is too_late


def test_readiness_is_too_late_when_the_experiment_ends_first():
    exp = Experiment(what="x", start=MON, end=MON + dt.timedelta(14), metric="agenda_ownership")
    effect = experiment_effect(exp, [meeting(0, agenda_by="employee")], today=MON)
    r = readiness(effect, today=MON, per_day=1 / 7)
    # 3 more at one a week: day 21, after the end on day 14
    assert (r.during_needed, r.judge_from, r.too_late) == (3, MON + dt.timedelta(21), True)


def test_demo_people_keep_their_mark_when_renamed():
    people = ["Alex (demo)", "Sam"]
    assert name_map(people, "initials", demo=["Alex (demo)"]) == {
        "Alex (demo)": "A. (demo)",
        "Sam": "S.",
    }
    assert name_map(people, "pseudonyms", "nl", demo=["Alex (demo)"])["Alex (demo)"].endswith(
        "(demo)"
    )


def test_report_uses_each_persons_cadence_and_says_so_for_a_bad_one():
    log = [meeting(d) for d in (0, 14, 28)]
    today = MON + dt.timedelta(28)
    weekly = report.markdown_report(log, today=today)
    fortnightly = report.markdown_report(log, today=today, interval_days={"Sam": 14})
    # two intervals of 14 days: late for 7 (+2 tolerance), on time for 14
    assert "| Sam | 7 | 3 |" in weekly and "| 0% |" in weekly
    assert "| Sam | 14 | 3 |" in fortnightly and "| 100% |" in fortnightly
    noted = report.markdown_report(log, today=today, bad_intervals=["Sam"])
    assert "The cadence stored for Sam cannot be used, so 7 days is used instead." in noted


def test_person_list_shows_defaults_and_unusable_values(tmp_home, capsys):
    assert cli.main(["person", "set", "Sam", "--every", "14"]) == 0
    assert (
        cli.main(["log", "add", "--date", "2026-11-20", "--person", "Kim", "--planned", "30"]) == 0
    )
    with Store.open() as store:
        store.set_setting("person:Bo:interval_days", "x")
    capsys.readouterr()
    assert cli.main(["person", "list"]) == 0
    out, err = capsys.readouterr()
    rows = {line.split()[0]: line.split() for line in out.splitlines()[2:5]}
    assert rows["Sam"][1] == "14" and rows["Kim"][1:3] == ["7", "*"] and rows["Bo"][1] == "7"
    assert "* not set: 7 days is assumed" in out
    assert "The cadence stored for Bo cannot be used" in err
    assert cli.main(["person", "set", "Sam", "--every", "93"]) == 2


@pytest.mark.parametrize(
    "statuses, words",
    [
        (("cancelled",), "One meeting logged with Sam, not held yet: a first-meeting agenda."),
        (("cancelled",) * 2, "2 meetings logged with Sam, none of them held yet"),
        (("held",), "Based on the one meeting logged with Sam, on Mon 5 Jan 2026."),
    ],
)
def test_the_agenda_says_what_it_is_based_on(statuses, words):
    from oneonone_kit.ui.agenda import basis_text

    log = [meeting(7 * i, status=s) for i, s in enumerate(statuses)]
    agenda = propose_agenda("Sam", log, [], today=MON + dt.timedelta(14))
    assert words in basis_text(agenda, "en")
