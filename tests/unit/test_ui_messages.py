"""A page's widgets get their CSS classes and layouts when they are made: a class or layout set
just after costs the page one more message from the kernel, which Voila's process handles for
every participant of a room (README, "Performance")."""

from __future__ import annotations

import comm
import pytest

from oneonone_kit import ui
from oneonone_kit.ui import session

# The log page's builders (notebooks/*/05_my_log) and the question lab's (exercises/*/01_*).
LOG_PAGE = ("log_form", "calendar_import", "dashboard", "meeting_list", "data_panel")
QUESTION_LAB = ("question_lab", "practice_set", "question_bank")
ROLE_PLAY = ("role_cards", "observer_panel")  # exercises/*/02_*
# What only the look of a widget sets: its classes, and the layout settings the builders use.
LOOK = {"_dom_classes", "width", "flex_flow", "max_width"}  # not margin: observer._grid sets it


@pytest.fixture
def sent(tmp_home, monkeypatch):
    """Every comm message the widgets send, as (message type, data)."""
    session.reset()
    messages: list[tuple[str, dict]] = []

    def publish(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        messages.append((msg_type, data or {}))

    monkeypatch.setattr(type(comm.create_comm()), "publish_msg", publish)
    yield messages
    session.reset()


def _look_updates(messages: list[tuple[str, dict]]) -> list[dict]:
    return [
        data["state"]
        for kind, data in messages
        if kind == "comm_msg" and data.get("method") == "update" and LOOK & set(data["state"])
    ]


@pytest.mark.parametrize("builder", LOG_PAGE + QUESTION_LAB + ROLE_PLAY)
def test_a_new_participants_page_sets_no_class_or_layout_after_a_widget_is_made(sent, builder):
    getattr(ui, builder)()
    assert [kind for kind, _ in sent].count("comm_open") > 0  # the counter sees the widgets
    assert _look_updates(sent) == []


def test_the_log_form_still_carries_its_classes_and_layouts(sent):
    form = ui.log_form()
    assert set(form._dom_classes) == {"oo-form", "oo-log-form"}
    assert "oo-log-planned-minutes" in form.planned_minutes._dom_classes
    assert "oo-log-save" in form.save._dom_classes
    assert form.notes.layout.width == "auto"
    assert form.status.layout.width is None  # toggle buttons keep their own width
    assert form.planned_minutes.style.description_width == "initial"
    hidden = (form.save_again, form.delete, form.new_meeting, form.undo)
    assert [b.layout.display for b in hidden] == ["none"] * 4
    assert set(form.message._dom_classes) == {"oo-message", "oo-log-message"}


def test_the_data_panel_still_wraps_its_rows_and_widens_its_buttons(sent):
    panel = ui.data_panel()
    assert panel.export.layout.width == "auto"
    assert panel.delete_all.layout.width == "auto"
    assert panel.forget_row.layout.flex_flow == "row wrap"
    assert "oo-data-panel" in panel._dom_classes
