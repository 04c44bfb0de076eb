"""People who share a home share an address, a landline and often an email;
that alone never makes them one customer."""

from __future__ import annotations

from datetime import date

from everthread.customers.matching import CustomerRecord, find_duplicates
from everthread.customers.matching.synthetic import synthetic_base

PRIYA = CustomerRecord(
    id="priya",
    given_name="Priya",
    family_name="Shah",
    date_of_birth=date(1979, 5, 30),
    postcode="NW1 6XE",
    address_lines=("221 Baker Street",),
    suburb="London",
    phones=("+442079460000",),
    emails=("the.shahs@example.com",),
)
ARJUN = CustomerRecord(
    id="arjun",
    given_name="Arjun",
    family_name="Shah",
    date_of_birth=date(1976, 1, 9),
    postcode="NW1 6XE",
    address_lines=("221 Baker Street",),
    suburb="London",
    phones=("+442079460000",),
    emails=("the.shahs@example.com",),
)
# Only the email is shared: a grown-up child who moved out but kept the family account.
MAYA = CustomerRecord(
    id="maya",
    given_name="Maya",
    family_name="Shah",
    date_of_birth=date(2001, 8, 17),
    postcode="E2 7DG",
    address_lines=("3 Columbia Road",),
    suburb="London",
    emails=("the.shahs@example.com",),
)


def _found(records: list[CustomerRecord]) -> set[frozenset[str | int]]:
    return {frozenset((p.left_id, p.right_id)) for p in find_duplicates(records).pairs}


def test_a_couple_sharing_address_landline_and_email_are_not_suggested() -> None:
    found = _found([*synthetic_base(800, seed=41).records, PRIYA, ARJUN, MAYA])

    assert frozenset(("priya", "arjun")) not in found
    assert frozenset(("priya", "maya")) not in found
    assert frozenset(("arjun", "maya")) not in found


def test_households_are_told_apart_from_duplicates_across_a_whole_base() -> None:
    base = synthetic_base(1500, duplicate_share=0.1, household_share=0.1, seed=42)

    found = _found(base.records)

    assert not found & {frozenset(pair) for pair in base.households}
    found_duplicates = found & {frozenset(pair) for pair in base.duplicates}
    assert len(found_duplicates) >= 0.95 * len(base.duplicates)
