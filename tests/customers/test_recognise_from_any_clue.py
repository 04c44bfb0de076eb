"""Staff in any channel recognise a person from whatever the channel knows."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from everthread.core.models import AuditEvent
from everthread.customers.recognition import Clues, recognise
from everthread.customers.services import customer_create, customer_recognise

pytestmark = pytest.mark.django_db


@pytest.fixture
def amara(associate):
    return customer_create(
        actor=associate,
        profile={
            "given_name": "Amara",
            "family_name": "Osei",
            "date_of_birth": datetime.date(1991, 3, 14),
            "postcode": "M1 1AA",
        },
        contact_points=[("phone", "+44 7700 900101"), ("order", "HF-100482")],
    )


@pytest.mark.parametrize("typed", ["07700 900101", "0044 7700 900101", "+447700900101"])
def test_a_phone_in_any_format_recognises_the_customer(associate, amara, typed: str) -> None:
    recognition = customer_recognise(viewer=associate, clues=Clues(contact_point=typed))

    assert recognition.customer == amara
    assert recognition.matched_on.value == "+447700900101"
    assert recognition.candidates == []


def test_an_order_number_recognises_the_customer(associate, amara) -> None:
    recognition = customer_recognise(viewer=associate, clues=Clues(order_number="hf-100482"))

    assert recognition.customer == amara


def test_look_alikes_come_back_ranked_with_reasons_never_as_a_match(associate, amara) -> None:
    customer_create(actor=associate, profile={"given_name": "Amos", "family_name": "Oduya"})

    recognition = customer_recognise(
        viewer=associate,
        clues=Clues(name="A Osei", date_of_birth=datetime.date(1991, 3, 14), postcode="M1 1AB"),
    )

    assert recognition.customer is None
    best = recognition.candidates[0]
    assert best.customer == amara
    assert best.reasons[:2] == [
        "same surname and date of birth",
        "postcode differs by one character",
    ]
    assert all(c.score <= best.score for c in recognition.candidates)


def test_swapped_names_are_said_in_words(associate, amara) -> None:
    recognition = customer_recognise(viewer=associate, clues=Clues(name="Osei Amara"))

    assert recognition.candidates[0].customer == amara
    assert "given and family names swapped" in recognition.candidates[0].reasons


def test_an_unreadable_phone_is_a_problem_not_a_crash(associate, amara) -> None:
    recognition = customer_recognise(
        viewer=associate, clues=Clues(contact_point="12345", kind="phone")
    )

    assert recognition.customer is None
    assert "not a valid phone number" in recognition.problems["contact_point"]


def test_recognising_someone_is_in_the_audit_log(associate, amara) -> None:
    customer_recognise(viewer=associate, clues=Clues(contact_point="07700 900101"))

    event = AuditEvent.objects.get(action="customer.recognised")
    assert (event.actor, event.customer_id, event.detail) == (
        associate,
        amara.pk,
        {"kind": "phone"},
    )


def test_api_recognise_answers_with_the_customer(api: Client, amara) -> None:
    response = api.post(
        "/api/v1/recognise", {"contact_point": "07700 900101"}, content_type="application/json"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["customer"]["id"] == amara.pk
    assert body["matched_on"]["kind"] == "phone"


def test_api_recognise_names_the_field_it_could_not_read(api: Client, amara) -> None:
    response = api.post(
        "/api/v1/recognise",
        {"contact_point": "not-an-email@", "kind": "email"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["customer"] is None
    assert "not a valid email address" in response.json()["problems"]["contact_point"]


def test_api_recognise_is_refused_to_a_coach(coach_api: Client, amara) -> None:
    response = coach_api.post(
        "/api/v1/recognise", {"contact_point": "07700 900101"}, content_type="application/json"
    )

    assert response.status_code == 403


def test_the_recognise_bar_lands_on_the_customer(signed_in: Client, amara) -> None:
    response = signed_in.get("/recognise/", {"q": "07700 900101"})

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{amara.pk}/"


def test_the_recognise_bar_offers_look_alikes_and_a_new_customer(signed_in: Client, amara) -> None:
    response = signed_in.get("/recognise/", {"q": "Amara Osie"})

    page = response.content.decode()
    assert "these customers look alike" in page
    assert "Amara Osei" in page
    assert "/customers/new/?q=Amara%20Osie" in page


def test_the_recognise_bar_offers_a_new_customer_when_nobody_matches(
    signed_in: Client, amara
) -> None:
    response = signed_in.get("/recognise/", {"q": "zoe.new@example.com"})

    page = response.content.decode()
    assert "Nobody in Everthread has" in page
    assert "/customers/new/?q=zoe.new%40example.com" in page


def test_an_exact_match_is_one_indexed_query(amara, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(1):
        recognition = recognise(clues=Clues(contact_point="07700 900101"), region="GB")

    assert recognition.customer == amara
