"""The learner's session in this kernel: language, store, and change notifications.

A kernel serves one learner (JupyterLab, Voila and JupyterHub all start one kernel per notebook
page), so one store per kernel is right: the local file, or in workshop mode the participant's
store in the server's memory, shared by all of that participant's pages (:mod:`..workshop`).
"""

from __future__ import annotations

from collections.abc import Callable

from .. import env
from ..log.store import Store
from ..web import workshop

_state: dict[str, object] = {}
_listeners: list[Callable[[], None]] = []


def lang() -> str:
    """The language for this page (``?lang=``, notebook folder, ONEONONE_LANG, else en)."""
    return env.detect_lang()


def store() -> Store:
    """The store for this kernel, opened on first use.

    Raises CorruptStoreError / StoreError when the local file cannot be used; widgets catch it
    and show the message.
    """
    current = _state.get("store")
    if current is None:
        current = workshop.open_store() if env.is_workshop() else Store.open()
        _state["store"] = current
    return current  # type: ignore[return-value]


def reset() -> None:
    """Forget the open store and listeners (tests, or after the data file was replaced)."""
    current = _state.pop("store", None)
    if current is not None:
        current.close()  # type: ignore[attr-defined]
    _listeners.clear()


def on_change(callback: Callable[[], None]) -> None:
    """Call ``callback`` whenever a widget changes the store."""
    _listeners.append(callback)


def changed() -> None:
    """Tell every listener that the store changed; a failing listener does not stop the rest."""
    for callback in list(_listeners):
        try:
            callback()
        except Exception:  # noqa: BLE001 - one broken view must not block the others
            pass
