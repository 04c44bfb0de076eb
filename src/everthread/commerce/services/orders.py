"""Orders from every channel, and returns and exchanges carried on one journey.

An order's number is a contact point of its customer, so recognition finds them by it in
any channel without a lookup of its own.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from everthread.commerce.errors import (
    InvalidOrder,
    InvalidReturn,
    NotEnoughStock,
    OrderConflict,
    ReturnNotFound,
)
from everthread.commerce.models import (
    Hold,
    Order,
    OrderLine,
    Return,
    ReturnLine,
    StockLevel,
    Variant,
)
from everthread.commerce.selectors import variant_by_sku
from everthread.commerce.services.catalogue import CREATED, UNCHANGED, UPDATED
from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import (
    TimelineLine,
    journey_open,
    journey_touch,
    journey_update,
    timeline_write,
)
from everthread.core.models import Capability, Channel, Staff, Store
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.contact_points import ContactKind
from everthread.customers.models import Customer
from everthread.customers.services.contacts import contact_point_attach

# The channel the timeline files each kind of order under.
ORDER_CHANNELS: dict[str, str] = {
    Order.Channel.ONLINE: Channel.APP,
    Order.Channel.STORE: Channel.IN_STORE,
    Order.Channel.PHONE: Channel.PHONE,
    Order.Channel.CLICK_AND_COLLECT: Channel.CLICK_AND_COLLECT,
}


@dataclass(frozen=True)
class OrderLineDraft:
    sku: str
    quantity: int = 1


@dataclass(frozen=True)
class OrderDraft:
    channel: str
    fulfilment: str
    lines: tuple[OrderLineDraft, ...]
    store: Store | None = None
    delivery_address: str = ""
    # Given when the order comes from the till or the web shop; made here for one staff start.
    number: str = ""
    placed_at: datetime.datetime | None = None
    status: str = Order.Status.PLACED
    journey: Journey | None = None


@transaction.atomic
def order_place(*, actor: Staff, customer: Customer, draft: OrderDraft) -> Order:
    """Place an order for the customer: an endless-aisle order staff start for delivery or
    click-and-collect, or one recorded from another channel with its own number."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    _order_check(draft)
    variants = {line.sku: variant_by_sku(line.sku) for line in draft.lines}
    if not draft.number:
        _stock_check(draft, variants)
    order = Order.objects.create(
        number=draft.number or _number_new(),
        customer=customer,
        channel=draft.channel,
        fulfilment=draft.fulfilment,
        store=draft.store,
        delivery_address=draft.delivery_address.strip(),
        status=draft.status,
        currency=variants[draft.lines[0].sku].product.currency,
        placed_at=draft.placed_at or timezone.now(),
        created_by=actor,
        journey=draft.journey,
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            variant=variants[line.sku],
            quantity=line.quantity,
            unit_price=variants[line.sku].product.price,
        )
        for line in draft.lines
    )
    region = organisation_get().phone_region
    contact_point_attach(
        actor=actor, customer=customer, kind=ContactKind.ORDER, value=order.number, region=region
    )
    timeline_write(order_line(order))
    audit_record(actor=actor, action="order.placed", subject=order, customer_id=customer.pk)
    return order


@transaction.atomic
def order_record(*, actor: Staff, customer: Customer, draft: OrderDraft) -> tuple[Order, str]:
    """An order the till or the web shop reports by its own number, as often as it likes:
    new, it is placed; known, only its status moves on; the same again changes nothing.

    Answers the order and CREATED, UPDATED or UNCHANGED.
    """
    if not draft.number.strip():
        raise InvalidOrder(
            "Give the order's number from the system it was placed in.", field="number"
        )
    number = draft.number.strip().upper()
    order = Order.objects.select_for_update().filter(number=number).first()
    if order is None:
        try:
            with transaction.atomic():
                placed = order_place(actor=actor, customer=customer, draft=_numbered(draft, number))
            return placed, CREATED
        except IntegrityError:
            # The same order reported twice at once: the other report placed it first.
            order = Order.objects.select_for_update().get(number=number)
    if order.customer_id != customer.pk:
        raise OrderConflict(
            f"Order {number} belongs to another customer; an order cannot move between "
            "customers (merge the two customers if they are one person).",
            field="number",
        )
    if order.status == draft.status:
        return order, UNCHANGED
    return order_status_set(actor=actor, order=order, status=draft.status), UPDATED


def _numbered(draft: OrderDraft, number: str) -> OrderDraft:
    return OrderDraft(**{**draft.__dict__, "number": number})


@transaction.atomic
def order_status_set(*, actor: Staff, order: Order, status: str) -> Order:
    """Move an order on (ready to collect, dispatched, completed, cancelled) and say so on
    the customer's timeline."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    if status not in Order.Status.values:
        raise InvalidOrder(
            f"{status!r} is not an order status; use one of {', '.join(Order.Status.values)}.",
            field="status",
        )
    if status not in order.next_statuses:
        raise OrderConflict(
            f"Order {order.number} is {order.get_status_display().lower()}: it cannot become "
            f"{Order.Status(status).label.lower()}.",
            field="status",
        )
    was = order.get_status_display()
    order.status = status
    order.save(update_fields=["status"])
    timeline_write(order_line(order))
    audit_record(
        actor=actor,
        action="order.status_changed",
        subject=order,
        customer_id=order.customer_id,
        detail={"from": was, "to": order.get_status_display()},
    )
    return order


def _order_check(draft: OrderDraft) -> None:
    if draft.channel not in Order.Channel.values:
        raise InvalidOrder(f"{draft.channel!r} is not an order channel.", field="channel")
    if draft.fulfilment not in Order.Fulfilment.values:
        raise InvalidOrder(
            f"{draft.fulfilment!r} is not a way to fulfil an order.", field="fulfilment"
        )
    if draft.fulfilment == Order.Fulfilment.COLLECT and draft.store is None:
        raise InvalidOrder("Choose the store the customer will collect from.", field="store")
    if draft.fulfilment == Order.Fulfilment.DELIVERY and not draft.delivery_address.strip():
        raise InvalidOrder("Give the address to deliver to.", field="delivery_address")
    if not draft.lines:
        raise InvalidOrder("Add at least one item to the order.", field="lines")
    if any(line.quantity < 1 for line in draft.lines):
        raise InvalidOrder("Order at least one of each item.", field="quantity")
    if draft.number and Order.objects.filter(number=draft.number).exists():
        raise InvalidOrder(f"There is already an order {draft.number}.", field="number")


def _stock_check(draft: OrderDraft, variants: dict[str, Variant]) -> None:
    """An order staff start is sent from anywhere that has it: refuse what nowhere has."""
    now = timezone.now()
    for line in draft.lines:
        variant = variants[line.sku]
        levels = StockLevel.objects.select_for_update().filter(variant=variant)
        on_hand = sum(level.on_hand for level in levels)
        held = Hold.objects.counting(now).filter(variant=variant).aggregate(n=Sum("quantity"))["n"]
        available = max(on_hand - (held or 0), 0)
        if line.quantity > available:
            raise NotEnoughStock(
                f"{variant} has {available} free anywhere; the order asks for {line.quantity}.",
                field="quantity",
            )


def _number_new() -> str:
    # Random, not sequential: a number read out on the phone must not reveal the next one's.
    return f"ET-{secrets.token_hex(4).upper()}"


def order_line(order: Order) -> TimelineLine:
    lines = list(order.lines.select_related("variant__product"))
    return TimelineLine(
        kind="order",
        object_id=order.pk,
        customer_id=order.customer_id,
        occurred_at=order.placed_at,
        title=f"{order.get_channel_display()} order {order.number}",
        text="\n".join(f"{line.quantity} × {line.variant}" for line in lines),
        channel=ORDER_CHANNELS.get(order.channel, ""),
        journey_id=order.journey_id,
        staff_id=order.created_by_id,
        detail={
            "number": order.number,
            "status": order.get_status_display(),
            "fulfilment": order.get_fulfilment_display(),
            "store": str(order.store) if order.store else "",
            "total": f"{sum(line.total for line in lines):.2f} {order.currency}",
        },
    )


@dataclass(frozen=True)
class ReturnLineDraft:
    order_line_id: int
    quantity: int = 1
    replacement_sku: str = ""  # for an exchange: what goes out instead


@transaction.atomic
def return_start(
    *,
    actor: Staff,
    order: Order,
    kind: str,
    reason: str,
    channel: str,
    lines: tuple[ReturnLineDraft, ...],
    journey: Journey | None = None,
) -> Return:
    """Start a return or an exchange of an order's lines, on the journey it belongs to."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    if kind not in Return.Kind.values:
        raise InvalidReturn(f"{kind!r} is neither a return nor an exchange.", field="kind")
    if not reason.strip():
        raise InvalidReturn(
            "Say why it is going back: the next colleague needs it.", field="reason"
        )
    if channel not in Channel.values:
        raise InvalidReturn(f"{channel!r} is not a channel.", field="channel")
    rows = _return_lines(order, kind, lines)
    if journey is None:
        journey = journey_open(
            customer=order.customer,
            actor=actor,
            kind=Journey.Kind.RETURN,
            title=f"{Return.Kind(kind).label} from order {order.number}",
        )
    returned = Return.objects.create(
        order=order,
        customer=order.customer,
        journey=journey,
        kind=kind,
        reason=reason.strip()[:300],
        channel=channel,
        created_by=actor,
    )
    for row in rows:
        row.of_return = returned
    ReturnLine.objects.bulk_create(rows)
    journey_touch(
        journey=journey,
        channel=channel,
        at=timezone.now(),
        direction=Interaction.Direction.INTERNAL,
    )
    timeline_write(return_line(returned))
    audit_record(
        actor=actor, action="return.started", subject=returned, customer_id=order.customer_id
    )
    return returned


def _return_lines(order: Order, kind: str, lines: tuple[ReturnLineDraft, ...]) -> list[ReturnLine]:
    if not lines:
        raise InvalidReturn("Choose what is going back.", field="lines")
    ordered = {line.pk: line for line in order.lines.all()}
    rows = []
    for draft in lines:
        ordered_line = ordered.get(draft.order_line_id)
        if ordered_line is None:
            raise InvalidReturn(
                f"Order {order.number} has no line {draft.order_line_id}.", field="lines"
            )
        if not 1 <= draft.quantity <= ordered_line.quantity:
            raise InvalidReturn(
                f"Return between 1 and {ordered_line.quantity} of {ordered_line.variant}.",
                field="quantity",
            )
        replacement = variant_by_sku(draft.replacement_sku) if draft.replacement_sku else None
        if kind == Return.Kind.EXCHANGE and replacement is None:
            raise InvalidReturn(
                "An exchange says what the customer gets instead.", field="replacement_sku"
            )
        rows.append(
            ReturnLine(order_line=ordered_line, quantity=draft.quantity, replacement=replacement)
        )
    return rows


@transaction.atomic
def return_complete(*, actor: Staff, return_id: int, store: Store | None) -> Return:
    """Finish the return where the customer is (often a store after a chat): the same
    journey, now resolved."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    returned = (
        Return.objects.select_for_update(of=("self",))
        .select_related("order", "journey")
        .filter(pk=return_id)
        .first()
    )
    if returned is None:
        raise ReturnNotFound(f"There is no return {return_id}.")
    if returned.status == Return.Status.COMPLETED:
        return returned  # a second tap on the button, or a retried post
    now = timezone.now()
    returned.status, returned.completed_at = Return.Status.COMPLETED, now
    returned.completed_by, returned.completed_in = actor, store
    returned.save(update_fields=["status", "completed_at", "completed_by", "completed_in"])
    if returned.journey is not None:
        channel = Channel.IN_STORE if store else returned.channel
        journey_touch(
            journey=returned.journey,
            channel=channel,
            at=now,
            direction=Interaction.Direction.INTERNAL,
        )
        journey_update(journey=returned.journey, actor=actor, status=Journey.Status.RESOLVED)
    timeline_write(return_line(returned))
    audit_record(
        actor=actor, action="return.completed", subject=returned, customer_id=returned.customer_id
    )
    return returned


def return_line(returned: Return) -> TimelineLine:
    lines = list(
        returned.lines.select_related("order_line__variant__product", "replacement__product")
    )
    text = "\n".join(
        f"{line.quantity} × {line.order_line.variant}"
        + (f" → {line.replacement}" if line.replacement else "")
        for line in lines
    )
    return TimelineLine(
        kind="return",
        object_id=returned.pk,
        customer_id=returned.customer_id,
        occurred_at=returned.created_at,
        title=(
            f"{returned.get_kind_display()} from order {returned.order.number}: {returned.reason}"
        ),
        text=text,
        channel=returned.channel if returned.channel in Channel.values else "",
        journey_id=returned.journey_id,
        staff_id=returned.created_by_id,
        detail={
            "status": returned.get_status_display(),
            "completed_in": str(returned.completed_in) if returned.completed_in else "",
            "completed_by": str(returned.completed_by) if returned.completed_by else "",
        },
    )
