"""How often the learner means to meet each person: a small "meets every N days" control.

The cadence is stored per person (``Store.set_interval``); every chart, the report, the agenda
builder and the experiment review read it. :func:`bad_interval_note` is the one sentence the
views show when a stored value cannot be used (they fall back to 7 days).
"""

from __future__ import annotations

import ipywidgets as w

from ..i18n import t
from ..insight.cadence import unusable_intervals
from ..insight.selection import INTERVAL_DAYS
from ..log.setting_rules import INTERVAL_DAYS as INTERVAL_RANGE
from ..log.store import Store
from . import session
from .common import FIELD_STYLE, Message, esc, field_layout, safe_callback, style_widget


def bad_interval_note(store: Store, lang: str) -> str:
    """The note for people whose stored cadence is unusable, or "" when all are fine."""
    bad = unusable_intervals(store.bad_settings())
    if not bad:
        return ""
    return t("cadence.bad_note", lang, people=", ".join(sorted(bad)), days=INTERVAL_DAYS)


class CadenceControl(w.VBox):
    """Parts: ``person`` (typed or picked), ``days``, ``save``, ``overview``, ``message``."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.person = w.Combobox(
            options=[],
            ensure_option=False,
            description=t("field.person", L),
            placeholder=t("cadence.person_placeholder", L),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-cadence-person",),
        )
        low, high = INTERVAL_RANGE
        self.days = w.BoundedIntText(
            value=INTERVAL_DAYS,
            min=low,
            max=high,
            description=t("cadence.every", L),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-cadence-days",),
        )
        self.save = w.Button(
            description=t("cadence.save", L),
            layout=w.Layout(width="auto"),
            _dom_classes=("oo-cadence-save",),
        )
        self.overview = w.HTML("", _dom_classes=("oo-cadence-overview",))
        self.message = Message("oo-cadence-message")
        super().__init__(
            [
                style_widget(),
                w.HTML(f"<p>{esc(t('cadence.what', L))}</p>"),
                w.HBox([self.person, self.days, self.save], layout=w.Layout(flex_flow="row wrap")),
                self.overview,
                self.message,
            ],
            _dom_classes=("oo-cadence",),
        )
        self.person.observe(self._on_person, "value")
        self.save.on_click(self._on_save)
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def refresh(self) -> None:
        L = self.lang
        store = session.store()
        intervals = store.intervals()
        people = sorted(set(store.people()) | set(intervals), key=str.casefold)
        self.person.options = people
        lines = [
            t("cadence.line", L, person=p, count=intervals.get(p, INTERVAL_DAYS))
            + ("" if p in intervals else " " + t("cadence.default", L))
            for p in people
        ]
        note = bad_interval_note(store, L)
        self.overview.value = (
            "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>" if lines else ""
        ) + (f'<p class="oo-cadence-note" role="note">{esc(note)}</p>' if note else "")

    @safe_callback()
    def _on_person(self, change=None) -> None:
        name = self.person.value.strip()
        self.days.value = session.store().intervals().get(name, INTERVAL_DAYS)

    @safe_callback()
    def _on_save(self, _b=None) -> int | None:
        L = self.lang
        name = self.person.value.strip()
        if not name:
            self.message.show_error(t("cadence.choose_person", L))
            return None
        session.store().set_interval(name, self.days.value)
        self.message.show_ok(t("cadence.saved", L, person=name, count=self.days.value))
        session.changed()
        return self.days.value


def cadence_control(lang: str | None = None) -> CadenceControl:
    """Set how often you mean to meet each person (every N days)."""
    return CadenceControl(lang)


__all__ = ["CadenceControl", "bad_interval_note", "cadence_control"]
