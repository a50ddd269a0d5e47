"""Parts the role cards and the observer panel share: buttons, headings, a ticking timer."""

from __future__ import annotations

import threading
from collections.abc import Callable

import ipywidgets as w

from ..coach import trio
from .common import esc


def panel_button(label: str, *classes: str, style: str = "") -> w.Button:
    """A button as wide as its label, carrying the CSS ``classes``."""
    return w.Button(
        description=label,
        button_style=style,
        layout=w.Layout(width="auto"),
        _dom_classes=(*classes,),
    )


def heading(text: str) -> w.HTML:
    """A section heading; ``text`` is escaped."""
    return w.HTML(f"<h3>{esc(text)}</h3>")


class Ticking:
    """A widget with a :class:`~oneonone_kit.coach.trio.Ticker` that stops when the widget closes."""

    ticker: trio.Ticker

    def _make_ticker(self, callback: Callable[[], None], seconds: float, name: str) -> None:
        self._lock = threading.RLock()
        self.ticker = trio.Ticker(callback, seconds, name=name)

    def close(self) -> None:
        """Stop the timer thread, then close the widget."""
        self.ticker.stop()
        super().close()  # type: ignore[misc]
