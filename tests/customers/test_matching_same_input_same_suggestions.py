"""Running the duplicate finder twice on the same customers suggests the same
pairs, with the same scores and reasons: reviewers never see a list reshuffle."""

from __future__ import annotations

from everthread.customers.matching import find_duplicates
from everthread.customers.matching.synthetic import synthetic_base


def test_two_runs_on_the_same_records_agree_exactly() -> None:
    records = synthetic_base(1200, seed=71).records

    first, second = find_duplicates(records), find_duplicates(records)

    assert first.pairs == second.pairs
    assert first.blocking == second.blocking
    assert first.pairs, "the base has planted duplicates"
