"""Writes to contact points: one owner each, in one normalised form."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from everthread.core.models import Capability, Staff
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.contact_points import ContactKind, contact_point_normalise
from everthread.customers.errors import (
    ContactPointTaken,
    CustomerNotFound,
)
from everthread.customers.models import ContactPoint, Customer


@transaction.atomic
def contact_point_add(
    *, actor: Staff, customer_id: int, kind: str, value: str, label: str = ""
) -> ContactPoint:
    """Attach a contact point; adding one the customer already has returns it unchanged."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        raise CustomerNotFound(f"There is no customer with id {customer_id}.")
    region = organisation_get().phone_region
    return contact_point_attach(
        actor=actor, customer=customer, kind=kind, value=value, label=label, region=region
    )


@transaction.atomic
def contact_point_remove(*, actor: Staff, customer_id: int, contact_point_id: int) -> None:
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    point = ContactPoint.objects.filter(pk=contact_point_id, customer_id=customer_id).first()
    if point is None:
        raise CustomerNotFound(f"Customer {customer_id} has no contact point {contact_point_id}.")
    audit_record(
        actor=actor,
        action="contact_point.removed",
        subject=point,
        customer_id=customer_id,
        detail={"kind": point.kind},
    )
    point.delete()


def contact_point_attach(
    *, actor: Staff, customer: Customer, kind: str, value: str, label: str = "", region: str
) -> ContactPoint:
    """Attach within the caller's transaction; ``region`` reads phones typed without +country."""
    normalised = contact_point_normalise(kind, value, region=region)
    existing = (
        ContactPoint.objects.select_related("customer").filter(kind=kind, value=normalised).first()
    )
    if existing is None:
        try:
            # A savepoint, so a concurrent insert of the same point leaves the outer work intact.
            with transaction.atomic():
                existing = ContactPoint.objects.create(
                    customer=customer, kind=kind, value=normalised, label=label.strip()
                )
        except IntegrityError:
            existing = ContactPoint.objects.select_related("customer").get(
                kind=kind, value=normalised
            )
        else:
            audit_record(
                actor=actor,
                action="contact_point.added",
                subject=existing,
                customer_id=customer.pk,
                detail={"kind": kind},
            )
            return existing
    if existing.customer_id != customer.pk:
        raise _taken(actor=actor, point=existing)
    return existing


def _taken(*, actor: Staff, point: ContactPoint) -> ContactPointTaken:
    what = f"{ContactKind(point.kind).label} {point.display}"
    if actor.can(Capability.VIEW_CUSTOMERS):
        return ContactPointTaken(
            f"{what} already belongs to {point.customer.full_name}.",
            field=point.kind,
            customer_id=point.customer_id,
        )
    return ContactPointTaken(f"{what} already belongs to another customer.", field=point.kind)
