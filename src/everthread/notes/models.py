"""Handover notes: what the customer wants, what was promised and tried, and who does what next."""

from __future__ import annotations

from typing import Any, ClassVar

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
    # Health, family or other personal circumstances: its text is for the author and for
    # roles that may see sensitive details; everyone else sees that it exists, who, when.
    sensitive = models.BooleanField(default=False)
    assessment = models.JSONField(default=dict, blank=True)
    quality_score = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["customer", "status", "-created_at"], name="note_customer"),
            models.Index(fields=["author", "-created_at"], name="note_author"),
            # Note quality is measured over the notes saved in a period.
            models.Index(fields=["created_at"], name="note_created"),
        ]

    # True once withhold() blanked the text for a viewer who may not read it.
    withheld = False

    def __str__(self) -> str:
        if self.sensitive:
            return f"Sensitive note {self.pk}"
        return self.wants[:80] or self.body[:80] or f"Note {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.withheld:
            raise ValueError("A note withheld from its viewer is not saved: it has no text.")
        super().save(*args, **kwargs)

    def withhold(self) -> None:
        """Blank the text in this instance, for a viewer who may not read it."""
        self.wants = self.promised = self.tried = self.next_step = self.body = ""
        self.promised_by = None
        self.assessment = {"score": self.assessment.get("score", self.quality_score)}
        self.withheld = True
