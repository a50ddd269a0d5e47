"""The records of the workbook and their validation.

Every record is a frozen dataclass whose fields carry their spec (:mod:`.fieldspec`): the form,
CSV, SQL and CLI derive from it. ``Meeting.create(...)`` (and friends) take loosely typed
input (strings from a form, CSV cell or CLI flag), validate all fields at once, and raise
:class:`RecordError` listing every problem as a :class:`FieldProblem` (field + message key +
values), so a form can show each message next to its field in the learner's language.

Long on purpose, for now: the value checker (``_Checker``, ``parse_date``) is the next part to
move into a ground-floor module of its own, once the stricter import validation of issue 11 and
the error base of issue 10 (both editing it in parallel) have landed.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from typing import Any

from . import validate
from .errors import KitError, field_label
from .fieldspec import RecordBase, names, spec
from .i18n import t

NEEDS = ("guidance", "priorities", "context", "growth", "feedback", "relationship", "support")
STATUSES = ("held", "rescheduled", "cancelled")
AGENDA_OWNERS = ("employee", "shared", "leader")
COMMITMENT_OWNERS = ("employee", "leader", "both")
VERDICTS = ("keep", "adjust", "stop")
EXPERIMENT_METRICS = (
    "talk_share",
    "agenda_ownership",
    "cadence",
    "follow_through",
    "needs_rotation",
    "employee_rating",
    "leader_rating",
)
MAX_MINUTES = 480
MAX_NOTES = 10_000
MAX_NAME = 80
MAX_TEXT = 2_000
RATING_RANGE = (1, 5)
MAX_ANSWERS = 200  # the longest self-assessment has a few dozen items
MAX_BASELINE = 1_000  # every experiment metric is a share, a rate or a count far below this
EARLIEST_DATE = _dt.date(2000, 1, 1)
FUTURE_DAYS = 366  # planning ahead is fine; a date years away is a typo


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field: ``t(key, lang, **values)`` says it in words."""

    field: str
    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.values)


class RecordError(KitError, ValueError):
    """A record could not be built; ``problems`` lists every field that is wrong."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = list(problems)
        super().__init__("error.record_refused")

    def __str__(self) -> str:
        return "; ".join(f"{p.field}: {p.message('en')}" for p in self.problems)

    def by_field(self) -> dict[str, FieldProblem]:
        """The first problem per field, for showing next to each input."""
        out: dict[str, FieldProblem] = {}
        for problem in self.problems:
            out.setdefault(problem.field, problem)
        return out

    def messages(self, lang: str | None = None) -> list[str]:
        return [p.message(lang) for p in self.problems]

    def details(self, lang: str | None = None) -> list[str]:
        """``Date: ...`` for each problem, the field named as the form labels it."""
        return [
            t(
                "error.field_problem",
                lang,
                label=field_label(p.field, lang),
                message=p.message(lang),
            )
            for p in self.problems
        ]


class _Checker:
    """Collects problems while converting raw values, so one call reports them all."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def fail(self, name: str, key: str, **values: Any) -> None:
        self.problems.append(FieldProblem(name, key, values))

    def done(self) -> None:
        if self.problems:
            raise RecordError(self.problems)

    def checked(self, name: str, check: Any, *args: Any, default: Any = None) -> Any:
        """``check(*args)`` from :mod:`validate`, its refusal noted as a problem of ``name``."""
        try:
            return check(*args)
        except validate.Invalid as refused:
            self.fail(name, refused.key, **refused.values)
            return default

    def uid(self, name: str, value: Any) -> str | None:
        return self.checked(name, validate.uid, value)

    @staticmethod
    def _blank(value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def date(
        self, name: str, value: Any, today: _dt.date | None, required: bool = True
    ) -> _dt.date | None:
        if self._blank(value):
            if required:
                self.fail(name, "error.required")
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.fail(name, "error.date_format", value=str(value))
            return None
        if parsed < EARLIEST_DATE:
            self.fail(name, "error.date_too_old", earliest=EARLIEST_DATE.isoformat())
            return None
        if today is not None and parsed > today + _dt.timedelta(days=FUTURE_DAYS):
            self.fail(name, "error.date_far_future", days=FUTURE_DAYS)
            return None
        return parsed

    def text(self, name: str, value: Any, max_len: int, required: bool) -> str:
        return self.checked(name, validate.text, value, max_len, required, default="")

    def integer(
        self, name: str, value: Any, low: int, high: int, required: bool = False
    ) -> int | None:
        if self._blank(value):
            if required:
                self.fail(name, "error.required")
            return None
        return self.checked(name, validate.integer, value, low, high)

    def choice(self, name: str, value: Any, options: tuple[str, ...], required: bool = True):
        if self._blank(value):
            if required:
                self.fail(name, "error.required")
            return None
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in options:
            self.fail(name, "error.unknown_choice", value=str(value), options=", ".join(options))
            return None
        return text

    def needs(self, name: str, value: Any) -> tuple[str, ...]:
        if self._blank(value):
            return ()
        if isinstance(value, str):
            items = value.replace(",", ";").split(";")
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = list(value)
        else:  # e.g. a number in a hand-edited JSON file: a problem to show, not a crash
            self.fail(name, "error.unknown_need", value=str(value), options=", ".join(NEEDS))
            return ()
        if not all(isinstance(i, str) for i in items):
            self.fail(name, "error.unknown_need", value=str(items)[:40], options=", ".join(NEEDS))
            return ()
        cleaned = [i.strip().lower() for i in items if i.strip()]
        unknown = [i for i in cleaned if i not in NEEDS]
        if unknown:
            self.fail(
                name, "error.unknown_need", value=", ".join(unknown), options=", ".join(NEEDS)
            )
            return ()
        return tuple(n for n in NEEDS if n in cleaned)  # canonical order, no duplicates

    def timestamp(self, name: str, value: Any) -> _dt.datetime:
        """A moment from a datetime, a date (midnight) or ISO text; blank means now."""
        now = _dt.datetime.now().replace(microsecond=0)
        if self._blank(value):
            return now
        # e.g. a number, year 1 or "2026-W01-1" in a hand-edited JSON file: say so, store nothing
        return self.checked(name, validate.moment, value, default=now)

    def flag(self, name: str, value: Any) -> bool | None:
        if self._blank(value):
            return None
        if isinstance(value, bool):
            return value
        if not isinstance(value, str):  # a number or a list in a hand-edited file: never guessed
            self.fail(name, "error.not_yes_no", value=str(value)[:40])
            return None
        text = value.strip().lower()
        if text in ("1", "true", "yes", "ja", "kept", "nagekomen"):
            return True
        if text in ("0", "false", "no", "nee", "not kept", "niet nagekomen"):
            return False
        self.fail(name, "error.not_yes_no", value=str(value))
        return None


def parse_date(value: Any) -> _dt.date | None:
    """A date from a date, ISO ``YYYY-MM-DD`` or day-first ``DD-MM-YYYY`` (``/`` or ``.``); else None."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) == 10 and text[4] == "-":
        if not validate.iso_date_text(text):  # not "2026-W01-1", which fromisoformat takes
            return None
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            return None
    for sep in ("-", "/", "."):
        parts = text.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
            try:
                return _dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                return None
    return None


@dataclass(frozen=True)
class Record(RecordBase):
    """A record built from loose input: each kind's ``_check(c, raw, today)`` reads its own
    fields (noting problems in ``c``); :meth:`create` adds demo and uid and raises them all."""

    @classmethod
    def create(cls, today: _dt.date | None = None, **raw: Any):
        """Validate raw input (strings allowed) and build the record; raises RecordError."""
        c = _Checker()
        values = cls._check(c, raw, today)  # type: ignore[attr-defined]
        demo = raw.get("demo")
        if demo is not None and not isinstance(demo, bool):  # only a real yes or no marks demo
            c.fail("demo", "error.not_yes_no", value=str(demo))
        uid = c.uid("uid", raw.get("uid"))
        c.done()
        values["demo"] = bool(demo)
        if uid:
            values["uid"] = uid
        return cls(**values)


@dataclass(frozen=True)
class Meeting(Record):
    """One one-on-one (held, rescheduled or cancelled) with one person."""

    date: _dt.date = spec("field.date", "--date", "cli.log_add.date", "cli.meta.date", table=True)
    person: str = spec(
        "field.person", "--person", "cli.log_add.person", "cli.meta.name", table=True
    )
    planned_minutes: int = spec(
        "field.planned_minutes", "--planned", "cli.log_add.planned", "cli.meta.minutes"
    )
    actual_minutes: int | None = spec(
        "field.actual_minutes",
        "--actual",
        "cli.log_add.actual",
        "cli.meta.minutes",
        default=None,
        table=True,
    )
    status: str = spec(
        "field.status",
        "--status",
        "cli.log_add.status",
        default="held",
        table=True,
        choices=STATUSES,
    )
    agenda_by: str | None = spec(
        "field.agenda_by",
        "--agenda",
        "cli.log_add.agenda",
        default=None,
        table=True,
        choices=AGENDA_OWNERS,
    )
    needs: tuple[str, ...] = spec(
        "field.needs", "--needs", "cli.log_add.needs", "cli.meta.needs", default=(), table=True
    )
    # leader's estimate of their own share of talking, in %
    talk_share: int | None = spec(
        "field.talk_share",
        "--talk-share",
        "cli.log_add.talk_share",
        "cli.meta.percent",
        default=None,
    )
    leader_rating: int | None = spec(
        "field.leader_rating", "--rating", "cli.log_add.rating", "1-5", default=None
    )
    employee_rating: int | None = spec(
        "field.employee_rating", "--their-rating", "cli.log_add.their_rating", "1-5", default=None
    )
    notes: str = spec("field.notes", "--notes", "cli.log_add.notes", "cli.meta.text", default="")
    experiment: str | None = spec(
        "field.experiment", default=None
    )  # uid of the experiment in force

    @classmethod
    def _check(cls, c: _Checker, raw: dict[str, Any], today: _dt.date | None) -> dict[str, Any]:
        status = c.choice("status", raw.get("status") or "held", STATUSES)
        values = dict(
            date=c.date("date", raw.get("date"), today),
            person=c.text("person", raw.get("person"), MAX_NAME, required=True),
            planned_minutes=c.integer(
                "planned_minutes", raw.get("planned_minutes"), 1, MAX_MINUTES, required=True
            ),
            actual_minutes=c.integer("actual_minutes", raw.get("actual_minutes"), 1, MAX_MINUTES),
            status=status,
            agenda_by=c.choice("agenda_by", raw.get("agenda_by"), AGENDA_OWNERS, required=False),
            needs=c.needs("needs", raw.get("needs")),
            talk_share=c.integer("talk_share", raw.get("talk_share"), 0, 100),
            leader_rating=c.integer("leader_rating", raw.get("leader_rating"), *RATING_RANGE),
            employee_rating=c.integer("employee_rating", raw.get("employee_rating"), *RATING_RANGE),
            notes=c.text("notes", raw.get("notes"), MAX_NOTES, required=False),
            experiment=c.uid("experiment", raw.get("experiment")),
        )
        held_on = values["date"]
        if status == "held" and today is not None and held_on is not None and held_on > today:
            c.fail("date", "error.held_in_future")  # a future meeting has not been held yet
        if status == "held" and values["actual_minutes"] is None and values["planned_minutes"]:
            values["actual_minutes"] = values["planned_minutes"]
        if status in ("rescheduled", "cancelled"):
            values["actual_minutes"] = None
        return values

    @property
    def held(self) -> bool:
        return self.status == "held"


# Who does a commitment, in words ("Sam does it", "you do it"): one full message key per owner.
OWNER_WORDS = {
    "employee": "commitment.by_employee",
    "leader": "commitment.by_leader",
    "both": "commitment.by_both",
}


@dataclass(frozen=True)
class Commitment(Record):
    """Something agreed in a meeting: who does it, by when, and whether it was kept."""

    person: str
    text: str
    owner: str = "employee"
    due: _dt.date | None = None
    kept: bool | None = None  # None while still open
    meeting: str | None = None  # uid of the meeting where it was made

    @classmethod
    def _check(cls, c: _Checker, raw: dict[str, Any], today: _dt.date | None) -> dict[str, Any]:
        return dict(
            person=c.text("person", raw.get("person"), MAX_NAME, required=True),
            text=c.text("text", raw.get("text"), MAX_TEXT, required=True),
            owner=c.choice("owner", raw.get("owner") or "employee", COMMITMENT_OWNERS),
            due=c.date("due", raw.get("due"), today, required=False),
            kept=c.flag("kept", raw.get("kept")),
            meeting=c.uid("meeting", raw.get("meeting")),
        )

    def who(self, lang: str | None = None) -> str:
        """Who does it, in words (never a raw owner tag): ``Sam does it``, ``you do it``."""
        from .i18n import t

        return t(OWNER_WORDS[self.owner], lang, person=self.person)


@dataclass(frozen=True)
class Assessment(Record):
    """One sitting of a self-assessment: item key -> score, on a 1..scale_max scale."""

    kind: str  # e.g. "baseline", "beliefs", "behaviours", "needs", "safety"
    answers: dict[str, int]
    taken_at: _dt.datetime
    scale_max: int = 5

    @classmethod
    def _check(cls, c: _Checker, raw: dict[str, Any], today: _dt.date | None) -> dict[str, Any]:
        kind = c.text("kind", raw.get("kind"), 40, required=True)
        scale_max = c.integer("scale_max", raw.get("scale_max", 5), 2, 10, required=True)
        answers: dict[str, int] = {}
        raw_answers = raw.get("answers") or {}
        if not isinstance(raw_answers, dict) or not raw_answers:
            c.fail("answers", "error.required")
        elif len(raw_answers) > MAX_ANSWERS:
            c.fail("answers", "error.too_many", max=MAX_ANSWERS, count=len(raw_answers))
        else:
            for item, score in raw_answers.items():
                name = c.checked("answers", validate.key, item)
                value = c.integer(f"answers.{name}", score, 1, scale_max or 10, required=True)
                if name is not None and value is not None:
                    answers[name] = value
        taken = c.timestamp("taken_at", raw.get("taken_at"))
        return dict(kind=kind, answers=answers, taken_at=taken, scale_max=scale_max)


@dataclass(frozen=True)
class Experiment(Record):
    """A small, time-boxed change to how the learner runs one-on-ones, and how it went."""

    what: str
    start: _dt.date
    end: _dt.date
    metric: str
    why: str = ""
    baseline: float | None = None
    verdict: str | None = None
    notes: str = ""

    @classmethod
    def _check(cls, c: _Checker, raw: dict[str, Any], today: _dt.date | None) -> dict[str, Any]:
        values = dict(
            what=c.text("what", raw.get("what"), MAX_TEXT, required=True),
            why=c.text("why", raw.get("why"), MAX_TEXT, required=False),
            start=c.date("start", raw.get("start"), today),
            end=c.date("end", raw.get("end"), today),
            metric=c.choice("metric", raw.get("metric"), EXPERIMENT_METRICS),
            verdict=c.choice("verdict", raw.get("verdict"), VERDICTS, required=False),
            notes=c.text("notes", raw.get("notes"), MAX_NOTES, required=False),
        )
        baseline = raw.get("baseline")
        values["baseline"] = None
        if baseline not in (None, ""):
            values["baseline"] = c.checked("baseline", validate.number, baseline, 0, MAX_BASELINE)
        if values["start"] and values["end"] and values["end"] <= values["start"]:
            c.fail("end", "error.end_before_start")
        return values


@dataclass(frozen=True)
class Reflection(Record):
    """A free-text answer to a reflection prompt in the workbook."""

    prompt: str  # the prompt's key, e.g. "mindset.whose_meeting"
    text: str
    saved_at: _dt.datetime

    @classmethod
    def _check(cls, c: _Checker, raw: dict[str, Any], today: _dt.date | None) -> dict[str, Any]:
        return dict(
            prompt=c.text("prompt", raw.get("prompt"), 80, required=True),
            text=c.text("text", raw.get("text"), MAX_NOTES, required=True),
            saved_at=c.timestamp("saved_at", raw.get("saved_at")),
        )


RECORD_TYPES = {
    "meetings": Meeting,
    "commitments": Commitment,
    "assessments": Assessment,
    "experiments": Experiment,
    "reflections": Reflection,
}


def field_names(record_type: type) -> list[str]:
    return list(names(record_type))


__all__ = [
    "AGENDA_OWNERS",
    "Assessment",
    "Commitment",
    "Experiment",
    "FieldProblem",
    "Meeting",
    "NEEDS",
    "RecordError",
    "Reflection",
    "STATUSES",
    "replace",
]
