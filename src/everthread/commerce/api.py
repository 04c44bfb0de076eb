"""The catalogue, stock and orders over the API, so the brand's systems (the web shop, the
tills, the warehouse) keep them current and staff tools read them; and appointments,
booked, listed, moved, cancelled and closed with an outcome."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status

from everthread.commerce.models import Appointment, Location, Order, OrderLine, Product, Variant
from everthread.commerce.selectors import (
    AppointmentPage,
    Availability,
    ProductPage,
    appointment_get,
    appointments_page,
    availability_summary,
    order_by_number,
    orders_page,
    product_search,
    variant_with_stock,
)
from everthread.commerce.services import (
    CREATED,
    AppointmentDraft,
    OrderDraft,
    OrderLineDraft,
    ProductDraft,
    VariantDraft,
    appointment_book,
    appointment_cancel,
    appointment_record_outcome,
    appointment_reschedule,
    order_record,
    product_upsert,
    stock_set,
)
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import customer_read_record, requires
from everthread.core.schemas import (
    AwareDateTime,
    CustomerRef,
    PageParams,
    StaffRef,
    StoreRef,
    answer_once,
    staff_named,
    store_coded,
)
from everthread.core.selectors import organisation_get
from everthread.customers.errors import CustomerNotFound
from everthread.customers.models import Customer
from everthread.customers.recognition import Clues, recognise
from everthread.customers.selectors import customer_detail
from everthread.customers.services import customer_open, customer_to_edit
from everthread.followups.services import FollowUpDraft
from everthread.outreach.services import Sent

router = Router(tags=["catalogue"])


class VariantIn(Schema):
    sku: str
    colour: str = ""
    size: str = ""
    barcode: str = Field(default="", description="EAN or UPC, when the variant has one.")


class ProductIn(Schema):
    name: str | None = Field(default=None, description="Required for a new product.")
    description: str | None = None
    price: Decimal | None = Field(default=None, description="Required for a new product.")
    currency: str | None = Field(default=None, description="ISO 4217, e.g. GBP.")
    image_urls: list[str] | None = None
    variants: list[VariantIn] = Field(
        default_factory=list, description="Created or updated by SKU; unlisted ones are kept."
    )


class VariantOut(Schema):
    sku: str
    colour: str
    size: str
    barcode: str


class ProductOut(Schema):
    style_code: str
    name: str
    description: str
    price: Decimal
    currency: str
    image_urls: list[str]
    variants: list[VariantOut]
    updated_at: datetime.datetime

    @staticmethod
    def resolve_variants(product: Product) -> list[Variant]:
        return list(product.variants.all())


class ProductPageOut(Schema):
    items: list[ProductOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: ProductPage) -> list[Product]:
        return page.products


class ProductsParams(PageParams):
    q: str = Field(default="", description="Words in the name, style code, a SKU or a colour.")


class StockIn(Schema):
    on_hand: int = Field(ge=0, description="How many are there, as counted.")


class LocationOut(Schema):
    code: str
    name: str
    kind: Location.Kind


class PlaceOut(Schema):
    location: LocationOut
    on_hand: int
    held: int = Field(description="Kept back for customers by active holds.")
    available: int


class StockOut(Schema):
    sku: str
    product: str
    places: list[PlaceOut]
    summary: str = Field(description='As staff say it: "2 in Leeds, 14 online".')


def _stock_out(variant: Variant, places: list[Availability]) -> StockOut:
    return StockOut(
        sku=variant.sku,
        product=variant.product.name,
        places=[
            PlaceOut(
                location=LocationOut.from_orm(place.location),
                on_hand=place.on_hand,
                held=place.held,
                available=place.available,
            )
            for place in places
        ],
        summary=availability_summary(places),
    )


@router.put(
    "/products/{style}",
    response={200: ProductOut, 201: ProductOut},
    summary="Create or update a product by its style code, with its variants",
)
@requires(Capability.MANAGE_CATALOGUE)
def products_put(request: StaffRequest, style: str, payload: ProductIn) -> object:
    product, outcome = product_upsert(
        actor=request.auth,
        draft=ProductDraft(
            style_code=style,
            name=payload.name,
            description=payload.description,
            price=payload.price,
            currency=payload.currency,
            image_urls=payload.image_urls,
            variants=tuple(VariantDraft(**variant.dict()) for variant in payload.variants),
        ),
    )
    return Status(201 if outcome == CREATED else 200, product)


@router.get(
    "/products",
    response=ProductPageOut,
    summary="Search products by name, style code, SKU or colour; by name, a page at a time",
)
@requires()
def products_list(request: StaffRequest, params: Query[ProductsParams]) -> object:
    return product_search(q=params.q, after=params.cursor, limit=params.limit)


@router.put(
    "/stock/{sku}/{location}",
    response=StockOut,
    summary="Set how many of a SKU are at a location (a store's code, warehouse or online)",
)
@requires(Capability.MANAGE_CATALOGUE)
def stock_put(request: StaffRequest, sku: str, location: str, payload: StockIn) -> object:
    stock_set(actor=request.auth, sku=sku, location=location, on_hand=payload.on_hand)
    return _stock_out(*variant_with_stock(sku=sku))


@router.get(
    "/stock/{sku}",
    response=StockOut,
    summary="A SKU's stock in every location: on hand, held for customers, available",
)
@requires()
def stock_read(request: StaffRequest, sku: str) -> object:
    return _stock_out(*variant_with_stock(sku=sku))


class OrderLineIn(Schema):
    sku: str
    quantity: int = Field(default=1, ge=1)


class OrderIn(Schema):
    customer_id: int | None = Field(default=None, description="The customer's Everthread id…")
    contact_point: str | None = Field(
        default=None,
        description="…or any contact point of theirs (email, phone in any format, loyalty id).",
    )
    channel: Order.Channel
    fulfilment: Order.Fulfilment
    status: Order.Status = Order.Status.PLACED
    store: str | None = Field(
        default=None, description="Store code: where it is collected, or was bought."
    )
    delivery_address: str = ""
    placed_at: AwareDateTime | None = None
    lines: list[OrderLineIn] = Field(min_length=1)


class OrderLineOut(Schema):
    sku: str
    product: str
    colour: str
    size: str
    quantity: int
    unit_price: Decimal

    @staticmethod
    def resolve_sku(line: OrderLine) -> str:
        return line.variant.sku

    @staticmethod
    def resolve_product(line: OrderLine) -> str:
        return line.variant.product.name

    @staticmethod
    def resolve_colour(line: OrderLine) -> str:
        return line.variant.colour

    @staticmethod
    def resolve_size(line: OrderLine) -> str:
        return line.variant.size


class OrderOut(Schema):
    number: str
    customer_id: int
    channel: Order.Channel
    fulfilment: Order.Fulfilment
    status: Order.Status
    store: StoreRef | None
    delivery_address: str
    currency: str
    total: Decimal
    placed_at: datetime.datetime
    lines: list[OrderLineOut]

    @staticmethod
    def resolve_lines(order: Order) -> list[OrderLine]:
        return list(order.lines.all())


class OrderPageOut(Schema):
    items: list[OrderOut]
    next_cursor: str | None


def _customer_of(request: StaffRequest, payload: OrderIn) -> Customer:
    """The customer an order names, by id or by any contact point recognised exactly."""
    if payload.customer_id is not None:
        return customer_to_edit(actor=request.auth, customer_id=payload.customer_id)
    if not payload.contact_point:
        raise CustomerNotFound(
            "Say whose order it is: their customer_id or one of their contact points.",
            field="customer_id",
        )
    clues = Clues(contact_point=payload.contact_point)
    found = recognise(clues=clues, region=organisation_get().phone_region).customer
    if found is None:
        raise CustomerNotFound(
            f"Nobody has the contact point {payload.contact_point!r}: create the customer "
            "first (POST /api/v1/customers), then record the order.",
            field="contact_point",
        )
    return customer_to_edit(actor=request.auth, customer_id=found.pk)


@router.put(
    "/orders/{number}",
    response={200: OrderOut, 201: OrderOut},
    tags=["orders"],
    summary="Record an order from the web shop or a till by its number; again, only its "
    "status moves on, and the same again changes nothing",
)
@requires(Capability.EDIT_CUSTOMERS)
def orders_put(request: StaffRequest, number: str, payload: OrderIn) -> object:
    draft = OrderDraft(
        channel=payload.channel,
        fulfilment=payload.fulfilment,
        status=payload.status,
        store=store_coded(payload.store, field="store") if payload.store else None,
        delivery_address=payload.delivery_address,
        placed_at=payload.placed_at,
        number=number,
        lines=tuple(OrderLineDraft(sku=line.sku, quantity=line.quantity) for line in payload.lines),
    )
    order, outcome = order_record(
        actor=request.auth, customer=_customer_of(request, payload), draft=draft
    )
    return Status(201 if outcome == CREATED else 200, order_by_number(number=order.number))


@router.get("/orders/{number}", response=OrderOut, tags=["orders"], summary="Read an order")
@requires(Capability.VIEW_CUSTOMERS)
def orders_read(request: StaffRequest, number: str) -> object:
    order = order_by_number(number=number)
    customer_read_record(viewer=request.auth, subject=order, customer_id=order.customer_id)
    return order


@router.get(
    "/customers/{customer_id}/orders",
    response=OrderPageOut,
    tags=["orders"],
    summary="The customer's orders, newest first, with their lines",
)
@requires(Capability.VIEW_CUSTOMERS)
def orders_list(request: StaffRequest, customer_id: int, params: Query[PageParams]) -> object:
    customer_open(viewer=request.auth, customer_id=customer_id)
    orders, next_cursor = orders_page(
        customer_id=customer_id, after=params.cursor, limit=params.limit
    )
    return {"items": orders, "next_cursor": next_cursor}


appointments_router = Router(tags=["appointments"])


class AppointmentIn(Schema):
    customer_id: int
    host: str = Field(description="The host's username.")
    kind: Appointment.Kind
    purpose: Appointment.Purpose
    starts_at: AwareDateTime
    ends_at: AwareDateTime
    store: str | None = Field(
        default=None, description="Store code: where, in store; the store it leads to, virtual."
    )
    video_link: str = Field(default="", description="Required for a virtual appointment.")
    preparation: str = Field(default="", description="What was asked for, what to have ready.")
    to_pull: list[str] = Field(default_factory=list, description="SKUs to pull from stock.")
    hold_ids: list[int] = Field(
        default_factory=list, description="The customer's holds to have ready."
    )


class RescheduleIn(Schema):
    starts_at: AwareDateTime
    ends_at: AwareDateTime


class CancelIn(Schema):
    reason: str = ""


class NextStepIn(Schema):
    title: str
    due_at: AwareDateTime
    owner: str = Field(description="Username of who owns the next step.")


class OutcomeIn(Schema):
    outcome: str = Field(description="What happened and what was agreed; goes on the timeline.")
    next_step: NextStepIn | None = Field(default=None, description="Opens a follow-up.")


class AppointmentOut(Schema):
    id: int
    customer: CustomerRef
    host: StaffRef
    kind: Appointment.Kind
    purpose: Appointment.Purpose
    store: StoreRef | None
    video_link: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: Appointment.Status
    preparation: str
    to_pull: list[str] = Field(description="SKUs to pull from stock.")
    hold_ids: list[int]
    outcome: str
    reminder_at: datetime.datetime | None = Field(description="When the reminder is due.")
    reminder_status: str = Field(description="The gate's answer to the reminder, once asked.")
    message: str | None = Field(
        default=None,
        description="On a booking, move or cancellation: the gate's answer to telling the "
        "customer (allowed, held or refused), or null when nothing could be sent.",
    )
    followup_id: int | None = Field(default=None, description="The next step's follow-up.")

    @staticmethod
    def resolve_to_pull(appointment: Appointment) -> list[str]:
        return [variant.sku for variant in appointment.to_pull.all()]

    @staticmethod
    def resolve_hold_ids(appointment: Appointment) -> list[int]:
        return [hold.pk for hold in appointment.holds.all()]


class AppointmentPageOut(Schema):
    items: list[AppointmentOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: AppointmentPage) -> list[Appointment]:
        return page.appointments


class AppointmentsParams(PageParams):
    store: str | None = Field(default=None, description="Store code.")
    host: str | None = Field(default=None, description="Host's username.")
    customer_id: int | None = None
    starts_from: AwareDateTime | None = None
    starts_before: AwareDateTime | None = None


def _answer(
    appointment: Appointment, *, sent: Sent | None = None, followup_id: int | None = None
) -> AppointmentOut:
    out = AppointmentOut.from_orm(appointment_get(appointment_id=appointment.pk))
    out.message = sent.outcome if sent else None
    out.followup_id = followup_id
    return out


@appointments_router.post(
    "",
    response={201: AppointmentOut},
    summary="Book an appointment; refused if it overlaps the host's or falls outside opening "
    "hours. The customer is told through the outreach gate (email with an .ics invitation).",
)
@requires(Capability.EDIT_CUSTOMERS)
def appointments_book(request: StaffRequest, payload: AppointmentIn) -> object:
    customer = customer_detail(customer_id=payload.customer_id)

    def write() -> tuple[int, Schema]:
        booked = appointment_book(
            actor=request.auth,
            customer=customer,
            host=staff_named(payload.host, field="host"),
            draft=AppointmentDraft(
                kind=payload.kind,
                purpose=payload.purpose,
                starts_at=payload.starts_at,
                ends_at=payload.ends_at,
                store=store_coded(payload.store, field="store") if payload.store else None,
                video_link=payload.video_link,
                preparation=payload.preparation,
                to_pull=tuple(payload.to_pull),
                hold_ids=tuple(payload.hold_ids),
            ),
        )
        return 201, _answer(booked.appointment, sent=booked.sent)

    return answer_once(request, write)


@appointments_router.get(
    "",
    response=AppointmentPageOut,
    summary="Appointments by store, host, customer and start time, soonest first",
)
@requires(Capability.VIEW_CUSTOMERS)
def appointments_list(request: StaffRequest, params: Query[AppointmentsParams]) -> object:
    return appointments_page(
        store_id=store_coded(params.store, field="store").pk if params.store else None,
        host_id=staff_named(params.host, field="host").pk if params.host else None,
        customer_id=params.customer_id,
        starts_from=params.starts_from,
        starts_before=params.starts_before,
        after=params.cursor,
        limit=params.limit,
    )


@appointments_router.get("/{appointment_id}", response=AppointmentOut, summary="One appointment")
@requires(Capability.VIEW_CUSTOMERS)
def appointments_read(request: StaffRequest, appointment_id: int) -> object:
    return appointment_get(appointment_id=appointment_id)


@appointments_router.post(
    "/{appointment_id}/reschedule",
    response=AppointmentOut,
    summary="Move an appointment: the same rules as booking, a new invitation and reminder",
)
@requires(Capability.EDIT_CUSTOMERS)
def appointments_reschedule(
    request: StaffRequest, appointment_id: int, payload: RescheduleIn
) -> object:
    def write() -> tuple[int, Schema]:
        booked = appointment_reschedule(
            actor=request.auth,
            appointment_id=appointment_id,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
        )
        return 200, _answer(booked.appointment, sent=booked.sent)

    return answer_once(request, write)


@appointments_router.post(
    "/{appointment_id}/cancel",
    response=AppointmentOut,
    summary="Cancel an appointment: the customer is told and not reminded",
)
@requires(Capability.EDIT_CUSTOMERS)
def appointments_cancel(request: StaffRequest, appointment_id: int, payload: CancelIn) -> object:
    def write() -> tuple[int, Schema]:
        booked = appointment_cancel(
            actor=request.auth, appointment_id=appointment_id, reason=payload.reason
        )
        return 200, _answer(booked.appointment, sent=booked.sent)

    return answer_once(request, write)


@appointments_router.post(
    "/{appointment_id}/outcome",
    response=AppointmentOut,
    summary="Record what happened: on the timeline, with a follow-up for the next step",
)
@requires(Capability.EDIT_CUSTOMERS)
def appointments_outcome(request: StaffRequest, appointment_id: int, payload: OutcomeIn) -> object:
    def write() -> tuple[int, Schema]:
        step = payload.next_step
        appointment, followup = appointment_record_outcome(
            actor=request.auth,
            appointment_id=appointment_id,
            outcome=payload.outcome,
            followup=FollowUpDraft(
                title=step.title,
                due_at=step.due_at,
                owner=staff_named(step.owner, field="next_step.owner"),
            )
            if step
            else None,
        )
        return 200, _answer(appointment, followup_id=followup.pk if followup else None)

    return answer_once(request, write)
