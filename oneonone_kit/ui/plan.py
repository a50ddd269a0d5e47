"""The action plan: self-assessments then and now, what the log shows, and exports."""

from __future__ import annotations

import ipywidgets as w

from .. import env
from ..i18n import Text, format_date, format_number, format_percent, t
from ..insight.cadence import unusable_intervals
from ..insight.scoring import SAFETY_REVERSED, compare, mean_score
from ..labels import NEED_KEY, VERDICT_KEY
from ..log import transfer
from . import session
from .assess import KIND_KEY
from .common import Message, classed, esc, safe_callback, style_widget, table_html
from .data import download_link

KINDS = ("baseline", "beliefs", "behaviours", "needs", "safety")
# How the report shows names, and the link of each report file (catalogue keys in full).
NAMES_KEY = {
    "keep": "plan.names.keep",
    "initials": "plan.names.initials",
    "pseudonyms": "plan.names.pseudonyms",
}
DOWNLOAD_KEY = {".pdf": "plan.download_pdf", ".md": "plan.download_md"}


class ProgressView(w.VBox):
    """Parts: ``table`` (self-assessments first vs latest), ``log_summary`` (what the log shows)."""

    def __init__(self, lang: str | None = None):
        self.lang = lang or session.lang()
        self.last_error: Exception | None = None
        self.message = Message("oo-progress-message")
        self.table = classed(w.HTML(""), "oo-progress-table")
        self.log_summary = classed(w.HTML(""), "oo-progress-log")
        self.experiments = classed(w.HTML(""), "oo-progress-experiments")
        super().__init__(
            [style_widget(), self.table, self.log_summary, self.experiments, self.message]
        )
        classed(self, "oo-progress")
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def refresh(self) -> None:
        L = self.lang
        store = session.store()
        rows = []
        for kind in KINDS:
            sittings = store.assessments(kind)
            if not sittings:
                continue
            flip = SAFETY_REVERSED if kind == "safety" else ()
            change = compare(sittings, flip)
            latest = sittings[-1]
            latest_mean = mean_score(latest.answers, latest.scale_max, flip) or 0.0
            first_text = (
                f"{format_number(change.first_mean, L)} "
                f"({format_date(change.first.taken_at.date(), L, weekday=False)})"
                if change
                else "–"
            )
            rows.append(
                (
                    t(KIND_KEY[kind], L),
                    first_text,
                    f"{format_number(latest_mean, L)} "
                    f"({format_date(latest.taken_at.date(), L, weekday=False)})",
                    f"/ {latest.scale_max}",
                )
            )
        if rows:
            heads = [
                t(k, L)
                for k in ("plan.col.what", "plan.col.first", "plan.col.latest", "plan.col.scale")
            ]
            self.table.value = table_html(heads, [list(r) for r in rows])
        else:
            self.table.value = f"<p>{esc(t('plan.no_assessments', L))}</p>"
        self.log_summary.value = (
            "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in self.log_lines()) + "</ul>"
        )
        self.experiments.value = (
            f'<h2 class="oo-subhead">{esc(t("plan.experiments", L))}</h2><ul>'
            + "".join(f"<li>{esc(line)}</li>" for line in self.experiment_lines())
            + "</ul>"
        )

    def log_lines(self) -> list[str]:
        """A few plain sentences on what the log shows (overall)."""
        from ..insight.metrics import summarise

        L = self.lang
        store = session.store()
        meetings = store.meetings()
        if not meetings:
            return [t("plan.log_empty", L)]
        s = summarise(
            meetings, store.commitments(), today=env.today(), interval_days=store.intervals()
        ).overall
        people = Text("plural.people", {"count": len(store.people())})
        lines = [t("plan.log_meetings", L, count=len(meetings), people=people)]
        if any(m.demo for m in meetings):  # never silently mixed with the learner's own
            lines.append(t("plan.log_demo", L))
        if s.agenda.trend.latest is not None:
            lines.append(t("plan.log_agenda", L, share=format_percent(s.agenda.trend.latest, L)))
        if s.talk.latest is not None:
            lines.append(t("plan.log_talk", L, share=format_percent(s.talk.latest / 100, L)))
        if s.follow.total.rate is not None:
            lines.append(t("plan.log_follow", L, share=format_percent(s.follow.total.rate, L)))
        neglected = s.needs.neglected
        if neglected:
            lines.append(
                t("plan.log_neglected", L, needs=", ".join(t(NEED_KEY[n], L) for n in neglected))
            )
        return lines

    def experiment_lines(self) -> list[str]:
        """One line per experiment: what, when, and the verdict so far."""
        L = self.lang
        lines = []
        for e in sorted(session.store().experiments(), key=lambda e: e.start, reverse=True):
            state = (
                t(VERDICT_KEY[e.verdict], L)
                if e.verdict
                else t("plan.experiment_open", L, end=format_date(e.end, L))
            )
            lines.append(
                t(
                    "plan.experiment_line",
                    L,
                    what=e.what,
                    state=state,
                    start=format_date(e.start, L, weekday=False),
                )
            )
        return lines or [t("plan.no_experiments", L)]


class PlanExport(w.VBox):
    """Parts: ``names`` (keep / initials / pseudonyms), ``prepare``, ``links``, ``message``."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.names = classed(
            w.ToggleButtons(
                options=[(t(key, L), n) for n, key in NAMES_KEY.items()],
                value="initials",
                description=t("plan.names", L),
                style={"description_width": "initial"},
            ),
            "oo-plan-names",
        )
        self.include_demo = classed(
            w.Checkbox(value=False, description=t("plan.include_demo", L), indent=False),
            "oo-plan-include-demo",
        )
        self.prepare = classed(
            w.Button(description=t("plan.prepare", L), button_style="primary"), "oo-plan-prepare"
        )
        self.links = classed(w.HTML(""), "oo-plan-links")
        self.message = Message("oo-plan-message")
        super().__init__(
            [style_widget(), self.names, self.include_demo, self.prepare, self.links, self.message]
        )
        classed(self, "oo-plan-export")
        self.prepare.on_click(self._on_prepare)
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def refresh(self) -> None:
        """The demo option shows only while the demo log is loaded (left out by default)."""
        self.include_demo.layout.display = None if session.store().has_demo() else "none"

    @safe_callback()
    def _on_prepare(self, _b=None) -> None:
        import tempfile
        from pathlib import Path

        from ..charts.report import write_report

        L = self.lang
        store = session.store()
        stamp = env.today().isoformat()
        args = (store.meetings(), store.commitments(), store.experiments())
        links = []
        with tempfile.TemporaryDirectory() as tmp:
            for suffix, mime in ((".pdf", "application/pdf"), (".md", "text/markdown")):
                path = write_report(
                    Path(tmp) / f"report{suffix}",
                    *args,
                    lang=L,
                    names=self.names.value,
                    today=env.today(),
                    interval_days=store.intervals(),
                    include_demo=self.include_demo.value,
                    bad_intervals=unusable_intervals(store.bad_settings()),
                )
                links.append(
                    download_link(
                        path.read_bytes(),
                        f"oneonone-report-{stamp}{suffix}",
                        t(DOWNLOAD_KEY[suffix], L),
                        mime,
                    )
                )
        links.append(
            download_link(
                transfer.export_json(store),
                f"oneonone-{stamp}.json",
                t("data.download_json", L),
                "application/json",
            )
        )
        self.links.value = " · ".join(links)
        ready = t("plan.ready", L)
        if store.has_demo():
            key = "plan.demo_in" if self.include_demo.value else "plan.demo_out"
            ready += " " + t(key, L)
        self.message.show_ok(ready)


def progress(lang: str | None = None) -> ProgressView:
    """Self-assessments then and now, and what the log shows."""
    return ProgressView(lang)


def plan_export(lang: str | None = None) -> PlanExport:
    """Download the report (PDF, Markdown) and everything (JSON)."""
    return PlanExport(lang)


__all__ = ["PlanExport", "ProgressView", "plan_export", "progress"]
