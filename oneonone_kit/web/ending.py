"""Every page's response ends, even when its kernel dies at start.

Voila 0.5 renders a page in a task that feeds the response from a queue and sends a heartbeat
while it waits. When the page's kernel dies at start (it cannot bind its port, say, and
jupyter_client gives up after its restarts), that task fails with "Kernel died before replying
to kernel_info" and nobody reads the error: the response never ends and the browser (or a room
of them) waits for ever. :func:`install` wraps Voila's page generator so that such an error
ends the page instead: the kernel is stopped, and the page, already half sent, closes with
:func:`failed_page_html`, a short message in the page's language where the loading screen was.
The time it takes is bounded by nbclient's ``startup_timeout`` (60 s by default): a kernel
that dies is seen at once, one that never answers at that limit.

Runs inside the Voila server process (:func:`oneonone_kit.web.webapp.configure` calls
:func:`install`); Voila is imported only there.
"""

from __future__ import annotations

import html
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

from ..i18n import DEFAULT_LANG, UnknownLanguageError, t

FAILED_CLASS = "oo-page-failed"


def failed_page_html(lang: str) -> str:
    """What ends a page whose kernel could not start: the loading screen hidden, and in its
    place what happened and what to do, in ``lang``. Every text is escaped."""
    title = html.escape(t("webapp.page_failed.title", lang))
    text = html.escape(t("webapp.page_failed.text", lang))
    return (
        # The page may stop inside Voila's hidden cell container: show it, hide the loading screen.
        "<style>#loading { display: none !important; } "
        "#rendered_cells { display: block !important; }</style>\n"
        f'<div class="{FAILED_CLASS}" role="alert" lang="{html.escape(lang)}" '
        'style="font-family:sans-serif;color:#1a1a1a;max-width:36em;margin:3em auto;padding:0 1em">'
        f"<h1>{title}</h1><p>{text}</p></div>\n</body>\n</html>\n"
    )


def _lang_of(renderer: Any, page_lang: Callable[[str, str], str]) -> str:
    try:
        query = renderer.request_handler.request.query
        return page_lang(query, os.path.dirname(renderer.notebook_path))
    except (UnknownLanguageError, AttributeError):
        return DEFAULT_LANG


async def _stop_kernel(renderer: Any, kernel_id: str | None) -> None:
    """Stop the dead page's kernel now, so jupyter_client stops restarting it and the page
    no longer counts against the room's limits. Gone already: nothing to do."""
    manager = getattr(getattr(renderer, "request_handler", None), "kernel_manager", None)
    if manager is None or kernel_id is None or kernel_id not in manager:
        return
    try:
        await manager.shutdown_kernel(kernel_id, now=True)
    except Exception:  # noqa: BLE001 - a kernel that is gone or going: the page ends anyway
        renderer.log.warning("Could not stop the kernel of a page that failed to start")


async def ending(
    renderer: Any,
    snippets: AsyncIterator[tuple[str, Any]],
    kernel_id: str | None,
    page_lang: Callable[[str, str], str],
) -> AsyncIterator[tuple[str, Any]]:
    """Voila's ``(html, resources)`` snippets of one page, then, if they fail, the end of the
    page (:func:`failed_page_html`) instead of a response that never ends."""
    resources = None
    try:
        async for snippet, resources in snippets:
            yield snippet, resources
    except Exception:  # noqa: BLE001 - whatever went wrong, the response must end
        renderer.log.exception("The page %s could not be rendered", renderer.notebook_path)
        await _stop_kernel(renderer, kernel_id)
        yield failed_page_html(_lang_of(renderer, page_lang)), resources


def install(page_lang: Callable[[str, str], str]) -> None:
    """Make every Voila page of this process end (see the module doc). ``page_lang(query,
    folder)`` decides the message's language, as the page's own hook does."""
    from voila.notebook_renderer import NotebookRenderer

    generate = NotebookRenderer.generate_content_generator
    if getattr(generate, "always_ends", False):
        return

    def generate_and_end(self: Any, kernel_id: str | None = None, kernel_future: Any = None):
        return ending(self, generate(self, kernel_id, kernel_future), kernel_id, page_lang)

    generate_and_end.always_ends = True  # type: ignore[attr-defined]
    NotebookRenderer.generate_content_generator = generate_and_end


__all__ = ["FAILED_CLASS", "ending", "failed_page_html", "install"]
