"""One error base: every error a learner can see is a KitError, said in their language."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import oneonone_kit
from oneonone_kit.errors import ImportProblem, KitError, RowProblem, Text, field_label
from oneonone_kit.model import FieldProblem, RecordError

PACKAGE = Path(oneonone_kit.__file__).resolve().parent


def _error_classes() -> list[tuple[str, str]]:
    """Every class in the package whose name ends in Error or Problem, as (module, name)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(("oneonone_kit", *path.relative_to(PACKAGE).with_suffix("").parts))
        module = module.removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith(("Error", "Problem")):
                found.append((module, node.name))
    return found


ERROR_CLASSES = _error_classes()
# values, not exceptions: a problem with one field or one row, listed by the error that holds it
NOT_RAISED = {"FieldProblem", "RowProblem"}


def test_the_error_classes_are_found():
    names = {name for _, name in ERROR_CLASSES}
    assert {"RecordError", "CliError", "UsageError", "CalendarProblem", "SummaryError"} <= names


@pytest.mark.parametrize("module, name", ERROR_CLASSES)
def test_every_error_the_learner_can_see_is_a_kit_error(module, name):
    cls = getattr(importlib.import_module(module), name)
    if name in NOT_RAISED:
        assert not issubclass(cls, BaseException)
    else:
        assert issubclass(cls, KitError), f"{module}.{name} must derive from KitError"


def test_every_exception_class_of_the_package_is_a_kit_error_whatever_its_name():
    # Catches a new exception class named without Error or Problem (UidTaken, Invalid, ...).
    modules = {module for module, _ in ERROR_CLASSES} | {
        ".".join(("oneonone_kit", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for p in PACKAGE.rglob("*.py")
    }
    outside = []
    for module in sorted(modules):
        loaded = importlib.import_module(module)
        for name, value in vars(loaded).items():
            defined_here = getattr(value, "__module__", None) == loaded.__name__
            if isinstance(value, type) and issubclass(value, BaseException) and defined_here:
                if not issubclass(value, KitError):
                    outside.append(f"{module}.{name}")
    assert outside == []


def test_a_kit_error_is_said_in_both_languages():
    error = KitError("error.required")
    assert error.message("en") == "This field is needed."
    assert error.message("nl") == "Dit veld is verplicht."
    assert str(error) == "This field is needed."  # for logs: the default language
    assert error.exit_code == 1 and error.details("en") == []


def test_a_nested_text_is_said_in_the_same_language():
    error = KitError("cli.bad_option", option="--from", message=Text("error.required"))
    assert error.message("en") == "--from: This field is needed."
    assert error.message("nl") == "--from: Dit veld is verplicht."


def test_a_record_error_keeps_its_problems_and_lists_them_by_label():
    error = RecordError(
        [FieldProblem("date", "error.required"), FieldProblem("person", "error.required")]
    )
    assert [p.field for p in error.problems] == ["date", "person"]
    assert isinstance(error, ValueError)
    assert error.message("en") == "Nothing was saved:"
    assert error.details("nl") == [
        "Datum: Dit veld is verplicht.",
        "Persoon: Dit veld is verplicht.",
    ]
    assert str(error) == "date: This field is needed.; person: This field is needed."


def test_an_import_problem_lists_its_rows_under_the_message():
    error = ImportProblem("import.refused", rows=[RowProblem(3, "date", "error.required")])
    assert error.message("en").startswith("Nothing was imported: 1 problem found.")
    assert error.details("en") == ["Row 3, Date: This field is needed."]


def test_a_field_label_is_the_field_name_when_it_has_none():
    assert field_label("answers.mindset_1", "en") == "Answers"
    assert field_label("no_such_field", "en") == "no_such_field"


# ---- in a widget ------------------------------------------------------------------------------
class Panel:
    """The smallest thing ``safe_callback`` decorates: a message widget and a language."""

    def __init__(self, lang: str, error: Exception):
        from oneonone_kit.ui.common import Message

        self.lang = lang
        self.message = Message("oo-panel-message")
        self.error = error

    def click(self) -> None:
        raise self.error


def _clicked(lang: str, error: Exception) -> Panel:
    from oneonone_kit.ui.common import safe_callback

    panel = Panel(lang, error)
    safe_callback()(Panel.click)(panel)
    return panel


def test_a_widget_shows_a_kit_error_in_the_learners_language_with_its_lines():
    error = ImportProblem("import.refused", rows=[RowProblem(2, "person", "error.required")])
    panel = _clicked("nl", error)
    assert panel.last_error is error and panel.message.kind == "error"
    assert "1 probleem gevonden" in panel.message.text
    assert "Rij 2, Persoon: Dit veld is verplicht." in panel.message.text


def test_a_widget_shows_no_python_text_for_an_unexpected_error():
    panel = _clicked("en", ZeroDivisionError("division by zero"))
    assert isinstance(panel.last_error, ZeroDivisionError)
    assert panel.message.text.startswith("Something went wrong and nothing was saved.")
    assert "division" not in panel.message.text and "ZeroDivisionError" not in panel.message.text
    assert "ZeroDivisionError" in panel.last_traceback  # kept for tests and logs, not shown


def test_a_short_room_code_is_a_setting_error_said_in_both_languages():
    from oneonone_kit.env import EnvironmentSettingError
    from oneonone_kit.web.room import check_room_code

    with pytest.raises(EnvironmentSettingError) as raised:
        check_room_code("ab-c")
    assert raised.value.exit_code == 2
    assert raised.value.message("en").endswith("Expected: at least 6 letters or digits.")
    assert raised.value.message("nl").endswith("Verwacht: minstens 6 letters of cijfers.")
