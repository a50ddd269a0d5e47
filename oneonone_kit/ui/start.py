"""The start page of the web app: language, chapters and exercises as cards, and the data panel.

Plain HTML and CSS (no icons, no web fonts), so it reads the same without internet. Links are
relative to ``notebooks/start.ipynb``, so they work under any URL prefix (JupyterHub, Binder).
"""

from __future__ import annotations

import ipywidgets as w

from .. import pages
from ..env import LANGUAGES
from ..i18n import t
from . import session
from .common import classed, esc, style_widget
from .data import DataPanel
from .print_view import PrintPanel

LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}


def _card(number: str, title: str, blurb: str, time: str, href: str, extra: str = "") -> str:
    return (
        f'<li class="oo-card"><a href="{esc(href)}">'
        f'<span class="oo-card-number">{esc(number)}</span>'
        f'<span class="oo-card-title">{esc(title)}</span>'
        f'<span class="oo-card-blurb">{esc(blurb)}</span>'
        f"{extra}"
        f'<span class="oo-card-time">{esc(time)}</span></a></li>'
    )


class StartPage(w.VBox):
    """Parts: ``header`` (title, language switch), ``chapters``, ``exercises``, ``data``,
    ``printables`` (the facilitator's PDFs)."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.header = classed(w.HTML(self._header_html()), "oo-start-header")
        self.chapters = classed(w.HTML(self._chapters_html()), "oo-start-chapters")
        self.exercises = classed(w.HTML(self._exercises_html()), "oo-start-exercises")
        self.data = DataPanel(L)
        self.printables = PrintPanel(L)
        super().__init__(
            [
                style_widget(),
                self.header,
                self.chapters,
                self.exercises,
                w.HTML(f"<h2>{esc(t('start.data', L))}</h2>"),
                self.data,
                classed(w.HTML(self._facilitator_html()), "oo-start-facilitator"),
                self.printables,
            ]
        )
        classed(self, "oo-start")

    def _header_html(self) -> str:
        L = self.lang
        links = "".join(
            f'<a href="start.ipynb?lang={code}" lang="{code}" hreflang="{code}"'
            f"{' aria-current=page' if code == L else ''}>{esc(LANGUAGE_NAMES[code])}</a>"
            for code in LANGUAGES
        )
        return (
            f"<h1>{esc(t('start.title', L))}</h1>"
            f'<nav class="oo-lang-switch" aria-label="{esc(t("start.language", L))}">'
            f"{links}</nav>"
            f'<p class="oo-lead">{esc(t("start.intro", L))}</p>'
        )

    def _minutes(self, page: pages.Page) -> str:
        key = "start.per_meeting" if page.stem == "05_my_log" else "start.minutes"
        return t(key, self.lang, minutes=page.minutes)

    def _chapters_html(self) -> str:
        L = self.lang
        cards = "".join(
            _card(
                page.number,
                pages.title(page, L),
                t(page.blurb_key, L),
                self._minutes(page),
                page.link_from_start(L),
            )
            for page in pages.CHAPTERS
        )
        return (
            f"<h2>{esc(t('start.chapters', L))}</h2>"
            f'<p class="oo-note">{esc(t("start.chapters_note", L))}</p>'
            f'<ul class="oo-cards oo-chapter-cards">{cards}</ul>'
        )

    def _exercises_html(self) -> str:
        L = self.lang
        cards = []
        for page in pages.EXERCISES:
            soon = (
                ""
                if pages.available(page, L)
                else f'<span class="oo-card-soon">{esc(t("start.soon", L))}</span>'
            )
            cards.append(
                _card(
                    t("start.exercise_number", L, number=page.number.lstrip("0")),
                    pages.title(page, L),
                    t(page.blurb_key, L),
                    self._minutes(page),
                    page.link_from_start(L),
                    soon,
                )
            )
        return (
            f"<h2>{esc(t('start.exercises', L))}</h2>"
            f'<p class="oo-note">{esc(t("start.exercises_note", L))}</p>'
            f'<ul class="oo-cards oo-exercise-cards">{"".join(cards)}</ul>'
        )

    def _facilitator_html(self) -> str:
        L = self.lang
        href = f"{pages.COHORT_PAGE}?lang={L}"
        return (
            f"<h2>{esc(t('start.facilitators', L))}</h2>"
            f'<p class="oo-note">{esc(t("start.facilitators_note", L))} '
            f'<a href="{esc(href)}">{esc(t("start.cohort_link", L))}</a></p>'
        )


def start_page(lang: str | None = None) -> StartPage:
    """The web app's start page in this page's language (``?lang=`` or ONEONONE_LANG)."""
    return StartPage(lang)


__all__ = ["StartPage", "start_page"]
