"""``oneonone log edit/delete``, the duplicate guard of ``log add`` and ``oneonone commitment``."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest
from kit_helpers import run

from oneonone_kit.log.store import Store
from oneonone_kit.model import Commitment, Meeting

TODAY = "2026-12-02"


@pytest.fixture(autouse=True)
def home(tmp_home, monkeypatch):
    """Every test in a throw-away home; this file's log runs into December."""
    monkeypatch.setenv("ONEONONE_TODAY", TODAY)
    return tmp_home


def seed(*records) -> None:
    with Store.open() as store:
        for record in records:
            store.add(record)


def stored():
    with Store.open() as store:
        return store.meetings(), store.commitments()


SAM = Meeting(
    date=dt.date(2026, 12, 1),
    person="Sam",
    planned_minutes=30,
    actual_minutes=30,
    uid="3f2a9c1d00000000000000000000aaaa",
)
ROBIN = Meeting(
    date=dt.date(2026, 11, 24),
    person="Robin",
    planned_minutes=45,
    actual_minutes=40,
    uid="3f2a9c1e00000000000000000000bbbb",
)


def test_log_list_shows_short_ids_that_log_edit_accepts(capsys):
    seed(SAM, ROBIN)
    code, out, _ = run(capsys, "log", "list")
    assert code == 0
    # 3f2a9c1d / 3f2a9c1e differ in the 8th character, so 8 characters are enough.
    assert out.splitlines()[0].startswith("ID")
    assert "3f2a9c1d  " in out and "3f2a9c1e  " in out
    code, out, _ = run(capsys, "log", "edit", "3f2a9c1d", "--actual", "45", "--notes", "Long")
    assert code == 0 and "Changed: Sam, Tue 1 Dec 2026." in out
    meetings, _ = stored()
    by_person = {m.person: m for m in meetings}
    assert (by_person["Sam"].actual_minutes, by_person["Sam"].notes) == (45, "Long")
    assert by_person["Sam"].planned_minutes == 30 and by_person["Robin"].actual_minutes == 40


def test_log_edit_checks_the_new_values_and_changes_nothing_on_error(capsys):
    seed(SAM)
    code, _, err = run(capsys, "log", "edit", "3f2a", "--date", "2026-12-24")
    assert code == 2
    assert "--date" in err and "after today" in err
    code, _, err = run(capsys, "--lang", "nl", "log", "edit", "3f2a", "--date", "2026-12-24")
    assert code == 2 and "na vandaag" in err
    assert stored()[0] == [SAM]


def test_log_edit_with_nothing_to_change_says_so(capsys):
    seed(SAM)
    code, _, err = run(capsys, "log", "edit", "3f2a9c1d")
    assert code == 2 and "Nothing to change" in err


def test_changing_status_to_cancelled_clears_the_minutes_held(capsys):
    seed(SAM)
    assert run(capsys, "log", "edit", "3f2a9c1d", "--status", "cancelled")[0] == 0
    (meeting,), _ = stored()
    assert (meeting.status, meeting.actual_minutes) == ("cancelled", None)


@pytest.mark.parametrize(
    "lang, ambiguous, unknown",
    [("en", "more than one record", "Nothing in your log"), ("nl", "meer dan één", "Niets")],
)
def test_an_ambiguous_or_unknown_id_is_refused_in_words(capsys, lang, ambiguous, unknown):
    seed(SAM, ROBIN)
    code, _, err = run(capsys, "--lang", lang, "log", "delete", "3f2a")
    assert code != 0 and ambiguous in err and "3f2a9c1d, 3f2a9c1e" in err
    code, _, err = run(capsys, "--lang", lang, "log", "edit", "99", "--notes", "x")
    assert code != 0 and unknown in err and "99" in err
    assert len(stored()[0]) == 2


def test_log_delete_removes_the_meeting_and_its_commitments(capsys):
    promise = Commitment(person="Sam", text="Send the link", meeting=SAM.uid, uid="c" * 32)
    seed(SAM, ROBIN, promise)
    code, out, _ = run(capsys, "log", "delete", "3f2a9c1d", "--yes")
    assert code == 0
    assert "Deleted: Sam, Tue 1 Dec 2026, with the commitments made in it (1)." in out
    meetings, commitments = stored()
    assert [m.person for m in meetings] == ["Robin"] and commitments == []


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "lang, answer, asked, kept",
    [
        ("en", "n\n", "Delete the meeting with Sam on Tue 1 Dec 2026, and the commitment made", 2),
        ("en", "y\n", "Delete the meeting with Sam on Tue 1 Dec 2026, and the commitment made", 1),
        ("nl", "\n", "Het gesprek met Sam op di 1 dec 2026 wissen, met de afspraak", 2),
        ("nl", "ja\n", "Het gesprek met Sam op di 1 dec 2026 wissen, met de afspraak", 1),
    ],
)
def test_log_delete_asks_first_at_a_terminal(capsys, monkeypatch, lang, answer, asked, kept):
    promise = Commitment(person="Sam", text="Send the link", meeting=SAM.uid, uid="c" * 32)
    seed(SAM, ROBIN, promise)
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answer))
    code, out, _ = run(capsys, "--lang", lang, "log", "delete", "3f2a9c1d")
    prompt = {"en": "[y/N]", "nl": "[j/N]"}[lang]
    assert code == 0 and asked in out and prompt in out
    assert len(stored()[0]) == kept


def test_log_delete_of_a_meeting_without_commitments_asks_about_the_meeting(capsys, monkeypatch):
    seed(ROBIN)
    monkeypatch.setattr(sys, "stdin", FakeTerminal("n\n"))
    code, out, _ = run(capsys, "log", "delete", "3f2a9c1e")
    assert code == 0
    assert "Delete the meeting with Robin on Tue 24 Nov 2026? This cannot be undone." in out
    assert "Nothing was deleted." in out and stored()[0] == [ROBIN]


@pytest.mark.parametrize("lang, words", [("en", "not a terminal"), ("nl", "geen terminal")])
def test_log_delete_without_a_terminal_needs_yes(capsys, monkeypatch, lang, words):
    seed(SAM)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "--lang", lang, "log", "delete", "3f2a9c1d")
    assert code == 2 and words in err and "--yes" in err and out == ""
    assert stored()[0] == [SAM]
    assert run(capsys, "log", "delete", "3f2a9c1d", "--yes")[0] == 0
    assert stored()[0] == []


def test_log_add_refuses_the_same_meeting_twice_unless_again(capsys):
    args = ["log", "add", "--date", "2026-12-01", "--person", "Sam", "--planned", "30"]
    assert run(capsys, *args)[0] == 0
    code, _, err = run(capsys, *args)
    assert code == 2 and "already in your log" in err and "--again" in err
    assert len(stored()[0]) == 1
    code, _, err = run(capsys, "--lang", "nl", *args)
    assert code == 2 and "staat al in je logboek" in err
    assert run(capsys, *args, "--again")[0] == 0
    assert len(stored()[0]) == 2
    # other minutes are another meeting
    assert run(capsys, *args[:-1], "45")[0] == 0


def test_log_add_refuses_a_held_meeting_in_the_future(capsys):
    code, _, err = run(
        capsys, "log", "add", "--date", "2026-12-03", "--person", "Sam", "--planned", "30"
    )
    assert code == 2 and "--date" in err and "cannot have been held yet" in err
    assert stored() == ([], [])


def test_commitment_add_list_done_in_words(capsys):
    seed(SAM)
    code, out, _ = run(
        capsys,
        "commitment", "add", "--person", "Sam", "--text", "Send the course link",
        "--who", "me", "--due", "2026-12-09",
    )  # fmt: skip
    assert code == 0 and "Commitment saved for Sam: Send the course link" in out
    (made,) = stored()[1]
    assert (made.owner, made.meeting, str(made.due), made.kept) == (
        "leader",
        SAM.uid,
        "2026-12-09",
        None,
    )
    short = made.uid[:8]
    code, out, _ = run(capsys, "commitment", "list")
    assert code == 0 and short in out and "you do it" in out and "[me]" not in out
    assert "Wed 9 Dec 2026" in out and "open" in out
    code, out, _ = run(capsys, "--lang", "nl", "commitment", "list")
    assert "jij doet het" in out and "wo 9 dec 2026" in out
    code, _, err = run(capsys, "commitment", "done", short)
    assert code == 2 and "--kept or --not-kept" in err
    code, out, _ = run(capsys, "commitment", "done", short, "--kept")
    assert code == 0 and "Marked as kept: Send the course link" in out
    assert stored()[1][0].kept is True
    assert "No open commitments." in run(capsys, "commitment", "list")[1]
    code, out, _ = run(capsys, "commitment", "list", "--all")
    assert short in out and "kept" in out


def test_commitment_add_checks_its_values(capsys):
    code, _, err = run(capsys, "commitment", "add", "--person", "Sam", "--text", " ")
    assert code == 2 and "--text" in err and "This field is needed." in err
    code, _, err = run(
        capsys, "commitment", "add", "--person", "Sam", "--text", "x", "--due", "31-02-2026"
    )
    assert code == 2 and "--due" in err
    assert stored() == ([], [])


def test_commitment_done_not_kept_with_an_employee_commitment(capsys):
    seed(Commitment(person="Sam", text="Draft the plan", owner="employee", uid="e" * 32))
    code, out, _ = run(capsys, "commitment", "list", "--person", "sam")
    assert "Sam does it" in out
    code, out, _ = run(capsys, "--lang", "nl", "commitment", "done", "eeee", "--not-kept")
    assert code == 0 and "Als niet nagekomen gemarkeerd: Draft the plan" in out
    assert stored()[1][0].kept is False


@pytest.mark.parametrize(
    "command",
    [
        ["log", "edit"],
        ["log", "delete"],
        ["commitment"],
        ["commitment", "add"],
        ["commitment", "done"],
        ["commitment", "list"],
    ],
)
@pytest.mark.parametrize("lang, word", [("en", "usage:"), ("nl", "gebruik:")])
def test_new_commands_have_help_in_both_languages(capsys, command, lang, word):
    code, out, _ = run(capsys, "--lang", lang, *command, "--help")
    assert code == 0 and out.lower().startswith(word)


def test_log_edit_offers_the_same_value_options_as_log_add(capsys):
    _, add_help, _ = run(capsys, "log", "add", "--help")
    _, edit_help, _ = run(capsys, "log", "edit", "--help")
    for flag in ("--date", "--person", "--planned", "--actual", "--status", "--notes"):
        assert flag in add_help and flag in edit_help
    assert "--again" in add_help and "--again" not in edit_help


@pytest.mark.parametrize(
    "owner, en, nl",
    [
        ("employee", "Sam does it", "Sam doet het"),
        ("leader", "you do it", "jij doet het"),
        ("both", "you both do it", "jullie doen het samen"),
    ],
)
def test_who_of_a_commitment_is_said_in_words(owner, en, nl):
    promise = Commitment(person="Sam", text="x", owner=owner)
    assert (promise.who("en"), promise.who("nl")) == (en, nl)


def _id_in(text: str) -> str:
    import re

    return re.search(r"\(id (\w+)\)", text).group(1)


def _row_id(listing: str, needle: str) -> str:
    (line,) = [line for line in listing.splitlines() if needle in line]
    return line.split()[0]


def test_three_weeks_by_cli_only_with_corrections_and_commitments(capsys, monkeypatch, tmp_path):
    def on(day: str, *args: str) -> str:
        monkeypatch.setenv("ONEONONE_TODAY", day)
        code, out, err = run(capsys, *args)
        assert code == 0, err
        return out

    add = ["log", "add", "--person", "Sam", "--planned", "30"]
    on("2026-11-02", *add, "--date", "2026-11-02")
    promise = ["commitment", "add", "--person", "Sam"]
    a = _id_in(on("2026-11-02", *promise, "--text", "A", "--who", "me", "--due", "2026-11-09"))
    b = _id_in(on("2026-11-02", *promise, "--text", "B", "--due", "2026-11-09"))
    # week 2: the same meeting typed twice is refused the second time
    on("2026-11-09", *add, "--date", "2026-11-09")
    monkeypatch.setenv("ONEONONE_TODAY", "2026-11-09")
    assert run(capsys, *add, "--date", "2026-11-09")[0] == 2
    on("2026-11-09", "commitment", "done", a, "--kept")
    on("2026-11-09", "commitment", "done", b, "--not-kept")
    on("2026-11-09", *promise, "--text", "C", "--who", "both", "--due", "2026-11-16")
    # week 3: one meeting corrected, one logged by mistake and deleted
    on("2026-11-16", *add, "--date", "2026-11-16", "--actual", "25")
    on("2026-11-16", "log", "add", "--person", "Robin", "--planned", "45", "--date", "2026-11-16")
    listing = on("2026-11-16", "log", "list")
    on("2026-11-16", "log", "edit", _row_id(listing, "25/30"), "--actual", "40")
    on("2026-11-16", "log", "delete", _row_id(listing, "Robin"), "--yes")
    on("2026-11-16", *promise, "--text", "D", "--due", "2026-11-30")

    meetings, commitments = stored()
    assert [(str(m.date), m.person, m.actual_minutes) for m in meetings] == [
        ("2026-11-02", "Sam", 30),
        ("2026-11-09", "Sam", 30),
        ("2026-11-16", "Sam", 40),
    ]
    # every commitment is linked to Sam's latest meeting on the day it was made
    made_in = {
        c.text: str(next(m.date for m in meetings if m.uid == c.meeting)) for c in commitments
    }
    assert made_in == {"A": "2026-11-02", "B": "2026-11-02", "C": "2026-11-09", "D": "2026-11-16"}
    # by hand: A kept, B not kept, C open past its due date (overdue), D not due yet
    open_list = on("2026-11-16", "commitment", "list")
    assert "overdue" in open_list and " A " not in open_list and " B " not in open_list
    report = tmp_path / "report.md"
    on("2026-11-16", "report", "--out", str(report))
    assert "Commitments kept: 1 of 3 that were due" in report.read_text("utf-8")
