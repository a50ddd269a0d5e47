"""Workshop mode, kernel side: each participant's records in the server's memory, never on disk.

One Voila server hosts a whole room, and every notebook page runs in its own kernel. So that a
participant keeps their answers from one chapter to the next, the server gives each browser a
participant cookie: a random participant id and the server's signature of it (HMAC-SHA256 with
a key the server makes at start-up and never writes down; see :func:`sign_participant`). The
server only accepts ids it signed itself, records which participant started each kernel, and
refuses every per-kernel request from anyone else (:mod:`oneonone_kit.web.guard`). A kernel
receives only the verified id, in ``ONEONONE_PARTICIPANT``, never the cookie.

The id, hashed, names one SQLite file in a private folder on a memory file system
(``/dev/shm``), made by the server at start-up and removed when it stops. Nobody else can reach
the file: a participant's pages run no code of their choosing, and a kernel only ever opens
the file its own participant id points to.

Files nobody touched for ``ONEONONE_WORKSHOP_HOURS`` (default 12) are deleted by the next kernel
that opens a store. Without a participant or a memory folder, a page keeps its data in its own
kernel only (``Store.memory()``), and the data panel says so.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import time
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

from ..log.store import Store

COOKIE = "oneonone_participant"
PARTICIPANT_ENV = "ONEONONE_PARTICIPANT"  # set by the server for its kernels; not a user setting
STORES_ENV = "ONEONONE_WORKSHOP_STORES"  # set by the server for its kernels; not a user setting
HOURS_ENV = "ONEONONE_WORKSHOP_HOURS"
DEFAULT_HOURS = 12.0
_ID = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32), and an unpadded SHA-256
_SIDECARS = ("-wal", "-shm", "-journal")
_SIGNED = b"oneonone-participant:"  # what the key signs: this prefix and the id


def valid_participant(value: str | None) -> bool:
    """True for a value shaped like the participant ids the server hands out (43 URL-safe
    characters, 256 random bits)."""
    return bool(value) and _ID.fullmatch(value) is not None


def new_server_key() -> bytes:
    """A fresh key for signing participant ids: made when a server starts, kept in its memory."""
    return secrets.token_bytes(32)


def _signature(key: bytes, participant: str) -> str:
    mac = hmac.new(key, _SIGNED + participant.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def sign_participant(key: bytes, participant: str | None = None) -> str:
    """The cookie value for ``participant`` (a new random id when None): ``<id>.<signature>``."""
    participant = participant or secrets.token_urlsafe(32)
    if not valid_participant(participant):
        raise ValueError("a participant id is 43 URL-safe characters")
    return f"{participant}.{_signature(key, participant)}"


def verified_participant(key: bytes, value: str | None) -> str | None:
    """The participant id in a cookie value when ``key`` signed it; None for anything else
    (absent, malformed, or made up by the client)."""
    participant, dot, signature = (value or "").partition(".")
    if not (dot and valid_participant(participant) and _ID.fullmatch(signature)):
        return None
    if not hmac.compare_digest(signature, _signature(key, participant)):
        return None
    return participant


def cookie_from_header(header: str | None) -> str | None:
    """The raw participant cookie in a Cookie header (not yet verified), or None."""
    if not header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else None


def participant_from_header(key: bytes, header: str | None) -> str | None:
    """The verified participant id of a request's Cookie header, or None."""
    return verified_participant(key, cookie_from_header(header))


def log_name(participant: str | None) -> str:
    """How a participant appears in the server log: a short hash, never the id or cookie."""
    if participant is None:
        return "nobody"
    return "participant " + hashlib.sha256(participant.encode()).hexdigest()[:8]


def participant_secret() -> str | None:
    """This kernel's participant id, as the server verified it (``ONEONONE_PARTICIPANT``)."""
    value = os.environ.get(PARTICIPANT_ENV, "").strip()
    return value if valid_participant(value) else None


def stores_dir() -> Path | None:
    """The server's private folder in memory for participant stores, or None when it has none."""
    raw = os.environ.get(STORES_ENV, "").strip()
    if not raw:
        return None
    folder = Path(raw)
    try:
        info = folder.stat()
    except OSError:
        return None
    # Only a folder that is ours and closed to everyone else (0700) may hold the stores.
    if not folder.is_dir() or (info.st_mode & 0o077) or info.st_uid != os.getuid():
        return None
    return folder


def store_file(folder: Path, secret: str) -> Path:
    """The file of one participant: a hash of the secret, so the name never reveals the cookie."""
    digest = hashlib.sha256(f"oneonone-workshop:{secret}".encode()).hexdigest()[:40]
    return folder / f"{digest}.sqlite3"


def max_age_hours() -> float:
    """How long an untouched participant store is kept (``ONEONONE_WORKSHOP_HOURS``)."""
    raw = os.environ.get(HOURS_ENV, "").strip()
    try:
        hours = float(raw) if raw else DEFAULT_HOURS
    except ValueError:
        return DEFAULT_HOURS
    return hours if hours > 0 else DEFAULT_HOURS


def _last_touched(file: Path) -> float:
    times = [file.stat().st_mtime]
    for suffix in _SIDECARS:
        side = file.with_name(file.name + suffix)
        if side.exists():
            times.append(side.stat().st_mtime)
    return max(times)


def sweep(folder: Path, hours: float | None = None, now: float | None = None) -> int:
    """Delete participant stores untouched for ``hours``; returns how many were deleted."""
    limit = (hours if hours is not None else max_age_hours()) * 3600
    now = time.time() if now is None else now
    removed = 0
    for file in folder.glob("*.sqlite3"):
        try:
            if now - _last_touched(file) <= limit:
                continue
            for path in (file, *(file.with_name(file.name + s) for s in _SIDECARS)):
                path.unlink(missing_ok=True)
            removed += 1
        except OSError:  # another kernel removed it meanwhile
            continue
    return removed


def location() -> str:
    """Where this kernel keeps the learner's data: ``participant`` (shared by the participant's
    pages, in memory) or ``page`` (this page's kernel only)."""
    return "participant" if participant_secret() and stores_dir() else "page"


def open_store() -> Store:
    """The store for this kernel in workshop mode (see the module docstring)."""
    secret, folder = participant_secret(), stores_dir()
    if secret is None or folder is None:
        return Store.memory()
    sweep(folder)
    file = store_file(folder, secret)
    store = Store.open(file, backup=False)
    os.utime(file)  # opening counts as use, so an active participant is never swept
    return store
