"""The continuity brief, "my day", and working a follow-up: take, hand over, complete."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from everthread.conversations.views import customer_journeys
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import customer_read_record, requires
from everthread.customers.models import Customer
from everthread.customers.services import customer_open, customer_to_edit
from everthread.followups.forms import FollowUpForm, HandOverForm, OutcomeForm, next_working_hour
from everthread.followups.selectors import continuity_brief, followup_detail, my_day
from everthread.followups.services import (
    followup_cancel,
    followup_complete,
    followup_hand_over,
    followup_open,
    followup_take,
    notices_read,
)


def brief_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """The thread so far, at the top of the customer page."""
    journeys = customer_journeys(request, customer)
    return {"customer": customer, "brief": continuity_brief(customer=customer, journeys=journeys)}


@requires(Capability.VIEW_CUSTOMERS)
def day(request: StaffRequest) -> HttpResponse:
    """What this member of staff owes today: their follow-ups, their team's queue, replies."""
    return render(request, "followups/my_day.html", {"day": my_day(staff=request.user)})


@requires(Capability.VIEW_CUSTOMERS)
@require_POST
def notices_dismiss(request: StaffRequest) -> HttpResponse:
    notices_read(staff=request.user)
    return redirect("followups:my_day")


@requires(Capability.VIEW_CUSTOMERS)
def followup_page(request: StaffRequest, followup_id: int) -> HttpResponse:
    followup = followup_detail(followup_id=followup_id)
    customer_read_record(viewer=request.user, subject=followup, customer_id=followup.customer_id)
    return render(
        request,
        "followups/followup.html",
        {"followup": followup, "outcome_form": OutcomeForm(), "hand_over_form": HandOverForm()},
    )


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def followup_new(request: StaffRequest, customer_id: int) -> HttpResponse:
    if request.method == "GET":
        customer = customer_open(viewer=request.user, customer_id=customer_id, contact_points=False)
    else:
        customer = customer_to_edit(actor=request.user, customer_id=customer_id)
    journeys = customer_journeys(request, customer)
    initial = {"due_at": next_working_hour(), "kind": request.GET.get("kind", "task")}
    form = FollowUpForm(request.POST or None, journeys=journeys, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            followup = followup_open(customer=customer, actor=request.user, draft=form.draft())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, f"Follow-up with {followup.holder}, due {_when(followup.due_at)}."
            )
            return redirect("customers:detail", customer_id=customer.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "followups/followup_new.html", {"customer": customer, "form": form}, status=status
    )


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def complete(request: StaffRequest, followup_id: int) -> HttpResponse:
    form = OutcomeForm(request.POST)
    if form.is_valid():
        followup = followup_complete(
            followup_id=followup_id, actor=request.user, outcome=form.cleaned_data["outcome"]
        )
        messages.success(request, f"Done: {followup.title}")
        return _back(request, followup.customer_id)
    followup = followup_detail(followup_id=followup_id)
    return render(
        request,
        "followups/followup.html",
        {"followup": followup, "outcome_form": form, "hand_over_form": HandOverForm()},
        status=400,
    )


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def hand_over(request: StaffRequest, followup_id: int) -> HttpResponse:
    form = HandOverForm(request.POST)
    if form.is_valid():
        owner, team = form.holder_value()
        try:
            followup = followup_hand_over(
                followup_id=followup_id,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                owner=owner,
                team=team,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Handed to {followup.holder}.")
            return _back(request, followup.customer_id)
    followup = followup_detail(followup_id=followup_id)
    return render(
        request,
        "followups/followup.html",
        {"followup": followup, "outcome_form": OutcomeForm(), "hand_over_form": form},
        status=400,
    )


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def take(request: StaffRequest, followup_id: int) -> HttpResponse:
    followup = followup_take(followup_id=followup_id, actor=request.user)
    messages.success(request, f"It's yours: {followup.title}")
    return _back(request, followup.customer_id)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def cancel(request: StaffRequest, followup_id: int) -> HttpResponse:
    followup = followup_cancel(
        followup_id=followup_id, actor=request.user, reason=request.POST.get("reason", "")
    )
    messages.success(request, f"Cancelled: {followup.title}")
    return _back(request, followup.customer_id)


def _back(request: StaffRequest, customer_id: int) -> HttpResponse:
    """Back where the member of staff acted from: their day, or the customer's page."""
    if request.POST.get("next") == "my_day":
        return redirect("followups:my_day")
    return redirect("customers:detail", customer_id=customer_id)


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%a %-d %b, %H:%M")
