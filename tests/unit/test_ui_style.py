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


def _text_page_request(uri: str):
    from types import SimpleNamespace

    path, _, query = uri.partition("?")
    return SimpleNamespace(
        request=SimpleNamespace(uri=uri, path=path, query=query, headers={}),
        contents_manager=SimpleNamespace(root_dir=str(ROOT)),
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("doc", pages.DOC_PAGES)
def test_a_text_page_gets_the_stylesheet_from_the_server_as_one_hidden_block(
    monkeypatch, lang, doc
):
    import nbformat
    from nbconvert.filters import markdown2html

    from oneonone_kit.web import webapp

    monkeypatch.delenv("ONEONONE_MODE", raising=False)
    book = nbformat.read(ROOT / "notebooks" / lang / doc, as_version=4)
    before = [cell.source for cell in book.cells]
    request = _text_page_request(f"/voila/render/notebooks/{lang}/{doc}")
    book = webapp.prelaunch_hook(request, book, f"notebooks/{lang}")
    assert [cell.source for cell in book.cells[1:]] == before
    html = markdown2html(book.cells[0].source).strip()
    # One <style> element, marked like the widgets' copy; Markdown made no paragraphs of it
    # (a blank line inside would have ended the HTML block).
    assert html.startswith('<style class="oo-style">') and html.endswith("</style>")
    assert html.count("<style") == 1 and "<p>" not in html
    last_rule = STYLESHEET.read_text("utf-8").strip().splitlines()[-1]
    assert last_rule in html
    assert ".jp-Cell:has(style.oo-style) { display: none; }" in html  # the cell itself is hidden


def test_a_page_with_code_gets_its_stylesheet_from_the_widgets_not_the_server(monkeypatch):
    import nbformat

    from oneonone_kit.web import webapp

    monkeypatch.delenv("ONEONONE_MODE", raising=False)
    book = nbformat.read(ROOT / "notebooks/en/01_mindset.ipynb", as_version=4)
    count = len(book.cells)
    request = _text_page_request("/voila/render/notebooks/en/01_mindset.ipynb")
    book = webapp.prelaunch_hook(request, book, "notebooks/en")
    assert len(book.cells) == count and "oo-style" not in book.cells[0].source
