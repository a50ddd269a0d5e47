"""The role-play trio without widgets: rotation, round timer, question tally, talk clock,
talk share and the round summary, all driven by a fake clock."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from oneonone_kit.coach import trio


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_after_three_rounds_everyone_has_played_every_role():
    names = ["Ana", "Ben", "Cas"]
    rounds = [trio.roles_for_round(names, number) for number in (1, 2, 3)]
    for name in names:
        assert sorted(r for played in rounds for r, who in played.items() if who == name) == sorted(
            trio.ROLES
        )
    for played in rounds:
        assert sorted(played.values()) == sorted(names)  # three different people each round


def test_the_first_round_follows_the_order_of_the_names_and_round_four_starts_again():
    names = ["Ana", "Ben", "Cas"]
    assert trio.roles_for_round(names, 1) == {"leader": "Ana", "employee": "Ben", "observer": "Cas"}
    assert trio.roles_for_round(names, 2) == {"leader": "Cas", "employee": "Ana", "observer": "Ben"}
    assert trio.roles_for_round(names, 4) == trio.roles_for_round(names, 1)


def test_a_trio_needs_exactly_three_people():
    with pytest.raises(ValueError, match="3 people"):
        trio.roles_for_round(["Ana", "Ben"], 1)


def test_talk_clock_books_time_to_whoever_was_speaking(clock):
    talk = trio.TalkClock(clock)
    talk.speak("leader")
    clock.advance(30)
    talk.speak("employee")
    clock.advance(90)
    assert talk.seconds() == {"leader": 30.0, "employee": 90.0}
    talk.pause()
    clock.advance(500)  # a silence that belongs to nobody
    assert talk.seconds() == {"leader": 30.0, "employee": 90.0}
    talk.speak("leader")
    clock.advance(10)
    assert talk.seconds() == {"leader": 40.0, "employee": 90.0}
    assert talk.speaker == "leader"


def test_pressing_the_same_speaker_twice_does_not_double_count(clock):
    talk = trio.TalkClock(clock)
    talk.speak("employee")
    clock.advance(20)
    talk.speak("employee")
    clock.advance(20)
    assert talk.seconds()["employee"] == 40.0


def test_talk_clock_rejects_an_unknown_speaker_and_resets_to_zero(clock):
    talk = trio.TalkClock(clock)
    with pytest.raises(ValueError):
        talk.speak("observer")
    talk.speak("leader")
    clock.advance(5)
    talk.reset()
    assert talk.seconds() == {"leader": 0.0, "employee": 0.0}
    assert talk.speaker is None and talk.shares() is None


def test_talk_share_text_adds_up_to_one_hundred_percent(clock):
    talk = trio.TalkClock(clock)
    assert trio.talk_share_text(talk.shares(), "en") == "Tap who is speaking to start the clock."
    talk.speak("leader")
    clock.advance(38)
    talk.speak("employee")
    clock.advance(62)
    assert trio.talk_share_text(talk.shares(), "en") == "Leader 38% · Employee 62%"
    assert trio.talk_share_text(talk.shares(), "nl") == "Leidinggevende 38% · Medewerker 62%"
    thirds = {"leader": 1 / 3, "employee": 2 / 3}
    assert sum(trio.rounded_percentages(thirds).values()) == 100


def test_talk_share_verdict_follows_the_workshop_target():
    def verdict(employee: float) -> str | None:
        return trio.talk_share_verdict({"leader": 1 - employee, "employee": employee})

    assert verdict(0.4) == "obs.share_low"
    assert verdict(0.55) == "obs.share_fair"
    assert verdict(0.7) == "obs.share_ideal"
    assert verdict(0.95) == "obs.share_high"
    assert trio.talk_share_verdict(None) is None


def test_question_tally_counts_and_undoes_the_last_tap():
    tally = trio.QuestionTally()
    assert tally.tap("open") == 1
    tally.tap("open")
    tally.tap("advice")
    assert tally.counts["open"] == 2 and tally.counts["advice"] == 1 and tally.total == 3
    assert tally.undo() == "advice"
    assert tally.counts["advice"] == 0
    assert tally.undo() == "open" and tally.undo() == "open"
    assert tally.undo() is None
    assert tally.total == 0


def test_question_tally_rejects_an_unknown_kind_and_resets():
    tally = trio.QuestionTally()
    with pytest.raises(ValueError):
        tally.tap("rhetorical")
    tally.tap("how_help")
    tally.reset()
    assert tally.total == 0 and tally.undo() is None


def test_countdown_runs_down_and_finishes_at_zero(clock):
    timer = trio.Countdown(10, clock)
    assert timer.remaining() == 600 and not timer.running and not timer.finished
    timer.start()
    clock.advance(125)
    assert timer.remaining() == 475 and timer.running
    assert trio.format_seconds(timer.remaining()) == "7:55"
    clock.advance(1000)
    assert timer.remaining() == 0 and timer.finished and not timer.running
    timer.stop()
    assert timer.remaining() == 600 and not timer.finished


def test_format_seconds_never_goes_negative():
    assert trio.format_seconds(0) == "0:00"
    assert trio.format_seconds(-3) == "0:00"
    assert trio.format_seconds(3599) == "59:59"


def _summary(lang: str = "en", feedback: str = "The silence helped me think.") -> str:
    return trio.round_summary(
        employee_feedback=feedback,
        observer_notes='Leader said: "what else?" twice.',
        counts={"open": 4, "closed": 1, "leading": 0, "advice": 2, "follow_up": 3, "how_help": 1},
        seconds={"leader": 120.0, "employee": 280.0},
        checks={"commitment": True, "next_step": False, "summary": True},
        day=dt.date(2026, 11, 22),
        lang=lang,
    )


def test_summary_puts_the_employee_feedback_before_the_observer():
    text = _summary()
    employee = text.index("Feedback from the employee")
    feedback = text.index("The silence helped me think.")
    observer = text.index("What the observer saw")
    assert employee < feedback < observer
    assert text.index("Questions the leader asked") > observer
    assert text.startswith("# Role-play round, Sun 22 Nov 2026")


def test_summary_lists_counts_talk_time_and_the_close():
    text = _summary()
    assert "- Open: 4" in text and "- Advice as a question: 2" in text
    assert '- "How can I help?": 1' in text
    assert "Leader 30% · Employee 70% (leader 2:00, employee 4:40)" in text
    assert "range to aim for" in text
    assert "- [x] A commitment was made" in text
    assert "- [ ] The employee owns the next step" in text


def test_summary_marks_empty_feedback_and_untimed_rounds_in_dutch():
    text = trio.round_summary(
        employee_feedback="  ",
        observer_notes="",
        counts={},
        seconds={"leader": 0.0, "employee": 0.0},
        checks={},
        day=dt.date(2026, 11, 22),
        lang="nl",
    )
    assert text.index("Feedback van de medewerker") < text.index("Wat de observator zag")
    assert text.count("(niets opgeschreven)") == 2
    assert "Deze ronde niet getimed." in text
    assert "- Open: 0" in text


def test_ticker_calls_back_until_stopped_and_its_thread_ends():
    calls = []
    ticker = trio.Ticker(lambda: calls.append(1), interval=0.01)
    ticker.start()
    ticker.start()  # a second start while running changes nothing
    deadline = time.monotonic() + 2
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    ticker.stop()
    assert len(calls) >= 3
    assert not ticker.alive and not ticker.running
    assert not [t for t in threading.enumerate() if t.name == "oo-tick"]


def test_ticker_survives_a_failing_callback_and_can_stop_itself():
    seen = []

    def callback() -> None:
        seen.append(1)
        if len(seen) == 1:
            raise RuntimeError("boom")
        ticker.stop()  # from inside its own thread: must not deadlock

    ticker = trio.Ticker(callback, interval=0.01, name="oo-tick-self")
    ticker.start()
    deadline = time.monotonic() + 2
    while ticker.alive and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not ticker.alive
    assert isinstance(ticker.last_error, RuntimeError) and len(seen) == 2


def test_ticker_threads_are_daemons():
    ticker = trio.Ticker(lambda: None, interval=10)
    ticker.start()
    try:
        assert ticker._thread is not None and ticker._thread.daemon
    finally:
        ticker.stop()
    assert not ticker.alive
