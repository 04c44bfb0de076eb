"""The customer page's commerce panel: find a product and its stock, hold it, order it from
elsewhere, save it for the customer; their orders, returns and wishlist."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everthread.commerce.errors import LocationNotFound
from everthread.commerce.forms import EndlessAisleForm, ReturnForm
from everthread.commerce.models import Hold, Location, Order, WishlistItem
from everthread.commerce.selectors import (
    customer_commerce,
    order_detail,
    products_with_stock,
    store_locations,
)
from everthread.commerce.services import (
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
from everthread.core.models import Capability
from everthread.core.permissions import requires
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
