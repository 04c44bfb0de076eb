"""Reads for privacy work: suppressed contact points, and what is held about a customer."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from everthread.core.errors import InvalidInput
from everthread.core.models import AuditEvent
from everthread.core.pagination import time_keyset_page
from everthread.customers.contact_points import contact_point_normalise
from everthread.customers.errors import InvalidContactPoint
from everthread.customers.models import Customer
from everthread.privacy.errors import RetentionInvalid
from everthread.privacy.models import RetentionPolicy, Suppression
from everthread.privacy.registry import PersonalData, Retention, personal_data


def contact_point_digest(kind: str, value: str) -> str:
    """The salted hash a suppression keeps of a normalised contact point, never the value."""
    message = f"{kind}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def suppressions_of(points: Iterable[tuple[str, str]]) -> dict[tuple[str, str], datetime.datetime]:
    """When each of these stored (kind, normalised value) contact points was suppressed by an
    erasure, for those that were: one query for any number of points."""
    digests = {(kind, contact_point_digest(kind, value)): (kind, value) for kind, value in points}
    if not digests:
        return {}
    rows = Suppression.objects.filter(digest__in={digest for _, digest in digests}).values_list(
        "kind", "digest", "created_at"
    )
    found: dict[tuple[str, str], datetime.datetime] = {}
    for kind, digest, created_at in rows:
        point = digests.get((kind, digest))
        if point is not None:
            found[point] = min(created_at, found.get(point, created_at))
    return found


def suppressed(kind: str, value: str, *, region: str = "GB") -> bool:
    """Whether ``value`` belongs to an erased customer, in 1 query.

    ``value`` may be typed in any format; ``region`` reads a phone number typed
    without +country. This is the hook for whatever signs a contact point up for
    marketing (consent recorded from an import or a form, the outreach gate): a
    suppressed point must not be signed up again without the person asking anew.
    Customers sits below privacy, so its import and create do not call it themselves.
    """
    try:
        normalised = contact_point_normalise(kind, value, region=region)
    except InvalidContactPoint:
        normalised = value.strip()
    return Suppression.objects.filter(
        kind=kind, digest=contact_point_digest(kind, normalised)
    ).exists()


def person_ids(*, customer_id: int) -> list[int]:
    """The customer and every record merged into them: one person, one query per merge depth."""
    ids, frontier = [customer_id], [customer_id]
    while frontier:
        frontier = list(
            Customer.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
        )
        ids += frontier
    return ids


@dataclass(frozen=True)
class HeldData:
    """Everything held about one person, by model label, as exported rows."""

    customer_id: int
    records: dict[str, list[dict[str, Any]]]
    # Each model's exported fields, in order: a kind with no rows still has its columns.
    fields: dict[str, tuple[str, ...]]


def held_data(*, customer_id: int) -> HeldData:
    """Every registered model's rows about the person, one query per model."""
    ids = person_ids(customer_id=customer_id)
    entries = [entry for entry in personal_data() if entry.customer]
    return HeldData(
        customer_id=customer_id,
        records={
            entry.label: list(entry.rows_of(ids).order_by("pk").values(*entry.export))
            for entry in entries
        },
        fields={entry.label: entry.export for entry in entries},
    )


# The longest period the privacy officer may set: a century is "keep", not a policy.
RETENTION_MAX_DAYS = 36_500


@dataclass(frozen=True)
class RetentionRule:
    """One kind of record's retention as it stands: the app's default, or the privacy
    officer's period in its place."""

    entry: PersonalData
    retention: Retention
    default_days: int
    policy: RetentionPolicy | None

    @property
    def label(self) -> str:
        return self.entry.label

    @property
    def name(self) -> str:
        return str(self.entry.model._meta.verbose_name_plural).capitalize()


def retention_rules() -> list[RetentionRule]:
    """Every kind of record with a retention, with the period in force; 1 query."""
    policies = {
        policy.label: policy for policy in RetentionPolicy.objects.select_related("changed_by")
    }
    rules = []
    for entry in personal_data():
        if entry.retention is None:
            continue
        policy = policies.get(entry.label)
        retention = (
            dataclasses.replace(entry.retention, days=policy.days) if policy else entry.retention
        )
        rules.append(RetentionRule(entry, retention, entry.retention.days, policy))
    return rules


def retention_rule(label: str) -> RetentionRule:
    for rule in retention_rules():
        if rule.label == label:
            return rule
    known = ", ".join(rule.label for rule in retention_rules())
    raise RetentionInvalid(
        f"“{label}” is not a kind of record with a retention period; the kinds are {known}.",
        field="label",
    )


@dataclass(frozen=True)
class RetentionDue:
    """How many rows of one kind are past their retention, and what happens to them."""

    label: str
    name: str
    action: str
    days: int
    default_days: int
    after: str
    rows: int

    @classmethod
    def of(cls, rule: RetentionRule, *, rows: int) -> RetentionDue:
        return cls(
            label=rule.label,
            name=rule.name,
            action=rule.retention.action,
            days=rule.retention.days,
            default_days=rule.default_days,
            after=rule.retention.after,
            rows=rows,
        )


def retention_due(*, now: datetime.datetime) -> list[RetentionDue]:
    """Every kind of record with a retention and how many rows it would remove now;
    one count per kind."""
    return [
        RetentionDue.of(rule, rows=rule.entry.expired(now, rule.retention).count())
        for rule in retention_rules()
    ]


@dataclass(frozen=True)
class AuditFilter:
    """Which audit events the privacy officer asked for: one customer's, one staff member's."""

    customer_id: int | None = None
    staff: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> AuditFilter:
        customer = query.get("customer", "").strip()
        if customer and not customer.isdigit():
            raise InvalidInput("A customer is searched by their id, e.g. 1042.", field="customer")
        return cls(
            customer_id=int(customer) if customer else None, staff=query.get("staff", "").strip()
        )

    def as_detail(self) -> dict[str, Any]:
        return {"customer": self.customer_id, "staff": self.staff}


def _audit_events(chosen: AuditFilter) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor")
    if chosen.customer_id is not None:
        events = events.filter(customer_id=chosen.customer_id)
    if chosen.staff:
        events = events.filter(actor__username=chosen.staff)
    return events


def audit_page(
    *, chosen: AuditFilter, after: str | None, limit: int | None = None
) -> tuple[list[AuditEvent], str | None]:
    """One page of matching events, newest first, and the cursor to the next; 1 query.
    Events recorded meanwhile never shift a page."""
    return time_keyset_page(
        _audit_events(chosen),
        by="at",
        after=after,
        limit=limit or settings.PAGE_SIZE,
        newest_first=True,
    )


AUDIT_COLUMNS = (
    "at",
    "staff",
    "action",
    "customer_id",
    "subject_type",
    "subject_id",
    "origin",
    "detail",
)


def audit_rows(*, chosen: AuditFilter) -> Iterator[list[str]]:
    """Every matching event as CSV cells, newest first, read in chunks."""
    for event in _audit_events(chosen).order_by("-at", "-id").iterator(chunk_size=2000):
        yield [
            event.at.isoformat(),
            event.actor.username if event.actor else "",
            event.action,
            "" if event.customer_id is None else str(event.customer_id),
            event.subject_type,
            event.subject_id,
            event.origin,
            json.dumps(event.detail, sort_keys=True),
        ]
