"""After sending, the composer shows the message's delivery status and asks again every few
seconds (every minute while it waits for morning), until the message stops moving."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_delivery_update


@pytest.fixture
def isabelle_signed_in(advisor) -> Client:
    client = Client()
    client.force_login(advisor)
    return client


def test_the_status_is_shown_and_asked_again_until_delivered(isabelle_signed_in, charlotte):
    page = isabelle_signed_in.post(
        f"/customers/{charlotte.pk}/message/",
        {
            "purpose": "service",
            "channel": "email",
            "subject": "Your alterations",
            "body": "Dear Charlotte, your alterations are ready to collect. Warm regards, Isabelle",
        },
    ).content.decode()

    message = OutboundMessage.objects.get(customer=charlotte)
    status_url = f"/outbox/{message.pk}/status/"
    assert f"Delivery: <strong>{message.get_status_display()}</strong>" in page
    assert f'hx-get="{status_url}"' in page
    every = "every 60s" if message.status == "held" else "every 2s"
    assert f'hx-trigger="{every}"' in page

    OutboundMessage.objects.filter(pk=message.pk).update(status="sent", provider_message_id="m1")
    sent = isabelle_signed_in.get(status_url).content.decode()
    outreach_delivery_update(provider_message_id="m1", status="delivered")
    delivered = isabelle_signed_in.get(status_url).content.decode()

    assert "Delivery: <strong>Sent</strong>" in sent and 'hx-trigger="every 2s"' in sent
    assert "Delivery: <strong>Delivered</strong>" in delivered
    assert "hx-get" not in delivered


def test_a_failure_says_why_and_stops_asking(isabelle_signed_in, charlotte, advisor) -> None:
    isabelle_signed_in.post(
        f"/customers/{charlotte.pk}/message/",
        {"purpose": "service", "channel": "sms", "body": "Dear Charlotte, your coat is ready."},
    )
    message = OutboundMessage.objects.get(customer=charlotte)
    OutboundMessage.objects.filter(pk=message.pk).update(
        status="dead", last_error="The provider refused the number: not a mobile."
    )

    shown = isabelle_signed_in.get(f"/outbox/{message.pk}/status/").content.decode()

    assert "Failed for good</strong> · The provider refused the number: not a mobile." in shown
    assert "hx-get" not in shown


def test_an_unknown_message_is_not_found(isabelle_signed_in) -> None:
    response = isabelle_signed_in.get("/outbox/999999/status/")

    assert response.status_code == 404
    assert "There is no such message." in response.content.decode()
