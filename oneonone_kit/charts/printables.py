"""Printable workshop material as A4 PDF: one drawer for every handout.

Takes a handout as built by :func:`oneonone_kit.coach.handouts.handout` (read through its
attributes only: ``title``, ``intro``, ``sections`` or ``cards``) and lays it out on A4 pages
with matplotlib: flowing sections with fields and lines to write on, or role cards three to a
page with dashed cut lines. Every word drawn comes from the handout; the page numbers are the
only figures added. matplotlib is imported inside the functions that draw.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import t
from .style import BLACK, BLUE, GREY

A4_INCHES = (8.27, 11.69)
PT = 72.0
WIDTH, HEIGHT = A4_INCHES[0] * PT, A4_INCHES[1] * PT
MARGIN = 48.0
BOTTOM = HEIGHT - 40.0  # flowing text stops here; the footer sits below
LEADING = 1.32
CARDS_PER_PAGE = 3
CARD_TOP = 66.0
CARD_PAD = 14.0


@dataclass(frozen=True)
class PrintedPdf:
    """The PDF's bytes and its number of pages."""

    data: bytes
    pages: int


def wrap(text: str, width_pt: float, size: float) -> list[str]:
    """``text`` broken into lines that fit ``width_pt`` at font ``size`` (words kept whole)."""
    words = text.split()
    if not words:
        return [""]
    space = _width(" ", size)
    lines, current, used = [], [words[0]], _width(words[0], size)
    for word in words[1:]:
        extra = space + _width(word, size)
        if used + extra > width_pt:
            lines.append(" ".join(current))
            current, used = [word], _width(word, size)
        else:
            current.append(word)
            used += extra
    lines.append(" ".join(current))
    return lines


@functools.cache
def _width(text: str, size: float) -> float:
    """The width of ``text`` in points at font ``size`` in DejaVu Sans (normal weight)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family="DejaVu Sans", size=size)
    width, _, _ = TextToPath().get_text_width_height_descent(text, font, ismath=False)
    return width


class _Page:
    """One A4 figure with a cursor ``y`` in points from the top edge."""

    def __init__(self, plt: Any):
        self.figure = plt.figure(figsize=A4_INCHES)
        self.y = MARGIN

    def text(self, x: float, y: float, text: str, size: float, **style: Any) -> None:
        self.figure.text(
            x / WIDTH, 1 - y / HEIGHT, text, fontsize=size, va="top", ha="left", **style
        )

    def line(self, x0: float, x1: float, y: float, **style: Any) -> None:
        from matplotlib.lines import Line2D

        style.setdefault("color", GREY)
        style.setdefault("linewidth", 0.6)
        self.figure.add_artist(
            Line2D([x0 / WIDTH, x1 / WIDTH], [1 - y / HEIGHT, 1 - y / HEIGHT], **style)
        )

    def box(self, x: float, y: float, width: float, height: float, **style: Any) -> None:
        from matplotlib.patches import Rectangle

        style.setdefault("fill", False)
        style.setdefault("edgecolor", BLACK)
        style.setdefault("linewidth", 0.8)
        self.figure.add_artist(
            Rectangle(
                (x / WIDTH, 1 - (y + height) / HEIGHT), width / WIDTH, height / HEIGHT, **style
            )
        )


class _Flow:
    """Lays out blocks top to bottom, starting a new page when the next one does not fit."""

    def __init__(self, plt: Any):
        self.plt = plt
        self.pages: list[_Page] = [_Page(plt)]

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def room(self, height: float) -> _Page:
        if self.page.y + height > BOTTOM and self.page.y > MARGIN:
            self.pages.append(_Page(self.plt))
        return self.page

    def paragraph(self, text: str, size: float, x: float = MARGIN, **style: Any) -> None:
        step = size * LEADING
        for line in wrap(text, WIDTH - MARGIN - x, size):
            page = self.room(step)
            page.text(x, page.y, line, size, **style)
            page.y += step

    def bullets(self, texts: Sequence[str], size: float) -> None:
        step = size * LEADING
        for text in texts:
            lines = wrap(text, WIDTH - 2 * MARGIN - 14, size)
            page = self.room(step * len(lines))
            page.text(MARGIN + 2, page.y, "•", size)
            for line in lines:
                page.text(MARGIN + 14, page.y, line, size)
                page.y += step
            page.y += 2

    def boxes(self, texts: Sequence[str], size: float) -> None:
        for text in texts:
            page = self.room(size * 2.2)
            page.box(MARGIN + 1, page.y + 1, size, size)
            page.text(MARGIN + size + 9, page.y, text, size)
            page.y += size * 2.2

    def fields(self, labels: Sequence[str], size: float) -> None:
        label_width = min(WIDTH / 2, max(_width(label, size) for label in labels) + 16)
        for label in labels:
            page = self.room(size * 2.3)
            page.text(MARGIN, page.y + size * 0.7, label, size)
            page.line(MARGIN + label_width, WIDTH - MARGIN, page.y + size * 1.8)
            page.y += size * 2.3

    def lines(self, count: int) -> None:
        for _ in range(count):
            page = self.room(20)
            page.y += 20
            page.line(MARGIN, WIDTH - MARGIN, page.y)
        self.page.y += 4


def _draw_flow(plt: Any, handout: Any) -> list[_Page]:
    flow = _Flow(plt)
    page = flow.page
    page.text(MARGIN, page.y, handout.title, 17, weight="bold", color=BLUE)
    page.y += 28
    flow.paragraph(handout.intro, 10, color="#333333")
    flow.page.y += 8
    for section in handout.sections:
        if section.heading:
            flow.room(40).y += 4
            page = flow.page
            page.text(MARGIN, page.y, section.heading, 11.5, weight="bold")
            page.y += 11.5 * 1.5
        if section.text:
            flow.paragraph(section.text, 9.5)
            flow.page.y += 3
        if section.bullets:
            flow.bullets(section.bullets, 9.5)
        if section.boxes:
            flow.boxes(section.boxes, 9.5)
        if section.fields:
            flow.fields(section.fields, 9.5)
        if section.lines:
            flow.lines(section.lines)
        flow.page.y += 4
    return flow.pages


def _card_lines(card: Any, width: float, size: float) -> list[tuple[str, str, float]]:
    """(kind, text, indent) rows of a card at ``size``; kind is heading, text or bullet."""
    rows: list[tuple[str, str, float]] = []
    for section in card.sections:
        rows.append(("heading", section.heading, 0.0))
        if section.text:
            rows += [("text", line, 0.0) for line in wrap(section.text, width, size)]
        for bullet in section.bullets:
            for index, line in enumerate(wrap(bullet, width - 12, size)):
                rows.append(("bullet" if index == 0 else "text", line, 12.0))
    return rows


def _card_height(rows: list[tuple[str, str, float]], size: float) -> float:
    return sum(size * (1.9 if kind == "heading" else LEADING) for kind, _, _ in rows)


def _draw_card(page: _Page, card: Any, top: float, height: float) -> None:
    width = WIDTH - 2 * MARGIN - 2 * CARD_PAD
    size, rows = 9.5, _card_lines(card, width, 9.5)
    while size > 6.5 and _card_height(rows, size) > height - 46:
        size -= 0.25
        rows = _card_lines(card, width, size)
    x, y = MARGIN + CARD_PAD, top + CARD_PAD
    page.text(x, y, card.role, 14, weight="bold", color=BLUE)
    page.text(x, y + 19, card.title, 10, style="italic", color="#333333")
    y += 40
    for kind, text, indent in rows:
        if kind == "heading":
            y += size * 0.5
            page.text(x, y, text, size, weight="bold")
            y += size * 1.4
            continue
        if kind == "bullet":
            page.text(x, y, "•", size)
        page.text(x + indent, y, text, size)
        y += size * LEADING


def _draw_cards(plt: Any, handout: Any) -> list[_Page]:
    pages = []
    height = (BOTTOM - CARD_TOP) / CARDS_PER_PAGE
    for cards in handout.cards:
        page = _Page(plt)
        page.text(MARGIN, 30, handout.title, 11, weight="bold", color=BLUE)
        page.text(MARGIN, 46, handout.intro, 8.5, color="#333333")
        dashed = {"linestyle": (0, (5, 4)), "color": BLACK, "linewidth": 0.7}
        for index, card in enumerate(cards[:CARDS_PER_PAGE]):
            top = CARD_TOP + index * height
            page.line(10, WIDTH - 10, top, **dashed)
            _draw_card(page, card, top, height)
        page.line(10, WIDTH - 10, CARD_TOP + CARDS_PER_PAGE * height, **dashed)
        pages.append(page)
    return pages


def render(handout: Any, lang: str) -> PrintedPdf:
    """Draw ``handout`` on A4 pages, with ``print.footer`` in ``lang`` on each; returns the PDF."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}):
        pages = _draw_cards(plt, handout) if handout.cards else _draw_flow(plt, handout)
        buffer = io.BytesIO()
        metadata = {"Title": handout.title, "Creator": "oneonone", "CreationDate": None}
        try:
            with PdfPages(buffer, metadata=metadata) as pdf:
                for number, page in enumerate(pages, start=1):
                    footer = t(
                        "print.footer", lang, title=handout.title, page=number, total=len(pages)
                    )
                    page.text(MARGIN, HEIGHT - 30, footer, 7.5, color=GREY)
                    pdf.savefig(page.figure)
        finally:
            for page in pages:
                plt.close(page.figure)
    return PrintedPdf(buffer.getvalue(), len(pages))


__all__ = ["A4_INCHES", "PrintedPdf", "render", "wrap"]
