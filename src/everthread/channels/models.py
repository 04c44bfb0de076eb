"""What the providers delivered, kept raw as it came, and the senders nobody recognised.

A webhook stores each message or receipt once (unique per provider and provider id)
and answers at once; a worker reads the stored event later, so nothing accepted is
lost when the worker is down.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from everthread.conversations.models import Interaction
from everthread.core.models import Channel, Staff
from everthread.customers.models import Customer


class Provider(models.TextChoices):
    TWILIO = "twilio", "Twilio (SMS and WhatsApp)"
    META = "meta", "Meta (WhatsApp, Instagram, Messenger)"
    X = "x", "X (mentions and direct messages)"
    EMAIL = "email", "Email"
    WEB_CHAT = "web_chat", "Web chat"


class UnlinkedContact(models.Model):
    """Someone who wrote from an address no customer has, until staff say who it is."""

    channel = models.CharField(max_length=24, choices=Channel.choices)
    address = models.CharField(max_length=320, help_text="As the channel gives it, normalised.")
    display_name = models.CharField(max_length=200, blank=True)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    message_count = models.PositiveIntegerField(default=0)
    customer = models.ForeignKey(
        Customer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who it turned out to be, once linked.",
    )
    linked_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["channel", "address"], name="unlinked_contact_once")
        ]
        indexes: ClassVar = [
            models.Index(
                fields=["-last_seen_at", "-id"],
                name="unlinked_contact_waiting",
                condition=Q(customer__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.address}"


class InboundEvent(models.Model):
    """One message, delivery receipt or unknown notification, as a provider sent it."""

    class Kind(models.TextChoices):
        MESSAGE = "message", "Message"
        STATUS = "status", "Delivery status"
        UNKNOWN = "unknown", "Unknown notification"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting for the worker"
        RECORDED = "recorded", "On the customer's timeline"
        UNLINKED = "unlinked", "From an unlinked contact"
        STATUS_RECORDED = "status_recorded", "Delivery status recorded"
        IGNORED = "ignored", "Ignored"
        FAILED = "failed", "Failed"

    provider = models.CharField(max_length=12, choices=Provider.choices)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # The provider's own id for what it delivered: a retried delivery is the same event.
    provider_message_id = models.CharField(max_length=255)
    channel = models.CharField(max_length=24, choices=Channel.choices, blank=True)
    sender = models.CharField(max_length=320, blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    status = models.CharField(max_length=32, blank=True, help_text="A receipt's status word.")
    occurred_at = models.DateTimeField(null=True, blank=True)
    # This event's own part of the payload (one message of a batch) and the request it came in.
    payload = models.JSONField(default=dict, blank=True)
    raw_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    error = models.TextField(blank=True, help_text="Why processing failed; kept for a retry.")
    note = models.CharField(
        max_length=500, blank=True, help_text="What processing did besides, or why it ignored it."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlinked_contact = models.ForeignKey(
        UnlinkedContact, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["provider", "provider_message_id"], name="inbound_event_once"
            )
        ]
        indexes: ClassVar = [
            models.Index(
                fields=["received_at", "id"],
                name="inbound_event_unprocessed",
                condition=Q(processed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.kind} {self.provider_message_id}"


class ChatConversation(models.Model):
    """A visitor's conversation in the web chat on the brand's site."""

    # The visitor's browser holds this, and only this, to read and write the conversation.
    token = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=320)
    origin = models.CharField(max_length=200, help_text="The site the widget ran on.")
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    journey = models.ForeignKey(
        "conversations.Journey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField()

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["customer", "-last_message_at"], name="chat_customer")
        ]

    def __str__(self) -> str:
        return f"Chat with {self.name or self.email}"


class ChatMessage(models.Model):
    """One line of a chat, as the visitor's widget shows it."""

    class Direction(models.TextChoices):
        FROM_VISITOR = "inbound", "From the visitor"
        FROM_STAFF = "outbound", "From staff"

    conversation = models.ForeignKey(
        ChatConversation, on_delete=models.CASCADE, related_name="messages"
    )
    direction = models.CharField(max_length=8, choices=Direction.choices)
    text = models.TextField()
    # The widget's id for a message it sent: a resend after a dropped connection is the same.
    client_id = models.CharField(max_length=64, blank=True)
    staff = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The outreach gate's decision that let staff send it: a staff line has one, always.
    decision = models.ForeignKey(
        "outreach.OutreachDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["conversation", "client_id"],
                condition=~Q(client_id=""),
                name="chat_message_once",
            ),
            models.CheckConstraint(
                condition=Q(direction="inbound") | Q(decision__isnull=False),
                name="chat_staff_line_through_the_gate",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
