"""Sending queues a task for `everthread worker`, which delivers the message; a message
released in the morning is queued for delivery the same way."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult

from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import Sent, outreach_release, outreach_send
from importing import worker_run_queued
from outboxing import BODY, quiet_hours_off


def _send_now(organisation, customer, advisor) -> Sent:
    quiet_hours_off(organisation)
    sent = outreach_send(
        customer=customer, channel="sms", purpose="service", actor=advisor, body=BODY
    )
    assert sent.message is not None
    return sent


def test_the_worker_delivers_a_message_sent_through_the_gate(
    transactional_db, provider, organisation, charlotte, advisor
) -> None:
    _send_now(organisation, charlotte, advisor)

    assert DBTaskResult.objects.get().task_path.endswith("deliver_outbound_message")
    assert provider.messages() == []  # nothing goes until the worker takes it

    worker_run_queued()

    message = OutboundMessage.objects.get()
    [taken] = provider.messages()
    assert (message.status, message.provider_message_id) == ("sent", taken["id"])


def test_a_message_released_in_the_morning_is_delivered(
    transactional_db, provider, organisation, charlotte, advisor
) -> None:
    sent = _send_now(organisation, charlotte, advisor)
    # As if the gate had held it last night: no delivery task until it is released.
    OutboundMessage.objects.filter(pk=sent.message.pk).update(status="held")
    DBTaskResult.objects.all().delete()

    outreach_release(message_id=sent.message.pk)
    worker_run_queued()

    assert OutboundMessage.objects.get().status == "sent"
    assert len(provider.messages()) == 1


def test_without_the_outbox_nothing_is_queued_for_it(
    transactional_db, provider, settings, organisation, charlotte, advisor
) -> None:
    settings.OUTBOX_ENABLED = False

    _send_now(organisation, charlotte, advisor)

    assert not DBTaskResult.objects.exists()
    assert OutboundMessage.objects.get().status == "queued"
