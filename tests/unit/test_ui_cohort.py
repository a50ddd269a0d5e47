"""The group view and the summary button, driven headlessly like a facilitator and a participant."""

from __future__ import annotations

import base64
import json
import re

import pytest
from test_cohort import make_summary

from oneonone_kit import ui
from oneonone_kit.insight.summary import item_keys, summary_json
from oneonone_kit.log.store import Store
from oneonone_kit.model import Assessment, Meeting
from oneonone_kit.ui import session


def choose(view, files: dict[str, bytes]) -> None:
    """What the browser sends when the facilitator picks several files."""
    view.upload.set_state(
        {
            "value": [
                {
                    "name": name,
                    "type": "application/json",
                    "size": len(data),
                    "content": memoryview(data),
                    "last_modified": 1_795_000_000_000,
                }
                for name, data in files.items()
            ]
        }
    )


def summaries(count: int) -> dict[str, bytes]:
    tokens = ["aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd"][:count]
    return {
        f"summary-{i}.json": summary_json(make_summary(t, 2 + i, neglected=("growth",)))
        for i, t in enumerate(tokens)
    }


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_three_summaries_show_the_group(tmp_home, lang):
    view = ui.cohort_view(lang)
    choose(view, summaries(3))
    view.show.click()
    assert view.last_error is None and view.message.kind == "ok"
    assert view.cohort.participants == 3
    html = view.result.value
    assert "oo-cohort-neglected" in html and "oo-cohort-log" in html
    need = "Growth" if lang == "en" else "Groei"
    assert re.search(rf"<li>{need}\b", html), html
    assert view.result.value.count("oo-cohort-row") == len(item_keys("needs"))


def test_two_summaries_are_refused_with_the_reason_and_nothing_shown(tmp_home):
    view = ui.cohort_view("en")
    choose(view, summaries(2))
    view.show.click()
    assert view.message.kind == "error" and "at least 3" in view.message.text
    assert view.result.value == "" and view.cohort is None


def test_a_file_that_is_not_a_summary_stops_everything(tmp_home):
    view = ui.cohort_view("en")
    files = summaries(3)
    export = {"format": "oneonone-export", "version": 1, "meetings": [{"person": "Sam"}]}
    files["sam-everything.json"] = json.dumps(export).encode()
    choose(view, files)
    view.show.click()
    assert view.message.kind == "error" and view.result.value == ""
    assert "sam-everything.json" in view.message.text and "full workbook file" in view.message.text
    assert "Sam" not in view.result.value


def test_show_without_files_asks_for_them(tmp_home):
    view = ui.cohort_view("nl")
    view.show.click()
    assert view.message.kind == "error" and "Kies eerst" in view.message.text


def test_a_previous_group_disappears_when_the_next_try_is_refused(tmp_home):
    view = ui.cohort_view("en")
    choose(view, summaries(3))
    view.show.click()
    assert view.result.value
    choose(view, summaries(2))
    view.show.click()
    assert view.result.value == "" and view.message.kind == "error"


# ---- the participant's side: the summary button in the data panel --------------------------
@pytest.fixture
def store(tmp_home):
    session.reset()
    yield session.store()
    session.reset()


def _downloaded(html: str) -> dict:
    data = re.search(r'href="data:application/json;base64,([^"]+)"', html).group(1)
    return json.loads(base64.b64decode(data))


def test_data_panel_offers_a_de_identified_summary_without_names(store: Store):
    store.add_meeting(
        Meeting.create(
            date="2026-11-20",
            person="Sam Verbeek",
            planned_minutes=30,
            needs="growth",
            notes="talked about the reorganisation",
        )
    )
    store.add(Assessment.create(kind="needs", answers={k: 3 for k in item_keys("needs")}))
    panel = ui.data_panel("en")
    panel.summary.click()
    assert panel.last_error is None and panel.message.kind == "ok"
    summary = _downloaded(panel.summary_link.value)
    assert summary["format"] == "oneonone-summary" and summary["log"]["meetings"] == 1
    text = json.dumps(summary)
    assert "Sam" not in text and "reorganisation" not in text and "2026-11-20" not in text
    # The same participant keeps the same token, so a facilitator can count them once.
    panel.summary.click()
    assert _downloaded(panel.summary_link.value)["participant"] == summary["participant"]


def test_data_panel_in_workshop_mode_speaks_of_my_workbook_file(tmp_home, monkeypatch):
    monkeypatch.setenv("ONEONONE_MODE", "workshop")
    monkeypatch.delenv("ONEONONE_WORKSHOP_STORES", raising=False)
    monkeypatch.delenv("HTTP_COOKIE", raising=False)
    session.reset()
    try:
        panel = ui.data_panel("en")
        texts = " ".join(
            getattr(child, "value", "") if isinstance(getattr(child, "value", ""), str) else ""
            for child in panel.children
        )
        assert "Download my workbook file" in texts and "Continue from my file" in texts
        assert panel.export.description == "Prepare my workbook file"
        assert "this page only" in panel.where.value
        panel.export.click()
        assert "Download my workbook file (JSON)" in panel.downloads.value
        assert not tmp_home.exists()  # nothing written to the server's disk
    finally:
        session.reset()


def test_the_group_view_ends_with_how_to_discuss_it_and_three_debrief_questions(tmp_home):
    view = ui.cohort_view("en")
    choose(view, summaries(3))
    view.show.click()
    assert view.last_error is None
    talk = view.result.value.split("<h2>Talking about it with the group</h2>", 1)[1]
    assert "not to judge anyone" in talk
    assert talk.count("<li>") == 3
    assert "Which need does the group leave out most" in talk


def test_the_group_view_shows_no_debrief_questions_when_the_group_is_too_small(tmp_home):
    view = ui.cohort_view("en")
    choose(view, summaries(2))
    view.show.click()
    assert view.result.value == ""
