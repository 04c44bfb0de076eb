"""Sensitive fields reach only the roles that need them, on the page and through the API
alike: service needs (dietary, accessibility) for everyone who serves, the date of birth
for managers and the privacy officer, contact details for everyone but coaches."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from everthread.customers.models import Customer
from factories import ContactPointFactory, CustomerFactory, StaffFactory

NOT_SHOWN = "Not shown to your role"


@pytest.fixture
def amara(organisation) -> Customer:
    amara = CustomerFactory(
        given_name="Amara",
        family_name="Osei",
        postcode="M1 1AA",
        date_of_birth=datetime.date(1990, 5, 17),
        preferences={"accessibility": ["Step-free fitting room"], "colours": ["emerald"]},
    )
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    return amara


def _as(role: str) -> Client:
    client = Client()
    client.force_login(StaffFactory(username=role, role=role))
    return client


# role: (date of birth, accessibility needs, postcode and phone)
SEES = {
    "associate": (False, True, True),
    "agent": (False, True, True),
    "manager": (True, True, True),
    "coach": (False, False, False),
    "privacy_officer": (True, True, True),
    "admin": (False, True, True),
}


@pytest.mark.parametrize("role", SEES)
def test_the_customer_page_shows_each_role_what_it_needs(role: str, amara: Customer) -> None:
    birth, needs, contact = SEES[role]

    page = _as(role).get(f"/customers/{amara.pk}/").content.decode()

    assert ("17 May 1990" in page) is birth
    assert ("Step-free fitting room" in page) is needs
    assert ("M1 1AA" in page) is contact
    assert ("+44 7700 900101" in page) is contact
    assert "emerald" in page
    assert (NOT_SHOWN in page) is not all(SEES[role])


@pytest.mark.parametrize("role", SEES)
def test_the_api_shows_each_role_what_it_needs(role: str, amara: Customer) -> None:
    birth, needs, contact = SEES[role]

    body = _as(role).get(f"/api/v1/customers/{amara.pk}").json()

    assert body["date_of_birth"] == ("1990-05-17" if birth else None)
    assert body["preferences"]["accessibility"] == (["Step-free fitting room"] if needs else [])
    assert body["postcode"] == ("M1 1AA" if contact else "")
    assert len(body["contact_points"]) == (1 if contact else 0)
    assert body["preferences"]["colours"] == ["emerald"]


def test_an_associate_saving_the_profile_keeps_the_date_of_birth_they_cannot_see(
    amara: Customer,
) -> None:
    associate = _as("associate")
    form = associate.get(f"/customers/{amara.pk}/profile/").content.decode()
    assert 'name="date_of_birth"' not in form

    associate.post(f"/customers/{amara.pk}/profile/", {"given_name": "Amara", "postcode": "M2 2BB"})

    amara.refresh_from_db()
    assert (amara.postcode, amara.date_of_birth) == ("M2 2BB", datetime.date(1990, 5, 17))


@pytest.mark.parametrize("role", SEES)
def test_the_customers_page_offers_export_and_new_only_to_who_may(role: str, organisation) -> None:
    page = _as(role).get("/customers/").content.decode()

    assert ('href="/customers/export.csv"' in page) is (role == "privacy_officer")
    assert ('href="/customers/new/"' in page.split("<main")[-1]) is (
        role != "coach" and role != "privacy_officer"
    )
