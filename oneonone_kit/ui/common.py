"""Small parts shared by the widgets: messages, labels, CSS classes, safe callbacks."""

from __future__ import annotations

import functools
import html
import json
import re
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import ipywidgets as w
import traitlets

from ..errors import KitError
from ..i18n import t
from ..web import kernel as app_kernel

app_kernel.share_styles()  # in the app's own page kernels only: fewer widgets per page

STYLESHEET = Path(__file__).with_name("oneonone.css")  # the one stylesheet of every page


@functools.cache
def stylesheet() -> str:
    """The workbook's CSS (read once)."""
    return STYLESHEET.read_text("utf-8")


def field_layout() -> w.Layout:
    """A fresh layout for a form field (never share one Layout: changing it changes all)."""
    return w.Layout(width="auto", max_width="min(32em, calc(100% - 4px))")  # 4px: its margins


FIELD_STYLE = {"description_width": "initial"}


def esc(text: object) -> str:
    """Escape user text for HTML widgets."""
    return html.escape(str(text), quote=True)


def classed(widget: w.Widget, *classes: str) -> w.Widget:
    """Add stable CSS classes (``oo-...``) that tests and styles select on, to a widget that
    already exists: each class costs the page one more message. A widget made here gets its
    classes when it is made instead (``w.HTML(..., _dom_classes=("oo-x",))``)."""
    for name in classes:
        widget.add_class(name)
    return widget


class Message(w.HTML):
    """A status line: ``show_ok``, ``show_error``, ``show_info``; text is escaped."""

    def __init__(self, css_class: str, **kwargs: Any):
        super().__init__(value="", _dom_classes=("oo-message", css_class), **kwargs)
        self.kind = ""

    def _show(self, kind: str, text: str, extra_lines: list[str] | None = None) -> None:
        self.kind = kind
        body = esc(text)
        if extra_lines:
            body += "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in extra_lines) + "</ul>"
        role = "alert" if kind == "error" else "status"
        self.value = f'<div class="oo-{kind}" role="{role}">{body}</div>'

    def show_ok(self, text: str) -> None:
        self._show("ok", text)

    def show_error(self, text: str, extra_lines: list[str] | None = None) -> None:
        self._show("error", text, extra_lines)

    def show_warn(self, text: str) -> None:
        """Allowed, but worth a second look (amber)."""
        self._show("warn", text)

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def clear(self) -> None:
        self.kind = ""
        self.value = ""

    @property
    def text(self) -> str:
        """The message as plain text (for tests and logs)."""
        return html.unescape(re.sub(r"<[^>]+>", " ", self.value)).strip()


def safe_callback(message_attr: str = "message") -> Callable:
    """Decorate a widget method so any exception shows in ``self.<message_attr>``.

    Without this an exception in an ipywidgets callback vanishes in Voila: the click just does
    nothing. A :class:`KitError` is shown in the learner's language (with its detail lines);
    anything else gets a plain "something went wrong", never Python's own text. The last error
    is kept on ``self.last_error`` so tests can fail on it.
    """

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - shown to the learner, kept for tests
                self.last_error = exc
                self.last_traceback = traceback.format_exc()
                message = getattr(self, message_attr)
                lang = getattr(self, "lang", None)
                if isinstance(exc, KitError):
                    message.show_error(exc.message(lang), exc.details(lang) or None)
                else:
                    message.show_error(t("error.unexpected", lang))
                return None

        return wrapper

    return decorate


# Forms, in Voila and in JupyterLab alike: a field the kit marks invalid (class oo-invalid) is
# marked for screen readers too (aria-invalid), and when a save marks fields anew the keyboard
# focus moves to the form's first one. The HTML widget sets its value as innerHTML, which runs
# no <script> but does run an element's event handlers (as copy_button's onclick), so a tiny
# image's onload starts the watcher, once per browser page. Only widgets' own fields are touched.
FORM_WATCH = (
    "if(window.ooFormWatch){return;}window.ooFormWatch=true;"
    "var fields='.jupyter-widgets input, .jupyter-widgets select, .jupyter-widgets textarea';"
    "var pending=false,known=new Set();"
    "function sync(){pending=false;var now=new Set();"
    "document.querySelectorAll(fields).forEach(function(el){"
    "if(el.closest('.oo-invalid')){el.setAttribute('aria-invalid','true');now.add(el);}"
    "else if(el.hasAttribute('aria-invalid')){el.removeAttribute('aria-invalid');}});"
    "var fresh=Array.from(now).filter(function(el){return !known.has(el);});known=now;"
    "if(fresh.length){var form=fresh[0].closest('.oo-form')||document;"
    "var first=form.querySelector('.oo-invalid input, .oo-invalid select, .oo-invalid textarea');"
    "if(first){first.focus();}}}"
    "new MutationObserver(function(){if(!pending){pending=true;"
    "window.requestAnimationFrame(sync);}}).observe(document.body,{subtree:true,childList:true,"
    "attributes:true,attributeFilter:['class']});sync();"
)
PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def style_widget() -> w.HTML:
    """The stylesheet as a widget, with the forms' watcher (:data:`FORM_WATCH`); every builder
    puts one on its page, so both work the same in Voila and in JupyterLab."""
    watcher = f'<img class="oo-form-watch" alt="" hidden src="{PIXEL}" onload="{esc(FORM_WATCH)}">'
    return w.HTML(f"<style>{stylesheet()}</style>{watcher}", _dom_classes=("oo-style",))


class NumberText(w.Text):
    """A whole-number field that may be empty: typed digits become an ``int``, an emptied field
    stays ``""`` until saved (ipywidgets' IntText silently puts the last number back), and any
    other text stays as typed, so the form's validation can say what is wrong with it."""

    value = traitlets.Union(
        [traitlets.Int(), traitlets.Unicode()], default_value="", help="int, or text as typed"
    ).tag(sync=True)

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("continuous_update", False)
        super().__init__(**kwargs)

    @traitlets.validate("value")
    def _whole_number(self, proposal: Any) -> int | str:
        value = proposal["value"]
        if value is None:
            return ""
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        return value


def form_footer(button: w.Widget, message: Message) -> w.HBox:
    """The Save button (or a row of buttons) with the form's summary message right beside it."""
    return w.HBox([button, message], _dom_classes=("oo-form-footer",))


def mark_invalid(fields: dict[str, w.Widget], invalid: Iterable[str]) -> w.Widget | None:
    """Mark the ``invalid`` fields (red border; :data:`FORM_WATCH` adds ``aria-invalid``),
    unmark the others, and return the first invalid field in form order (to focus), or None."""
    wrong = set(invalid)
    first = None
    for name, widget in fields.items():
        if name in wrong:
            widget.add_class("oo-invalid")
            first = first or widget
        else:
            widget.remove_class("oo-invalid")
    return first


def focus(widget: w.Widget | None) -> None:
    """Move the keyboard focus to ``widget`` in the browser (ipywidgets 8 ``focus()``)."""
    if widget is not None and hasattr(widget, "focus"):
        widget.focus()


def copy_button(label: str, source: str, done: str) -> w.HTML:
    """A real button that copies the text of the page element ``source`` (a CSS selector, looked
    up inside the nearest ``.oo-copy-scope``) to the clipboard, then says ``done``. The copy
    happens in the browser: the kernel cannot reach the learner's clipboard."""
    script = (
        "var box=this.closest('.oo-copy-scope')||document;"
        f"var el=box.querySelector({json.dumps(source)});if(!el){{return;}}"
        "el.select();var ok=false;try{ok=document.execCommand('copy');}catch(e){}"
        "if(navigator.clipboard){navigator.clipboard.writeText(el.value).catch(function(){});}"
        f"this.textContent={json.dumps(done)};"
    )
    return w.HTML(
        f'<button type="button" class="jupyter-button widget-button oo-copy-button" '
        f'onclick="{esc(script)}">{esc(label)}</button>',
        _dom_classes=("oo-copy",),
    )


def table_html(headers: list[str], rows: list[list[str]], css_class: str = "") -> str:
    """A table of plain text that turns into a list per row on a phone: each cell carries its
    column's name (``data-label``), which the stylesheet shows before it on narrow screens."""
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f'<td data-label="{esc(h)}">{esc(c)}</td>' for h, c in zip(headers, row))
        + "</tr>"
        for row in rows
    )
    classes = " ".join(filter(None, ("oo-table oo-list-on-phone", css_class)))
    return (
        f'<div class="oo-table-wrap"><table class="{classes}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def figure_html(fig: Any, alt: str, css_class: str = "oo-chart", dpi: int = 100) -> str:
    """A matplotlib Figure as an ``<img>`` with alt text (screen readers get what it shows)."""
    import base64
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<img class="{esc(css_class)}" src="data:image/png;base64,{data}" alt="{esc(alt)}" '
        f'style="max-width:100%;height:auto">'
    )
