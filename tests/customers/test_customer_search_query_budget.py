"""Finding customers costs the same few queries however many customers and contact
points match: organisation, who is asking, the page of customers with their home
stores, and their contact points in one go."""

from __future__ import annotations

import pytest
from django.test import Client

from factories import ContactPointFactory, CustomerFactory

LIST_PAGE_QUERIES = 5
API_LIST_QUERIES = 5


@pytest.fixture(params=[1, 30], ids=["one customer", "more than a page"])
def customers(request: pytest.FixtureRequest, store) -> int:
    for n in range(request.param):
        customer = CustomerFactory(
            given_name=f"Client{n:02d}", family_name="Osei", home_store=store
        )
        ContactPointFactory(customer=customer, kind="phone", value=f"+4477009001{n:02d}")
        ContactPointFactory(customer=customer, kind="email")
        ContactPointFactory(customer=customer, kind="instagram", value=f"client{n:02d}")
    return request.param


@pytest.mark.parametrize("query", ["", "osei", "07700 900100"])
def test_the_customer_list_stays_within_its_query_budget(
    signed_in: Client, customers: int, django_assert_max_num_queries, query: str
) -> None:
    with django_assert_max_num_queries(LIST_PAGE_QUERIES):
        response = signed_in.get("/customers/", {"q": query})

    assert response.status_code == 200
    assert len(response.context["page"].items) == (
        1 if query.startswith("0") else min(customers, 25)
    )


@pytest.mark.parametrize("query", ["", "osei", "07700 900100"])
def test_the_api_customer_list_stays_within_its_query_budget(
    api: Client, customers: int, django_assert_max_num_queries, query: str
) -> None:
    api.get("/api/v1/me")  # The token's last-used time is touched once; the budget is per call.

    with django_assert_max_num_queries(API_LIST_QUERIES):
        response = api.get("/api/v1/customers", {"q": query})

    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == (1 if query.startswith("0") else min(customers, 25))
    assert all(len(item["contact_points"]) == 3 for item in items)
