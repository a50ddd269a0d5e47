"""The web app's server side: how Voila serves the repository, and workshop mode.

The repository's ``config/voila.py`` calls :func:`configure`, so every Voila started with the
flags of :func:`config_flags` (``oneonone app``, the browser tests, a hand-made command)
serves the same app:

- The served root is the repository, so chapters (``notebooks/``) and exercises
  (``exercises/``) sit under one root; :func:`prelaunch_hook` refuses to render anything else.
- The ``oneonone`` Voila template (``share/jupyter/voila/templates/oneonone``) replaces the
  file tree with a redirect to the start page, ``notebooks/start.ipynb`` (query kept, so
  ``/?lang=nl`` opens the Dutch start page).
- Idle kernels are culled; in workshop mode more briskly, with a cap on open pages per room and
  per participant. Each browser gets a participant cookie signed by the server (a key made at
  start-up), whose id keys its store in memory (:mod:`oneonone_kit.web.workshop`); made-up
  cookies are replaced, and every per-kernel request must come from the kernel's owner
  (:mod:`oneonone_kit.web.guard`). Voila's own rule stays: a page never executes code sent by
  the browser.

Runs inside the Voila server process; tornado is imported only there.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from .. import env
from ..i18n import DEFAULT_LANG, UnknownLanguageError, choose_lang, setting_note, t
from . import ending, forks, room, workshop
from .room import RETRY_ARG, ROOM_ARG, ROOM_CODE_ENV

TEMPLATE = "oneonone"
CONFIG_DIR = "config"  # holds voila.py, next to nothing that Python would import
START_PAGE = "notebooks/start.ipynb"
SERVED_TREES = ("notebooks", "exercises")
STORES_PREFIX = "oneonone-workshop-"
RAM_DIR_ENV = "ONEONONE_RAM_DIR"
DEFAULT_RAM_DIR = "/dev/shm"
MAX_PAGES_ENV = "ONEONONE_WORKSHOP_MAX_PAGES"
# What a forked page kernel has imported before its page asks (web/forks.py): the pages' modules.
PAGE_MODULES = ("oneonone_kit.ui.*",)
DEFAULT_MAX_PAGES = 120  # about 100 MB per open page: roughly 12 GB for a full room
PARTICIPANT_PAGES_ENV = "ONEONONE_WORKSHOP_PARTICIPANT_PAGES"
DEFAULT_PARTICIPANT_PAGES = 12  # every chapter and a few exercises open at once
MEMORY_FILESYSTEMS = frozenset({"tmpfs", "ramfs"})
# The workshop server's kernel ownership (see oneonone_kit.web.guard), named for traitlets so
# that jupyter_server is imported by the server only.
GUARD_KERNEL_MANAGER = "oneonone_kit.web.guard.ParticipantKernelManager"
GUARD_IDENTITY_PROVIDER = "oneonone_kit.web.guard.ParticipantIdentityProvider"
# The workbook's one stylesheet (oneonone_kit/ui/oneonone.css), read as a file: the widgets put
# it on pages with code; the server puts it on text-only pages. The server never imports ui.
STYLESHEET = Path(__file__).resolve().parent.parent / "ui" / "oneonone.css"

# Idle kernels are shut down after cull_idle_timeout seconds, checked every cull_interval,
# even with the tab still open (cull_connected): a page opened by a direct link leaves no
# _xsrf cookie, so Voila cannot shut its kernel down when the tab closes.
CULLING: dict[str, dict[str, Any]] = {
    "local": {"cull_idle_timeout": 3600, "cull_interval": 300, "cull_connected": True},
    # A room fills memory fast; a culled page only needs a reload, since the data lives in the
    # participant's store, not in the page.
    "workshop": {"cull_idle_timeout": 2700, "cull_interval": 60, "cull_connected": True},
}


def config_flags(root: str | os.PathLike) -> list[str]:
    """The Voila flags that load the repository's configuration: ``voila.json`` at the root and
    ``config/voila.py`` (one flag per folder; traitlets reads "=[a, b]" as one literal string)."""
    root = Path(root)
    return [f"--Voila.config_file_paths={folder}" for folder in (root, root / CONFIG_DIR)]


def mode() -> str:
    """``workshop`` or ``local``: which column of :data:`CULLING` applies."""
    return "workshop" if env.is_workshop() else "local"


def _whole_number_setting(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise env.EnvironmentSettingError(name, raw, "error.expected.whole_number") from None
    if value < 1:
        raise env.EnvironmentSettingError(name, raw, "error.expected.positive_number")
    return value


def max_pages() -> int:
    """How many pages (kernels) a workshop server keeps open at once."""
    return _whole_number_setting(MAX_PAGES_ENV, DEFAULT_MAX_PAGES)


def max_participant_pages() -> int:
    """How many pages one participant may keep open at once on a workshop server."""
    return _whole_number_setting(PARTICIPANT_PAGES_ENV, DEFAULT_PARTICIPANT_PAGES)


_server_key: bytes | None = None


def server_key() -> bytes:
    """This server's key for signing participant cookies: made once per server process, kept
    in its memory only, so a restart makes every earlier cookie worthless."""
    global _server_key
    if _server_key is None:
        _server_key = workshop.new_server_key()
    return _server_key


# ---- configuration ------------------------------------------------------------------------
def configure(c: Any, root: str | os.PathLike) -> None:
    """Fill Voila's config object ``c`` for the repository at ``root`` (see the module doc)."""
    root = Path(root).resolve()
    share = root / "share" / "jupyter"
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(share) not in paths:
        # Voila looks for templates on the Jupyter path when it starts and on every request.
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(share), *paths])
    c.VoilaConfiguration.template = TEMPLATE
    from . import templates

    templates.install()  # each page's exporter reuses the compiled templates
    note = setting_note(DEFAULT_LANG)
    if note is not None:  # pages pass it over and say so; the server's log says it first
        print(note, file=sys.stderr, flush=True)
    compile_package()  # each page's kernel reads the package's bytecode instead of compiling it
    ending.install(page_lang)  # a page whose kernel dies at start ends instead of hanging
    c.VoilaConfiguration.prelaunch_hook = prelaunch_hook
    for name, value in CULLING[mode()].items():
        setattr(c.MappingKernelManager, name, value)
    if kernels_on_unix_sockets():
        c.KernelManager.transport = "ipc"
    if env.is_workshop():
        max_pages()  # a bad setting stops the server now, not at the first participant
        max_participant_pages()
        server_key()
        room.room_code()  # a bad code stops the server now
        # Kept in this process only: the kernels have no use for it.
        os.environ.pop(ROOM_CODE_ENV, None)
        made = room.room_code_to_announce()
        if made is not None:
            print(
                t("workshop.room.made", page_lang("", ""), code=made), file=sys.stderr, flush=True
            )
        # The Cookie header reaches the kernel manager as HTTP_COOKIE; the guard's manager
        # takes it out and gives the kernel only the verified participant id.
        c.VoilaConfiguration.http_header_envs = ["Cookie"]
        c.VoilaConfiguration.multi_kernel_manager_class = GUARD_KERNEL_MANAGER
        c.Voila.identity_provider_class = GUARD_IDENTITY_PROVIDER
        folder = make_stores_dir()
        if folder is not None:
            os.environ[workshop.STORES_ENV] = str(folder)
        else:
            os.environ.pop(workshop.STORES_ENV, None)


# Voila's private folder for kernel files (tempfile.mkdtemp(prefix="voila_") in its temp folder)
# and the longest socket a kernel makes there: "kernel-<36-character id>-ipc-5".
_IPC_SOCKET_CHARS = len("/voila_12345678/kernel-") + 36 + len("-ipc-5")
_UNIX_SOCKET_MAX = 100  # Linux allows 107 bytes, macOS 103: a margin below both


def kernels_on_unix_sockets() -> bool:
    """Whether a standalone Voila's kernels listen on Unix sockets in Voila's private folder
    (mode 0700) instead of TCP ports on 127.0.0.1. With ports, a room of 60 opening at once
    lost a page now and then: jupyter_client picks a free port, and before the kernel binds it
    the server's own connections to other kernels may take it ("Address already in use").
    Sockets cannot collide, and no other account on the machine can reach a kernel through
    them. Not on Windows, nor where the temp folder's path would make a socket's name too long
    (then ports, as before). A server extension (JupyterLab, JupyterHub) keeps its own."""
    import tempfile

    if os.name != "posix":
        return False
    return len(tempfile.gettempdir()) + _IPC_SOCKET_CHARS <= _UNIX_SOCKET_MAX


def compile_package(folder: str | os.PathLike | None = None) -> bool:
    """Write the bytecode of every module of this package (or of ``folder``) once, at start.

    Every page's kernel imports the kit afresh. Where Python may not write bytecode itself
    (``PYTHONDONTWRITEBYTECODE``, as on the machine of benchmarks/bench_room.py) or before the
    first kernel has written it (a room of 30 opening a fresh install at once), each kernel
    compiled the kit's modules again: about 0.15 to 0.3 CPU-s per page. Files already current
    are only checked. Returns False when a module could not be compiled or written (e.g. a
    read-only install, whose kernels then compile as before).
    """
    import compileall

    target = Path(folder) if folder is not None else Path(__file__).resolve().parent.parent
    try:
        return bool(compileall.compile_dir(target, quiet=2, workers=1))
    except OSError:
        return False


def is_memory_filesystem(path: Path, mounts: str | None = None) -> bool:
    """True when ``path`` lies on a memory file system (tmpfs, ramfs), per /proc/self/mounts.

    False when that cannot be told (no /proc, e.g. macOS): then we do not claim it.
    """
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text()
        except OSError:
            return False
    target = str(path.resolve())
    best, best_type = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type in MEMORY_FILESYSTEMS


def make_stores_dir(parent: str | os.PathLike | None = None) -> Path | None:
    """A fresh private folder (0700) for participant stores on a memory file system.

    Removed again when the server exits. None when no memory file system is available; the
    pages then keep data in their own kernels only.
    """
    base = Path(parent or os.environ.get(RAM_DIR_ENV, "").strip() or DEFAULT_RAM_DIR)
    if not base.is_dir() or not os.access(base, os.W_OK) or not is_memory_filesystem(base):
        return None
    remove_abandoned_stores(base)
    folder = Path(tempfile.mkdtemp(prefix=STORES_PREFIX, dir=base))  # mode 0700
    atexit.register(shutil.rmtree, folder, True)
    return folder


def remove_abandoned_stores(base: Path, now: float | None = None) -> int:
    """Remove our stores folders that a stopped (crashed) server left behind: every file in
    them untouched for longer than the workshop expiry. Returns how many were removed."""
    import time

    limit = workshop.max_age_hours() * 3600
    now = time.time() if now is None else now
    removed = 0
    for folder in base.glob(f"{STORES_PREFIX}*"):
        try:
            if folder.stat().st_uid != os.getuid() or not folder.is_dir():
                continue
            times = [p.stat().st_mtime for p in folder.iterdir()] or [folder.stat().st_mtime]
        except OSError:
            continue
        if now - max(times) > limit:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


# ---- per request (inside the Voila server) ---------------------------------------------------
def serves_repository(root: str | os.PathLike) -> bool:
    """True when the served root is this repository (then only its workbook trees are shown)."""
    root = Path(root)
    return (root / "oneonone_kit").is_dir() and (root / "notebooks").is_dir()


def allowed_notebook(cwd: str) -> bool:
    """True for a notebook folder inside ``notebooks/`` or ``exercises/``."""
    parts = PurePosixPath(cwd.replace(os.sep, "/")).parts
    return bool(parts) and parts[0] in SERVED_TREES and ".." not in parts


def page_lang(query: str, cwd: str) -> str:
    """The language of a page, decided as the kernel will (``choose_lang``): ``?lang=``, folder,
    ONEONONE_LANG. A bad ``?lang=`` raises UnknownLanguageError; a bad ONEONONE_LANG is passed
    over, as in the kernel, which shows the note."""
    asked = (parse_qs(query).get("lang") or [None])[-1]
    folder = PurePosixPath(cwd.replace(os.sep, "/")).name
    return choose_lang(query=asked, folder=folder, strict_setting=False)


def _with_arg(uri: str, name: str, value: str) -> str:
    """``uri`` (a path on this server) with one more query argument."""
    parts = urlsplit(uri)
    query = f"{parts.query}&{urlencode({name: value})}" if parts.query else urlencode({name: value})
    path = "/" + parts.path.lstrip("/")  # never "//host/...": the redirect stays on this server
    return urlunsplit(("", "", path, query, ""))


def request_participant(req: Any) -> str | None:
    """The participant of a request: the id in its cookie when this server signed it."""
    return workshop.participant_from_header(server_key(), req.request.headers.get("Cookie"))


def _ensure_participant(req: Any, lang: str) -> str:
    """The request's participant. A browser without a valid cookie (none, made up or stale:
    never adopted) is asked for the room code; with it, it gets a new signed cookie and is sent
    back to the page, the code taken out of the address."""
    from tornado.web import Finish, HTTPError

    participant = request_participant(req)
    if participant is not None:
        return participant
    given = req.get_query_argument(ROOM_ARG, None)
    if not room.room_code_matches(given):
        if req.get_query_argument(RETRY_ARG, None) is not None and given is None:
            # The browser refused the cookie: its page could not reach its own kernel.
            raise HTTPError(403, "%s", t("workshop.no_cookie", lang), reason="Cookie needed")
        # No per-address limit: a whole room may sit behind one address.
        req.set_status(403, "Room code needed")
        req.finish(room.room_form_html(lang, req.request.uri, wrong=given is not None))
        raise Finish()
    https = req.request.protocol == "https" or (
        req.request.headers.get("X-Forwarded-Proto", "").lower() == "https"
    )
    # A session cookie (no expiry): closing the browser ends the participant's session.
    req.set_cookie(
        workshop.COOKIE,
        workshop.sign_participant(server_key()),
        path=req.base_url,
        httponly=True,
        secure=https,
        samesite="Lax",
    )
    req.redirect(_with_arg(room.without_args(req.request.uri, ROOM_ARG, RETRY_ARG), RETRY_ARG, "1"))
    raise Finish()


def _check_room(req: Any, lang: str, participant: str) -> None:
    from tornado.web import HTTPError

    if len(req.kernel_manager.list_kernel_ids()) >= max_pages():
        # The reason goes into the status line (ASCII); the message is shown on the page.
        raise HTTPError(503, "%s", t("workshop.full", lang), reason="Workshop server is full")
    pages_of = getattr(req.kernel_manager, "pages_of", None)
    if pages_of is not None and pages_of(participant) >= max_participant_pages():
        raise HTTPError(
            429,
            "%s",
            t("workshop.too_many_pages", lang, count=max_participant_pages()),
            reason="Too many pages open",
        )


def prelaunch_hook(req: Any, notebook: Any, cwd: str) -> Any:
    """Voila calls this before it starts a page's kernel (``VoilaConfiguration.prelaunch_hook``).

    Refuses notebooks outside the workbook trees; puts the stylesheet on a page without code
    (:func:`with_stylesheet`); in workshop mode makes sure the browser has a
    participant cookie signed by this server, keeps the room and the participant under their
    page limits and puts the banner on top.
    """
    from tornado.web import HTTPError

    if serves_repository(req.contents_manager.root_dir) and not allowed_notebook(cwd):
        raise HTTPError(404)
    try:  # said here, on the page, before a kernel runs into it in every cell
        lang = page_lang(req.request.query, cwd)
    except UnknownLanguageError as error:
        raise HTTPError(400, "%s", error.message(DEFAULT_LANG), reason="Unknown language") from None
    if not any(cell.cell_type == "code" for cell in notebook.cells):
        with_stylesheet(notebook)
    # From now on page kernels are forked from one process that imported them (web/forks.py).
    forks.start(warm=PAGE_MODULES)
    if not env.is_workshop():
        return notebook
    participant = _ensure_participant(req, lang)
    _check_room(req, lang, participant)
    import nbformat

    where = "participant" if os.environ.get(workshop.STORES_ENV) else "page"
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(room.banner_html(lang, where)))
    return notebook


def stylesheet_cell_source() -> str:
    """A Markdown cell's source that is the workbook's stylesheet: one ``<style>`` block (an HTML
    block that Markdown passes on whole up to ``</style>``; blank lines dropped), marked
    ``oo-style`` like the widgets' copy, so the sheet's rules apply and the cell stays hidden."""
    css = "\n".join(line for line in STYLESHEET.read_text("utf-8").splitlines() if line.strip())
    return f'<style class="oo-style">\n{css}\n</style>'


def with_stylesheet(notebook: Any) -> Any:
    """Put the stylesheet first on a page without code cells (the pages made from docs/), which
    has no widget to bring it: the same reading column and type as the chapters."""
    import nbformat

    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(stylesheet_cell_source()))
    return notebook


__all__ = [
    "CULLING",
    "START_PAGE",
    "TEMPLATE",
    "allowed_notebook",
    "compile_package",
    "config_flags",
    "configure",
    "is_memory_filesystem",
    "make_stores_dir",
    "max_pages",
    "max_participant_pages",
    "page_lang",
    "prelaunch_hook",
    "remove_abandoned_stores",
    "request_participant",
    "server_key",
    "serves_repository",
    "stylesheet_cell_source",
    "with_stylesheet",
]
