"""What cannot be a contact is refused with a message and the field to correct, and nothing
of it is kept."""

from __future__ import annotations

from dataclasses import replace

import pytest

from continuity import customer, from_now
from everthread.conversations.errors import InvalidInteraction, JourneyNotFound
from everthread.conversations.models import Interaction, Journey
from everthread.conversations.selectors import journey_of
from everthread.conversations.services import (
    InteractionDraft,
    JourneyStart,
    interaction_record,
)
from everthread.customers.models import Customer

pytestmark = pytest.mark.django_db

CALL = InteractionDraft(channel="phone", direction="inbound", summary="Asked about family passes")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"occurred_at": from_now(days=1)}, "occurred_at", "cannot happen in the future"),
        ({"channel": "fax"}, "channel", "“fax” is not a channel"),
        ({"direction": "sideways"}, "direction", "inbound, outbound or internal"),
        ({"summary": "   "}, "summary", "what the contact was about"),
    ],
)
def test_a_contact_that_cannot_be_is_refused(change: dict, field: str, message: str) -> None:
    jordan = customer("Jordan", "Blake")

    with pytest.raises(InvalidInteraction) as refused:
        interaction_record(customer=jordan, staff=None, draft=replace(CALL, **change))

    assert refused.value.field == field
    assert message in refused.value.message
    assert not Interaction.objects.exists()


def test_a_clock_a_minute_ahead_is_not_the_future() -> None:
    jordan = customer("Jordan", "Blake")

    interaction_record(
        customer=jordan, staff=None, draft=replace(CALL, occurred_at=from_now(minutes=1))
    )

    assert Interaction.objects.count() == 1


def test_a_contact_continues_a_journey_or_starts_one_not_both() -> None:
    jordan = customer("Jordan", "Blake")
    journey = _journey_of(jordan, "Family membership")

    with pytest.raises(InvalidInteraction) as refused:
        interaction_record(
            customer=jordan,
            staff=None,
            draft=CALL,
            journey=journey,
            start=JourneyStart(kind="membership", title="Family membership"),
        )

    assert refused.value.field == "journey_id"
    assert Journey.objects.count() == 1


def test_another_customers_journey_is_not_found() -> None:
    jordan, amara = customer("Jordan", "Blake"), customer("Amara", "Osei")
    amaras = _journey_of(amara, "Outfit for her sister's wedding")

    with pytest.raises(JourneyNotFound) as refused:
        journey_of(customer=jordan, journey_id=amaras.pk)

    assert (refused.value.http_status, refused.value.field) == (404, "journey_id")


def _journey_of(who: Customer, title: str) -> Journey:
    yesterday = from_now(days=-1)
    return Journey.objects.create(
        customer=who, title=title, opened_at=yesterday, last_activity_at=yesterday
    )
