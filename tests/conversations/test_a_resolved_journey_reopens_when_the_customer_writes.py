"""A resolved journey comes back to life when the customer writes about it again; a
colleague's own message after the fact (a thank-you) leaves it resolved."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, customer
from everthread.conversations.models import Journey
from everthread.conversations.services import JourneyStart, journey_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved_exchange() -> Journey:
    daniel = customer("Daniel", "Novak")
    marcus = colleague("marcus", "Marcus Bell")
    chat = contact(
        daniel,
        "chat",
        "Boots from HF-100482 a size too small",
        start=JourneyStart(kind="return", title="Exchange boots HF-100482", owner=marcus),
    )
    journey = Journey.objects.get(pk=chat.journey_id)
    return journey_update(journey=journey, actor=marcus, status=Journey.Status.RESOLVED)


def test_the_customer_writing_again_reopens_it(resolved_exchange: Journey) -> None:
    assert resolved_exchange.resolved_at is not None
    assert resolved_exchange.awaiting_reply_since is None

    again = contact(
        resolved_exchange.customer,
        "email",
        "The new boots rub at the heel",
        journey=resolved_exchange,
    )

    journey = Journey.objects.get(pk=resolved_exchange.pk)
    assert (journey.status, journey.resolved_at) == ("open", None)
    assert journey.awaiting_reply_since == again.occurred_at
    assert journey.channels == ["chat", "email"]


def test_a_thank_you_from_the_store_leaves_it_resolved(resolved_exchange: Journey) -> None:
    contact(
        resolved_exchange.customer,
        "email",
        "Thank you for shopping with us at Leeds Briggate",
        staff=resolved_exchange.owner,
        direction="outbound",
        journey=resolved_exchange,
    )

    journey = Journey.objects.get(pk=resolved_exchange.pk)
    assert journey.status == "resolved"
    assert journey.resolved_at is not None
