"""An empty base, a single customer or two strangers give no suggestions and no
error: there is nothing to learn from, so nothing is guessed."""

from __future__ import annotations

from everthread.customers.matching import CustomerRecord, find_duplicates, link

ALEX = CustomerRecord(id="alex", given_name="Alex", family_name="Moreau", postcode="BS1 4DJ")


def test_no_records_and_one_record_have_no_duplicates() -> None:
    assert find_duplicates([]).pairs == []
    assert find_duplicates([ALEX]).pairs == []
    assert find_duplicates([ALEX]).blocking.pairs_compared == 0


def test_linking_against_an_empty_file_finds_nothing() -> None:
    assert link([], [ALEX]).pairs == []
    assert link([ALEX], []).pairs == []
