"""The one gate for values that come from outside: files, forms, calendars, summaries, settings.

Strict by design: a value has the type it should have or it is refused (no silent coercion),
text is NFC-normalised and refused when it holds lone surrogates or nothing visible, numbers
are finite and bounded, uids have one shape, and JSON is parsed with a size and depth limit.
Every refusal is an :class:`Invalid` (a :class:`~oneonone_kit.errors.KitError`: key + values).
Ground floor: imports only :mod:`oneonone_kit.errors`.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
import unicodedata
from typing import Any

from .errors import KitError

MAX_FILE_BYTES = 50_000_000  # 100,000 meetings with notes fit; a larger "export" is not one
MAX_JSON_DEPTH = 32  # an export nests 4 deep (file, section, record, answers)
MAX_INT_DIGITS = 30
MAX_UID = 128
MAX_KEY = 200  # a setting's or an assessment answer's key
EARLIEST = _dt.datetime(2000, 1, 1)
FUTURE_DAYS = 366

UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@+-]*")
_INTEGER = re.compile(r"[+-]?[0-9]{1,12}(?:[.,]0{1,6})?")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,12}(?:[.,][0-9]{1,12})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?"
)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
# Letters that draw nothing although Unicode does not file them as spaces or format marks.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Me", "Zs", "Zl", "Zp"})


class Invalid(KitError):
    """A value from outside that the kit will not take; ``key`` + ``values`` say why."""


# ---- text -----------------------------------------------------------------------------------
def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds half of a UTF-16 pair (it cannot be stored or written out)."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character other than tab, line feed or return."""
    return any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text)


def is_invisible(text: str) -> bool:
    """True when ``text`` has characters but none that draws anything (e.g. only U+200B)."""
    return all(ch in _BLANK_LETTERS or unicodedata.category(ch) in _INVISIBLE for ch in text)


def text(value: Any, max_len: int, required: bool = False) -> str:
    """Clean text: a str, NFC, stripped, visible, at most ``max_len`` characters ("" when blank)."""
    if value is None:
        cleaned = ""
    elif not isinstance(value, str):
        raise Invalid("error.not_text", value=_show(value))
    elif has_lone_surrogate(value):
        raise Invalid("error.bad_characters")
    elif has_control(value):
        raise Invalid("error.control_characters")
    else:
        cleaned = unicodedata.normalize("NFC", value).strip()
    if cleaned and is_invisible(cleaned):
        raise Invalid("error.invisible")
    if required and not cleaned:
        raise Invalid("error.required")
    if len(cleaned) > max_len:
        raise Invalid("error.too_long", max=max_len, length=len(cleaned))
    return cleaned


def uid(value: Any) -> str | None:
    """A record's uid (letters, digits and ``._:@+-``, at most 128), or None when blank."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Invalid("error.not_text", value=_show(value))
    cleaned = value.strip()
    if not cleaned:
        return None
    if len(cleaned) > MAX_UID or not UID.fullmatch(cleaned):
        raise Invalid("error.bad_uid", max=MAX_UID)
    return cleaned


def key(value: Any) -> str:
    """A key of a mapping from a file (setting, answer item): short, clean text."""
    return text(value, MAX_KEY, required=True)


# ---- numbers --------------------------------------------------------------------------------
def integer(value: Any, low: int, high: int) -> int:
    """A whole number in ``low..high`` from an int, an integral float or plain digits."""
    if isinstance(value, bool):
        raise Invalid("error.not_a_number", value=_show(value))
    if isinstance(value, str):
        cleaned = value.strip()
        if not _INTEGER.fullmatch(cleaned):
            raise Invalid("error.not_a_number", value=_show(value))
        number: Any = int(cleaned.replace(",", ".").split(".")[0])
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    else:
        raise Invalid("error.not_a_number", value=_show(value))
    if not low <= number <= high:
        raise Invalid("error.out_of_range", low=low, high=high, value=_show(number))
    return number


def number(value: Any, low: float, high: float) -> float:
    """A finite number in ``low..high`` from an int, a float or decimal text (``,`` or ``.``)."""
    if isinstance(value, bool):
        raise Invalid("error.not_a_number", value=_show(value))
    if isinstance(value, str):
        cleaned = value.strip()
        if not _DECIMAL.fullmatch(cleaned):
            raise Invalid("error.not_a_number", value=_show(value))
        result = float(cleaned.replace(",", "."))
    elif isinstance(value, int | float):
        result = float(value)
    else:
        raise Invalid("error.not_a_number", value=_show(value))
    if not math.isfinite(result):
        raise Invalid("error.not_a_number", value=_show(value))
    if not low <= result <= high:
        raise Invalid("error.out_of_range", low=low, high=high, value=_show(value))
    return result


# ---- dates ----------------------------------------------------------------------------------
def iso_date_text(value: str) -> bool:
    """True for ``YYYY-MM-DD`` exactly (not ``2026-W01-1`` or ``20260101``)."""
    return bool(_DATE.fullmatch(value))


def moment(value: Any, today: _dt.date | None = None) -> _dt.datetime:
    """A naive date-time from a datetime, a date (midnight) or ISO text, 2000 to a year ahead."""
    if isinstance(value, _dt.datetime):
        found = value
    elif isinstance(value, _dt.date):
        found = _dt.datetime.combine(value, _dt.time())
    elif isinstance(value, str) and _MOMENT.fullmatch(value.strip()):
        try:
            found = _dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise Invalid("error.date_format", value=_show(value)) from None
    else:
        raise Invalid("error.date_format", value=_show(value))
    if found.tzinfo is not None:
        found = found.astimezone().replace(tzinfo=None)
    latest = _dt.datetime.combine(today or _dt.date.today(), _dt.time.max)
    latest += _dt.timedelta(days=FUTURE_DAYS)
    if found < EARLIEST:
        raise Invalid("error.date_too_old", earliest=EARLIEST.date().isoformat())
    if found > latest:
        raise Invalid("error.date_far_future", days=FUTURE_DAYS)
    return found


# ---- JSON -----------------------------------------------------------------------------------
def _refuse_constant(name: str) -> Any:
    raise Invalid("import.bad_number", value=name)


def _finite_float(text_: str) -> float:
    result = float(text_)
    if not math.isfinite(result):
        raise Invalid("import.bad_number", value=_show(text_))
    return result


def _short_int(text_: str) -> int:
    if len(text_.lstrip("-")) > MAX_INT_DIGITS:
        raise Invalid("import.bad_number", value=_show(text_))
    return int(text_)


def json_depth(text_: str) -> int:
    """How deep arrays and objects nest in JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text_)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_json(payload: bytes, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """JSON from UTF-8 bytes, refused (Invalid) when too big, too deep, not JSON or not finite."""
    if len(payload) > max_bytes:
        raise Invalid("import.too_big", max=max_bytes // 1_000_000 or 1)
    try:
        decoded = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid("import.not_utf8") from None
    if json_depth(decoded) > MAX_JSON_DEPTH:
        raise Invalid("import.too_deep", max=MAX_JSON_DEPTH)
    try:
        return json.loads(
            decoded,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
            parse_int=_short_int,
        )
    except json.JSONDecodeError as exc:
        raise Invalid("import.bad_json", line=exc.lineno, detail=exc.msg) from None
    except RecursionError:  # the depth check above should make this unreachable
        raise Invalid("import.too_deep", max=MAX_JSON_DEPTH) from None


def _show(value: Any) -> str:
    """A value as short, printable text for a message (never the whole of a huge value)."""
    shown = value if isinstance(value, str) else type(value).__name__
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = repr(value) if abs(value) < 10**12 else type(value).__name__
    shown = shown.encode("utf-8", "replace").decode("utf-8")
    return shown if len(shown) <= 40 else shown[:39] + "…"


__all__ = [
    "Invalid",
    "has_control",
    "has_lone_surrogate",
    "integer",
    "is_invisible",
    "iso_date_text",
    "key",
    "moment",
    "number",
    "parse_json",
    "text",
    "uid",
]
