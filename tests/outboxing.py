"""Queueing messages through the gate for the outbox's tests, at a daytime moment."""

from __future__ import annotations

import datetime

from consenting import at_local
from everthread.core.models import Organisation, Staff
from everthread.customers.models import Customer
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send

BODY = "Dear Charlotte, your alterations are ready to collect."


def daytime() -> datetime.datetime:
    """11:00 tomorrow in London: outside quiet hours, whenever the tests run."""
    return at_local("Europe/London", 11)


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
    sent = outreach_send(
        customer=customer,
        channel=channel,
        purpose=purpose,
        actor=advisor,
        body=body,
        subject=subject,
        address=address,
        at=at or daytime(),
    )
    assert sent.message is not None and sent.message.status == "queued", sent.decision.reasons
    return sent.message


def quiet_hours_off(organisation: Organisation) -> None:
    """Messages sent now go now, whatever the hour the tests run at."""
    organisation.quiet_hours_start = organisation.quiet_hours_end = datetime.time(8, 0)
    organisation.save()
