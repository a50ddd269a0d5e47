"""The one-page report: PDF and Markdown, right figures, names replaced, notes never shown."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from oneonone_kit.charts import report
from oneonone_kit.i18n import t
from oneonone_kit.log.demo import demo_records
from oneonone_kit.model import Commitment, Experiment, Meeting

MON = dt.date(2026, 1, 5)
TODAY = dt.date(2026, 2, 10)
SECRET = "SECRET-NOTE-42"


def day(offset: int) -> dt.date:
    return MON + dt.timedelta(days=offset)


def log() -> tuple[list[Meeting], list[Commitment], list[Experiment]]:
    ana = [
        Meeting(
            date=day(7 * i),
            person="Ana Bakker",
            planned_minutes=30,
            agenda_by=agenda,
            talk_share=talk,
            needs=("growth",) if i == 0 else (),
            notes=SECRET,
            leader_rating=4,
            employee_rating=3,
            uid=f"ana{i}",
        )
        for i, (agenda, talk) in enumerate(
            (("leader", 60), ("leader", 60), ("employee", 30), ("employee", 30))
        )
    ]
    ana.append(
        Meeting(
            date=day(28), person="Ana Bakker", planned_minutes=30, status="cancelled", notes=SECRET
        )
    )
    bo = [
        Meeting(
            date=day(7 * i + 1), person="Bo Smit", planned_minutes=45, talk_share=40, notes=SECRET
        )
        for i in range(2)
    ]
    commitments = [
        Commitment(
            person="Ana Bakker", text=f"{SECRET} draft", due=day(7), kept=True, meeting="ana0"
        ),
        Commitment(person="Ana Bakker", text="plan", due=day(14), kept=False, meeting="ana1"),
    ]
    experiments = [
        Experiment(
            what="Ana Bakker writes the agenda",
            start=day(14),
            end=day(42),
            metric="agenda_ownership",
            notes=SECRET,
            why=SECRET,
        )
    ]
    return ana + bo, commitments, experiments


def md(**kwargs) -> str:
    meetings, commitments, experiments = log()
    return report.markdown_report(meetings, commitments, experiments, today=TODAY, **kwargs)


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        # A skip here would pass without reading the PDF at all.
        pytest.fail(
            "pdftotext is missing: install poppler-utils (tools/system-packages.sh does, "
            "or prints the command to run)"
        )
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_markdown_holds_the_right_figures():
    text = md()
    assert text.startswith("# My one-on-ones: report\n")
    assert "Period: 5 Jan 2026 to 10 Feb 2026." in text
    assert "Meetings logged: 7 (6 held, 0 rescheduled, 1 cancelled); people: 2." in text
    # talk shares 60, 60, 30, 30, 40, 40 -> mean 43%; agenda 2 of 4 recorded -> 50%
    assert "My estimated talk share: 43% on average" in text
    assert "The employee set or shared the agenda in 50% of the held meetings" in text
    assert "Commitments kept: 1 of 2 that were due (50%)" in text
    assert "On average I rate our meetings 1.0 points higher" in text
    # The people table now starts with each person's cadence (7 days when not set).
    assert "| Ana Bakker | 7 | 4 |" in text and "| Bo Smit | 7 | 2 |" in text
    assert "| Growth | 1 | 17% | 5 Jan 2026 |" in text
    assert "| Feedback | 0 | 0% | never |" in text


def test_markdown_lists_experiments_with_their_verdict():
    text = md()
    assert "## Experiments" in text and "### Ana Bakker writes the agenda" in text
    assert "Before: 0% (n = 2). During: 100% (n = 2)." in text
    assert t("metrics.verdict.too_few", "en", min_n=4) in text


def test_private_notes_and_commitment_texts_never_appear():
    text = md()
    assert SECRET not in text
    assert "draft" not in text


def test_markdown_in_dutch_uses_dutch_words_and_decimal_comma():
    text = md(lang="nl")
    assert text.startswith("# Mijn één-op-ééns: rapport\n")
    assert "Periode: 5 jan 2026 tot en met 10 feb 2026." in text
    assert "1,0 punt hoger" in text and "## Vragen voor mijn coachingsgesprek" in text


@pytest.mark.parametrize(
    ("names", "expected"),
    [("initials", ("A.B.", "B.S.")), ("pseudonyms", ("Person A", "Person B"))],
)
def test_names_are_replaced_everywhere(names, expected):
    text = md(names=names)
    assert "Ana" not in text and "Bakker" not in text and "Smit" not in text
    for name in expected:
        assert f"| {name} |" in text
    assert f"### {expected[0]} writes the agenda" in text
    assert t(f"report.names.{names}", "en") in text


def test_dutch_pseudonyms():
    assert "| Persoon A |" in md(names="pseudonyms", lang="nl")


def test_initials_that_collide_get_a_number():
    mapping = report.name_map(["Anna Bee", "Alex Boon", "Kim (demo)"], "initials")
    assert mapping == {"Alex Boon": "A.B.", "Anna Bee": "A.B. (2)", "Kim (demo)": "K."}


def test_unknown_names_option_is_refused():
    with pytest.raises(ValueError, match="names"):
        md(names="hidden")


def test_period_limits_the_meetings():
    text = md(start=day(14), end=day(21))
    assert "Period: 19 Jan 2026 to 26 Jan 2026." in text
    # Ana on 19 and 26 Jan; Bo's meetings (6 and 13 Jan) fall outside the period
    assert "Meetings logged: 2 (2 held, 0 rescheduled, 0 cancelled); people: 1." in text
    assert "Bo Smit" not in text


def test_markdown_escapes_names_that_would_break_a_table():
    meetings = [Meeting(date=MON, person="Jo | *Star*", planned_minutes=30)]
    text = report.markdown_report(meetings, today=TODAY)
    assert "| Jo \\| \\*Star\\* | 7 | 1 |" in text  # the cadence column comes second


def test_empty_log_still_gives_a_report():
    text = report.markdown_report([], today=TODAY, lang="nl")
    assert t("report.no_meetings", "nl") in text and "## Per persoon" not in text


def test_pdf_is_one_page(tmp_path):
    meetings, commitments, experiments = log()
    path = report.write_report(tmp_path / "r.pdf", meetings, commitments, experiments, today=TODAY)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and pdf_pages(data) == 1


def test_pdf_of_demo_log_in_dutch_with_pseudonyms_hides_names_and_notes(tmp_path):
    today = dt.date(2026, 11, 22)
    records = demo_records(today=today)
    path = report.write_report(
        tmp_path / "rapport.PDF",
        records["meetings"],
        records["commitments"],
        records["experiments"],
        lang="nl",
        names="pseudonyms",
        today=today,
    )
    assert pdf_pages(path.read_bytes()) == 1
    text = pdf_text(path)
    assert "Mijn één-op-ééns: rapport" in text and "Persoon A" in text
    assert "Alex" not in text and "Demo note" not in text


def test_pdf_never_shows_notes(tmp_path):
    meetings, commitments, experiments = log()
    path = report.write_report(
        tmp_path / "r.pdf", meetings, commitments, experiments, today=TODAY, names="initials"
    )
    text = pdf_text(path)
    assert SECRET not in text and "Bakker" not in text and "A.B." in text


def test_empty_pdf_is_one_page(tmp_path):
    path = report.write_report(tmp_path / "empty.pdf", [], today=TODAY)
    assert pdf_pages(path.read_bytes()) == 1


def test_markdown_file_is_written_as_utf8(tmp_path):
    meetings, commitments, experiments = log()
    path = report.write_report(
        str(tmp_path / "r.md"), meetings, commitments, experiments, lang="nl", today=TODAY
    )
    assert isinstance(path, Path)
    assert path.read_text("utf-8").startswith("# Mijn één-op-ééns")


def test_other_suffixes_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.pdf or \.md"):
        report.write_report(tmp_path / "r.docx", [])
    assert not (tmp_path / "r.docx").exists()


def test_today_defaults_to_the_environment(tmp_home):
    meetings, commitments, experiments = log()
    assert "to 22 Nov 2026." in report.markdown_report(meetings, commitments, experiments)
