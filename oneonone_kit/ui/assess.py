"""Self-assessments: baseline, beliefs, behaviour spectra, needs coverage (radar), team safety.

One widget class renders every kind; what differs (items, scale, poles, reverse-scored items,
chart) is described by a small spec built from the content items of the learner's language.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import ipywidgets as w

from .. import env
from ..i18n import format_date, format_number, t
from ..insight.scoring import SAFETY_REVERSED, compare, mean_score
from ..items import items
from ..model import Assessment
from . import session
from .common import Message, classed, esc, figure_html, safe_callback, style_widget

# Each self-assessment's name, scale legend and next step (catalogue keys in full).
KIND_KEY = {
    "baseline": "plan.kind.baseline",
    "beliefs": "plan.kind.beliefs",
    "behaviours": "plan.kind.behaviours",
    "needs": "plan.kind.needs",
    "safety": "plan.kind.safety",
}
LEGEND_KEY = {
    "baseline": "assess.baseline.legend",
    "beliefs": "assess.beliefs.legend",
    "behaviours": "assess.behaviours.legend",
    "needs": "assess.needs.legend",
    "safety": "assess.safety.legend",
}
NEXT_KEY = {
    "baseline": "assess.baseline.next",
    "beliefs": "assess.beliefs.next",
    "behaviours": "assess.behaviours.next",
    "needs": "assess.needs.next",
    "safety": "assess.safety.next",
}


@dataclass(frozen=True)
class Spec:
    kind: str
    scale_max: int
    keys: tuple[str, ...]
    prompts: tuple[str, ...]
    poles: tuple[tuple[str, str], ...] = ()  # (left, right) per item, for spectra
    reversed_items: frozenset[str] = field(default_factory=frozenset)
    radar: bool = False


def spec_for(kind: str, lang: str) -> Spec:
    """The items, scale and scoring of one self-assessment kind."""
    if kind == "baseline":
        entries = items("baseline", lang)
        return Spec(kind, 5, tuple(e["key"] for e in entries), tuple(e["text"] for e in entries))
    if kind == "beliefs":
        entries = items("beliefs", lang)
        return Spec(
            kind, 5, tuple(e["key"] for e in entries), tuple(e["rating_prompt"] for e in entries)
        )
    if kind == "behaviours":
        entries = items("behaviours", lang)
        return Spec(
            kind,
            5,
            tuple(e["key"] for e in entries),
            tuple(e["title"] for e in entries),
            poles=tuple((e["from_label"], e["to_label"]) for e in entries),
        )
    if kind == "needs":
        entries = items("needs", lang)
        return Spec(
            kind,
            5,
            tuple(e["key"] for e in entries),
            tuple(e["title"] for e in entries),
            radar=True,
        )
    if kind == "safety":
        entries = items("safety", lang)
        return Spec(
            kind,
            7,
            tuple(e["key"] for e in entries),
            tuple(e["text"] for e in entries),
            reversed_items=SAFETY_REVERSED,
        )
    raise ValueError(f"Unknown self-assessment {kind!r}")


class SelfAssessment(w.VBox):
    """Rate each item, save, and see the result next to the first time you rated it.

    Parts: ``scales`` (key -> ToggleButtons), ``save``, ``message``, ``result``.
    """

    def __init__(self, kind: str, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.spec = spec_for(kind, L)
        self.last_error: Exception | None = None
        self.scales: dict[str, w.ToggleButtons] = {}
        rows: list[w.Widget] = [style_widget()]
        legend = t(LEGEND_KEY[kind], L)
        rows.append(w.HTML(f'<p class="oo-scale-legend">{esc(legend)}</p>'))
        for index, (key, prompt) in enumerate(zip(self.spec.keys, self.spec.prompts)):
            scale = w.ToggleButtons(
                options=[(str(i), i) for i in range(1, self.spec.scale_max + 1)],
                value=None,
                style={"button_width": "2.8em"},
                description="",
                tooltips=[str(i) for i in range(1, self.spec.scale_max + 1)],
            )
            classed(scale, "oo-assess-scale", f"oo-assess-{kind}-{key}")
            self.scales[key] = scale
            label = w.HTML(f'<p class="oo-assess-prompt"><strong>{esc(prompt)}</strong></p>')
            if self.spec.poles:
                left, right = self.spec.poles[index]
                line = classed(
                    w.HBox(
                        [
                            w.HTML(f"<span>{esc(left)}</span>"),
                            scale,
                            w.HTML(f"<span>{esc(right)}</span>"),
                        ],
                        layout=w.Layout(flex_flow="row wrap", align_items="center"),
                    ),
                    "oo-scale-line",
                )
                rows += [label, line]
            else:
                rows += [label, scale]
        self.save = classed(
            w.Button(description=t("assess.save", L), button_style="primary"),
            "oo-assess-save",
            f"oo-assess-{kind}-save",
        )
        self.message = Message("oo-assess-message")
        self.result = classed(w.HTML(""), "oo-assess-result", f"oo-assess-{kind}-result")
        rows += [self.save, self.message, self.result]
        super().__init__(rows)
        classed(self, "oo-assess", f"oo-assess-{kind}")
        self.save.on_click(self._on_save)
        self._load_latest()

    def answers(self) -> dict[str, int]:
        return {k: s.value for k, s in self.scales.items() if s.value is not None}

    def sittings(self) -> list[Assessment]:
        return session.store().assessments(self.spec.kind)

    @safe_callback()
    def _load_latest(self) -> None:
        sittings = self.sittings()
        if not sittings:
            return
        latest = sittings[-1]
        for key, scale in self.scales.items():
            if key in latest.answers:
                scale.value = latest.answers[key]
        self.message.show_info(
            t("assess.last_saved", self.lang, date=format_date(latest.taken_at.date(), self.lang))
        )
        self._show_result()

    @safe_callback()
    def _on_save(self, _b=None) -> Assessment | None:
        answers = self.answers()
        missing = [p for k, p in zip(self.spec.keys, self.spec.prompts) if k not in answers]
        if missing:
            self.message.show_error(t("assess.missing", self.lang, count=len(missing)), missing[:3])
            return None
        now = _dt.datetime.now().replace(microsecond=0)
        sitting = Assessment.create(
            kind=self.spec.kind,
            answers=answers,
            scale_max=self.spec.scale_max,
            taken_at=_dt.datetime.combine(env.today(), now.time()),
        )
        session.store().add(sitting)
        self.message.show_ok(t("assess.saved", self.lang))
        self._show_result()
        session.changed()
        return sitting

    def _show_result(self) -> None:
        L = self.lang
        sittings = self.sittings()
        if not sittings:
            self.result.value = ""
            return
        latest = sittings[-1]
        spec = self.spec
        mean = mean_score(latest.answers, spec.scale_max, spec.reversed_items) or 0.0
        parts = [
            f"<p>{esc(t('assess.mean', L, score=format_number(mean, L), max=spec.scale_max))}</p>"
        ]
        change = compare(sittings, spec.reversed_items)
        if change is not None:
            first, now = format_number(change.first_mean, L), format_number(change.latest_mean, L)
            key = "assess.unchanged" if first == now else "assess.change"
            date = format_date(change.first.taken_at.date(), L)
            parts.append(f"<p>{esc(t(key, L, first=first, latest=now, date=date))}</p>")
        parts.append(f"<p><em>{esc(t(NEXT_KEY[spec.kind], L))}</em></p>")
        if spec.radar:
            from ..charts.assessment import radar_chart

            first = change.first.answers if change is not None else None
            fig = radar_chart(
                spec.prompts, latest.answers, spec.keys, spec.scale_max, L, first=first
            )
            alt = t(
                "assess.radar_alt",
                L,
                summary=", ".join(
                    f"{p} {latest.answers.get(k, 0)}" for k, p in zip(spec.keys, spec.prompts)
                ),
            )
            parts.append(figure_html(fig, alt, "oo-chart oo-needs-radar"))
        self.result.value = "".join(parts)


def self_assessment(kind: str = "baseline", lang: str | None = None) -> SelfAssessment:
    """A self-assessment widget: ``baseline``, ``beliefs``, ``behaviours``, ``needs``, ``safety``."""
    return SelfAssessment(kind, lang)


__all__ = ["SelfAssessment", "self_assessment"]
