"""Write the hostile corpus: files an attacker or a careless user might hand to an importer.

Run ``python tests/unit/hostile/make_corpus.py`` after changing a case; ``test_hostile.py``
checks that the files on disk are exactly what this script makes. A file's name says which
importer reads it and what must happen: ``<importer>.<expect>.<case>.<ext>``, where importer is
json (an export), csv (meetings), ics (a calendar) or summary (a cohort summary), and expect is
``refuse`` (the project's own error, store byte for byte unchanged) or ``accept`` (a clean
import whose printed counts are the rows written).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMAT = {"format": "oneonone-export", "version": 1}
MEETING = {"date": "2026-03-04", "person": "Sam", "planned_minutes": 30, "uid": "m-1"}
EXPERIMENT = {
    "what": "Ask first",
    "start": "2026-10-01",
    "end": "2026-11-01",
    "metric": "talk_share",
    "uid": "exp-1",
}
ASSESSMENT = {"kind": "needs", "answers": {"guidance": 3}, "taken_at": "2026-10-01T09:00:00"}
REFLECTION = {"prompt": "mindset.whose_meeting", "text": "x", "saved_at": "2026-10-01T09:00:00"}
SUMMARY = {"format": "oneonone-summary", "version": 1, "participant": "0123456789abcdef"}
HEADER = "date,person,planned_minutes,notes,uid"
BIG = 20_000  # far over every limit (the 1 MB cases of the issue are in test_integrity.py)


def export(**sections) -> bytes:
    """An export with these sections; ASCII, so a lone surrogate is written as its escape."""
    return json.dumps({**FORMAT, **sections}, ensure_ascii=True).encode("ascii")


def meeting(**changes) -> bytes:
    return export(meetings=[{**MEETING, **changes}])


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def ics(*event: str, extra: tuple[str, ...] = ()) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hostile corpus//EN", *extra]
    if event:
        lines += ["BEGIN:VEVENT", "DTSTAMP:20261101T000000Z", *event, "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode("utf-8")


ONE_ON_ONE = ("UID:one@example", "SUMMARY:1:1 Sam", "DTEND:20261102T103000Z")


def summary(**log) -> bytes:
    return json.dumps({**SUMMARY, "log": {"meetings": 3, "held": 3, **log}}).encode()


def cases() -> dict[str, bytes]:
    """Every corpus file by name."""
    deep = 1200
    files = {
        # ---- JSON exports: the parser and the top level
        "json.refuse.nested-arrays-1200.json": b"[" * deep + b"]" * deep,
        "json.refuse.nested-objects-1200.json": b'{"a":' * deep + b"1" + b"}" * deep,
        "json.refuse.nested-in-notes-40.json": meeting(notes=json.loads("[" * 40 + "]" * 40)),
        "json.refuse.integer-4400-digits.json": meeting(planned_minutes="X").replace(
            b'"X"', b"1" + b"0" * 4400
        ),
        "json.refuse.nan-baseline.json": export(
            experiments=[{**EXPERIMENT, "baseline": "X"}]
        ).replace(b'"X"', b"NaN"),
        "json.refuse.infinity-baseline.json": export(
            experiments=[{**EXPERIMENT, "baseline": "X"}]
        ).replace(b'"X"', b"Infinity"),
        "json.refuse.minus-infinity-minutes.json": meeting(planned_minutes="X").replace(
            b'"X"', b"-Infinity"
        ),
        "json.refuse.float-1e999.json": meeting(talk_share="X").replace(b'"X"', b"1e999"),
        "json.refuse.baseline-1e308.json": export(experiments=[{**EXPERIMENT, "baseline": 1e308}]),
        "json.refuse.empty-file.json": b"",
        "json.refuse.only-whitespace.json": b" \r\n\t ",
        "json.refuse.cut-off.json": meeting()[:-7],
        "json.refuse.latin-1.json": meeting(person="Zo\u00eb").replace(b"\\u00eb", b"\xeb"),
        "json.refuse.utf-16.json": json.dumps({**FORMAT, "meetings": [MEETING]}).encode("utf-16"),
        "json.refuse.top-level-list.json": b"[1, 2, 3]",
        "json.refuse.top-level-string.json": b'"oneonone-export"',
        "json.refuse.no-format.json": json.dumps({"version": 1, "meetings": [MEETING]}).encode(),
        "json.refuse.other-format.json": json.dumps({"format": "x", "version": 1}).encode(),
        "json.refuse.version-true.json": json.dumps({**FORMAT, "version": True}).encode(),
        "json.refuse.version-minus-7.json": json.dumps({**FORMAT, "version": -7}).encode(),
        "json.refuse.version-missing.json": json.dumps({"format": FORMAT["format"]}).encode(),
        "json.refuse.version-float.json": json.dumps({**FORMAT, "version": 1.0}).encode(),
        "json.refuse.version-text.json": json.dumps({**FORMAT, "version": "1"}).encode(),
        "json.refuse.version-newer.json": json.dumps({**FORMAT, "version": 2}).encode(),
        "json.refuse.unknown-section.json": export(meetngs=[MEETING]),
        "json.refuse.section-not-a-list.json": export(meetings={"0": MEETING}),
        "json.refuse.record-not-a-dict.json": export(meetings=["2026-03-04,Sam,30"]),
        "json.refuse.unknown-field.json": meeting(attendees=["Sam"]),
        "json.refuse.schema-version-99.json": meeting(schema_version=99),
        # ---- JSON exports: uids
        "json.refuse.duplicate-meeting-uid.json": export(meetings=[MEETING, MEETING]),
        "json.refuse.uid-shared-by-two-kinds.json": export(
            experiments=[EXPERIMENT], reflections=[{**REFLECTION, "uid": EXPERIMENT["uid"]}]
        ),
        "json.refuse.uid-20000-chars.json": meeting(uid="u" * BIG),
        "json.refuse.uid-formula.json": meeting(uid="=cmd|' /C calc'!A0"),
        "json.refuse.uid-with-newline.json": meeting(uid="m-1\nm-2"),
        "json.refuse.uid-number.json": meeting(uid=12345),
        "json.refuse.uid-lone-surrogate.json": meeting(uid="m\ud800"),
        "json.refuse.experiment-20000-chars.json": meeting(experiment="e" * BIG),
        "json.refuse.experiment-formula.json": meeting(experiment='=HYPERLINK("x")'),
        # ---- JSON exports: text
        "json.refuse.person-lone-surrogate.json": meeting(person="S\ud800m"),
        "json.refuse.notes-lone-surrogate.json": meeting(notes="n\udfffotes"),
        "json.refuse.person-list.json": meeting(person=["Sam"]),
        "json.refuse.person-dict.json": meeting(person={"name": "Sam"}),
        "json.refuse.person-number.json": meeting(person=42),
        "json.refuse.person-true.json": meeting(person=True),
        "json.refuse.notes-dict.json": meeting(notes={"a": 1}),
        "json.refuse.person-zero-width-space.json": meeting(person="\u200b"),
        "json.refuse.person-only-marks.json": meeting(person="\u0301\u0302\u200d"),
        "json.refuse.person-hangul-filler.json": meeting(person="\u3164"),
        "json.refuse.person-20000-chars.json": meeting(person="S" * BIG),
        "json.refuse.status-number.json": meeting(status=1),
        "json.refuse.needs-numbers.json": meeting(needs=[1, 2]),
        "json.refuse.demo-text.json": meeting(demo="yes"),
        # ---- JSON exports: numbers and dates
        "json.refuse.minutes-underscore.json": meeting(planned_minutes="3_0"),
        "json.refuse.minutes-fraction.json": meeting(planned_minutes=30.5),
        "json.refuse.minutes-true.json": meeting(planned_minutes=True),
        "json.refuse.minutes-481.json": meeting(planned_minutes=481),
        "json.refuse.minutes-negative.json": meeting(planned_minutes=-30),
        "json.refuse.date-iso-week.json": meeting(date="2026-W01-1"),
        "json.refuse.date-basic-format.json": meeting(date="20260304"),
        "json.refuse.date-year-1.json": meeting(date="0001-01-01"),
        "json.refuse.date-year-9999.json": meeting(date="9999-12-31"),
        "json.refuse.date-february-30.json": meeting(date="2026-02-30"),
        "json.refuse.date-number.json": meeting(date=20260304),
        "json.refuse.taken-at-year-1.json": export(
            assessments=[{**ASSESSMENT, "taken_at": "0001-01-01T00:00:00"}]
        ),
        "json.refuse.saved-at-year-9999.json": export(
            reflections=[{**REFLECTION, "saved_at": "9999-12-31T23:59:59"}]
        ),
        "json.refuse.taken-at-number.json": export(assessments=[{**ASSESSMENT, "taken_at": 1e9}]),
        "json.refuse.answers-2000-keys.json": export(
            assessments=[{**ASSESSMENT, "answers": {f"k{i}": 3 for i in range(2000)}}]
        ),
        "json.refuse.answer-key-20000-chars.json": export(
            assessments=[{**ASSESSMENT, "answers": {"k" * BIG: 3}}]
        ),
        "json.refuse.answer-key-lone-surrogate.json": export(
            assessments=[{**ASSESSMENT, "answers": {"k\ud800": 3}}]
        ),
        "json.refuse.answer-score-11.json": export(
            assessments=[{**ASSESSMENT, "answers": {"guidance": 11}}]
        ),
        # ---- JSON exports: settings
        "json.refuse.settings-interval-abc.json": export(
            settings={"person:Bo (demo):interval_days": "abc"}
        ),
        "json.refuse.settings-interval-zero.json": export(
            settings={"person:Bo:interval_days": "0"}
        ),
        "json.refuse.settings-interval-number.json": export(
            settings={"person:Bo:interval_days": 7}
        ),
        "json.refuse.settings-interval-93.json": export(settings={"person:Bo:interval_days": "93"}),
        "json.refuse.settings-lang-xx.json": export(settings={"lang": "xx"}),
        "json.refuse.settings-token-short.json": export(settings={"summary.token": "zz"}),
        "json.refuse.settings-key-lone-surrogate.json": export(
            settings={"person:S\ud800m:interval_days": "7"}
        ),
        "json.refuse.settings-value-lone-surrogate.json": export(settings={"note": "x\ud800"}),
        "json.refuse.settings-a-list.json": export(settings=[["lang", "en"]]),
        "json.refuse.settings-key-20000-chars.json": export(settings={"k" * BIG: "v"}),
        # ---- JSON exports that must be taken
        "json.accept.one-meeting.json": meeting(),
        "json.accept.bom-and-nfd-name.json": b"\xef\xbb\xbf" + meeting(person="Zoe\u0308"),
        "json.accept.every-kind.json": export(
            meetings=[{**MEETING, "experiment": "exp-1", "notes": "=SUM(A1)"}],
            experiments=[{**EXPERIMENT, "baseline": 40.5}],
            assessments=[{**ASSESSMENT, "uid": "a-1"}],
            reflections=[{**REFLECTION, "uid": "r-1"}],
            commitments=[{"person": "Sam", "text": "Send the plan", "uid": "c-1"}],
            settings={"person:Sam:interval_days": "14", "lang": "nl"},
        ),
        # ---- meeting CSVs
        "csv.refuse.duplicate-column.csv": csv(
            "2026-03-04,Sam,30,,m-1,Eve", header=HEADER + ",person"
        ),
        "csv.refuse.cut-off-last-row.csv": csv("2026-03-04,Sam,30,,m-1", "2026-03-05,Sam,30,,m")[
            :-2
        ],
        "csv.refuse.duplicate-uid.csv": csv("2026-03-04,Sam,30,,m-1", "2026-03-05,Ann,30,,m-1"),
        "csv.refuse.same-uid-1000-rows.csv": csv(*["2026-03-04,Sam,30,,m-1"] * 1000),
        "csv.refuse.minutes-underscore.csv": csv("2026-03-04,Sam,3_0,,m-1"),
        "csv.refuse.date-iso-week.csv": csv("2026-W01-1,Sam,30,,m-1"),
        "csv.refuse.person-zero-width-space.csv": csv("2026-03-04,\u200b,30,,m-1"),
        "csv.refuse.uid-formula.csv": csv("2026-03-04,Sam,30,,=cmd|' /C calc'!A0"),
        "csv.refuse.encoded-surrogate.csv": csv("2026-03-04,Sam,30,,m-1").replace(
            b"Sam", b"S\xed\xa0\x80m"
        ),
        "csv.refuse.latin-1.csv": "date,person,planned_minutes\r\n2026-03-04,Zoë,30\r\n".encode(
            "latin-1"
        ),
        "csv.refuse.empty.csv": b"",
        "csv.refuse.header-only.csv": csv(),
        "csv.refuse.unknown-column.csv": csv("2026-03-04,Sam,30", header="date,person,minutes"),
        "csv.refuse.missing-column.csv": csv("2026-03-04,Sam", header="date,person"),
        "csv.refuse.wrong-cell-count.csv": csv("2026-03-04,Sam,30,,m-1,extra"),
        "csv.refuse.unterminated-quote.csv": csv('2026-03-04,"Sam,30,,m-1'),
        "csv.refuse.nul-byte.csv": csv("2026-03-04,Sa\x00m,30,,m-1"),
        "csv.refuse.cell-200000-chars.csv": csv("2026-03-04,Sam,30," + "n" * 200_000 + ",m-1"),
        "csv.refuse.demo-yes.csv": csv(
            "2026-03-04,Sam,30,m-1,yes", header="date,person,planned_minutes,uid,demo"
        ),
        "csv.refuse.not-a-csv.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "csv.accept.dutch-semicolons.csv": "date;person;planned_minutes;notes\r\n"
        '04-03-2026;Zoë;30;"a; b"\r\n'.encode(),
        "csv.accept.formula-cells.csv": csv("2026-03-04,'=SUM(A1),30,'@home,m-1"),
        # ---- calendars
        "ics.refuse.empty.ics": b"",
        "ics.refuse.not-a-calendar.ics": b"BEGIN:VCARD\r\nFN:Sam\r\nEND:VCARD\r\n",
        "ics.refuse.no-events.ics": ics(),
        "ics.refuse.latin-1.ics": ics(
            "UID:x", "SUMMARY:1:1 Zo\u00eb", "DTSTART:20261102T100000Z"
        ).replace("Zoë".encode(), b"Zo\xeb"),
        "ics.refuse.bad-dtstart.ics": ics("UID:x", "SUMMARY:1:1 Sam", "DTSTART:tomorrow"),
        "ics.refuse.bad-rrule.ics": ics(
            *ONE_ON_ONE, "DTSTART:20261102T100000Z", "RRULE:FREQ=SOMETIMES"
        ),
        "ics.refuse.minutely-for-ever.ics": ics(
            *ONE_ON_ONE, "DTSTART:20261102T100000Z", "RRULE:FREQ=MINUTELY"
        ),
        "ics.refuse.outside-the-window.ics": ics(*ONE_ON_ONE, "DTSTART:19990104T100000Z"),
        "ics.refuse.binary-after-header.ics": b"BEGIN:VCALENDAR\r\n" + bytes(range(1, 32)) * 4,
        "ics.accept.rdate-value-time.ics": ics(
            *ONE_ON_ONE,
            "DTSTART:20261102T100000Z",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "RDATE;VALUE=TIME:120000",
        ),
        "ics.accept.rdate-period.ics": ics(
            *ONE_ON_ONE,
            "DTSTART:20261102T100000Z",
            "RDATE;VALUE=PERIOD:20261105T100000Z/PT30M",
        ),
        "ics.accept.exdate-as-date.ics": ics(
            *ONE_ON_ONE,
            "DTSTART:20261102T100000Z",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "EXDATE;VALUE=DATE:20261109",
        ),
        "ics.accept.no-uid-unknown-zone.ics": ics(
            "SUMMARY:1:1 Sam", "DTSTART;TZID=Nowhere/Atlantis:20261102T100000"
        ),
        "ics.accept.zero-width-title.ics": ics(
            "UID:zw@example", "SUMMARY:\u200b", "DTSTART:20261102T100000Z"
        ),
        # ---- cohort summaries
        "summary.refuse.nan.json": summary(per_four_weeks="X").replace(b'"X"', b"NaN"),
        "summary.refuse.infinity.json": summary(per_four_weeks="X").replace(b'"X"', b"Infinity"),
        "summary.refuse.1e308.json": summary(per_four_weeks=1e308),
        "summary.refuse.integer-4400-digits.json": summary(held="X").replace(
            b'"X"', b"1" + b"0" * 4400
        ),
        "summary.refuse.nested-1200.json": b'{"a":' * deep + b"1" + b"}" * deep,
        "summary.refuse.full-export.json": meeting(),
        "summary.refuse.token-too-short.json": json.dumps(
            {**SUMMARY, "participant": "ab", "log": {"meetings": 0}}
        ).encode(),
        "summary.refuse.version-true.json": json.dumps(
            {**SUMMARY, "version": True, "log": {"meetings": 0}}
        ).encode(),
        "summary.refuse.negative-count.json": summary(held=-1),
        "summary.refuse.share-above-one.json": summary(follow_through={"rate": 1.5}),
        "summary.refuse.lone-surrogate-token.json": json.dumps(
            {**SUMMARY, "participant": "0123456789abcde\ud800"}
        ).encode(),
        "summary.accept.minimal.json": json.dumps({**SUMMARY, "log": {"meetings": 0}}).encode(),
    }
    return files


def write(folder: Path = HERE) -> list[Path]:
    """Write every case into ``folder`` (old corpus files there are removed first)."""
    for old in folder.glob("*.*.*.*"):
        if old.suffix in (".json", ".csv", ".ics"):
            old.unlink()
    written = []
    for name, payload in cases().items():
        (folder / name).write_bytes(payload)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    print(f"{len(write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))} files written")
