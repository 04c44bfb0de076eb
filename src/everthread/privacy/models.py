"""What privacy work leaves behind: the record of each erasure, and suppressed contact points."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from everthread.core.models import Staff


class ErasureRecord(models.Model):
    """One customer's erasure: who did it, when, and how many rows each kind lost."""

    # A plain id, like the audit log's: the customer's row is anonymised, not removed.
    customer_id = models.BigIntegerField(unique=True)
    erased_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    erased_at = models.DateTimeField(auto_now_add=True)
    # Rows anonymised, deleted or scrubbed, by model label.
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ("-erased_at", "-id")

    def __str__(self) -> str:
        return f"customer {self.customer_id} erased {self.erased_at:%Y-%m-%d}"


class Suppression(models.Model):
    """A contact point of an erased customer, kept only as a salted hash.

    It says "this address asked to be forgotten" without saying what the address
    was, so a later import or a new record cannot silently sign it up for
    marketing again.
    """

    kind = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, help_text="HMAC-SHA256 of the normalised value.")
    erasure = models.ForeignKey(
        ErasureRecord, on_delete=models.PROTECT, related_name="suppressions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "digest"], name="suppression_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.digest[:12]}…"


class RetentionPolicy(models.Model):
    """The privacy officer's own retention period for one kind of record.

    Each kind's default comes from its app's personal-data registration; a row here
    replaces the number of days (what happens at the end, delete or anonymise, stays
    the app's: it is what the data allows).
    """

    label = models.CharField(max_length=100, unique=True, help_text="The model label.")
    days = models.PositiveIntegerField()
    reason = models.CharField(max_length=300)
    changed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.label}: {self.days} days"
