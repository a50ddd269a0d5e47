"""Content items (beliefs, behaviours, needs, safety, experiments...) in both languages.

Keys, order and every language-neutral field match between English and Dutch; only text differs.
"""

from __future__ import annotations

import pytest
from kit_helpers import DUTCH_VARIANTS, strings_in

from oneonone_kit import i18n, model
from oneonone_kit.items import COLLECTIONS, item, items

LANGS = ("en", "nl")
# Fields that must be identical in every language.
NEUTRAL_FIELDS = (
    "reverse",
    "metric",
    "weeks",
    "from_article",
    "category",
    "answer",
    "area",
    "label",
    "needs",
)
# List fields whose length must match across languages.
LIST_FIELDS = ("signs_from", "signs_to", "signals", "questions", "agenda")
FRIEDMAN_CATEGORIES = {
    "tracking_reflecting",
    "planning_organizing",
    "rejuvenating_restoring",
    "appreciating_caring",
}
REQUIRED_FIELDS = {
    "beliefs": {"key", "title", "text", "looks_like", "rating_prompt"},
    "behaviours": {
        "key",
        "title",
        "from_label",
        "to_label",
        "text",
        "signs_from",
        "signs_to",
        "try_this",
    },
    "needs": {"key", "title", "text", "example", "signals", "questions"},
    "safety": {"key", "text", "reverse"},
    "practice_questions": {"key", "question", "label"},
    "scenarios": {"key", "title", "needs", "employee_card", "leader_card", "observer_focus"},
    "need_cases": {"key", "situation", "needs", "first_question", "explain"},
    "experiments": {"key", "title", "what", "why", "metric", "weeks", "from_article", "category"},
    "whose_meeting": {"key", "agenda", "answer", "explain"},
    "baseline": {"key", "area", "text"},
}
ARTICLE_EXPERIMENTS = {
    "employee_agenda": "agenda_ownership",
    "reflect_first": "talk_share",
    "shared_commitment": "follow_through",
    "ask_value": "employee_rating",
}
RESEARCHERS = ("edmondson", "friedman", "rogelberg", "bungay", "stanier")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_collection_loads_with_its_fields(collection, lang):
    loaded = items(collection, lang)
    assert loaded, f"{collection} ({lang}) is empty"
    for entry in loaded:
        assert set(entry) == REQUIRED_FIELDS[collection], (collection, lang, entry["key"])


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_both_languages_have_the_same_keys_in_the_same_order(collection):
    en_keys = [entry["key"] for entry in items(collection, "en")]
    nl_keys = [entry["key"] for entry in items(collection, "nl")]
    assert en_keys == nl_keys
    assert len(set(en_keys)) == len(en_keys), f"duplicate keys in {collection}"


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_language_neutral_fields_match_across_languages(collection):
    for en, nl in zip(items(collection, "en"), items(collection, "nl"), strict=True):
        assert set(en) == set(nl), en["key"]
        for name in NEUTRAL_FIELDS:
            if name in en:
                assert en[name] == nl[name], (collection, en["key"], name)
        for name in LIST_FIELDS:
            if name in en:
                assert len(en[name]) == len(nl[name]), (collection, en["key"], name)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_no_empty_strings_anywhere(collection, lang):
    for entry in items(collection, lang):
        for text in strings_in(entry):
            assert text.strip(), (collection, lang, entry["key"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_items_attribute_nothing_to_a_researcher(collection, lang):
    for entry in items(collection, lang):
        text = " ".join(strings_in(entry)).lower()
        assert not [name for name in RESEARCHERS if name in text], (collection, lang, entry["key"])


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_dutch_items_write_one_on_one_as_een_op_een(collection):
    for entry in items(collection, "nl"):
        text = " ".join(strings_in(entry)).lower()
        assert not DUTCH_VARIANTS.search(text), entry["key"]


def test_beliefs_are_the_three_of_the_mindset():
    assert [b["key"] for b in items("beliefs")] == [
        "growth_performance",
        "active_listening",
        "clarity_care",
    ]


def test_behaviours_are_the_four_spectrums():
    assert [b["key"] for b in items("behaviours")] == [
        "curiosity",
        "presence",
        "consistency",
        "balance",
    ]
    for lang in LANGS:
        for entry in items("behaviours", lang):
            assert 2 <= len(entry["signs_from"]) <= 3
            assert 2 <= len(entry["signs_to"]) <= 3


@pytest.mark.parametrize("lang", LANGS)
def test_needs_follow_the_model_and_carry_the_catalogue_titles(lang):
    needs = items("needs", lang)
    assert tuple(n["key"] for n in needs) == model.NEEDS
    for entry in needs:
        assert entry["title"] == i18n.t(f"need.{entry['key']}", lang)
        assert len(entry["signals"]) == 2
        assert len(entry["questions"]) == 4


def test_only_safety_items_one_three_and_five_are_reverse_scored():
    reverse = {entry["key"] for entry in items("safety") if entry["reverse"]}
    assert [entry["key"] for entry in items("safety")] == [f"s{i}" for i in range(1, 8)]
    assert reverse == {"s1", "s3", "s5"}
    assert all(isinstance(entry["reverse"], bool) for entry in items("safety"))


@pytest.mark.parametrize("lang", LANGS)
def test_experiments_have_known_metrics_weeks_and_categories(lang):
    experiments = items("experiments", lang)
    assert len(experiments) >= 12
    for entry in experiments:
        assert entry["metric"] in model.EXPERIMENT_METRICS, entry["key"]
        assert isinstance(entry["weeks"], int) and not isinstance(entry["weeks"], bool)
        assert 2 <= entry["weeks"] <= 10, entry["key"]
        assert isinstance(entry["from_article"], bool)
        assert entry["category"] is None or entry["category"] in FRIEDMAN_CATEGORIES, entry["key"]


def test_the_four_article_experiments_come_first_and_are_flagged():
    experiments = items("experiments")
    first_four = {entry["key"]: entry["metric"] for entry in experiments[:4]}
    assert first_four == ARTICLE_EXPERIMENTS
    flagged = {entry["key"] for entry in experiments if entry["from_article"]}
    assert flagged == set(ARTICLE_EXPERIMENTS)
    assert sum(not entry["from_article"] for entry in experiments) >= 8


def test_whose_meeting_agendas_have_a_valid_answer():
    agendas = items("whose_meeting")
    assert len(agendas) == 5
    for entry in agendas:
        assert entry["answer"] in {"leader", "employee", "shared"}
        assert 3 <= len(entry["agenda"]) <= 4
    assert {entry["answer"] for entry in agendas} == {"leader", "employee", "shared"}


def test_baseline_covers_mindset_behaviours_and_needs():
    baseline = items("baseline")
    assert len(baseline) == 8
    assert {entry["area"] for entry in baseline} == {"mindset", "behaviours", "needs"}


def test_item_finds_one_entry_by_key_and_rejects_unknown_keys():
    assert item("needs", "support", "nl")["title"] == "Wederzijdse steun"
    with pytest.raises(KeyError):
        item("needs", "nonexistent", "en")
