"""Accents, case, punctuation and habits of spelling never decide whether two
records are one customer."""

from __future__ import annotations

import pytest

from everthread.customers.matching.records import address_key, fold, mailbox_key, name_key


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
