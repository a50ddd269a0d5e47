"""Content items as readable cards (needs, behaviours, experiments): one renderer, data in."""

from __future__ import annotations

import ipywidgets as w

from ..i18n import t
from ..items import items
from ..labels import METRIC_KEY
from . import session
from .common import esc, style_widget

CARD_STYLE = """
<style>
.oo-card { border: 1px solid #ccc; border-radius: 6px; padding: 6px 12px; margin: 6px 0;
           max-width: 48em; }
.oo-card summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
.oo-card .oo-card-label { margin: 8px 0 2px 0; font-size: 0.95em; font-weight: 600; }
.oo-card ul { margin: 2px 0 6px 0; }
</style>
"""

# Which fields of each collection become a paragraph or a list, and their heading key.
LAYOUTS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "needs": (
        ("text", None),
        ("example", "cards.example"),
        ("signals", "cards.signals"),
        ("questions", "cards.questions"),
    ),
    "behaviours": (
        ("text", None),
        ("signs_from", "cards.signs_from"),
        ("signs_to", "cards.signs_to"),
        ("try_this", "cards.try_this"),
    ),
    "beliefs": (("text", None), ("looks_like", "cards.looks_like")),
    "experiments": (
        ("what", None),
        ("why", "cards.why"),
        ("metric", "cards.metric"),
        ("weeks", "cards.weeks"),
    ),
}


def _field_html(entry: dict, name: str, heading: str | None, lang: str) -> str:
    value = entry[name]
    if name == "metric":
        value = t(METRIC_KEY[value], lang)
    if name == "signs_from":
        heading_text = t(heading, lang, pole=entry["from_label"])
    elif name == "signs_to":
        heading_text = t(heading, lang, pole=entry["to_label"])
    else:
        heading_text = t(heading, lang) if heading else ""
    # A label, not a heading: cards sit right under the chapter's h1, and h5s there broke the
    # heading outline that screen-reader users navigate by.
    head = f'<p class="oo-card-label">{esc(heading_text)}</p>' if heading_text else ""
    if isinstance(value, list):
        return head + "<ul>" + "".join(f"<li>{esc(v)}</li>" for v in value) + "</ul>"
    return f"{head}<p>{esc(value)}</p>"


def cards_html(collection: str, lang: str, open_first: bool = False) -> str:
    """The items of ``collection`` as collapsible cards (HTML, all text escaped)."""
    parts = [CARD_STYLE]
    for index, entry in enumerate(items(collection, lang)):
        body = "".join(
            _field_html(entry, name, heading, lang) for name, heading in LAYOUTS[collection]
        )
        badge = f" · {t('cards.from_article', lang)}" if entry.get("from_article") else ""
        opened = " open" if open_first and index == 0 else ""
        parts.append(
            f'<details class="oo-card oo-card-{esc(entry["key"])}"{opened}>'
            f"<summary>{esc(entry['title'])}{esc(badge)}</summary>{body}</details>"
        )
    return "".join(parts)


def cards(collection: str, lang: str | None = None) -> w.HTML:
    """Cards for ``needs``, ``behaviours``, ``beliefs`` or ``experiments``."""
    widget = w.HTML(cards_html(collection, lang or session.lang(), open_first=True))
    widget.add_class("oo-cards")
    widget.add_class(f"oo-cards-{collection}")
    return w.VBox([style_widget(), widget])


__all__ = ["cards", "cards_html"]
