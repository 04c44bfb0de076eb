from django.apps import AppConfig
from django.db import models


class CommerceConfig(AppConfig):
    name = "everthread.commerce"
    label = "commerce"
    verbose_name = "Commerce"

    def ready(self) -> None:
        from everthread.commerce.models import Appointment, Hold, Order, Return, WishlistItem
        from everthread.commerce.transfers import products_import_file, stock_import_file
        from everthread.commerce.views import commerce_section
        from everthread.core.transfers import transfer_register
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.customers.page_sections import customer_page_section_register

        transfer_register("products", importer=products_import_file)
        transfer_register("stock", importer=stock_import_file)

        merge_rule_register(Hold, "customer")
        merge_rule_register(Appointment, "customer")
        merge_rule_register(Order, "customer")
        merge_rule_register(Return, "customer")
        merge_rule_register(WishlistItem, "customer", move=_wishlist_move)
        customer_page_section_register(
            "commerce", template="commerce/_section.html", load=commerce_section, slot="main"
        )
        _personal_data_register()


def _wishlist_move(rows: models.QuerySet, to_customer_id: int) -> list[int]:
    """Both wanting the same item is one wish: the survivor's stays, the other's is left."""
    from everthread.commerce.models import WishlistItem

    had = WishlistItem.objects.filter(customer_id=to_customer_id).values("variant_id")
    moved = list(rows.exclude(variant_id__in=had).order_by("pk").values_list("pk", flat=True))
    WishlistItem.objects.filter(pk__in=moved).update(customer_id=to_customer_id)
    return moved


# Orders and returns are the business's accounting records: kept six years, as tax law asks.
ACCOUNTS_DAYS = 6 * 365


def _personal_data_register() -> None:
    from everthread.commerce.models import Appointment, Hold, Order, Return, WishlistItem
    from everthread.privacy.registry import (
        ERASED,
        Retention,
        anonymise,
        delete,
        personal_data_register,
    )

    personal_data_register(
        Order,
        customer="customer",
        export=(
            "number",
            "channel",
            "fulfilment",
            "store__name",
            "delivery_address",
            "status",
            "currency",
            "placed_at",
        ),
        erase=anonymise(delivery_address=""),
        retention=Retention(days=ACCOUNTS_DAYS, after="placed_at", action="anonymise"),
    )
    personal_data_register(
        Return,
        customer="customer",
        export=("order__number", "kind", "status", "reason", "channel", "created_at"),
        erase=anonymise(reason=ERASED),
        retention=Retention(days=ACCOUNTS_DAYS, after="created_at", action="anonymise"),
    )
    personal_data_register(
        Hold,
        customer="customer",
        export=("variant__sku", "location__name", "quantity", "status", "expires_at"),
        erase=delete,
        retention=Retention(days=365, after="expires_at", action="delete"),
    )
    personal_data_register(
        WishlistItem,
        customer="customer",
        export=("variant__sku", "source", "note", "channel", "added_at"),
        erase=delete,
    )
    # What was prepared and said at an appointment is about the customer: theirs to see and
    # to have erased; the booking itself (who hosted, when) stays for the store's records.
    personal_data_register(
        Appointment,
        customer="customer",
        export=(
            "kind",
            "purpose",
            "store__name",
            "host__first_name",
            "starts_at",
            "ends_at",
            "status",
            "preparation",
            "outcome",
        ),
        erase=anonymise(preparation=ERASED, outcome=ERASED, video_link=ERASED, cancelled_reason=""),
        retention=Retention(days=2 * 365, after="starts_at", action="anonymise"),
    )
