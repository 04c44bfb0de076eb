"""Commerce: the catalogue, stock by location, holds, orders, returns and wishlists."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.db.models import Q

from everthread.conversations.models import Journey
from everthread.core.models import Staff, Store
from everthread.customers.models import Customer

# How long a hold keeps an item for a customer unless staff choose otherwise.
HOLD_DEFAULT = datetime.timedelta(hours=48)


class Product(models.Model):
    """A style: what the customer asks for by name; its variants are what is on the shelf."""

    style_code = models.CharField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="GBP")
    image_urls = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return f"{self.name} ({self.style_code})"


class Variant(models.Model):
    """One colour and size of a style, with its SKU (and barcode, when it has one)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(max_length=60, unique=True)
    colour = models.CharField(max_length=60, blank=True)
    size = models.CharField(max_length=30, blank=True)
    barcode = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ("product", "colour", "size", "id")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["barcode"], condition=~Q(barcode=""), name="variant_barcode_unique"
            )
        ]

    def __str__(self) -> str:
        return " ".join(part for part in (self.product.name, self.colour, self.size) if part)

    @property
    def label(self) -> str:
        return ", ".join(part for part in (self.colour, self.size) if part) or self.sku


class Location(models.Model):
    """Where stock is: a store customers visit, the warehouse, or the online shop's stock."""

    class Kind(models.TextChoices):
        STORE = "store", "Store"
        WAREHOUSE = "warehouse", "Warehouse"
        ONLINE = "online", "Online"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    store = models.OneToOneField(
        Store, null=True, blank=True, on_delete=models.PROTECT, related_name="stock_location"
    )

    class Meta:
        ordering = ("kind", "name")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(kind="store", store__isnull=False) | (~Q(kind="store") & Q(store=None)),
                name="location_store_only_for_stores",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        """How staff say it in a sentence: "2 in Leeds, 14 online"."""
        if self.kind == self.Kind.ONLINE:
            return "online"
        if self.kind == self.Kind.WAREHOUSE:
            return "in the warehouse"
        return f"in {self.store.city if self.store and self.store.city else self.name}"


class StockLevel(models.Model):
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="stock")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="stock")
    on_hand = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["variant", "location"], name="stock_once_per_place")
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} at {self.location_id}: {self.on_hand}"


class HoldQuerySet(models.QuerySet["Hold"]):
    def counting(self, at: datetime.datetime) -> HoldQuerySet:
        """Holds that still keep stock back: active and not yet expired."""
        return self.filter(status=Hold.Status.ACTIVE, expires_at__gt=at)


class Hold(models.Model):
    """Stock kept back for one customer at one store until it expires or is released."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Held"
        RELEASED = "released", "Released"
        COLLECTED = "collected", "Collected"

    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="holds")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="holds")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="holds")
    quantity = models.PositiveIntegerField(default=1)
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    objects = HoldQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="hold_at_least_one")
        ]
        indexes: ClassVar = [
            models.Index(fields=["variant", "location", "status", "expires_at"], name="hold_stock"),
            models.Index(fields=["customer", "status"], name="hold_customer"),
            models.Index(fields=["status", "expires_at"], name="hold_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id} for {self.customer_id}"


class Order(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", "Online"
        STORE = "store", "In store"
        PHONE = "phone", "Phone"
        CLICK_AND_COLLECT = "click_and_collect", "Click and collect"

    class Fulfilment(models.TextChoices):
        TAKEN = "taken", "Taken away"
        DELIVERY = "delivery", "Delivery"
        COLLECT = "collect", "Collect in store"

    class Status(models.TextChoices):
        PLACED = "placed", "Placed"
        READY = "ready", "Ready to collect"
        DISPATCHED = "dispatched", "Dispatched"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    number = models.CharField(max_length=40, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    fulfilment = models.CharField(max_length=10, choices=Fulfilment.choices)
    # Where a click-and-collect order is picked up, or the store an in-store order was taken in.
    store = models.ForeignKey(
        Store, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    delivery_address = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLACED)
    currency = models.CharField(max_length=3, default="GBP")
    placed_at = models.DateTimeField()
    created_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    journey = models.ForeignKey(
        Journey, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )

    class Meta:
        ordering = ("-placed_at", "-id")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(fulfilment="collect") | Q(store__isnull=False),
                name="order_collect_names_a_store",
            )
        ]
        indexes: ClassVar = [models.Index(fields=["customer", "placed_at"], name="order_customer")]

    def __str__(self) -> str:
        return self.number

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines.all()), Decimal("0"))

    @property
    def next_statuses(self) -> list[Order.Status]:
        """Where the order may go from here; completed and cancelled orders are settled."""
        if self.status in (self.Status.COMPLETED, self.Status.CANCELLED):
            return []
        ahead: list[Order.Status] = []
        if self.status == self.Status.PLACED and self.fulfilment == self.Fulfilment.COLLECT:
            ahead = [self.Status.READY]
        if self.status == self.Status.PLACED and self.fulfilment == self.Fulfilment.DELIVERY:
            ahead = [self.Status.DISPATCHED]
        return [*ahead, self.Status.COMPLETED, self.Status.CANCELLED]


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


class Return(models.Model):
    """A return or an exchange of an order's lines, carried on one journey across channels."""

    class Kind(models.TextChoices):
        RETURN = "return", "Return"
        EXCHANGE = "exchange", "Exchange"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        COMPLETED = "completed", "Completed"

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="returns")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="returns")
    journey = models.ForeignKey(
        Journey, null=True, blank=True, on_delete=models.SET_NULL, related_name="returns"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    reason = models.CharField(max_length=300)
    channel = models.CharField(max_length=24)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_in = models.ForeignKey(
        Store, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.order_id}"


class ReturnLine(models.Model):
    """One order line going back, and for an exchange the variant going out instead."""

    of_return = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(default=1)
    replacement = models.ForeignKey(
        Variant, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line_id}"


class WishlistItem(models.Model):
    """Something the customer wants, or staff saved for them, in their size."""

    class Source(models.TextChoices):
        WISHLIST = "wishlist", "Wishlist"
        SAVED_FOR_YOU = "saved_for_you", "Saved for you"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="wishlist")
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=14, choices=Source.choices)
    note = models.CharField(max_length=300, blank=True)
    channel = models.CharField(max_length=24, blank=True)
    added_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-added_at", "-id")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["customer", "variant"], name="wishlist_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} for {self.customer_id}"


# The hours a store keeps when no one has set its own: UK high-street trading, Sunday's
# shorter hours by law. Virtual appointments with a host who has no home store keep these
# hours in the organisation's time zone (see services/appointments.py).
DEFAULT_OPENING_HOURS: dict[int, tuple[datetime.time, datetime.time] | None] = {
    **{day: (datetime.time(9, 0), datetime.time(18, 0)) for day in range(6)},
    6: (datetime.time(11, 0), datetime.time(17, 0)),
}


class OpeningHours(models.Model):
    """When a store is open on one day of the week, in the store's own time zone."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    closed = models.BooleanField(default=False, help_text="Closed all day.")
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "opening hours"
        ordering = ("store", "weekday")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["store", "weekday"], name="opening_hours_once_a_day"),
            models.CheckConstraint(
                condition=Q(closed=True) | Q(opens__isnull=False, closes__gt=models.F("opens")),
                name="opening_hours_open_before_close",
            ),
        ]

    def __str__(self) -> str:
        if self.closed:
            return f"{self.store_id} {self.get_weekday_display()}: closed"
        return f"{self.store_id} {self.get_weekday_display()}: {self.opens}–{self.closes}"


class Appointment(models.Model):
    """A styling, fitting, consultation, induction or treatment with a host, in a store or
    over video, prepared beforehand and closed with an outcome."""

    class Kind(models.TextChoices):
        IN_STORE = "in_store", "In store"
        VIRTUAL = "virtual", "Virtual (video)"

    class Purpose(models.TextChoices):
        STYLING = "styling", "Styling"
        FITTING = "fitting", "Fitting"
        CONSULTATION = "consultation", "Consultation"
        GYM_INDUCTION = "gym_induction", "Gym induction"
        SPA = "spa", "Spa"

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="appointments")
    host = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="appointments_hosted")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    # Where an in-store appointment is; for a virtual one, the store it leads to, if any.
    store = models.ForeignKey(
        Store, null=True, blank=True, on_delete=models.PROTECT, related_name="appointments"
    )
    video_link = models.URLField(max_length=500, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    # Preparation: what was asked for, what to pull from stock, what is held for it.
    preparation = models.TextField(blank=True)
    to_pull = models.ManyToManyField(Variant, blank=True, related_name="+")
    holds = models.ManyToManyField(Hold, blank=True, related_name="appointments")
    outcome = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    # The one reminder that may go: a reminder task due at another time is stale and stops.
    reminder_at = models.DateTimeField(null=True, blank=True)
    reminder_status = models.CharField(max_length=12, blank=True)
    reminder_detail = models.CharField(max_length=300, blank=True)
    # Each reschedule or cancellation is a new revision of the calendar invitation.
    revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("starts_at", "id")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(kind="in_store") | Q(store__isnull=False),
                name="appointment_in_store_names_a_store",
            ),
            models.CheckConstraint(
                condition=~Q(kind="virtual") | ~Q(video_link=""),
                name="appointment_virtual_has_a_link",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["host", "starts_at"], name="appointment_host"),
            models.Index(fields=["store", "starts_at"], name="appointment_store"),
            models.Index(fields=["customer", "starts_at"], name="appointment_customer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} for {self.customer_id} at {self.starts_at}"

    @property
    def title(self) -> str:
        """As staff say it: "Virtual styling with Priya Shah"."""
        what = self.get_purpose_display().lower()
        where = "Virtual " + what if self.kind == self.Kind.VIRTUAL else what.capitalize()
        return f"{where} with {self.host}"

    @property
    def place(self) -> str:
        if self.kind == self.Kind.VIRTUAL:
            return "Video call"
        return str(self.store) if self.store else ""
