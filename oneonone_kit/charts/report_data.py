"""What a report says, before it is drawn: the records of a period with names replaced, the key
facts and the coaching questions. Shared by the Markdown report (:mod:`.report`) and the printed
page (:mod:`.page`). No matplotlib.
"""

from __future__ import annotations

import datetime as _dt
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..i18n import check_lang, format_date, format_number, format_percent, t
from ..insight import metrics as M
from ..labels import NEED_KEY, PERCEPTION_KEY, TALK_BAND_KEY
from ..model import Commitment, Experiment, Meeting

NAME_MODES = ("keep", "initials", "pseudonyms")
# What the report says about the names in it (catalogue keys written out in full).
NAMES_NOTE_KEY = {
    "keep": "report.names.keep",
    "initials": "report.names.initials",
    "pseudonyms": "report.names.pseudonyms",
}


@dataclass(frozen=True)
class ReportData:
    """The records of one report, narrowed to the period and with names replaced."""

    meetings: tuple[Meeting, ...]
    commitments: tuple[Commitment, ...]
    experiments: tuple[Experiment, ...]
    history: tuple[Meeting, ...]  # every meeting up to ``day``, for experiment baselines
    start: _dt.date
    day: _dt.date  # the period's last day: ``end`` or today, whichever is earlier
    lang: str
    names: str
    intervals: dict[str, int] = field(default_factory=dict)  # report name -> days between
    demo: bool = False  # made-up demo records are part of the report
    bad_intervals: tuple[str, ...] = ()  # report names whose stored cadence was unusable

    def every(self, person: str | None = None) -> int:
        """The intended days between one-on-ones with ``person`` (7 unless set)."""
        return M.interval_for(self.intervals, person=person)

    def tr(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def date(self, value: _dt.date) -> str:
        return format_date(value, self.lang, weekday=False)

    def pct(self, share: float | None) -> str:
        return "–" if share is None else format_percent(share, self.lang)

    def num(self, value: float | None, decimals: int = 1) -> str:
        return "–" if value is None else format_number(value, self.lang, decimals)


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = string.ascii_uppercase[rest] + out
    return out


def _initials(name: str) -> str:
    words = re.findall(r"[^\W\d_]+", re.sub(r"\(.*?\)", " ", name)) or ["?"]
    return "".join(w[0].upper() + "." for w in words)


def name_map(
    people: Iterable[str],
    names: str = "keep",
    lang: str | None = "en",
    demo: Iterable[str] = (),
) -> dict[str, str]:
    """Each person's name as it appears in a report: kept, initials, or "Person A".

    People in ``demo`` (the made-up demo log) keep a "(demo)" mark when renamed, so a demo
    person never reads like a real one.
    """
    if names not in NAME_MODES:
        raise ValueError(f"Unknown names option {names!r}: choose one of {', '.join(NAME_MODES)}.")
    ordered = sorted(set(people), key=lambda p: (p.casefold(), p))
    if names == "keep":
        return {p: p for p in ordered}
    made_up = set(demo)
    out: dict[str, str] = {}
    if names == "pseudonyms":
        out = {p: t("report.pseudonym", lang, letter=_letters(i)) for i, p in enumerate(ordered)}
    else:
        for person in ordered:
            base, count = _initials(person), 1
            label = base
            while label in out.values():
                count += 1
                label = f"{base} ({count})"
            out[person] = label
    return {
        p: t("report.demo_name", lang, name=label) if p in made_up else label
        for p, label in out.items()
    }


def _scrub(text: str, mapping: dict[str, str]) -> str:
    """Replace full names, then first names, in free text."""
    for original, new in sorted(mapping.items(), key=lambda kv: -len(kv[0])):
        if original != new:
            text = text.replace(original, new)
    for original, new in mapping.items():
        first = re.split(r"[\s(]", original.strip())[0]
        if original != new and len(first) >= 3:
            text = re.sub(rf"\b{re.escape(first)}\b", new, text)
    return text


def prepare(
    meetings: Iterable[Meeting],
    commitments: Iterable[Commitment] = (),
    experiments: Iterable[Experiment] = (),
    lang: str | None = "en",
    start: _dt.date | None = None,
    end: _dt.date | None = None,
    names: str = "keep",
    today: _dt.date | None = None,
    *,
    interval_days: M.Intervals | None = None,
    include_demo: bool = True,
    bad_intervals: Iterable[str] = (),
) -> ReportData:
    """Narrow the records to the period (``start``..``end``, both included) and rename.

    ``interval_days`` (person -> days) is each person's intended cadence (7 when missing);
    ``include_demo=False`` leaves the made-up demo records out; ``bad_intervals`` names the
    people whose stored cadence could not be used (the report says so).
    """
    from .. import env

    code = check_lang(lang)
    now = today or env.today()
    day = min(end, now) if end else now
    if not include_demo:
        meetings = [m for m in meetings if not m.demo]
        commitments = [c for c in commitments if not c.demo]
        experiments = [e for e in experiments if not e.demo]
    commitments, experiments = list(commitments), list(experiments)
    history = M.select(meetings, today=day)
    demo_people = {m.person for m in history if m.demo} | {c.person for c in commitments if c.demo}
    mapping = name_map((m.person for m in history), names, code, demo_people)
    mapping.update(
        {
            p: n
            for p, n in name_map((c.person for c in commitments), names, code, demo_people).items()
            if p not in mapping
        }
    )
    first = start or (history[0].date if history else day)
    chosen = [m for m in history if m.date >= first]
    uids = {m.uid for m in chosen}
    kept_commitments = [
        c
        for c in commitments
        if c.meeting in uids or (c.meeting is None and c.due and first <= c.due <= day)
    ]
    shown_experiments = [e for e in experiments if e.start <= day and e.end >= first]
    if isinstance(interval_days, int):
        intervals = {p: interval_days for p in mapping}
    else:
        intervals = {mapping[p]: d for p, d in (interval_days or {}).items() if p in mapping}
    return ReportData(
        meetings=tuple(replace(m, person=mapping[m.person], notes="") for m in chosen),
        commitments=tuple(
            replace(c, person=mapping.get(c.person, c.person), text="") for c in kept_commitments
        ),
        experiments=tuple(
            replace(e, what=_scrub(e.what, mapping), why="", notes="") for e in shown_experiments
        ),
        history=tuple(replace(m, person=mapping[m.person], notes="") for m in history),
        start=first,
        day=day,
        lang=code,
        names=names,
        intervals=intervals,
        demo=any(m.demo for m in chosen)
        or any(c.demo for c in kept_commitments)
        or any(e.demo for e in shown_experiments),
        bad_intervals=tuple(sorted(mapping[p] for p in bad_intervals if p in mapping)),
    )


def notes(r: ReportData) -> list[str]:
    """What the reader must know about the records themselves: demo data, unusable cadences."""
    lines = [r.tr("report.demo_included")] if r.demo else []
    if r.bad_intervals:
        lines.append(r.tr("cadence.bad_note", people=", ".join(r.bad_intervals), days=r.every()))
    return lines


def facts(r: ReportData) -> list[str]:
    """The key figures of the period, one plain sentence each."""
    ms = r.meetings
    if not ms:
        return [r.tr("report.no_meetings")]
    c = M.cadence(ms, today=r.day, interval_days=r.intervals)
    agenda = M.agenda_ownership(ms).trend
    talk = M.talk_share(ms)
    follow = M.follow_through(r.commitments, today=r.day, meetings=ms).total
    gap = M.perception_gap(ms)
    lines = [
        r.tr(
            "report.fact.meetings",
            total=len(ms),
            held=c.held,
            rescheduled=c.rescheduled,
            cancelled=c.cancelled,
            people=len(M.people(ms)),
        ),
        r.tr(
            "report.fact.cadence",
            rate=r.num(c.per_four_weeks),
            expected=r.num(c.expected_per_four_weeks),
            on_time=r.pct(c.consistency),
            gaps=len(c.gaps),
        ),
    ]
    if agenda.n:
        lines.append(
            r.tr(
                "report.fact.agenda",
                mean=r.pct(agenda.mean),
                latest=r.pct(agenda.latest),
                window=agenda.window,
            )
        )
    if talk.n:
        band = r.tr(TALK_BAND_KEY[M.talk_band(talk.latest)])
        lines.append(
            r.tr(
                "report.fact.talk",
                mean=r.pct(talk.mean / 100),
                latest=r.pct(talk.latest / 100),
                window=talk.window,
                band=band,
            )
        )
    if follow.due:
        lines.append(
            r.tr(
                "report.fact.follow",
                kept=follow.kept,
                due=follow.due,
                rate=r.pct(follow.rate),
                overdue=follow.overdue,
            )
        )
    if gap.n:
        mean_gap = gap.mean_gap or 0.0
        key = PERCEPTION_KEY[gap.direction]
        lines.append(r.tr(key, gap=r.num(abs(mean_gap)), count=gap.n))
    return lines


def questions(r: ReportData) -> list[str]:
    """Questions to take to a coaching session, picked from what the figures show."""
    ms = r.meetings
    out = []
    if ms:
        talk = M.talk_share(ms).latest
        if talk is not None and talk > M.TALK_MAX:
            out.append(r.tr("report.q.talk"))
        agenda = M.agenda_ownership(ms).trend.latest
        if agenda is not None and agenda < M.AGENDA_TARGET:
            out.append(r.tr("report.q.agenda"))
        c = M.cadence(ms, today=r.day, interval_days=r.intervals)
        if c.gaps:
            out.append(r.tr("report.q.gaps", gaps=len(c.gaps)))
        neglected = sorted(
            {n for p in M.people(ms) for n in M.needs_rotation(ms, person=p).neglected},
            key=M.NEEDS.index,
        )
        if neglected:
            needs = ", ".join(r.tr(NEED_KEY[n]).lower() for n in neglected)
            out.append(r.tr("report.q.needs", needs=needs))
        rate = M.follow_through(r.commitments, today=r.day, meetings=ms).total.rate
        if rate is not None and rate < 0.7:
            out.append(r.tr("report.q.follow"))
        gap = M.perception_gap(ms).mean_gap
        if gap is not None and gap >= 0.5:
            out.append(r.tr("report.q.perception"))
    out.append(r.tr("report.q.always"))
    return out
