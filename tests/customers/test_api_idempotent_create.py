"""A create sent twice with the same Idempotency-Key makes one customer and answers the
same both times; the same key with a different body is refused."""

from __future__ import annotations

from django.test import Client

from everthread.customers.models import ContactPoint, Customer
from factories import ContactPointFactory, CustomerFactory, StaffFactory

AMARA = {
    "given_name": "Amara",
    "family_name": "Osei",
    "contact_points": [{"kind": "phone", "value": "07700 900101"}],
}


def _create(api: Client, body: dict, key: str):
    return api.post(
        "/api/v1/customers", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_a_retry_with_the_same_key_makes_one_customer_and_the_same_answer(api: Client) -> None:
    first = _create(api, AMARA, "create-amara-1")
    retry = _create(api, AMARA, "create-amara-1")

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert Customer.objects.count() == 1
    assert ContactPoint.objects.count() == 1


def test_the_retry_answer_is_the_first_one_even_after_a_change(api: Client) -> None:
    first = _create(api, AMARA, "create-amara-1")
    api.patch(
        f"/api/v1/customers/{first.json()['id']}",
        {"preferred_name": "Mara"},
        content_type="application/json",
    )

    retry = _create(api, AMARA, "create-amara-1")

    assert retry.json() == first.json()
    assert retry.json()["preferred_name"] == ""


def test_the_same_key_with_a_different_body_is_422(api: Client) -> None:
    _create(api, AMARA, "create-amara-1")

    response = _create(api, {**AMARA, "family_name": "Mensah"}, "create-amara-1")

    assert response.status_code == 422
    assert response.json() == {
        "code": "idempotency_key_reused",
        "detail": "This Idempotency-Key was already used for a different request.",
        "field": "Idempotency-Key",
    }
    assert list(Customer.objects.values_list("family_name", flat=True)) == ["Osei"]


def test_different_keys_make_different_customers(api: Client) -> None:
    _create(api, {"given_name": "Amara"}, "key-1")
    _create(api, {"given_name": "Amara"}, "key-2")

    assert Customer.objects.count() == 2


def test_each_member_of_staff_has_their_own_keys(api: Client, bearer_client) -> None:
    priya = bearer_client(StaffFactory(username="priya"))

    _create(api, {"given_name": "Amara"}, "key-1")
    response = _create(priya, {"given_name": "Rosa"}, "key-1")

    assert response.status_code == 201
    assert sorted(Customer.objects.values_list("given_name", flat=True)) == ["Amara", "Rosa"]


def test_a_refused_create_does_not_use_up_its_key(api: Client) -> None:
    rosa = CustomerFactory(given_name="Rosa")
    taken = ContactPointFactory(customer=rosa, kind="phone", value="+447700900101")

    refused = _create(api, AMARA, "create-amara-1")
    taken.delete()
    fixed = _create(api, {**AMARA, "family_name": "Osei-Mensah"}, "create-amara-1")

    assert refused.status_code == 409
    assert fixed.status_code == 201
    assert fixed.json()["family_name"] == "Osei-Mensah"
