"""The brief lists every open journey but fetches a journey's update form only when staff
open it: a busy customer's page stays light, and the form still saves."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.conversations.models import Journey
from factories import CustomerFactory, JourneyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stay(organisation):
    mei = CustomerFactory(given_name="Mei Lin", family_name="Chen")
    return JourneyFactory(customer=mei, title="Pre-arrival requests", status="open")


def _signed_in(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def test_the_form_comes_when_opened_and_saves(associate, stay) -> None:
    client = _signed_in(associate)
    change = f"/journeys/{stay.pk}/?customer_id={stay.customer_id}"

    page = client.get(f"/customers/{stay.customer_id}/").content.decode()
    form = client.get(change, headers={"HX-Request": "true"}).content.decode()
    full = client.get(change).content.decode()
    saved = client.post(
        f"/journeys/{stay.pk}/",
        {"customer_id": stay.customer_id, "status": "waiting", "where_it_stands": "Room ready"},
    )

    assert "Pre-arrival requests" in page and f'hx-get="{change}"' in page.replace("&amp;", "&")
    assert f'id="journey-{stay.pk}-status"' not in page
    assert f'id="journey-{stay.pk}-status"' in form and "<html" not in form
    assert '<option value="open" selected>' in form
    assert "<html" in full and f'id="journey-{stay.pk}-status"' in full
    assert saved.status_code == 302
    assert Journey.objects.values_list("status", "where_it_stands").get(pk=stay.pk) == (
        "waiting",
        "Room ready",
    )


def test_a_journey_of_another_customer_or_a_coach_gets_no_form(associate, coach, stay) -> None:
    other = CustomerFactory(given_name="Amara", family_name="Osei")

    wrong_customer = _signed_in(associate).get(f"/journeys/{stay.pk}/?customer_id={other.pk}")
    no_customer = _signed_in(associate).get(f"/journeys/{stay.pk}/?customer_id=abc")
    coach_asks = _signed_in(coach).get(f"/journeys/{stay.pk}/?customer_id={stay.customer_id}")

    assert wrong_customer.status_code == 404
    assert no_customer.status_code == 404
    assert coach_asks.status_code == 403
