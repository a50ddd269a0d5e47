"""One escaping test for every ui builder (issue 17, item 3).

Each builder listed in :data:`oneonone_kit.ui.BUILDERS` is built on a store full of hostile text,
every text field it has gets hostile text too, then every button is clicked. No HTML widget (and
no HTML output) may then carry the user's text unescaped. The builders are discovered from the
table, so a new builder is covered without editing this test.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator

import ipywidgets as w
import pytest

from oneonone_kit import ui
from oneonone_kit.model import Commitment, Experiment, Meeting, Reflection
from oneonone_kit.ui import session

# Each hostile text carries a marker that only appears in HTML when the text was NOT escaped:
# escaped, "<img src=x" becomes "&lt;img src=x", '"><script>' becomes "&quot;&gt;&lt;script&gt;"
# and "Q&amp;R" becomes "Q&amp;amp;R" (which does not contain "Q&amp;R").
HOSTILE = '<img src=x onerror=alert(1)>"><script>Q&amp;R'
MARKERS = ("<img src=x", "<script>", "Q&amp;R")

# Values for required builder parameters that have no default (by parameter name).
# Text a learner could have typed (a file name, a label) gets the hostile text as well.
REQUIRED_ARGS = {
    "prompt": "mindset.whose_meeting",
    "collection": "needs",
    "kind": "baseline",
    "need": "growth",
    "payload": b"x",
    "filename": HOSTILE,
    "label": HOSTILE,
    "mime": "text/plain",
}

TODAY = dt.date(2026, 11, 22)


def builder_names() -> list[str]:
    """The lower-case names in the table: the builder functions (classes are what they return)."""
    return sorted(name for name in ui.BUILDERS if name[0].islower())


def unescaped(value: str) -> list[str]:
    return [marker for marker in MARKERS if marker in value]


def widgets_in(root: w.Widget) -> Iterator[w.Widget]:
    """Every widget reachable from ``root``: its children and the parts it keeps as attributes."""
    seen: set[int] = set()
    todo: list[object] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            todo.extend(item.values())
            continue
        if isinstance(item, (list, tuple)):
            todo.extend(item)
            continue
        if not isinstance(item, w.Widget) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo.extend(getattr(item, "children", ()) or ())
        todo.extend(v for k, v in vars(item).items() if not k.startswith("_trait"))


def html_values(root: w.Widget) -> Iterator[tuple[str, str]]:
    for widget in widgets_in(root):
        if isinstance(widget, (w.HTML, w.HTMLMath)):
            yield type(widget).__name__, widget.value
        elif isinstance(widget, w.Output):
            for output in widget.outputs:
                data = output.get("data", {}) if isinstance(output, dict) else {}
                if "text/html" in data:
                    yield "Output", str(data["text/html"])


def fill_text_fields(root: w.Widget) -> int:
    count = 0
    for widget in widgets_in(root):
        if isinstance(widget, (w.Text, w.Textarea, w.Combobox)) and not widget.disabled:
            widget.value = HOSTILE
            count += 1
    return count


def build(name: str) -> w.Widget:
    builder = getattr(ui, name)
    kwargs = {}
    for param in inspect.signature(builder).parameters.values():
        if param.name == "lang":
            kwargs["lang"] = "en"
        elif param.default is inspect.Parameter.empty:
            if param.name == "store":
                kwargs["store"] = session.store()
                continue
            assert param.name in REQUIRED_ARGS, f"{name}: add a value for {param.name!r}"
            kwargs[param.name] = REQUIRED_ARGS[param.name]
    return builder(**kwargs)


@pytest.fixture
def hostile_store(tmp_home):
    session.reset()
    store = session.store()
    for days_ago, needs in ((30, ("growth",)), (16, ("feedback",)), (2, ())):
        store.add_meeting(
            Meeting.create(
                TODAY,
                date=TODAY - dt.timedelta(days=days_ago),
                person=HOSTILE,
                planned_minutes=30,
                actual_minutes=30,
                needs=needs,
                talk_share=40,
                notes=HOSTILE,
            )
        )
    store.add(Commitment(person=HOSTILE, text=HOSTILE))
    store.add(
        Experiment(
            what=HOSTILE,
            why=HOSTILE,
            start=TODAY - dt.timedelta(days=20),
            end=TODAY + dt.timedelta(days=8),
            metric="talk_share",
            notes=HOSTILE,
        )
    )
    store.add(
        Reflection(prompt="mindset.whose_meeting", text=HOSTILE, saved_at=dt.datetime(2026, 11, 1))
    )
    store.set_interval(HOSTILE, 14)
    yield store
    session.reset()


def test_every_builder_is_covered_by_the_escaping_test():
    # A guard on the discovery itself: the table holds the page builders the notebooks call.
    names = builder_names()
    assert {"log_form", "meeting_list", "agenda_builder", "experiment_review", "data_panel"} <= set(
        names
    )


@pytest.mark.parametrize("name", builder_names())
def test_builder_shows_no_unescaped_user_text(hostile_store, name):
    built = build(name)
    if isinstance(built, str):  # an HTML builder (cards_html, download_link): no user text field
        assert unescaped(built) == []
        return
    if not isinstance(built, w.Widget):  # a data helper listed with the builders
        return
    try:
        clicked: set[int] = set()
        problems: list[str] = []
        for _round in range(3):  # a click may reveal new buttons (confirm, next, ...)
            buttons = [
                b for b in widgets_in(built) if isinstance(b, w.Button) and id(b) not in clicked
            ]
            if not buttons:
                break
            for button in buttons:
                fill_text_fields(built)
                clicked.add(id(button))
                if not button.disabled:
                    button.click()
                problems += [
                    f"after {button.description!r}: {kind} shows {unescaped(value)}"
                    for kind, value in html_values(built)
                    if unescaped(value)
                ]
        fill_text_fields(built)
        problems += [
            f"at the end: {kind} shows {unescaped(value)}"
            for kind, value in html_values(built)
            if unescaped(value)
        ]
        assert problems == []
    finally:
        built.close()
