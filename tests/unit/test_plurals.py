"""A number followed by a noun gets real plural forms, unless the number can never be 1.

"every 1 days", "after 1 hours": a placeholder that carries a count needs ``{"one", "other"}``
forms, chosen by ``count``. The strings below carry numbers that are never 1 (a fixed rule of
thumb, a limit, a total of a fixed set), so one form serves.
"""

from __future__ import annotations

import re

import pytest

from oneonone_kit.i18n import LANGUAGES, catalogue, t
from oneonone_kit.ui.agenda import basis_text

NOUNS = {
    "en": r"days|hours|minutes|weeks|months|meetings|pages|records|events|people|participants"
    r"|questions|cases|agendas|rows|levels|characters|letters|answers|values|items|files",
    "nl": r"dagen|uur|minuten|weken|maanden|gesprekken|pagina's|items|afspraken|mensen"
    r"|deelnemers|vragen|casussen|agenda's|rijen|niveaus|tekens|letters|antwoorden|waarden",
}
# The number in these is never 1: a constant, a limit, or more than another shown number.
NEVER_ONE = {
    "calendar.too_many",  # the calendar's listing limit
    "calendar.found_more",  # more events than the ones shown
    "chart.alt.needs",  # the neglect rule of thumb (3 held meetings)
    "chart.alt.needs_all",
    "chart.needs.neglected_note",
    "cohort.needs_note",
    "chart.cadence.row",  # "per 4 weeks"
    "cadence.bad_note",  # the default cadence
    "cli.person.default_note",
    "cli.list.some",  # more meetings than the ones shown
    "coach.practice.score",  # the practice set's size
    "demo.loaded",  # the demo log's size
    "error.date_far_future",  # limits
    "error.expected.room_code",
    "error.too_long",
    "error.bad_uid",
    "import.too_many_rows",
    "import.too_many_items",
    "import.too_deep",
    "case.score",  # the number of cases
    "case.score_none",
    "whose.score",  # the number of agendas
    "experiment.no_baseline",  # 2 to 10 weeks
    "trio.timer_running",  # 10 to 30 minutes
    "cohort.intro",  # the smallest group shown (3)
    "cohort.ready",
    "cohort.withheld",
    "cohort.log_withheld",
    "cohort.log.withheld",
}


def counted_nouns(text: str, lang: str) -> list[str]:
    """ "{n} days", "{count} held meetings": a placeholder, up to two words, then a noun."""
    # a number, then at most one adjective ("held"); {date} and {share} are no counts
    pattern = (
        r"\{(?!date\}|share\})\w+\} (?:(?!of |van |met |with )[\w-]+ )?(?:" + NOUNS[lang] + r")\b"
    )
    return re.findall(pattern, text)


def test_a_counted_noun_is_found():
    assert counted_nouns("after {hours} hours, {count} held meetings", "en") == [
        "{hours} hours",
        "{count} held meetings",
    ]
    assert counted_nouns("{count} gehouden gesprekken, {share} van de gesprekken", "nl") == [
        "{count} gehouden gesprekken"
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_with_a_count_before_a_noun_has_plural_forms(lang):
    missing = [
        f"{key}: {found}"
        for key, value in catalogue(lang).items()
        if isinstance(value, str) and key not in NEVER_ONE
        for found in counted_nouns(value, lang)
    ]
    assert missing == []


@pytest.mark.parametrize(
    "lang, hours, expected",
    [
        ("en", 1, "or 1 hour after you last used it"),
        ("en", 2.5, "or 2.5 hours after you last used it"),
        ("nl", 1, "of één uur nadat je het"),
        ("nl", 8, "of 8 uur nadat je het"),
    ],
)
def test_the_workshop_expiry_says_hour_or_hours(lang, hours, expected, monkeypatch):
    from oneonone_kit.web import room

    monkeypatch.setenv("ONEONONE_WORKSHOP_HOURS", str(hours))
    assert expected in room.banner_html(lang, "participant")


@pytest.mark.parametrize(
    "lang, days, expected",
    [
        ("en", 1, "Sam: every day"),
        ("en", 14, "Sam: every 14 days"),
        ("nl", 1, "Sam: elke dag"),
        ("nl", 14, "Sam: om de 14 dagen"),
    ],
)
def test_a_cadence_of_one_day_says_every_day(lang, days, expected):
    assert t("cadence.line", lang, person="Sam", count=days) == expected


def test_the_agenda_basis_counts_meetings_and_days_each_in_its_own_plural():
    import datetime as dt
    from types import SimpleNamespace

    agenda = SimpleNamespace(
        person="Sam",
        logged=1,
        last_met=dt.date(2026, 3, 3),
        interval_days=1,
        next_due=dt.date(2026, 3, 4),
    )
    assert basis_text(agenda, "en") == (
        "Based on the one meeting logged with Sam, on Tue 3 Mar 2026. "
        "You meet every day, so the next one is due Wed 4 Mar 2026."
    )
    agenda.logged, agenda.interval_days = 3, 7
    assert basis_text(agenda, "nl") == (
        "Op basis van 3 vastgelegde gesprekken met Sam, het laatste op di 3 mrt 2026. "
        "Jullie spreken elkaar om de 7 dagen, dus het volgende gesprek is rond wo 4 mrt 2026 "
        "aan de beurt."
    )
