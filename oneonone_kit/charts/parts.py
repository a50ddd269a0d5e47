"""Axes-level drawers of the log's charts: one function per chart, named in :mod:`.specs`.

Each ``draw_*`` takes a matplotlib ``Axes``, the :class:`~.data.ChartInput` and the data its
spec computed, draws the chart or a friendly message when the data cannot carry it, and
returns nothing. Called only after matplotlib is imported (by :mod:`.figures` or :mod:`.page`).
"""

from __future__ import annotations

import textwrap

from ..i18n import month_label
from ..insight import metrics as M
from ..labels import NEED_KEY, OWNER_KEY, PERCEPTION_KEY, STATUS_KEY
from . import style as s
from .data import CadenceData, ChartInput, NeedsData

MAX_MONTHS = 12  # columns of the needs heatmap (6 in a dashboard panel)


def _rolling_label(d: ChartInput, window: int) -> str:
    return d.tr("chart.rolling", window=window)


def draw_cadence(ax, d: ChartInput, data: CadenceData) -> None:
    """One row per person: held, rescheduled and cancelled meetings; gaps hatched."""
    from matplotlib.patches import Patch

    heading = "chart.cadence.title"
    if not d.meetings:
        return d.no_data(ax, heading, "chart.empty.no_meetings")
    names = [row.person for row in data.rows]
    labels, seen = [], set()
    for row, line in enumerate(data.rows):
        name, group, c = line.person, line.meetings, line.cadence
        y = len(names) - 1 - row
        if c.gaps:  # one collection per row keeps long logs fast to draw
            spans = [(s.to_num(gap.start), gap.days) for gap in c.gaps]
            ax.broken_barh(spans, (y - 0.32, 0.64), **s.GAP)
        for status in ("held", "rescheduled", "cancelled"):
            xs = [s.to_num(m.date) for m in group if m.status == status]
            if xs:
                label = None if status in seen else d.tr(STATUS_KEY[status])
                seen.add(status)
                ax.plot(xs, [y] * len(xs), linestyle="none", label=label, **s.STYLE[status])
        stats = d.tr(
            "chart.cadence.row", rate=d.num(c.per_four_weeks), on_time=d.pct(c.consistency)
        )
        labels.append(name if d.compact else f"{name}\n{stats}")
    ax.set_yticks(range(len(names)), labels[::-1])
    ax.set_ylim(-0.7, len(names) - 0.3)
    ax.axvline(
        s.to_num(d.today), color=s.BLACK, linestyle=":", linewidth=1.2, label=d.tr("chart.today")
    )
    s.style_axes(ax)
    ax.grid(False)
    s.date_axis(ax, d.meetings[0].date, d.today, d.lang, 3 if d.compact else 7)
    handles, texts = ax.get_legend_handles_labels()
    handles.append(Patch(**s.GAP))
    texts.append(d.tr("chart.cadence.gap"))
    s.legend(
        ax,
        handles=handles,
        labels=texts,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=2 if d.compact else 5,
    )
    s.title(ax, d.heading("chart.cadence.title"))


def draw_needs(ax, d: ChartInput, data: NeedsData) -> None:
    """Need × month heatmap: the share of held meetings that month that covered each need."""
    import numpy as np
    from matplotlib.patches import Rectangle

    heading = "chart.needs.title"
    by_month = data.by_month
    if not by_month.months:
        return d.no_data(ax, heading, "chart.empty.no_held")
    keep = 6 if d.compact else MAX_MONTHS
    months = by_month.months[-keep:]
    grid = np.array(
        [[np.nan if v is None else v for v in by_month.shares[n][-keep:]] for n in M.NEEDS]
    )
    image = ax.imshow(
        np.ma.masked_invalid(grid),
        cmap="cividis",
        vmin=0,
        vmax=1,
        aspect="auto",
        interpolation="nearest",
        zorder=1,
    )
    ax.add_patch(
        Rectangle(
            (-0.5, -0.5),
            len(months),
            len(M.NEEDS),
            hatch="///",
            fill=False,
            edgecolor=s.GREY,
            linewidth=0,
            zorder=0,
        )
    )
    for row, cells in enumerate(grid):
        for col, value in enumerate(cells):
            if not np.isnan(value):
                ax.text(
                    col,
                    row,
                    f"{value * 100:.0f}",
                    ha="center",
                    va="center",
                    fontsize=s.TICK_SIZE - (1 if d.compact else 0),
                    color="white" if value < 0.55 else s.BLACK,
                    zorder=2,
                )
    rotation = d.compact or len(months) > 6
    ax.set_xticks(
        range(len(months)),
        [month_label(m, d.lang) for m in months],
        rotation=35 if rotation else 0,
        ha="right" if rotation else "center",
    )
    neglected = set(data.rotation.neglected)
    ax.set_yticks(
        range(len(M.NEEDS)), [d.tr(NEED_KEY[n]) + (" ⚠" if n in neglected else "") for n in M.NEEDS]
    )
    ax.tick_params(labelsize=s.TICK_SIZE, length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02, ticks=[0, 0.5, 1])
    bar.ax.set_yticklabels(["0%", "50%", "100%"], fontsize=s.TICK_SIZE)
    if not d.compact:
        bar.set_label(d.tr("chart.needs.colorbar"), fontsize=s.TICK_SIZE)
    notes = [d.tr("chart.needs.hatched")]
    if neglected:
        notes.append(d.tr("chart.needs.neglected_note", count=M.NEGLECT_AFTER))
    width = 36 if s.on_phone(ax) else 50 if d.compact else 130
    ax.set_xlabel(
        "\n".join(textwrap.fill(n, width) for n in notes), fontsize=s.TICK_SIZE, loc="left"
    )
    s.title(ax, d.heading(heading))


def _time_axes(ax, d: ChartInput, dates, ylabel_key: str) -> None:
    s.style_axes(ax)
    s.date_axis(ax, dates[0], max(dates[-1], dates[0]), d.lang, 3 if d.compact else 7)
    if not d.compact:  # in a small panel the title already says what the axis holds
        ax.set_ylabel(d.tr(ylabel_key), fontsize=s.LABEL_SIZE)


def draw_agenda(ax, d: ChartInput, data: M.AgendaOwnership) -> None:
    """Rolling share of held meetings whose agenda the employee set or shared."""
    heading = "chart.agenda.title"
    agenda = data.trend
    if not agenda.n:
        return d.no_data(ax, heading, "chart.empty.no_agenda")
    xs = [s.to_num(x) for x in agenda.dates]
    ax.axhspan(M.AGENDA_TARGET * 100, 100, label=d.tr("chart.agenda.target"), **s.TARGET)
    ax.plot(
        xs,
        [v * 100 for v in agenda.values],
        linestyle="none",
        marker="|",
        markersize=9,
        color=s.GREY,
        label=d.tr("chart.agenda.each"),
        clip_on=False,
    )
    ax.plot(
        xs,
        [v * 100 for v in agenda.rolling],
        color=s.BLUE,
        linewidth=2,
        marker="o",
        markersize=3,
        label=_rolling_label(d, agenda.window),
    )
    _time_axes(ax, d, agenda.dates, "chart.agenda.ylabel")
    s.percent_axis(ax)
    s.legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=1 if d.compact else 3)
    s.title(ax, d.heading(heading))


def draw_talk_share(ax, d: ChartInput, talk: M.Trend) -> None:
    """The leader's estimated talk share per meeting and rolling, against the target band."""
    heading = "chart.talk.title"
    if not talk.n:
        return d.no_data(ax, heading, "chart.empty.no_talk")
    xs = [s.to_num(x) for x in talk.dates]
    low, high = M.TALK_IDEAL
    ax.axhspan(low, high, label=d.tr("chart.talk.ideal", low=low, high=high), **s.TARGET)
    ax.axhline(
        M.TALK_MAX,
        color=s.VERMILLION,
        linestyle="--",
        linewidth=1.4,
        label=d.tr("chart.talk.limit", limit=M.TALK_MAX),
    )
    ax.plot(
        xs,
        talk.values,
        linestyle="none",
        marker="o",
        markerfacecolor="none",
        markersize=4,
        color=s.GREY,
        label=d.tr("chart.each_meeting"),
    )
    ax.plot(xs, talk.rolling, color=s.BLUE, linewidth=2, label=_rolling_label(d, talk.window))
    _time_axes(ax, d, talk.dates, "chart.talk.ylabel")
    s.percent_axis(ax)
    if d.compact:
        s.legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2)
    else:
        s.legend(ax, loc="upper right")
    s.title(ax, d.heading(heading))


def draw_follow_bars(ax, d: ChartInput, follow: M.FollowThrough) -> None:
    """Commitments due, by owner: kept, not kept and overdue, stacked."""
    heading = "chart.follow.title"
    if not follow.total.due:
        key = "chart.empty.none_due" if d.commitments else "chart.empty.no_commitments"
        return s.message(ax, d.tr(key), d.heading(heading))
    rows = [(d.tr(OWNER_KEY[o]), tally) for o, tally in follow.by_owner.items() if tally.due]
    rows.append((d.tr("chart.follow.all"), follow.total))
    rows.reverse()
    parts = (
        ("kept", "chart.follow.kept", s.GREEN, None),
        ("not_kept", "chart.follow.not_kept", s.VERMILLION, "//"),
        ("overdue", "chart.follow.overdue", s.ORANGE, "xx"),
    )
    for y, (_name, tally) in enumerate(rows):
        left = 0
        for state, label_key, colour, hatch in parts:
            width = getattr(tally, state)
            ax.barh(
                y,
                width,
                left=left,
                color=colour,
                hatch=hatch,
                edgecolor="white",
                height=0.62,
                label=d.tr(label_key) if y == 0 else None,
            )
            left += width
        ax.text(
            left,
            y,
            "  " + d.tr("chart.follow.bar", rate=d.pct(tally.rate), due=tally.due),
            va="center",
            fontsize=s.TICK_SIZE,
        )
    ax.set_yticks(range(len(rows)), [name for name, _ in rows])
    ax.set_xlim(0, follow.total.due * 1.35)
    if not d.compact:
        ax.set_xlabel(d.tr("chart.follow.xlabel"), fontsize=s.LABEL_SIZE)
    s.style_axes(ax)
    ax.grid(True, axis="x", color=s.LIGHT)
    ax.grid(False, axis="y")
    s.legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.1 if d.compact else -0.18), ncol=3)
    s.title(ax, d.heading(heading))


def draw_follow_trend(ax, d: ChartInput, data: M.FollowThrough) -> None:
    """Rolling share of judged commitments that were kept."""
    heading = "chart.follow.trend_title"
    follow = data.trend
    if not follow.n:
        key = "chart.empty.none_due" if d.commitments else "chart.empty.no_commitments"
        return s.message(ax, d.tr(key), d.heading(heading))
    xs = [s.to_num(x) for x in follow.dates]
    ax.plot(
        xs,
        [v * 100 for v in follow.rolling],
        color=s.GREEN,
        linewidth=2,
        marker="s",
        markersize=3,
        label=_rolling_label(d, follow.window),
    )
    _time_axes(ax, d, follow.dates, "chart.follow.ylabel")
    s.percent_axis(ax)
    s.legend(ax, loc="lower left")
    s.title(ax, d.heading(heading))


def draw_perception(ax, d: ChartInput, gap: M.PerceptionGap) -> None:
    """Leader's and employee's ratings (rolling means) where both rated the meeting."""
    heading = "chart.perception.title"
    if not gap.n:
        return d.no_data(ax, heading, "chart.empty.no_ratings")
    xs = [s.to_num(x) for x in gap.dates]
    mine = M.rolling_mean(gap.leader)
    theirs = M.rolling_mean(gap.employee)
    ax.fill_between(
        xs,
        mine,
        theirs,
        facecolor=s.LIGHT,
        edgecolor=s.GREY,
        hatch="...",
        linewidth=0,
        label=d.tr("chart.perception.gap"),
    )
    ax.plot(
        xs,
        mine,
        color=s.ORANGE,
        linestyle="--",
        linewidth=2,
        marker="s",
        markersize=3,
        label=d.tr("metric.leader_rating"),
    )
    ax.plot(
        xs,
        theirs,
        color=s.BLUE,
        linewidth=2,
        marker="o",
        markersize=3,
        label=d.tr("metric.employee_rating"),
    )
    _time_axes(ax, d, gap.dates, "chart.perception.ylabel")
    ax.set_ylim(0.8, 5.2)
    ax.set_yticks([1, 2, 3, 4, 5])
    mean_gap = gap.mean_gap or 0.0
    note = d.tr(PERCEPTION_KEY[gap.direction], gap=d.num(abs(mean_gap)), count=gap.n)
    width = 40 if s.on_phone(ax) else 56 if d.compact else 110
    ax.set_xlabel(textwrap.fill(note, width), fontsize=s.LABEL_SIZE)
    s.legend(ax, loc="lower right", ncol=3 if d.compact else 1)
    s.title(ax, d.heading(heading))
