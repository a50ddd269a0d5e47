"""Charts for phones: drawn narrow, their smallest text stays at 11 CSS px or more when the
image is shrunk into a 390 px screen (374 px column), and each legend is explained in words."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from oneonone_kit.charts import style
from oneonone_kit.charts.figures import DASHBOARD_PANELS, figure_by_name
from oneonone_kit.charts.specs import CHARTS
from oneonone_kit.i18n import t
from oneonone_kit.log.demo import load_demo
from oneonone_kit.log.store import Store
from oneonone_kit.ui.charts_view import CHART_DPI

PHONE_COLUMN = 374  # 390 px screen, less the page's 8 px padding on each side
TODAY = __import__("datetime").date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo():
    store = Store.memory()
    load_demo(store)
    yield store
    store.close()


def _shown_tick_px(name: str, store, width: int) -> float:
    """CSS px of the chart's tick labels when its PNG is shown in a ``width`` px column."""
    fig = figure_by_name(
        name,
        store.meetings(),
        store.commitments(),
        store.experiments(),
        lang="nl",
        today=TODAY,
        narrow=True,
    )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=CHART_DPI, bbox_inches="tight")
    natural = Image.open(io.BytesIO(buffer.getvalue())).width
    shown = min(natural, width)  # max-width: 100%
    return style.TICK_SIZE * CHART_DPI / 72 * shown / natural


@pytest.mark.parametrize("name", DASHBOARD_PANELS)
def test_each_overview_chart_keeps_its_text_readable_on_a_phone(demo, name):
    assert _shown_tick_px(name, demo, PHONE_COLUMN) >= 11


def test_the_rule_holds_on_a_desktop_column_too(demo):
    assert _shown_tick_px("cadence", demo, 650) >= 11


def test_a_chart_drawn_for_a_desktop_would_fail_on_a_phone(demo):
    # The check itself: the full-width follow-through chart (11 in) shrinks to about 4 px text.
    fig = figure_by_name("follow_through", demo.meetings(), demo.commitments(), today=TODAY)
    width_px = fig.get_size_inches()[0] * CHART_DPI
    assert style.TICK_SIZE * CHART_DPI / 72 * PHONE_COLUMN / width_px < 11


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_follow_through_legend_names_every_row(lang):
    text = t(CHARTS["follow_through"].legend_key, lang)
    for owner in ("employee", "leader", "both"):
        assert t(f"owner.{owner}", lang) in text
    assert t("chart.follow.all", lang) in text


def test_the_overview_shows_each_panel_as_its_own_image_with_its_legend(demo, monkeypatch):
    from oneonone_kit.ui import session
    from oneonone_kit.ui.charts_view import Dashboard

    monkeypatch.setattr(session, "store", lambda: demo)
    board = Dashboard("en")
    html = board.chart.value
    assert html.count("<img") == len(DASHBOARD_PANELS)
    assert t("chart.follow.legend", "en") in html.replace("&#x27;", "'")
