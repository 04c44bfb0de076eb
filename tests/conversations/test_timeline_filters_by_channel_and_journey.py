"""The timeline narrows to one channel or one journey: the raincoat question across X and
chat is read apart from Rosa's other contacts."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, customer, from_now
from everthread.conversations.selectors import timeline_page
from everthread.conversations.services import JourneyStart
from everthread.core.errors import InvalidInput
from everthread.followups.services import FollowUpDraft, followup_open

pytestmark = pytest.mark.django_db


def _titles(**filters: object) -> list[str]:
    return [entry.title for entry in timeline_page(**filters).entries]


def test_by_channel_and_by_journey() -> None:
    rosa = customer("Rosa", "Alvarez")
    agent = colleague("chloe", "Chloe Evans", role="agent")
    contact(rosa, "email", "Unsubscribe me from the catalogue", occurred_at=from_now(days=-3))
    on_x = contact(
        rosa,
        "x",
        "Any raincoat you would recommend?",
        occurred_at=from_now(hours=-3),
        start=JourneyStart(kind="product_enquiry", title="Red toggle raincoat"),
    )
    journey = on_x.journey
    contact(
        rosa,
        "x",
        "Cute — love the toggles!",
        staff=agent,
        direction="outbound",
        journey=journey,
        occurred_at=from_now(hours=-2),
    )
    contact(
        rosa,
        "chat",
        "Does the red toggle raincoat cover my legs?",
        journey=journey,
        occurred_at=from_now(hours=-1),
    )
    followup_open(
        customer=rosa,
        actor=agent,
        draft=FollowUpDraft(
            title="Try on the red toggle raincoat: where does it fall?",
            due_at=from_now(hours=2),
            owner=agent,
            kind="request",
            journey=journey,
            reply_channel="chat",
        ),
    )

    assert _titles(customer_id=rosa.pk, channel="x") == [
        "Cute — love the toggles!",
        "Any raincoat you would recommend?",
    ]
    assert _titles(customer_id=rosa.pk, journey_id=journey.pk) == [
        "Try on the red toggle raincoat: where does it fall?",
        "Does the red toggle raincoat cover my legs?",
        "Cute — love the toggles!",
        "Any raincoat you would recommend?",
    ]
    assert _titles(customer_id=rosa.pk, channel="chat", journey_id=journey.pk) == [
        "Try on the red toggle raincoat: where does it fall?",
        "Does the red toggle raincoat cover my legs?",
    ]
    assert len(_titles(customer_id=rosa.pk)) == 5


def test_an_unknown_channel_is_refused_with_the_field() -> None:
    rosa = customer("Rosa", "Alvarez")

    with pytest.raises(InvalidInput) as refused:
        timeline_page(customer_id=rosa.pk, channel="carrier_pigeon")

    assert refused.value.field == "channel"
