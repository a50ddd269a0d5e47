"""First-versus-latest comparison of self-assessments, also when two share a timestamp."""

from __future__ import annotations

import datetime as dt

from oneonone_kit.insight.scoring import compare
from oneonone_kit.log.store import Store
from oneonone_kit.model import Assessment

SAME_MOMENT = dt.datetime(2026, 11, 2, 9, 30)


def _sitting(uid: str, growth: int, taken_at: dt.datetime = SAME_MOMENT) -> Assessment:
    return Assessment.create(uid=uid, kind="needs", answers={"growth": growth}, taken_at=taken_at)


def test_sittings_with_the_same_timestamp_keep_the_order_they_were_saved_in(tmp_home):
    # uids sort the other way round, so an order by uid would swap first and latest
    saved_first, saved_second = _sitting("f" * 32, 2), _sitting("0" * 32, 5)
    with Store.memory() as store:
        store.add_records([saved_first])
        store.add_records([saved_second])
        sittings = store.assessments("needs")
    change = compare(sittings)
    assert [s.uid for s in sittings] == ["f" * 32, "0" * 32]
    assert change is not None
    assert (change.first.uid, change.latest.uid) == ("f" * 32, "0" * 32)
    assert (change.first_mean, change.latest_mean, change.moved_up) == (2.0, 5.0, ("growth",))


def test_an_older_sitting_is_first_whatever_order_it_was_saved_in(tmp_home):
    later = _sitting("a" * 32, 4, SAME_MOMENT + dt.timedelta(days=30))
    earlier = _sitting("b" * 32, 1)
    with Store.memory() as store:
        store.add_records([later, earlier])
        change = compare(store.assessments("needs"))
    assert change is not None
    assert (change.first.uid, change.latest.uid) == ("b" * 32, "a" * 32)
    assert change.delta == 3.0


def test_a_single_sitting_has_nothing_to_compare():
    assert compare([_sitting("c" * 32, 3)]) is None


def _gap(*gaps: int):
    from oneonone_kit.insight.outcomes import PerceptionGap

    return PerceptionGap((), (), (), gaps, (), 0)


def test_a_perception_gap_reads_the_same_within_a_twentieth_of_a_point():
    # 20 meetings: one leader rating a point higher is a mean gap of exactly 0.05
    assert _gap(1, *[0] * 19).direction == "same"
    assert _gap(-1, *[0] * 19).direction == "same"
    # 19 meetings: 1/19 = 0.0526..., just over the edge on each side
    assert _gap(1, *[0] * 18).direction == "higher"
    assert _gap(-1, *[0] * 18).direction == "lower"
    assert _gap().direction == "same"  # no gaps at all
