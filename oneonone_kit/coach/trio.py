"""The role-play trio, without widgets: scenarios, role rotation, the round timer, the
observer's question tally and talk-time stopwatch, and the round summary in Markdown.

Time comes from an injectable ``clock`` (seconds, monotonic), so tests drive every count with a
fake clock. :class:`Ticker` runs a callback once per interval in a daemon thread that stops on
request; the widgets use it to refresh a countdown or a talk share while time passes.
"""

from __future__ import annotations

import datetime as _dt
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..i18n import check_lang, format_date, format_percent, t
from ..items import items

ROLES = ("leader", "employee", "observer")
SPEAKERS = ("leader", "employee")
QUESTION_KINDS = ("open", "closed", "leading", "advice", "follow_up", "how_help")
CLOSE_CHECKS = ("commitment", "next_step", "summary")
# Catalogue keys written out in full, so a test can find every key the code uses.
ROLE_KEY = {
    "leader": "trio.role_leader",
    "employee": "trio.role_employee",
    "observer": "trio.role_observer",
}
KIND_KEY = {
    "open": "obs.kind.open",
    "closed": "obs.kind.closed",
    "leading": "obs.kind.leading",
    "advice": "obs.kind.advice",
    "follow_up": "obs.kind.follow_up",
    "how_help": "obs.kind.how_help",
}
CHECK_KEY = {
    "commitment": "obs.check.commitment",
    "next_step": "obs.check.next_step",
    "summary": "obs.check.summary",
}
TIMER_MINUTES = (10, 15, 20, 30)
# Talk share the employee should reach: at least half, ideally 65-80 % (workshop practice).
EMPLOYEE_SHARE_FLOOR = 0.5
EMPLOYEE_SHARE_IDEAL = (0.65, 0.80)

Clock = Callable[[], float]


def scenarios(lang: str | None = None) -> tuple[dict[str, Any], ...]:
    """The role-play scenarios in ``lang`` (read once; treat as read-only)."""
    return items("scenarios", check_lang(lang))


def scenario(key: str, lang: str | None = None) -> dict[str, Any]:
    """One scenario by key; KeyError when missing."""
    for entry in scenarios(lang):
        if entry["key"] == key:
            return entry
    raise KeyError(f"No scenario {key!r} ({lang})")


def roles_for_round(names: Sequence[str], round_number: int) -> dict[str, str]:
    """Who plays which role in round ``round_number`` (1, 2, 3, ...): ``{role: name}``.

    Each round every person moves one role on, so after three rounds each of the three has
    played leader, employee and observer once.
    """
    if len(names) != len(ROLES):
        raise ValueError(f"A trio has {len(ROLES)} people, not {len(names)}.")
    shift = (round_number - 1) % len(ROLES)
    return {role: names[(index - shift) % len(ROLES)] for index, role in enumerate(ROLES)}


def format_seconds(seconds: float) -> str:
    """``m:ss`` for a duration (never negative): ``format_seconds(75) == "1:15"``."""
    whole = max(0, int(seconds + 0.5))
    return f"{whole // 60}:{whole % 60:02d}"


class Countdown:
    """A round timer of ``minutes`` that can start, stop and report what is left."""

    def __init__(self, minutes: int = 15, clock: Clock = time.monotonic):
        self.clock = clock
        self.minutes = minutes
        self._started_at: float | None = None

    @property
    def total(self) -> float:
        return self.minutes * 60.0

    @property
    def running(self) -> bool:
        return self._started_at is not None and self.remaining() > 0

    def start(self) -> None:
        """Start from the full length (a second start restarts)."""
        self._started_at = self.clock()

    def stop(self) -> None:
        """Stop and go back to the full length."""
        self._started_at = None

    def remaining(self) -> float:
        """Seconds left: the full length before a start, 0 once time is up."""
        if self._started_at is None:
            return self.total
        return max(0.0, self.total - (self.clock() - self._started_at))

    @property
    def finished(self) -> bool:
        return self._started_at is not None and self.remaining() <= 0


class TalkClock:
    """A two-speaker stopwatch: press who speaks, pause, and read each speaker's seconds."""

    def __init__(self, clock: Clock = time.monotonic):
        self.clock = clock
        self.totals = {speaker: 0.0 for speaker in SPEAKERS}
        self.speaker: str | None = None
        self._since = 0.0

    def _settle(self) -> None:
        now = self.clock()
        if self.speaker is not None:
            self.totals[self.speaker] += max(0.0, now - self._since)
        self._since = now

    def speak(self, speaker: str) -> None:
        """``speaker`` starts talking; the time of whoever spoke before is booked."""
        if speaker not in SPEAKERS:
            raise ValueError(f"Unknown speaker {speaker!r}; known: {', '.join(SPEAKERS)}")
        self._settle()
        self.speaker = speaker

    def pause(self) -> None:
        """Nobody is timed until the next ``speak``."""
        self._settle()
        self.speaker = None

    def reset(self) -> None:
        self.totals = {speaker: 0.0 for speaker in SPEAKERS}
        self.speaker = None

    def seconds(self) -> dict[str, float]:
        """Seconds per speaker so far, the current speaker's running time included."""
        out = dict(self.totals)
        if self.speaker is not None:
            out[self.speaker] += max(0.0, self.clock() - self._since)
        return out

    def shares(self) -> dict[str, float] | None:
        """Each speaker's share of the talk time (summing to 1), or None before any talk."""
        return talk_shares(self.seconds())


def talk_shares(seconds: Mapping[str, float]) -> dict[str, float] | None:
    """Shares of the total per speaker; None while the total is zero."""
    total = sum(seconds.values())
    if total <= 0:
        return None
    return {speaker: value / total for speaker, value in seconds.items()}


def rounded_percentages(shares: Mapping[str, float]) -> dict[str, int]:
    """Whole percentages for the leader and the employee that add up to exactly 100."""
    leader = int(shares["leader"] * 100 + 0.5)
    return {"leader": leader, "employee": 100 - leader}


def talk_share_text(shares: Mapping[str, float] | None, lang: str | None = None) -> str:
    """``Leader 38% · Employee 62%``, or a prompt to start timing before any talk."""
    if shares is None:
        return t("obs.talk_none", lang)
    percent = rounded_percentages(shares)
    return t(
        "obs.talk_share",
        lang,
        leader=format_percent(percent["leader"] / 100, lang),
        employee=format_percent(percent["employee"] / 100, lang),
    )


def talk_share_verdict(shares: Mapping[str, float] | None) -> str | None:
    """A catalogue key judging the employee's share against the workshop target."""
    if shares is None:
        return None
    employee = shares["employee"]
    if employee < EMPLOYEE_SHARE_FLOOR:
        return "obs.share_low"
    if employee < EMPLOYEE_SHARE_IDEAL[0]:
        return "obs.share_fair"
    if employee <= EMPLOYEE_SHARE_IDEAL[1]:
        return "obs.share_ideal"
    return "obs.share_high"


class QuestionTally:
    """Counts of the leader's questions by kind, with an undo for a mistaken tap."""

    def __init__(self) -> None:
        self.counts = {kind: 0 for kind in QUESTION_KINDS}
        self._taps: list[str] = []

    def tap(self, kind: str) -> int:
        """Count one question of ``kind``; returns the new count."""
        if kind not in self.counts:
            raise ValueError(f"Unknown question kind {kind!r}; known: {', '.join(QUESTION_KINDS)}")
        self.counts[kind] += 1
        self._taps.append(kind)
        return self.counts[kind]

    def undo(self) -> str | None:
        """Take back the last tap; returns its kind, or None when there is nothing to undo."""
        if not self._taps:
            return None
        kind = self._taps.pop()
        self.counts[kind] -= 1
        return kind

    def reset(self) -> None:
        self.counts = {kind: 0 for kind in QUESTION_KINDS}
        self._taps.clear()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def round_summary(
    *,
    employee_feedback: str,
    observer_notes: str,
    counts: Mapping[str, int],
    seconds: Mapping[str, float],
    checks: Mapping[str, bool],
    day: _dt.date,
    lang: str | None = None,
) -> str:
    """The round summary as Markdown: the employee's feedback first, then the observer's view
    (questions, talk time, the close, exact words noted)."""
    L = check_lang(lang)
    empty = t("obs.md_empty", L)
    shares = talk_shares(seconds)
    lines = [
        f"# {t('obs.md_title', L, date=format_date(day, L))}",
        "",
        f"## {t('obs.md_employee', L)}",
        "",
        employee_feedback.strip() or empty,
        "",
        f"## {t('obs.md_observer', L)}",
        "",
        f"### {t('obs.md_questions', L)}",
        "",
    ]
    lines += [f"- {t(KIND_KEY[kind], L)}: {counts.get(kind, 0)}" for kind in QUESTION_KINDS]
    lines += ["", f"### {t('obs.md_talk', L)}", ""]
    if shares is None:
        lines.append(t("obs.md_not_timed", L))
    else:
        lines.append(
            t(
                "obs.md_talk_line",
                L,
                share=talk_share_text(shares, L),
                leader=format_seconds(seconds.get("leader", 0.0)),
                employee=format_seconds(seconds.get("employee", 0.0)),
            )
        )
        lines.append("")
        lines.append(t(talk_share_verdict(shares) or "obs.md_not_timed", L))
    lines += ["", f"### {t('obs.md_close', L)}", ""]
    lines += [
        f"- [{'x' if checks.get(name) else ' '}] {t(CHECK_KEY[name], L)}" for name in CLOSE_CHECKS
    ]
    lines += ["", f"### {t('obs.md_notes', L)}", "", observer_notes.strip() or empty, ""]
    return "\n".join(lines)


class Ticker:
    """Calls ``callback`` every ``interval`` seconds in a daemon thread until :meth:`stop`.

    A failing callback does not kill the thread; its last exception is kept in ``last_error``.
    ``stop`` may be called from inside the callback (the thread then ends after it returns).
    """

    def __init__(self, callback: Callable[[], None], interval: float = 1.0, name: str = "oo-tick"):
        self.callback = callback
        self.interval = interval
        self.name = name
        self.last_error: Exception | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()

    def start(self) -> None:
        """Start ticking (no-op while already running)."""
        with self._lock:
            if self.running:
                return
            self._stop = threading.Event()
            self._thread = threading.Thread(
                target=self._run, args=(self._stop,), name=self.name, daemon=True
            )
            self._thread.start()

    def _run(self, stop: threading.Event) -> None:
        while not stop.wait(self.interval):
            try:
                self.callback()
            except Exception as exc:  # noqa: BLE001 - kept for the widget and tests
                self.last_error = exc

    def stop(self, timeout: float = 2.0) -> None:
        """Stop ticking and wait for the thread to end (unless called from that thread)."""
        with self._lock:
            self._stop.set()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def alive(self) -> bool:
        """True while the thread still exists (also briefly after ``stop`` from inside)."""
        return self._thread is not None and self._thread.is_alive()
