"""Form mechanics: invalid fields are marked and focused, the summary sits by Save and points up,
messages say what to enter, and tables carry their column names for the phone layout."""

from __future__ import annotations

import pytest

from oneonone_kit.ui import session
from oneonone_kit.ui.common import form_footer, mark_invalid, table_html
from oneonone_kit.ui.log import LogForm


@pytest.fixture
def form(tmp_home, monkeypatch):
    session.reset()
    built = LogForm("en")
    focused = []
    for name in ("person", "planned_minutes", "actual_minutes"):
        widget = getattr(built, name)
        monkeypatch.setattr(widget, "focus", lambda name=name: focused.append(name))
    built.focused = focused
    yield built
    session.reset()


def _invalid(form) -> set[str]:
    return {n for n, widget in form._fields().items() if "oo-invalid" in widget._dom_classes}


def test_a_missing_person_and_zero_minutes_are_marked_and_the_first_is_focused(form):
    form.person.value = ""
    form.planned_minutes.value = 0
    form.save.click()
    assert _invalid(form) == {"person", "planned_minutes"}
    assert form.focused == ["person"]  # the first invalid field in form order
    assert form.message.text == (
        "Not saved yet: fix what is marked above. Everything you typed is still here."
    )
    assert "Enter a number from 1 to 480." in form.errors["planned_minutes"].value


def test_fixing_the_fields_and_saving_clears_the_marks(form):
    form.person.value = ""
    form.save.click()
    assert _invalid(form) == {"person"}
    form.person.value = "Kim"
    form.save.click()
    assert _invalid(form) == set()
    assert form.message.kind == "ok"


def test_the_summary_sits_right_beside_the_save_button(form):
    footer = form.children[-1]
    buttons, message = footer.children
    assert message is form.message and form.save in buttons.children
    assert "oo-form-footer" in footer._dom_classes


def test_mark_invalid_returns_the_first_invalid_in_the_given_order():
    import ipywidgets as w

    a, b, c = w.Text(), w.Text(), w.Text()
    assert mark_invalid({"a": a, "b": b, "c": c}, ["c", "b"]) is b
    assert mark_invalid({"a": a, "b": b, "c": c}, []) is None
    assert not any("oo-invalid" in x._dom_classes for x in (a, b, c))


def test_form_footer_keeps_button_then_message():
    import ipywidgets as w

    from oneonone_kit.ui.common import Message

    button, message = w.Button(description="Save"), Message("oo-x")
    assert list(form_footer(button, message).children) == [button, message]


def test_a_table_labels_each_cell_with_its_column_and_escapes_text():
    html = table_html(["Date", "Person"], [["1 Nov", "<Kim>"]])
    assert '<td data-label="Date">1 Nov</td>' in html
    assert '<td data-label="Person">&lt;Kim&gt;</td>' in html
    assert 'class="oo-table oo-list-on-phone"' in html
    assert "<th scope='col'>Person</th>" in html


def test_an_emptied_minutes_field_stays_empty_and_saving_says_it_is_required(form):
    form.person.value = "Kim"
    form.planned_minutes.value = ""  # what the browser sends when the learner clears it
    assert form.planned_minutes.value == ""
    form.save.click()
    assert form.planned_minutes.value == ""  # not silently back to 30
    assert _invalid(form) == {"planned_minutes"}


def test_typed_digits_become_a_number_and_other_text_stays_as_typed(form):
    form.actual_minutes.value = " 45 "
    assert form.actual_minutes.value == 45
    form.actual_minutes.value = "45 min"
    assert form.actual_minutes.value == "45 min"
    form.person.value = "Kim"
    form.save.click()
    assert _invalid(form) == {"actual_minutes"}
