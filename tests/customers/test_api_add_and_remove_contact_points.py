"""An integration adds a contact point to a customer, normalised, and removes one; the
customer is then found by it, or no longer."""

from __future__ import annotations

from django.test import Client

from everthread.core.models import AuditEvent
from factories import ContactPointFactory, CustomerFactory


def test_adding_a_contact_point_returns_it_normalised(api: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = api.post(
        f"/api/v1/customers/{amara.pk}/contact-points",
        {"kind": "phone", "value": "(07700) 900-101", "label": " work "},
        content_type="application/json",
    )

    assert response.status_code == 201
    point = response.json()
    assert point == {
        "id": point["id"],
        "kind": "phone",
        "value": "+447700900101",
        "display": "+44 7700 900101",
        "label": "work",
    }
    assert api.get(f"/api/v1/customers/{amara.pk}").json()["contact_points"] == [point]
    event = AuditEvent.objects.get(action="contact_point.added")
    assert (event.actor, event.customer_id, event.detail) == (
        associate,
        amara.pk,
        {"kind": "phone"},
    )


def test_the_customer_is_found_by_the_added_contact_point(api: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    api.post(
        f"/api/v1/customers/{amara.pk}/contact-points",
        {"kind": "loyalty", "value": "hf-1234 5678"},
        content_type="application/json",
    )

    items = api.get("/api/v1/customers", {"q": "HF12345678"}).json()["items"]
    assert [item["id"] for item in items] == [amara.pk]


def test_an_invalid_contact_point_is_400_and_nothing_is_added(api: Client) -> None:
    amara = CustomerFactory(given_name="Amara")

    response = api.post(
        f"/api/v1/customers/{amara.pk}/contact-points",
        {"kind": "x", "value": "rosa.alv"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "x"
    assert not amara.contact_points.exists()


def test_removing_a_contact_point_is_204_and_it_is_gone(api: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara")
    phone = ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    email = ContactPointFactory(customer=amara, kind="email", value="amara@example.com")

    response = api.delete(f"/api/v1/customers/{amara.pk}/contact-points/{phone.pk}")

    assert response.status_code == 204
    assert list(amara.contact_points.all()) == [email]
    assert api.get("/api/v1/customers", {"q": "07700 900101"}).json()["items"] == []
    event = AuditEvent.objects.get(action="contact_point.removed")
    assert (event.actor, event.customer_id) == (associate, amara.pk)


def test_a_contact_point_of_another_customer_cannot_be_removed_through_this_one(
    api: Client,
) -> None:
    amara = CustomerFactory(given_name="Amara")
    rosa = CustomerFactory(given_name="Rosa")
    rosas_phone = ContactPointFactory(customer=rosa, kind="phone", value="+447700900202")

    response = api.delete(f"/api/v1/customers/{amara.pk}/contact-points/{rosas_phone.pk}")

    assert response.status_code == 404
    assert response.json()["code"] == "customer_not_found"
    assert rosa.contact_points.get() == rosas_phone
