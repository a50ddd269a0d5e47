"""The log's charts over time: a dashboard, and one chart at a time per person."""

from __future__ import annotations

import ipywidgets as w

from .. import env
from ..charts.figures import CHART_NAMES
from ..i18n import t
from . import session
from .common import (
    FIELD_STYLE,
    Message,
    classed,
    esc,
    field_layout,
    figure_html,
    safe_callback,
    style_widget,
)

VIEW_NAMES = CHART_NAMES  # one view per chart the charts module can draw


class Dashboard(w.VBox):
    """Parts: ``person`` (everyone or one), ``view`` (chart name), ``chart`` (img), ``message``."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.person = classed(
            w.Dropdown(
                options=[(t("dashboard.everyone", L), "")],
                value="",
                description=t("field.person", L),
                style=FIELD_STYLE,
                layout=field_layout(),
            ),
            "oo-dash-person",
        )
        self.view = classed(
            w.Dropdown(
                options=[(t(f"dashboard.view.{n}", L), n) for n in VIEW_NAMES],
                value="dashboard",
                description=t("dashboard.view", L),
                style=FIELD_STYLE,
                layout=field_layout(),
            ),
            "oo-dash-view",
        )
        self.demo_note = classed(w.HTML(""), "oo-dash-demo")
        self.chart = classed(w.HTML(""), "oo-dash-chart")
        self.message = Message("oo-dash-message")
        super().__init__(
            [
                style_widget(),
                w.HBox([self.person, self.view], layout=w.Layout(flex_flow="row wrap")),
                self.demo_note,
                self.chart,
                self.message,
            ]
        )
        classed(self, "oo-dashboard")
        self.person.observe(self._on_input, "value")
        self.view.observe(self._on_input, "value")
        self.draws = 0
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def refresh(self) -> None:
        people = session.store().people()
        current = self.person.value
        self.person.options = [(t("dashboard.everyone", self.lang), "")] + [(p, p) for p in people]
        self.person.value = current if current in people else ""
        self.draw()

    @safe_callback()
    def _on_input(self, change=None) -> None:
        self.draw()

    def draw(self) -> None:
        from ..charts.figures import alt_text, figure_by_name

        store = session.store()
        args = (store.meetings(), store.commitments(), store.experiments())
        kwargs = dict(
            lang=self.lang,
            today=env.today(),
            person=self.person.value or None,
            interval_days=store.intervals(),
        )
        alt = alt_text(self.view.value, *args, **kwargs)
        if not any(args):
            # An empty log: the chart's own sentence, and matplotlib stays off the page's path.
            self.chart.value = f'<p class="oo-chart-empty">{esc(alt)}</p>'
        else:
            fig = figure_by_name(self.view.value, *args, **kwargs)
            self.chart.value = figure_html(fig, alt, f"oo-chart oo-chart-{self.view.value}")
        self.demo_note.value = (
            f'<p class="oo-demo-banner">{esc(t("demo.banner", self.lang))}</p>'
            if store.has_demo()
            else ""
        )
        self.message.clear()
        self.draws += 1


def dashboard(lang: str | None = None) -> Dashboard:
    """Charts of the log over time; everyone or one person."""
    return Dashboard(lang)


__all__ = ["Dashboard", "dashboard"]
