"""Wishlists and "saved for you": what the customer wants, in their size, from any channel."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from everthread.commerce.errors import WishlistItemNotFound
from everthread.commerce.models import WishlistItem
from everthread.commerce.selectors import variant_by_sku
from everthread.core.models import Capability, Staff
from everthread.core.services import audit_record, capability_require
from everthread.customers.models import Customer
from everthread.followups.models import FollowUp
from everthread.followups.services import FollowUpDraft, followup_open

# When the associate looks again if it has not come back in: a week is a restock cycle.
RESTOCK_CHECK = datetime.timedelta(days=7)


@transaction.atomic
def wishlist_add(
    *, actor: Staff, customer: Customer, sku: str, source: str, note: str = "", channel: str = ""
) -> WishlistItem:
    """Add an item in the customer's size; adding one they already have returns it."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    variant = variant_by_sku(sku)
    source = source if source in WishlistItem.Source.values else WishlistItem.Source.SAVED_FOR_YOU
    item, created = WishlistItem.objects.get_or_create(
        customer=customer,
        variant=variant,
        defaults={
            "source": source,
            "note": note.strip()[:300],
            "channel": channel,
            "added_by": actor,
        },
    )
    if created:
        audit_record(actor=actor, action="wishlist.added", subject=item, customer_id=customer.pk)
    return item


@transaction.atomic
def wishlist_remove(*, actor: Staff, item_id: int) -> int:
    """Take an item off the wishlist; returns whose it was."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    item = _item(item_id)
    audit_record(actor=actor, action="wishlist.removed", subject=item, customer_id=item.customer_id)
    item.delete()
    return item.customer_id


@transaction.atomic
def wishlist_back_in_stock_followup(*, actor: Staff, item_id: int) -> FollowUp:
    """A promise to tell the customer when their size is back: the associate owns it."""
    item = _item(item_id)
    return followup_open(
        customer=item.customer,
        actor=actor,
        draft=FollowUpDraft(
            title=f"Tell {item.customer} when {item.variant} is back in stock",
            detail=f"SKU {item.variant.sku}. {item.note}".strip(),
            due_at=timezone.now() + RESTOCK_CHECK,
            owner=actor,
        ),
    )


def _item(item_id: int) -> WishlistItem:
    item = (
        WishlistItem.objects.select_related("customer", "variant__product")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise WishlistItemNotFound(f"There is no wishlist item {item_id}.")
    return item
