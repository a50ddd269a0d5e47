"""Charts: structure, both languages, and empty or tiny logs drawn as a friendly message."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from matplotlib.figure import Figure

from oneonone_kit.charts import figures as charts
from oneonone_kit.i18n import t
from oneonone_kit.log.demo import demo_records
from oneonone_kit.model import Experiment, Meeting

TODAY = dt.date(2026, 11, 22)
RECORDS = demo_records(today=TODAY)
DEMO = (RECORDS["meetings"], RECORDS["commitments"], RECORDS["experiments"])
PEOPLE = sorted({m.person for m in RECORDS["meetings"]})
TITLES = {
    "cadence": "chart.cadence.title",
    "needs": "chart.needs.title",
    "agenda": "chart.agenda.title",
    "talk_share": "chart.talk.title",
    "follow_through": "chart.follow.title",
    "perception": "chart.perception.title",
    "experiment": "chart.experiment.title",
}
# Axes per chart: the needs heatmap has a colour bar; follow-through has bars and a trend.
AXES = {
    "cadence": 1,
    "needs": 2,
    "agenda": 1,
    "talk_share": 1,
    "follow_through": 2,
    "perception": 1,
    "experiment": 1,
    "dashboard": 7,
}


def draw(name: str, *records, lang: str = "en", **kwargs) -> Figure:
    return charts.figure_by_name(name, *(records or DEMO), lang=lang, today=TODAY, **kwargs)


def texts(fig: Figure) -> str:
    """Every piece of text in the figure, joined."""
    parts = [fig._suptitle.get_text()] if fig._suptitle else []
    for ax in fig.axes:
        parts += [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        parts += [x.get_text() for x in ax.texts]
        parts += [x.get_text() for x in ax.get_yticklabels() + ax.get_xticklabels()]
        if ax.get_legend():
            parts += [x.get_text() for x in ax.get_legend().get_texts()]
    return "\n".join(parts)


def held(day: dt.date, person: str = "Sam", **fields) -> Meeting:
    return Meeting(date=day, person=person, planned_minutes=30, **fields)


def test_chart_names_are_the_public_list():
    assert charts.CHART_NAMES == (
        "dashboard",
        "cadence",
        "needs",
        "agenda",
        "talk_share",
        "follow_through",
        "perception",
        "experiment",
    )


def test_unknown_chart_name_is_a_clear_error():
    with pytest.raises(ValueError, match="Unknown chart 'pie'.*dashboard"):
        charts.figure_by_name("pie", [])
    with pytest.raises(ValueError, match="Unknown chart"):
        charts.alt_text("pie", [])


@pytest.mark.parametrize("name", charts.CHART_NAMES)
def test_every_chart_draws_the_demo_log(name):
    fig = draw(name)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == AXES[name]
    assert charts.figure_to_png(fig).startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", sorted(TITLES))
def test_titles_are_in_the_learners_language(name, lang):
    fig = draw(name, lang=lang)
    assert fig.axes[0].get_title(loc="left").startswith(t(TITLES[name], lang))


def test_dashboard_holds_six_panels_with_a_period_title_in_dutch():
    fig = draw("dashboard", lang="nl")
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert len(titles) == 6
    assert t("chart.dashboard.title", "nl") in fig._suptitle.get_text()
    assert "t/m" in fig._suptitle.get_text() and "nov 2026" in fig._suptitle.get_text()


def test_cadence_has_a_row_per_person_and_distinct_markers():
    fig = draw("cadence", lang="nl")
    ax = fig.axes[0]
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert [label.split("\n")[0] for label in labels[::-1]] == PEOPLE  # first name on top
    assert "per 4 weken" in labels[0]
    markers = {line.get_label(): line.get_marker() for line in ax.get_lines()}
    assert markers["gehouden"] == "o" and markers["afgezegd"] == "X" and markers["verzet"] == "^"
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert t("chart.cadence.gap", "nl") in legend and "vandaag" in legend


def test_talk_share_shows_the_target_band_and_limit():
    ax = draw("talk_share").axes[0]
    labels = [x.get_text() for x in ax.get_legend().get_texts()]
    assert labels == ["ideal: 20–35%", "limit: 50%", "each meeting", "average of the last 6"]
    assert len(ax.get_lines()) == 3  # limit, each meeting, rolling mean
    assert ax.get_ylim()[0] < 0 and ax.get_ylim()[1] > 100


def test_agenda_chart_has_target_band_and_rolling_line():
    ax = draw("agenda", lang="nl").axes[0]
    labels = [x.get_text() for x in ax.get_legend().get_texts()]
    assert labels[0] == t("chart.agenda.target", "nl") and len(ax.get_lines()) == 2


def test_needs_heatmap_is_need_by_month_and_flags_neglect():
    fig = draw("needs")
    ax = fig.axes[0]
    rows = [x.get_text() for x in ax.get_yticklabels()]
    assert len(rows) == 7 and rows[0] == "Guidance"
    assert "Growth ⚠" in rows
    assert len(ax.get_xticklabels()) == 7  # May to November
    assert "6 held meetings" in ax.get_xlabel()


def test_follow_through_has_a_bar_row_per_owner_and_all():
    fig = draw("follow_through")
    bars, trend = fig.axes
    assert [x.get_text() for x in bars.get_yticklabels()] == ["all", "both", "me", "employee"]
    assert trend.get_title(loc="left") == t("chart.follow.trend_title", "en")


def test_experiment_chart_marks_the_period_and_both_sides():
    ax = draw("experiment").axes[0]
    labels = [x.get_text() for x in ax.get_legend().get_texts()]
    assert t("chart.experiment.period", "en") in labels
    assert any(label.startswith("before: ") for label in labels)
    assert any(label.startswith("during: ") for label in labels)
    assert ax.get_xlabel() == t("metrics.verdict.better", "en")


def test_person_filter_names_the_person_in_the_title():
    fig = draw("talk_share", person=PEOPLE[0])
    assert fig.axes[0].get_title(loc="left").endswith(PEOPLE[0])


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", charts.CHART_NAMES)
def test_empty_log_shows_a_friendly_message(name, lang):
    fig = draw(name, [], [], [], lang=lang)
    content = texts(fig)
    expected = {
        "follow_through": "chart.empty.no_commitments",
        "experiment": "chart.empty.no_experiment",
    }.get(name, "chart.empty.no_meetings")
    assert t(expected, lang).split(".")[0] in content.replace("\n", " ")
    assert not any(ax.axison and ax.has_data() for ax in fig.axes)
    charts.figure_to_png(fig)


def test_unknown_person_gets_a_message_naming_them():
    fig = draw("agenda", person="Nobody")
    assert "Nobody" in texts(fig)


def test_one_meeting_draws_without_failing():
    one = [held(TODAY, agenda_by="employee", needs=("growth",), talk_share=40, leader_rating=4)]
    for name in charts.CHART_NAMES:
        fig = draw(name, one, [], [])
        charts.figure_to_png(fig, dpi=40)
    assert t("chart.empty.no_ratings", "en").split(".")[0] in texts(draw("perception", one))


def test_all_cancelled_log_shows_cancellations_and_messages():
    log = [held(TODAY - dt.timedelta(days=7 * i), status="cancelled") for i in range(3)]
    cadence = draw("cadence", log, [], [], lang="nl").axes[0]
    assert [line.get_marker() for line in cadence.get_lines() if line.get_label() == "afgezegd"]
    talk = texts(draw("talk_share", log, [], [], lang="nl"))
    assert t("chart.empty.no_held", "nl").split(" (")[0] in talk.replace("\n", " ")


def test_experiment_without_data_for_its_metric_says_so():
    exp = Experiment(
        what="Ask for a rating",
        start=TODAY - dt.timedelta(days=20),
        end=TODAY + dt.timedelta(days=20),
        metric="employee_rating",
    )
    fig = draw("experiment", [held(TODAY - dt.timedelta(days=3))], [], [exp])
    assert "their rating" in texts(fig)


def test_figure_to_png_honours_dpi():
    fig = draw("agenda")
    small, large = charts.figure_to_png(fig, dpi=50), charts.figure_to_png(fig, dpi=100)
    assert len(small) < len(large)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", charts.CHART_NAMES)
def test_alt_text_is_one_sentence_with_figures(name, lang):
    text = charts.alt_text(name, *DEMO, lang=lang, today=TODAY)
    assert text and "\n" not in text and len(text) < 400
    assert text.rstrip().endswith((".", ")"))
    assert any(ch.isdigit() for ch in text)


def test_alt_text_reports_the_numbers_and_the_empty_case():
    # A second, simpler count of the demo log (no metric code): held, rescheduled, cancelled.
    shown = [m for m in DEMO[0] if m.date <= TODAY]
    held, moved, cancelled = (
        sum(m.status == s for m in shown) for s in ("held", "rescheduled", "cancelled")
    )
    assert (held, moved, cancelled) == (85, 3, 7)
    cadence = charts.alt_text("cadence", *DEMO, today=TODAY)
    assert f": held {held}, rescheduled {moved}, cancelled {cancelled}," in cadence
    assert "(82%)" in charts.alt_text("follow_through", *DEMO, today=TODAY)
    empty = charts.alt_text("talk_share", [], lang="nl", today=TODAY)
    assert empty.startswith(t("chart.talk.title", "nl")) and "logboek" in empty


def test_importing_charts_does_not_load_matplotlib_and_drawing_avoids_pyplot():
    code = (
        "import sys, datetime as d\n"
        "import oneonone_kit.charts.figures as c\n"
        "assert 'matplotlib' not in sys.modules\n"
        "c.figure_to_png(c.figure_by_name('dashboard', [], today=d.date(2026, 1, 1)))\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_today_defaults_to_the_environment(tmp_home):
    log = [held(dt.date(2026, 11, 2)), held(dt.date(2026, 11, 9))]
    text = charts.alt_text("cadence", log)  # tmp_home fixes ONEONONE_TODAY at 22 Nov 2026
    assert "to 22 Nov 2026" in text and "gaps longer than intended 1" in text
