"""The facilitator's printable material on the start page: choose a handout, make the PDF,
download it. The PDF is drawn on click only, so opening the start page never loads matplotlib."""

from __future__ import annotations

import ipywidgets as w

from ..coach import handouts
from ..i18n import t
from . import session
from .common import Message, classed, esc, safe_callback
from .data import download_link

# The facilitator guide in each language, as a page of the app (made from docs/facilitator*.md by
# tools/doc_pages.py), linked relative to the start page like the chapters.
GUIDES = {"en": "en/facilitator_guide.ipynb", "nl": "nl/facilitator_guide.ipynb"}


class PrintPanel(w.VBox):
    """Parts: ``kind`` (RadioButtons of :data:`~oneonone_kit.coach.handouts.KINDS`), ``make``,
    ``download`` (HTML with the link once made), ``message``; ``pages`` after a make."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.pages = 0
        self.message = Message("oo-print-message")
        # Radio buttons, not a dropdown: a dropdown's box cannot wrap, so on a phone it cut the
        # long names ("Role-play cards (leader, employee, ob…"); a radio list wraps and shows all.
        self.kind = classed(
            w.RadioButtons(
                options=[(t(handouts.KIND_KEY[kind], L), kind) for kind in handouts.KINDS],
                value=handouts.KINDS[0],
                description=t("print.panel.kind", L),
                layout=w.Layout(width="auto", max_width="100%"),
                style={"description_width": "initial"},
            ),
            "oo-print-kind",
        )
        self.make = classed(
            w.Button(description=t("print.panel.make", L), button_style="primary"),
            "oo-print-make",
        )
        self.download = classed(w.HTML(""), "oo-print-download")
        self.make.on_click(self._on_make)
        super().__init__(
            [
                w.HTML(
                    f"<h3>{esc(t('print.panel.heading', L))}</h3>"
                    f'<p class="oo-note">{esc(t("print.panel.note", L))} '
                    f'<a href="{esc(GUIDES[L])}">{esc(t("print.panel.guide", L))}</a></p>'
                ),
                self.kind,
                self.make,
                self.message,
                self.download,
            ]
        )
        classed(self, "oo-print")

    @safe_callback()
    def _on_make(self, _button: w.Button | None = None) -> None:
        from ..charts import printables  # matplotlib loads on the first click only

        L, kind = self.lang, self.kind.value
        self.download.value = ""
        handout = handouts.handout(kind, L)
        printed = printables.render(handout, L)
        self.pages = printed.pages
        filename = handouts.filename(kind, L)
        self.message.show_ok(t("print.panel.ready", L, title=handout.title, count=printed.pages))
        self.download.value = download_link(
            printed.data,
            filename,
            t("print.panel.download", L, filename=filename),
            "application/pdf",
        )


def print_panel(lang: str | None = None) -> PrintPanel:
    """The printable-material panel in this page's language."""
    return PrintPanel(lang)


__all__ = ["PrintPanel", "print_panel"]
