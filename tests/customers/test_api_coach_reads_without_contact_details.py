"""A coach reads customers through the API without their contact details or date of
birth, and every call that creates or changes a customer is 403."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.core.models import AuditEvent
from everthread.customers.models import Customer
from factories import ContactPointFactory, CustomerFactory


@pytest.fixture
def amara(db: None) -> Customer:
    amara = CustomerFactory(
        given_name="Amara", family_name="Osei", postcode="M1 1AA", date_of_birth="1990-05-17"
    )
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    return amara


def _forbidden(response) -> None:
    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden",
        "detail": "Your role (Coach (L&D)) does not allow this.",
        "field": None,
    }


def test_a_coach_lists_customers_without_contact_points(coach_api: Client, amara: Customer) -> None:
    response = coach_api.get("/api/v1/customers", {"q": "Osei"})

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert (item["given_name"], item["contact_points"]) == ("Amara", [])


def test_a_coach_reads_a_customer_without_what_identifies_them(
    coach_api: Client, amara: Customer, coach
) -> None:
    response = coach_api.get(f"/api/v1/customers/{amara.pk}")

    body = response.json()
    assert response.status_code == 200
    assert (body["contact_points"], body["postcode"], body["date_of_birth"]) == ([], "", None)
    viewed = AuditEvent.objects.get(action="customer.viewed")
    assert (viewed.actor, viewed.customer_id) == (coach, amara.pk)


def test_a_coach_cannot_recognise_by_phone(coach_api: Client, amara: Customer) -> None:
    _forbidden(
        coach_api.post(
            "/api/v1/recognise", {"contact_point": "07700 900101"}, content_type="application/json"
        )
    )


def test_a_coach_cannot_create_or_change_customers(coach_api: Client, amara: Customer) -> None:
    point = amara.contact_points.get()

    _forbidden(
        coach_api.post("/api/v1/customers", {"given_name": "Rosa"}, content_type="application/json")
    )
    _forbidden(
        coach_api.patch(
            f"/api/v1/customers/{amara.pk}", {"given_name": "A"}, content_type="application/json"
        )
    )
    _forbidden(
        coach_api.post(
            f"/api/v1/customers/{amara.pk}/contact-points",
            {"kind": "email", "value": "amara@example.com"},
            content_type="application/json",
        )
    )
    _forbidden(coach_api.delete(f"/api/v1/customers/{amara.pk}/contact-points/{point.pk}"))

    assert list(Customer.objects.values_list("given_name", flat=True)) == ["Amara"]
    assert amara.contact_points.get() == point
