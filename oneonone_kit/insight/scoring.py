"""Scores of self-assessments: means, reverse-scored items, first-versus-latest comparison."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import Assessment

SAFETY_SCALE = 7
SAFETY_REVERSED = frozenset({"s1", "s3", "s5"})  # Edmondson (1999): items 1, 3 and 5


def item_scores(
    answers: Mapping[str, int], scale_max: int, reversed_items: Iterable[str] = ()
) -> dict[str, int]:
    """Answers with reverse-scored items flipped, so higher always means better."""
    flip = set(reversed_items)
    return {k: (scale_max + 1 - v) if k in flip else v for k, v in answers.items()}


def mean_score(
    answers: Mapping[str, int], scale_max: int, reversed_items: Iterable[str] = ()
) -> float | None:
    """The mean of the (reverse-corrected) scores, or None when nothing was answered."""
    scores = item_scores(answers, scale_max, reversed_items)
    return sum(scores.values()) / len(scores) if scores else None


def safety_score(answers: Mapping[str, int]) -> float | None:
    """The team psychological-safety score on 1..7 with items 1, 3 and 5 reverse-scored."""
    return mean_score(answers, SAFETY_SCALE, SAFETY_REVERSED)


@dataclass(frozen=True)
class Change:
    """First and latest sitting of one self-assessment, and what moved."""

    first: Assessment
    latest: Assessment
    first_mean: float
    latest_mean: float
    moved_up: tuple[str, ...]
    moved_down: tuple[str, ...]

    @property
    def delta(self) -> float:
        return self.latest_mean - self.first_mean


def compare(sittings: list[Assessment], reversed_items: Iterable[str] = ()) -> Change | None:
    """Compare the first and the latest sitting; None with fewer than two sittings.

    Sittings with the same timestamp keep the order given (the store's is saving order), so
    "first" and "latest" never swap between calls.
    """
    if len(sittings) < 2:
        return None
    ordered = sorted(sittings, key=lambda a: a.taken_at)
    first, latest = ordered[0], ordered[-1]
    flip = tuple(reversed_items)
    a = item_scores(first.answers, first.scale_max, flip)
    b = item_scores(latest.answers, latest.scale_max, flip)
    shared = [k for k in b if k in a]
    return Change(
        first=first,
        latest=latest,
        first_mean=mean_score(first.answers, first.scale_max, flip) or 0.0,
        latest_mean=mean_score(latest.answers, latest.scale_max, flip) or 0.0,
        moved_up=tuple(k for k in shared if b[k] > a[k]),
        moved_down=tuple(k for k in shared if b[k] < a[k]),
    )
