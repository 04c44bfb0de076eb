"""The customer moves channel, the journey goes with them: each channel it touches is
listed once, in the order it was touched, and its latest activity moves on."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, customer, from_now
from everthread.conversations.models import Journey
from everthread.conversations.selectors import journeys_of
from everthread.conversations.services import JourneyStart

pytestmark = pytest.mark.django_db


def test_chat_then_store_then_chat_again() -> None:
    daniel = customer("Daniel", "Novak")
    chloe = colleague("chloe", "Chloe Evans", role="agent")
    marcus = colleague("marcus", "Marcus Bell")
    chat = contact(
        daniel,
        "chat",
        "Boots from HF-100482 a size too small",
        staff=chloe,
        occurred_at=from_now(days=-2),
        start=JourneyStart(kind="return", title="Exchange boots HF-100482"),
    )
    journey = Journey.objects.get(pk=chat.journey_id)

    in_store = contact(
        daniel,
        "in_store",
        "Exchanged for EU 43 at Leeds Briggate",
        staff=marcus,
        journey=journey,
        occurred_at=from_now(hours=-3),
    )
    thanks = contact(
        daniel, "chat", "Thanks, they fit!", journey=journey, occurred_at=from_now(hours=-4)
    )

    journey.refresh_from_db()
    assert journey.channels == ["chat", "in_store"]
    assert journey.channel_labels() == ["Live chat", "In store"]
    # A contact logged late does not move the journey's latest activity back.
    assert journey.last_activity_at == in_store.occurred_at
    assert list(journey.interactions.order_by("occurred_at")) == [chat, thanks, in_store]


def test_open_journeys_are_listed_before_resolved_ones(associate) -> None:
    daniel = customer("Daniel", "Novak")
    older = contact(
        daniel,
        "email",
        "Where is my order HF-100311?",
        occurred_at=from_now(days=-10),
        start=JourneyStart(kind="order", title="Order HF-100311 late"),
    ).journey
    resolved = contact(
        daniel,
        "chat",
        "Boots too small",
        start=JourneyStart(kind="return", title="Exchange boots HF-100482"),
    ).journey
    Journey.objects.filter(pk=resolved.pk).update(status="resolved")

    assert journeys_of(customer_id=daniel.pk) == [older, resolved]
