"""Every importer against hostile input: a clean import or the project's own error, nothing else.

Two sources of input: the corpus under ``tests/unit/hostile/`` (made by ``make_corpus.py``; the
file name says which importer reads it and whether it must be refused or taken), and
property-based tests (hypothesis) that build broken exports, CSVs, calendars, summaries and
settings. For each input the store file is hashed before and after: a refusal must leave it
byte for byte as it was, and an import must report exactly the rows it wrote. The run prints
how many inputs were tried and how they ended.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kit_helpers import load_script

from oneonone_kit.errors import ImportProblem, KitError
from oneonone_kit.insight.cohort import SummaryError, read_summary
from oneonone_kit.log import transfer
from oneonone_kit.log.calendar.read import events_to_meetings, parse_ics
from oneonone_kit.log.store import Store
from oneonone_kit.model import Experiment, Meeting

HERE = Path(__file__).resolve().parent / "hostile"
TODAY = dt.date(2026, 11, 22)
WINDOW = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
OWN_ERRORS = (KitError, SummaryError)
TRIED: Counter = Counter()  # (source, outcome) -> inputs


CORPUS = load_script("tests/unit/hostile/make_corpus.py")
FILES = sorted(p for p in HERE.iterdir() if p.name.count(".") >= 3)


@pytest.fixture(scope="module", autouse=True)
def report_counts(request):
    """Print how many hostile inputs were tried, once this module's tests have run."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    by_source = Counter()
    for (source, _), n in TRIED.items():
        by_source[source] += n
    parts = [
        f"{source}: {n} ({TRIED[source, 'refused']} refused, {TRIED[source, 'accepted']} taken)"
        for source, n in sorted(by_source.items())
    ]
    line = (
        f"hostile inputs tried: {sum(by_source.values())} -- "
        + "; ".join(parts)
        + f"; raw tracebacks {TRIED['any', 'raw']}, silent changes {TRIED['any', 'silent']}"
    )
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # teardown output is captured otherwise
            reporter.write_line("")
            reporter.write_line(line)


# ---- one store file, put back before every input -------------------------------------------
class LogFile:
    """A small store file (a meeting ``m-1``, an experiment ``exp-1``, a setting) to import into."""

    def __init__(self, folder: Path):
        self.path = folder / "oneonone.sqlite3"
        with Store.open(self.path, backup=False) as store:
            store.add_meetings(
                [
                    Meeting.create(
                        today=TODAY, date="2026-03-04", person="Sam", planned_minutes=30, uid="m-1"
                    )
                ]
            )
            store.add(
                Experiment.create(
                    today=TODAY,
                    what="Ask first",
                    start="2026-10-01",
                    end="2026-11-01",
                    metric="talk_share",
                    uid="exp-1",
                )
            )
            store.set_interval("Sam", 14)
        self.original = self.path.read_bytes()
        self.digest = hashlib.sha256(self.original).hexdigest()

    def reset(self) -> None:
        for extra in ("-wal", "-shm"):
            self.path.with_name(self.path.name + extra).unlink(missing_ok=True)
        self.path.write_bytes(self.original)

    def unchanged(self) -> bool:
        return hashlib.sha256(self.path.read_bytes()).hexdigest() == self.digest


@pytest.fixture(scope="module")
def log_file(tmp_path_factory) -> LogFile:
    folder = tmp_path_factory.mktemp("hostile")
    yield LogFile(folder)
    shutil.rmtree(folder, ignore_errors=True)


def _import_ics(store: Store, payload: bytes):
    events = parse_ics(payload, *WINDOW, tz=dt.UTC)
    # The learner types a name where the calendar gave none.
    names = {e.meeting_uid: e.guessed_person or "Sam" for e in events}
    parsed = transfer.Parsed()
    for meeting in events_to_meetings(events, names, today=TODAY):
        parsed.add("meetings", meeting, len(parsed.records.get("meetings", ())) + 1)
    return transfer.write(store, parsed)


def _import_summary(store: Store, payload: bytes):
    read_summary(payload)  # a summary is only read, never stored
    return None


IMPORTERS = {
    "json": lambda store, payload: transfer.import_json(store, payload, today=TODAY),
    "csv": lambda store, payload: transfer.write(store, transfer.read_csv(payload, TODAY)),
    "ics": _import_ics,
    "summary": _import_summary,
}


def attempt(log: LogFile, importer: str, payload: bytes, source: str) -> str:
    """Run one importer on one input; returns "accepted" or "refused" (anything else fails)."""
    log.reset()
    with Store.open(log.path, backup=False) as store:
        before = store.counts()
        try:
            counts = IMPORTERS[importer](store, payload)
        except OWN_ERRORS as refused:
            # Said in words in both languages (a raw str() would be the key or a Python text).
            for lang in ("en", "nl"):
                text = (
                    refused.full_message(lang)
                    if isinstance(refused, ImportProblem)
                    else refused.message(lang)
                )
                assert text and not text.startswith(("import.", "error.", "calendar.", "cohort."))
            outcome = "refused"
        except Exception:
            TRIED["any", "raw"] += 1
            raise
        else:
            outcome = "accepted"
            after = store.counts()
            if counts is not None:  # the counts printed are the rows written
                assert counts.new == sum(after.values()) - sum(before.values())
            transfer.export_json(store)  # what was taken can be written out again as JSON
    TRIED[source, outcome] += 1
    if outcome == "refused" and not log.unchanged():
        TRIED["any", "silent"] += 1
        pytest.fail(f"a refused {importer} import changed the store file")
    return outcome


# ---- the corpus ----------------------------------------------------------------------------
def test_the_corpus_on_disk_is_what_make_corpus_makes(tmp_path):
    made = {p.name: p.read_bytes() for p in CORPUS.write(tmp_path)}
    assert {p.name: p.read_bytes() for p in FILES} == made, "run make_corpus.py again"
    assert len(made) >= 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_hostile_file(log_file, path):
    importer, expect, _case, _suffix = path.name.split(".")
    outcome = attempt(log_file, importer, path.read_bytes(), "corpus")
    assert outcome == {"refuse": "refused", "accept": "accepted"}[expect]


# ---- property-based: any input ends cleanly ------------------------------------------------
HOSTILE = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_any_text = st.text(max_size=30)  # includes lone surrogates, controls, zero-width marks
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    _any_text,
    st.sampled_from(["2026-W01-1", "3_0", "0001-01-01", "9999-12-31T00:00:00", "\u200b", "=1+1"]),
)
_json_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_any_text, inner, max_size=4)
    ),
    max_leaves=10,
)
# Values some field takes (uids m-1 and exp-1 are in the log already), to reach the writer too.
_plausible = st.sampled_from(
    ["Sam", "Zoë", 30, 45, "2026-03-04", None, "", ["growth"], False, "held", "m-1", "exp-1", "m-9"]
    + ["2026-10-01T09:00:00", "talk_share", {"guidance": 4}, 1]
)
_valid = json.loads(CORPUS.cases()["json.accept.every-kind.json"])


def _dumps(doc, ascii_only: bool) -> bytes:
    text = json.dumps(doc, ensure_ascii=ascii_only, allow_nan=True)
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes invalid UTF-8


@st.composite
def broken_exports(draw) -> bytes:
    """A valid export with some fields, sections or top-level keys replaced by anything."""
    doc = json.loads(json.dumps(_valid))
    for _ in range(draw(st.integers(0, 3))):
        section = draw(st.sampled_from([*transfer.SECTIONS, "settings", "top"]))
        value = copy.deepcopy(draw(st.one_of(_json_values, _plausible, _plausible)))
        if section == "top":
            doc[draw(st.sampled_from(["format", "version", "extra", "meetings"]))] = value
        elif section == "settings":
            doc["settings"][draw(_any_text)] = value
        elif isinstance(doc.get(section), list) and isinstance(doc[section][:1] or None, list):
            record = doc[section][0]
            if not isinstance(record, dict):
                doc[section][0] = value
                continue
            record[draw(st.sampled_from([*record, "uid", "demo", "schema_version"]))] = value
        else:
            doc[section] = [value] if draw(st.booleans()) else value
    return _dumps(doc, draw(st.booleans()))


@st.composite
def mangled_bytes(draw, valid: bytes) -> bytes:
    """``valid`` with bytes cut, flipped or inserted."""
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, 5))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["cut", "flip", "insert", "truncate"]))
        if action == "cut":
            del data[at]
        elif action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[at:]
    return bytes(data)


@HOSTILE
@given(payload=broken_exports())
def test_any_broken_json_export_ends_in_a_clean_import_or_our_own_error(log_file, payload):
    attempt(log_file, "json", payload, "json (property)")


@HOSTILE
@given(payload=mangled_bytes(CORPUS.cases()["json.accept.every-kind.json"]))
def test_any_mangled_json_bytes_end_in_a_clean_import_or_our_own_error(log_file, payload):
    attempt(log_file, "json", payload, "json bytes (property)")


@HOSTILE
@given(
    key=st.one_of(
        _any_text,
        st.sampled_from(["lang", "summary.token"]),
        _any_text.map(lambda name: f"person:{name}:interval_days"),
    ),
    value=st.one_of(
        _json_values, st.sampled_from(["7", "14", "92", "93", "en", "nl", "0123456789abcdef"])
    ),
)
def test_any_setting_in_an_export_ends_in_a_clean_import_or_our_own_error(log_file, key, value):
    attempt(log_file, "json", _dumps({**CORPUS.FORMAT, "settings": {key: value}}, True), "settings")


# Per column: values the kit takes, then values it must refuse.
_CSV_POOLS = {
    "date": (["2026-03-04", "04-03-2026"], ["4/3/26", "2026-W01-1", "2026-02-30", "0001-01-01"]),
    "person": (["Sam", "=Evil()", "'+31", "Zoë", "a;b"], ["\u200b", " ", "S\x00m"]),
    "planned_minutes": (["30", "45", "30,0"], ["3_0", "0", "481", "1e3", "-5"]),
    "notes": (["", "line\nbreak", "'=SUM(A1)", '"quoted"'], ["\x07"]),
    "uid": (["m-1", "m-2", "m-3", ""], ["=cmd", "m 1"]),
    "demo": (["", "0", "1"], ["yes", "2"]),
    "needs": (["", "growth", "growth;support"], ["gossip"]),
    "status": (["", "held", "cancelled"], ["maybe"]),
    "x": ([""], ["x"]),
}


def _cell(name: str):
    good, bad = _CSV_POOLS[name]
    # Mostly good cells, so that whole files are also taken and their counts checked.
    choose = st.tuples(
        st.integers(0, 9), st.sampled_from(good), st.sampled_from(bad), st.text(max_size=10)
    )
    return choose.map(lambda c: c[1] if c[0] < 8 else c[2] if c[0] == 8 else c[3])


@st.composite
def broken_csvs(draw) -> bytes:
    """A meetings CSV: mostly well-formed columns with plausible and hostile cells mixed."""
    required = ["date", "person", "planned_minutes"]
    optional = [c for c in _CSV_POOLS if c not in (*required, "x")]
    pick = draw(st.integers(0, 9))
    header = required[:] if pick < 8 else required[:2] if pick == 8 else []
    header = header + draw(st.lists(st.sampled_from(optional), unique=True, max_size=4))
    if not header or draw(st.integers(0, 9)) == 9:  # now and then a column twice, or "x"
        header.append(draw(st.sampled_from(list(_CSV_POOLS))))
    rows = draw(
        st.lists(st.tuples(*(_cell(name) for name in header)).map(list), min_size=1, max_size=4)
    )
    sep = draw(st.sampled_from([",", ";", "\t"]))

    def quoted(text: str) -> str:
        if any(c in text for c in (sep, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [sep.join(header), *(sep.join(quoted(c) for c in r) for r in rows)]
    text = "\r\n".join(lines) + draw(st.sampled_from(["\r\n", "\r\n", "\n", ""]))
    return text.encode("utf-8", "surrogatepass")


@HOSTILE
@given(payload=broken_csvs())
def test_any_broken_csv_ends_in_a_clean_import_or_our_own_error(log_file, payload):
    attempt(log_file, "csv", payload, "csv (property)")


@HOSTILE
@given(payload=mangled_bytes(CORPUS.cases()["csv.accept.formula-cells.csv"]))
def test_any_mangled_csv_bytes_end_in_a_clean_import_or_our_own_error(log_file, payload):
    attempt(log_file, "csv", payload, "csv bytes (property)")


_ics_values = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.sampled_from(
        [
            "20261102T100000Z",
            "20261102T100000",
            "20261102",
            "120000",
            "20261105T100000Z/PT30M",
            "FREQ=WEEKLY;COUNT=3",
            "FREQ=DAILY;UNTIL=20261110",
            "FREQ=MINUTELY",
            "FREQ=WEEKLY;BYDAY=XX",
            "PT30M",
            "-PT1H",
            "P1000D",
        ]
    ),
)
_ics_props = st.sampled_from(
    [
        "DTSTART",
        "DTSTART;TZID=Europe/Amsterdam",
        "DTSTART;TZID=Mars/Olympus_Mons",
        'DTSTART;TZID="W. Europe Standard Time"',
        "DTEND;TZID=America/New_York",
        "DTSTART;VALUE=DATE",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "RDATE;VALUE=TIME",
        "RDATE;VALUE=PERIOD",
        "RDATE;VALUE=DATE",
        "EXDATE",
        "EXDATE;VALUE=DATE",
        "RECURRENCE-ID",
        "STATUS",
        "SUMMARY",
        "UID",
        "ATTENDEE;CN=Sam",
        "ORGANIZER",
    ]
)


@st.composite
def broken_calendars(draw) -> bytes:
    """A calendar with one or two events made of any of the time properties, any values."""
    events = []
    for _ in range(draw(st.integers(1, 2))):
        lines = ["UID:ev@example", "SUMMARY:1:1 Sam", "DTSTART:20261102T100000Z"]
        for _ in range(draw(st.integers(0, 5))):
            lines.append(f"{draw(_ics_props)}:{draw(_ics_values)}")
        events.append(lines)
    body = []
    for lines in events:
        body += ["BEGIN:VEVENT", "DTSTAMP:20261101T000000Z", *lines, "END:VEVENT"]
    zone = draw(st.sampled_from(["", "Europe/Amsterdam", "Nowhere", "+01:00"]))
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", *([f"X-WR-TIMEZONE:{zone}"] if zone else [])]
    text = "\r\n".join([*head, *body, "END:VCALENDAR"]) + "\r\n"
    return text.encode("utf-8")


@HOSTILE
@given(payload=broken_calendars())
def test_any_broken_calendar_ends_in_a_clean_import_or_our_own_error(log_file, payload):
    attempt(log_file, "ics", payload, "ics (property)")


_valid_summary = {
    **CORPUS.SUMMARY,
    "assessments": {"needs": {"scale_max": 5, "sittings": 2, "first": {}, "latest": {}}},
    "log": {
        "meetings": 3,
        "held": 3,
        "per_four_weeks": 2.0,
        "agenda": {"employee": 1},
        "talk_share": {"latest": 40},
        "follow_through": {"rate": 0.5},
        "needs": {"growth": {"share": 0.5}},
        "neglected": ["support"],
    },
}


@st.composite
def broken_summaries(draw) -> bytes:
    doc = json.loads(json.dumps(_valid_summary))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(["top", "log", "assessments"]))
        value = draw(_json_values)
        if where == "top":
            doc[draw(st.sampled_from(["format", "version", "participant", "log"]))] = value
        elif isinstance(doc.get(where), dict):
            doc[where][draw(st.sampled_from([*doc[where], "needs"]))] = value
    return _dumps(doc, draw(st.booleans()))


@HOSTILE
@given(payload=broken_summaries())
def test_any_broken_cohort_summary_ends_in_a_summary_or_our_own_error(log_file, payload):
    attempt(log_file, "summary", payload, "summary (property)")


# ---- property-based: a damaged store file ---------------------------------------------------
@HOSTILE
@given(
    damage=st.lists(st.tuples(st.integers(0, 2**20), st.integers(0, 255)), min_size=1, max_size=6),
    cut=st.one_of(st.none(), st.integers(0, 2**20)),
)
def test_any_damaged_store_file_is_refused_in_words_or_still_reads(log_file, damage, cut):
    from oneonone_kit.errors import StoreError

    log_file.reset()
    raw = bytearray(log_file.original)
    for at, value in damage:
        raw[at % len(raw)] = value
    if cut is not None:
        del raw[cut % len(raw) :]
    log_file.path.write_bytes(bytes(raw))
    damaged = log_file.path.read_bytes()
    try:
        with Store.open(log_file.path, backup=False) as store:
            store.meetings(), store.experiments(), store.intervals(), transfer.export_json(store)
    except StoreError as refused:
        assert refused.message("nl") and refused.message("en")
        assert log_file.path.read_bytes() == damaged, "a refused store file was changed"
        TRIED["damaged store", "refused"] += 1
    except Exception:
        TRIED["any", "raw"] += 1
        raise
    else:
        TRIED["damaged store", "accepted"] += 1
