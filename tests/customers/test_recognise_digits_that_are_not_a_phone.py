"""Typed digits are read as a phone first, but a loyalty id that looks like one still
recognises its customer; the whole customer comes back, ready for the next step."""

from __future__ import annotations

import datetime

import pytest

from everthread.customers.recognition import Clues, recognise
from everthread.customers.services import customer_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def sofia(associate):
    return customer_create(
        actor=associate,
        profile={
            "given_name": "Sofia",
            "family_name": "Marchetti",
            "date_of_birth": datetime.date(1988, 6, 2),
            "preferences": {"colours": ["navy"]},
            "tags": ["vip"],
        },
        contact_points=[("loyalty", "07700900222")],
    )


def test_a_loyalty_id_made_of_digits_recognises_its_customer(sofia) -> None:
    recognition = recognise(clues=Clues(contact_point="07700 900222"), region="GB")

    assert recognition.customer == sofia
    assert (recognition.matched_on.kind, recognition.matched_on.value) == ("loyalty", "07700900222")


def test_the_phone_reading_wins_when_the_digits_are_someone_elses_phone(associate, sofia) -> None:
    caller = customer_create(
        actor=associate,
        profile={"given_name": "Ines", "family_name": "Duarte"},
        contact_points=[("phone", "+447700900222")],
    )

    recognition = recognise(clues=Clues(contact_point="07700 900222"), region="GB")

    assert recognition.customer == caller
    assert recognition.matched_on.kind == "phone"


def test_the_recognised_customer_carries_the_whole_profile(
    sofia, django_assert_num_queries
) -> None:
    with django_assert_num_queries(2):  # the phone reading, then the others
        customer = recognise(clues=Clues(contact_point="07700 900222"), region="GB").customer

    with django_assert_num_queries(0):
        profile = (customer.full_name, customer.date_of_birth, customer.preferences, customer.tags)
        updated = customer.updated_at
    assert profile == (
        "Sofia Marchetti",
        datetime.date(1988, 6, 2),
        {"colours": ["navy"]},
        ["vip"],
    )
    assert updated is not None
