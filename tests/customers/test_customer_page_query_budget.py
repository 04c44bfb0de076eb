"""The customer page and the API customer read cost the same few queries however many
contact points the customer has and however long their history is.

Measured warm, as every view but a process's first is: the organisation and the session
come from the cache. Page (10): staff, customer with store and advisor, contact points, the
audit row, the merges that can still be undone, the continuity brief (journeys, open
follow-ups, the last contact per channel), the timeline's first page, and the consent
history the consent grid is derived from. API (5): token, its last-used touch, customer,
contact points, the audit row.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from everthread.conversations.services import InteractionDraft, interaction_record, journey_open
from everthread.customers.models import Customer
from everthread.followups.services import FollowUpDraft, followup_open
from factories import ContactPointFactory, CustomerFactory, StaffFactory

PAGE_QUERIES = 10
API_READ_QUERIES = 5


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


def _history(customer: Customer, contacts: int) -> None:
    """``contacts`` interactions over four channels in two journeys, each with a follow-up."""
    staff = StaffFactory()
    start = timezone.now() - datetime.timedelta(days=contacts + 1)
    journeys = [
        journey_open(customer=customer, actor=staff, kind="styling", title=f"Project {n}")
        for n in range(2 if contacts else 0)
    ]
    for n in range(contacts):
        interaction, _ = interaction_record(
            customer=customer,
            staff=staff,
            draft=InteractionDraft(
                channel=["chat", "phone", "email", "in_store"][n % 4],
                direction="inbound",
                summary=f"Contact {n}",
                occurred_at=start + datetime.timedelta(days=n),
            ),
            journey=journeys[n % 2],
        )
        if n % 10 == 0:
            followup_open(
                customer=customer,
                actor=staff,
                draft=FollowUpDraft(
                    title=f"Call back {n}",
                    due_at=timezone.now() + datetime.timedelta(days=1),
                    owner=staff,
                    interaction=interaction,
                ),
            )


@pytest.mark.parametrize(("contact_points", "contacts"), [(0, 0), (1, 5), (25, 120)])
def test_the_customer_page_stays_within_its_query_budget(
    signed_in: Client, store, django_assert_max_num_queries, contact_points: int, contacts: int
) -> None:
    amara = _customer_with(contact_points, store)
    _history(amara, contacts)
    signed_in.get("/my-day/")  # warm: the organisation and the session are cached

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = signed_in.get(f"/customers/{amara.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Remove<span") == contact_points
    assert page.count('class="timeline-entry') == min(contacts + (contacts + 9) // 10, 25)


@pytest.mark.parametrize("contact_points", [0, 1, 25])
def test_the_api_customer_read_stays_within_its_query_budget(
    api: Client, store, django_assert_max_num_queries, contact_points: int
) -> None:
    amara = _customer_with(contact_points, store)
    api.get("/api/v1/customers?q=nobody")  # warm: the organisation is cached

    with django_assert_max_num_queries(API_READ_QUERIES):
        response = api.get(f"/api/v1/customers/{amara.pk}")

    assert response.status_code == 200
    body = response.json()
    assert len(body["contact_points"]) == contact_points
    assert body["advisor"]["name"] == "Priya Shah"
    assert body["home_store"]["name"] == "Manchester King Street"
