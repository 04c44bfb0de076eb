"""The customer page and the API customer read cost the same few queries however many
contact points the customer has.

Page: organisation, session, staff, customer with store and advisor, contact points,
the audit row. API: organisation, token, its last-used touch, customer, contact points,
the audit row.
"""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.customers.models import Customer
from factories import ContactPointFactory, CustomerFactory, StaffFactory

PAGE_QUERIES = 7  # + the merges that can still be undone
API_READ_QUERIES = 6


def _customer_with(contact_points: int, store) -> Customer:
    amara = CustomerFactory(
        given_name="Amara",
        family_name="Osei",
        home_store=store,
        advisor=StaffFactory(first_name="Priya", last_name="Shah"),
        preferences={
            "sizes": [{"category": "Dresses", "size": "UK 12"}],
            "colours": ["emerald"],
            "important_dates": [{"label": "Anniversary", "date": "2026-09-01"}],
        },
    )
    for n in range(contact_points):
        ContactPointFactory(customer=amara, kind="phone", value=f"+4477009001{n:02d}")
    return amara


@pytest.mark.parametrize("contact_points", [0, 1, 25])
def test_the_customer_page_stays_within_its_query_budget(
    signed_in: Client, store, django_assert_max_num_queries, contact_points: int
) -> None:
    amara = _customer_with(contact_points, store)

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = signed_in.get(f"/customers/{amara.pk}/")

    assert response.status_code == 200
    assert response.content.decode().count("Remove<span") == contact_points


@pytest.mark.parametrize("contact_points", [0, 1, 25])
def test_the_api_customer_read_stays_within_its_query_budget(
    api: Client, store, django_assert_max_num_queries, contact_points: int
) -> None:
    amara = _customer_with(contact_points, store)

    with django_assert_max_num_queries(API_READ_QUERIES):
        response = api.get(f"/api/v1/customers/{amara.pk}")

    assert response.status_code == 200
    body = response.json()
    assert len(body["contact_points"]) == contact_points
    assert body["advisor"]["name"] == "Priya Shah"
    assert body["home_store"]["name"] == "Manchester King Street"
