"""Workbook widgets driven headlessly: set values, click, assert on what the learner sees."""

from __future__ import annotations

import datetime
from html import escape as html_escape

import pytest

from oneonone_kit import ui
from oneonone_kit.items import items
from oneonone_kit.log.demo import load_demo
from oneonone_kit.model import Meeting
from oneonone_kit.ui import session


@pytest.fixture
def store(tmp_home):
    session.reset()
    yield session.store()
    session.reset()


def fill(assessment, score):
    for scale in assessment.scales.values():
        scale.value = score


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_log_form_saves_meeting_and_list_shows_it_escaped(store, lang):
    form, listing = ui.log_form(lang), ui.meeting_list(lang)
    form.person.value = "Sam <script>"
    form.need_boxes["growth"].value = True
    form.save.click()
    assert form.last_error is None
    assert store.meetings()[0].needs == ("growth",)
    assert "&lt;script&gt;" in listing.table.value and "<script>" not in listing.table.value
    # After a save the form keeps the date and clears the rest (issue 13: fewer duplicates).
    assert form.notes.value == "" and form.person.value == ""


def test_log_form_keeps_typed_text_and_marks_fields_on_error(store):
    form = ui.log_form("en")
    form.person.value = "  "
    form.planned_minutes.value = 600
    form.notes.value = "Talked about the missed deadline."
    form.save.click()
    assert store.counts()["meetings"] == 0
    assert "This field is needed." in form.errors["person"].value
    assert "480" in form.errors["planned_minutes"].value
    assert form.notes.value == "Talked about the missed deadline."
    assert "Not saved yet" in form.message.text


def test_log_form_error_messages_are_dutch_in_dutch(store):
    form = ui.log_form("nl")
    form.person.value = ""
    form.save.click()
    assert "Dit veld is verplicht." in form.errors["person"].value


def test_baseline_assessment_needs_every_answer_then_saves_and_prefills(store):
    first = ui.self_assessment("baseline", "en")
    first.scales[next(iter(first.scales))].value = 3
    first.save.click()
    assert store.assessments("baseline") == []
    assert "still need a score" in first.message.text
    fill(first, 4)
    first.save.click()
    assert len(store.assessments("baseline")) == 1
    again = ui.self_assessment("baseline", "en")  # as after a kernel restart
    assert {s.value for s in again.scales.values()} == {4}
    assert "4.0 out of 5" in again.result.value


def test_needs_assessment_draws_a_radar_that_changes_with_the_answers(store):
    needs = ui.self_assessment("needs", "en")
    fill(needs, 2)
    needs.save.click()
    first_chart = needs.result.value
    assert 'class="oo-chart oo-needs-radar"' in first_chart and "alt=" in first_chart
    fill(needs, 5)
    needs.save.click()
    assert needs.result.value != first_chart
    assert "The first time" in needs.result.value


def test_safety_check_uses_a_seven_point_scale_and_reverse_scores(store):
    safety = ui.self_assessment("safety", "en")
    assert len(safety.scales) == 7
    assert all(len(s.options) == 7 for s in safety.scales.values())
    for key, scale in safety.scales.items():
        scale.value = 1 if key in ("s1", "s3", "s5") else 7  # the safest possible answers
    safety.save.click()
    assert "7.0 out of 7" in safety.result.value
    assert "anonymously" in safety.result.value


def log_with_context_neglected(store, person: str) -> None:
    """Three weekly meetings: all seven needs three weeks ago, then context left out twice and
    growth once. By hand: context has 2 meetings since it was covered, growth 1, the rest 0."""
    today = datetime.date(2026, 11, 22)  # ONEONONE_TODAY of tmp_home
    all_needs = (
        "guidance",
        "priorities",
        "context",
        "growth",
        "feedback",
        "relationship",
        "support",
    )
    left_out = {21: (), 14: ("context",), 7: ("context", "growth")}
    for days_ago, missing in left_out.items():
        store.add_meeting(
            Meeting(
                date=today - datetime.timedelta(days=days_ago),
                person=person,
                planned_minutes=30,
                needs=tuple(n for n in all_needs if n not in missing),
            )
        )


def test_agenda_builder_proposes_the_neglected_need_after_their_topics(store):
    log_with_context_neglected(store, "Alex")
    builder = ui.agenda_builder("en")
    builder.person.value = "Alex"
    builder.topics.value = "Promotion question\n\n- Holiday plan"
    builder.propose.click()
    assert builder.last_error is None
    lines = builder.plain.value.splitlines()
    assert lines[0] == "1. Their topics first" and "Promotion question" in lines[1]
    need_line = next(line for line in lines if "Make room for" in line)
    assert "context" in need_line.lower(), need_line
    assert "growth" not in need_line.lower()


def test_agenda_builder_asks_for_a_person_when_log_is_empty(store):
    builder = ui.agenda_builder("en")
    builder.propose.click()
    assert "Choose a person first." in builder.message.text


def test_experiment_planner_prefills_from_catalogue_and_saves_with_check_ins(store):
    planner = ui.experiment_planner("en")
    first = items("experiments", "en")[0]
    planner.choice.value = first["key"]
    assert planner.what.value == first["what"] and planner.metric.value == first["metric"]
    planner.save.click()
    saved = store.experiments()
    assert len(saved) == 1 and saved[0].metric == first["metric"]
    assert "Check in on" in planner.plan.value


def test_experiment_planner_refuses_empty_what_and_keeps_why(store):
    planner = ui.experiment_planner("en")
    planner.why.value = "My meetings drift into status updates."
    planner.save.click()
    assert store.experiments() == []
    assert planner.why.value == "My meetings drift into status updates."
    assert planner.message.kind == "error"


def test_review_saves_verdict_and_shows_before_after_chart(store):
    load_demo(store)
    review = ui.experiment_review("en")
    assert "<img" in review.chart.value
    review.verdict.value = "adjust"
    review.notes.value = "Works with Alex, not yet with Dee."
    review.save.click()
    chosen = next(e for e in store.experiments() if e.uid == review.experiment.value)
    assert chosen.verdict == "adjust" and chosen.notes.startswith("Works with Alex")


def test_dashboard_redraws_when_a_meeting_is_logged(store):
    board = ui.dashboard("en")
    before = board.chart.value
    form = ui.log_form("en")
    form.person.value = "Robin"
    form.save.click()
    assert board.draws >= 2 and board.chart.value != before
    assert "Robin" in [value for _, value in board.person.options]


def test_reflection_is_saved_and_prefilled_next_time(store):
    box = ui.reflection("mindset.whose_meeting", "en")
    box.save.click()
    assert box.message.kind == "error"
    box.text.value = "Mostly mine: I opened with the project status."
    box.save.click()
    assert ui.reflection("mindset.whose_meeting", "en").text.value.startswith("Mostly mine")


def test_whose_meeting_gives_feedback_and_score(store):
    check = ui.whose_meeting("nl")
    case = check.cases[0]
    check.answers[case["key"]].value = case["answer"]
    assert "Klopt" in check.feedback[case["key"]].value
    assert "1 van de 1" in check.message.text


def test_progress_compares_first_and_latest_and_export_offers_downloads(store):
    load_demo(store)
    view = ui.progress("en")
    assert "Baseline statements" in view.table.value
    assert "meetings logged with 4 people" in view.log_summary.value
    export = ui.plan_export("en")
    export.prepare.click()
    assert export.last_error is None
    assert export.links.value.count("download=") == 3


def test_data_panel_import_of_bad_csv_lists_rows_and_changes_nothing(store):
    panel = ui.data_panel("en")
    bad = b"date,person,planned_minutes\n2026-13-01,Sam,30\n2026-03-03,,30\n"
    panel.upload.value = (
        {
            "name": "bad.csv",
            "type": "text/csv",
            "size": len(bad),
            "content": memoryview(bad),
            "last_modified": datetime.datetime(2026, 11, 22),
        },
    )
    panel.import_button.click()
    assert store.counts()["meetings"] == 0
    assert "Row 2" in panel.message.text and "Row 3" in panel.message.text


def test_data_panel_delete_everything_needs_the_box_ticked(store):
    load_demo(store)
    panel = ui.data_panel("en")
    panel.delete_all.click()
    assert store.counts()["meetings"] > 0
    panel.confirm_delete.value = True
    panel.delete_all.click()
    assert sum(store.counts().values()) == 0


def test_cards_render_every_need_escaped(store):
    html = ui.cards("needs", "en").children[1].value
    assert html.count("<details") == 7
    # every card's title shows as escaped text: the item's title, with & < > " written as entities
    for entry in items("needs", "en"):
        assert f"<summary>{html_escape(entry['title'], quote=True)}" in html
    assert "<script" not in html and "<img" not in html


def test_cards_escape_hostile_text_in_every_field(store, monkeypatch):
    from oneonone_kit.ui import cards_view

    hostile = '<img src=x onerror=alert(1)>"><script>'
    entry = {
        "key": "growth",
        "title": hostile,
        "text": hostile,
        "example": hostile,
        "signals": [hostile],
        "questions": [hostile, hostile],
    }
    monkeypatch.setattr(cards_view, "items", lambda collection, lang: [entry])
    html = cards_view.cards_html("needs", "en")
    escaped = "&lt;img src=x onerror=alert(1)&gt;&quot;&gt;&lt;script&gt;"
    # title, text, example, one signal, two questions: six places, all escaped
    assert html.count(escaped) == 6
    assert "<img" not in html and "<script" not in html


def test_agenda_builder_puts_the_learners_own_bank_question_first(store):
    log_with_context_neglected(store, "Bo")
    bank = ui.question_bank("en")
    bank.need.value = "context"  # the neglected need, worked out in log_with_context_neglected
    bank.question.value = "What would make next month a good one for you?"
    bank.save.click()
    builder = ui.agenda_builder("en")
    builder.person.value = "Bo"
    builder.propose.click()
    assert "What would make next month a good one for you?" in builder.plain.value
