"""The observer's panel for a role-play trio round: talk time, question counts, a close
checklist, feedback notes, and a Markdown summary to download.

The counting, timing and summary logic lives in :mod:`oneonone_kit.coach.trio`; this widget only shows
it. The talk clock ticks in a daemon thread (:class:`~oneonone_kit.coach.trio.Ticker`) that runs only
while a speaker is running and stops on ``close()``. Pass ``clock`` (and ``tick_seconds``) to
drive the time in tests.
"""

from __future__ import annotations

import time

import ipywidgets as w

from .. import env
from ..coach import trio
from ..i18n import t
from . import session
from ._trio_parts import Ticking, heading, panel_button
from .common import (
    FIELD_STYLE,
    Message,
    esc,
    safe_callback,
    style_widget,
)
from .data import download_link

# Labels above fields, and big buttons that wrap their text: the panel is used on phones.
OBSERVER_STYLE = """
<style>
.oo-obs { max-width: 44em; }
.oo-obs .oo-nowrap { white-space: nowrap; }
.oo-obs .widget-textarea { flex-direction: column; align-items: stretch; height: auto; }
.oo-obs .widget-textarea > .widget-label {
  text-align: left; width: auto; max-width: none; font-weight: 600; line-height: 1.6; }
.oo-obs .widget-textarea textarea { flex: none; width: 100%; box-sizing: border-box;
  font-size: 1em; }
.oo-obs .widget-button { height: auto; min-height: 44px;
  white-space: normal; line-height: 1.25; padding: 6px 10px; }
.oo-obs .oo-obs-big { min-height: 3.6em; font-size: 1.05em; }
.oo-obs-share { font-size: 1.5em; font-weight: 700; font-variant-numeric: tabular-nums; }
.oo-obs .widget-checkbox { height: auto; margin: 2px 0; }
.oo-obs .widget-checkbox .widget-label-basic { display: flex; align-items: center; gap: 10px;
  min-height: 44px; cursor: pointer; }
.oo-obs .widget-checkbox input { width: 1.5em; height: 1.5em; flex: none; margin: 0; }
.oo-obs .widget-checkbox span { white-space: normal; overflow: visible; line-height: 1.3; }
.oo-obs .widget-html-content { line-height: 1.45; }
.oo-obs .oo-obs-summary pre.oo-obs-md { white-space: pre-wrap; word-break: break-word; background: #f4f4f4;
  padding: 8px; font-size: 0.9em; line-height: 1.35; font-family: monospace; }
.oo-obs .oo-download { display: inline-block; margin: 6px 0; padding: 10px 14px;
  border: 2px solid #1565c0; border-radius: 4px; color: #1565c0; font-weight: 600;
  text-decoration: none; }
</style>
"""


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


# Who is speaking now (None: nobody), as the talk timer says it.
NOW_SPEAKING_KEY = {
    "leader": "obs.now_leader",
    "employee": "obs.now_employee",
    None: "obs.now_nobody",
}


class ObserverPanel(Ticking, w.VBox):
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
        self.leader_speaking = panel_button(
            t("obs.leader_speaking", L), "oo-obs-big", "oo-obs-leader-speaking"
        )
        self.employee_speaking = panel_button(
            t("obs.employee_speaking", L), "oo-obs-big", "oo-obs-employee-speaking"
        )
        self.pause = panel_button(t("obs.pause", L), "oo-obs-big", "oo-obs-pause")
        self.talk_share = w.HTML("", _dom_classes=("oo-obs-talk-share",))
        self.talk_times = w.HTML("", _dom_classes=("oo-obs-talk-times",))
        self.counters = {
            kind: panel_button(
                "", "oo-obs-big", "oo-obs-count", f"oo-obs-count-{kind.replace('_', '-')}"
            )
            for kind in trio.QUESTION_KINDS
        }
        self.undo = panel_button(t("obs.undo", L), "oo-obs-undo")
        self.checks = {
            name: w.Checkbox(
                value=False,
                description=t(trio.CHECK_KEY[name], L),
                indent=False,
                layout=w.Layout(width="auto"),
                _dom_classes=(f"oo-obs-check-{name.replace('_', '-')}",),
            )
            for name in trio.CLOSE_CHECKS
        }
        self.employee_feedback = w.Textarea(
            rows=4,
            description=t("obs.employee_feedback", L),
            placeholder=t("obs.employee_feedback_hint", L),
            style=FIELD_STYLE,
            layout=w.Layout(width="auto"),
            _dom_classes=("oo-obs-employee-feedback",),
        )
        self.observer_notes = w.Textarea(
            rows=4,
            description=t("obs.observer_notes", L),
            placeholder=t("obs.observer_notes_hint", L),
            style=FIELD_STYLE,
            layout=w.Layout(width="auto"),
            _dom_classes=("oo-obs-notes",),
        )
        self.summarise = panel_button(t("obs.summarise", L), "oo-obs-summarise", style="primary")
        self.summary = w.HTML("", _dom_classes=("oo-obs-summary",))
        self.download = w.HTML("", _dom_classes=("oo-obs-download",))
        self.reset = panel_button(t("obs.reset", L), "oo-obs-reset", style="warning")
        super().__init__(
            [
                style_widget(),
                w.HTML(OBSERVER_STYLE),
                heading(t("obs.talk_heading", L)),
                _grid([self.leader_speaking, self.employee_speaking], "9em"),
                self.pause,
                self.talk_share,
                self.talk_times,
                w.HTML(f"<p>{esc(t('obs.target', L))}</p>"),
                heading(t("obs.questions_heading", L)),
                _grid(list(self.counters.values()), "max(9em, 30%)"),
                self.undo,
                heading(t("obs.close_heading", L)),
                *self.checks.values(),
                heading(t("obs.after_heading", L)),
                w.HTML(f"<p>{esc(t('obs.after_hint', L))}</p>"),
                self.employee_feedback,
                self.observer_notes,
                self.summarise,
                self.summary,
                self.download,
                self.reset,
                self.message,
            ],
            _dom_classes=("oo-obs",),
        )
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
        return t(trio.KIND_KEY[kind], self.lang)

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
        now = t(NOW_SPEAKING_KEY[speaker], L)
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


def observer_panel(
    lang: str | None = None, *, clock: trio.Clock = time.monotonic, tick_seconds: float = 1.0
) -> ObserverPanel:
    """The observer's panel: talk time, question counts, close checklist and round summary."""
    return ObserverPanel(lang, clock=clock, tick_seconds=tick_seconds)


__all__ = ["ObserverPanel", "observer_panel"]
