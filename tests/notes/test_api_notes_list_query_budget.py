"""A page of a customer's notes costs the same few queries with three notes or sixty:
author, promiser and the next step's holder come with the page."""

from __future__ import annotations

import pytest
from django.test import Client

from continuity import colleague, customer, from_now
from everthread.notes.services import NoteDraft, note_save

pytestmark = pytest.mark.django_db

# The organisation 1, me 1 (the session is cached), the customer 2, the audit of the
# view 1, the page 1.
LIST_QUERIES = 6


@pytest.mark.parametrize("count", [3, 60])
def test_a_page_of_notes_runs_a_fixed_number_of_queries(
    signed_in: Client, associate, django_assert_max_num_queries, count: int
) -> None:
    priya = colleague("priya", "Priya Shah", role="agent")
    amara = customer("Amara", "Osei")
    saved = NoteDraft(
        wants="The emerald wrap dress in 12",
        promised="Hold it until Saturday",
        promised_by=priya,
        next_step="Have it ready in a fitting room",
        next_step_owner=associate,
        next_step_due=from_now(days=2),
    )
    for n in range(count):
        # Every fifth is a draft; Tom sees his own drafts among the saved notes.
        draft = NoteDraft(tried=f"Three looks, take {n}") if n % 5 == 0 else saved
        note_save(customer=amara, author=priya if n % 2 else associate, draft=draft)
    url = f"/api/v1/customers/{amara.pk}/notes"

    with django_assert_max_num_queries(LIST_QUERIES):
        first = signed_in.get(url, {"limit": 10})
    with django_assert_max_num_queries(LIST_QUERIES):
        second = signed_in.get(url, {"limit": 10, "cursor": first.json()["next_cursor"] or ""})

    assert first.status_code == second.status_code == 200
    assert all(
        item["next_step_followup"] for item in first.json()["items"] if item["status"] == "final"
    )
