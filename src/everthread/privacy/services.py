"""Privacy work: subject access exports, erasure with suppression, and retention."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from everthread.core.csv_files import csv_lines
from everthread.core.models import Capability, Staff
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.errors import CustomerNotFound
from everthread.customers.models import ContactPoint, Customer
from everthread.privacy.archive import archive_build
from everthread.privacy.errors import ErasureRefused, RetentionInvalid
from everthread.privacy.models import ErasureRecord, RetentionPolicy, Suppression
from everthread.privacy.registry import delete, personal_data
from everthread.privacy.selectors import (
    AUDIT_COLUMNS,
    RETENTION_MAX_DAYS,
    AuditFilter,
    RetentionDue,
    RetentionRule,
    audit_rows,
    contact_point_digest,
    held_data,
    person_ids,
    retention_rule,
    retention_rules,
)


@dataclass(frozen=True)
class SubjectAccessExport:
    customer_id: int
    file_name: str
    content: bytes
    counts: dict[str, int]


def customer_data_export(*, actor: Staff, customer_id: int) -> SubjectAccessExport:
    """Everything held about the customer, as one zip of JSON and CSV; recorded, with the
    record itself in the archive."""
    customer = _customer(customer_id)
    _privacy_officer_require(actor=actor, action="privacy.export_refused", customer=customer)
    with transaction.atomic():
        audit_record(
            actor=actor, action="privacy.exported", subject=customer, customer_id=customer.pk
        )
        held = held_data(customer_id=customer.pk)
    now = timezone.now()
    return SubjectAccessExport(
        customer_id=customer.pk,
        file_name=f"customer-{customer.pk}-{now:%Y%m%d-%H%M%S}.zip",
        content=archive_build(held, organisation=organisation_get().name, exported_at=now),
        counts={label: len(rows) for label, rows in held.records.items()},
    )


@dataclass(frozen=True)
class Erasure:
    customer_id: int
    erased_at: datetime.datetime
    record: ErasureRecord | None
    already_erased: bool

    @property
    def message(self) -> str:
        when = timezone.localtime(self.erased_at).strftime("%d %b %Y %H:%M")
        if self.already_erased:
            return f"Customer {self.customer_id} was already erased on {when}; nothing changed."
        return f"Customer {self.customer_id} is erased ({when})."


def customer_erase(*, actor: Staff, customer_id: int) -> Erasure:
    """Anonymise the person everywhere, keeping what is not personal, and suppress their
    contact points; erasing an erased customer changes nothing."""
    customer = _customer(customer_id)
    _privacy_officer_require(actor=actor, action="privacy.erase_refused", customer=customer)
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=customer_id)
        if customer.erased_at is not None:
            record = ErasureRecord.objects.filter(customer_id=customer_id).first()
            return Erasure(customer_id, customer.erased_at, record, already_erased=True)
        if customer.merged_into_id is not None:
            raise ErasureRefused(
                f"Customer {customer_id} was merged into customer {customer.merged_into_id}; "
                "erase that record, which erases this one with it.",
                field="customer_id",
            )
        ids = person_ids(customer_id=customer_id)
        points = list(ContactPoint.objects.filter(customer_id__in=ids).values_list("kind", "value"))
        counts = _erase_everywhere(ids)
        now = timezone.now()
        Customer.objects.filter(pk__in=ids).update(erased_at=now)
        record = ErasureRecord.objects.create(
            customer_id=customer_id, erased_by=actor, counts=counts
        )
        Suppression.objects.bulk_create(
            [
                Suppression(kind=kind, digest=contact_point_digest(kind, value), erasure=record)
                for kind, value in points
            ],
            ignore_conflicts=True,
        )
        audit_record(
            actor=actor,
            action="customer.erased",
            subject=record,
            customer_id=customer_id,
            detail={"counts": counts, "merged_records": len(ids) - 1},
        )
    return Erasure(customer_id, now, record, already_erased=False)


def _erase_everywhere(ids: list[int]) -> dict[str, int]:
    _audit_scrub_allow()
    counts: dict[str, int] = {}
    for entry in personal_data():
        if not entry.customer:
            continue
        changed = entry.erase(entry.rows_of(ids)) if entry.erase else 0
        if entry.scrub:
            changed += entry.scrub(entry.rows_of(ids))
        if changed:
            counts[entry.label] = changed
    return counts


def _audit_scrub_allow() -> None:
    # The audit table refuses updates on PostgreSQL (core migration 0004) except to its
    # detail, and only in a transaction that says it is scrubbing for an erasure.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('everthread.audit_scrub', 'on', true)")


def retention_apply(*, actor: Staff | None = None) -> list[RetentionDue]:
    """Delete or anonymise every row past its kind's retention; what was done, per kind.

    ``actor`` is None when the scheduled task runs it.
    """
    if actor is not None:
        capability_require(staff=actor, capability=Capability.MANAGE_PRIVACY)
    now, done = timezone.now(), []
    with transaction.atomic():
        for rule in retention_rules():
            rows = rule.entry.expired(now, rule.retention)
            erase = delete if rule.retention.action == "delete" else rule.entry.erase
            count = erase(rows) if erase else 0
            if count:
                done.append(RetentionDue.of(rule, rows=count))
        audit_record(
            actor=actor,
            action="privacy.retention_applied",
            subject=organisation_get(),
            detail={"counts": {due.label: due.rows for due in done}},
        )
    return done


@transaction.atomic
def retention_period_set(*, actor: Staff, label: str, days: int, reason: str) -> RetentionRule:
    """The privacy officer sets how long one kind of record is kept, saying why.

    Setting the app's default again removes the override, so a later change of the
    default applies.
    """
    capability_require(staff=actor, capability=Capability.MANAGE_PRIVACY)
    rule = retention_rule(label)
    if not 1 <= days <= RETENTION_MAX_DAYS:
        raise RetentionInvalid(
            f"Keep records for between 1 and {RETENTION_MAX_DAYS:,} days, not {days}.",
            field="days",
        )
    if not reason.strip():
        raise RetentionInvalid(
            "Say why the period changes (a legal basis or policy reference).", field="reason"
        )
    before = rule.retention.days
    if days == rule.default_days:
        RetentionPolicy.objects.filter(label=label).delete()
    else:
        RetentionPolicy.objects.update_or_create(
            label=label,
            defaults={"days": days, "reason": reason.strip()[:300], "changed_by": actor},
        )
    audit_record(
        actor=actor,
        action="privacy.retention_changed",
        subject=organisation_get(),
        detail={"label": label, "from_days": before, "to_days": days, "reason": reason.strip()},
    )
    return retention_rule(label)


def audit_log_export(*, actor: Staff, chosen: AuditFilter) -> Iterator[str]:
    """The matching audit events as CSV lines, for streaming; the export is itself an event."""
    capability_require(staff=actor, capability=Capability.VIEW_AUDIT)
    audit_record(
        actor=actor,
        action="audit.exported",
        subject=actor,
        customer_id=chosen.customer_id,
        detail=chosen.as_detail(),
    )
    return csv_lines(itertools.chain([list(AUDIT_COLUMNS)], audit_rows(chosen=chosen)))


def _customer(customer_id: int) -> Customer:
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        raise CustomerNotFound(f"There is no customer with id {customer_id}.")
    return customer


def _privacy_officer_require(*, actor: Staff, action: str, customer: Customer) -> None:
    # Recorded outside any transaction, so the refusal stays on record after the error.
    if not actor.can(Capability.MANAGE_PRIVACY):
        audit_record(actor=actor, action=action, subject=customer, customer_id=customer.pk)
    capability_require(staff=actor, capability=Capability.MANAGE_PRIVACY)
