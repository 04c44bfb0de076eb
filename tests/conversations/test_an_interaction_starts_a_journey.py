"""A contact about a new need starts its journey: the kind, the title, who owns it and the
channel it began in, and the contact itself is the journey's first line."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, customer, from_now
from everthread.conversations.models import Journey
from everthread.conversations.selectors import journeys_of, timeline_page
from everthread.conversations.services import JourneyStart

pytestmark = pytest.mark.django_db


def test_the_first_contact_opens_the_journey_it_is_about() -> None:
    amara = customer("Amara", "Osei")
    priya = colleague("priya", "Priya Shah", role="agent")

    styling = contact(
        amara,
        "video",
        "Virtual styling: three looks for her sister's wedding",
        staff=priya,
        direction="outbound",
        occurred_at=from_now(hours=-2),
        start=JourneyStart(kind="styling", title="Outfit for her sister's wedding"),
    )

    journey = styling.journey
    assert journey is not None
    assert (journey.customer, journey.kind, journey.title) == (
        amara,
        Journey.Kind.STYLING,
        "Outfit for her sister's wedding",
    )
    assert (journey.status, journey.owner, journey.opened_by) == ("open", priya, priya)
    assert journey.channels == ["video"]
    assert journey.opened_at == journey.last_activity_at == styling.occurred_at
    assert journeys_of(customer_id=amara.pk) == [journey]
    [line] = timeline_page(customer_id=amara.pk, journey_id=journey.pk).entries
    assert (line.kind, line.object_id) == ("interaction", styling.pk)


def test_the_journey_can_be_given_to_the_colleague_who_will_carry_it() -> None:
    daniel = customer("Daniel", "Novak")
    chloe = colleague("chloe", "Chloe Evans", role="agent")
    marcus = colleague("marcus", "Marcus Bell")

    chat = contact(
        daniel,
        "chat",
        "Boots from HF-100482 a size too small; wants EU 43",
        staff=chloe,
        start=JourneyStart(kind="return", title="Exchange boots HF-100482", owner=marcus),
    )

    assert chat.journey is not None
    assert (chat.journey.owner, chat.journey.opened_by) == (marcus, chloe)
