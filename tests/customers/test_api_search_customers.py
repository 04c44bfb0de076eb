"""Search finds a customer by name whatever the accents or case, and by a phone or email
typed in a different format from the one stored."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.customers.models import Customer
from factories import ContactPointFactory, CustomerFactory


@pytest.fixture
def amara(db: None) -> Customer:
    amara = CustomerFactory(given_name="Amara", family_name="Ósei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    ContactPointFactory(customer=amara, kind="email", value="amara.osei@example.com")
    return amara


@pytest.fixture
def others(db: None) -> list[Customer]:
    rosa = CustomerFactory(given_name="Rosa", family_name="Álvarez")
    ContactPointFactory(customer=rosa, kind="phone", value="+447700900202")
    ContactPointFactory(customer=rosa, kind="x", value="rosa_alv")
    return [rosa, CustomerFactory(given_name="Kwame", family_name="Mensah")]


def _found(api: Client, query: str) -> list[int]:
    response = api.get("/api/v1/customers", {"q": query})
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize("query", ["osei", "OSEI", "ÓSEI", "Ósei", "amara osei", "  Osei  "])
def test_a_name_is_found_whatever_the_accents_or_case(
    api: Client, amara: Customer, others: list[Customer], query: str
) -> None:
    assert _found(api, query) == [amara.pk]


def test_an_accented_name_is_found_from_plain_letters(
    api: Client, amara: Customer, others: list[Customer]
) -> None:
    rosa = others[0]
    assert _found(api, "rosa alvarez") == [rosa.pk]


@pytest.mark.parametrize(
    "query",
    ["07700 900101", "07700900101", "+44 7700 900101", "0044 7700 900101", "(07700) 900-101"],
)
def test_a_phone_is_found_in_any_format(
    api: Client, amara: Customer, others: list[Customer], query: str
) -> None:
    assert _found(api, query) == [amara.pk]


@pytest.mark.parametrize("query", ["Amara.Osei@Example.com", "AMARA.OSEI@EXAMPLE.COM"])
def test_an_email_is_found_in_any_case(
    api: Client, amara: Customer, others: list[Customer], query: str
) -> None:
    assert _found(api, query) == [amara.pk]


def test_a_handle_is_found_from_a_profile_address(
    api: Client, amara: Customer, others: list[Customer]
) -> None:
    assert _found(api, "https://x.com/Rosa_Alv") == [others[0].pk]


def test_a_search_returns_contact_points_to_tell_customers_apart(
    api: Client, amara: Customer, others: list[Customer]
) -> None:
    item = api.get("/api/v1/customers", {"q": "07700 900101"}).json()["items"][0]

    assert {point["display"] for point in item["contact_points"]} == {
        "+44 7700 900101",
        "amara.osei@example.com",
    }


def test_no_match_is_an_empty_page(api: Client, amara: Customer, others: list[Customer]) -> None:
    assert _found(api, "07700 900999") == []
    assert _found(api, "Zebedee") == []
