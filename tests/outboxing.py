"""Queueing messages through the gate for the outbox's tests, at a daytime moment."""

from __future__ import annotations

import datetime

from django.utils import timezone

from consenting import at_local
from everthread.conversations.services import InteractionDraft, interaction_record
from everthread.core.models import Organisation, Staff
from everthread.customers.models import Customer
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send

BODY = "Dear Charlotte, your alterations are ready to collect."


def daytime() -> datetime.datetime:
    """The next 11:00 or 15:00 in London: outside quiet hours, and less than a day ahead
    (so within WhatsApp's 24-hour window of a message written now), whenever tests run."""
    soon = timezone.now() + datetime.timedelta(minutes=1)
    moments = [at_local("Europe/London", hour, days=days) for days in (0, 1) for hour in (11, 15)]
    return min(moment for moment in moments if moment > soon)


def wrote_on_whatsapp(customer: Customer, *, before: datetime.datetime) -> None:
    """The customer wrote on WhatsApp just now (or just before ``before``): free text may
    answer within the day."""
    interaction_record(
        customer=customer,
        staff=None,
        draft=InteractionDraft(
            channel="whatsapp",
            direction="inbound",
            summary="Are my alterations ready?",
            occurred_at=min(before, timezone.now()) - datetime.timedelta(seconds=1),
        ),
    )


def queue_message(
    customer: Customer,
    advisor: Staff,
    channel: str,
    *,
    purpose: str = "service",
    body: str = BODY,
    subject: str = "",
    address: str = "",
    at: datetime.datetime | None = None,
) -> OutboundMessage:
    at = at or daytime()
    if channel == "whatsapp":
        wrote_on_whatsapp(customer, before=at)
    sent = outreach_send(
        customer=customer,
        channel=channel,
        purpose=purpose,
        actor=advisor,
        body=body,
        subject=subject,
        address=address,
        at=at,
    )
    assert sent.message is not None and sent.message.status == "queued", sent.decision.reasons
    return sent.message


def quiet_hours_off(organisation: Organisation) -> None:
    """Messages sent now go now, whatever the hour the tests run at."""
    organisation.quiet_hours_start = organisation.quiet_hours_end = datetime.time(8, 0)
    organisation.save()


def batch_queue(count: int) -> list[str]:
    """In an `everthread` database of its own: ``count`` service messages queued through the
    gate (SMS and WhatsApp in turn, each worded apart), their delivery tasks queued for the
    worker; their keys. Up to 9,999 messages."""
    from factories import ContactPointFactory, CustomerFactory, OrganisationFactory, StaffFactory

    quiet_hours_off(OrganisationFactory())
    advisor = StaffFactory(username="isabelle", first_name="Isabelle", last_name="Laurent")
    keys = []
    for n in range(count):
        customer = CustomerFactory(given_name=f"Client{n}", family_name="Hale")
        # Ending in 5: never one of the local provider's failing numbers (990-993).
        ContactPointFactory(customer=customer, kind="phone", value=f"+4477009{n * 10 + 5:05d}")
        channel = "sms" if n % 2 else "whatsapp"
        if channel == "whatsapp":
            wrote_on_whatsapp(customer, before=timezone.now())
        sent = outreach_send(
            customer=customer,
            channel=channel,
            purpose="service",
            actor=advisor,
            body=f"Dear client {n}, your order is ready to collect.",
        )
        assert sent.message is not None, sent.decision.reasons
        keys.append(sent.message.idempotency_key)
    return keys


def outbox_state() -> dict[str, list[str]]:
    """Every message's status, provider id and channel, by key."""
    return {
        key: [status, provider_id, channel]
        for key, status, provider_id, channel in OutboundMessage.objects.values_list(
            "idempotency_key", "status", "provider_message_id", "channel"
        )
    }
