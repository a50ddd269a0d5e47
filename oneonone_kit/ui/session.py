"""The learner's session in this kernel: language, store, and change notifications.

A kernel serves one learner (JupyterLab, Voila and JupyterHub all start one kernel per notebook
page), so one store per kernel is right: the local file, or in workshop mode the participant's
store in the server's memory, shared by all of that participant's pages (:mod:`..workshop`).

Change notifications are a trait, the ipywidgets way: :class:`Session` has a ``revision``
counter that :func:`changed` bumps, and each subscriber observes it. A widget that subscribes is
unsubscribed when it closes, so closed forms stop refreshing and can be garbage-collected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import traitlets

from .. import env
from ..errors import KitError
from ..i18n import setting_note
from ..log.store import Store
from ..web import workshop
from .common import Message, safe_callback

log = logging.getLogger(__name__)
Listener = Callable[[], None]


class ListenerError(KitError, RuntimeError):
    """A listener without a message area failed; ``errors`` holds every such failure.

    The action that called :func:`changed` did its work; ``message(lang)`` says so, and that
    the page is partly out of date (:func:`~.common.safe_callback` shows it).
    """

    def __init__(self, errors: list[Exception]):
        first = errors[0]
        if isinstance(first, KitError):  # its own words, in the learner's language
            super().__init__("session.listener_failed_because", detail=first)
        else:  # Python's text is for the log (__str__), never for the page
            super().__init__("session.listener_failed")
        self.errors = errors
        self.__cause__ = errors[0]

    def __str__(self) -> str:  # for the log, not the learner
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        return f"a change listener failed: {self.errors[0]!r}{more}"


class Session(traitlets.HasTraits):
    """The open store and who wants to hear when it changes.

    Subscribe with :meth:`subscribe`; the callback runs after every :meth:`changed`. When
    the callback belongs to a widget (``owner``, or the widget of a bound method), the
    subscription ends when that widget closes.

    A failing listener never stops the others, and it is never silent:

    - when its widget has a ``message`` area (a :class:`~.common.Message`), the error shows
      there, as for any widget callback (:func:`~.common.safe_callback`, which also keeps it
      on ``widget.last_error`` for tests);
    - otherwise it is logged, and :meth:`changed` raises :class:`ListenerError` once every
      listener has run, so the widget whose action called ``changed()`` shows it in turn.
    """

    revision = traitlets.Int(0, help="Bumped by changed(); subscribers observe it.")

    def __init__(self) -> None:
        super().__init__()
        self._store: Store | None = None
        self._handlers: dict[Listener, Callable[[Any], None]] = {}
        self._failures: list[Exception] = []
        self.lang_noted = False  # the note on an unusable ONEONONE_LANG is shown once a kernel

    def store(self) -> Store:
        """The store, opened on first use (see the module function :func:`store`)."""
        if self._store is None:
            self._store = workshop.open_store() if env.is_workshop() else Store.open()
        return self._store

    @property
    def listeners(self) -> int:
        """How many callbacks are subscribed now."""
        return len(self._handlers)

    def subscribe(self, callback: Listener, owner: w.Widget | None = None) -> Listener:
        """Call ``callback()`` after every change; return a function that unsubscribes.

        ``owner`` is the widget the callback belongs to; for a bound method of a widget it is
        found by itself. Subscribing the same callback again replaces the first subscription.
        """
        if owner is None and isinstance(getattr(callback, "__self__", None), w.Widget):
            owner = callback.__self__
        self.unsubscribe(callback)
        shows_errors = owner is not None and hasattr(owner, "message")

        def handler(_change: Any) -> None:
            if shows_errors:
                safe_callback()(lambda _owner: callback())(owner)
                return
            try:
                callback()
            except Exception as exc:  # noqa: BLE001 - raised again by changed()
                log.exception("a change listener failed: %r", callback)
                self._failures.append(exc)

        self.observe(handler, names="revision")
        self._handlers[callback] = handler
        if owner is not None:

            def closed(change: dict) -> None:
                if change["new"] is None:  # Widget.close() drops the comm
                    self.unsubscribe(callback)
                    owner.unobserve(closed, names="comm")

            owner.observe(closed, names="comm")
        return lambda: self.unsubscribe(callback)

    def unsubscribe(self, callback: Listener) -> None:
        """Stop calling ``callback`` (nothing happens when it was not subscribed)."""
        handler = self._handlers.pop(callback, None)
        if handler is not None:
            self.unobserve(handler, names="revision")

    def changed(self) -> None:
        """Tell every listener that the store changed.

        Raises :class:`ListenerError` after all listeners ran when some without a message
        area failed.
        """
        outer, self._failures = self._failures, []  # a listener may call changed() itself
        try:
            self.revision += 1
        finally:
            failures, self._failures = self._failures, outer
        if failures:
            raise ListenerError(failures)

    def close(self) -> None:
        """Close the store and drop every subscription."""
        for callback in list(self._handlers):
            self.unsubscribe(callback)
        if self._store is not None:
            self._store.close()
            self._store = None


_current = Session()


def current() -> Session:
    """The session of this kernel."""
    return _current


def lang() -> str:
    """The language for this page (``?lang=``, notebook folder, ONEONONE_LANG, else en).

    An unusable ONEONONE_LANG is passed over; the first call of a kernel shows why, once.
    """
    code = env.detect_lang()
    if not _current.lang_noted:
        note = setting_note(code)
        if note is not None:
            _current.lang_noted = True
            from IPython.display import display

            display(lang_note(note))
    return code


def lang_note(text: str) -> Message:
    """The note that ONEONONE_LANG was passed over, as the page shows it (amber, escaped)."""
    note = Message("oo-lang-note")
    note.show_warn(text)
    return note


def store() -> Store:
    """The store for this kernel, opened on first use.

    Raises CorruptStoreError / StoreError when the local file cannot be used; widgets catch it
    and show the message.
    """
    return _current.store()


def reset() -> None:
    """Forget the open store and listeners (tests, or after the data file was replaced)."""
    global _current
    _current.close()
    _current = Session()


def on_change(callback: Listener, owner: w.Widget | None = None) -> Listener:
    """Call ``callback`` whenever a widget changes the store, until its widget closes.

    Returns a function that unsubscribes (see :meth:`Session.subscribe`).
    """
    return _current.subscribe(callback, owner)


def changed() -> None:
    """Tell every listener that the store changed (see :meth:`Session.changed`)."""
    _current.changed()
