"""The role-play trio kit: role cards with rotation and a round timer, and the observer's panel.

The counting, timing and summary logic lives in :mod:`oneonone_kit.trio`; these widgets only
show it. Timers tick in a daemon thread (:class:`~oneonone_kit.trio.Ticker`) that runs only while
a countdown or a speaker is running and stops on ``close()``. Pass ``clock`` (and
``tick_seconds``) to drive the time in tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import ipywidgets as w

from .. import env, trio
from ..i18n import t
from . import session
from .common import (
    FIELD_STYLE,
    Message,
    classed,
    esc,
    field_layout,
    safe_callback,
    style_widget,
)
from .data import download_link

OWN_TOPIC = "own_topic"

# Labels above fields, and big buttons that wrap their text: the panels are used on phones.
TRIO_STYLE = """
<style>
.oo-trio, .oo-obs { max-width: 44em; }
.oo-trio .oo-nowrap, .oo-obs .oo-nowrap { white-space: nowrap; }
.oo-trio .widget-text, .oo-trio .widget-dropdown, .oo-obs .widget-textarea {
  flex-direction: column; align-items: stretch; height: auto; }
.oo-trio .widget-text > .widget-label, .oo-trio .widget-dropdown > .widget-label,
.oo-obs .widget-textarea > .widget-label {
  text-align: left; width: auto; max-width: none; font-weight: 600; line-height: 1.6; }
.oo-trio .widget-text input, .oo-trio .widget-dropdown select { flex: none; height: 2.6em;
  font-size: 1em; }
.oo-obs .widget-textarea textarea { flex: none; width: 100%; box-sizing: border-box;
  font-size: 1em; }
.oo-trio .widget-toggle-buttons .widget-toggle-button { width: auto; min-width: 4.5em;
  height: 44px; }
.oo-trio .widget-button, .oo-obs .widget-button { height: auto; min-height: 44px;
  white-space: normal; line-height: 1.25; padding: 6px 10px; }
.oo-obs .oo-obs-big { min-height: 3.6em; font-size: 1.05em; }
.oo-trio-clock { font-size: 2.4em; font-variant-numeric: tabular-nums; font-weight: 700; }
.oo-trio-card details { border: 1px solid #bbb; border-radius: 6px; padding: 4px 10px;
  margin: 4px 0; }
.oo-trio-card summary { cursor: pointer; font-weight: 600; padding: 8px 0; }
.oo-trio-card dl { display: block; margin: 0 0 6px 0; }
.oo-trio-card dt { float: none; width: auto; font-weight: 600; margin-top: 6px; }
.oo-trio-card dd { float: none; width: auto; margin: 0; }
.oo-trio-card ul { margin: 0; padding-left: 1.2em; }
.oo-obs-share { font-size: 1.5em; font-weight: 700; font-variant-numeric: tabular-nums; }
.oo-obs .widget-checkbox { height: auto; margin: 2px 0; }
.oo-obs .widget-checkbox .widget-label-basic { display: flex; align-items: center; gap: 10px;
  min-height: 44px; cursor: pointer; }
.oo-obs .widget-checkbox input { width: 1.5em; height: 1.5em; flex: none; margin: 0; }
.oo-obs .widget-checkbox span { white-space: normal; overflow: visible; line-height: 1.3; }
.oo-trio .widget-html-content, .oo-obs .widget-html-content { line-height: 1.45; }
.oo-obs .oo-obs-summary pre.oo-obs-md { white-space: pre-wrap; word-break: break-word; background: #f4f4f4;
  padding: 8px; font-size: 0.9em; line-height: 1.35; font-family: monospace; }
.oo-obs .oo-download { display: inline-block; margin: 6px 0; padding: 10px 14px;
  border: 2px solid #1565c0; border-radius: 4px; color: #1565c0; font-weight: 600;
  text-decoration: none; }
</style>
"""


def _button(label: str, *classes: str, style: str = "") -> w.Button:
    return classed(
        w.Button(description=label, button_style=style, layout=w.Layout(width="auto")), *classes
    )


def _grid(children: list[w.Widget], min_width: str) -> w.GridBox:
    """Columns at least ``min_width`` wide that share the width (two on a phone)."""
    for child in children:
        child.layout.width = "auto"
        child.layout.margin = "0"
    return w.GridBox(
        children,
        layout=w.Layout(
            grid_template_columns=f"repeat(auto-fit, minmax({min_width}, 1fr))",
            grid_gap="8px",
            width="auto",
            margin="4px 2px",
        ),
    )


def _unbroken(text: str) -> str:
    """Escaped ``text`` whose " · "-separated parts each stay on one line (a phone breaks the
    line at a separator, not inside "Leader 38%"); text without a separator wraps freely."""
    parts = text.split(" · ")
    if len(parts) == 1:
        return esc(text)
    return " · ".join(f'<span class="oo-nowrap">{esc(part)}</span>' for part in parts)


def _heading(text: str) -> w.HTML:
    return w.HTML(f"<h3>{esc(text)}</h3>")


class _Ticking:
    """A widget with a :class:`~oneonone_kit.trio.Ticker` that stops when the widget closes."""

    ticker: trio.Ticker

    def _make_ticker(self, callback: Callable[[], None], seconds: float, name: str) -> None:
        self._lock = threading.RLock()
        self.ticker = trio.Ticker(callback, seconds, name=name)

    def close(self) -> None:
        """Stop the timer thread, then close the widget."""
        self.ticker.stop()
        super().close()  # type: ignore[misc]


class RoleCards(_Ticking, w.VBox):
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
        self.scenario = classed(
            w.Dropdown(
                options=options,
                value=OWN_TOPIC,
                description=t("trio.scenario", L),
                style=FIELD_STYLE,
                layout=field_layout(),
            ),
            "oo-trio-scenario",
        )
        self.names = [
            classed(
                w.Text(
                    description=t("trio.name_label", L, number=number),
                    placeholder=t("trio.name_placeholder", L),
                    style=FIELD_STYLE,
                    layout=field_layout(),
                ),
                f"oo-trio-name-{number}",
            )
            for number in (1, 2, 3)
        ]
        self.round_label = classed(w.HTML(""), "oo-trio-round")
        self.roles = classed(w.HTML(""), "oo-trio-roles")
        self.cards = {
            role: classed(w.HTML(""), "oo-trio-card", f"oo-trio-card-{role}") for role in trio.ROLES
        }
        self.next_round = _button(t("trio.next", L), "oo-trio-next", style="primary")
        self.timer_minutes = classed(
            w.ToggleButtons(
                options=[(t("trio.timer_minutes", L, minutes=m), m) for m in trio.TIMER_MINUTES],
                value=self.countdown.minutes,
                description=t("trio.timer_label", L),
                style=FIELD_STYLE,
            ),
            "oo-trio-timer-minutes",
        )
        self.timer_start = _button(t("trio.timer_start", L), "oo-trio-timer-start", style="success")
        self.timer_stop = _button(t("trio.timer_stop", L), "oo-trio-timer-stop")
        self.timer_display = classed(w.HTML(""), "oo-trio-timer-display")
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
                _heading(t("trio.timer_heading", L)),
                self.timer_minutes,
                w.HBox(
                    [self.timer_start, self.timer_stop],
                    layout=w.Layout(flex_flow="row wrap", grid_gap="8px"),
                ),
                self.timer_display,
                self.message,
            ]
        )
        classed(self, "oo-trio")
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
            return [(t(f"trio.card_{role}_heading", L), esc(t(f"trio.own_{role}", L)))]
        entry = trio.scenario(self.scenario.value, L)
        if role == "observer":
            needs = ", ".join(t(f"need.{n}", L) for n in entry["needs"])
            focus = "".join(f"<li>{esc(line)}</li>" for line in entry["observer_focus"])
            return [
                (t("trio.card_needs", L), esc(needs)),
                (t("trio.card_watch", L), f"<ul>{focus}</ul>"),
                (t("trio.card_always", L), esc(t("trio.observer_always", L))),
            ]
        card = entry[f"{role}_card"]
        parts = ("brings", "situation", "holding_back") if role == "employee" else ("knows", "trap")
        return [(t(f"trio.card_{part}", L), esc(card[part])) for part in parts]

    def _card_html(self, role: str, person: str) -> str:
        body = "".join(
            f"<dt>{esc(title)}</dt><dd>{html}</dd>" for title, html in self._card_sections(role)
        )
        summary = t(
            "trio.card_summary", self.lang, role=t(f"trio.role_{role}", self.lang), name=person
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
                f'<span class="oo-nowrap"><strong>{esc(t(f"trio.role_{role}", L))}:</strong> '
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


class ObserverPanel(_Ticking, w.VBox):
    """The observer's tools for one round: talk-time stopwatch, question counters, close
    checklist, feedback notes, and a Markdown summary to download.

    Parts: ``leader_speaking``, ``employee_speaking``, ``pause``, ``talk_share``, ``talk_times``,
    ``counters`` (kind -> Button), ``undo``, ``checks`` (name -> Checkbox),
    ``employee_feedback``, ``observer_notes``, ``summarise``, ``summary``, ``download``,
    ``reset``, ``message``; ``talk`` (TalkClock) and ``tally`` (QuestionTally) hold the state.
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
        self.message = Message("oo-obs-message")
        self._make_ticker(self._tick, tick_seconds, "oo-obs-talk")
        self.talk = trio.TalkClock(clock)
        self.tally = trio.QuestionTally()
        self.markdown = ""
        self.leader_speaking = _button(
            t("obs.leader_speaking", L), "oo-obs-big", "oo-obs-leader-speaking"
        )
        self.employee_speaking = _button(
            t("obs.employee_speaking", L), "oo-obs-big", "oo-obs-employee-speaking"
        )
        self.pause = _button(t("obs.pause", L), "oo-obs-big", "oo-obs-pause")
        self.talk_share = classed(w.HTML(""), "oo-obs-talk-share")
        self.talk_times = classed(w.HTML(""), "oo-obs-talk-times")
        self.counters = {
            kind: _button(
                "", "oo-obs-big", "oo-obs-count", f"oo-obs-count-{kind.replace('_', '-')}"
            )
            for kind in trio.QUESTION_KINDS
        }
        self.undo = _button(t("obs.undo", L), "oo-obs-undo")
        self.checks = {
            name: classed(
                w.Checkbox(
                    value=False,
                    description=t(f"obs.check.{name}", L),
                    indent=False,
                    layout=w.Layout(width="auto"),
                ),
                f"oo-obs-check-{name.replace('_', '-')}",
            )
            for name in trio.CLOSE_CHECKS
        }
        self.employee_feedback = classed(
            w.Textarea(
                rows=4,
                description=t("obs.employee_feedback", L),
                placeholder=t("obs.employee_feedback_hint", L),
                style=FIELD_STYLE,
                layout=w.Layout(width="auto"),
            ),
            "oo-obs-employee-feedback",
        )
        self.observer_notes = classed(
            w.Textarea(
                rows=4,
                description=t("obs.observer_notes", L),
                placeholder=t("obs.observer_notes_hint", L),
                style=FIELD_STYLE,
                layout=w.Layout(width="auto"),
            ),
            "oo-obs-notes",
        )
        self.summarise = _button(t("obs.summarise", L), "oo-obs-summarise", style="primary")
        self.summary = classed(w.HTML(""), "oo-obs-summary")
        self.download = classed(w.HTML(""), "oo-obs-download")
        self.reset = _button(t("obs.reset", L), "oo-obs-reset", style="warning")
        super().__init__(
            [
                style_widget(),
                w.HTML(TRIO_STYLE),
                _heading(t("obs.talk_heading", L)),
                _grid([self.leader_speaking, self.employee_speaking], "9em"),
                self.pause,
                self.talk_share,
                self.talk_times,
                w.HTML(f"<p>{esc(t('obs.target', L))}</p>"),
                _heading(t("obs.questions_heading", L)),
                _grid(list(self.counters.values()), "max(9em, 30%)"),
                self.undo,
                _heading(t("obs.close_heading", L)),
                *self.checks.values(),
                _heading(t("obs.after_heading", L)),
                w.HTML(f"<p>{esc(t('obs.after_hint', L))}</p>"),
                self.employee_feedback,
                self.observer_notes,
                self.summarise,
                self.summary,
                self.download,
                self.reset,
                self.message,
            ]
        )
        classed(self, "oo-obs")
        self.leader_speaking.on_click(self._speaker_handler("leader"))
        self.employee_speaking.on_click(self._speaker_handler("employee"))
        self.pause.on_click(self._on_pause)
        for kind, button in self.counters.items():
            button.on_click(self._counter_handler(kind))
        self.undo.on_click(self._on_undo)
        self.summarise.on_click(self._on_summarise)
        self.reset.on_click(self._on_reset)
        self._show_counts()
        self._show_talk()

    # --- questions --------------------------------------------------------------------------

    def _label(self, kind: str) -> str:
        return t(f"obs.kind.{kind}", self.lang)

    def _show_counts(self) -> None:
        for kind, button in self.counters.items():
            button.description = t(
                "obs.count", self.lang, label=self._label(kind), count=self.tally.counts[kind]
            )

    def _counter_handler(self, kind: str):
        def on_click(_b=None) -> None:
            self._count(kind)

        return on_click

    @safe_callback()
    def _count(self, kind: str) -> None:
        self.tally.tap(kind)
        self._show_counts()
        self.message.clear()

    @safe_callback()
    def _on_undo(self, _b=None) -> None:
        kind = self.tally.undo()
        self._show_counts()
        if kind is None:
            self.message.show_info(t("obs.nothing_to_undo", self.lang))
        else:
            self.message.show_info(t("obs.undone", self.lang, label=self._label(kind)))

    # --- talk time --------------------------------------------------------------------------

    def _show_talk(self) -> None:
        L = self.lang
        seconds = self.talk.seconds()
        shares = trio.talk_shares(seconds)
        self.talk_share.value = (
            f'<div class="oo-obs-share">{_unbroken(trio.talk_share_text(shares, L))}</div>'
        )
        speaker = self.talk.speaker
        now = t(f"obs.now_{speaker}" if speaker else "obs.now_nobody", L)
        self.talk_times.value = (
            "<p>"
            + esc(
                t(
                    "obs.talk_times",
                    L,
                    leader=trio.format_seconds(seconds["leader"]),
                    employee=trio.format_seconds(seconds["employee"]),
                )
            )
            + f" · <strong>{esc(now)}</strong></p>"
        )
        self.leader_speaking.button_style = "info" if speaker == "leader" else ""
        self.employee_speaking.button_style = "info" if speaker == "employee" else ""

    def _speaker_handler(self, speaker: str):
        def on_click(_b=None) -> None:
            self._speak(speaker)

        return on_click

    @safe_callback()
    def _speak(self, speaker: str) -> None:
        with self._lock:
            self.talk.speak(speaker)
            self._show_talk()
        self.ticker.start()

    @safe_callback()
    def _on_pause(self, _b=None) -> None:
        self.ticker.stop()
        with self._lock:
            self.talk.pause()
            self._show_talk()

    @safe_callback()
    def _tick(self) -> None:
        with self._lock:
            self._show_talk()

    # --- after the round --------------------------------------------------------------------

    def summary_markdown(self) -> str:
        """The round summary as Markdown (employee feedback first, then the observer)."""
        return trio.round_summary(
            employee_feedback=self.employee_feedback.value,
            observer_notes=self.observer_notes.value,
            counts=self.tally.counts,
            seconds=self.talk.seconds(),
            checks={name: box.value for name, box in self.checks.items()},
            day=env.today(),
            lang=self.lang,
        )

    @safe_callback()
    def _on_summarise(self, _b=None) -> None:
        L = self.lang
        self.markdown = self.summary_markdown()
        self.summary.value = f'<pre class="oo-obs-md">{esc(self.markdown)}</pre>'
        self.download.value = download_link(
            self.markdown.encode("utf-8"),
            t("obs.filename", L, date=env.today().isoformat()),
            t("obs.download", L),
            "text/markdown",
        )
        if not self.employee_feedback.value.strip():
            self.message.show_info(t("obs.summary_without_employee", L))
        else:
            self.message.show_ok(t("obs.summary_ready", L))

    @safe_callback()
    def _on_reset(self, _b=None) -> None:
        self.ticker.stop()
        with self._lock:
            self.talk.reset()
            self.tally.reset()
            for box in self.checks.values():
                box.value = False
            self.employee_feedback.value = ""
            self.observer_notes.value = ""
            self.markdown = ""
            self.summary.value = ""
            self.download.value = ""
            self._show_counts()
            self._show_talk()
        self.message.show_ok(t("obs.reset_done", self.lang))


def role_cards(
    lang: str | None = None, *, clock: trio.Clock = time.monotonic, tick_seconds: float = 1.0
) -> RoleCards:
    """Role cards for a trio round: scenario, who plays what, rotation and a round timer."""
    return RoleCards(lang, clock=clock, tick_seconds=tick_seconds)


def observer_panel(
    lang: str | None = None, *, clock: trio.Clock = time.monotonic, tick_seconds: float = 1.0
) -> ObserverPanel:
    """The observer's panel: talk time, question counts, close checklist and round summary."""
    return ObserverPanel(lang, clock=clock, tick_seconds=tick_seconds)


__all__ = ["ObserverPanel", "RoleCards", "observer_panel", "role_cards"]
