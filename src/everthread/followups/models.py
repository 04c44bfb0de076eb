"""Follow-ups: every promise has an owner, a due time and an outcome."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from everthread.conversations.models import Interaction, Journey
from everthread.core.models import Channel, Staff, Team
from everthread.customers.models import Customer


class FollowUp(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    class Kind(models.TextChoices):
        TASK = "task", "Follow-up"
        # A question to a colleague or team, whose answer goes back to the conversation.
        REQUEST = "request", "Request to a colleague"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="followups")
    journey = models.ForeignKey(
        Journey, null=True, blank=True, on_delete=models.SET_NULL, related_name="followups"
    )
    # The contact it came from, when it came from one (a note links itself to its follow-up).
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="followups"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TASK)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    # Owned by a person, or waiting in a team's queue for someone to take it.
    owner = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="followups"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="followups"
    )
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(blank=True)
    # Where a request's answer goes back to: the channel the customer is waiting in.
    reply_channel = models.CharField(max_length=24, choices=Channel.choices, blank=True)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations"
    )

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(team__isnull=False),
                name="followup_has_an_owner_or_a_team",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["owner", "status", "due_at"], name="followup_owner"),
            models.Index(fields=["team", "status", "due_at"], name="followup_team"),
            models.Index(fields=["customer", "status", "due_at"], name="followup_customer"),
            models.Index(fields=["escalated_to", "status"], name="followup_escalated"),
            # The continuity metrics read the follow-ups due, or done, in a period.
            models.Index(fields=["due_at"], name="followup_due"),
            models.Index(fields=["closed_at"], name="followup_closed"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def holder(self) -> str:
        """Who holds it now, as staff say it: a person, or a team's queue."""
        if self.owner is not None:
            return str(self.owner)
        return f"{self.team} queue"


class Handover(models.Model):
    """One change of hands of a follow-up, with the reason: the history of who held it."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="handovers")
    from_owner = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_owner = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=300)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return self.reason


class Notice(models.Model):
    """Something a member of staff should know about a follow-up: shown on their day."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", "New for you"
        REMINDER = "reminder", "Due soon"
        ESCALATED = "escalated", "Overdue in your team"
        HANDED_OVER = "handed_over", "Handed to you"
        ANSWERED = "answered", "Your request was answered"

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="notices")
    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=500)
    at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes: ClassVar = [models.Index(fields=["staff", "read_at", "-at"], name="notice_staff")]

    def __str__(self) -> str:
        return self.text
