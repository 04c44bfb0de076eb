"""Two records of one person become one: their orders, holds and wishlist move to the
survivor (a wish both had stays once), and unmerging moves exactly those back."""

from __future__ import annotations

from everthread.commerce.models import Order, WishlistItem
from everthread.commerce.services import (
    OrderDraft,
    OrderLineDraft,
    hold_place,
    order_place,
    wishlist_add,
)
from everthread.customers.services import customer_merge, customer_unmerge
from factories import CustomerFactory


def test_merge_and_unmerge_move_the_commerce_rows(associate, stocked, raincoat, leeds) -> None:
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    twin = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    order = order_place(
        actor=associate,
        customer=twin,
        draft=OrderDraft(
            channel="store",
            fulfilment="collect",
            store=leeds.store,
            lines=(OrderLineDraft(sku=stocked.sku),),
        ),
    )
    hold = hold_place(actor=associate, customer=twin, sku=stocked.sku, location=leeds)
    wishlist_add(actor=associate, customer=rosa, sku=stocked.sku, source="wishlist")
    wishlist_add(actor=associate, customer=twin, sku=stocked.sku, source="saved_for_you")
    wishlist_add(actor=associate, customer=twin, sku="HF-RAIN-01-RED-S", source="wishlist")

    merge = customer_merge(actor=associate, survivor_id=rosa.pk, merged_id=twin.pk)

    assert Order.objects.get(pk=order.pk).customer == rosa
    assert rosa.holds.get() == hold
    assert sorted(rosa.wishlist.values_list("variant__size", flat=True)) == ["M", "S"]
    assert WishlistItem.objects.filter(customer=twin).count() == 1  # the same wish, left behind

    customer_unmerge(actor=associate, merge_id=merge.pk)

    assert Order.objects.get(pk=order.pk).customer == twin
    assert sorted(twin.wishlist.values_list("variant__size", flat=True)) == ["M", "S"]
    assert list(rosa.wishlist.values_list("variant__size", flat=True)) == ["M"]
