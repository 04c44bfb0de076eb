"""A base full of Smiths in one district is de-duplicated without comparing
every Smith with every other: large blocks are split or skipped, and counted."""

from __future__ import annotations

from dataclasses import replace

from everthread.customers.matching import CustomerRecord, find_duplicates
from everthread.customers.matching.synthetic import synthetic_base


def _smiths(people: int) -> list[CustomerRecord]:
    base = synthetic_base(people, duplicate_share=0.05, household_share=0.0, seed=51)
    return [replace(r, family_name="Smith", postcode="M1 " + r.postcode[-3:]) for r in base.records]


def test_many_identical_surnames_do_not_make_every_pair_a_candidate() -> None:
    records = _smiths(3000)

    report = find_duplicates(records).blocking

    every_pair = len(records) * (len(records) - 1) // 2
    assert report.pairs_compared < every_pair / 20
    assert report.blocks_split >= 1


def test_work_grows_with_the_base_not_with_its_square() -> None:
    small = find_duplicates(_smiths(2000)).blocking.pairs_compared
    large = find_duplicates(_smiths(8000)).blocking.pairs_compared

    assert large < 8 * small  # four times the records; all pairs would be sixteen times
