"""Widgets for the notebooks. Each builder returns one widget object exposing its parts
(``form.person``, ``form.save``, ``form.message``) so notebooks and tests use the same handles.

Notebook cells stay one line: ``from oneonone_kit import ui`` then ``ui.log_form()``.
:data:`BUILDERS` says where each name lives; ``ui.<name>`` imports that module on first use, so
``from oneonone_kit import ui`` itself stays cheap. A test checks the table against each module's
``__all__``. The top floor: may import every other room except :mod:`oneonone_kit.cli`.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> module in this package; keep in step with each module's ``__all__`` (tested)
BUILDERS: dict[str, str] = {
    "AgendaBuilder": "agenda",
    "agenda_builder": "agenda",
    "SelfAssessment": "assess",
    "self_assessment": "assess",
    "CadenceControl": "cadence_view",
    "bad_interval_note": "cadence_view",
    "cadence_control": "cadence_view",
    "CalendarImport": "calendar_view",
    "EventRow": "calendar_view",
    "calendar_import": "calendar_view",
    "cards": "cards_view",
    "cards_html": "cards_view",
    "Dashboard": "charts_view",
    "dashboard": "charts_view",
    "CohortView": "group",
    "cohort_view": "group",
    "DataPanel": "data",
    "data_panel": "data",
    "download_link": "data",
    "ExperimentPlanner": "experiment",
    "ExperimentReview": "experiment",
    "experiment_planner": "experiment",
    "experiment_review": "experiment",
    "LogForm": "log",
    "MeetingList": "log_list",
    "log_form": "log",
    "meeting_list": "log_list",
    "WhichNeed": "need_cases",
    "which_need": "need_cases",
    "ObserverPanel": "observer",
    "observer_panel": "observer",
    "PlanExport": "plan",
    "ProgressView": "plan",
    "plan_export": "plan",
    "progress": "plan",
    "PrintPanel": "print_view",
    "print_panel": "print_view",
    "PracticeSet": "lab_view",
    "QuestionBank": "lab_view",
    "QuestionLab": "lab_view",
    "bank_questions": "lab_view",
    "practice_set": "lab_view",
    "question_bank": "lab_view",
    "question_lab": "lab_view",
    "ReflectionBox": "reflect",
    "WhoseMeeting": "reflect",
    "reflection": "reflect",
    "whose_meeting": "reflect",
    "StartPage": "start",
    "start_page": "start",
    "RoleCards": "trio",
    "role_cards": "trio",
}


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    if name == "session":
        return importlib.import_module(f"{__name__}.session")
    module_name = BUILDERS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'oneonone_kit.ui' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
    globals()[name] = value  # cache; also shadows a submodule that shares the builder's name
    return value


def __dir__() -> list[str]:
    return sorted(BUILDERS)
