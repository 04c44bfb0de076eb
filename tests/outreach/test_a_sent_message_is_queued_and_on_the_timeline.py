"""outreach_send: an allowed message is queued and is an outbound contact on the timeline;
a refused one makes no message at all."""

from __future__ import annotations

import pytest

from consenting import at_local
from everthread.conversations.models import TimelineEntry
from everthread.core.errors import Forbidden
from everthread.outreach.errors import InvalidOutreach
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send
from factories import StaffFactory


def test_an_allowed_message_is_queued_and_on_the_timeline(charlotte, advisor) -> None:
    sent = outreach_send(
        customer=charlotte,
        channel="email",
        purpose="marketing",
        actor=advisor,
        subject="New arrivals in ivory",
        body="Dear Charlotte, the ivory silk dress is in.",
        at=at_local("Europe/London", 11),
    )

    assert sent.outcome == "allowed"
    message = OutboundMessage.objects.get()
    assert (message.status, message.address) == ("queued", "charlotte.hale@example.com")
    assert message.interaction is not None
    entry = TimelineEntry.objects.get(customer=charlotte)
    assert entry.title == "New arrivals in ivory"
    assert (entry.channel, entry.detail["direction"]) == ("email", "outbound")


def test_a_refused_message_makes_nothing(henry, advisor) -> None:
    sent = outreach_send(
        customer=henry,
        channel="sms",
        purpose="marketing",
        actor=advisor,
        body="New suits",
        at=at_local("Europe/London", 11),
    )

    assert sent.outcome == "refused"
    assert sent.message is None
    assert not OutboundMessage.objects.exists()
    assert not TimelineEntry.objects.filter(customer=henry).exists()


def test_phone_calls_and_letters_are_not_sent_by_everthread(charlotte, advisor) -> None:
    with pytest.raises(InvalidOutreach, match="does not send by phone call"):
        outreach_send(
            customer=charlotte, channel="phone_call", purpose="service", actor=advisor, body="Hi"
        )


def test_a_role_without_outreach_cannot_send(charlotte) -> None:
    coach = StaffFactory(role="coach")

    with pytest.raises(Forbidden):
        outreach_send(
            customer=charlotte, channel="email", purpose="service", actor=coach, body="Hi"
        )
