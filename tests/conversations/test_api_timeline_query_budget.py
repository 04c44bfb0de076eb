"""A page of the timeline over the API costs the same few queries whether the customer
has three contacts or sixty: the history's length never reaches the page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from everthread.conversations.services import InteractionDraft, interaction_record
from everthread.core.services import token_create
from factories import CustomerFactory

# The organisation 1, the bearer token 1, the customer 2, the audit of the view 1, the page 1.
TIMELINE_QUERIES = 6


@pytest.mark.parametrize("history", [3, 60])
def test_the_timeline_page_runs_a_fixed_number_of_queries(
    associate, django_assert_max_num_queries, history: int
) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    start = datetime.datetime(2025, 1, 1, 9, 0, tzinfo=datetime.UTC)
    for n in range(history):
        interaction_record(
            customer=amara,
            staff=associate,
            draft=InteractionDraft(
                channel=("chat", "email", "in_store")[n % 3],
                direction="inbound",
                summary=f"Contact {n}",
                occurred_at=start + datetime.timedelta(hours=n),
            ),
        )
    _, secret = token_create(staff=associate)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = f"/api/v1/customers/{amara.pk}/timeline"
    first = api.get(url, {"limit": 2}).json()  # the token's first use touches it once

    with django_assert_max_num_queries(TIMELINE_QUERIES):
        page = api.get(url, {"limit": 2, "cursor": first["next_cursor"]})
    with django_assert_max_num_queries(TIMELINE_QUERIES):
        by_channel = api.get(url, {"channel": "chat"})

    assert page.status_code == by_channel.status_code == 200
    assert len(page.json()["items"]) == (1 if history == 3 else 2)
    assert all(item["channel"] == "chat" for item in by_channel.json()["items"])
