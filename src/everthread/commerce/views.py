"""The customer page's commerce panel: find a product and its stock, hold it, order it from
elsewhere, save it for the customer; their orders, returns and wishlist. Appointments: the
store's and my week, booking from the customer page, and one appointment prepared, moved,
cancelled or closed with its outcome."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everthread.commerce.errors import LocationNotFound
from everthread.commerce.forms import (
    AppointmentForm,
    EndlessAisleForm,
    OutcomeForm,
    RescheduleForm,
    ReturnForm,
)
from everthread.commerce.models import Hold, Location, Order, WishlistItem
from everthread.commerce.selectors import (
    appointment_preparation,
    appointment_zone,
    appointments_week,
    customer_commerce,
    order_detail,
    products_with_stock,
    store_locations,
)
from everthread.commerce.services import (
    Booked,
    appointment_book,
    appointment_cancel,
    appointment_record_outcome,
    appointment_reschedule,
    hold_collect,
    hold_place,
    hold_release,
    order_place,
    order_status_set,
    return_complete,
    return_start,
    wishlist_add,
    wishlist_back_in_stock_followup,
    wishlist_remove,
)
from everthread.core.errors import DomainError, InvalidInput
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Staff, Store
from everthread.core.permissions import requires
from everthread.core.schemas import store_coded
from everthread.core.selectors import store_list
from everthread.customers.models import Customer
from everthread.customers.services import customer_open, customer_to_edit


def commerce_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """The panel loads itself after the page: the page's own reads stay within budget."""
    return {"customer": customer}


@requires(Capability.VIEW_CUSTOMERS)
@require_GET
def customer_panel(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = customer_open(viewer=request.user, customer_id=customer_id)
    return render(
        request,
        "commerce/_panel.html",
        {"customer": customer, "commerce": customer_commerce(customer_id=customer.pk)},
    )


@requires(Capability.VIEW_CUSTOMERS)
@require_GET
def product_find(request: StaffRequest, customer_id: int) -> HttpResponse:
    """Search by name, style, SKU or colour; each size and colour with where it is."""
    customer = customer_open(viewer=request.user, customer_id=customer_id)
    q = request.GET.get("q", "").strip()
    context = {
        "customer": customer,
        "q": q,
        "found": products_with_stock(q=q) if q else [],
        "stores": store_locations(),
    }
    template = "commerce/_found.html" if request.htmx else "commerce/find.html"
    return render(request, template, context)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def hold_new(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = customer_to_edit(actor=request.user, customer_id=customer_id)
    place = Location.objects.filter(code=request.POST.get("location", "")).first()
    if place is None:
        raise LocationNotFound("Choose the store to hold it at.", field="location")
    hold = hold_place(
        actor=request.user,
        customer=customer,
        sku=request.POST.get("sku", ""),
        location=place,
        quantity=_whole(request.POST.get("quantity", "1"), field="quantity"),
        expires_at=timezone.now()
        + datetime.timedelta(hours=_whole(request.POST.get("hours", "48"), field="hours")),
    )
    messages.success(
        request, f"Held {hold.variant} at {hold.location} until {_when(hold.expires_at)}."
    )
    return redirect("customers:detail", customer_id=customer.pk)


def _whole(value: str, *, field: str) -> int:
    if not value.strip().isdigit():
        raise InvalidInput(f"{value!r} is not a whole number.", field=field)
    return int(value)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def hold_end(request: StaffRequest, hold_id: int) -> HttpResponse:
    """Collected, or released back to the shelf."""
    if request.POST.get("outcome") == Hold.Status.COLLECTED:
        hold = hold_collect(actor=request.user, hold_id=hold_id)
        messages.success(request, f"Collected: {hold.variant}.")
    else:
        hold = hold_release(actor=request.user, hold_id=hold_id)
        messages.success(request, f"Released: {hold.variant} is back on the shelf.")
    return redirect("customers:detail", customer_id=hold.customer_id)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def order_move(request: StaffRequest, order_id: int) -> HttpResponse:
    """Ready to collect, dispatched, completed or cancelled, from the customer page."""
    order = order_status_set(
        actor=request.user,
        order=order_detail(order_id=order_id),
        status=request.POST.get("status", ""),
    )
    messages.success(request, f"Order {order.number}: {order.get_status_display().lower()}.")
    return redirect("customers:detail", customer_id=order.customer_id)


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def order_new(request: StaffRequest, customer_id: int) -> HttpResponse:
    """Endless aisle: order what this store has not got, for delivery or to collect."""
    customer = _customer_for(request, customer_id)
    initial = {"sku": request.GET.get("sku", ""), "channel": Order.Channel.STORE}
    form = EndlessAisleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            order = order_place(actor=request.user, customer=customer, draft=form.draft())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, f"Order {order.number} placed: {order.get_fulfilment_display().lower()}."
            )
            return redirect("customers:detail", customer_id=customer.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "commerce/order_new.html", {"customer": customer, "form": form}, status=status
    )


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def return_new(request: StaffRequest, order_id: int) -> HttpResponse:
    order = order_detail(order_id=order_id)
    customer = _customer_for(request, order.customer_id)
    form = ReturnForm(request.POST or None, order=order)
    if request.method == "POST" and form.is_valid():
        try:
            returned = return_start(
                actor=request.user,
                order=order,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                channel=form.cleaned_data["channel"],
                lines=form.lines(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, f"{returned.get_kind_display()} started for order {order.number}."
            )
            return redirect("customers:detail", customer_id=customer.pk)
    status = 400 if request.method == "POST" else 200
    context = {"customer": customer, "order": order, "form": form}
    return render(request, "commerce/return_new.html", context, status=status)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def return_finish(request: StaffRequest, return_id: int) -> HttpResponse:
    """Completed where the associate stands: their home store, when they have one."""
    returned = return_complete(
        actor=request.user, return_id=return_id, store=request.user.home_store
    )
    messages.success(
        request, f"{returned.get_kind_display()} from order {returned.order.number} completed."
    )
    return redirect("customers:detail", customer_id=returned.customer_id)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def wishlist_new(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = customer_to_edit(actor=request.user, customer_id=customer_id)
    item = wishlist_add(
        actor=request.user,
        customer=customer,
        sku=request.POST.get("sku", ""),
        source=request.POST.get("source", WishlistItem.Source.SAVED_FOR_YOU),
        note=request.POST.get("note", ""),
        channel=request.POST.get("channel", ""),
    )
    messages.success(request, f"Saved for {customer}: {item.variant}.")
    return redirect("customers:detail", customer_id=customer.pk)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def wishlist_followup(request: StaffRequest, item_id: int) -> HttpResponse:
    followup = wishlist_back_in_stock_followup(actor=request.user, item_id=item_id)
    messages.success(request, f"Follow-up for you: {followup.title}.")
    return redirect("customers:detail", customer_id=followup.customer_id)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def wishlist_delete(request: StaffRequest, item_id: int) -> HttpResponse:
    customer_id = wishlist_remove(actor=request.user, item_id=item_id)
    messages.success(request, "Removed from the wishlist.")
    return redirect("customers:detail", customer_id=customer_id)


def _customer_for(request: StaffRequest, customer_id: int) -> Customer:
    """A form's customer: a view of them to show it, an edit of them to save it."""
    if request.method == "GET":
        return customer_open(viewer=request.user, customer_id=customer_id)
    return customer_to_edit(actor=request.user, customer_id=customer_id)


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%a %-d %b, %H:%M")


def _week_of(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        return timezone.localdate()


def _calendar(
    request: StaffRequest, *, title: str, store: Store | None = None, host: Staff | None = None
) -> HttpResponse:
    """A week of appointments, Monday first; the week arrows swap only the week (HTMX)."""
    week_of = _week_of(request)
    zone = ZoneInfo(store.time_zone) if store else timezone.get_current_timezone()
    days = appointments_week(week_of=week_of, zone=zone, store=store, host=host)
    context = {
        "title": title,
        "zone_name": str(zone),
        "days": days,
        "store": store,
        "stores": store_list(),
        "today": timezone.localdate(),
        "previous_week": days[0].day - datetime.timedelta(days=7),
        "next_week": days[0].day + datetime.timedelta(days=7),
        "empty": not any(day.appointments for day in days),
    }
    template = "commerce/_week.html" if request.htmx else "commerce/calendar.html"
    return render(request, template, context)


@requires(Capability.VIEW_CUSTOMERS)
@require_GET
def appointments_mine(request: StaffRequest) -> HttpResponse:
    return _calendar(request, title="My appointments", host=request.user)


@requires(Capability.VIEW_CUSTOMERS)
@require_GET
def appointments_store(request: StaffRequest, store_code: str) -> HttpResponse:
    store = store_coded(store_code, field="store")
    return _calendar(request, title=f"Appointments at {store}", store=store)


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def appointment_new(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = _customer_for(request, customer_id)
    holds = customer_commerce(customer_id=customer.pk).holds
    initial = {"host": request.user, "store": request.user.home_store, "kind": "in_store"}
    form = AppointmentForm(request.POST or None, initial=initial, customer_holds=holds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        zone = appointment_zone(kind=data["kind"], store=data["store"], host=data["host"])
        try:
            booked = appointment_book(
                actor=request.user,
                customer=customer,
                host=data["host"],
                draft=form.draft(zone=zone),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _booked_message(booked, "Booked"))
            return redirect("commerce:appointment_detail", appointment_id=booked.appointment.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "commerce/appointment_new.html",
        {"customer": customer, "form": form},
        status=status,
    )


def _booked_message(booked: Booked, done: str) -> str:
    appointment = booked.appointment
    said = f"{done}: {appointment.title}, {_when(appointment.starts_at)}."
    if booked.sent is None:
        return said + " The customer has no email or mobile on file to be told."
    outcome = booked.sent.outcome
    if outcome == "allowed":
        return said + " The customer is being told."
    if outcome == "held":
        return said + " The customer will be told in the morning (quiet hours)."
    return said + " The customer was not told: " + " ".join(booked.sent.decision.reasons)


@requires(Capability.VIEW_CUSTOMERS)
@require_GET
def appointment_detail(request: StaffRequest, appointment_id: int) -> HttpResponse:
    return _appointment_page(request, appointment_id)


def _appointment_page(
    request: StaffRequest,
    appointment_id: int,
    *,
    reschedule: RescheduleForm | None = None,
    outcome: OutcomeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    preparation = appointment_preparation(appointment_id=appointment_id, viewer=request.user)
    appointment = preparation.appointment
    customer_open(viewer=request.user, customer_id=appointment.customer_id)  # attributable read
    zone = appointment_zone(kind=appointment.kind, store=appointment.store, host=appointment.host)
    start = appointment.starts_at.astimezone(zone)
    context = {
        "appointment": appointment,
        "preparation": preparation,
        "starts": start,
        "ends": appointment.ends_at.astimezone(zone),
        "reschedule": reschedule
        or RescheduleForm(
            initial={
                "day": start.date(),
                "start": start.time(),
                "minutes": int((appointment.ends_at - appointment.starts_at).total_seconds() // 60),
            }
        ),
        "outcome": outcome or OutcomeForm(),
    }
    return render(request, "commerce/appointment.html", context, status=status)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def appointment_move(request: StaffRequest, appointment_id: int) -> HttpResponse:
    form = RescheduleForm(request.POST)
    if form.is_valid():
        appointment = appointment_preparation(
            appointment_id=appointment_id, viewer=request.user
        ).appointment
        zone = appointment_zone(
            kind=appointment.kind, store=appointment.store, host=appointment.host
        )
        starts_at = datetime.datetime.combine(
            form.cleaned_data["day"], form.cleaned_data["start"], tzinfo=zone
        )
        try:
            booked = appointment_reschedule(
                actor=request.user,
                appointment_id=appointment_id,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=form.cleaned_data["minutes"]),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _booked_message(booked, "Moved"))
            return redirect("commerce:appointment_detail", appointment_id=appointment_id)
    return _appointment_page(request, appointment_id, reschedule=form, status=400)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def appointment_end(request: StaffRequest, appointment_id: int) -> HttpResponse:
    booked = appointment_cancel(
        actor=request.user, appointment_id=appointment_id, reason=request.POST.get("reason", "")
    )
    messages.success(request, _booked_message(booked, "Cancelled"))
    return redirect("commerce:appointment_detail", appointment_id=appointment_id)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def appointment_outcome(request: StaffRequest, appointment_id: int) -> HttpResponse:
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            _, followup = appointment_record_outcome(
                actor=request.user,
                appointment_id=appointment_id,
                outcome=form.cleaned_data["outcome"],
                followup=form.followup(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            said = "Outcome recorded on the timeline."
            if followup is not None:
                said += f" Follow-up for {followup.owner}: {followup.title}."
            messages.success(request, said)
            return redirect("commerce:appointment_detail", appointment_id=appointment_id)
    return _appointment_page(request, appointment_id, outcome=form, status=400)
