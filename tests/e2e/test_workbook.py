"""Every workbook notebook renders in Voila in both languages, and the main journeys work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, click_scale

pytestmark = pytest.mark.e2e

NOTEBOOKS = sorted(
    str(p.relative_to(ROOT / "notebooks")) for p in (ROOT / "notebooks").glob("*/*.ipynb")
)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_renders_without_errors(voila, watch, notebook):
    watch.open(voila.render_url(notebook))
    cells = json.loads((ROOT / "notebooks" / notebook).read_text("utf-8"))["cells"]
    if any(cell["cell_type"] == "code" for cell in cells):
        widgets = watch.page.locator(".jupyter-widgets")
        assert widgets.count() > 0, "no widget rendered"
    else:  # a page of text only (references, facilitator guide): it links back to the start
        assert watch.page.locator('a[href^="../start.ipynb"]').count() >= 1
    assert watch.page.locator("h1").count() >= 1


def test_needs_self_assessment_changes_the_radar(voila, watch):
    page = watch.page
    watch.open(voila.render_url("en/03_seven_needs.ipynb"))
    keys = ("guidance", "priorities", "context", "growth", "feedback", "relationship", "support")
    for key in keys:
        click_scale(page, f"oo-assess-needs-{key}", 2)
    page.locator(".oo-assess-needs-save").click()
    radar = page.locator(".oo-needs-radar")
    radar.wait_for()
    first = radar.get_attribute("src")
    assert "Radar chart" in radar.get_attribute("alt")
    for key in keys[:3]:
        click_scale(page, f"oo-assess-needs-{key}", 5)
    page.locator(".oo-assess-needs-save").click()
    page.wait_for_function(
        "(old) => document.querySelector('.oo-needs-radar')?.getAttribute('src') !== old", arg=first
    )
    watch.assert_clean()


@pytest.mark.parametrize("lang, saved", [("en", "Saved"), ("nl", "Opgeslagen")])
def test_logging_a_meeting_updates_the_dashboard(voila, watch, lang, saved):
    page = watch.page
    watch.open(voila.render_url(f"{lang}/05_my_log.ipynb"))
    # An empty log shows a sentence instead of a chart (no matplotlib on the page's path).
    before = page.locator(".oo-dash-chart").inner_html()
    page.locator(".oo-log-person input").fill(f"Kim {lang}")
    page.locator(".oo-log-need-growth input").check()
    page.locator(".oo-log-save").click()
    page.locator(".oo-log-message").get_by_text(saved).wait_for()
    page.wait_for_function(
        "(old) => !!document.querySelector('.oo-dash-chart img')"
        " && document.querySelector('.oo-dash-chart').innerHTML !== old",
        arg=before,
    )
    watch.assert_clean()


def test_agenda_builder_proposes_the_neglected_need(demo_voila, watch):
    import os
    import subprocess
    import sys

    page = watch.page
    code = (
        "from oneonone_kit.log.store import Store; from oneonone_kit.insight.agenda import "
        "least_recent_need; from oneonone_kit.i18n import t; s = Store.open();"
        "print(t('need.' + least_recent_need(s.meetings('Bo (demo)'), 'Bo (demo)')[0], 'en'))"
    )
    expected = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=dict(os.environ, ONEONONE_HOME=str(demo_voila.home), ONEONONE_TODAY="2026-11-22"),
    ).stdout.strip()
    watch.open(demo_voila.render_url("en/03_seven_needs.ipynb"))
    page.locator(".oo-agenda-person input").fill("Bo (demo)")  # a Combobox: names can be typed
    page.locator(".oo-agenda-topics textarea").fill("Question about the training budget")
    page.locator(".oo-agenda-propose").click()
    result = page.locator(".oo-agenda-result")
    result.get_by_text(f"Make room for: {expected}").wait_for()
    assert "Question about the training budget" in result.inner_text()
    watch.assert_clean()


def test_experiment_planner_saves_and_shows_up_in_the_action_plan(demo_voila, watch):
    page = watch.page
    watch.open(demo_voila.render_url("en/04_experiments.ipynb"))
    page.locator(".oo-exp-choice select").select_option(index=2)
    page.wait_for_function("() => document.querySelector('.oo-exp-what textarea').value !== ''")
    what = page.locator(".oo-exp-what textarea").input_value()
    page.locator(".oo-exp-save").click()
    page.locator(".oo-exp-message").get_by_text("Saved").wait_for()
    # The plan is a separate widget update that may reach the browser after the message.
    page.locator(".oo-exp-plan").get_by_text("Check in on").first.wait_for()
    assert "Check in on" in page.locator(".oo-exp-plan").inner_text()
    watch.assert_clean()
    watch.open(demo_voila.render_url("en/06_action_plan.ipynb"))
    assert what[:40] in page.locator(".oo-progress-experiments").inner_text()
    watch.assert_clean()


def test_dutch_self_assessment_saves_in_dutch(voila, watch):
    page = watch.page
    watch.open(voila.render_url("nl/00_start_here.ipynb"))
    scales = page.locator(".oo-assess-baseline .oo-assess-scale")
    for index in range(scales.count()):
        scales.nth(index).get_by_role("button", name="3", exact=True).click()
    page.locator(".oo-assess-baseline-save").click()
    page.locator(".oo-assess-message").get_by_text("Opgeslagen").wait_for()
    assert "3,0 van de 5" in page.locator(".oo-assess-baseline-result").inner_text()
    watch.assert_clean()


def test_screens_exist_for_every_language_tree():
    assert {"en", "nl"} <= {Path(n).parts[0] for n in NOTEBOOKS}
