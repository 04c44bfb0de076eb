"""Frequency caps count what reached the customer or is on its way: a marketing message
that failed for good (a mailbox that does not exist) leaves room for another."""

from __future__ import annotations

import datetime

from everthread.outreach.delivery import outreach_deliver
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send
from factories import ContactPointFactory
from outboxing import daytime, queue_message


def test_a_dead_letter_leaves_room_under_the_cap(provider, charlotte, advisor) -> None:
    ContactPointFactory(customer=charlotte, kind="email", value="invalid.hale@example.com")
    monday = daytime()
    queue_message(charlotte, advisor, "email", purpose="marketing", at=monday)
    bounced = queue_message(
        charlotte,
        advisor,
        "email",
        purpose="marketing",
        address="invalid.hale@example.com",
        at=monday + datetime.timedelta(hours=1),
    )
    failed = outreach_deliver(message_id=bounced.pk, now=monday + datetime.timedelta(hours=1))
    assert failed is not None and failed.status == "dead"

    third = queue_message(
        charlotte, advisor, "email", purpose="marketing", at=monday + datetime.timedelta(days=1)
    )

    assert third.status == "queued"


def test_a_message_being_sent_still_counts(provider, charlotte, advisor) -> None:
    monday = daytime()
    first = queue_message(charlotte, advisor, "email", purpose="marketing", at=monday)
    second = queue_message(
        charlotte, advisor, "email", purpose="marketing", at=monday + datetime.timedelta(hours=1)
    )
    OutboundMessage.objects.filter(pk__in=[first.pk, second.pk]).update(status="sending")

    third = outreach_send(
        customer=charlotte,
        channel="email",
        purpose="marketing",
        actor=advisor,
        body="More new arrivals.",
        at=monday + datetime.timedelta(days=1),
    )

    assert third.outcome == "refused"
