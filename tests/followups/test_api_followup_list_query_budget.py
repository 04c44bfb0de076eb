"""Listing follow-ups costs the same few queries with three on the list or sixty: owner,
team, customer and who opened each come with the page."""

from __future__ import annotations

import pytest
from django.test import Client

from continuity import colleague, customer, from_now
from everthread.core.models import Staff
from factories import FollowUpFactory, TeamFactory

pytestmark = pytest.mark.django_db

# The organisation 1, me 1 (the session is cached), the page 1.
LIST_QUERIES = 3


@pytest.mark.parametrize("count", [3, 60])
def test_a_page_of_follow_ups_runs_a_fixed_number_of_queries(
    signed_in: Client, associate: Staff, django_assert_max_num_queries, count: int
) -> None:
    manchester = TeamFactory(code="manchester-store", name="Manchester store team")
    manchester.members.add(associate)
    openers = [colleague(f"opener{n}", f"Opener N{n}") for n in range(3)]
    for n in range(count):
        FollowUpFactory(
            customer=customer(f"Client{n}", "Osei"),
            owner=associate if n % 2 else None,
            team=None if n % 2 else manchester,
            created_by=openers[n % 3],
            due_at=from_now(hours=n + 1),
        )

    with django_assert_max_num_queries(LIST_QUERIES):
        response = signed_in.get("/api/v1/followups", {"mine": "true", "team": "true"})
    with django_assert_max_num_queries(LIST_QUERIES):
        second = signed_in.get(
            "/api/v1/followups",
            {"mine": "true", "team": "true", "cursor": response.json()["next_cursor"] or ""},
        )

    assert len(response.json()["items"]) == min(count, 25)
    assert second.status_code == 200
