"""Record validation: every problem found at once, each tied to its field, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_kit.model import (
    NEEDS,
    Assessment,
    Commitment,
    Experiment,
    FieldProblem,
    Meeting,
    RecordError,
    Reflection,
    parse_date,
)

TODAY = dt.date(2026, 11, 22)
GOOD = dict(date="2026-03-03", person="Sam", planned_minutes=30)


def meeting(**changes) -> Meeting:
    return Meeting.create(today=TODAY, **{**GOOD, **changes})


def problems(**changes) -> dict[str, FieldProblem]:
    with pytest.raises(RecordError) as info:
        meeting(**changes)
    return info.value.by_field()


def only_problem(**changes) -> FieldProblem:
    found = problems(**changes)
    assert len(found) == 1, found
    return next(iter(found.values()))


# ---- dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["2026-03-03", "03-03-2026", "3-3-2026", "03/03/2026", "03.03.2026", " 2026-03-03 "]
)
def test_iso_and_day_first_dates_are_read(text):
    assert meeting(date=text).date == dt.date(2026, 3, 3)


def test_date_and_datetime_objects_are_accepted():
    assert parse_date(dt.date(2026, 3, 3)) == dt.date(2026, 3, 3)
    assert parse_date(dt.datetime(2026, 3, 3, 14, 30)) == dt.date(2026, 3, 3)


@pytest.mark.parametrize("text", ["2026-02-30", "31-04-2026", "03/03/26", "yesterday", "2026"])
def test_unreadable_date_is_a_date_format_problem(text):
    problem = only_problem(date=text)
    assert (problem.field, problem.key) == ("date", "error.date_format")
    assert text in problem.message("en")
    assert text in problem.message("nl")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_date_is_required(value):
    problem = only_problem(date=value)
    assert (problem.field, problem.key) == ("date", "error.required")


def test_date_more_than_366_days_ahead_is_refused():
    # Not "held": a held meeting in the future is refused for its own reason (issue 13).
    ahead = meeting(date=TODAY + dt.timedelta(days=366), status="rescheduled")
    assert ahead.date == TODAY + dt.timedelta(days=366)
    problem = only_problem(date=(TODAY + dt.timedelta(days=367)).isoformat(), status="cancelled")
    assert (problem.field, problem.key) == ("date", "error.date_far_future")
    assert "366" in problem.message("en") and "366" in problem.message("nl")


def test_date_before_2000_is_too_old():
    assert meeting(date="2000-01-01").date == dt.date(2000, 1, 1)
    problem = only_problem(date="31-12-1999")
    assert (problem.field, problem.key) == ("date", "error.date_too_old")
    assert "2000-01-01" in problem.message("nl")


def test_without_today_any_future_date_is_accepted():
    assert Meeting.create(**{**GOOD, "date": "2099-01-01"}).date == dt.date(2099, 1, 1)


# ---- minutes -------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [0, -5, 481, "0", "481"])
def test_planned_minutes_outside_1_to_480_are_refused(value):
    problem = only_problem(planned_minutes=value)
    assert (problem.field, problem.key) == ("planned_minutes", "error.out_of_range")
    assert problem.values["low"] == 1 and problem.values["high"] == 480


@pytest.mark.parametrize(
    "value,expected", [(1, 1), (480, 480), ("45", 45), ("30,0", 30), (" 60 ", 60), (30.0, 30)]
)
def test_planned_minutes_accept_whole_numbers_as_text(value, expected):
    assert meeting(planned_minutes=value).planned_minutes == expected


@pytest.mark.parametrize("value", ["abc", "30.5", "1e400", True, "nan"])
def test_planned_minutes_that_are_not_whole_numbers_are_refused(value):
    problem = only_problem(planned_minutes=value)
    assert (problem.field, problem.key) == ("planned_minutes", "error.not_a_number")


def test_planned_minutes_are_required():
    assert only_problem(planned_minutes="").key == "error.required"


@pytest.mark.parametrize("value", [0, 481])
def test_actual_minutes_outside_1_to_480_are_refused(value):
    problem = only_problem(actual_minutes=value)
    assert (problem.field, problem.key) == ("actual_minutes", "error.out_of_range")


def test_held_meeting_without_actual_minutes_took_the_planned_time():
    assert meeting(planned_minutes=45).actual_minutes == 45
    assert meeting(planned_minutes=45, actual_minutes="50").actual_minutes == 50


@pytest.mark.parametrize("status", ["cancelled", "rescheduled"])
def test_cancelled_or_rescheduled_meeting_has_no_actual_minutes(status):
    m = meeting(status=status, actual_minutes=30)
    assert m.actual_minutes is None
    assert not m.held
    assert meeting(status=status).actual_minutes is None


# ---- choices -------------------------------------------------------------------------------
def test_unknown_need_is_refused_and_named():
    problem = only_problem(needs="guidance; gossip")
    assert (problem.field, problem.key) == ("needs", "error.unknown_need")
    assert "gossip" in problem.message("en") and "gossip" in problem.message("nl")
    assert "guidance" in problem.values["options"]


def test_needs_come_back_in_canonical_order_without_duplicates():
    assert meeting(needs="support; Guidance, guidance ,feedback").needs == (
        "guidance",
        "feedback",
        "support",
    )
    assert meeting(needs=["support", "growth", "support"]).needs == ("growth", "support")
    assert meeting(needs=list(reversed(NEEDS))).needs == NEEDS
    assert meeting(needs="").needs == ()
    assert meeting(needs=None).needs == ()


def test_needs_of_the_wrong_type_are_a_problem_not_a_crash():
    problem = only_problem(needs=5)
    assert (problem.field, problem.key) == ("needs", "error.unknown_need")


def test_unknown_status_is_refused():
    problem = only_problem(status="postponed")
    assert (problem.field, problem.key) == ("status", "error.unknown_choice")
    assert "held, rescheduled, cancelled" in problem.message("en")


def test_status_is_case_insensitive_and_defaults_to_held():
    assert meeting(status=" Cancelled ").status == "cancelled"
    assert meeting().status == "held"


def test_unknown_agenda_owner_is_refused():
    problem = only_problem(agenda_by="boss")
    assert (problem.field, problem.key) == ("agenda_by", "error.unknown_choice")
    assert meeting(agenda_by="Employee").agenda_by == "employee"
    assert meeting(agenda_by="").agenda_by is None


# ---- ratings and talk share ----------------------------------------------------------------
@pytest.mark.parametrize("name", ["leader_rating", "employee_rating"])
@pytest.mark.parametrize("value", [0, 6, "-1"])
def test_rating_outside_1_to_5_is_refused(name, value):
    problem = only_problem(**{name: value})
    assert (problem.field, problem.key) == (name, "error.out_of_range")


@pytest.mark.parametrize("name", ["leader_rating", "employee_rating"])
def test_rating_of_1_to_5_or_blank_is_accepted(name):
    assert getattr(meeting(**{name: 1}), name) == 1
    assert getattr(meeting(**{name: "5"}), name) == 5
    assert getattr(meeting(**{name: ""}), name) is None


@pytest.mark.parametrize("value", [-1, 101, "150"])
def test_talk_share_outside_0_to_100_is_refused(value):
    problem = only_problem(talk_share=value)
    assert (problem.field, problem.key) == ("talk_share", "error.out_of_range")


def test_talk_share_of_0_and_100_is_accepted():
    assert meeting(talk_share=0).talk_share == 0
    assert meeting(talk_share="100").talk_share == 100


# ---- text ----------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [None, "", "   ", "\t\n"])
def test_empty_or_whitespace_person_is_required(value):
    problem = only_problem(person=value)
    assert (problem.field, problem.key) == ("person", "error.required")


def test_person_is_trimmed_and_limited_to_80_characters():
    assert meeting(person="  Zoë van Dijk  ").person == "Zoë van Dijk"
    problem = only_problem(person="x" * 81)
    assert (problem.field, problem.key) == ("person", "error.too_long")


def test_notes_over_10000_characters_are_refused():
    assert len(meeting(notes="n" * 10_000).notes) == 10_000
    problem = only_problem(notes="n" * 10_001)
    assert (problem.field, problem.key) == ("notes", "error.too_long")
    assert problem.values == {"max": 10_000, "length": 10_001}
    assert "10001" in problem.message("en") and "10000" in problem.message("nl")


# ---- all at once, both languages -----------------------------------------------------------
def test_every_problem_is_reported_at_once_with_its_field():
    with pytest.raises(RecordError) as info:
        Meeting.create(
            today=TODAY,
            date="30-02-2026",
            person=" ",
            planned_minutes=0,
            status="maybe",
            agenda_by="boss",
            needs="gossip",
            talk_share=101,
            leader_rating=9,
            employee_rating=0,
            notes="n" * 10_001,
        )
    fields = [p.field for p in info.value.problems]
    assert sorted(fields) == sorted(
        [
            "date",
            "person",
            "planned_minutes",
            "status",
            "agenda_by",
            "needs",
            "talk_share",
            "leader_rating",
            "employee_rating",
            "notes",
        ]
    )
    text = str(info.value)
    assert all(f"{name}:" in text for name in fields)


def test_problem_messages_exist_in_english_and_dutch():
    with pytest.raises(RecordError) as info:
        Meeting.create(
            today=TODAY,
            date="2030-01-01",
            person="",
            planned_minutes="x",
            needs="gossip",
            talk_share=-1,
        )
    err = info.value
    english, dutch = err.messages("en"), err.messages("nl")
    assert len(english) == len(dutch) == len(err.problems) == 5
    for en, nl in zip(english, dutch):
        assert en and nl and en != nl
        assert "{" not in en and "{" not in nl  # every placeholder was filled
    assert "This field is needed." in english
    assert "Dit veld is verplicht." in dutch


def test_by_field_keeps_the_first_problem_per_field():
    err = RecordError(
        [
            FieldProblem("date", "error.required"),
            FieldProblem("date", "error.date_too_old", {"earliest": "2000-01-01"}),
            FieldProblem("person", "error.required"),
        ]
    )
    assert {k: p.key for k, p in err.by_field().items()} == {
        "date": "error.required",
        "person": "error.required",
    }


# ---- identity and serialisation ------------------------------------------------------------
def test_uid_is_kept_when_given_and_unique_otherwise():
    assert meeting(uid=" abc ").uid == "abc"
    assert meeting().uid != meeting().uid


def test_meeting_to_dict_is_json_ready():
    data = meeting(needs="support,guidance", experiment="exp-1").to_dict()
    assert data["date"] == "2026-03-03"
    assert data["needs"] == ["guidance", "support"]
    assert data["experiment"] == "exp-1"
    assert Meeting.create(
        today=TODAY, **{k: v for k, v in data.items() if k != "schema_version"}
    ) == meeting(needs="support,guidance", experiment="exp-1", uid=data["uid"])


# ---- other records -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        ("ja", True),
        ("kept", True),
        ("Yes", True),
        (True, True),
        ("nee", False),
        ("not kept", False),
        ("0", False),
        ("", None),
        (None, None),
    ],
)
def test_commitment_kept_reads_yes_and_no_in_both_languages(text, expected):
    c = Commitment.create(today=TODAY, person="Sam", text="Send plan", kept=text)
    assert c.kept is expected


@pytest.mark.parametrize("value", [1, 0, 1.0, ["yes"], {"kept": True}])
def test_commitment_kept_never_guesses_from_a_number_or_a_list(value):
    # Issue 11: types are strict. A JSON number or list is refused, not read as yes or no.
    with pytest.raises(RecordError) as info:
        Commitment.create(today=TODAY, person="Sam", text="Send plan", kept=value)
    assert [(p.field, p.key) for p in info.value.problems] == [("kept", "error.not_yes_no")]


def test_commitment_problems_are_reported_together():
    with pytest.raises(RecordError) as info:
        Commitment.create(
            today=TODAY, person="", text=" ", owner="team", kept="maybe", due="2030-01-01"
        )
    assert {p.field: p.key for p in info.value.problems} == {
        "person": "error.required",
        "text": "error.required",
        "owner": "error.unknown_choice",
        "kept": "error.not_yes_no",
        "due": "error.date_far_future",
    }


def test_experiment_end_before_start_is_refused():
    base = dict(what="Employee sets the agenda", metric="agenda_ownership")
    for end in ("2026-03-01", "2026-03-03"):
        with pytest.raises(RecordError) as info:
            Experiment.create(today=TODAY, start="2026-03-03", end=end, **base)
        [problem] = info.value.problems
        assert (problem.field, problem.key) == ("end", "error.end_before_start")
        assert problem.message("nl") == "De einddatum moet na de begindatum liggen."
    ok = Experiment.create(today=TODAY, start="03-03-2026", end="2026-04-03", **base)
    assert (ok.start, ok.end) == (dt.date(2026, 3, 3), dt.date(2026, 4, 3))


def test_experiment_baseline_accepts_decimal_comma_and_checks_metric():
    base = dict(what="x", start="2026-03-03", end="2026-04-03")
    assert Experiment.create(metric="talk_share", baseline="0,25", **base).baseline == 0.25
    with pytest.raises(RecordError) as info:
        Experiment.create(metric="vibes", baseline="lots", verdict="maybe", **base)
    assert {p.field: p.key for p in info.value.problems} == {
        "metric": "error.unknown_choice",
        "baseline": "error.not_a_number",
        "verdict": "error.unknown_choice",
    }


def test_assessment_checks_each_answer_against_the_scale():
    a = Assessment.create(
        kind="needs", answers={"growth": "4", "support": 1}, taken_at="2026-03-03T09:00:00"
    )
    assert a.answers == {"growth": 4, "support": 1}
    assert a.taken_at == dt.datetime(2026, 3, 3, 9)
    with pytest.raises(RecordError) as info:
        Assessment.create(kind="needs", answers={"growth": 6, "support": 0}, taken_at="soon")
    assert sorted(p.field for p in info.value.problems) == [
        "answers.growth",
        "answers.support",
        "taken_at",
    ]
    with pytest.raises(RecordError) as info:
        Assessment.create(kind="", answers={})
    assert sorted(p.field for p in info.value.problems) == ["answers", "kind"]


def test_reflection_needs_a_prompt_and_text():
    r = Reflection.create(
        prompt="mindset.whose_meeting", text=" theirs ", saved_at="2026-03-03T10:00:00"
    )
    assert (r.text, r.saved_at) == ("theirs", dt.datetime(2026, 3, 3, 10))
    with pytest.raises(RecordError) as info:
        Reflection.create(prompt="", text="")
    assert sorted(p.field for p in info.value.problems) == ["prompt", "text"]


@pytest.mark.parametrize("value", [5, "soon", ["2026-03-03"], "2026-13-01T09:00"])
def test_timestamps_that_are_not_moments_are_problems_not_stored(value):
    with pytest.raises(RecordError) as info:
        Assessment.create(kind="needs", answers={"growth": 3}, taken_at=value)
    assert [(p.field, p.key) for p in info.value.problems] == [("taken_at", "error.date_format")]
    with pytest.raises(RecordError) as info:
        Reflection.create(prompt="p", text="t", saved_at=value)
    assert [(p.field, p.key) for p in info.value.problems] == [("saved_at", "error.date_format")]


def test_timestamps_accept_a_date_and_default_to_now():
    a = Assessment.create(kind="needs", answers={"growth": 3}, taken_at=dt.date(2026, 3, 3))
    assert a.taken_at == dt.datetime(2026, 3, 3)
    before = dt.datetime.now().replace(microsecond=0)
    r = Reflection.create(prompt="p", text="t")
    assert before <= r.saved_at <= dt.datetime.now()
