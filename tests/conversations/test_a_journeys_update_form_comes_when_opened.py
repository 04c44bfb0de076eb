"""The brief lists every open journey but fetches a journey's update form only when staff
open it: a busy customer's page stays light, and the form still saves."""

from __future__ import annotations

import pytest

from everthread.conversations.models import Journey
from factories import CustomerFactory, JourneyFactory
from opening import panel_opened, signed_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def stay(organisation):
    mei = CustomerFactory(given_name="Mei Lin", family_name="Chen")
    return JourneyFactory(customer=mei, title="Pre-arrival requests", status="open")


def test_the_form_comes_when_opened_and_saves(associate, stay) -> None:
    client = signed_in_as(associate)
    change = f"/journeys/{stay.pk}/?customer_id={stay.customer_id}"

    opened = panel_opened(client, customer_id=stay.customer_id, url=change)
    saved = client.post(
        f"/journeys/{stay.pk}/",
        {"customer_id": stay.customer_id, "status": "waiting", "where_it_stands": "Room ready"},
    )

    assert "Pre-arrival requests" in opened.page
    assert f'hx-get="{change}"' in opened.page.replace("&amp;", "&")
    assert f'id="journey-{stay.pk}-status"' not in opened.page
    assert f'id="journey-{stay.pk}-status"' in opened.piece and "<html" not in opened.piece
    assert '<option value="open" selected>' in opened.piece
    assert "<html" in opened.full and f'id="journey-{stay.pk}-status"' in opened.full
    assert saved.status_code == 302
    assert Journey.objects.values_list("status", "where_it_stands").get(pk=stay.pk) == (
        "waiting",
        "Room ready",
    )


def test_a_journey_of_another_customer_or_a_coach_gets_no_form(associate, coach, stay) -> None:
    other = CustomerFactory(given_name="Amara", family_name="Osei")

    wrong_customer = signed_in_as(associate).get(f"/journeys/{stay.pk}/?customer_id={other.pk}")
    no_customer = signed_in_as(associate).get(f"/journeys/{stay.pk}/?customer_id=abc")
    coach_asks = signed_in_as(coach).get(f"/journeys/{stay.pk}/?customer_id={stay.customer_id}")

    assert wrong_customer.status_code == 404
    assert no_customer.status_code == 404
    assert coach_asks.status_code == 403
