"""The log's charts over time: a dashboard, and one chart at a time per person."""

from __future__ import annotations

import ipywidgets as w

from .. import env
from ..charts.figures import CHART_NAMES
from ..i18n import t
from ..log.setting_rules import bad_settings_text, interval_person
from . import session
from .cadence_view import bad_interval_note
from .common import (
    FIELD_STYLE,
    Message,
    esc,
    field_layout,
    figure_html,
    safe_callback,
    style_widget,
)

VIEW_NAMES = CHART_NAMES  # one view per chart the charts module can draw
# Sharp on a phone's dense screen, and on a desktop about 520 px wide with ticks near 16 px.
CHART_DPI = 150
# The name of each view in the dropdown, written out in full (a test checks it covers VIEW_NAMES).
VIEW_KEY = {
    "dashboard": "dashboard.view.dashboard",
    "cadence": "dashboard.view.cadence",
    "needs": "dashboard.view.needs",
    "agenda": "dashboard.view.agenda",
    "talk_share": "dashboard.view.talk_share",
    "follow_through": "dashboard.view.follow_through",
    "perception": "dashboard.view.perception",
    "experiment": "dashboard.view.experiment",
}


class Dashboard(w.VBox):
    """Parts: ``person`` (everyone or one), ``view`` (chart name), ``chart`` (img), ``message``."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.person = w.Dropdown(
            options=[(t("dashboard.everyone", L), "")],
            value="",
            description=t("field.person", L),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-dash-person",),
        )
        self.view = w.Dropdown(
            options=[(t(VIEW_KEY[n], L), n) for n in VIEW_NAMES],
            value="dashboard",
            description=t("dashboard.view", L),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-dash-view",),
        )
        self.demo_note = w.HTML("", _dom_classes=("oo-dash-demo",))
        self.include_demo = w.Checkbox(
            value=True,
            description=t("dashboard.include_demo", L),
            indent=False,
            _dom_classes=("oo-dash-include-demo",),
        )
        self.cadence_note = w.HTML("", _dom_classes=("oo-dash-cadence-note",))
        self.chart = w.HTML("", _dom_classes=("oo-dash-chart",))
        self.message = Message("oo-dash-message")
        super().__init__(
            [
                style_widget(),
                w.HBox([self.person, self.view], layout=w.Layout(flex_flow="row wrap")),
                self.demo_note,
                self.include_demo,
                self.cadence_note,
                self.chart,
                self.message,
            ],
            _dom_classes=("oo-dashboard",),
        )
        self.person.observe(self._on_input, "value")
        self.view.observe(self._on_input, "value")
        self.include_demo.observe(self._on_input, "value")
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
        from ..charts.figures import DASHBOARD_PANELS, alt_text

        name = self.view.value
        names = DASHBOARD_PANELS if name == "dashboard" else (name,)
        store = session.store()
        has_demo = store.has_demo()
        with_demo = has_demo and self.include_demo.value
        records = (
            store.meetings(include_demo=with_demo),
            [c for c in store.commitments() if with_demo or not c.demo],
            [e for e in store.experiments() if with_demo or not e.demo],
        )
        intervals = store.intervals()
        if not any(records):
            # An empty log: the chart's own sentence, and matplotlib stays off the page's path.
            alt = alt_text(name, *records, lang=self.lang, today=env.today(), person=None)
            self.chart.value = f'<p class="oo-chart-empty">{esc(alt)}</p>'
        else:
            charts = "".join(self._chart_html(each, records, intervals) for each in names)
            self.chart.value = f'<div class="oo-chart-stack oo-chart-{esc(name)}">{charts}</div>'
        # The page's one DEMO banner: shown while demo records are in the charts.
        self.demo_note.value = (
            f'<p class="oo-demo-banner">{esc(t("demo.banner", self.lang))}</p>' if with_demo else ""
        )
        self.include_demo.layout.display = None if has_demo else "none"
        note = bad_interval_note(store, self.lang)
        self.cadence_note.value = f'<p role="note">{esc(note)}</p>' if note else ""
        # A damaged stored setting was left out of the chart: say so, and where to repair it;
        # a damaged cadence only once, in the note above, which says what to set again.
        others = {k: v for k, v in store.bad_settings().items() if interval_person(k) is None}
        warning = bad_settings_text(others, self.lang)
        if warning:
            self.message.show_warn(
                f"{warning} {t('settings.repair_where', self.lang, command='oneonone repair')}"
            )
        else:
            self.message.clear()
        self.draws += 1

    def _chart_html(self, name: str, records: tuple, intervals: object) -> str:
        """One chart drawn for a phone-wide column (the overview stacks them), its legend
        explained right under it."""
        from ..charts.figures import alt_text, figure_by_name
        from ..charts.specs import spec_for

        kwargs = dict(
            lang=self.lang,
            today=env.today(),
            person=self.person.value or None,
            interval_days=intervals,
        )
        fig = figure_by_name(name, *records, narrow=True, **kwargs)
        alt = alt_text(name, *records, **kwargs)
        image = figure_html(fig, alt, f"oo-chart oo-chart-{name}", dpi=CHART_DPI)
        key = spec_for(name).legend_key
        legend = f'<p class="oo-chart-legend">{esc(t(key, self.lang))}</p>' if key else ""
        return f"<figure>{image}{legend}</figure>"


def dashboard(lang: str | None = None) -> Dashboard:
    """Charts of the log over time; everyone or one person."""
    return Dashboard(lang)


__all__ = ["Dashboard", "dashboard"]
