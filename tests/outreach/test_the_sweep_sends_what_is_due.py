"""The sweep (`everthread outbox sweep`) sends every queued message that is due, even if
the task that was to send it was lost, and what a dead worker left half-sent; it leaves
alone what is held for morning or waiting for its next try."""

from __future__ import annotations

import datetime

from consenting import at_local
from everthread.outreach.delivery import outreach_sweep
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send
from factories import ContactPointFactory
from outboxing import daytime, queue_message
from processes import everthread


def _held(customer, advisor, at):
    sent = outreach_send(
        customer=customer, channel="sms", purpose="service", actor=advisor, body="Hi", at=at
    )
    assert sent.message is not None and sent.message.status == "held"
    return sent.message


def test_the_sweep_sends_what_is_due_and_nothing_else(provider, charlotte, advisor) -> None:
    due = [queue_message(charlotte, advisor, "sms") for _ in range(3)]
    later = queue_message(
        charlotte, advisor, "whatsapp", at=daytime() + datetime.timedelta(hours=1)
    )
    night = at_local("Europe/London", 23)
    held = _held(charlotte, advisor, night)
    half_sent = queue_message(charlotte, advisor, "email", subject="Hello")
    OutboundMessage.objects.filter(pk=half_sent.pk).update(
        status="sending", claimed_at=daytime() - datetime.timedelta(hours=1)
    )

    swept = outreach_sweep(now=daytime())

    assert (swept.sent, swept.retrying, swept.dead) == (4, 0, 0)
    assert provider.taken_by_key() == {m.idempotency_key: 1 for m in [*due, half_sent]}
    assert OutboundMessage.objects.get(pk=later.pk).status == "queued"
    assert OutboundMessage.objects.get(pk=held.pk).status == "held"


def test_the_sweep_counts_what_it_could_not_send(provider, charlotte, advisor) -> None:
    ContactPointFactory(customer=charlotte, kind="phone", value="+447700900990")
    ContactPointFactory(customer=charlotte, kind="phone", value="+447700900991")
    queue_message(charlotte, advisor, "sms", address="+447700900990")
    queue_message(charlotte, advisor, "sms", address="+447700900991")
    queue_message(charlotte, advisor, "sms")

    swept = outreach_sweep(now=daytime())

    assert (swept.sent, swept.retrying, swept.dead) == (1, 1, 1)


def test_an_empty_outbox_sweeps_to_nothing(provider, organisation) -> None:
    assert outreach_sweep(now=daytime()).tried == 0


def test_the_sweep_command_refuses_while_the_outbox_is_off(tmp_path) -> None:
    migrated = everthread(
        "migrate", "--noinput", EVERTHREAD_DEBUG="true", EVERTHREAD_DATA_DIR=str(tmp_path)
    )
    assert migrated.returncode == 0, migrated.stderr

    result = everthread(
        "outbox", "sweep", EVERTHREAD_DEBUG="true", EVERTHREAD_DATA_DIR=str(tmp_path)
    )

    assert result.returncode != 0
    assert "The outbox is off (EVERTHREAD_OUTBOX_ENABLED is not true)" in result.stderr
