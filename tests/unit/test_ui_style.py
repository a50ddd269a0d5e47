"""One visual language: every page of the workbook carries the one stylesheet."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import ipywidgets as w
import pytest

from oneonone_kit import pages
from oneonone_kit.ui import session
from oneonone_kit.ui.common import STYLESHEET, style_widget

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [
    "notebooks/start.ipynb",
    *(page.path("en") for page in (*pages.CHAPTERS, *pages.EXERCISES)),
    f"notebooks/{pages.COHORT_PAGE}",
]


def _tree(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


@pytest.fixture
def fresh(tmp_home):
    session.reset()
    yield
    session.reset()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_page_carries_the_one_stylesheet(fresh, notebook):
    cells = json.loads((ROOT / notebook).read_text("utf-8"))["cells"]
    scope: dict = {}
    shown = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        code = "".join(cell["source"])
        tree = ast.parse(code)
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            exec(compile(ast.Module(tree.body[:-1], []), notebook, "exec"), scope)
            shown.append(
                eval(compile(ast.Expression(tree.body[-1].value), notebook, "eval"), scope)
            )
        else:
            exec(compile(tree, notebook, "exec"), scope)
    styles = [
        x
        for item in shown
        if isinstance(item, w.Widget)
        for x in _tree(item)
        if "oo-style" in getattr(x, "_dom_classes", ())
    ]
    assert styles, f"{notebook} shows no widget with the stylesheet"


def test_the_stylesheet_sizes_buttons_to_their_label_and_marks_the_selected_toggle():
    css = STYLESHEET.read_text("utf-8")
    assert "width: auto; min-width: 2.75em; max-width: 100%" in css
    assert ".jupyter-button.widget-toggle-button.mod-active" in css
    assert "148px" not in css


def test_the_style_widget_holds_the_stylesheet():
    widget = style_widget()
    assert "oo-style" in widget._dom_classes
    assert widget.value.startswith("<style>") and "--oo-accent" in widget.value
