"""Strings in the learner's language, and dates and numbers written the way they read them."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_kit import i18n


def test_t_fills_placeholders_in_both_languages():
    assert (
        i18n.t("log.saved", "en", person="Bo", date="Tue 3 Mar 2026", count=3)
        == "Saved: Bo, Tue 3 Mar 2026. You now have 3 meeting(s) in your log."
    )
    assert (
        i18n.t("log.saved", "nl", person="Bo", date="di 3 mrt 2026", count=3)
        == "Opgeslagen: Bo, di 3 mrt 2026. Je logboek telt nu 3 gesprek(ken)."
    )


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
