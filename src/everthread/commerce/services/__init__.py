"""Every write to the catalogue, stock, holds, orders, returns, wishlists and appointments;
import from here."""

from everthread.commerce.services.appointments import (
    AppointmentDraft,
    Booked,
    appointment_book,
    appointment_cancel,
    appointment_record_outcome,
    appointment_remind,
    appointment_reschedule,
)
from everthread.commerce.services.catalogue import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ProductDraft,
    VariantDraft,
    location_resolve,
    product_upsert,
    stock_set,
)
from everthread.commerce.services.holds import (
    hold_collect,
    hold_place,
    hold_release,
    hold_release_expired,
)
from everthread.commerce.services.orders import (
    OrderDraft,
    OrderLineDraft,
    ReturnLineDraft,
    order_place,
    order_record,
    order_status_set,
    return_complete,
    return_start,
)
from everthread.commerce.services.wishlists import (
    wishlist_add,
    wishlist_back_in_stock_followup,
    wishlist_remove,
)

__all__ = [
    "CREATED",
    "UNCHANGED",
    "UPDATED",
    "AppointmentDraft",
    "Booked",
    "OrderDraft",
    "OrderLineDraft",
    "ProductDraft",
    "ReturnLineDraft",
    "VariantDraft",
    "appointment_book",
    "appointment_cancel",
    "appointment_record_outcome",
    "appointment_remind",
    "appointment_reschedule",
    "hold_collect",
    "hold_place",
    "hold_release",
    "hold_release_expired",
    "location_resolve",
    "order_place",
    "order_record",
    "order_status_set",
    "product_upsert",
    "return_complete",
    "return_start",
    "stock_set",
    "wishlist_add",
    "wishlist_back_in_stock_followup",
    "wishlist_remove",
]
