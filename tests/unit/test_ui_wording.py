"""Wording the learner reads: a score that did not change says so."""

from __future__ import annotations

import pytest

from oneonone_kit.ui import session
from oneonone_kit.ui.assess import SelfAssessment


@pytest.fixture
def fresh(tmp_home):
    session.reset()
    yield
    session.reset()


def _answer_all(assessment: SelfAssessment, score: int) -> None:
    for scale in assessment.scales.values():
        scale.value = score
    assessment.save.click()


@pytest.mark.parametrize(
    ("lang", "unchanged"),
    [("en", "you also scored 3.0: no change since then"), ("nl", "scoorde je ook 3,0")],
)
def test_the_same_score_twice_says_it_did_not_change(fresh, lang, unchanged):
    first = SelfAssessment("beliefs", lang)
    _answer_all(first, 3)
    _answer_all(first, 3)
    assert unchanged in first.result.value
    assert "now 3.0" not in first.result.value


def test_a_changed_score_gives_then_and_now(fresh):
    assessment = SelfAssessment("beliefs", "en")
    _answer_all(assessment, 2)
    _answer_all(assessment, 4)
    # Both sittings share one timestamp here (ONEONONE_TODAY), so which one counts as "first"
    # is not the point: a change reads as "then; now", never as "no change".
    text = assessment.result.value
    assert "no change" not in text
    assert "2.0; now 4.0" in text or "4.0; now 2.0" in text


def test_copy_in_the_agenda_builder_is_a_real_button_next_to_the_text(fresh):
    from oneonone_kit.ui.agenda import AgendaBuilder

    builder = AgendaBuilder("nl")
    assert builder.copy.layout.display == "none"  # nothing to copy before an agenda exists
    assert "<button" in builder.copy.value and ">Kopiëren</button>" in builder.copy.value
    assert builder.plain.description == "Agenda als tekst"
