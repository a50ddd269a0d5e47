"""Where the kit runs and where its data lives.

Everything here reads the process environment at call time (never at import), so tests and
notebooks can set ``ONEONONE_HOME``, ``ONEONONE_TODAY`` or ``ONEONONE_MODE`` before a call.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path
from urllib.parse import parse_qs

from .errors import KitError, Text
from .i18n import DEFAULT_LANG, LANGUAGES, choose_lang

APP_NAME = "oneonone"


class EnvironmentSettingError(KitError, ValueError):
    """An environment variable of ours holds a value we cannot use.

    ``expected`` is a catalogue key (``error.expected.*``) saying what would do, filled in
    with ``values``.
    """

    exit_code = 2  # the way the command was started is wrong, not the work it tried

    def __init__(self, variable: str, value: str, expected: str, **values: object):
        super().__init__(
            "error.bad_setting", variable=variable, value=value, expected=Text(expected, values)
        )
        self.variable = variable
        self.value = value


def is_voila() -> bool:
    """True inside a kernel started by Voila (it sets ``SERVER_SOFTWARE=voila/<version>``)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila/")


def is_jupyterhub() -> bool:
    """True on a JupyterHub single-user server (each user has their own home)."""
    return bool(os.environ.get("JUPYTERHUB_USER"))


def is_workshop() -> bool:
    """True when one shared server hosts a room: data then stays in each kernel's memory."""
    return os.environ.get("ONEONONE_MODE", "").strip().lower() == "workshop"


def runtime() -> str:
    """One word for where we run: ``workshop``, ``jupyterhub``, ``voila``, ``jupyter`` or ``script``."""
    if is_workshop():
        return "workshop"
    if is_jupyterhub():
        return "jupyterhub"
    if is_voila():
        return "voila"
    if "ipykernel" in sys.modules:
        return "jupyter"
    return "script"


def user_data_dir() -> Path:
    """The platform's per-user data folder for the app (no third-party dependency)."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_NAME


def data_dir(create: bool = True) -> Path:
    """The folder holding the learner's store: ``ONEONONE_HOME`` or the user data dir.

    The folder is created private to the user (0700) when missing.
    """
    override = os.environ.get("ONEONONE_HOME", "").strip()
    path = Path(override).expanduser() if override else user_data_dir()
    if create and not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)  # private from the first moment
        try:
            path.chmod(0o700)
        except OSError:  # e.g. a filesystem without POSIX permissions
            pass
    return path


def store_path() -> Path:
    """The SQLite file of the local store."""
    return data_dir() / "oneonone.sqlite3"


def today() -> _dt.date:
    """Today's date, or ``ONEONONE_TODAY`` (YYYY-MM-DD) for reproducible runs."""
    fixed = os.environ.get("ONEONONE_TODAY", "").strip()
    if not fixed:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(fixed)
    except ValueError:
        raise EnvironmentSettingError("ONEONONE_TODAY", fixed, "error.expected.date") from None


def query_params() -> dict[str, str]:
    """The page's query string in Voila (``?lang=nl``); empty elsewhere."""
    raw = os.environ.get("QUERY_STRING", "").lstrip("?")
    return {k: v[-1] for k, v in parse_qs(raw).items() if v}


def detect_lang() -> str:
    """The learner's language in a kernel: :func:`oneonone_kit.i18n.choose_lang` of ``?lang=``,
    the notebook folder and ``ONEONONE_LANG``.

    Notebooks live in notebooks/<lang>/ and kernels start in the notebook's folder, so the same
    code cell picks the right language in both trees. A bad ``?lang=`` raises
    UnknownLanguageError; a bad ONEONONE_LANG is passed over (a Voila started directly, not by
    ``oneonone app``, has nobody to refuse it to): the page shows ``i18n.setting_note``.
    """
    query = query_params().get("lang")
    return choose_lang(query=query, folder=Path.cwd().name, strict_setting=False)


__all__ = [
    "APP_NAME",
    "DEFAULT_LANG",
    "LANGUAGES",
    "EnvironmentSettingError",
    "data_dir",
    "detect_lang",
    "is_jupyterhub",
    "is_voila",
    "is_workshop",
    "query_params",
    "runtime",
    "store_path",
    "today",
    "user_data_dir",
]
