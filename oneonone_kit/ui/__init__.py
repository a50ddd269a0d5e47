"""Widgets for the notebooks. Each builder returns one widget object exposing its parts
(``form.person``, ``form.save``, ``form.message``) so notebooks and tests use the same handles.

Notebook cells stay one line: ``from oneonone_kit import ui`` then ``ui.log_form()``.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "log_form": "oneonone_kit.ui.log",
    "meeting_list": "oneonone_kit.ui.log",
    "LogForm": "oneonone_kit.ui.log",
    "MeetingList": "oneonone_kit.ui.log",
    "data_panel": "oneonone_kit.ui.data",
    "DataPanel": "oneonone_kit.ui.data",
    "session": "oneonone_kit.ui.session",
    "self_assessment": "oneonone_kit.ui.assess",
    "SelfAssessment": "oneonone_kit.ui.assess",
    "agenda_builder": "oneonone_kit.ui.agenda",
    "AgendaBuilder": "oneonone_kit.ui.agenda",
    "experiment_planner": "oneonone_kit.ui.experiment",
    "experiment_review": "oneonone_kit.ui.experiment",
    "ExperimentPlanner": "oneonone_kit.ui.experiment",
    "ExperimentReview": "oneonone_kit.ui.experiment",
    "dashboard": "oneonone_kit.ui.charts_view",
    "Dashboard": "oneonone_kit.ui.charts_view",
    "reflection": "oneonone_kit.ui.reflect",
    "whose_meeting": "oneonone_kit.ui.reflect",
    "ReflectionBox": "oneonone_kit.ui.reflect",
    "WhoseMeeting": "oneonone_kit.ui.reflect",
    "progress": "oneonone_kit.ui.plan",
    "plan_export": "oneonone_kit.ui.plan",
    "ProgressView": "oneonone_kit.ui.plan",
    "PlanExport": "oneonone_kit.ui.plan",
    "cards": "oneonone_kit.ui.cards_view",
    "calendar_import": "oneonone_kit.ui.calendar_import",
    "CalendarImport": "oneonone_kit.ui.calendar_import",
}


def __getattr__(name: str) -> Any:
    # Load widget modules on first use so `from oneonone_kit import ui` stays cheap.
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'oneonone_kit.ui' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(module_name)
    value = module if name == "session" else getattr(module, name)
    globals()[name] = value  # cache; also shadows a submodule that shares the builder's name
    return value


__all__ = sorted(_EXPORTS)
