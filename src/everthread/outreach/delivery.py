"""The outbox: a queued message goes to its channel's provider once, whatever fails.

A worker claims the message (queued → sending) with a conditional update, so two workers
never send one message. A claim older than OUTBOX_CLAIM_SECONDS belongs to a worker that
died mid-send: another takes it over, and asks the provider first whether that attempt got
through (the message's idempotency key is the same on every attempt), so the customer
never gets it twice. Busy providers and timeouts are retried with backoff; a refusal
(a wrong number) or too many attempts puts the message on the dead-letter list.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from everthread.consent.models import MARKETING_PURPOSES, ConsentChannel
from everthread.core.services import audit_record
from everthread.outreach.adapters import (
    Attachment,
    DeliveryFailed,
    Outgoing,
    TransientFailure,
    adapter_for,
)
from everthread.outreach.models import OutboundMessage
from everthread.outreach.unsubscribe import list_unsubscribe_headers

Status = OutboundMessage.Status


def outreach_deliver(
    *, message_id: int, now: datetime.datetime | None = None
) -> OutboundMessage | None:
    """Send one message if it is due and no live worker has it; None if it was not ours."""
    if not settings.OUTBOX_ENABLED:
        return None
    now = now or timezone.now()
    taken_over = _claim(message_id, now)
    if taken_over is None:
        return None
    message = OutboundMessage.objects.get(pk=message_id)
    if taken_over and message.attempts > settings.OUTBOX_MAX_ATTEMPTS:
        # A message whose sending stops the worker every time must not stop them all.
        stopped = TransientFailure("The worker stopped while sending it, each time.")
        return _failed(message, stopped, now=now)
    outgoing = outgoing_of(message)
    try:
        adapter = adapter_for(message.channel)
        provider_id = None
        if taken_over or message.attempts > 1:
            # An earlier attempt may have reached the provider before its answer was lost.
            provider_id = adapter.find(outgoing, since=message.created_at)
        provider_id = provider_id or adapter.send(outgoing)
    except DeliveryFailed as failure:
        return _failed(message, failure, now=now)
    sent = {
        "status": Status.SENT,
        "provider_message_id": provider_id,
        "status_changed_at": timezone.now(),
        "claimed_at": None,
        "last_error": "",
    }
    # Only a message still being sent: a receipt or a retry may have moved it meanwhile.
    if OutboundMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(**sent):
        for name, value in sent.items():
            setattr(message, name, value)
    else:
        message.refresh_from_db()
    return message


def _claim(message_id: int, now: datetime.datetime) -> bool | None:
    """False: claimed afresh; True: taken over from a dead worker; None: not ours to send."""
    claimed = OutboundMessage.objects.filter(
        pk=message_id, status=Status.QUEUED, next_attempt_at__lte=now
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if claimed:
        return False
    abandoned = now - datetime.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    taken = OutboundMessage.objects.filter(
        pk=message_id, status=Status.SENDING, claimed_at__lt=abandoned
    ).update(claimed_at=now, attempts=F("attempts") + 1)
    return True if taken else None


def outgoing_of(message: OutboundMessage) -> Outgoing:
    """The message as its channel's adapter takes it, the same on every attempt."""
    headers = {}
    if message.channel == ConsentChannel.EMAIL and message.purpose in MARKETING_PURPOSES:
        headers = list_unsubscribe_headers(
            base_url=settings.SITE_URL,
            customer_id=message.customer_id,
            channel=message.channel,
            purpose=message.purpose,
        )
    return Outgoing(
        channel=message.channel,
        purpose=message.purpose,
        address=message.address,
        body=message.body,
        idempotency_key=message.idempotency_key,
        customer_id=message.customer_id,
        subject=message.subject,
        headers=headers,
        attachments=tuple(Attachment(**attachment) for attachment in message.attachments),
    )


def _failed(
    message: OutboundMessage, failure: DeliveryFailed, *, now: datetime.datetime
) -> OutboundMessage:
    if failure.permanent or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        reason = failure.reason
        if not failure.permanent:
            reason = f"Gave up after {message.attempts} attempts. {reason}"[:300]
        with transaction.atomic():
            OutboundMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
                status=Status.DEAD, last_error=reason, claimed_at=None, status_changed_at=now
            )
            audit_record(
                actor=None,
                action="outreach.dead_lettered",
                subject=message,
                customer_id=message.customer_id,
                detail={"channel": message.channel, "reason": reason},
            )
    else:
        retry_at = now + retry_delay(message.attempts)
        OutboundMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
            status=Status.QUEUED,
            next_attempt_at=retry_at,
            last_error=failure.reason,
            claimed_at=None,
        )
        outbox_enqueue(message_id=message.pk, at=retry_at)
    message.refresh_from_db()
    return message


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff with jitter, so retries after an outage do not all land at once."""
    seconds = settings.OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1)
    return datetime.timedelta(seconds=seconds * random.uniform(0.75, 1.25))


def outbox_enqueue(*, message_id: int, at: datetime.datetime | None = None) -> None:
    """Ask a worker to deliver the message (at ``at``); the sweep catches any task lost."""
    if not settings.OUTBOX_ENABLED:
        return
    from everthread.outreach.tasks import deliver_outbound_message

    task = deliver_outbound_message
    if at is not None:
        if not task.get_backend().supports_defer:
            return  # inline tasks cannot wait: the sweep sends it when it is due
        task = task.using(run_after=at)
    task.enqueue(message_id=message_id)


@dataclass(frozen=True)
class Swept:
    """What one sweep did, by the status each message it tried ended in."""

    sent: int = 0
    retrying: int = 0
    dead: int = 0

    @property
    def tried(self) -> int:
        return self.sent + self.retrying + self.dead


def outreach_sweep(*, now: datetime.datetime | None = None, limit: int = 1000) -> Swept:
    """Deliver what is due and what a dead worker left half-sent, oldest first."""
    now = now or timezone.now()
    abandoned = now - datetime.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    due = (
        OutboundMessage.objects.filter(
            Q(status=Status.QUEUED, next_attempt_at__lte=now)
            | Q(status=Status.SENDING, claimed_at__lt=abandoned)
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    counts = {Status.SENT: 0, Status.QUEUED: 0, Status.DEAD: 0}
    for message_id in list(due):
        message = outreach_deliver(message_id=message_id, now=now)
        if message is not None and message.status in counts:
            counts[Status(message.status)] += 1
    return Swept(counts[Status.SENT], counts[Status.QUEUED], counts[Status.DEAD])
