"""A coach works on practice data, not on real customers: every customer call is 403,
and nothing is read into the audit log or written."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.core.models import AuditEvent
from everthread.customers.models import Customer
from factories import ContactPointFactory, CustomerFactory


@pytest.fixture
def amara(db: None) -> Customer:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    return amara


def _forbidden(response) -> None:
    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden",
        "detail": "Your role (Coach (L&D)) does not allow this.",
        "field": None,
    }


def test_a_coach_cannot_list_or_search_customers(coach_api: Client, amara: Customer) -> None:
    _forbidden(coach_api.get("/api/v1/customers"))
    _forbidden(coach_api.get("/api/v1/customers", {"q": "07700 900101"}))


def test_a_coach_cannot_read_a_customer(coach_api: Client, amara: Customer) -> None:
    _forbidden(coach_api.get(f"/api/v1/customers/{amara.pk}"))
    assert not AuditEvent.objects.filter(action="customer.viewed").exists()


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
