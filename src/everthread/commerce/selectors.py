"""Reads of the catalogue and stock that pages, the API and the demo share, with their budgets."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from everthread.commerce.errors import OrderNotFound, ProductNotFound
from everthread.commerce.models import (
    Hold,
    Location,
    Order,
    OrderLine,
    Product,
    Return,
    StockLevel,
    Variant,
    WishlistItem,
)
from everthread.core.pagination import cursor_decode, cursor_encode, time_keyset_page


@dataclass(frozen=True)
class Availability:
    """One variant at one location: what is there, what holds keep back, what can be sold."""

    location: Location
    on_hand: int
    held: int

    @property
    def available(self) -> int:
        # A stock count lowered below what is held leaves nothing, never a negative.
        return max(self.on_hand - self.held, 0)


def variant_availability(
    *, variant_ids: Iterable[int], at: datetime.datetime | None = None
) -> dict[int, list[Availability]]:
    """Each variant's stock by location, stores first, in 1 query for any number of them.

    Holds count while active and unexpired; an expired one stops counting at once, before
    the task that marks it released has run.
    """
    ids = sorted(set(variant_ids))
    at = at or timezone.now()
    # What holds keep back, summed beside each stock level in the same statement: one round
    # trip, each sum an index probe on hold_stock.
    held = (
        Hold.objects.counting(at)
        .filter(variant_id=OuterRef("variant_id"), location_id=OuterRef("location_id"))
        .order_by()
        .values("variant_id", "location_id")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    levels = (
        StockLevel.objects.filter(variant_id__in=ids)
        .annotate(held=Coalesce(Subquery(held), 0))
        .select_related("location__store")
    )
    found: dict[int, list[Availability]] = defaultdict(list)
    for level in sorted(levels, key=lambda level: _place_order(level.location)):
        found[level.variant_id].append(
            Availability(location=level.location, on_hand=level.on_hand, held=level.held)
        )
    return {variant_id: found.get(variant_id, []) for variant_id in ids}


# Where staff look first: the stores a customer can walk into, then what can be sent.
_KIND_ORDER: dict[str, int] = {
    Location.Kind.STORE: 0,
    Location.Kind.WAREHOUSE: 1,
    Location.Kind.ONLINE: 2,
}


def _place_order(location: Location) -> tuple[int, str]:
    return _KIND_ORDER.get(location.kind, 3), location.name


def availability_summary(places: Iterable[Availability]) -> str:
    """How staff say it: "2 in Leeds, 14 online"; "None in stock" when nowhere has one."""
    said = [f"{place.available} {place.location.short_name}" for place in places if place.available]
    return ", ".join(said) or "None in stock"


@dataclass(frozen=True)
class ProductPage:
    products: list[Product]
    next_cursor: str | None


def product_search(*, q: str = "", after: str | None = None, limit: int = 25) -> ProductPage:
    """A page of products by name, each with its variants; 2 queries.

    Every word of ``q`` must be in the name, the style code, a SKU or a colour, so
    "red raincoat" finds the red toggle raincoat and "HF-RAIN-01-RED-M" its medium.
    """
    rows = Product.objects.all()
    for word in q.split():
        rows = rows.filter(
            Q(name__icontains=word)
            | Q(style_code__icontains=word)
            | Q(variants__sku__icontains=word)
            | Q(variants__colour__icontains=word)
        )
    if after:
        name, last_id = cursor_decode(after, str, int)
        rows = rows.filter(Q(name__gt=name) | Q(name=name, id__gt=last_id))
    page = list(rows.distinct().order_by("name", "id").prefetch_related("variants")[: limit + 1])
    if len(page) <= limit:
        return ProductPage(page, None)
    last = page[limit - 1]
    return ProductPage(page[:limit], cursor_encode(last.name, last.pk))


def variant_by_sku(sku: str) -> Variant:
    """The variant with this SKU, with its product; 1 query."""
    variant = Variant.objects.select_related("product").filter(sku=(sku or "").strip()).first()
    if variant is None:
        raise ProductNotFound(f"There is no product variant with SKU {sku!r}.", field="sku")
    return variant


def variant_with_stock(*, sku: str) -> tuple[Variant, list[Availability]]:
    """One variant by SKU with its stock everywhere; 2 queries."""
    variant = variant_by_sku(sku)
    return variant, variant_availability(variant_ids=[variant.pk])[variant.pk]


@dataclass(frozen=True)
class Wish:
    item: WishlistItem
    places: list[Availability]

    @property
    def summary(self) -> str:
        return availability_summary(self.places)

    @property
    def in_stock(self) -> bool:
        return any(place.available for place in self.places)


@dataclass(frozen=True)
class CustomerCommerce:
    """What the customer page's commerce panel shows."""

    holds: list[Hold]
    orders: list[Order]
    returns: list[Return]
    wishes: list[Wish]
    stores: list[Location]  # where staff can hold an item or the customer collect

    @property
    def is_empty(self) -> bool:
        return not (self.holds or self.orders or self.returns or self.wishes)


RECENT_ORDERS = 10


def customer_commerce(*, customer_id: int) -> CustomerCommerce:
    """Active holds, recent orders with their lines, open returns and the wishlist with its
    stock: at most 7 queries however much the customer has."""
    now = timezone.now()
    holds = list(
        Hold.objects.counting(now)
        .filter(customer_id=customer_id)
        .select_related("variant__product", "location")
        .order_by("expires_at", "id")
    )
    orders = list(
        Order.objects.filter(customer_id=customer_id)
        .select_related("store")
        .prefetch_related(Prefetch("lines", OrderLine.objects.select_related("variant__product")))
        .order_by("-placed_at", "-id")[:RECENT_ORDERS]
    )
    returns = list(
        Return.objects.filter(customer_id=customer_id, status=Return.Status.REQUESTED)
        .select_related("order", "journey")
        .order_by("created_at", "id")
    )
    items = list(
        WishlistItem.objects.filter(customer_id=customer_id).select_related("variant__product")
    )
    stock = variant_availability(variant_ids=[item.variant_id for item in items], at=now)
    return CustomerCommerce(
        holds=holds,
        orders=orders,
        returns=returns,
        wishes=[Wish(item, stock[item.variant_id]) for item in items],
        stores=store_locations(),
    )


def store_locations() -> list[Location]:
    return list(Location.objects.filter(kind=Location.Kind.STORE).select_related("store"))


@dataclass(frozen=True)
class Found:
    """A product found from the customer page, each variant with its stock."""

    product: Product
    variants: list[tuple[Variant, list[Availability]]]


def products_with_stock(*, q: str, limit: int = 10) -> list[Found]:
    """The first products a search finds, with every variant's stock; 3 queries."""
    page = product_search(q=q, limit=limit)
    variants = [variant for product in page.products for variant in product.variants.all()]
    stock = variant_availability(variant_ids=[variant.pk for variant in variants])
    return [
        Found(product, [(variant, stock[variant.pk]) for variant in product.variants.all()])
        for product in page.products
    ]


def order_detail(*, order_id: int) -> Order:
    """An order with its customer and lines; 2 queries."""
    order = (
        Order.objects.select_related("customer", "store")
        .prefetch_related(Prefetch("lines", OrderLine.objects.select_related("variant__product")))
        .filter(pk=order_id)
        .first()
    )
    if order is None:
        raise OrderNotFound(f"There is no order {order_id}.")
    return order


def _orders_with_lines() -> QuerySet[Order]:
    lines = OrderLine.objects.select_related("variant__product")
    return Order.objects.select_related("store").prefetch_related(Prefetch("lines", lines))


def order_by_number(*, number: str) -> Order:
    """An order by its number as any channel writes it, with its lines; 2 queries."""
    order = _orders_with_lines().filter(number=(number or "").strip().upper()).first()
    if order is None:
        raise OrderNotFound(f"There is no order {number!r}.", field="number")
    return order


def orders_page(
    *, customer_id: int, after: str | None = None, limit: int = 25
) -> tuple[list[Order], str | None]:
    """A customer's orders, newest first, a page at a time, with their lines; 2 queries."""
    rows = _orders_with_lines().filter(customer_id=customer_id)
    return time_keyset_page(rows, by="placed_at", after=after, limit=limit, newest_first=True)
