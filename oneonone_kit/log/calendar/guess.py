"""Which calendar events look like one-on-ones, and with whom: guesses the learner confirms.

Reads who takes part in an event (organizer and attendees, not rooms or projectors), whose
calendar it is, and what the title says ("1:1 Anna", "Anna / Lea", "catch-up with Sam",
"één-op-één"). Works on the components icalendar parsed, without importing icalendar.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ...model import MAX_MINUTES, MAX_NAME


def event_title(comp: Any) -> str:
    """The event's title on one line."""
    return " ".join(str(comp.get("SUMMARY", "")).split())


# ---- who is in the meeting ---------------------------------------------------------------
@dataclass(frozen=True)
class _Person:
    key: str  # e-mail in lower case, else the name in lower case
    name: str  # display name, else the e-mail address


def _person(prop: Any) -> _Person | None:
    address = str(prop).strip()
    if address.lower().startswith("mailto:"):
        address = address[7:].strip()
    params = getattr(prop, "params", {}) or {}
    name = str(params.get("CN", "")).strip().strip('"').strip() or address
    if not name:
        return None
    return _Person((address or name).lower(), name)


def _attendees(comp: Any) -> list[_Person]:
    raw = comp.get("ATTENDEE")
    people: list[_Person] = []
    for prop in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        params = getattr(prop, "params", {}) or {}
        # Outlook books rooms and projectors as attendees: they are not people in the meeting.
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
            continue
        if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
            continue
        person = _person(prop)
        if person is not None and person.key not in {p.key for p in people}:
            people.append(person)
    return people


def _participants(comp: Any) -> tuple[_Person | None, list[_Person]]:
    """The organizer and everyone taking part (organizer included, once)."""
    organizer = _person(comp["ORGANIZER"]) if comp.get("ORGANIZER") is not None else None
    people = _attendees(comp)
    if organizer is not None and organizer.key not in {p.key for p in people}:
        people.insert(0, organizer)
    return organizer, people


def owner_key(calendars: list[Any], components: list[Any]) -> str | None:
    """Whose calendar this is: Google names it; otherwise the person in most events."""
    for cal in calendars:
        name = str(cal.get("X-WR-CALNAME", "")).strip().lower()
        if "@" in name and " " not in name:
            return name.removeprefix("mailto:")
    counts: Counter[str] = Counter()
    for comp in components:
        counts.update({p.key for p in _participants(comp)[1]})
    ranked = counts.most_common(2)
    if len(ranked) == 1 or (len(ranked) == 2 and ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def first_name(display: str) -> str:
    """A first name from a display name or e-mail: ``Anna de Vries``, ``de Vries, Anna``,
    ``anna.devries@example.com`` all give ``Anna``."""
    text = display.strip().strip('"').strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if "@" in text:
        local = text.split("@", 1)[0]
        word = re.split(r"[._+\-]", local)[0]
        text = word if word.isalpha() and len(word) > 1 else local
        return text.capitalize() if text.islower() else text
    if "," in text and text.split(",", 1)[1].strip():
        text = text.split(",", 1)[1]  # "de Vries, Anna", as Outlook often shows names
    words = text.split()
    if not words:
        return ""
    return (words[0].capitalize() if words[0].islower() else words[0])[:MAX_NAME]


# ---- is it a one-on-one? -----------------------------------------------------------------
_STRONG = re.compile(
    r"(?<![\w:./-])1\s?[:-]\s?1s?(?![\w:./-])"  # 1:1, 1-1, 1:1s
    r"|(?<!\w)1\s?on\s?1s?(?!\w)"  # 1on1, 1 on 1
    r"|\bone[\s-]*on[\s-]*ones?\b"  # one-on-one, one on one
    r"|\b[eé][eé]n[\s-]*op[\s-]*[eé][eé]n\b"  # één-op-één, een-op-een
    r"|(?<!\w)1\s?op\s?1(?!\w)"  # 1 op 1
    r"|(?<![\w.#/-])121s?(?![\w./-])",  # 121
    re.IGNORECASE,
)
_NAME = r"[^\W\d_][^\W\d_'’.\-]*"
_NAMES = rf"{_NAME}(?:\s+{_NAME}){{0,2}}"
_PAIR = re.compile(rf"^\s*{_NAMES}\s*(?:/|<>|<->)\s*{_NAMES}\s*$")  # "Anna / Lea", "Anna <> Lea"
_CATCH_UP = re.compile(rf"\bcatch[\s-]*up\s+(?:with|met)\s+({_NAMES})", re.IGNORECASE)
_CANCELLED_PREFIX = re.compile(
    r"^\s*(?:canceled|cancelled|geannuleerd|afgezegd)\s*:\s*", re.IGNORECASE
)
_FILLER = frozenset(
    "with met and en weekly biweekly bi monthly wekelijks tweewekelijks maandelijks sync "
    "check in checkin meeting gesprek overleg catch up catchup the de het een a my mijn our "
    "onze ons recurring call chat series serie update touch base".split()
)


def _name_from_title(title: str, owner_names: set[str]) -> str:
    match = _CATCH_UP.search(title)
    if match:
        return first_name(match.group(1))
    rest = _STRONG.sub(" ", title)
    names = []
    for part in re.split(r"\s*(?:/|<>|<->|\||&|\+|,|:|–|—|\s-\s|\(|\)|\[|\])\s*", rest):
        words = [w for w in re.findall(_NAME, part) if w.lower().strip(".-") not in _FILLER]
        if words:
            names.append(words[0].capitalize() if words[0].islower() else words[0])
    for name in names:
        if name.lower() not in owner_names:
            return name[:MAX_NAME]
    return names[0][:MAX_NAME] if names else ""


def judge(comp: Any, minutes: int, owner: str | None) -> tuple[bool, str, str, tuple[str, ...]]:
    """(likely one-on-one, guessed person, organizer name, attendee names) for one event."""
    organizer, people = _participants(comp)
    title = _CANCELLED_PREFIX.sub("", event_title(comp))
    strong = bool(_STRONG.search(title))
    weak = bool(_PAIR.match(title) or _CATCH_UP.search(title))
    pair = len(people) == 2
    # Weak title patterns ("Budget / Planning") count only when no group is invited.
    likely = minutes <= MAX_MINUTES and (strong or pair or (weak and len(people) <= 2))
    me = owner if owner in {p.key for p in people} else (organizer.key if organizer else None)
    guess = ""
    if pair:
        others = [p for p in people if p.key != me]
        if len(others) == 1:
            guess = first_name(others[0].name)
    if not guess and (strong or weak):
        mine = {first_name(p.name).lower() for p in people if p.key == me}
        guess = _name_from_title(title, mine)
    names = tuple(p.name for p in _attendees(comp))
    return likely, guess, organizer.name if organizer else "", names


def is_cancelled(comp: Any) -> bool:
    """True for STATUS:CANCELLED or a title such as "Cancelled: 1:1 Anna"."""
    status = str(comp.get("STATUS", "")).strip().upper()
    return status == "CANCELLED" or bool(_CANCELLED_PREFIX.match(event_title(comp)))
