"""Twilio's status callbacks and WhatsApp's statuses move our outbound messages forward."""

from __future__ import annotations

import pytest
from django.utils import timezone

from consenting import GRANTED, client_of, isabelle
from consenting import record as consent
from everthread.channels.models import InboundEvent
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send
from outboxing import wrote_on_whatsapp
from webhooks import meta_post, twilio_post, twilio_status, whatsapp_cloud

pytestmark = pytest.mark.django_db


def _sent(channel: str, provider_message_id: str) -> OutboundMessage:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    consent(charlotte, channel, "service", GRANTED)
    at = timezone.now().replace(hour=11)
    if channel == "whatsapp":
        wrote_on_whatsapp(charlotte, before=at)
    sent = outreach_send(
        customer=charlotte,
        channel=channel,
        purpose="service",
        body="Your order is ready to collect.",
        actor=advisor,
        at=at,
    )
    assert sent.message is not None
    # What the delivery worker records once the provider took the message.
    OutboundMessage.objects.filter(pk=sent.message.pk).update(
        status="sent", provider_message_id=provider_message_id
    )
    return sent.message


def test_a_twilio_callback_marks_the_sms_delivered(
    client, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    message = _sent("sms", "SM0123456789abcdef")

    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(client, twilio_status("SM0123456789abcdef", "delivered"))

    message.refresh_from_db()
    assert message.status == "delivered"
    event = InboundEvent.objects.get()
    assert (event.outcome, event.customer_id) == ("status_recorded", message.customer_id)


def test_a_failure_keeps_the_providers_reason(
    client, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    message = _sent("sms", "SM0000000000000001")

    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(
            client,
            twilio_status(
                "SM0000000000000001",
                "undelivered",
                ErrorCode="30005",
                ErrorMessage="Unknown destination",
            ),
        )

    message.refresh_from_db()
    assert message.status == "failed"
    assert message.status_detail == "Twilio error 30005: Unknown destination"


def test_whatsapp_statuses_move_forward_never_back(
    client, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    message = _sent("whatsapp", "wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS")
    read = {"id": "wamid.HBgLNDQ3NzAwOTAwMTExFQIAERgS", "status": "read", "timestamp": "1767000200"}
    delivered = {**read, "status": "delivered", "timestamp": "1767000100"}

    with django_capture_on_commit_callbacks(execute=True):
        meta_post(client, whatsapp_cloud(statuses=[read]))
    with django_capture_on_commit_callbacks(execute=True):
        meta_post(client, whatsapp_cloud(statuses=[delivered]))

    message.refresh_from_db()
    assert message.status == "read"


def test_a_receipt_for_something_we_did_not_send_is_ignored(
    client, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(client, twilio_status("SMnotours", "delivered"))
    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(client, twilio_status("SMnotours", "scheduled"))

    notes = list(InboundEvent.objects.order_by("pk").values_list("outcome", "note"))
    assert notes[0] == ("ignored", "No message we sent carries this id.")
    assert notes[1][0] == "ignored" and "not a delivery status" in notes[1][1]
