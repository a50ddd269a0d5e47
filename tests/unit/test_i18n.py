"""Strings in the learner's language, and dates and numbers written the way they read them."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_kit import i18n
from oneonone_kit.errors import ImportProblem, KitError


def test_t_fills_placeholders_in_both_languages():
    assert (
        i18n.t("log.saved", "en", person="Bo", date="Tue 3 Mar 2026", count=3)
        == "Saved: Bo, Tue 3 Mar 2026. You now have 3 meetings in your log."
    )
    assert (
        i18n.t("log.saved", "nl", person="Bo", date="di 3 mrt 2026", count=3)
        == "Opgeslagen: Bo, di 3 mrt 2026. Je logboek telt nu 3 gesprekken."
    )


# ---- plural forms ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "lang, count, expected",
    [
        ("en", 0, "0 meetings in your log."),
        ("en", 1, "1 meeting in your log."),
        ("en", 2, "2 meetings in your log."),
        ("nl", 0, "0 gesprekken in je logboek."),
        ("nl", 1, "1 gesprek in je logboek."),
        ("nl", 2, "2 gesprekken in je logboek."),
    ],
)
def test_a_plural_string_takes_its_form_from_count(lang, count, expected):
    assert i18n.t("log.count", lang, count=count) == expected


@pytest.mark.parametrize(
    "lang, count, expected",
    [
        ("en", 0, "Nothing was imported: 0 problems found. Fix them in the file and try again."),
        ("en", 1, "Nothing was imported: 1 problem found. Fix it in the file and try again."),
        ("en", 2, "Nothing was imported: 2 problems found. Fix them in the file and try again."),
        (
            "nl",
            0,
            "Er is niets geïmporteerd: 0 problemen gevonden. Pas ze aan in het bestand en probeer opnieuw.",
        ),
        (
            "nl",
            1,
            "Er is niets geïmporteerd: 1 probleem gevonden. Pas het aan in het bestand en probeer opnieuw.",
        ),
        (
            "nl",
            2,
            "Er is niets geïmporteerd: 2 problemen gevonden. Pas ze aan in het bestand en probeer opnieuw.",
        ),
    ],
)
def test_an_error_message_counts_its_problems_in_words(lang, count, expected):
    rows = [(n + 2, "date", "error.required") for n in range(count)]
    assert ImportProblem("import.refused", rows=rows).message(lang) == expected


def test_plural_form_is_one_only_for_exactly_one():
    assert [i18n.plural_form(n) for n in (0, 1, 2, 11, 21)] == [
        "other",
        "one",
        "other",
        "other",
        "other",
    ]


@pytest.mark.parametrize(
    "lang, total, expected",
    [
        ("en", 1, "Added 1 meeting from your calendar. Your log now holds 1 meeting."),
        ("en", 3, "Added 1 meeting from your calendar. Your log now holds 3 meetings."),
        ("nl", 1, "1 gesprek uit je agenda toegevoegd. Je logboek telt nu 1 gesprek."),
        ("nl", 3, "1 gesprek uit je agenda toegevoegd. Je logboek telt nu 3 gesprekken."),
    ],
)
def test_a_second_number_counts_through_a_nested_text(lang, total, expected):
    total_text = i18n.Text("plural.meetings", {"count": total})
    assert i18n.t("calendar.imported", lang, count=1, total=total_text) == expected


@pytest.mark.parametrize(
    "lang, found, likely, expected",
    [
        ("en", 1, 0, "1 timed event found; 0 look like one-on-ones and are ticked."),
        ("en", 2, 1, "2 timed events found; 1 looks like a one-on-one and is ticked."),
        ("en", 3, 2, "3 timed events found; 2 look like one-on-ones and are ticked."),
        ("nl", 1, 0, "1 afspraak met een tijd gevonden; 0 daarvan lijken een één-op-één en zijn"),
        ("nl", 2, 1, "2 afspraken met een tijd gevonden; 1 daarvan lijkt een één-op-één en is"),
        ("nl", 3, 2, "3 afspraken met een tijd gevonden; 2 daarvan lijken een één-op-één en zijn"),
    ],
)
def test_two_counts_in_one_sentence_each_take_their_own_form(lang, found, likely, expected):
    likely_text = i18n.Text("calendar.found_likely", {"count": likely})
    assert i18n.t("calendar.found", lang, count=found, likely=likely_text).startswith(expected)


@pytest.mark.parametrize(
    "lang, count, expected",
    [
        ("en", 0, "(0 meetings rated by both)."),
        ("en", 1, "(1 meeting rated by both)."),
        ("en", 2, "(2 meetings rated by both)."),
        ("nl", 0, "(0 gesprekken door ons allebei gescoord)."),
        ("nl", 1, "(1 gesprek door ons allebei gescoord)."),
        ("nl", 2, "(2 gesprekken door ons allebei gescoord)."),
    ],
)
def test_the_rating_note_counts_meetings_in_words(lang, count, expected):
    assert i18n.t("chart.perception.same", lang, count=count).endswith(expected)


def test_a_plural_string_without_count_is_a_key_error():
    with pytest.raises(KeyError):
        i18n.t("log.count", "en")


def test_t_without_values_returns_the_plain_string():
    assert i18n.t("log.save", "en") == "Save meeting"
    assert i18n.t("log.save", "nl") == "Gesprek opslaan"


def test_t_defaults_to_english_and_accepts_any_case():
    assert i18n.t("status.held") == "held"
    assert i18n.t("status.held", " NL ") == "gehouden"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_missing_key_raises_key_error(lang):
    with pytest.raises(KeyError):
        i18n.t("no.such.key", lang)
    assert not i18n.has("no.such.key", lang)
    assert i18n.has("log.save", lang)


def test_missing_placeholder_value_raises_key_error():
    with pytest.raises(KeyError):
        i18n.t("log.saved", "en", person="Bo")


@pytest.mark.parametrize("lang", ["fr", "", "english"])
def test_unknown_language_is_refused_with_the_choices(lang):
    with pytest.raises(i18n.UnknownLanguageError) as info:
        i18n.t("log.save", lang)
    assert repr(lang) in str(info.value)
    assert "en, nl" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_an_unknown_language_is_a_kit_error_in_both_languages():
    error = i18n.UnknownLanguageError("fr", "--lang")
    assert isinstance(error, KitError) and error.exit_code == 2
    assert error.message("en") == "Unknown language 'fr' (--lang): choose one of en, nl."
    assert error.message("nl") == "Onbekende taal ‘fr’ (--lang): kies uit en, nl."


# ---- choosing the language: one function for kernel, server and CLI ---------------------------
@pytest.fixture
def no_setting(monkeypatch):
    monkeypatch.delenv("ONEONONE_LANG", raising=False)


@pytest.mark.parametrize(
    "sources, expected",
    [
        ({}, "en"),  # the default
        ({"setting": "nl"}, "nl"),  # ONEONONE_LANG
        ({"folder": "nl", "setting": "en"}, "nl"),  # the notebook folder beats the setting
        ({"folder": "notebooks", "setting": "nl"}, "nl"),  # any other folder says nothing
        ({"query": "NL", "folder": "en", "setting": "en"}, "nl"),  # ?lang= beats the folder
        ({"flag": " nl ", "setting": "en"}, "nl"),  # --lang beats the setting
    ],
)
def test_the_language_comes_from_the_first_source_that_names_one(no_setting, sources, expected):
    assert i18n.choose_lang(**sources) == expected


def test_the_setting_is_read_from_oneonone_lang(monkeypatch):
    monkeypatch.setenv("ONEONONE_LANG", " NL ")
    assert i18n.choose_lang() == "nl"
    assert i18n.choose_lang(folder="en") == "en"


@pytest.mark.parametrize(
    "sources, source",
    [
        ({"flag": "fr"}, "--lang"),
        ({"query": "de", "folder": "nl"}, "?lang="),
        ({"setting": "english"}, "ONEONONE_LANG"),
        ({"flag": "nl", "setting": "fr"}, "ONEONONE_LANG"),  # wrong even when not needed
        ({"folder": "nl", "setting": "fr"}, "ONEONONE_LANG"),
    ],
)
def test_a_bad_language_value_is_refused_from_every_source(no_setting, sources, source):
    with pytest.raises(i18n.UnknownLanguageError) as info:
        i18n.choose_lang(**sources)
    assert info.value.values["source"] == source
    assert "choose one of en, nl" in info.value.message("en")


def test_check_lang_normalises_and_defaults():
    assert i18n.check_lang(None) == "en"
    assert i18n.check_lang("NL") == "nl"


def test_catalogue_leaves_out_comment_keys():
    assert not any(key.startswith("_") for key in i18n.catalogue("en"))
    assert not any(key.startswith("_") for key in i18n.catalogue("nl"))


def test_placeholders_lists_named_fields():
    assert i18n.placeholders("Row {row}, {field}: {message}") == {"row", "field", "message"}
    assert i18n.placeholders("no fields") == set()


def test_format_date_in_english_and_dutch():
    day = dt.date(2026, 3, 3)
    assert i18n.format_date(day, "en") == "Tue 3 Mar 2026"
    assert i18n.format_date(day, "nl") == "di 3 mrt 2026"
    assert i18n.format_date(day, "nl", weekday=False) == "3 mrt 2026"
    assert i18n.format_date(dt.date(2026, 3, 1), "nl") == "zo 1 mrt 2026"
    assert i18n.format_date(dt.date(2026, 10, 26), "en") == "Mon 26 Oct 2026"
    assert i18n.format_date(dt.date(2026, 10, 26), "nl") == "ma 26 okt 2026"


def test_month_label_in_english_and_dutch():
    assert i18n.month_label(dt.date(2026, 5, 17), "en") == "May 2026"
    assert i18n.month_label(dt.date(2026, 5, 17), "nl") == "mei 2026"


def test_format_number_uses_decimal_comma_in_dutch():
    assert i18n.format_number(1234.5, "en") == "1,234.5"
    assert i18n.format_number(1234.5, "nl") == "1.234,5"
    assert i18n.format_number(1234567.891, "nl", decimals=2) == "1.234.567,89"
    assert i18n.format_number(0.25, "nl", decimals=2) == "0,25"
    assert i18n.format_number(42, "nl", decimals=0) == "42"
    assert i18n.format_number(-1500, "en", decimals=0) == "-1,500"


def test_format_percent_in_english_and_dutch():
    assert i18n.format_percent(0.65, "en") == "65%"
    assert i18n.format_percent(0.65, "nl") == "65%"
    assert i18n.format_percent(0.125, "en", decimals=1) == "12.5%"
    assert i18n.format_percent(0.125, "nl", decimals=1) == "12,5%"
    assert i18n.format_percent(1, "en") == "100%"


@pytest.mark.parametrize(
    "sources, expected",
    [
        ({"setting": "de"}, "en"),  # a directly started Voila: English
        ({"setting": "english"}, "en"),
        ({"folder": "nl", "setting": "fr"}, "nl"),
        ({"query": "nl", "setting": "fr"}, "nl"),
    ],
)
def test_a_page_passes_an_unusable_oneonone_lang_over(monkeypatch, sources, expected):
    monkeypatch.delenv("ONEONONE_LANG", raising=False)
    assert i18n.choose_lang(**sources, strict_setting=False) == expected


def test_a_page_still_refuses_an_unknown_lang_in_its_address():
    with pytest.raises(i18n.UnknownLanguageError):
        i18n.choose_lang(query="fr", setting="nl", strict_setting=False)


def test_the_note_on_an_unusable_oneonone_lang_says_what_and_what_to_do(monkeypatch):
    monkeypatch.setenv("ONEONONE_LANG", "de")
    assert i18n.choose_lang(strict_setting=False) == "en"
    assert i18n.setting_note("en") == (
        "ONEONONE_LANG is set to ‘de’, which is not a language of this workbook, so it is "
        "ignored and this page uses its usual language. To choose one, set ONEONONE_LANG to "
        "one of en, nl (or remove it) and restart the server."
    )
    assert "ONEONONE_LANG staat op ‘de’" in i18n.setting_note("nl")
    for fine in ("nl", " EN ", ""):
        assert i18n.setting_note("en", fine) is None


def test_a_kernel_shows_the_note_once_above_the_first_widget(monkeypatch, tmp_path):
    from oneonone_kit.ui import session

    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    monkeypatch.setenv("ONEONONE_LANG", "de")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.chdir(tmp_path)
    session.reset()
    try:
        assert session.lang() == "en" and session.lang() == "en"
    finally:
        session.reset()
    assert len(shown) == 1 and "oo-lang-note" in shown[0]._dom_classes
    assert shown[0].text.startswith("ONEONONE_LANG is set to ‘de’")
