"""A provider that refuses a message for good (a number that does not exist, an unknown
mailbox) puts it straight on the dead-letter list, with the reason in staff's words."""

from __future__ import annotations

import pytest

from everthread.core.models import AuditEvent
from everthread.outreach.delivery import outreach_deliver
from factories import ContactPointFactory
from outboxing import daytime, queue_message

INVALID_NUMBER = "+447700900990"


@pytest.mark.parametrize(
    ("channel", "address", "reason"),
    [
        ("sms", INVALID_NUMBER, "+447700900990 is not a valid phone number. (Twilio 21211)"),
        (
            "whatsapp",
            INVALID_NUMBER,
            "+447700900990 cannot receive WhatsApp messages (no WhatsApp account, or an old "
            "app). (WhatsApp 131026)",
        ),
        (
            "email",
            "invalid.charlotte@example.com",
            "The mail server refused invalid.charlotte@example.com: 550 5.1.1 "
            "<invalid.charlotte@example.com>: Recipient address rejected: User unknown",
        ),
    ],
)
def test_a_refusal_fails_the_message_for_good_at_once(
    provider, charlotte, advisor, channel, address, reason
) -> None:
    kind = "email" if channel == "email" else "phone"
    ContactPointFactory(customer=charlotte, kind=kind, value=address)
    message = queue_message(charlotte, advisor, channel, address=address, subject="Hello")

    failed = outreach_deliver(message_id=message.pk, now=daytime())

    assert failed is not None
    assert (failed.status, failed.attempts, failed.last_error) == ("dead", 1, reason)
    assert provider.messages() == []
    event = AuditEvent.objects.get(action="outreach.dead_lettered")
    assert (event.customer_id, event.detail["reason"]) == (charlotte.pk, reason)


def test_a_channel_that_is_not_set_up_says_what_to_set(
    provider, settings, charlotte, advisor
) -> None:
    settings.TWILIO_AUTH_TOKEN = ""
    message = queue_message(charlotte, advisor, "sms")

    failed = outreach_deliver(message_id=message.pk, now=daytime())

    assert failed is not None and failed.status == "dead"
    assert failed.last_error.startswith("Text messages are not set up: set TWILIO_ACCOUNT_SID")


@pytest.mark.parametrize(
    ("channel", "setting", "reason"),
    [
        ("sms", "TWILIO_AUTH_TOKEN", "Twilio refused the message: Authenticate (Twilio 20003)"),
        (
            "whatsapp",
            "META_ACCESS_TOKEN",
            "WhatsApp refused the message: Invalid OAuth access token. (WhatsApp 190)",
        ),
    ],
)
def test_wrong_credentials_are_the_providers_words(
    provider, settings, charlotte, advisor, channel, setting, reason
) -> None:
    setattr(settings, setting, "not-the-token")
    message = queue_message(charlotte, advisor, channel)

    failed = outreach_deliver(message_id=message.pk, now=daytime())

    assert failed is not None and (failed.status, failed.last_error) == ("dead", reason)
