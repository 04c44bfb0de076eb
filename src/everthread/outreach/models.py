"""The outreach gate's decisions and the messages it let through.

An outbound message row can only be created inside ``outreach_send``, after the gate
said yes (or "wait for morning"): the model refuses any other creation.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any, ClassVar, NoReturn

from django.db import models
from django.utils.crypto import salted_hmac

from everthread.consent.models import ConsentChannel, Purpose
from everthread.conversations.models import Interaction
from everthread.core.models import Channel, Staff
from everthread.customers.models import Customer
from everthread.outreach.errors import GateBypassed

_GATE_PASSED: ContextVar[bool] = ContextVar("outreach_gate_passed", default=False)


@contextlib.contextmanager
def _through_the_gate() -> Iterator[None]:
    """Only outreach_send opens this, after the gate decided."""
    token = _GATE_PASSED.set(True)
    try:
        yield
    finally:
        _GATE_PASSED.reset(token)


# Conversations the customer is holding with staff right now: an answer there is a reply,
# not outreach, and the gate asks only what applies to a reply (selectors.reply_assess).
REPLY_CHANNELS: dict[str, str] = {Channel.CHAT: "Web chat reply"}
# What a decision is about: a channel of the consent ledger, or a reply in a conversation.
DECISION_CHANNELS: dict[str, str] = {**dict(ConsentChannel.choices), **REPLY_CHANNELS}


def _refuse_unless_through_the_gate() -> None:
    if not _GATE_PASSED.get():
        raise GateBypassed(
            "Messages to customers are sent only with outreach_send(), which asks the gate."
        )


class OutreachDecision(models.Model):
    """One answer of the gate: may this message go to this customer now, and if not, why."""

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", "Allowed"
        HELD = "held", "Held until quiet hours end"
        REFUSED = "refused", "Refused"

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="outreach_decisions"
    )
    channel = models.CharField(max_length=12, choices=DECISION_CHANNELS.items())
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    address = models.CharField(max_length=320, blank=True)
    at = models.DateTimeField(help_text="The moment the message would go.")
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    reasons = models.JSONField(default=list, blank=True)
    send_after = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["customer", "-decided_at"], name="outreach_decision_customer")
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.channel} {self.purpose}: {self.outcome}"


class OutboundMessageQuerySet(models.QuerySet["OutboundMessage"]):
    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise GateBypassed("Outbound messages are created one at a time by outreach_send().")


class OutboundMessage(models.Model):
    """A message the gate let through: queued now, or held until the customer's morning."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        HELD = "held", "Held for morning"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        READ = "read", "Read"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        DEAD = "dead", "Failed for good"

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="outbound_messages"
    )
    decision = models.OneToOneField(
        OutreachDecision, on_delete=models.PROTECT, related_name="message"
    )
    channel = models.CharField(max_length=12, choices=ConsentChannel.choices)
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    address = models.CharField(max_length=320)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices)
    send_after = models.DateTimeField()
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    provider_message_id = models.CharField(
        max_length=128,
        blank=True,
        db_index=True,
        help_text="The provider's id for the message once sent (Twilio SID, WhatsApp wamid, "
        "Message-ID); delivery receipts find the message by it.",
    )
    status_detail = models.CharField(
        max_length=300, blank=True, help_text="What the provider last said, e.g. an error code."
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # The outbox: one key per message, sent with every attempt, so a provider (or a lookup
    # at the provider) recognises a repeat; a claim marks a worker sending it right now.
    idempotency_key = models.CharField(max_length=64, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When a queued message is next tried."
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(
        max_length=300, blank=True, help_text="Why the last attempt failed, in staff's words."
    )
    # What the tone check said before it went, and whether the sender chose to send anyway:
    # coaching reads both.
    tone_hints = models.JSONField(default=list, blank=True)
    sent_anyway = models.BooleanField(default=False)
    # Files an email carries (a calendar invitation): [{"filename", "content_type", "content"}].
    attachments = models.JSONField(default=list, blank=True)

    objects = OutboundMessageQuerySet.as_manager()

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["customer", "purpose", "send_after"], name="outbound_frequency"),
            models.Index(fields=["status", "send_after"], name="outbound_due"),
            models.Index(fields=["status", "next_attempt_at"], name="outbound_next_attempt"),
            models.Index(fields=["status", "-created_at", "-id"], name="outbound_by_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.customer_id}: {self.status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            _refuse_unless_through_the_gate()
            self.idempotency_key = self.idempotency_key or outbound_key(self.decision_id)
        super().save(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        """Whether the message has stopped moving: nothing more will be heard of it."""
        return self.status in _FINAL


def outbound_key(decision_id: int) -> str:
    """The message's idempotency key, derived from the gate's decision it carries out (one
    message per decision), signed so two deployments sharing a provider never collide."""
    return "et-" + salted_hmac("everthread.outbox", str(decision_id)).hexdigest()[:40]


# Where a message stops moving: the composer stops asking after its status.
_FINAL = frozenset(
    {
        OutboundMessage.Status.DELIVERED,
        OutboundMessage.Status.READ,
        OutboundMessage.Status.FAILED,
        OutboundMessage.Status.CANCELLED,
        OutboundMessage.Status.DEAD,
    }
)
