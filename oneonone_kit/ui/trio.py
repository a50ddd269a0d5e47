"""The role-play trio kit: role cards with rotation and a round timer.

The rotation and timing logic lives in :mod:`oneonone_kit.coach.trio`; these widgets only show it. The
timer ticks in a daemon thread (:class:`~oneonone_kit.coach.trio.Ticker`) that runs only while a
countdown is running and stops on ``close()``. Pass ``clock`` (and ``tick_seconds``) to drive the
time in tests. The observer's panel is in :mod:`oneonone_kit.ui.observer`.
"""

from __future__ import annotations

import time

import ipywidgets as w

from ..coach import trio
from ..i18n import t
from ..labels import NEED_KEY
from . import session
from ._trio_parts import Ticking, heading, panel_button
from .common import (
    FIELD_STYLE,
    Message,
    esc,
    field_layout,
    safe_callback,
    style_widget,
)

OWN_TOPIC = "own_topic"
# Catalogue keys written out in full, so a test can find every key the code uses.
CARD_HEADING_KEY = {
    "leader": "trio.card_leader_heading",
    "employee": "trio.card_employee_heading",
    "observer": "trio.card_observer_heading",
}
OWN_TOPIC_KEY = {
    "leader": "trio.own_leader",
    "employee": "trio.own_employee",
    "observer": "trio.own_observer",
}
CARD_PART_KEY = {
    "brings": "trio.card_brings",
    "situation": "trio.card_situation",
    "holding_back": "trio.card_holding_back",
    "knows": "trio.card_knows",
    "trap": "trio.card_trap",
}


# Labels above fields, and big buttons that wrap their text: the cards are used on phones.
TRIO_STYLE = """
<style>
.oo-trio { max-width: 44em; }
.oo-trio .oo-nowrap { white-space: nowrap; }
.oo-trio .widget-text, .oo-trio .widget-dropdown {
  flex-direction: column; align-items: stretch; height: auto; }
.oo-trio .widget-text > .widget-label, .oo-trio .widget-dropdown > .widget-label {
  text-align: left; width: auto; max-width: none; font-weight: 600; line-height: 1.6; }
.oo-trio .widget-text input, .oo-trio .widget-dropdown select { flex: none; height: 2.6em;
  font-size: 1em; }
.oo-trio .widget-toggle-buttons .widget-toggle-button { width: auto; min-width: 4.5em;
  height: 44px; }
.oo-trio .widget-button { height: auto; min-height: 44px;
  white-space: normal; line-height: 1.25; padding: 6px 10px; }
.oo-trio-clock { font-size: 2.4em; font-variant-numeric: tabular-nums; font-weight: 700; }
.oo-trio-card details { border: 1px solid #bbb; border-radius: 6px; padding: 4px 10px;
  margin: 4px 0; }
.oo-trio-card summary { cursor: pointer; font-weight: 600; padding: 8px 0; }
.oo-trio-card dl { display: block; margin: 0 0 6px 0; }
.oo-trio-card dt { float: none; width: auto; font-weight: 600; margin-top: 6px; }
.oo-trio-card dd { float: none; width: auto; margin: 0; }
.oo-trio-card ul { margin: 0; padding-left: 1.2em; }
.oo-trio .widget-html-content { line-height: 1.45; }
</style>
"""


class RoleCards(Ticking, w.VBox):
    """Pick a scenario and three names; see who plays which role and the cards; rotate; time it.

    Parts: ``scenario``, ``names`` (three Text), ``round_label``, ``roles``, ``cards``
    (role -> HTML), ``next_round``, ``timer_minutes``, ``timer_start``, ``timer_stop``,
    ``timer_display``, ``message``; ``round_number`` and ``countdown`` hold the state.
    """

    def __init__(
        self,
        lang: str | None = None,
        *,
        clock: trio.Clock = time.monotonic,
        tick_seconds: float = 1.0,
    ):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.message = Message("oo-trio-message")
        self._make_ticker(self._tick, tick_seconds, "oo-trio-timer")
        self.round_number = 1
        self.countdown = trio.Countdown(15, clock)
        options = [(t("trio.own_topic", L), OWN_TOPIC)]
        options += [(entry["title"], entry["key"]) for entry in trio.scenarios(L)]
        self.scenario = w.Dropdown(
            options=options,
            value=OWN_TOPIC,
            description=t("trio.scenario", L),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-trio-scenario",),
        )
        self.names = [
            w.Text(
                description=t("trio.name_label", L, number=number),
                placeholder=t("trio.name_placeholder", L),
                style=FIELD_STYLE,
                layout=field_layout(),
                _dom_classes=(f"oo-trio-name-{number}",),
            )
            for number in (1, 2, 3)
        ]
        self.round_label = w.HTML("", _dom_classes=("oo-trio-round",))
        self.roles = w.HTML("", _dom_classes=("oo-trio-roles",))
        self.cards = {
            role: w.HTML("", _dom_classes=("oo-trio-card", f"oo-trio-card-{role}"))
            for role in trio.ROLES
        }
        self.next_round = panel_button(t("trio.next", L), "oo-trio-next", style="primary")
        self.timer_minutes = w.ToggleButtons(
            options=[(t("trio.timer_minutes", L, minutes=m), m) for m in trio.TIMER_MINUTES],
            value=self.countdown.minutes,
            description=t("trio.timer_label", L),
            style=FIELD_STYLE,
            _dom_classes=("oo-trio-timer-minutes",),
        )
        self.timer_start = panel_button(
            t("trio.timer_start", L), "oo-trio-timer-start", style="success"
        )
        self.timer_stop = panel_button(t("trio.timer_stop", L), "oo-trio-timer-stop")
        self.timer_display = w.HTML("", _dom_classes=("oo-trio-timer-display",))
        super().__init__(
            [
                style_widget(),
                w.HTML(TRIO_STYLE),
                self.scenario,
                *self.names,
                self.round_label,
                self.roles,
                *self.cards.values(),
                w.HTML(f"<p>{esc(t('trio.feedback_order', L))}</p>"),
                self.next_round,
                heading(t("trio.timer_heading", L)),
                self.timer_minutes,
                w.HBox(
                    [self.timer_start, self.timer_stop],
                    layout=w.Layout(flex_flow="row wrap", grid_gap="8px"),
                ),
                self.timer_display,
                self.message,
            ],
            _dom_classes=("oo-trio",),
        )
        self.scenario.observe(self._on_change, "value")
        for name in self.names:
            name.observe(self._on_change, "value")
        self.next_round.on_click(self._on_next)
        self.timer_minutes.observe(self._on_minutes, "value")
        self.timer_start.on_click(self._on_start)
        self.timer_stop.on_click(self._on_stop)
        self._render()
        self._show_time()

    # --- who plays what -------------------------------------------------------------------

    def people(self) -> list[str]:
        """The three names as typed, or "Person 1/2/3" for a blank one."""
        return [
            box.value.strip() or t("trio.name_default", self.lang, number=number)
            for number, box in enumerate(self.names, start=1)
        ]

    def assignment(self) -> dict[str, str]:
        """``{role: name}`` for the current round."""
        return trio.roles_for_round(self.people(), self.round_number)

    def _card_sections(self, role: str) -> list[tuple[str, str]]:
        """(title, HTML) pairs of ``role``'s card for the chosen scenario; text is escaped."""
        L = self.lang
        if self.scenario.value == OWN_TOPIC:
            return [(t(CARD_HEADING_KEY[role], L), esc(t(OWN_TOPIC_KEY[role], L)))]
        entry = trio.scenario(self.scenario.value, L)
        if role == "observer":
            needs = ", ".join(t(NEED_KEY[n], L) for n in entry["needs"])
            focus = "".join(f"<li>{esc(line)}</li>" for line in entry["observer_focus"])
            return [
                (t("trio.card_needs", L), esc(needs)),
                (t("trio.card_watch", L), f"<ul>{focus}</ul>"),
                (t("trio.card_always", L), esc(t("trio.observer_always", L))),
            ]
        card = entry[f"{role}_card"]
        parts = ("brings", "situation", "holding_back") if role == "employee" else ("knows", "trap")
        return [(t(CARD_PART_KEY[part], L), esc(card[part])) for part in parts]

    def _card_html(self, role: str, person: str) -> str:
        body = "".join(
            f"<dt>{esc(title)}</dt><dd>{html}</dd>" for title, html in self._card_sections(role)
        )
        summary = t(
            "trio.card_summary", self.lang, role=t(trio.ROLE_KEY[role], self.lang), name=person
        )
        return f"<details><summary>{esc(summary)}</summary><dl>{body}</dl></details>"

    def _on_change(self, _change=None) -> None:
        self._render()

    @safe_callback()
    def _render(self) -> None:
        L = self.lang
        who = self.assignment()
        if self.round_number <= len(trio.ROLES):
            label = t("trio.round", L, number=self.round_number, total=len(trio.ROLES))
        else:
            label = t("trio.round_extra", L, number=self.round_number)
        self.round_label.value = f"<h3>{esc(label)}</h3>"
        self.roles.value = (
            "<p>"
            + " · ".join(
                f'<span class="oo-nowrap"><strong>{esc(t(trio.ROLE_KEY[role], L))}:</strong> '
                f"{esc(who[role])}</span>"
                for role in trio.ROLES
            )
            + "</p>"
        )
        for role in trio.ROLES:
            self.cards[role].value = self._card_html(role, who[role])

    @safe_callback()
    def _on_next(self, _b=None) -> None:
        self._stop_timer()
        self.round_number += 1
        self._render()
        if self.round_number == len(trio.ROLES) + 1:
            self.message.show_ok(t("trio.all_roles_done", self.lang))
        else:
            self.message.show_info(t("trio.rotated", self.lang, number=self.round_number))

    # --- the round timer ------------------------------------------------------------------

    def _show_time(self) -> None:
        remaining = trio.format_seconds(self.countdown.remaining())
        self.timer_display.value = f'<div class="oo-trio-clock" role="timer">{esc(remaining)}</div>'

    @safe_callback()
    def _tick(self) -> None:
        with self._lock:
            self._show_time()
            if self.countdown.finished:
                self.ticker.stop()
                self.timer_start.disabled = False
                self.message.show_info(t("trio.time_up", self.lang))

    @safe_callback()
    def _on_minutes(self, change) -> None:
        with self._lock:
            self.countdown.minutes = change["new"]
            self._show_time()

    @safe_callback()
    def _on_start(self, _b=None) -> None:
        with self._lock:
            self.countdown.start()
            self._show_time()
            self.timer_start.disabled = True
            self.message.show_info(
                t("trio.timer_running", self.lang, minutes=self.countdown.minutes)
            )
        self.ticker.start()

    def _stop_timer(self) -> None:
        self.ticker.stop()
        with self._lock:
            self.countdown.stop()
            self._show_time()
            self.timer_start.disabled = False

    @safe_callback()
    def _on_stop(self, _b=None) -> None:
        self._stop_timer()
        self.message.show_info(t("trio.timer_stopped", self.lang))


def role_cards(
    lang: str | None = None, *, clock: trio.Clock = time.monotonic, tick_seconds: float = 1.0
) -> RoleCards:
    """Role cards for a trio round: scenario, who plays what, rotation and a round timer."""
    return RoleCards(lang, clock=clock, tick_seconds=tick_seconds)


__all__ = ["RoleCards", "role_cards"]
