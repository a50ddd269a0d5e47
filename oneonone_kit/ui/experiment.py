"""Plan a small experiment, and review it with the before/after chart from the log."""

from __future__ import annotations

import datetime as _dt
import textwrap
from dataclasses import replace

import ipywidgets as w

from .. import env
from ..i18n import format_date, format_number, t
from ..items import items
from ..labels import METRIC_KEY, VERDICT_KEY
from ..model import EXPERIMENT_METRICS, VERDICTS, Experiment, RecordError
from . import session
from .cadence_view import bad_interval_note
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

WEEKS = tuple(range(2, 11))
CHECK_IN_EVERY = 14  # days


def check_in_dates(start: _dt.date, end: _dt.date) -> list[_dt.date]:
    """Every two weeks from the start, and the end date itself."""
    dates = []
    day = start + _dt.timedelta(days=CHECK_IN_EVERY)
    while day < end:
        dates.append(day)
        day += _dt.timedelta(days=CHECK_IN_EVERY)
    return [*dates, end]


def baseline_from_log(metric: str, start: _dt.date, weeks: int) -> tuple[float | None, int]:
    """The metric's mean over the ``weeks`` before ``start`` in the log, and how many items."""
    from ..insight.metrics import metric_points

    store = session.store()
    since = start - _dt.timedelta(weeks=weeks)
    points = [
        v
        for d, v in metric_points(
            metric,
            store.meetings(),
            today=start - _dt.timedelta(days=1),
            commitments=store.commitments(),
        )
        if since <= d < start
    ]
    return (sum(points) / len(points) if points else None), len(points)


def metric_value_text(metric: str, value: float, lang: str) -> str:
    if metric in ("agenda_ownership", "cadence", "follow_through"):
        return f"{format_number(value * 100, lang, 0)}%"
    if metric == "talk_share":
        return f"{format_number(value, lang, 0)}%"
    return format_number(value, lang, 1)


def shorten(text: str, width: int = 60) -> str:
    """``text`` on one line, cut at a word to at most ``width`` characters (an ellipsis says so)."""
    short = textwrap.shorten(text, width=width, placeholder=" …")
    return short if short.strip("… ") or not text.strip() else text[: width - 1] + "…"


class ExperimentPlanner(w.VBox):
    """Parts: ``catalogue, what, why, metric, start, weeks, baseline, save, message, plan``."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.catalogue = {e["key"]: e for e in items("experiments", L)}
        self.choice = w.Dropdown(
            options=[(t("experiment.own", L), "")]
            + [(e["title"], k) for k, e in self.catalogue.items()],
            value="",
            description=t("experiment.choose", L),
        )
        self.what = w.Textarea(description=t("field.what", L), rows=2)
        self.why = w.Textarea(description=t("field.why", L), rows=2)
        self.metric = w.Dropdown(
            options=[(t(METRIC_KEY[m], L), m) for m in EXPERIMENT_METRICS],
            value="agenda_ownership",
            description=t("field.metric", L),
        )
        self.start = w.DatePicker(value=env.today(), description=t("field.start", L))
        self.weeks = w.Dropdown(
            options=[(str(n), n) for n in WEEKS], value=4, description=t("experiment.weeks", L)
        )
        for name in ("choice", "what", "why", "metric", "start", "weeks"):
            widget = getattr(self, name)
            widget.style = FIELD_STYLE
            widget.layout = field_layout()
            classed(widget, f"oo-exp-{name}")
        self.baseline = classed(w.HTML(""), "oo-exp-baseline")
        self.save = classed(
            w.Button(description=t("experiment.save", L), button_style="primary"), "oo-exp-save"
        )
        self.message = Message("oo-exp-message")
        self.plan = classed(w.HTML(""), "oo-exp-plan")
        super().__init__(
            [
                style_widget(),
                self.choice,
                self.what,
                self.why,
                self.metric,
                self.start,
                self.weeks,
                self.baseline,
                self.save,
                self.message,
                self.plan,
            ]
        )
        classed(self, "oo-form", "oo-exp-planner")
        self.choice.observe(self._on_choice, "value")
        for name in ("metric", "start", "weeks"):
            getattr(self, name).observe(self._on_baseline_input, "value")
        self.save.on_click(self._on_save)
        self._update_baseline()

    @safe_callback()
    def _on_choice(self, change=None) -> None:
        entry = self.catalogue.get(self.choice.value)
        if entry is None:
            return
        self.what.value = entry["what"]
        self.why.value = entry["why"]
        self.metric.value = entry["metric"]
        self.weeks.value = entry["weeks"]

    @safe_callback()
    def _on_baseline_input(self, change=None) -> None:
        self._update_baseline()

    def _update_baseline(self) -> None:
        L = self.lang
        if self.start.value is None:
            self.baseline.value = ""
            return
        value, n = baseline_from_log(self.metric.value, self.start.value, self.weeks.value)
        if value is None:
            text = t("experiment.no_baseline", L, weeks=self.weeks.value)
        else:
            text = t(
                "experiment.baseline",
                L,
                value=metric_value_text(self.metric.value, value, L),
                count=n,
                weeks=self.weeks.value,
            )
        self.baseline.value = f"<p>{esc(text)}</p>"
        self._baseline_value = value

    @safe_callback()
    def _on_save(self, _b=None) -> Experiment | None:
        L = self.lang
        start = self.start.value
        end = start + _dt.timedelta(weeks=self.weeks.value) if start else None
        try:
            experiment = Experiment.create(
                today=env.today(),
                what=self.what.value,
                why=self.why.value,
                start=start,
                end=end,
                metric=self.metric.value,
                baseline=getattr(self, "_baseline_value", None),
            )
        except RecordError as error:
            self.message.show_error(t("experiment.fix", L), error.details(L))
            return None
        session.store().add(experiment)
        dates = ", ".join(
            format_date(d, L) for d in check_in_dates(experiment.start, experiment.end)
        )
        self.message.show_ok(t("experiment.saved", L))
        self.plan.value = (
            f"<p><strong>{esc(experiment.what)}</strong></p>"
            f"<p>{esc(t('experiment.check_ins', L, dates=dates))}</p>"
        )
        session.changed()
        return experiment


def review_lines(
    experiment: Experiment,
    meetings: list,
    commitments: list,
    *,
    lang: str,
    today: _dt.date,
    interval_days: dict[str, int],
) -> list[str]:
    """The review in words: before and during with their figures and the verdict, or, while
    there is too little data, how many items each side still needs and from when it can judge."""
    from ..charts.data import ChartInput
    from ..charts.experiment import value_text
    from ..insight.outcomes import MIN_SIDE, expected_per_day, experiment_effect, readiness
    from ..labels import EFFECT_KEY

    e = experiment_effect(
        experiment, meetings, today=today, commitments=commitments, interval_days=interval_days
    )
    d = ChartInput((), (), (), today, lang)
    day_before = e.start - _dt.timedelta(days=1)
    lines = [
        t(
            "experiment.review.before",
            lang,
            start=format_date(e.baseline_start, lang, weekday=False),
            end=format_date(day_before, lang, weekday=False),
            value=value_text(d, e.metric, e.before),
            count=e.before_n,
        ),
        t(
            "experiment.review.during",
            lang,
            start=format_date(e.start, lang, weekday=False),
            end=format_date(min(e.end, today), lang, weekday=False),
            value=value_text(d, e.metric, e.during),
            count=e.during_n,
        ),
    ]
    if e.verdict != "too_few":
        return [*lines, t(EFFECT_KEY[e.verdict], lang, min_n=MIN_SIDE)]
    pace = expected_per_day(meetings, today=today, interval_days=interval_days)
    r = readiness(e, today=today, per_day=pace)
    if r.before_needed:
        lines.append(
            t(
                "experiment.review.need_before",
                lang,
                count=r.before_needed,
                start=format_date(e.baseline_start, lang, weekday=False),
                end=format_date(day_before, lang, weekday=False),
            )
        )
    if r.during_needed and r.too_late:
        lines.append(
            t(
                "experiment.review.too_late",
                lang,
                count=r.during_needed,
                end=format_date(e.end, lang),
            )
        )
    elif r.during_needed:
        lines.append(
            t(
                "experiment.review.need_during",
                lang,
                count=r.during_needed,
                date=format_date(r.judge_from, lang),
            )
        )
    else:
        lines.append(t("experiment.review.then_ready", lang))
    return lines


class ExperimentReview(w.VBox):
    """Parts: ``experiment`` (radio list), ``chart``, ``result`` (before and during in words, or
    what is still needed), ``verdict``, ``notes``, ``save``, ``message``.

    With no experiment yet only a line saying so shows: the verdict cannot work without one.
    """

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        # A radio list, not a dropdown: an experiment is named by what you wrote, which does
        # not fit in a dropdown's one line on a phone; here each name wraps.
        self.experiment = classed(
            w.RadioButtons(
                options=[],
                description=t("experiment.which", L),
                style=FIELD_STYLE,
                layout=field_layout(),
            ),
            "oo-review-experiment",
        )
        self.chart = classed(w.HTML(""), "oo-review-chart")
        self.result = classed(w.HTML(""), "oo-review-result")
        self.verdict = classed(
            w.ToggleButtons(
                options=[(t(VERDICT_KEY[v], L), v) for v in VERDICTS],
                value=None,
                description=t("field.verdict", L),
                style=FIELD_STYLE,
            ),
            "oo-review-verdict",
        )
        self.notes = classed(
            w.Textarea(
                description=t("experiment.learned", L),
                rows=2,
                style=FIELD_STYLE,
                layout=field_layout(),
            ),
            "oo-review-notes",
        )
        self.save = classed(
            w.Button(description=t("experiment.save_verdict", L), button_style="primary"),
            "oo-review-save",
        )
        self.message = Message("oo-review-message")
        super().__init__(
            [
                style_widget(),
                self.experiment,
                self.chart,
                self.result,
                self.verdict,
                self.notes,
                self.save,
                self.message,
            ]
        )
        classed(self, "oo-exp-review")
        self.experiment.observe(self._on_pick, "value")
        self.save.on_click(self._on_save)
        self.refresh()
        session.on_change(self.refresh)

    def _experiments(self) -> dict[str, Experiment]:
        return {e.uid: e for e in session.store().experiments()}

    @safe_callback()
    def refresh(self) -> None:
        L = self.lang
        found = self._experiments()
        current = self.experiment.value
        self.experiment.options = [
            (f"{shorten(e.what)} ({format_date(e.start, L, weekday=False)})", uid)
            for uid, e in sorted(found.items(), key=lambda kv: kv[1].start, reverse=True)
        ]
        for part in (self.experiment, self.verdict, self.notes, self.save):
            part.layout.display = None if found else "none"
        if found:
            self.experiment.value = current if current in found else self.experiment.options[0][1]
            self._show()
        else:
            self.chart.value = f"<p>{esc(t('experiment.none_yet', L))}</p>"
            self.result.value = ""

    @safe_callback()
    def _on_pick(self, change=None) -> None:
        self._show()

    def _show(self) -> None:
        from ..charts.figures import alt_text, figure_by_name

        chosen = self._experiments().get(self.experiment.value)
        if chosen is None:
            return
        store = session.store()
        args = (store.meetings(), store.commitments(), (chosen,))
        kwargs = dict(lang=self.lang, today=env.today(), interval_days=store.intervals())
        # Drawn narrow, so it reads on a phone (charts.specs.NARROW_WIDTH).
        fig = figure_by_name("experiment", *args, narrow=True, **kwargs)
        self.chart.value = figure_html(
            fig, alt_text("experiment", *args, **kwargs), "oo-chart", 150
        )
        lines = review_lines(chosen, *args[:2], **kwargs)
        note = bad_interval_note(store, self.lang)
        self.result.value = "".join(f"<p>{esc(line)}</p>" for line in [*lines, note] if line)
        self.verdict.value = chosen.verdict
        self.notes.value = chosen.notes

    @safe_callback()
    def _on_save(self, _b=None) -> Experiment | None:
        chosen = self._experiments().get(self.experiment.value)
        if chosen is None:
            self.message.show_error(t("experiment.none_yet", self.lang))
            return None
        if self.verdict.value is None:
            self.message.show_error(t("experiment.choose_verdict", self.lang))
            return None
        updated = replace(chosen, verdict=self.verdict.value, notes=self.notes.value.strip())
        session.store().add(updated)
        self.message.show_ok(
            t(
                "experiment.verdict_saved",
                self.lang,
                verdict=t(VERDICT_KEY[updated.verdict], self.lang),
            )
        )
        session.changed()
        return updated


def experiment_planner(lang: str | None = None) -> ExperimentPlanner:
    """Plan an experiment: what, why, metric, baseline from the log, two to ten weeks."""
    return ExperimentPlanner(lang)


def experiment_review(lang: str | None = None) -> ExperimentReview:
    """Review an experiment: the before/after chart and a keep / adjust / stop verdict."""
    return ExperimentReview(lang)


__all__ = ["ExperimentPlanner", "ExperimentReview", "experiment_planner", "experiment_review"]
