"""What the charts are drawn from: :class:`ChartInput` and the data each chart computes from it.

:class:`ChartInput` holds the records narrowed once to a person and to ``today``; the
``compute_*`` functions turn it into the small result one chart draws and describes (the
``compute`` of its spec in :mod:`.specs`). No matplotlib here.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..i18n import format_number, format_percent, t
from ..insight import metrics as M
from ..model import Commitment, Experiment, Meeting
from . import style as s

MAX_ROWS = 12  # people on the cadence timeline; the most recently met are kept


@dataclass(frozen=True)
class ChartInput:
    """What every chart needs, already narrowed to one person (if any) and to ``today``."""

    meetings: tuple[Meeting, ...]
    commitments: tuple[Commitment, ...]
    experiments: tuple[Experiment, ...]
    today: _dt.date
    lang: str
    person: str | None = None
    interval_days: M.Intervals = M.INTERVAL_DAYS
    experiment: str | None = None
    compact: bool = False

    def tr(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def heading(self, key: str) -> str:
        text = self.tr(key)
        return f"{text} · {self.person}" if self.person and not self.compact else text

    def pct(self, share: float | None) -> str:
        return "–" if share is None else format_percent(share, self.lang)

    def num(self, value: float | None, decimals: int = 1) -> str:
        return "–" if value is None else format_number(value, self.lang, decimals)

    def no_data_text(self, key: str = "chart.empty.no_meetings", **values: object) -> str:
        """The most fitting friendly sentence: no meetings, none held, or ``key``."""
        if not self.meetings:
            if self.person:
                return self.tr("chart.empty.no_meetings_person", person=self.person)
            return self.tr("chart.empty.no_meetings")
        if not any(m.held for m in self.meetings):
            return self.tr("chart.empty.no_held")
        return self.tr(key, **values)

    def no_data(self, ax, heading_key: str, key: str, **values: object) -> None:
        """Draw :meth:`no_data_text` in ``ax`` under the chart's heading."""
        s.message(ax, self.no_data_text(key, **values), self.heading(heading_key))


@dataclass(frozen=True)
class CadenceRow:
    """One person's row of the cadence timeline: their meetings and their cadence."""

    person: str
    meetings: tuple[Meeting, ...]
    cadence: M.Cadence


@dataclass(frozen=True)
class CadenceData:
    """The cadence of everyone together, and the rows shown (at most :data:`MAX_ROWS`, by name)."""

    overall: M.Cadence
    rows: tuple[CadenceRow, ...]


@dataclass(frozen=True)
class NeedsData:
    """The need x month shares of the heatmap and the rotation that flags neglected needs."""

    by_month: M.NeedsByMonth
    rotation: M.NeedsRotation


def compute_cadence(d: ChartInput) -> CadenceData:
    """Overall cadence, and one row per person (the most recently met when there are many)."""
    last_seen: dict[str, _dt.date] = {}
    for m in d.meetings:
        last_seen[m.person] = m.date
    names = M.people(d.meetings)
    if len(names) > MAX_ROWS:
        recent = sorted(names, key=lambda p: last_seen[p], reverse=True)[:MAX_ROWS]
        names = [p for p in names if p in recent]
    rows = []
    for name in names:
        group = tuple(m for m in d.meetings if m.person == name)
        rows.append(
            CadenceRow(name, group, M.cadence(group, today=d.today, interval_days=d.interval_days))
        )
    overall = M.cadence(d.meetings, today=d.today, interval_days=d.interval_days)
    return CadenceData(overall, tuple(rows))


def compute_needs(d: ChartInput) -> NeedsData:
    return NeedsData(
        M.needs_by_month(d.meetings, today=d.today), M.needs_rotation(d.meetings, today=d.today)
    )


def compute_agenda(d: ChartInput) -> M.AgendaOwnership:
    return M.agenda_ownership(d.meetings, today=d.today)


def compute_talk_share(d: ChartInput) -> M.Trend:
    return M.talk_share(d.meetings, today=d.today)


def compute_follow_through(d: ChartInput) -> M.FollowThrough:
    return M.follow_through(d.commitments, today=d.today, meetings=d.meetings)


def compute_perception(d: ChartInput) -> M.PerceptionGap:
    return M.perception_gap(d.meetings, today=d.today)
