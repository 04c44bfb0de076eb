"""A provider's delivery receipts: a message moves sent → delivered → read, never back,
and a receipt for a message Everthread did not send is ignored."""

from __future__ import annotations

import pytest

from everthread.outreach.errors import InvalidOutreach
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_delivery_update, outreach_send
from outboxing import daytime, wrote_on_whatsapp


@pytest.fixture
def message(charlotte, advisor) -> OutboundMessage:
    at = daytime()
    wrote_on_whatsapp(charlotte, before=at)
    sent = outreach_send(
        customer=charlotte,
        channel="whatsapp",
        purpose="marketing",
        actor=advisor,
        body="Dear Charlotte, the ivory silk dress is in.",
        at=at,
    )
    assert sent.message is not None
    # What the delivery worker records once the provider took the message.
    OutboundMessage.objects.filter(pk=sent.message.pk).update(
        status="sent", provider_message_id="wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS"
    )
    return sent.message


def test_receipts_move_the_message_forward_in_order(message) -> None:
    outreach_delivery_update(
        provider_message_id="wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS", status="delivered"
    )
    message.refresh_from_db()
    assert message.status == "delivered"
    assert message.status_changed_at is not None

    outreach_delivery_update(
        provider_message_id="wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS", status="read"
    )
    message.refresh_from_db()
    assert message.status == "read"


def test_a_late_receipt_never_moves_a_message_back(message) -> None:
    outreach_delivery_update(
        provider_message_id="wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS", status="read"
    )
    outreach_delivery_update(
        provider_message_id="wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS", status="sent"
    )
    outreach_delivery_update(
        provider_message_id="wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS", status="failed", detail="131047"
    )
    message.refresh_from_db()
    assert message.status == "read"
    assert message.status_detail == "131047"


def test_a_failure_before_delivery_is_recorded_with_its_reason(message) -> None:
    outreach_delivery_update(
        provider_message_id="wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS",
        status="undelivered",
        detail="30003 Unreachable destination handset",
    )
    message.refresh_from_db()
    assert (message.status, message.status_detail) == (
        "failed",
        "30003 Unreachable destination handset",
    )


def test_a_receipt_for_an_unknown_message_changes_nothing(message) -> None:
    assert outreach_delivery_update(provider_message_id="SM0000unknown", status="delivered") is None
    assert outreach_delivery_update(provider_message_id="", status="delivered") is None
    message.refresh_from_db()
    assert message.status == "sent"


def test_an_unknown_status_is_refused(message) -> None:
    with pytest.raises(InvalidOutreach, match="not a delivery status"):
        outreach_delivery_update(
            provider_message_id="wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS", status="lost"
        )
