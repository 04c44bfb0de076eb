"""A form filled in the wrong way round (family name first) is still the same
customer, and the suggestion says the names were swapped."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from everthread.customers.matching import MATCH_THRESHOLD, CustomerRecord, find_duplicates
from everthread.customers.matching.synthetic import synthetic_base


def test_given_and_family_names_entered_swapped_are_suggested_with_the_reason() -> None:
    siobhan = CustomerRecord(
        id="form",
        given_name="Siobhan",
        family_name="Gallagher",
        date_of_birth=date(1988, 11, 2),
        postcode="LS1 5DT",
        address_lines=("4 Park Row",),
        suburb="Leeds",
        emails=("siobhan.g@example.com",),
    )
    swapped = replace(siobhan, id="till", given_name="Gallagher", family_name="Siobhan")
    records = [*synthetic_base(600, seed=21).records, siobhan, swapped]

    pair = next(
        p for p in find_duplicates(records).pairs if {p.left_id, p.right_id} == {"form", "till"}
    )

    assert pair.match_probability >= MATCH_THRESHOLD
    assert "given and family names swapped" in pair.reasons
