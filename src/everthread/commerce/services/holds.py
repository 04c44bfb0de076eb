"""Holds: an item kept back for a customer at a store until it is collected, released or
expires. Two associates can never both hold the last one."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from everthread.commerce.errors import (
    HoldNotActive,
    HoldNotFound,
    HoldRefused,
    NotEnoughStock,
)
from everthread.commerce.models import HOLD_DEFAULT, Hold, Location, StockLevel
from everthread.commerce.selectors import variant_by_sku
from everthread.conversations.services import TimelineLine, timeline_write
from everthread.core.models import Capability, Channel, Staff
from everthread.core.services import audit_record, capability_require
from everthread.customers.models import Customer

# Longer than a week and the item is off the shelf for good: that is a sale, not a hold.
HOLD_LONGEST = datetime.timedelta(days=7)


@transaction.atomic
def hold_place(
    *,
    actor: Staff,
    customer: Customer,
    sku: str,
    location: Location,
    quantity: int = 1,
    expires_at: datetime.datetime | None = None,
) -> Hold:
    """Keep ``quantity`` of a variant for the customer at a store, 48 hours unless told."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    now = timezone.now()
    expires_at = expires_at or now + HOLD_DEFAULT
    if location.kind != Location.Kind.STORE:
        raise HoldRefused(
            "Items are held at a store, where the customer will try or collect them.",
            field="location",
        )
    if quantity < 1:
        raise HoldRefused("Hold at least one.", field="quantity")
    if not now < expires_at <= now + HOLD_LONGEST:
        raise HoldRefused("A hold ends between now and a week from now.", field="expires_at")
    variant = variant_by_sku(sku)
    # The stock row is the lock: a second associate holding the same item at the same store
    # waits here, then counts this hold, so the last one is held once.
    level = (
        StockLevel.objects.select_for_update().filter(variant=variant, location=location).first()
    )
    on_hand = level.on_hand if level else 0
    held = (
        Hold.objects.counting(now)
        .filter(variant=variant, location=location)
        .aggregate(held=Sum("quantity"))["held"]
        or 0
    )
    available = max(on_hand - held, 0)
    if quantity > available:
        raise NotEnoughStock(
            f"{location} has {available} of {variant} free to hold"
            + (f" ({held} already held)" if held else "")
            + f"; you asked for {quantity}.",
            field="quantity",
        )
    hold = Hold.objects.create(
        variant=variant,
        location=location,
        customer=customer,
        quantity=quantity,
        expires_at=expires_at,
        created_by=actor,
    )
    timeline_write(hold_line(hold))
    audit_record(actor=actor, action="hold.placed", subject=hold, customer_id=customer.pk)
    transaction.on_commit(lambda: _schedule_release(hold))
    return hold


def _schedule_release(hold: Hold) -> None:
    from everthread.commerce.tasks import release_expired_hold  # tasks.py imports services

    if not release_expired_hold.get_backend().supports_defer:
        return  # tasks run inline: an expired hold already stops counting when it expires
    release_expired_hold.using(run_after=hold.expires_at).enqueue(hold_id=hold.pk)


def hold_release_expired(*, hold_id: int) -> bool:
    """Mark a hold released once it has expired; True if this call released it."""
    now = timezone.now()
    with transaction.atomic():
        released = Hold.objects.filter(
            pk=hold_id, status=Hold.Status.ACTIVE, expires_at__lte=now
        ).update(status=Hold.Status.RELEASED, released_at=now)
        if released:
            hold = Hold.objects.select_related("variant__product", "location").get(pk=hold_id)
            timeline_write(hold_line(hold))
    return bool(released)


@transaction.atomic
def hold_release(*, actor: Staff, hold_id: int) -> Hold:
    """The customer no longer wants it: back on the shelf for everyone."""
    return _hold_close(actor=actor, hold_id=hold_id, status=Hold.Status.RELEASED)


@transaction.atomic
def hold_collect(*, actor: Staff, hold_id: int) -> Hold:
    """The customer came for it; an expired or released hold cannot be collected."""
    return _hold_close(actor=actor, hold_id=hold_id, status=Hold.Status.COLLECTED)


def _hold_close(*, actor: Staff, hold_id: int, status: str) -> Hold:
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    hold = (
        Hold.objects.select_for_update()
        .select_related("variant__product", "location")
        .filter(pk=hold_id)
        .first()
    )
    if hold is None:
        raise HoldNotFound(f"There is no hold {hold_id}.")
    now = timezone.now()
    if hold.status != Hold.Status.ACTIVE or hold.expires_at <= now:
        ended = "expired" if hold.status == Hold.Status.ACTIVE else hold.get_status_display()
        raise HoldNotActive(
            f"The hold on {hold.variant} at {hold.location} has ended ({ended.lower()}): "
            "place a new one if it is still in stock."
        )
    hold.status, hold.released_at = status, now
    hold.save(update_fields=["status", "released_at"])
    timeline_write(hold_line(hold))
    audit_record(actor=actor, action=f"hold.{status}", subject=hold, customer_id=hold.customer_id)
    return hold


def hold_line(hold: Hold) -> TimelineLine:
    return TimelineLine(
        kind="hold",
        object_id=hold.pk,
        customer_id=hold.customer_id,
        occurred_at=hold.created_at,
        title=f"Held {hold.quantity} × {hold.variant} at {hold.location}",
        channel=Channel.IN_STORE,
        staff_id=hold.created_by_id,
        detail={
            "sku": hold.variant.sku,
            "status": hold.status,
            "expires_at": hold.expires_at.isoformat(),
            "until": timezone.localtime(hold.expires_at).strftime("%a %-d %b, %H:%M"),
        },
    )
