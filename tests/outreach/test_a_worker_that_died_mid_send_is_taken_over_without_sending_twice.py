"""A worker that died while sending leaves its claim behind. Once the claim is old, another
worker takes the message over and asks the provider first, by the message's key, whether
the dead worker's attempt got through: the customer gets the message once, and the
message records the provider's id for it. A recent claim is left to its worker."""

from __future__ import annotations

import datetime

import pytest

from everthread.outreach.adapters import adapter_for
from everthread.outreach.delivery import outgoing_of, outreach_deliver
from everthread.outreach.models import OutboundMessage
from outboxing import daytime, queue_message


def _claimed_by_a_worker_that_died(message: OutboundMessage, *, reached_provider: bool) -> str:
    """What a worker leaves when killed mid-send: the claim, and maybe the provider's copy."""
    provider_id = ""
    if reached_provider:
        provider_id = adapter_for(message.channel).send(outgoing_of(message))
    OutboundMessage.objects.filter(pk=message.pk).update(
        status="sending", attempts=1, claimed_at=daytime() - datetime.timedelta(minutes=10)
    )
    return provider_id


@pytest.mark.parametrize("channel", ["sms", "whatsapp", "email"])
def test_a_message_the_provider_already_took_is_not_sent_again(
    provider, charlotte, advisor, channel
) -> None:
    message = queue_message(charlotte, advisor, channel, subject="Your alterations")
    first_id = _claimed_by_a_worker_that_died(message, reached_provider=True)

    taken_over = outreach_deliver(message_id=message.pk, now=daytime())

    assert taken_over is not None
    assert (taken_over.status, taken_over.provider_message_id) == ("sent", first_id)
    assert taken_over.attempts == 2
    assert provider.taken_by_key() == {message.idempotency_key: 1}


def test_twilio_is_asked_rather_than_sent_the_message_again(provider, charlotte, advisor):
    # Twilio keeps no idempotency key: the list of messages sent is what tells.
    message = queue_message(charlotte, advisor, "sms")
    _claimed_by_a_worker_that_died(message, reached_provider=True)

    outreach_deliver(message_id=message.pk, now=daytime())

    assert provider.listing()["requests"] == {message.idempotency_key: 1}


def test_a_message_the_dead_worker_never_sent_is_sent_now(provider, charlotte, advisor) -> None:
    message = queue_message(charlotte, advisor, "sms")
    _claimed_by_a_worker_that_died(message, reached_provider=False)

    taken_over = outreach_deliver(message_id=message.pk, now=daytime())

    [taken] = provider.messages()
    assert taken_over is not None and taken_over.provider_message_id == taken["id"]


def test_a_recent_claim_is_left_to_its_worker(provider, charlotte, advisor) -> None:
    message = queue_message(charlotte, advisor, "sms")
    OutboundMessage.objects.filter(pk=message.pk).update(
        status="sending", attempts=1, claimed_at=daytime() - datetime.timedelta(seconds=10)
    )

    assert outreach_deliver(message_id=message.pk, now=daytime()) is None

    message.refresh_from_db()
    assert message.status == "sending"
    assert provider.messages() == []


def test_a_message_that_stops_every_worker_is_given_up_on(provider, settings, charlotte, advisor):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = queue_message(charlotte, advisor, "sms")
    _claimed_by_a_worker_that_died(message, reached_provider=False)
    OutboundMessage.objects.filter(pk=message.pk).update(attempts=3)

    given_up = outreach_deliver(message_id=message.pk, now=daytime())

    assert given_up is not None and given_up.status == "dead"
    assert given_up.last_error == (
        "Gave up after 4 attempts. The worker stopped while sending it, each time."
    )
    assert provider.messages() == []
