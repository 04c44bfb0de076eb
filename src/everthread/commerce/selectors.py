"""Reads of the catalogue and stock that pages, the API and the demo share, with their budgets."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from everthread.commerce.errors import AppointmentNotFound, OrderNotFound, ProductNotFound
from everthread.commerce.models import (
    DEFAULT_OPENING_HOURS,
    Appointment,
    Hold,
    Location,
    OpeningHours,
    Order,
    OrderLine,
    Product,
    Return,
    StockLevel,
    Variant,
    WishlistItem,
)
from everthread.conversations.models import Interaction
from everthread.conversations.selectors import last_contacts
from everthread.core.models import Staff, Store
from everthread.core.pagination import cursor_decode, cursor_encode, time_keyset_page
from everthread.core.selectors import organisation_get
from everthread.notes.models import Note
from everthread.notes.selectors import notes_page


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
    appointments: list[Appointment]  # booked, still to come

    @property
    def is_empty(self) -> bool:
        return not (self.holds or self.orders or self.returns or self.wishes or self.appointments)


RECENT_ORDERS = 10


def customer_commerce(*, customer_id: int) -> CustomerCommerce:
    """Appointments to come, active holds, recent orders with their lines, open returns and
    the wishlist with its stock: at most 8 queries however much the customer has."""
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
        appointments=list(
            _appointments().filter(
                customer_id=customer_id, status=Appointment.Status.BOOKED, ends_at__gt=now
            )
        ),
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


def appointment_place(*, kind: str, store: Store | None, host: Staff) -> Store | None:
    """Whose opening hours an appointment keeps: its store's in store; on video, the host's
    home store's, or (None) the default hours in the organisation's time zone."""
    return store if kind == Appointment.Kind.IN_STORE else host.home_store


def appointment_zone(*, kind: str, store: Store | None, host: Staff) -> ZoneInfo:
    """The time zone an appointment's day and hours are read in."""
    place = appointment_place(kind=kind, store=store, host=host)
    return ZoneInfo(place.time_zone if place else organisation_get().time_zone)


def hours_of(*, store: Store | None, weekday: int) -> tuple[datetime.time, datetime.time] | None:
    """When a store opens and closes on a weekday (Monday 0), its own hours or the default;
    None when it is closed. No store: the default hours. 1 query."""
    row = (
        OpeningHours.objects.filter(store=store, weekday=weekday).first()
        if store is not None
        else None
    )
    return _hours(row, weekday)


def _hours(row: OpeningHours | None, weekday: int) -> tuple[datetime.time, datetime.time] | None:
    if row is None:
        return DEFAULT_OPENING_HOURS.get(weekday)
    if row.closed or row.opens is None or row.closes is None:
        return None
    return row.opens, row.closes


def _appointments() -> QuerySet[Appointment]:
    return Appointment.objects.select_related("customer", "host", "store")


def appointment_get(*, appointment_id: int) -> Appointment:
    """One appointment with what the API shows of it; 3 queries."""
    appointment = (
        _appointments().prefetch_related("to_pull", "holds").filter(pk=appointment_id).first()
    )
    if appointment is None:
        raise AppointmentNotFound(f"There is no appointment {appointment_id}.")
    return appointment


@dataclass(frozen=True)
class AppointmentPage:
    appointments: list[Appointment]
    next_cursor: str | None


def appointments_page(
    *,
    store_id: int | None = None,
    host_id: int | None = None,
    customer_id: int | None = None,
    starts_from: datetime.datetime | None = None,
    starts_before: datetime.datetime | None = None,
    include_cancelled: bool = True,
    after: str | None = None,
    limit: int = 25,
) -> AppointmentPage:
    """Appointments by store, host, customer and start time, soonest first; 3 queries a page,
    keyed by (starts_at, id) so the pages hold still while appointments are booked."""
    rows = _appointments().prefetch_related("to_pull", "holds")
    if store_id is not None:
        rows = rows.filter(store_id=store_id)
    if host_id is not None:
        rows = rows.filter(host_id=host_id)
    if customer_id is not None:
        rows = rows.filter(customer_id=customer_id)
    if starts_from is not None:
        rows = rows.filter(starts_at__gte=starts_from)
    if starts_before is not None:
        rows = rows.filter(starts_at__lt=starts_before)
    if not include_cancelled:
        rows = rows.exclude(status=Appointment.Status.CANCELLED)
    if after:
        moment, last_id = cursor_decode(after, str, int)
        at = datetime.datetime.fromisoformat(moment)
        rows = rows.filter(Q(starts_at__gt=at) | Q(starts_at=at, id__gt=last_id))
    page = list(rows.order_by("starts_at", "id")[: limit + 1])
    if len(page) <= limit:
        return AppointmentPage(page, None)
    last = page[limit - 1]
    return AppointmentPage(page[:limit], cursor_encode(last.starts_at.isoformat(), last.pk))


@dataclass(frozen=True)
class CalendarDay:
    day: datetime.date
    hours: tuple[datetime.time, datetime.time] | None
    appointments: list[Appointment]


def appointments_week(
    *,
    week_of: datetime.date,
    zone: datetime.tzinfo,
    store: Store | None = None,
    host: Staff | None = None,
) -> list[CalendarDay]:
    """A week, Monday first, of a store's or a person's appointments (cancelled ones left
    out), each day with its opening hours: 2 queries for a store, 1 for a person."""
    monday = week_of - datetime.timedelta(days=week_of.weekday())
    start = datetime.datetime.combine(monday, datetime.time(0), tzinfo=zone)
    end = start + datetime.timedelta(days=7)
    rows = _appointments().filter(starts_at__gte=start, starts_at__lt=end)
    rows = rows.exclude(status=Appointment.Status.CANCELLED).order_by("starts_at", "id")
    if store is not None:
        rows = rows.filter(store=store)
    if host is not None:
        rows = rows.filter(host=host)
    by_day: dict[datetime.date, list[Appointment]] = defaultdict(list)
    for appointment in rows:
        by_day[appointment.starts_at.astimezone(zone).date()].append(appointment)
    own = {row.weekday: row for row in OpeningHours.objects.filter(store=store)} if store else {}
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        hours = _hours(own.get(day.weekday()), day.weekday())
        days.append(CalendarDay(day, hours, by_day.get(day, [])))
    return days


@dataclass(frozen=True)
class Preparation:
    """What the host reads before the appointment: the appointment with what to pull and
    what is held, and what was discussed before (the latest notes, the last contacts)."""

    appointment: Appointment
    to_pull: list[tuple[Variant, list[Availability]]]
    holds: list[Hold]
    notes: list[Note]
    last_contacts: list[Interaction]


NOTES_BEFORE = 3


def appointment_preparation(*, appointment_id: int, viewer: Staff) -> Preparation:
    """One appointment prepared: at most 8 queries."""
    appointment = _appointments().filter(pk=appointment_id).first()
    if appointment is None:
        raise AppointmentNotFound(f"There is no appointment {appointment_id}.")
    variants = list(appointment.to_pull.select_related("product"))
    stock = variant_availability(variant_ids=[variant.pk for variant in variants])
    return Preparation(
        appointment=appointment,
        to_pull=[(variant, stock[variant.pk]) for variant in variants],
        holds=list(appointment.holds.select_related("variant__product", "location")),
        notes=notes_page(
            customer_id=appointment.customer_id, viewer=viewer, limit=NOTES_BEFORE
        ).notes,
        last_contacts=last_contacts(customer_id=appointment.customer_id),
    )
