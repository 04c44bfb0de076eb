"""A coach signed in to the staff app is refused every customer page with 403, and
nothing is created, changed or recorded as viewed."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.core.models import AuditEvent
from everthread.customers.models import Customer
from factories import ContactPointFactory, CustomerFactory

REFUSAL = "Your role (Coach (L&amp;D)) does not allow this."


@pytest.fixture
def coached(client: Client, coach) -> Client:
    client.force_login(coach)
    return client


@pytest.fixture
def amara(db: None) -> Customer:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    return amara


@pytest.mark.parametrize(
    "path",
    [
        "/customers/",
        "/customers/?q=07700+900101",
        "/customers/new/",
        "/customers/{id}/",
        "/customers/{id}/profile/",
        "/customers/{id}/preferences/",
    ],
)
def test_a_coach_is_refused_customer_pages(coached: Client, amara: Customer, path: str) -> None:
    response = coached.get(path.format(id=amara.pk))

    assert response.status_code == 403
    page = response.content.decode()
    assert REFUSAL in page
    assert "Amara" not in page
    assert not AuditEvent.objects.filter(action="customer.viewed").exists()


def test_a_coach_cannot_create_a_customer(coached: Client, organisation) -> None:
    response = coached.post("/customers/new/", {"given_name": "Rosa", "phone": "07700 900202"})

    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    assert not Customer.objects.exists()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/customers/{id}/profile/", {"given_name": "A"}),
        ("/customers/{id}/preferences/", {"colours": "red"}),
        ("/customers/{id}/contact-points/", {"kind": "email", "value": "a@example.com"}),
        ("/customers/{id}/contact-points/{point}/remove/", {}),
    ],
)
def test_a_coach_cannot_change_a_customer(
    coached: Client, amara: Customer, path: str, data: dict[str, str]
) -> None:
    point = amara.contact_points.get()

    response = coached.post(path.format(id=amara.pk, point=point.pk), data, HTTP_HX_REQUEST="true")

    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    amara.refresh_from_db()
    assert (amara.given_name, amara.preferences) == ("Amara", {})
    assert list(amara.contact_points.all()) == [point]
