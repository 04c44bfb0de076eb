"""Back office views of the catalogue, stock and stores' opening hours; orders, holds,
returns and appointments are read here."""

from django.contrib import admin

from everthread.commerce.models import (
    Appointment,
    Hold,
    Location,
    OpeningHours,
    Order,
    OrderLine,
    Product,
    Return,
    ReturnLine,
    StockLevel,
    Variant,
    WishlistItem,
)
from everthread.core.admin import ReadOnlyAdmin


class VariantInline(admin.TabularInline):
    model = Variant
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "style_code", "price", "currency", "updated_at")
    search_fields = ("name", "style_code")
    inlines = (VariantInline,)


@admin.register(Variant)
class VariantAdmin(admin.ModelAdmin):
    list_display = ("sku", "product", "colour", "size", "barcode")
    list_select_related = ("product",)
    search_fields = ("sku", "barcode", "product__name")


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "store")
    list_filter = ("kind",)


@admin.register(StockLevel)
class StockLevelAdmin(admin.ModelAdmin):
    list_display = ("variant", "location", "on_hand", "updated_at")
    list_select_related = ("variant__product", "location")
    list_filter = ("location",)
    search_fields = ("variant__sku",)


@admin.register(Hold)
class HoldAdmin(ReadOnlyAdmin):
    list_display = ("variant", "location", "customer", "quantity", "status", "expires_at")
    list_filter = ("status", "location")
    list_select_related = ("variant__product", "location", "customer")


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "customer", "channel", "fulfilment", "status", "placed_at")
    list_filter = ("channel", "status")
    list_select_related = ("customer",)
    search_fields = ("number",)


@admin.register(OrderLine)
class OrderLineAdmin(ReadOnlyAdmin):
    list_display = ("order", "variant", "quantity", "unit_price")
    list_select_related = ("order", "variant__product")


@admin.register(Return)
class ReturnAdmin(ReadOnlyAdmin):
    list_display = ("order", "customer", "kind", "status", "created_at", "completed_at")
    list_filter = ("kind", "status")
    list_select_related = ("order", "customer")


@admin.register(ReturnLine)
class ReturnLineAdmin(ReadOnlyAdmin):
    list_display = ("of_return", "order_line", "quantity", "replacement")


@admin.register(WishlistItem)
class WishlistItemAdmin(ReadOnlyAdmin):
    list_display = ("variant", "customer", "source", "added_by", "added_at")
    list_filter = ("source",)
    list_select_related = ("variant__product", "customer", "added_by")


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    """A day without a row keeps the default hours (Monday to Saturday 09:00 to 18:00, Sunday
    11:00 to 17:00), in the store's time zone."""

    list_display = ("store", "weekday", "closed", "opens", "closes")
    list_editable = ("closed", "opens", "closes")
    list_filter = ("store",)
    list_select_related = ("store",)


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = ("starts_at", "purpose", "kind", "customer", "host", "store", "status")
    list_filter = ("status", "kind", "purpose", "store")
    list_select_related = ("customer", "host", "store")
    date_hierarchy = "starts_at"
