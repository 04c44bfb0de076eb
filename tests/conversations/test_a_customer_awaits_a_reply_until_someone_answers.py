"""When the customer writes, the journey owes them a reply from that moment; a note between
colleagues does not answer them, a message to them does."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, customer, from_now
from everthread.conversations.models import Journey
from everthread.conversations.services import JourneyStart

pytestmark = pytest.mark.django_db


def test_the_wait_starts_at_the_first_unanswered_message_and_ends_with_a_reply() -> None:
    rosa = customer("Rosa", "Alvarez")
    agent = colleague("chloe", "Chloe Evans", role="agent")
    question = contact(
        rosa,
        "chat",
        "Does the red toggle raincoat cover my legs?",
        occurred_at=from_now(minutes=-20),
        start=JourneyStart(kind="product_enquiry", title="Red toggle raincoat", owner=agent),
    )
    journey = Journey.objects.get(pk=question.journey_id)
    assert journey.awaiting_reply_since == question.occurred_at

    contact(rosa, "chat", "Hello?", journey=journey, occurred_at=from_now(minutes=-10))
    contact(
        rosa,
        "chat",
        "Asked Covent Garden to try it on",
        staff=agent,
        direction="internal",
        journey=journey,
    )
    journey.refresh_from_db()
    assert journey.awaiting_reply_since == question.occurred_at

    contact(
        rosa,
        "chat",
        "It falls just below the knee",
        staff=agent,
        direction="outbound",
        journey=journey,
    )
    journey.refresh_from_db()
    assert journey.awaiting_reply_since is None
