"""A coach reads customers' pages to coach the staff who served them, without their
contact details; every page that creates or changes something is refused with 403."""

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
    ContactPointFactory(customer=amara, kind="phone", value="+447700900555")
    return amara


def test_a_coach_opens_the_customer_page_without_contact_details(
    coached: Client, amara: Customer, coach
) -> None:
    response = coached.get(f"/customers/{amara.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Amara Osei" in page
    assert "900555" not in page
    assert "Contact details are not shown to your role." in page
    assert "Add contact point" not in page
    for offer in ("Log a contact", "Write a handover note", "Add a follow-up", ">Edit<"):
        assert offer not in page, offer
    viewed = AuditEvent.objects.get(action="customer.viewed")
    assert (viewed.actor, viewed.customer_id) == (coach, amara.pk)


def test_a_coach_searches_by_name_and_sees_no_phone(coached: Client, amara: Customer) -> None:
    page = coached.get("/customers/", {"q": "Osei"}).content.decode()

    assert "Amara" in page
    assert "900555" not in page


@pytest.mark.parametrize(
    "path",
    ["/customers/new/", "/customers/{id}/profile/", "/customers/{id}/preferences/"],
)
def test_a_coach_is_refused_the_edit_forms(coached: Client, amara: Customer, path: str) -> None:
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
