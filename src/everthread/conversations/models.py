"""What happened with a customer, in every channel: interactions, the journeys they
belong to, and the one timeline that every app writes its entries to."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from everthread.core.models import Channel, Staff, Store, Team
from everthread.customers.models import Customer


class Journey(models.Model):
    """One need followed across channels and colleagues until it is met."""

    class Kind(models.TextChoices):
        STYLING = "styling", "Styling project"
        RETURN = "return", "Return or exchange"
        ORDER = "order", "Order"
        PRODUCT_ENQUIRY = "product_enquiry", "Product enquiry"
        MEMBERSHIP = "membership", "Membership enquiry"
        STAY = "stay", "Stay"
        SERVICE_RECOVERY = "service_recovery", "Service recovery"
        GENERAL = "general", "General enquiry"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        WAITING = "waiting", "Waiting on the customer"
        RESOLVED = "resolved", "Resolved"

    OPEN_STATUSES: ClassVar = (Status.OPEN, Status.WAITING)

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="journeys")
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.GENERAL)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    owner = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="journeys"
    )
    # Every channel the journey has touched, in the order it touched them.
    channels = models.JSONField(default=list, blank=True)
    # Set while the customer's last word has had no answer: what "owe a reply" lists.
    awaiting_reply_since = models.DateTimeField(null=True, blank=True)
    where_it_stands = models.CharField(max_length=300, blank=True)
    opened_at = models.DateTimeField()
    last_activity_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes: ClassVar = [
            models.Index(
                fields=["customer", "status", "-last_activity_at"], name="journey_customer"
            ),
            models.Index(
                fields=["owner", "awaiting_reply_since"],
                name="journey_owed_reply",
                condition=Q(awaiting_reply_since__isnull=False),
            ),
            # First-contact resolution counts journeys resolved in a period.
            models.Index(fields=["resolved_at"], name="journey_resolved"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def channel_labels(self) -> list[str]:
        return [Channel(channel).label for channel in self.channels if channel in Channel.values]


class Interaction(models.Model):
    """One contact with the customer in one channel."""

    class Direction(models.TextChoices):
        INBOUND = "inbound", "From the customer"
        OUTBOUND = "outbound", "To the customer"
        INTERNAL = "internal", "Between colleagues"

    # Indexed by interaction_customer_time, which leads with it.
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="interactions", db_index=False
    )
    journey = models.ForeignKey(
        Journey, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    channel = models.CharField(max_length=24, choices=Channel.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    occurred_at = models.DateTimeField()
    staff = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    store = models.ForeignKey(Store, null=True, blank=True, on_delete=models.SET_NULL)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    summary = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    # The channel's own id for this contact (a provider message id, a call id): a retried
    # delivery with the same id is the same interaction.
    external_id = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~Q(external_id=""),
                name="interaction_external_id_once_per_channel",
            )
        ]
        indexes: ClassVar = [
            models.Index(
                fields=["customer", "channel", "-occurred_at"], name="interaction_channel"
            ),
            # The continuity metrics read a period's contacts, of everyone or of one store,
            # team or colleague, and the contact before or after each on its journey.
            models.Index(fields=["occurred_at"], name="interaction_time"),
            # Whether a customer was in touch in a period, from the index alone (consent
            # coverage asks it of every customer).
            models.Index(fields=["customer", "occurred_at"], name="interaction_customer_time"),
            models.Index(fields=["store", "occurred_at"], name="interaction_store_time"),
            models.Index(fields=["team", "occurred_at"], name="interaction_team_time"),
            models.Index(fields=["staff", "occurred_at"], name="interaction_staff_time"),
            models.Index(fields=["journey", "occurred_at", "id"], name="interaction_journey_time"),
        ]

    def __str__(self) -> str:
        return self.summary


class TimelineEntry(models.Model):
    """One line of the customer's timeline, written by the app that owns what happened.

    The timeline is read far more than written and mixes many apps' rows, so each
    app writes what the timeline shows here when its row changes: one indexed
    query then serves any page of any history, however long.
    """

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="timeline")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=32)  # "interaction", "note", "followup", ...
    object_id = models.BigIntegerField()
    channel = models.CharField(max_length=24, choices=Channel.choices, blank=True)
    journey = models.ForeignKey(
        Journey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    # What this kind's template shows besides the title and text (status, owner, flags).
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name_plural = "timeline entries"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="timeline_entry_once")
        ]
        indexes: ClassVar = [
            models.Index(fields=["customer", "-occurred_at", "-id"], name="timeline_customer"),
            models.Index(
                fields=["customer", "channel", "-occurred_at", "-id"], name="timeline_channel"
            ),
            models.Index(fields=["journey", "-occurred_at", "-id"], name="timeline_journey"),
        ]

    def __str__(self) -> str:
        return self.title
