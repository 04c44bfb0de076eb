"""In the morning a held message is looked at again: queued if the gate still allows it,
cancelled if the customer withdrew overnight; released once however often asked."""

from __future__ import annotations

import datetime

from consenting import WITHDRAWN, at_local, record, wrote_on_whatsapp
from everthread.conversations.models import TimelineEntry
from everthread.outreach.services import outreach_release, outreach_send


def _held(customer, advisor):
    late = at_local("Europe/London", 22, 30, days=-1)
    wrote_on_whatsapp(customer, at=late)
    sent = outreach_send(
        customer=customer,
        channel="whatsapp",
        purpose="marketing",
        actor=advisor,
        body="The ivory silk dress has arrived in a 10.",
        at=late,
    )
    assert sent.outcome == "held"
    return sent.message


def test_the_held_message_is_queued_in_the_morning(charlotte, advisor) -> None:
    message = _held(charlotte, advisor)
    morning = message.send_after + datetime.timedelta(minutes=1)

    released = outreach_release(message_id=message.pk, at=morning)

    assert released.outcome == "allowed"
    message.refresh_from_db()
    assert message.status == "queued"
    assert TimelineEntry.objects.filter(customer=charlotte, channel="whatsapp").exists()
    assert outreach_release(message_id=message.pk, at=morning) is None


def test_a_withdrawal_overnight_cancels_it(charlotte, advisor) -> None:
    message = _held(charlotte, advisor)
    record(charlotte, "whatsapp", "marketing", WITHDRAWN, days_ago=0)

    released = outreach_release(
        message_id=message.pk, at=message.send_after + datetime.timedelta(minutes=1)
    )

    assert released.outcome == "refused"
    message.refresh_from_db()
    assert message.status == "cancelled"
    assert message.interaction is None


def test_it_is_not_released_before_morning(charlotte, advisor) -> None:
    message = _held(charlotte, advisor)

    assert (
        outreach_release(message_id=message.pk, at=message.send_after - datetime.timedelta(hours=1))
        is None
    )
