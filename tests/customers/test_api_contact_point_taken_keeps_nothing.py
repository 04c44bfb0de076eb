"""A contact point already on another customer is refused with 409 contact_point_taken,
and a create refused that way leaves nothing half-written behind."""

from __future__ import annotations

from django.test import Client

from everthread.core.models import AuditEvent
from everthread.customers.models import ContactPoint, Customer
from factories import ContactPointFactory, CustomerFactory


def _amara_with_phone() -> Customer:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    return amara


def test_a_create_whose_second_contact_point_is_taken_keeps_nothing(api: Client) -> None:
    amara = _amara_with_phone()

    response = api.post(
        "/api/v1/customers",
        {
            "given_name": "Rosa",
            "family_name": "Alvarez",
            "contact_points": [
                {"kind": "email", "value": "rosa@example.com"},
                {"kind": "phone", "value": "07700 900101"},
            ],
        },
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json() == {
        "code": "contact_point_taken",
        "detail": "Phone +44 7700 900101 already belongs to Amara Osei.",
        "field": "phone",
        "customer_id": amara.pk,
    }
    assert list(Customer.objects.all()) == [amara]
    assert list(ContactPoint.objects.values_list("kind", "value")) == [("phone", "+447700900101")]
    assert not AuditEvent.objects.filter(
        action__in=["customer.created", "contact_point.added"]
    ).exists()


def test_adding_a_contact_point_another_customer_has_is_409(api: Client) -> None:
    amara = _amara_with_phone()
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")

    response = api.post(
        f"/api/v1/customers/{rosa.pk}/contact-points",
        {"kind": "phone", "value": "+44 7700 900101"},
        content_type="application/json",
    )

    assert response.status_code == 409
    error = response.json()
    assert error["code"] == "contact_point_taken"
    assert error["field"] == "phone"
    assert error["customer_id"] == amara.pk
    assert "Amara Osei" in error["detail"]
    assert not rosa.contact_points.exists()


def test_adding_a_contact_point_the_customer_already_has_changes_nothing(api: Client) -> None:
    amara = _amara_with_phone()

    response = api.post(
        f"/api/v1/customers/{amara.pk}/contact-points",
        {"kind": "phone", "value": "07700 900101"},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response.json()["value"] == "+447700900101"
    assert amara.contact_points.count() == 1
