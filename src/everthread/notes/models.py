"""Handover notes: what the customer wants, what was promised and tried, and who does what next."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from everthread.conversations.models import Interaction, Journey
from everthread.core.models import Staff
from everthread.customers.models import Customer
from everthread.followups.models import FollowUp


class Note(models.Model):
    class Status(models.TextChoices):
        # A draft lacks what a colleague needs to continue (the wants or the next step);
        # only its author sees it until it is complete.
        DRAFT = "draft", "Draft"
        FINAL = "final", "Saved"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="notes")
    journey = models.ForeignKey(
        Journey, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    author = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="notes")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.FINAL)
    # Every text field holds the redacted text only: payment data never reaches the database.
    wants = models.TextField(blank=True)
    promised = models.TextField(blank=True)
    promised_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tried = models.TextField(blank=True)
    next_step = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The follow-up that carries the agreed next step: who owns it and when it is due.
    next_step_followup = models.OneToOneField(
        FollowUp, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_note"
    )
    assessment = models.JSONField(default=dict, blank=True)
    quality_score = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["customer", "status", "-created_at"], name="note_customer"),
            models.Index(fields=["author", "-created_at"], name="note_author"),
        ]

    def __str__(self) -> str:
        return self.wants[:80] or self.body[:80] or f"Note {self.pk}"
