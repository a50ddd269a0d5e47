"""Workshop mode, server side: every kernel belongs to the participant who opened its page.

Two classes that ``config/voila.py`` hands to Voila on a workshop server (see
:func:`oneonone_kit.web.webapp.configure`):

- :class:`ParticipantKernelManager` starts each page's kernel for the participant whose signed
  cookie came with the request, records that owner, and gives the kernel only the verified
  participant id (``ONEONONE_PARTICIPANT``), never the Cookie header. A page that is left or
  culled has its kernel stopped at once, not asked to exit.
- :class:`ParticipantIdentityProvider` runs first in every Jupyter request handler. A request
  to a per-kernel URL (:data:`KERNEL_PATHS`: the channels websocket, the kernel model and its
  DELETE, Voila's shutdown and, when switched on, its execution and query sockets) is refused
  with 403 unless its cookie names the kernel's owner. No cookie, a made-up cookie or another
  participant's cookie: refused, and logged without any secret.

The check sits in the identity provider because that is the one hook Voila 0.5 runs for all of
these handlers: its shutdown handler only asks "is there a user", never the authorizer.

Runs inside the Voila server process only; it imports jupyter_server and tornado.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from jupyter_server.auth.identity import PasswordIdentityProvider
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import HTTPError

from . import webapp, workshop

# Every URL that acts on one kernel, after the base URL; the kernel id is the next segment.
KERNEL_PATHS = ("api/kernels/", "voila/api/shutdown/", "voila/execution/", "voila/query/")
_COOKIE_ENV = "HTTP_COOKIE"  # how Voila hands the request's Cookie header to a kernel


def kernel_in_path(path: str, base_url: str = "/") -> str | None:
    """The kernel a request path acts on (decoded), or None when it names no kernel.

    A path under a per-kernel prefix always names one, even an empty or odd one, so that an
    unexpected spelling is refused rather than let through.
    """
    base = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    if not path.startswith(base):
        return None
    rest = path[len(base) :]
    for prefix in KERNEL_PATHS:
        if rest.startswith(prefix):
            return unquote(rest[len(prefix) :].split("/", 1)[0])
    return None


def owner_check(owners: dict[str, str | None], kernel_id: str, participant: str | None) -> bool:
    """True when ``participant`` (verified) owns ``kernel_id``; a kernel without an owner and a
    request without a participant never match."""
    owner = owners.get(kernel_id)
    return participant is not None and owner is not None and owner == participant


class ParticipantKernelManager(AsyncMappingKernelManager):
    """Voila's kernel manager, plus the owner of every kernel it starts."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.owners: dict[str, str | None] = {}

    async def start_kernel(self, *, kernel_id=None, path=None, **kwargs: Any) -> str:  # type: ignore[override]
        env = dict(kwargs.get("env") or {})
        participant = workshop.participant_from_header(
            webapp.server_key(), env.pop(_COOKIE_ENV, None)
        )
        env.pop(workshop.PARTICIPANT_ENV, None)
        if participant is not None:
            env[workshop.PARTICIPANT_ENV] = participant
        kwargs["env"] = env
        kernel_id = await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        self.owners[kernel_id] = participant
        return kernel_id

    async def shutdown_kernel(
        self, kernel_id: str, now: bool = False, restart: bool = False
    ) -> Any:  # type: ignore[override]
        # A workshop page holds nothing to save (the participant's store commits every change),
        # so its kernel is stopped at once: a polite exit costs ~0.2 CPU-s per page (bench_room).
        return await super().shutdown_kernel(kernel_id, now=now or not restart, restart=restart)

    def remove_kernel(self, kernel_id: str) -> Any:
        # Called on every shutdown, cull and death: the owner goes with the kernel.
        self.owners.pop(kernel_id, None)
        return super().remove_kernel(kernel_id)

    def pages_of(self, participant: str) -> int:
        """How many open pages (kernels) ``participant`` has."""
        return sum(1 for owner in self.owners.values() if owner == participant)


class ParticipantIdentityProvider(PasswordIdentityProvider):
    """Voila's identity provider (token login as before), plus kernel ownership."""

    def get_user(self, handler: Any) -> Any:
        kernel_id = kernel_in_path(handler.request.path, handler.base_url)
        if kernel_id is not None:
            refuse_unless_owner(handler, kernel_id)
        return super().get_user(handler)


def refuse_unless_owner(handler: Any, kernel_id: str) -> None:
    """Raise 403 unless the request's participant owns ``kernel_id``; log the refusal."""
    participant = workshop.participant_from_header(
        webapp.server_key(), handler.request.headers.get("Cookie")
    )
    owners = getattr(handler.kernel_manager, "owners", None)
    if owners is not None and owner_check(owners, kernel_id, participant):
        return
    raw = workshop.cookie_from_header(handler.request.headers.get("Cookie"))
    who = workshop.log_name(participant) if participant or raw is None else "a forged cookie"
    # The path only: a query string may carry a login token.
    handler.log.warning(
        "Refused %s %s: %s does not own this kernel",
        handler.request.method,
        _printable(handler.request.path),
        who,
    )
    # As jupyter_server does for a refused host: the error page then renders without a user.
    handler.current_user = handler._jupyter_current_user = None
    raise HTTPError(403)


def _printable(text: str) -> str:
    return re.sub(r"[^\x21-\x7e]", "?", text)[:200]


__all__ = [
    "KERNEL_PATHS",
    "ParticipantIdentityProvider",
    "ParticipantKernelManager",
    "kernel_in_path",
    "owner_check",
    "refuse_unless_owner",
]
