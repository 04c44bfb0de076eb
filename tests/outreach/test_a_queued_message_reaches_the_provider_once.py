"""A queued message goes to the customer's provider over SMS, WhatsApp or email, is marked
sent with the provider's id, and running the delivery again sends nothing more."""

from __future__ import annotations

from everthread.outreach.delivery import outreach_deliver
from outboxing import BODY, daytime, queue_message
from providers import FROM_NUMBER


def test_an_sms_goes_through_twilio_and_is_marked_sent(provider, charlotte, advisor) -> None:
    message = queue_message(charlotte, advisor, "sms")

    delivered = outreach_deliver(message_id=message.pk, now=daytime())

    [taken] = provider.messages()
    assert (taken["provider"], taken["to"], taken["from"]) == (
        "twilio",
        "+447700900111",
        FROM_NUMBER,
    )
    assert taken["body"] == BODY
    assert delivered is not None and delivered.status == "sent"
    assert delivered.provider_message_id == taken["id"] and taken["id"].startswith("SM")
    assert (delivered.attempts, delivered.last_error) == (1, "")


def test_a_whatsapp_message_goes_through_the_cloud_api(provider, charlotte, advisor) -> None:
    message = queue_message(charlotte, advisor, "whatsapp")

    delivered = outreach_deliver(message_id=message.pk, now=daytime())

    [taken] = provider.messages()
    assert (taken["provider"], taken["to"], taken["key"]) == (
        "whatsapp",
        "447700900111",
        message.idempotency_key,
    )
    assert delivered is not None and delivered.status == "sent"
    assert delivered.provider_message_id == taken["id"] and taken["id"].startswith("wamid.")


def test_an_email_goes_over_smtp_with_its_subject(provider, charlotte, advisor) -> None:
    message = queue_message(charlotte, advisor, "email", subject="Your alterations")

    delivered = outreach_deliver(message_id=message.pk, now=daytime())

    [taken] = provider.messages()
    assert (taken["provider"], taken["to"], taken["subject"]) == (
        "smtp",
        "charlotte.hale@example.com",
        "Your alterations",
    )
    assert taken["body"] == BODY
    assert delivered is not None and delivered.provider_message_id == taken["id"]
    assert "List-Unsubscribe" not in taken["headers"]  # a service message, not marketing


def test_a_marketing_email_carries_the_one_click_unsubscribe(provider, charlotte, advisor) -> None:
    message = queue_message(
        charlotte, advisor, "email", purpose="marketing", subject="New arrivals"
    )

    outreach_deliver(message_id=message.pk, now=daytime())

    [taken] = provider.messages()
    assert taken["headers"]["List-Unsubscribe"].startswith(
        "<https://everthread.example.com/unsubscribe/"
    )
    assert taken["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_delivering_again_sends_nothing_more(provider, charlotte, advisor) -> None:
    message = queue_message(charlotte, advisor, "sms")
    first = outreach_deliver(message_id=message.pk, now=daytime())

    again = outreach_deliver(message_id=message.pk, now=daytime())

    assert again is None
    assert len(provider.messages()) == 1
    message.refresh_from_db()
    assert first is not None and message.provider_message_id == first.provider_message_id


def test_with_the_outbox_off_messages_wait_in_the_queue(provider, settings, charlotte, advisor):
    settings.OUTBOX_ENABLED = False
    message = queue_message(charlotte, advisor, "sms")

    assert outreach_deliver(message_id=message.pk, now=daytime()) is None

    message.refresh_from_db()
    assert message.status == "queued"
    assert provider.messages() == []


def test_each_message_has_its_own_key(provider, charlotte, advisor) -> None:
    one, two = queue_message(charlotte, advisor, "sms"), queue_message(charlotte, advisor, "sms")

    outreach_deliver(message_id=one.pk, now=daytime())
    outreach_deliver(message_id=two.pk, now=daytime())

    assert one.idempotency_key != two.idempotency_key
    assert provider.taken_by_key() == {one.idempotency_key: 1, two.idempotency_key: 1}


def test_whatsapp_can_go_through_twilio_instead(provider, settings, charlotte, advisor) -> None:
    settings.WHATSAPP_VIA = "twilio"
    message = queue_message(charlotte, advisor, "whatsapp")

    delivered = outreach_deliver(message_id=message.pk, now=daytime())

    [taken] = provider.messages()
    assert (taken["provider"], taken["to"], taken["from"]) == (
        "twilio",
        "whatsapp:+447700900111",
        f"whatsapp:{FROM_NUMBER}",
    )
    assert delivered is not None and delivered.provider_message_id == taken["id"]
