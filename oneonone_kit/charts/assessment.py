"""Charts of self-assessments (data in, matplotlib Figure out; no widgets, no store)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..i18n import t

FIRST_COLOUR = "#999999"  # grey, dashed: the first sitting
LATEST_COLOUR = "#0072B2"  # Okabe-Ito blue, solid: the latest sitting


def radar_chart(
    labels: Sequence[str],
    latest: Mapping[str, int],
    keys: Sequence[str],
    scale_max: int,
    lang: str = "en",
    first: Mapping[str, int] | None = None,
    title_key: str = "assess.radar_title",
) -> Any:
    """A radar of item scores; the first sitting (when given) dashed grey behind the latest."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.6, 5.2))
    ax = fig.add_subplot(projection="polar")
    angles = [2 * math.pi * i / len(keys) for i in range(len(keys))]
    closed = angles + angles[:1]

    def series(answers: Mapping[str, int]) -> list[float]:
        values = [float(answers.get(k, 0)) for k in keys]
        return values + values[:1]

    if first:
        ax.plot(
            closed,
            series(first),
            color=FIRST_COLOUR,
            linestyle="--",
            linewidth=1.5,
            marker="s",
            label=t("assess.first", lang),
        )
    ax.plot(
        closed,
        series(latest),
        color=LATEST_COLOUR,
        linewidth=2.2,
        marker="o",
        label=t("assess.latest", lang),
    )
    ax.fill(closed, series(latest), color=LATEST_COLOUR, alpha=0.15)
    ax.set_xticks(angles)
    ax.set_xticklabels([_wrap(label) for label in labels], fontsize=9)
    ax.set_ylim(0, scale_max)
    ax.set_yticks(range(1, scale_max + 1))
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(t(title_key, lang), pad=22, fontsize=12)
    if first:
        ax.legend(loc="lower right", bbox_to_anchor=(1.15, -0.12), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def _wrap(label: str, width: int = 14) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
