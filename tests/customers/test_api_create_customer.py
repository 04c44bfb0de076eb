"""An integration creates a customer with their contact points in one call and reads
them back, normalised, with the profile it sent."""

from __future__ import annotations

import datetime

from django.test import Client

from everthread.core.models import AuditEvent
from everthread.customers.models import ContactPoint, Customer


def test_create_returns_201_with_the_normalised_contact_points(api: Client, store) -> None:
    response = api.post(
        "/api/v1/customers",
        {
            "given_name": "Amara",
            "family_name": "Osei",
            "preferred_name": "Mara",
            "language": "en-GB",
            "home_store_id": store.pk,
            "tags": ["VIP", "bridal", "vip"],
            "contact_points": [
                {"kind": "phone", "value": "07700 900101", "label": "mobile"},
                {"kind": "email", "value": "Amara.Osei@Example.com"},
                {"kind": "instagram", "value": "https://instagram.com/Amara.Styles"},
            ],
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["given_name"] == "Amara"
    assert body["family_name"] == "Osei"
    assert body["preferred_name"] == "Mara"
    assert body["home_store"] == {"id": store.pk, "name": "Manchester King Street"}
    assert body["tags"] == ["vip", "bridal"]
    points = {point["kind"]: point for point in body["contact_points"]}
    assert points["phone"]["value"] == "+447700900101"
    assert points["phone"]["display"] == "+44 7700 900101"
    assert points["phone"]["label"] == "mobile"
    assert points["email"]["value"] == "amara.osei@example.com"
    assert points["instagram"]["value"] == "amara.styles"
    assert points["instagram"]["display"] == "@amara.styles"
    assert Customer.objects.get(pk=body["id"]).full_name == "Amara Osei"
    assert ContactPoint.objects.filter(customer_id=body["id"]).count() == 3


def test_a_created_customer_reads_back_the_same(api: Client) -> None:
    created = api.post(
        "/api/v1/customers",
        {
            "given_name": "José",
            "family_name": "Álvarez",
            "date_of_birth": "1988-06-02",
            "contact_points": [{"kind": "email", "value": "jose@example.com"}],
        },
        content_type="application/json",
    ).json()

    response = api.get(f"/api/v1/customers/{created['id']}")

    assert response.status_code == 200
    assert response.json() == created
    # Kept, though an associate does not see it (tests/core/test_role_sensitive_fields.py).
    assert response.json()["date_of_birth"] is None
    assert Customer.objects.get(pk=created["id"]).date_of_birth == datetime.date(1988, 6, 2)


def test_the_creation_is_attributed_in_the_audit_log(api: Client, associate) -> None:
    created = api.post(
        "/api/v1/customers", {"given_name": "Amara"}, content_type="application/json"
    ).json()

    event = AuditEvent.objects.get(action="customer.created")
    assert event.actor == associate
    assert event.customer_id == created["id"]
