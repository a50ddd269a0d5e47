"""The exercise content (role-play scenarios, "which need is this?" cases) in both languages.

Keys, order and the needs of every item match between English and Dutch; only the text differs.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from kit_helpers import DUTCH_VARIANTS, strings_in

from oneonone_kit import model
from oneonone_kit.coach import trio
from oneonone_kit.ui.need_cases import cases

LANGS = ("en", "nl")
LOADERS = {"scenarios": trio.scenarios, "need_cases": cases}
FIELDS = {
    "scenarios": {"key", "title", "needs", "employee_card", "leader_card", "observer_focus"},
    "need_cases": {"key", "situation", "needs", "first_question", "explain"},
}
CARD_PARTS = {
    "employee_card": {"brings", "situation", "holding_back"},
    "leader_card": {"knows", "trap"},
}


def _text_of(entry: dict[str, Any]) -> list[str]:
    """Every string of an item except its language-neutral key and needs."""
    return strings_in({k: v for k, v in entry.items() if k not in ("key", "needs")})


@pytest.mark.parametrize("collection", sorted(LOADERS))
def test_both_languages_have_the_same_keys_needs_and_shape(collection):
    load = LOADERS[collection]
    en, nl = load("en"), load("nl")
    assert [e["key"] for e in en] == [e["key"] for e in nl]
    assert len({e["key"] for e in en}) == len(en), "duplicate keys"
    for one, other in zip(en, nl, strict=True):
        assert set(one) == set(other) == FIELDS[collection], one["key"]
        assert one["needs"] == other["needs"], one["key"]
        for name, value in one.items():
            if isinstance(value, dict):
                assert set(value) == set(other[name]), (one["key"], name)
            if isinstance(value, list):
                assert len(value) == len(other[name]), (one["key"], name)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("collection", sorted(LOADERS))
def test_needs_are_one_or_two_known_needs(collection, lang):
    for entry in LOADERS[collection](lang):
        needs = entry["needs"]
        assert 1 <= len(needs) <= 2 and len(set(needs)) == len(needs), entry["key"]
        assert set(needs) <= set(model.NEEDS), entry["key"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("collection", sorted(LOADERS))
def test_no_empty_strings_anywhere(collection, lang):
    for entry in LOADERS[collection](lang):
        texts = _text_of(entry)
        assert texts and all(isinstance(s, str) and s.strip() for s in texts), entry["key"]


def test_there_are_at_least_six_scenarios_and_fourteen_cases():
    assert len(trio.scenarios("en")) >= 6
    assert len(cases("en")) >= 14


def test_every_need_is_in_at_least_two_cases_and_some_cases_carry_two():
    found = Counter(need for case in cases("en") for need in case["needs"])
    assert {need: found[need] for need in model.NEEDS if found[need] < 2} == {}
    assert any(len(case["needs"]) == 2 for case in cases("en"))
    assert any(len(case["needs"]) == 1 for case in cases("en"))


def test_the_scenarios_cover_every_need_and_differ_in_their_needs():
    scenarios = trio.scenarios("en")
    assert {n for s in scenarios for n in s["needs"]} == set(model.NEEDS)
    assert len({tuple(s["needs"]) for s in scenarios}) >= 6


@pytest.mark.parametrize("lang", LANGS)
def test_scenario_cards_have_every_part_and_something_to_watch(lang):
    for entry in trio.scenarios(lang):
        for card, parts in CARD_PARTS.items():
            assert set(entry[card]) == parts, (entry["key"], card)
        assert 2 <= len(entry["observer_focus"]) <= 4, entry["key"]


@pytest.mark.parametrize("lang", LANGS)
def test_suggested_first_questions_are_questions(lang):
    for case in cases(lang):
        assert case["first_question"].rstrip().endswith("?"), case["key"]


@pytest.mark.parametrize("lang", LANGS)
def test_situations_are_two_to_four_sentences(lang):
    for case in cases(lang):
        sentences = [
            s for s in re.split(r"(?<=[.?!])[\"”]?\s+(?=[A-Z\"“])", case["situation"]) if s
        ]
        assert 2 <= len(sentences) <= 4, (case["key"], len(sentences))


@pytest.mark.parametrize("collection", sorted(LOADERS))
def test_dutch_items_write_one_on_one_as_een_op_een(collection):
    for entry in LOADERS[collection]("nl"):
        assert not DUTCH_VARIANTS.search(" ".join(_text_of(entry)).lower()), entry["key"]
