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
