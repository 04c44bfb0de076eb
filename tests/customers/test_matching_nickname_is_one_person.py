"""Bob at the till and Robert on the loyalty form are suggested as one customer,
and the reason says why, so the reviewer need not guess."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from everthread.customers.matching import MATCH_THRESHOLD, CustomerRecord, find_duplicates
from everthread.customers.matching.synthetic import synthetic_base

ROBERT = CustomerRecord(
    id="robert",
    given_name="Robert",
    family_name="Hartley",
    date_of_birth=date(1971, 3, 14),
    postcode="M1 4BT",
    address_lines=("12 King Street",),
    suburb="Manchester",
    phones=("+447700900123",),
)


def test_bob_is_suggested_as_robert_with_the_nickname_as_a_reason() -> None:
    bob = replace(ROBERT, id="bob", given_name="Bob", phones=())
    records = [*synthetic_base(600, seed=11).records, ROBERT, bob]

    pair = next(
        p for p in find_duplicates(records).pairs if {p.left_id, p.right_id} == {"robert", "bob"}
    )

    assert pair.match_probability >= MATCH_THRESHOLD
    assert "Bob is a nickname for Robert" in pair.reasons
    assert pair.reasons[0] == "same surname, date of birth, postcode, address and suburb"


def test_two_nicknames_of_one_name_are_explained_through_the_formal_name() -> None:
    liz = replace(ROBERT, id="liz", given_name="Liz", family_name="Okafor")
    beth = replace(liz, id="beth", given_name="Beth", phones=())
    records = [*synthetic_base(600, seed=12).records, liz, beth]

    pair = next(
        p for p in find_duplicates(records).pairs if {p.left_id, p.right_id} == {"liz", "beth"}
    )

    assert any(reason.endswith("are both short for Elizabeth") for reason in pair.reasons)
