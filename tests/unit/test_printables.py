"""Printable workshop material: A4 PDFs drawn from the content data, in both languages.

The PDFs are read back with pdftotext, so the tests see what a printer would print.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from kit_helpers import run

from oneonone_kit import ui
from oneonone_kit.charts import printables
from oneonone_kit.coach import handouts, trio
from oneonone_kit.i18n import t
from oneonone_kit.items import items

LANGS = ("en", "nl")
# A4 is 210 x 297 mm = 595.3 x 841.9 pt; the figure is 8.27 x 11.69 in = 595.4 x 841.7 pt.
A4_POINTS = (595.3, 841.9)


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        # A skip here would pass without reading the PDF at all.
        pytest.fail(f"{tool} is missing: install poppler-utils (tools/system-packages.sh)")
    return found


def pdf_text(path: Path) -> str:
    return subprocess.run(
        [_poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        [_poppler("pdfinfo"), "-f", "1", "-l", "999", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(w), float(h))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    ]


def flat(text: str) -> str:
    # pdftotext puts a space before a closing curly quote (“word ”); the printed page has none.
    return re.sub(r" ([”’])", r"\1", " ".join(text.split()))


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def handout_strings(handout: handouts.Handout) -> list[str]:
    """Every string the handout holds, read independently of the drawing code."""
    found = [handout.title, handout.intro]
    sections = list(handout.sections)
    for page in handout.cards:
        for card in page:
            found += [card.role, card.title]
            sections += card.sections
    for section in sections:
        found += [section.heading, section.text, *section.bullets, *section.boxes]
        found += section.fields
    return [text for text in found if text]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[tuple[str, str], tuple[Path, int]]:
    """Every printable in every language, written once for the whole module."""
    folder = tmp_path_factory.mktemp("print")
    result = {}
    for lang in LANGS:
        for kind in handouts.KINDS:
            pdf = printables.render(handouts.handout(kind, lang), lang)
            path = folder / f"{kind}-{lang}.pdf"
            path.write_bytes(pdf.data)
            result[kind, lang] = (path, pdf.pages)
    return result


@pytest.mark.parametrize("lang", LANGS)
def test_every_scenario_has_a_page_of_three_cards_with_its_title_on_each(printed, lang):
    path, pages = printed["cards", lang]
    scenarios = trio.scenarios(lang)
    assert len(scenarios) >= 3
    # one page for the employee's own topic, then one page per scenario
    assert pages == 1 + len(scenarios)
    text = pdf_text(path)
    page_texts = text.split("\f")
    for number, entry in enumerate(scenarios, start=2):
        page = flat(page_texts[number - 1])
        assert page.count(entry["title"]) == 3, entry["key"]
        for role in trio.ROLES:
            assert t(f"trio.role_{role}", lang) in page
        assert flat(entry["leader_card"]["trap"]) in page
        assert flat(entry["employee_card"]["holding_back"]) in page
        for focus in entry["observer_focus"]:
            assert flat(focus) in page


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", handouts.KINDS)
def test_each_printable_is_a4_and_prints_every_string_of_its_handout(printed, kind, lang):
    path, pages = printed[kind, lang]
    sizes = page_sizes(path)
    assert len(sizes) == pages >= 1
    for width, height in sizes:
        assert abs(width - A4_POINTS[0]) < 1.0 and abs(height - A4_POINTS[1]) < 1.0
    text = flat(pdf_text(path))
    for string in handout_strings(handouts.handout(kind, lang)):
        assert flat(string) in text, string


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", handouts.KINDS)
def test_no_printed_word_comes_from_anywhere_but_the_content_data(printed, kind, lang):
    path, pages = printed[kind, lang]
    handout = handouts.handout(kind, lang)
    footers = " ".join(
        t("print.footer", lang, title=handout.title, page=n, total=pages)
        for n in range(1, pages + 1)
    )
    allowed = words(" ".join(handout_strings(handout))) | words(footers)
    assert words(pdf_text(path)) - allowed == set()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["observer", "prepare", "summary", "questions"])
def test_sheets_and_handouts_fit_on_one_page(printed, kind, lang):
    assert printed[kind, lang][1] == 1


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_lists_three_beliefs_four_behaviours_seven_needs_and_five_questions(lang):
    summary = handouts.handout("summary", lang)
    bullets = [len(section.bullets) for section in summary.sections]
    assert bullets[:4] == [3, 4, 7, 5]
    assert [s.bullets[0] for s in summary.sections[:3]] == [
        items("beliefs", lang)[0]["title"],
        items("behaviours", lang)[0]["title"],
        items("needs", lang)[0]["title"],
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_question_bank_holds_every_question_of_every_need(lang):
    bank = handouts.handout("questions", lang)
    expected = [q for need in items("needs", lang) for q in need["questions"]]
    assert [q for section in bank.sections for q in section.bullets] == expected


def test_the_observer_sheet_has_a_line_for_every_question_kind_and_a_box_per_closing_check():
    sheet = handouts.handout("observer", "en")
    fields = [f for section in sheet.sections for f in section.fields]
    boxes = [b for section in sheet.sections for b in section.boxes]
    for kind in ("Open", "Closed", "Leading", "Follow-up"):
        assert kind in fields
    assert len(boxes) == 3


def test_an_unknown_handout_is_refused():
    with pytest.raises(KeyError):
        handouts.handout("poster", "en")


def test_wrap_keeps_words_whole_and_lines_within_the_width():
    text = "one two three four five six seven eight nine ten"
    lines = printables.wrap(text, 60.0, 10.0)
    assert " ".join(lines) == text
    assert len(lines) > 1
    for line in lines:
        assert printables._width(line, 10.0) <= 60.0 or " " not in line
    # a single word wider than the line stays whole on its own line
    assert printables.wrap("Rollenspelkaartenverzameling", 20.0, 10.0) == [
        "Rollenspelkaartenverzameling"
    ]
    assert printables.wrap("", 100.0, 10.0) == [""]


# -- the command line -------------------------------------------------------------------


@pytest.fixture
def home(tmp_home) -> Path:
    """The folder around the throw-away home (``tmp_home``): where a test's files go."""
    return tmp_home.parent


def test_print_writes_a_private_dutch_pdf(capsys, home):
    out = home / "kaarten.pdf"
    code, said, err = run(capsys, "print", "observer", "--lang", "nl", "--out", str(out))
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"%PDF")
    assert "Observatieformulier" in pdf_text(out)
    assert "Observatieformulier" in said and str(out) in said


def test_print_without_out_names_the_file_after_kind_and_language(capsys, home, monkeypatch):
    monkeypatch.chdir(home)
    code, said, err = run(capsys, "print", "prepare")
    assert code == 0, err
    assert (home / "oneonone-prepare-en.pdf").is_file()


@pytest.mark.parametrize(
    "args, words_in_error",
    [
        (["print", "cards", "--out", "cards.png"], ["cards.png", ".png", ".pdf"]),
        (["print", "poster"], ["poster", "cards", "questions"]),
        (["print"], ["cards", "observer", "prepare", "summary", "questions"]),
    ],
)
def test_print_explains_a_wrong_suffix_an_unknown_or_missing_kind(
    capsys, home, monkeypatch, args, words_in_error
):
    monkeypatch.chdir(home)
    code, said, err = run(capsys, *args)
    assert code == 2 and said == ""
    assert "Traceback" not in err
    for word in words_in_error:
        assert word in err
    assert not list(home.glob("*.png")) and not list(home.glob("*.pdf"))


def test_print_refuses_a_language_it_does_not_have(capsys, home, monkeypatch):
    monkeypatch.chdir(home)
    code, said, err = run(capsys, "print", "cards", "--lang", "fr")
    assert code == 2 and said == ""
    assert "fr" in err and "Traceback" not in err
    assert not list(home.glob("*.pdf"))


def test_print_help_speaks_dutch(capsys):
    code, said, _ = run(capsys, "--lang", "nl", "print", "--help")
    assert code == 0
    assert "observatieformulier" in said


# -- the start page's panel ---------------------------------------------------------------


def test_the_print_panel_makes_a_pdf_download_on_click(home):
    panel = ui.print_panel("nl")
    assert [value for _, value in panel.kind.options] == list(handouts.KINDS)
    panel.kind.value = "summary"
    panel.make.click()
    assert panel.last_error is None
    assert panel.pages == 1
    assert 'download="oneonone-summary-nl.pdf"' in panel.download.value
    assert "data:application/pdf;base64," in panel.download.value


@pytest.mark.parametrize("lang", LANGS)
def test_every_card_fits_its_third_of_the_page_at_full_size(lang):
    # a card that does not fit is drawn smaller, down to 6.5 pt: none should need to be
    width = printables.WIDTH - 2 * printables.MARGIN - 2 * printables.CARD_PAD
    room = (printables.BOTTOM - printables.CARD_TOP) / printables.CARDS_PER_PAGE - 46
    for page in handouts.handout("cards", lang).cards:
        assert len(page) == 3
        for card in page:
            rows = printables._card_lines(card, width, 9.5)
            assert printables._card_height(rows, 9.5) <= room, (card.role, card.title)


def test_the_start_page_with_its_print_panel_does_not_load_matplotlib(home):
    code = (
        "import sys; from oneonone_kit import ui; ui.start_page('nl'); "
        "print('matplotlib' in sys.modules)"
    )
    env = {**os.environ, "ONEONONE_HOME": str(home / "fresh")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "False"
