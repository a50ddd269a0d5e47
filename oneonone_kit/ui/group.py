"""The facilitator's group view: upload participants' de-identified summaries and see the group.

The files stay in this page's kernel (never stored). Every file is checked first: if one is not
a summary, nothing is shown. Under :data:`~oneonone_kit.insight.cohort.MIN_GROUP` participants nothing
is shown either, and single figures that rest on fewer answers are withheld.
"""

from __future__ import annotations

import ipywidgets as w

from ..i18n import format_number, format_percent, t
from ..insight.cohort import (
    MIN_GROUP,
    Cohort,
    GroupTooSmall,
    ItemSpread,
    SummaryError,
    aggregate,
    read_summary,
)
from ..insight.metrics import NEGLECT_AFTER
from ..items import items
from ..labels import NEED_KEY
from . import session
from .assess import KIND_KEY
from .common import Message, classed, esc, safe_callback, style_widget

COHORT_STYLE = """
<style>
.oo-cohort .widget-html-content { line-height: 1.45; }
.oo-cohort .widget-html, .oo-cohort .widget-html-content { max-width: 100%; min-width: 0; }
.oo-cohort-result .oo-table-wrap { max-width: calc(100vw - 40px); overflow-x: auto; }
.oo-cohort h1 { font-size: 1.6em; margin: 0.2em 0 0.3em 0; }
.oo-spread { display: inline-flex; gap: 2px; align-items: flex-end; height: 2.2em; }
.oo-spread span { display: inline-block; width: 1.2em; background: #1f4f86; min-height: 1px; }
.oo-spread-counts { display: block; font-size: 0.8em; color: #333; white-space: nowrap; }
.oo-withheld { color: #6b4e00; font-style: italic; }
</style>
"""


def _item_label(kind: str, key: str, lang: str) -> str:
    for entry in items(kind, lang):
        if entry["key"] == key:
            return entry.get("title") or entry["text"]
    return key


def _spread_html(spread: ItemSpread) -> str:
    top = max(spread.counts) or 1
    bars = "".join(
        f'<span style="height:{max(count / top, 0.04) * 100:.0f}%" title="{score}: {count}"></span>'
        for score, count in enumerate(spread.counts, start=1)
    )
    counts = " · ".join(f"{score}: {count}" for score, count in enumerate(spread.counts, start=1))
    return (
        f'<span class="oo-spread" aria-hidden="true">{bars}</span> '
        f'<span class="oo-spread-counts">{esc(counts)}</span>'
    )


# The debrief questions under the group's figures (catalogue keys written out in full).
TALK_KEYS = ("cohort.talk_1", "cohort.talk_2", "cohort.talk_3")


class CohortView(w.VBox):
    """Parts: ``upload`` (several summaries), ``show``, ``message``, ``problems``, ``result``."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.cohort: Cohort | None = None
        self.message = Message("oo-cohort-message")
        self.upload = classed(
            w.FileUpload(accept=".json", multiple=True, description=t("cohort.upload", L)),
            "oo-cohort-upload",
        )
        self.upload.layout.width = "auto"
        self.show = classed(
            w.Button(description=t("cohort.show", L), button_style="primary"), "oo-cohort-show"
        )
        self.result = classed(w.HTML(""), "oo-cohort-result")
        super().__init__(
            [
                style_widget(),
                w.HTML(
                    COHORT_STYLE
                    + f"<h1>{esc(t('cohort.title', L))}</h1>"
                    + f"<p>{esc(t('cohort.intro', L, min=MIN_GROUP))}</p>"
                ),
                w.HBox([self.upload, self.show]),
                self.message,
                self.result,
            ]
        )
        classed(self, "oo-cohort")
        self.show.on_click(self._on_show)

    @safe_callback()
    def _on_show(self, _b=None) -> None:
        L = self.lang
        self.cohort = None
        self.result.value = ""
        files = list(self.upload.value)
        if not files:
            self.message.show_error(t("cohort.choose", L))
            return
        summaries, problems = [], []
        for item in files:
            try:
                summaries.append(read_summary(bytes(item["content"])))
            except SummaryError as error:
                problems.append(
                    t("cohort.file_problem", L, name=item["name"], reason=error.message(L))
                )
        if problems:
            self.message.show_error(t("cohort.refused", L, count=len(problems)), problems)
            return
        try:
            cohort = aggregate(summaries)
        except GroupTooSmall as small:
            self.message.show_error(small.message(L))
            return
        self.cohort = cohort
        lines = [t("cohort.ready", L, count=cohort.participants)]
        if cohort.duplicates:
            lines.append(t("cohort.duplicates", L, count=cohort.duplicates))
        self.message.show_ok(" ".join(lines))
        self.result.value = self.render(cohort)

    def render(self, cohort: Cohort) -> str:
        """The group as HTML: one table per self-assessment, the neglected needs, the log."""
        parts = [self._kind_html(kind, spreads) for kind, spreads in cohort.items.items()]
        parts.append(self._needs_html(cohort))
        parts.append(self._log_html(cohort))
        parts.append(self._talk_html())
        return "".join(parts)

    def _talk_html(self) -> str:
        """What the figures do and do not say, and questions to discuss them with the group."""
        L = self.lang
        questions = "".join(f"<li>{esc(t(key, L))}</li>" for key in TALK_KEYS)
        return (
            f"<h2>{esc(t('cohort.talk_heading', L))}</h2>"
            f"<p>{esc(t('cohort.talk_note', L))}</p><ol class='oo-cohort-talk'>{questions}</ol>"
        )

    def _kind_html(self, kind: str, spreads: tuple[ItemSpread, ...]) -> str:
        L = self.lang
        heads = "".join(
            f"<th scope='col'>{esc(t(k, L))}</th>"
            for k in (
                "cohort.col.item",
                "cohort.col.answered",
                "cohort.col.mean",
                "cohort.col.spread",
                "cohort.col.then_now",
            )
        )
        rows = []
        for spread in spreads:
            label = esc(_item_label(kind, spread.key, L))
            if spread.withheld:
                withheld = esc(t("cohort.withheld", L, min=MIN_GROUP))
                rows.append(
                    f"<tr class='oo-cohort-row' data-item='{esc(spread.key)}'><th scope='row'>"
                    f"{label}</th><td>{spread.answered}</td>"
                    f"<td colspan='3' class='oo-withheld'>{withheld}</td></tr>"
                )
                continue
            then_now = (
                f"{format_number(spread.then_now[0], L)} → {format_number(spread.then_now[1], L)}"
                if spread.then_now
                else "–"
            )
            rows.append(
                f"<tr class='oo-cohort-row' data-item='{esc(spread.key)}'><th scope='row'>"
                f"{label}</th><td>{spread.answered}</td>"
                f"<td>{esc(format_number(spread.mean or 0, L))}</td>"
                f"<td>{_spread_html(spread)}</td><td>{esc(then_now)}</td></tr>"
            )
        scale = max(s.scale_max for s in spreads)
        return (
            f"<h2>{esc(t(KIND_KEY[kind], L))}</h2>"
            f"<p>{esc(t('cohort.scale_note', L, max=scale))}</p>"
            f'<div class="oo-table-wrap"><table class="oo-table oo-cohort-{kind}">'
            f"<thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def _needs_html(self, cohort: Cohort) -> str:
        L = self.lang
        head = f"<h2>{esc(t('cohort.needs', L))}</h2>"
        if cohort.needs is None:
            return (
                head
                + f"<p class='oo-withheld'>{esc(t('cohort.log_withheld', L, min=MIN_GROUP))}</p>"
            )
        note = f"<p>{esc(t('cohort.needs_note', L, count=NEGLECT_AFTER))}</p>"
        neglected = [n for n in cohort.needs if n.neglected_by]
        if not neglected:
            return head + note + f"<p>{esc(t('cohort.needs_none', L))}</p>"
        lines = "".join(
            "<li>"
            + esc(
                t(
                    "cohort.needs_line",
                    L,
                    need=t(NEED_KEY[n.need], L),
                    count=n.neglected_by,
                    total=n.with_log,
                    share=format_percent(n.mean_share or 0, L),
                )
            )
            + "</li>"
            for n in neglected
        )
        return head + note + f'<ol class="oo-cohort-neglected">{lines}</ol>'

    def _log_html(self, cohort: Cohort) -> str:
        L = self.lang
        if cohort.log is None:
            return ""
        log = cohort.log
        withheld = t("cohort.log.withheld", L, min=MIN_GROUP)

        def number(value: float | None) -> str:
            return withheld if value is None else format_number(value, L)

        def percent(value: float | None, scale: float = 1.0) -> str:
            return withheld if value is None else format_percent(value / scale, L)

        rows = (
            ("cohort.log.with_log", str(log.with_log)),
            ("cohort.log.meetings", number(log.meetings)),
            ("cohort.log.per_four_weeks", number(log.per_four_weeks)),
            ("cohort.log.employee_or_shared", percent(log.employee_or_shared)),
            ("cohort.log.talk_share", percent(log.talk_share, 100)),
            ("cohort.log.follow_through", percent(log.follow_through)),
        )
        body = "".join(
            f"<tr><th scope='row'>{esc(t(key, L))}</th><td>{esc(value)}</td></tr>"
            for key, value in rows
        )
        return (
            f"<h2>{esc(t('cohort.log', L))}</h2>"
            f'<div class="oo-table-wrap"><table class="oo-table oo-cohort-log">'
            f"<tbody>{body}</tbody></table></div>"
        )


def cohort_view(lang: str | None = None) -> CohortView:
    """The facilitator's group view of de-identified summaries."""
    return CohortView(lang)


__all__ = ["CohortView", "cohort_view"]
