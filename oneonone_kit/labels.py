"""The catalogue key of each value the model knows, written out in full.

A record's choice (a need, a status, who set the agenda, ...) is shown through a catalogue key.
The keys are listed here as whole literals rather than built as ``f"need.{n}"``, so a test can
find every key the code uses and every key nobody uses; another test checks that each table
covers exactly the values of :mod:`.model`. Ground floor: imports nothing.
"""

from __future__ import annotations

NEED_KEY = {
    "guidance": "need.guidance",
    "priorities": "need.priorities",
    "context": "need.context",
    "growth": "need.growth",
    "feedback": "need.feedback",
    "relationship": "need.relationship",
    "support": "need.support",
}
STATUS_KEY = {
    "held": "status.held",
    "rescheduled": "status.rescheduled",
    "cancelled": "status.cancelled",
}
AGENDA_KEY = {"employee": "agenda.employee", "shared": "agenda.shared", "leader": "agenda.leader"}
OWNER_KEY = {"employee": "owner.employee", "leader": "owner.leader", "both": "owner.both"}
VERDICT_KEY = {"keep": "verdict.keep", "adjust": "verdict.adjust", "stop": "verdict.stop"}
METRIC_KEY = {
    "agenda_ownership": "metric.agenda_ownership",
    "cadence": "metric.cadence",
    "employee_rating": "metric.employee_rating",
    "follow_through": "metric.follow_through",
    "leader_rating": "metric.leader_rating",
    "needs_rotation": "metric.needs_rotation",
    "talk_share": "metric.talk_share",
}
# What a comparison of before and after an experiment says (insight.outcomes verdicts).
EFFECT_KEY = {
    "better": "metrics.verdict.better",
    "worse": "metrics.verdict.worse",
    "no_clear_change": "metrics.verdict.no_clear_change",
    "too_few": "metrics.verdict.too_few",
}
# How leader and employee ratings differ (insight.outcomes.PerceptionGap.direction): the
# chart's note and the report's line, and the chart's alt text.
PERCEPTION_KEY = {
    "higher": "chart.perception.higher",
    "lower": "chart.perception.lower",
    "same": "chart.perception.same",
}
PERCEPTION_ALT_KEY = {
    "higher": "chart.alt.perception_higher",
    "lower": "chart.alt.perception_lower",
    "same": "chart.alt.perception_same",
}
TALK_BAND_KEY = {
    "low": "metrics.talk_band.low",
    "ideal": "metrics.talk_band.ideal",
    "ok": "metrics.talk_band.ok",
    "high": "metrics.talk_band.high",
}

__all__ = [
    "AGENDA_KEY",
    "EFFECT_KEY",
    "PERCEPTION_ALT_KEY",
    "PERCEPTION_KEY",
    "METRIC_KEY",
    "NEED_KEY",
    "OWNER_KEY",
    "STATUS_KEY",
    "TALK_BAND_KEY",
    "VERDICT_KEY",
]
