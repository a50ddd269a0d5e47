"""Six weeks of a real participant, from an empty store with no demo (issue 13).

The workshop day (self-assessments, an agenda for a name typed in, meetings before the workshop
logged from memory, cadences, an experiment), then six weeks of one-on-ones logged through the
form, with ``ONEONONE_TODAY`` moving forward: Kim weekly, Sam every other week. At the end every
dashboard chart shows this learner's data, the experiment review gives its verdict with before
and during figures, and the report has no demo data and judges each person by their cadence.

The hand-worked example (W = Monday 5 Oct 2026, the workshop day; the experiment "the employee
sets the agenda" runs W..W+28):

- from memory: Kim on W-28, W-21, W-14, W-7 and Sam on W-28, W-14, each with the agenda set by
  the leader: 6 points before the start, all 0 -> 0%;
- then Kim on W+7k (k = 0..6) and Sam on W+14j (j = 0..3), the agenda by the employee; during
  W..W+28: Kim 5 + Sam 3 = 8 points, all 1 -> 100%: "better";
- on the workshop day the during side needs 4 more; Sam (14 days) and Kim (7 days) bring
  1/14 + 1/7 = 3/14 meetings a day, so ceil(4 / (3/14)) = 19 days: it can judge from W+19;
- at the end (W+42): Sam held 6 meetings 14 days apart, on time 5 of 5 = 100% at his cadence
  (0% if weekly were assumed); over max(70, 70 + 14) = 84 days that is 6 * 28 / 84 = 2.0 per
  four weeks. Kim held 11 weekly: 11 * 28 / max(70, 70 + 7) = 4.0, on time 100%;
- one commitment per meeting from W on, due a week later (Kim 7, Sam 4): all but the two made
  on W+42 are due by the end, Kim's 6 kept and Sam's 3 not kept: 6 of 9 = 67%.

Commitments are made in the log form and marked in the open-commitments list (Kim keeps hers,
Sam does not keep his); one meeting is corrected and one logged by mistake is deleted through
the meeting list, so the figures above stay as worked out.
"""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
from kit_helpers import run as cli_run

from oneonone_kit import ui
from oneonone_kit.charts.specs import DASHBOARD_PANELS
from oneonone_kit.i18n import catalogue, format_date, t
from oneonone_kit.ui import session

W = dt.date(2026, 10, 5)  # the workshop day, a Monday
END = W + dt.timedelta(weeks=6)


def day(offset: int) -> dt.date:
    return W + dt.timedelta(days=offset)


@pytest.fixture
def journey(tmp_home, monkeypatch):
    session.reset()

    def go_to(date: dt.date) -> None:
        monkeypatch.setenv("ONEONONE_TODAY", date.isoformat())

    go_to(W)
    yield go_to
    session.reset()


def log(
    form,
    date: dt.date,
    person: str,
    *,
    agenda: str,
    needs: tuple[str, ...],
    promise: str = "",
) -> None:
    """Fill the log form as a learner would (with one commitment when ``promise``) and save."""
    form.date.value = date
    form.person.value = person
    form.planned_minutes.value = form.actual_minutes.value = 30
    form.status.value = "held"
    form.agenda_by.value = agenda
    for need, box in form.need_boxes.items():
        box.value = need in needs
    form.talk_share.value = 60 if agenda == "leader" else 30
    form.leader_rating.value = 4
    form.employee_rating.value = 3 if agenda == "leader" else 4
    if promise:
        line = form.commitments.add_line()
        line.text.value = promise
        line.who.value = "employee"
        line.due.value = date + dt.timedelta(days=7)
    form.save.click()
    assert form.last_error is None and form.message.kind == "ok", form.message.text


def empty_sentences(lang: str) -> list[str]:
    """The start of every empty-state sentence a chart can show (up to its first placeholder)."""
    return [
        text.split("{")[0]
        for key, text in catalogue(lang).items()
        if key.startswith("chart.empty.") and text.split("{")[0].strip()
    ]


def report_markdown(export) -> str:
    export.prepare.click()
    assert export.last_error is None
    found = re.search(r'href="data:text/markdown;base64,([^"]+)"', export.links.value)
    assert found, export.links.value
    return base64.b64decode(found[1]).decode("utf-8")


def test_six_weeks_from_an_empty_store_through_the_ui(journey):
    store = session.store()
    assert not store.has_demo() and store.counts()["meetings"] == 0

    # ---- workshop day --------------------------------------------------------------------
    for kind in ("baseline", "safety"):
        sitting = ui.self_assessment(kind, "en")
        for scale in sitting.scales.values():
            scale.value = 3
        sitting.save.click()
        assert sitting.last_error is None
    assert len(store.assessments()) == 2

    agenda = ui.agenda_builder("en")
    assert "Nobody in your log yet" in agenda.message.text
    agenda.person.value = "Sam"  # typed: nobody is in the log yet
    agenda.propose.click()
    assert agenda.last_error is None
    assert "No meetings logged with Sam yet: a first-meeting agenda." in agenda.basis.value
    assert f"Make room for: {t('need.relationship', 'en')}" in agenda.plain.value

    form, listing = ui.log_form("en"), ui.meeting_list("en")
    for offset in (-28, -21, -14, -7):  # from memory: past dates are fine
        log(form, day(offset), "Kim", agenda="leader", needs=("guidance",))
    for offset in (-28, -14):
        log(form, day(offset), "Sam", agenda="leader", needs=("priorities",))

    cadence = ui.data_panel("en").cadence
    for person, days in (("Sam", 14), ("Kim", 7)):
        cadence.person.value = person
        cadence.days.value = days
        cadence.save.click()
        assert cadence.last_error is None
    assert store.intervals() == {"Sam": 14, "Kim": 7}
    assert "Sam: every 14 days" in cadence.overview.value

    planner = ui.experiment_planner("en")
    planner.what.value = "Let them set the agenda"
    planner.why.value = "I run my one-on-ones like status meetings."
    planner.metric.value = "agenda_ownership"
    planner.start.value = W
    planner.weeks.value = 4
    assert "0% (from 6 items in the 4 weeks" in planner.baseline.value
    planner.save.click()
    assert planner.last_error is None and len(store.experiments()) == 1

    review = ui.experiment_review("en")
    assert review.save.layout.display is None  # an experiment exists: the verdict can work
    assert "data points: 6" in review.result.value
    assert "it still needs 4 more" in review.result.value
    assert f"from about {format_date(day(19), 'en')}" in review.result.value
    for page in (agenda, planner, review):  # the learner leaves these pages
        page.close()

    # ---- six weeks of meetings --------------------------------------------------------------
    needs_cycle = ("growth", "feedback", "relationship", "support", "context", "guidance")
    for week in range(7):
        date = day(7 * week)
        journey(date)
        # last week's commitments are due: Kim kept hers, Sam did not keep his
        while due := [r for r in listing.commitments.items if r.commitment.due <= date]:
            row = due[0]
            (row.kept if row.commitment.person == "Kim" else row.not_kept).click()
            assert listing.commitments.last_error is None
        for person in ["Kim"] + (["Sam"] if week % 2 == 0 else []):
            needs = (needs_cycle[week % 6], "priorities")
            log(form, date, person, agenda="employee", needs=needs, promise="Send the plan")
        if week == 3:
            # a meeting corrected: Kim's talk share was 30%, she says it was 40%
            kim = store.meetings("Kim")[-1]
            listing.pick.value = kim.uid
            listing.edit.click()
            form.talk_share.value = 40
            form.save.click()
            assert form.last_error is None and store.meetings("Kim")[-1].talk_share == 40
            # a meeting logged by mistake, and deleted again
            log(form, date, "Kimm", agenda="employee", needs=("growth",))
            listing.pick.value = store.meetings("Kimm")[0].uid
            listing.edit.click()
            form.delete.click()
            assert form.last_error is None and store.meetings("Kimm") == []
    assert len(store.meetings()) == 6 + 11
    kept = sorted((c.person, c.kept) for c in store.commitments() if c.kept is not None)
    # made at 7 + 4 meetings; the last of each (day 42) is not due yet
    assert kept == [("Kim", True)] * 6 + [("Sam", False)] * 3
    assert "Commitments kept: 6 of 9 that were due (67%)" in report_markdown(ui.plan_export("en"))

    # ---- at the end: every chart shows this learner's data ---------------------------------
    dashboard = ui.dashboard("en")
    assert dashboard.include_demo.layout.display == "none" and dashboard.demo_note.value == ""
    empty = empty_sentences("en")
    for name in DASHBOARD_PANELS:
        dashboard.view.value = name
        assert dashboard.last_error is None
        alt = re.search(r'alt="([^"]*)"', dashboard.chart.value)[1]
        assert not [s for s in empty if s in alt], (name, alt)

    review = ui.experiment_review("en")
    result = review.result.value
    assert "0%, data points: 6." in result and "100%, data points: 8." in result
    assert "Better during the experiment." in result

    report = report_markdown(ui.plan_export("en"))
    assert "demo" not in report.lower()
    # Each person judged at their own cadence: Sam every 14 days is on time, not in a gap.
    assert "| S. | 14 | 6 | 2.0 | 100% |" in report
    assert "| K. | 7 | 11 | 4.0 | 100% |" in report


def test_demo_loaded_later_is_said_and_can_be_left_out(journey):
    form = ui.log_form("en")
    for offset in (-14, -7, 0):
        log(form, day(offset), "Sam", agenda="employee", needs=("growth",))
    panel = ui.data_panel("en")
    panel.demo_load.click()
    assert panel.demo_load.layout.display == "none"  # loading it twice is not offered
    assert "The demo log is loaded." in panel.demo_state.value
    panel._on_demo_load()  # even if called again, it says so and does nothing
    assert "The demo log is loaded." in panel.message.text

    export = ui.plan_export("en")
    assert export.include_demo.layout.display is None and export.include_demo.value is False
    left_out = report_markdown(export)
    assert "(demo)" not in left_out and "| S. |" in left_out
    assert "The demo log is left out." in export.message.text
    export.include_demo.value = True
    with_demo = report_markdown(export)
    assert "Includes the made-up demo log" in with_demo
    assert "A. (demo)" in with_demo  # never turned into a bare "A."

    dashboard = ui.dashboard("en")
    assert "DEMO" in dashboard.demo_note.value
    dashboard.include_demo.value = False
    assert dashboard.demo_note.value == ""


def test_a_bad_stored_cadence_falls_back_to_a_week_with_a_note(journey):
    form = ui.log_form("en")
    log(form, day(-7), "Sam", agenda="employee", needs=("growth",))
    session.store().set_setting("person:Sam:interval_days", "fortnight")
    dashboard = ui.dashboard("en")
    assert dashboard.last_error is None and "<img" in dashboard.chart.value
    assert "The cadence stored for Sam cannot be used, so 7 days is used" in (
        dashboard.cadence_note.value
    )
    agenda = ui.agenda_builder("en")
    agenda.person.value = "Sam"
    agenda.propose.click()
    assert agenda.last_error is None and "every 7 days" in agenda.basis.value


def test_controls_that_cannot_work_yet_say_why(journey):
    review = ui.experiment_review("en")
    assert review.verdict.layout.display == "none" and review.save.layout.display == "none"
    assert "No experiment yet" in review.chart.value
    panel = ui.data_panel("en")
    assert panel.forget_row.layout.display == "none"
    assert "nobody to delete" in panel.forget_state.value
    assert panel.delete_row.layout.display == "none"  # nothing stored: nothing to delete
    assert panel.demo_remove.layout.display == "none"
    cases = ui.which_need("en")
    assert "0 checked" not in cases.score.value and "after your first check" in cases.score.value


def test_the_same_six_weeks_by_the_command_line_only(journey, capsys, tmp_path):
    from oneonone_kit.charts.figures import alt_text
    from oneonone_kit.log.store import Store

    for person, days in (("Sam", "14"), ("Kim", "7")):
        code, out, _ = cli_run(capsys, "person", "set", person, "--every", days)
        assert code == 0 and f"a one-on-one with {person} every {days} days" in out
        assert f"nobody called {person} in your log yet" in out

    def log_add(date: dt.date, person: str, agenda: str, needs: str) -> None:
        code, out, err = cli_run(
            capsys,
            "log", "add", "--date", date.isoformat(), "--person", person, "--planned", "30",
            "--actual", "30", "--agenda", agenda, "--needs", needs,
            "--talk-share", "60" if agenda == "leader" else "30",
            "--rating", "4", "--their-rating", "3" if agenda == "leader" else "4",
        )  # fmt: skip
        assert (code, err) == (0, ""), err

    for offset in (-28, -21, -14, -7):  # from memory, on the workshop day
        log_add(day(offset), "Kim", "leader", "guidance")
    for offset in (-28, -14):
        log_add(day(offset), "Sam", "leader", "priorities")
    needs_cycle = ("growth", "feedback", "relationship", "support", "context", "guidance")
    promises: list[tuple[str, str, dt.date]] = []  # (id, person, due)
    for week in range(7):
        date = day(7 * week)
        journey(date)
        for short, person, due in [p for p in promises if p[2] <= date]:
            mark = "--kept" if person == "Kim" else "--not-kept"
            assert cli_run(capsys, "commitment", "done", short, mark)[0] == 0
            promises.remove((short, person, due))
        for person in ["Kim"] + (["Sam"] if week % 2 == 0 else []):
            log_add(date, person, "employee", f"{needs_cycle[week % 6]},priorities")
            due = date + dt.timedelta(days=7)
            code, out, err = cli_run(
                capsys, "commitment", "add", "--person", person, "--text", "Send the plan",
                "--due", due.isoformat(),
            )  # fmt: skip
            assert code == 0, err
            promises.append((re.search(r"\(id (\w+)\)", out)[1], person, due))
        if week == 3:
            # one meeting corrected (Kim's talk share), one logged by mistake and deleted
            code, out, err = cli_run(
                capsys, "log", "add", "--date", date.isoformat(), "--person", "Kimm",
                "--planned", "30",
            )  # fmt: skip
            assert code == 0, err
            listing = cli_run(capsys, "log", "list")[1]
            when = format_date(date, "en")
            (kim,) = [line for line in listing.splitlines() if when in line and " Kim " in line]
            (kimm,) = [line for line in listing.splitlines() if " Kimm " in line]
            edit = ("log", "edit", kim.split()[0], "--talk-share", "40")
            assert cli_run(capsys, *edit)[0] == 0
            assert cli_run(capsys, "log", "delete", kimm.split()[0], "--yes")[0] == 0
    with Store.open() as store:
        assert store.meetings("Kimm") == [] and len(store.meetings()) == 6 + 11
        assert [m.talk_share for m in store.meetings("Kim")][7] == 40  # day 21, corrected

    code, out, _ = cli_run(capsys, "person", "list")
    rows = {line.split()[0]: line.split() for line in out.splitlines()[2:] if line.strip()}
    assert rows["Sam"][1:3] == ["14", "6"] and rows["Kim"][1:3] == ["7", "11"]

    with Store.open() as store:
        records = (store.meetings(), store.commitments(), store.experiments())
        intervals = store.intervals()
    empty = empty_sentences("en")
    for name in DASHBOARD_PANELS:
        png = tmp_path / f"{name}.png"
        code, out, err = cli_run(capsys, "chart", name, "--out", str(png))
        assert (code, err) == (0, "") and png.read_bytes().startswith(b"\x89PNG")
        alt = alt_text(name, *records, today=END, interval_days=intervals)
        assert not [s for s in empty if s in alt], (name, alt)

    out_file = tmp_path / "report.md"
    code, _, err = cli_run(capsys, "report", "--names", "initials", "--out", str(out_file))
    assert (code, err) == (0, "")
    report = out_file.read_text("utf-8")
    assert "demo" not in report.lower()
    assert "| S. | 14 | 6 | 2.0 | 100% |" in report and "| K. | 7 | 11 | 4.0 | 100% |" in report
    assert "Commitments kept: 6 of 9 that were due (67%)" in report

    # The demo loaded afterwards is said, can be left out, and cannot be loaded twice.
    assert cli_run(capsys, "demo")[0] == 0
    code, out, _ = cli_run(capsys, "demo")
    assert code == 0 and "already loaded" in out
    code, _, err = cli_run(capsys, "report", "--names", "initials", "--out", str(out_file))
    assert "Includes the made-up demo log" in err
    assert "A. (demo)" in out_file.read_text("utf-8")
    code, _, err = cli_run(
        capsys, "report", "--names", "initials", "--no-demo", "--out", str(out_file)
    )
    assert (code, err) == (0, "") and "(demo)" not in out_file.read_text("utf-8")


def test_the_workshop_day_reads_in_dutch(journey):
    agenda = ui.agenda_builder("nl")
    agenda.person.value = "Sam"
    agenda.propose.click()
    assert "Nog geen gesprekken met Sam vastgelegd" in agenda.basis.value
    form = ui.log_form("nl")
    for offset in (-14, -7):
        log(form, day(offset), "Sam", agenda="leader", needs=("growth",))
    cadence = ui.cadence_control("nl")
    cadence.person.value = "Sam"
    cadence.days.value = 14
    cadence.save.click()
    assert "een één-op-één met Sam om de 14 dagen" in cadence.message.text
    planner = ui.experiment_planner("nl")
    planner.what.value = "De medewerker bepaalt de agenda"
    planner.start.value = W
    planner.save.click()
    review = ui.experiment_review("nl")
    # 2 before (W-14, W-7): 2 more needed; during: 4 more at 1 every 14 days is day 56,
    # after the four weeks of the experiment end (day 28): it says so
    assert "Vóór de start zijn er voor het terugkijken nog 2 nodig" in review.result.value
    assert f"voordat het op {format_date(day(28), 'nl')} afloopt" in review.result.value
    progress = ui.progress("nl")
    assert "voorbeeldlogboek" not in progress.log_summary.value
    panel = ui.data_panel("nl")
    assert panel.delete_row.layout.display is None and panel.forget_row.layout.display is None
    panel.demo_load.click()
    assert "voorbeeldlogboek" in progress.log_summary.value
