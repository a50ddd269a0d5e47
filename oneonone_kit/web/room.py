"""Workshop mode, what a participant meets: the room code at the door, the banner on every page.

- **The room code.** A workshop server admits new participants only with the room's code: the
  facilitator sets it (``oneonone app --workshop --room-code ...`` or ``ONEONONE_ROOM_CODE``),
  or the server makes one at start and prints it, for the slide (:func:`room_code`). A browser
  without a valid participant cookie gets :func:`room_form_html`, a small server-rendered form
  in the page's language; the code may also come in the address (``/?room=K7QX-M4TW``).
  There is no limit per client address: a whole room may sit behind one.
- **The banner** (:func:`banner_html`): where the data lives, and, folded in, what happens
  after the workshop: when the data expires and how to keep it (:func:`after_workshop_html`).

Runs inside the Voila server process (:mod:`oneonone_kit.web.webapp` calls it); no tornado here.
"""

from __future__ import annotations

import hmac
import html
import os
import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import env
from ..i18n import t
from . import workshop

RETRY_ARG = "oo_cookie"  # marks the second try, so a browser that refuses cookies never loops
ROOM_CODE_ENV = "ONEONONE_ROOM_CODE"
ROOM_ARG = "room"  # the query argument (and form field) that carries the room code
ROOM_CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L: read off a slide
ROOM_CODE_LENGTH = 8  # 31**8, about 8.5e11 codes: no guessing it during a workshop
MIN_ROOM_CODE = 6  # a facilitator's own code, counted without spaces and dashes
WORKBOOK_URL_ENV = "ONEONONE_WORKBOOK_URL"  # where participants get the workbook at home


_room_code: str | None = None
_room_code_made = False


def normal_room_code(text: str) -> str:
    """A room code as compared: capitals, without spaces and dashes (``abcd-2345`` = ``ABCD2345``)."""
    return "".join(ch for ch in text.upper() if not ch.isspace() and ch != "-")


def new_room_code() -> str:
    """A fresh room code that reads well on a slide, e.g. ``K7QX-M4TW``."""
    code = "".join(secrets.choice(ROOM_CODE_LETTERS) for _ in range(ROOM_CODE_LENGTH))
    return f"{code[:4]}-{code[4:]}"


def check_room_code(raw: str) -> str:
    """``raw`` when it can serve as a room code, else an :class:`env.EnvironmentSettingError`."""
    if len(normal_room_code(raw)) < MIN_ROOM_CODE or not raw.isprintable():
        raise env.EnvironmentSettingError(
            ROOM_CODE_ENV, raw, "error.expected.room_code", min=MIN_ROOM_CODE
        )
    return raw.strip()


def room_code() -> str:
    """This workshop server's room code: ``ONEONONE_ROOM_CODE`` when the facilitator set it,
    else one made once per server process (:func:`configure` prints it, for the slide)."""
    global _room_code, _room_code_made
    if _room_code is None:
        raw = os.environ.get(ROOM_CODE_ENV, "").strip()
        _room_code_made = not raw
        _room_code = check_room_code(raw) if raw else new_room_code()
    return _room_code


def room_code_matches(given: str | None) -> bool:
    """True when ``given`` is this room's code (any case, spaces and dashes ignored)."""
    if not given:
        return False
    return hmac.compare_digest(
        normal_room_code(given).encode("utf-8"), normal_room_code(room_code()).encode("utf-8")
    )


# The banner, and when the data expires, for each place a workshop server keeps data
# (workshop.location()); keys written out in full.
BANNER_KEY = {"participant": "workshop.banner.participant", "page": "workshop.banner.page"}
EXPIRES_KEY = {
    "participant": "workshop.after.expires.participant",
    "page": "workshop.after.expires.page",
}


def banner_html(lang: str, where: str) -> str:
    """The workshop banner on top of every page: where the data lives, and what to do."""
    text = t(BANNER_KEY[where], lang, hours=_hours_text(lang), count=workshop.max_age_hours())
    return (
        '<div class="oo-workshop-banner" role="note" style="background:#fff4cc;'
        'border-left:4px solid #b58900;padding:8px 12px;margin:0 0 8px 0;color:#1a1a1a">'
        f"<strong>{t('workshop.banner.title', lang)}</strong> {text}"
        f"{after_workshop_html(lang, where)}</div>"
    )


def after_workshop_html(lang: str, where: str) -> str:
    """ "After the workshop", folded into the banner: when the participant's data expires, and how
    to keep it (the workbook file, then at home or on their organisation's JupyterHub)."""
    address = os.environ.get(WORKBOOK_URL_ENV, "").strip() or t("workshop.after.address", lang)
    steps = [
        t(EXPIRES_KEY[where], lang, hours=_hours_text(lang), count=workshop.max_age_hours()),
        t(
            "workshop.after.download",
            lang,
            data=t("start.data", lang),
            export=t("workshop.data.export", lang),
        ),
        t(
            "workshop.after.home",
            lang,
            clone=f"<code>git clone {html.escape(address)} oneonone</code>",
            app="<code>make -C oneonone app</code>",
            resume=t("workshop.data.import_heading", lang),
        ),
        t("workshop.after.hub", lang),
    ]
    items = "".join(f"<li>{step}</li>" for step in steps)
    return (
        '<details class="oo-workshop-after" style="margin-top:6px">'
        f"<summary>{t('workshop.after.title', lang)}</summary>"
        f'<ol style="margin:4px 0 0 0">{items}</ol></details>'
    )


def _hours_text(lang: str) -> str:
    hours = workshop.max_age_hours()
    return (
        str(int(hours))
        if hours == int(hours)
        else str(hours).replace(".", "," if lang == "nl" else ".")
    )


def without_args(uri: str, *names: str) -> str:
    """``uri`` without the query arguments ``names`` (so the room code leaves the address)."""
    parts = urlsplit(uri)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in names]
    return urlunsplit(("", "", parts.path, urlencode(kept), ""))


def room_form_html(lang: str, uri: str, wrong: bool) -> str:
    """The small page that asks a new participant for the room code, in the page's language.

    A GET form to the same page: its other query arguments (e.g. ``lang``) go along as hidden
    fields; a login token and the retry mark do not. Every value is escaped.
    """
    parts = urlsplit(uri)
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in (ROOM_ARG, RETRY_ARG, "token")
    )
    title = html.escape(t("workshop.room.title", lang))
    wrong_text = (
        f'<p class="oo-room-wrong" role="alert">{html.escape(t("workshop.room.wrong", lang))}</p>'
        if wrong
        else ""
    )
    action = html.escape("/" + parts.path.lstrip("/"))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'  # no /favicon.ico request (a 404 in the console)
        f"<title>{title}</title></head>"
        '<body style="font-family:sans-serif;color:#1a1a1a;max-width:36em;margin:3em auto;'
        'padding:0 1em"><main>'
        f"<h1>{title}</h1><p>{html.escape(t('workshop.room.prompt', lang))}</p>{wrong_text}"
        f'<form class="oo-room-form" method="get" action="{action}">{hidden}'
        f'<label for="oo-room-code">{html.escape(t("workshop.room.label", lang))}</label> '
        f'<input id="oo-room-code" name="{ROOM_ARG}" type="text" autocomplete="off" '
        'autocapitalize="characters" spellcheck="false" required autofocus> '
        f'<button type="submit">{html.escape(t("workshop.room.submit", lang))}</button>'
        "</form></main></body></html>\n"
    )


def room_code_to_announce() -> str | None:
    """The room code when this server made it itself and has not said it yet, else None:
    a made-up code is printed once at start, for the slide."""
    global _room_code_made
    code = room_code()
    if not _room_code_made:
        return None
    _room_code_made = False
    return code


__all__ = [
    "RETRY_ARG",
    "ROOM_ARG",
    "ROOM_CODE_ENV",
    "after_workshop_html",
    "banner_html",
    "check_room_code",
    "new_room_code",
    "normal_room_code",
    "room_code",
    "room_code_matches",
    "room_code_to_announce",
    "room_form_html",
    "without_args",
]
