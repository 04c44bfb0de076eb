"""Accents, case, punctuation and habits of spelling never decide whether two
records are one customer."""

from __future__ import annotations

import pytest

from everthread.customers.matching.records import (
    CustomerRecord,
    address_key,
    fold,
    fold_all,
    mailbox_key,
    name_key,
    prepare,
)


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [("José Núñez", "jose nunez"), ("  ZOË   o'brien ", "zoe o brien"), ("Łódź", "lodz")],
)
def test_text_is_folded_to_plain_lower_case_words(typed: str, same_as: str) -> None:
    assert fold(typed) == same_as


def test_a_name_is_one_run_of_letters_without_title() -> None:
    assert name_key("Dr O'Brien") == name_key("obrien") == "obrien"


def test_street_abbreviations_are_spelled_out() -> None:
    assert address_key(["12 High St.", "Flat 3"]) == address_key(["12 high street", "flat 3"])


def test_dots_and_tags_reach_the_same_gmail_mailbox() -> None:
    assert mailbox_key("jo.smith+shop@googlemail.com") == mailbox_key("josmith@gmail.com")


def test_a_whole_list_is_normalised_as_each_text_would_be_alone() -> None:
    texts = ["José Núñez", "", "a_b--c", " ZOË\to'brien ", "line\nbreak", "Łódź", "12"]

    assert fold_all(texts) == [fold(text) for text in texts]
    assert fold_all(texts[:1]) == [fold(texts[0])]
    assert fold_all([]) == []


def test_a_line_break_inside_one_record_does_not_shift_the_others() -> None:
    records = [
        CustomerRecord(id=1, address_lines=("12 High St\nFlat 3",), phones=("+44 7700\n900123",)),
        CustomerRecord(id=2, address_lines=("12 high street flat 3",), phones=("+447700900123",)),
        CustomerRecord(id=3, address_lines=("4 Mill Lane",), phones=("",)),
    ]

    prepared = prepare(records)

    assert prepared.address.codes[0] == prepared.address.codes[1] != prepared.address.codes[2]
    assert prepared.house_number.text.tolist() == ["12", "12", "4"]
    assert prepared.phones[0, 0] == prepared.phones[1, 0] and prepared.phones[2, 0] == -1
