"""Dates of birth typed with two digits swapped, or day and month the other way
round, still point to one customer, and the reason names the slip."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from everthread.customers.matching import MATCH_THRESHOLD, CustomerRecord, find_duplicates
from everthread.customers.matching.synthetic import synthetic_base

AMARA = CustomerRecord(
    id="amara",
    given_name="Amara",
    family_name="Nwosu",
    date_of_birth=date(1984, 6, 21),
    postcode="B1 1AA",
    address_lines=("7 Colmore Row",),
    suburb="Birmingham",
)


def _pair_reasons(first: CustomerRecord, second: CustomerRecord, seed: int) -> tuple[str, ...]:
    records = [*synthetic_base(600, seed=seed).records, first, second]
    ids = {first.id, second.id}
    pair = next(p for p in find_duplicates(records).pairs if {p.left_id, p.right_id} == ids)
    assert pair.match_probability >= MATCH_THRESHOLD
    return pair.reasons


def test_two_neighbouring_digits_swapped_is_the_same_birth_date() -> None:
    typed = replace(AMARA, id="typed", date_of_birth="1984-06-12")

    assert "date of birth has two digits transposed" in _pair_reasons(AMARA, typed, seed=31)


def test_day_and_month_the_other_way_round_is_the_same_birth_date() -> None:
    march = replace(AMARA, id="march", date_of_birth=date(1984, 3, 7))
    july = replace(AMARA, id="july", date_of_birth="19840703")

    assert "day and month of birth swapped" in _pair_reasons(march, july, seed=32)
