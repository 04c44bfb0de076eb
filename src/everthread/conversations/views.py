"""The timeline on the customer page, logging a contact, and moving a journey on."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from everthread.conversations.forms import InteractionForm, JourneyForm
from everthread.conversations.selectors import journey_of, journeys_of, timeline_page
from everthread.conversations.services import interaction_record, journey_update
from everthread.conversations.timeline_actions import timeline_actions
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest, request_memo
from everthread.core.models import Capability, Channel
from everthread.core.permissions import requires
from everthread.customers.models import Customer
from everthread.customers.services import customer_open, customer_to_edit


def customer_journeys(request: HttpRequest, customer: Customer) -> list:
    """The customer's journeys, read once per request by whichever section asks first."""
    return request_memo(
        request, ("journeys", customer.pk), lambda: journeys_of(customer_id=customer.pk)
    )


def timeline_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """What the timeline section shows: the page, its filters and the journeys to filter by."""
    channel = request.GET.get("channel", "")
    journey = request.GET.get("journey", "")
    page = timeline_page(
        customer_id=customer.pk,
        channel=channel,
        journey_id=int(journey) if journey.isdigit() else None,
        after=request.GET.get("cursor") or None,
    )
    return {
        "customer": customer,
        "page": page,
        "channel": channel,
        "journey": journey,
        "channels": Channel.choices,
        "journeys": customer_journeys(request, customer),
        "actions": timeline_actions(request.user),
    }


@requires(Capability.VIEW_CUSTOMERS)
def timeline(request: StaffRequest, customer_id: int) -> HttpResponse:
    """A filtered or later page of the timeline: the section alone for HTMX, else the page."""
    customer = customer_open(viewer=request.user, customer_id=customer_id, contact_points=False)
    if not request.htmx:
        query = request.GET.urlencode()
        return redirect(f"{reverse('customers:detail', args=[customer.pk])}?{query}#timeline")
    context = timeline_section(request, customer)
    template = (
        "conversations/_timeline_entries.html"
        if request.GET.get("cursor")
        else "conversations/_timeline.html"
    )
    return render(request, template, {"section": context})


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def interaction_new(request: StaffRequest, customer_id: int) -> HttpResponse:
    if request.method == "GET":
        customer = customer_open(viewer=request.user, customer_id=customer_id)
    else:
        customer = customer_to_edit(actor=request.user, customer_id=customer_id)
    journeys = customer_journeys(request, customer)
    form = InteractionForm(request.POST or None, journeys=journeys)
    if request.method == "POST" and form.is_valid():
        try:
            interaction_record(
                customer=customer,
                staff=request.user,
                draft=form.draft(),
                journey=form.continues(),
                start=form.starts(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Contact logged on the timeline.")
            return redirect("customers:detail", customer_id=customer.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "conversations/interaction_new.html",
        {"customer": customer, "form": form},
        status=status,
    )


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def journey_change(request: StaffRequest, journey_id: int) -> HttpResponse:
    """Move a journey on; GET shows its form (the brief fetches it when opened)."""
    data = request.POST if request.method == "POST" else request.GET
    customer_id = data.get("customer_id", "")
    customer = customer_to_edit(
        actor=request.user, customer_id=int(customer_id) if customer_id.isdigit() else 0
    )
    journey = journey_of(customer=customer, journey_id=journey_id)
    if request.method == "GET":
        context = {"journey": journey, "customer": customer}
        if request.htmx:
            return render(request, "conversations/_journey_form.html", context)
        return render(request, "conversations/journey_change.html", context)
    form = JourneyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status for the journey.")
    else:
        journey_update(
            journey=journey,
            actor=request.user,
            status=form.cleaned_data["status"],
            where_it_stands=form.cleaned_data["where_it_stands"],
        )
        messages.success(request, f"Journey “{journey.title}” updated.")
    return redirect("customers:detail", customer_id=customer.pk)
